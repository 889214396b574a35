// Prints messages/s on one core over a set of statement records: emails composed to complete MIME
// bytes in memory (decode, rules, channel, block tree, HTML, text, MIME), the same written to a spool
// folder (a file each, written through a rename), and SMS composed to their spool JSON. Every record
// is made to choose the channel measured. The print attachment is left out here (it is the print
// path's cost, measured by bench_pdf); bench/message.sh times whole runs with it.
// Usage: bench_message SOURCE_DIR FILE.jsonl [ROUNDS] [--profile]   (FILE: bench/gen_statements.py --count 10000
// --seed 1); --profile composes emails in memory only, for `perf record`.
// Run under `taskset -c 1`.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/native/native.h"
#include "compiler/sema/check.h"
#include "runtime/render/message/message.h"
#include "runtime/util/util.h"

using namespace missive;

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

/// The records, each made to choose `channel` (email or sms).
std::vector<std::string> Variant(const std::vector<std::string>& lines, const std::string& channel) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto j = nlohmann::json::parse(lines[i]);
    j["consent"] = {{"email", channel == "email"}, {"sms", channel == "sms"}};
    if (!j.contains("email")) j["email"] = "customer" + std::to_string(i) + "@example.org";
    if (!j.contains("phone")) j["phone"] = "+4477009" + std::to_string(10000 + i % 90000);
    out.push_back(j.dump());
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_message SOURCE_DIR FILE.jsonl [ROUNDS]\n");
    return 2;
  }
  const std::string source_dir = argv[1];
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  const bool profile = argc > 4 && std::string(argv[4]) == "--profile";  // emails in memory only, for perf
  std::vector<std::string> lines;
  {
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) lines.push_back(line);
  }
  diag::Sink sink;
  auto checked = sema::Load(source_dir + "/examples/statement/statement.msv", sema::Options{}, sink);
  if (checked) sema::Check(*checked, sink);
  text::FontLibrary fonts;
  auto program = checked && sink.error_count() == 0
                     ? native::Program::Build(std::shared_ptr<sema::Program>(std::move(checked)), fonts, {}, sink)
                     : nullptr;
  if (!program || lines.empty()) {
    std::fprintf(stderr, "bench_message: the statement example does not build, or no records\n");
    return 2;
  }
  auto worker = program->NewWorker();
  native::RunOptions options;
  options.build_print = false;  // no attachment
  render::MessageContext context;
  context.fonts = &fonts;
  context.images = &program->images();
  const std::string spool = (std::filesystem::temp_directory_path() / "missive-bench-spool").string();

  for (const std::string channel : {"email", "sms"}) {
    const auto records = Variant(lines, channel);
    {  // the share of decode, rules and the block tree, without rendering
      const auto start = Clock::now();
      std::size_t made = 0;
      for (int r = 0; r < rounds; ++r)
        for (const auto& line : records) made += worker->Decode(line) && worker->Run(options).message ? 1 : 0;
      std::printf("%-5s %-32s %9.0f /s\n", channel.c_str(), "decode, rules, block tree only",
                  static_cast<double>(made) / Seconds(start));
    }
    for (const bool write : {false, true}) {
      if ((write || channel == "sms") && (profile || (write && channel == "sms"))) continue;
      std::filesystem::remove_all(spool);
      std::size_t made = 0, bytes = 0, failed = 0;
      const auto start = Clock::now();
      for (int r = 0; r < rounds; ++r) {
        for (const auto& line : records) {
          const auto key = worker->Decode(line);
          if (!key) {
            ++failed;
            continue;
          }
          const native::Outcome outcome = worker->Run(options);
          if (!outcome.message) {
            ++failed;
            continue;
          }
          context.idempotency_key = render::IdempotencyKey("bench", *key, channel);
          const render::RenderedMessage m = render::RenderMessage(*outcome.message, context);
          if (!m.error.empty()) ++failed;
          bytes += m.bytes.size();
          ++made;
          if (write) {
            const std::string dir = spool + "/" + util::Sha256Hex(*key).substr(0, 2);
            std::filesystem::create_directories(dir);
            const std::string path = dir + "/" + *key + m.extension;
            std::ofstream(path + ".tmp", std::ios::binary)
                .write(m.bytes.data(), static_cast<std::streamsize>(m.bytes.size()));
            std::filesystem::rename(path + ".tmp", path);
          }
        }
      }
      const double s = Seconds(start);
      std::printf("%-5s %-32s %9.0f /s  (%zu in %.2f s, %.1f KB each, %zu failed)\n", channel.c_str(),
                  write ? "composed and written to a spool" : "composed in memory", static_cast<double>(made) / s, made,
                  s, made ? static_cast<double>(bytes) / static_cast<double>(made) / 1024 : 0.0, failed);
    }
  }
  std::filesystem::remove_all(spool);
  return 0;
}

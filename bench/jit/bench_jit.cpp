// Prints the compiled program's costs on one core: JIT compile time of the statement (O2 and O1
// uncached, O2 from the cache) and of a generated 5,000-line template, then records/s of decode alone,
// decode + rules + channel natively, and the reference evaluator on the same records for scale.
// Usage: bench_jit SOURCE_DIR FILE.jsonl [ROUNDS] [--profile]   (FILE: bench/gen_statements.py --count 1000 --seed 1)
// --profile runs only native decode + rules, ROUNDS times, for `perf record`. Run under `taskset -c 1`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/front/generated_template.h"
#include "compiler/native/native.h"
#include "compiler/sema/check.h"
#include "runtime/data/decode.h"
#include "runtime/data/native_decode.h"
#include "tests/reference/program.h"

using namespace missive;

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

template <class Fn>
void Measure(const char* name, const std::vector<std::string>& lines, int rounds, Fn fn) {
  std::size_t failures = 0;
  const auto start = Clock::now();
  for (int r = 0; r < rounds; ++r)
    for (const auto& line : lines) failures += fn(line) ? 0 : 1;
  const double s = Seconds(start);
  const double records = static_cast<double>(lines.size()) * rounds;
  std::printf("%-40s %10.0f records/s  (%.3f s, %zu rejected)\n", name, records / s, s, failures);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::shared_ptr<sema::Program> Check(std::shared_ptr<sema::Program> checked, diag::Sink& sink) {
  if (checked) sema::Check(*checked, sink);
  return sink.error_count() == 0 ? checked : nullptr;
}

/// Milliseconds to build (lower, compile, instantiate) a checked program, median of 5.
double BuildMs(const std::shared_ptr<sema::Program>& checked, text::FontLibrary& fonts, native::Options options) {
  std::vector<double> ms;
  for (int i = 0; i < 5; ++i) {
    diag::Sink sink;
    auto program = native::Program::Build(checked, fonts, options, sink);
    if (!program) {
      std::fprintf(stderr, "bench_jit: the program does not build\n");
      std::exit(2);
    }
    ms.push_back(program->stats().compile_ms);
  }
  return Median(ms);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_jit SOURCE_DIR FILE.jsonl [ROUNDS] [--profile]\n");
    return 2;
  }
  const std::string source_dir = argv[1];
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  const bool profile = argc > 4 && std::string(argv[4]) == "--profile";
  std::vector<std::string> lines;
  {
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) lines.push_back(line);
  }
  if (lines.empty()) {
    std::fprintf(stderr, "bench_jit: no records in %s\n", argv[2]);
    return 2;
  }
  diag::Sink sink;
  auto checked = Check(sema::Load(source_dir + "/examples/statement/statement.msv", sema::Options{}, sink), sink);
  text::FontLibrary fonts;
  native::Options uncached;
  uncached.use_cache = false;
  auto program = checked ? native::Program::Build(checked, fonts, uncached, sink) : nullptr;
  if (!program) {
    std::fprintf(stderr, "bench_jit: the statement example does not build\n");
    return 2;
  }

  if (!profile) {
    // compile time: JIT only (IR to callable code), uncached and from a warm cache
    const std::string cache_dir = (std::filesystem::temp_directory_path() / "missive-bench-jit-cache").string();
    std::filesystem::remove_all(cache_dir);
    native::Options o1 = uncached;
    o1.opt_level = 1;
    native::Options cached;
    cached.cache_dir = cache_dir;
    BuildMs(checked, fonts, cached);  // fills the cache
    std::printf("statement JIT compile: O2 uncached %.1f ms, O1 uncached %.1f ms, O2 cached %.2f ms (median of 5)\n",
                BuildMs(checked, fonts, uncached), BuildMs(checked, fonts, o1), BuildMs(checked, fonts, cached));
    std::filesystem::remove_all(cache_dir);
    // a 5,000-line template: check, lower, compile (uncached) and instantiate, at each optimisation level
    const std::string big = bench::GenerateTemplate(5000);
    for (int level : {2, 1, 0}) {
      const auto start = Clock::now();
      diag::Sink big_sink;
      auto big_checked = Check(sema::LoadText("big.msv", big, sema::Options{}, big_sink), big_sink);
      native::Options options = uncached;
      options.opt_level = level;
      auto big_program = big_checked ? native::Program::Build(big_checked, fonts, options, big_sink) : nullptr;
      if (!big_program) {
        std::fprintf(stderr, "bench_jit: the generated template does not build\n");
        return 2;
      }
      std::printf("5,000-line template, O%d: check + lower + JIT (uncached) + instantiate %.0f ms (JIT %.0f ms)\n",
                  level, Seconds(start) * 1000, big_program->stats().compile_ms);
    }
  }

  auto worker = program->NewWorker();
  native::RunOptions options;
  options.build_print = false;
  auto native_rules = [&](const std::string& l) { return worker->Decode(l) && !worker->Run(options).rejected(); };
  std::printf("%zu records x %d rounds, one core\n", lines.size(), rounds);
  if (profile) {
    Measure("decode + rules + channel (native)", lines, rounds, native_rules);
    return 0;
  }
  data::JsonDecoder values(program->input());
  data::NativeJsonDecoder native(program->layouts(), program->input());
  Measure("decode, value::Record", lines, rounds,
          [&](const std::string& l) { return values.Decode(l).record != nullptr; });
  Measure("decode, native", lines, rounds, [&](const std::string& l) { return native.Decode(l).record != nullptr; });
  Measure("decode + rules + channel (native)", lines, rounds, native_rules);
  reference::Program reference(checked);
  auto oracle = reference.NewWorker();
  Measure("decode + reference evaluator (for scale)", lines, rounds, [&](const std::string& l) {
    auto d = values.Decode(l);
    return d.record && !oracle->Evaluate(*d.record).rejected();
  });
  return 0;
}

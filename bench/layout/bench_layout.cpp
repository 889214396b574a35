// Prints layout-only pages/s on one core and shaping cache hit rates for the statement over the standard
// and high-cardinality sets, then time per row and peak-memory growth for one record of 5,000–20,000 rows.
// Usage: bench_layout [--rounds N] [STANDARD.jsonl REFS.jsonl]
//   without files, runs bench/gen_statements.py --count 1000 --seed 1 [--refs]. Run under `taskset -c 1`.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "bench/layout/statement_doc.h"
#include "runtime/layout/layout.h"

namespace {

using missive::bench::Statement;
using Clock = std::chrono::steady_clock;
namespace text = missive::text;
namespace layout = missive::layout;

struct Discard : layout::PageSink {
  std::uint64_t pages = 0;
  void OnPage(missive::frame::Page&& page) override {
    ++pages;
    (void)page;
  }
};

std::vector<Statement> Load(const std::string& path, bool refs) {
  std::vector<std::string> lines;
  if (!path.empty()) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  } else {
    std::string command = std::string("python3 ") + MISSIVE_SOURCE_DIR +
                          "/bench/gen_statements.py --count 1000 --seed 1 --out -" + (refs ? " --refs" : "");
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return {};
    std::string line;
    char buffer[1 << 16];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
      line += buffer;
      if (!line.empty() && line.back() == '\n') {
        line.pop_back();
        lines.push_back(std::move(line));
        line.clear();
      }
    }
    pclose(pipe);
  }
  std::vector<Statement> out;
  Statement s;
  for (const std::string& line : lines) {
    if (missive::bench::ParseStatement(line, &s)) out.push_back(std::move(s));
  }
  return out;
}

// kB from /proc/self/status ("VmHWM:", "VmRSS:").
long StatusKb(const char* field) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field));
  }
  return -1;
}

// Resets VmHWM to the current RSS (Linux: "5" to clear_refs), so the next peak is this phase's own.
bool ResetPeak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

struct Pass {
  double seconds = 0;
  std::uint64_t pages = 0, records = 0, rows = 0;
  text::TextEngine::Stats stats;
};

Pass LayOutAll(const std::vector<Statement>& records, const missive::bench::Styles& styles, text::FontLibrary& fonts,
               const text::StaticShapes* statics) {
  text::TextEngine engine(fonts, statics);
  Discard sink;
  Pass pass;
  for (const Statement& s : records) {
    missive::compose::Document doc = BuildDocument(s, styles);  // not timed: the evaluator's work
    const auto start = Clock::now();
    layout::Result r = layout::LayoutDocument(doc, engine, sink);
    pass.seconds += std::chrono::duration<double>(Clock::now() - start).count();
    pass.pages += r.pages;
    pass.rows += s.transactions.size();
    ++pass.records;
  }
  pass.stats = engine.stats();
  return pass;
}

void PrintPass(const char* set, const char* variant, const Pass& p) {
  const auto& st = p.stats;
  const double runs = static_cast<double>(st.shape_calls + st.cache_hits + st.static_hits + st.fast_path_runs);
  const double harfbuzz_path = static_cast<double>(st.shape_calls + st.cache_hits);
  std::printf(
      "%-9s %-10s %5llu records %5llu pages %7.3f s %8.0f pages/s | runs %9.0f: fast %4.1f%% static %4.1f%% "
      "cache %4.1f%% shaped %4.1f%% | cache hit rate %5.1f%%, reused %5.1f%% | cache at end %llu runs, %llu kB\n",
      set, variant, static_cast<unsigned long long>(p.records), static_cast<unsigned long long>(p.pages), p.seconds,
      static_cast<double>(p.pages) / p.seconds, runs, 100.0 * static_cast<double>(st.fast_path_runs) / runs,
      100.0 * static_cast<double>(st.static_hits) / runs, 100.0 * static_cast<double>(st.cache_hits) / runs,
      100.0 * static_cast<double>(st.shape_calls) / runs,
      harfbuzz_path > 0 ? 100.0 * static_cast<double>(st.cache_hits) / harfbuzz_path : 0.0,
      100.0 * static_cast<double>(st.cache_hits + st.static_hits) /
          (harfbuzz_path + static_cast<double>(st.static_hits)),
      static_cast<unsigned long long>(st.cached_runs), static_cast<unsigned long long>(st.cached_bytes / 1024));
}

// One record whose transactions are those of `records` one after the other (running balances go on).
Statement LongRecord(const std::vector<Statement>& records, std::size_t rows) {
  Statement s = records.front();
  s.transactions.clear();
  for (std::size_t i = 0; s.transactions.size() < rows; ++i) {
    for (const auto& t : records[i % records.size()].transactions) {
      if (s.transactions.size() == rows) break;
      s.transactions.push_back(t);
    }
  }
  return s;
}

void LongRecords(const std::vector<Statement>& records, const char* set, const missive::bench::Styles& styles,
                 text::FontLibrary& fonts, const text::StaticShapes* statics) {
  for (std::size_t rows : {5000, 10000, 20000}) {
    missive::compose::Document doc = BuildDocument(LongRecord(records, rows), styles);
    text::TextEngine engine(fonts, statics);
    Discard sink;
    const bool reset = ResetPeak();
    const long hwm_before = StatusKb("VmHWM:");
    const auto start = Clock::now();
    layout::Result r = layout::LayoutDocument(doc, engine, sink);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const long hwm_after = StatusKb("VmHWM:");
    std::printf(
        "%-9s %6zu rows: %4u pages %7.3f s  %.4f ms/row  peak RSS growth %ld kB%s (VmHWM %ld kB)  cache %llu runs, "
        "%llu kB\n",
        set, rows, r.pages, seconds, 1000.0 * seconds / static_cast<double>(rows), hwm_after - hwm_before,
        reset ? "" : " (VmHWM not resettable: growth over the whole run)", hwm_after,
        static_cast<unsigned long long>(engine.stats().cached_runs),
        static_cast<unsigned long long>(engine.stats().cached_bytes / 1024));
  }
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else {
      files.emplace_back(argv[i]);
    }
  }
  if (files.size() != 0 && files.size() != 2) {
    std::fprintf(stderr, "usage: bench_layout [--rounds N] [STANDARD.jsonl REFS.jsonl]\n");
    return 2;
  }
  text::FontLibrary fonts;
  const missive::bench::Styles styles(fonts);
  const auto statics_start = Clock::now();
  auto statics = text::StaticShapes::Build(fonts, missive::bench::StatementStaticText(styles));
  std::printf("static store: %zu runs shaped in %.1f ms\n", statics->size(),
              1000 * std::chrono::duration<double>(Clock::now() - statics_start).count());

  const std::vector<Statement> standard = Load(files.empty() ? "" : files[0], false);
  const std::vector<Statement> refs = Load(files.empty() ? "" : files[1], true);
  if (standard.empty() || refs.empty()) {
    std::fprintf(stderr, "bench_layout: no records (is python3 on PATH?)\n");
    return 2;
  }

  // (b) first, while the heap is small: one long record, time per row and peak memory during its layout.
  LongRecords(refs, "refs", styles, fonts, statics.get());

  // (a) whole sets, the variants alternated (these machines drift; compare within a run), after one untimed
  // pass that takes the first-touch page faults and builds the number tables.
  LayOutAll(standard, styles, fonts, statics.get());
  for (int round = 0; round < rounds; ++round) {
    PrintPass("standard", "static", LayOutAll(standard, styles, fonts, statics.get()));
    PrintPass("standard", "no-static", LayOutAll(standard, styles, fonts, nullptr));
    PrintPass("refs", "static", LayOutAll(refs, styles, fonts, statics.get()));
    PrintPass("refs", "no-static", LayOutAll(refs, styles, fonts, nullptr));
  }
  std::printf("peak RSS of the whole run: %ld kB\n", StatusKb("VmHWM:"));
  return 0;
}

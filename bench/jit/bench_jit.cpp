// Prints records/s (one core) for decode and decode + rules, native + JIT against value::Record + the
// evaluator, and the JIT compile time of the statement's rules uncached and cached.
// Usage: bench_jit SOURCE_DIR FILE.jsonl [ROUNDS] [--profile]   (FILE: bench/gen_statements.py --count 1000 --seed 1)
// --profile runs only native decode + JIT rules, ROUNDS times, for `perf record`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "compiler/eval/program.h"
#include "compiler/jit/jit.h"
#include "compiler/lower/lower.h"
#include "compiler/sema/check.h"
#include "runtime/data/decode.h"
#include "runtime/data/native_decode.h"

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
  std::printf("%-34s %10.0f records/s  (%.3f s, %zu failed)\n", name, records / s, s, failures);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_jit SOURCE_DIR FILE.jsonl [ROUNDS]\n");
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
  std::shared_ptr<sema::Program> checked =
      sema::Load(source_dir + "/examples/statement/statement.msv", sema::Options{}, sink);
  if (!checked) return 2;
  sema::Check(*checked, sink);
  text::FontLibrary fonts;
  auto program = eval::Program::Build(checked, fonts, sink);
  if (sink.error_count() != 0 || !program) {
    std::fprintf(stderr, "bench_jit: the statement example does not build\n");
    return 2;
  }
  abi::Layouts layouts(program->input());
  auto lowered = lower::LowerRules(*checked->modules[0].ast, program->input(), layouts, true);
  if (!lowered.program) return 2;
  for (const auto& u : lowered.unsupported) std::printf("not native: %s\n", u.c_str());
  const lower::RuleProgram& ir = *lowered.program;

  // compile time: uncached (no cache at all), then the same program from a warm cache
  const std::string cache_dir = (std::filesystem::temp_directory_path() / "missive-bench-jit-cache").string();
  std::filesystem::remove_all(cache_dir);
  std::vector<double> uncached_o2, uncached_o1, cached;
  jit::Options no_cache;
  no_cache.use_cache = false;
  for (int i = 0; i < 5; ++i) {
    uncached_o2.push_back(jit::Compile(ir, no_cache).rules->stats().compile_ms);
    jit::Options o1 = no_cache;
    o1.opt_level = 1;
    uncached_o1.push_back(jit::Compile(ir, o1).rules->stats().compile_ms);
  }
  jit::Options with_cache;
  with_cache.cache_dir = cache_dir;
  auto warm = jit::Compile(ir, with_cache);
  for (int i = 0; i < 5; ++i) {
    auto c = jit::Compile(ir, with_cache);
    if (!c.rules->stats().cache_hit) std::printf("cache miss on a warm cache\n");
    cached.push_back(c.rules->stats().compile_ms);
  }
  std::filesystem::remove_all(cache_dir);
  std::printf("JIT compile, O2 uncached: %.1f ms  O1 uncached: %.1f ms  O2 cached: %.2f ms  (median of 5)\n",
              Median(uncached_o2), Median(uncached_o1), Median(cached));

  auto compiled = jit::Compile(ir, no_cache);
  const jit::RulesFn rules = compiled.rules->fn();
  data::JsonDecoder values(program->input());
  data::NativeJsonDecoder native(layouts, program->input());
  auto worker = program->NewWorker();
  eval::EvalOptions options;
  options.build_print = false;
  std::vector<std::byte> lets(ir.lets_size + 16);
  data::Arena lists;  // running_sum results, reset per record

  std::printf("%zu records x %d rounds, one core\n", lines.size(), rounds);
  auto native_rules = [&](const std::string& l) {
    auto d = native.Decode(l);
    if (!d.record) return false;
    MsvRuntimeCtx ctx{0, -1, 0, data::ArenaAllocate, &lists, nullptr, 0, -1};
    lists.Reset();
    return rules(d.record, lets.data(), &ctx) == 0 && ctx.reject_mask == 0;
  };
  if (profile) {
    Measure("decode + JIT rules (all native)", lines, rounds, native_rules);
    return 0;
  }
  Measure("decode, value::Record", lines, rounds,
          [&](const std::string& l) { return values.Decode(l).record != nullptr; });
  Measure("decode, native", lines, rounds, [&](const std::string& l) { return native.Decode(l).record != nullptr; });
  Measure("decode + evaluator (all rules+channel)", lines, rounds, [&](const std::string& l) {
    auto d = values.Decode(l);
    return d.record && !worker->Evaluate(*d.record, options).rejected();
  });
  Measure("decode + JIT rules (all native)", lines, rounds, native_rules);
  // the rules alone (decoding excluded): where the JIT's gain is
  double eval_s = 0, jit_s = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& l : lines) {
      auto v = values.Decode(l);
      auto t0 = Clock::now();
      (void)worker->Evaluate(*v.record, options);
      eval_s += Seconds(t0);
      auto d = native.Decode(l);
      MsvRuntimeCtx ctx{0, -1, 0, data::ArenaAllocate, &lists, nullptr, 0, -1};
      lists.Reset();
      t0 = Clock::now();
      (void)rules(d.record, lets.data(), &ctx);
      jit_s += Seconds(t0);
    }
  }
  const double n = static_cast<double>(lines.size()) * rounds;
  std::printf("%-34s %10.0f records/s\n", "evaluator alone (rules+channel)", n / eval_s);
  std::printf("%-34s %10.0f records/s\n", "JIT rules alone", n / jit_s);
  return 0;
}

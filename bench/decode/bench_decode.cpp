// Prints records/s and MB/s for decoding a JSON Lines file with simdjson On-Demand and with nlohmann/json.
// Usage: bench_decode FILE.jsonl [ROUNDS]   (FILE from bench/gen_statements.py)
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "bench/decode/nlohmann_decoder.h"
#include "runtime/data/decode.h"
#include "tests/data/statement_schema.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Figures {
  double seconds = 0;
  std::size_t records = 0, bad = 0;
};

template <class Fn>
Figures Run(const std::vector<std::string>& lines, int rounds, Fn decode) {
  Figures f;
  auto start = Clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& line : lines) {
      if (!decode(line)) ++f.bad;
      ++f.records;
    }
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return f;
}

void Print(const char* name, const Figures& f, double bytes) {
  std::printf("%-22s %10.0f records/s %8.1f MB/s  (%zu records, %zu with violations, %.3f s)\n", name,
              static_cast<double>(f.records) / f.seconds, bytes / f.seconds / 1e6, f.records, f.bad, f.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_decode FILE.jsonl [ROUNDS]\n");
    return 2;
  }
  int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "bench_decode: cannot read %s\n", argv[1]);
    return 1;
  }
  std::vector<std::string> lines;
  std::size_t total = 0;
  for (std::string line; std::getline(in, line);) {
    total += line.size() + 1;
    lines.push_back(std::move(line));
  }
  auto schema = missive::data::testing::StatementSchema();
  missive::data::JsonDecoder simd(*schema.input);
  missive::data::DecodeResult out;
  auto simd_decode = [&](const std::string& l) { return simd.Decode(l).violations.empty(); };
  auto nl_decode = [&](const std::string& l) { return missive::bench::DecodeWithNlohmann(*schema.input, l, out) == 0; };
  std::printf("%zu lines, %.1f MB, %d rounds, stage 1 kernel: %s\n", lines.size(), static_cast<double>(total) / 1e6,
              rounds, std::string(simdjson::get_active_implementation()->name()).c_str());
  // Alternate the variants (PERFORMANCE.md: machine speed drifts), keep the best round of each.
  Figures best_simd, best_nl;
  for (int r = 0; r < rounds; ++r) {
    Figures s = Run(lines, 1, simd_decode);
    Figures n = Run(lines, 1, nl_decode);
    if (r == 0 || s.seconds < best_simd.seconds) best_simd = s;
    if (r == 0 || n.seconds < best_nl.seconds) best_nl = n;
  }
  Print("simdjson On-Demand", best_simd, static_cast<double>(total));
  Print("nlohmann/json DOM", best_nl, static_cast<double>(total));
  return 0;
}

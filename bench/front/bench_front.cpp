// Prints the time `missive check` needs for a generated template of about 5,000 lines
// (goal: under 200 ms). Usage: bench_front [lines]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/front/generated_template.h"
#include "compiler/sema/check.h"

int main(int argc, char** argv) {
  const int lines = argc > 1 ? std::atoi(argv[1]) : 5000;
  const std::string text = missive::bench::GenerateTemplate(lines);
  std::vector<double> ms;
  std::size_t diagnostics = 0;
  for (int run = 0; run < 7; ++run) {
    const auto start = std::chrono::steady_clock::now();
    missive::diag::Sink sink;
    auto program = missive::sema::LoadText("big.msv", text, missive::sema::Options{}, sink);
    if (program) missive::sema::Check(*program, sink);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    diagnostics = sink.error_count();
  }
  std::sort(ms.begin(), ms.end());
  std::printf("check of a %d-line template: median %.1f ms, min %.1f ms, max %.1f ms (%zu errors; goal < 200 ms)\n",
              static_cast<int>(std::count(text.begin(), text.end(), '\n')), ms[ms.size() / 2], ms.front(), ms.back(),
              diagnostics);
  if (std::getenv("BENCH_FRONT_DUMP")) std::fputs(text.c_str(), stdout);
  return diagnostics == 0 ? 0 : 1;
}

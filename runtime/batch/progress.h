// Progress of a batch run on stderr: a live line on a terminal, plain periodic lines otherwise,
// and the final summary. Timings never go into the manifest (it stays deterministic).
#pragma once

#include <chrono>

#include "runtime/batch/journal.h"
#include "runtime/batch/run.h"

namespace missive::batch {

class ProgressReporter {
 public:
  /// `input_bytes` is the input's size (0 when unknown, e.g. standard input: no ETA then).
  ProgressReporter(Progress mode, std::uint64_t input_bytes);
  void Update(const Totals& totals, std::uint64_t bytes_read);
  void Finish(const Totals& totals);

 private:
  void Print(const Totals& totals, bool final_line);

  std::uint64_t input_bytes_ = 0;
  std::uint64_t bytes_read_ = 0;
  bool tty_ = false;
  bool quiet_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  std::uint64_t first_read_ = 0;
  bool first_ = true;
};

}  // namespace missive::batch

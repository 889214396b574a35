// Rates and counts of a running batch, printed to stderr.
#include "runtime/batch/progress.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace missive::batch {

ProgressReporter::ProgressReporter(Progress mode, std::uint64_t input_bytes)
    : input_bytes_(input_bytes),
      tty_(mode == Progress::Auto && ::isatty(2) != 0),
      quiet_(mode == Progress::Quiet),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressReporter::Update(const Totals& totals, std::uint64_t bytes_read) {
  bytes_read_ = bytes_read;
  if (first_) {
    first_read_ = totals.read - 1;  // records recovered by --resume do not count towards the rate
    first_ = false;
  }
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  const auto interval = tty_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000);
  if (now - last_ < interval) return;
  last_ = now;
  Print(totals, false);
}

void ProgressReporter::Finish(const Totals& totals) { Print(totals, true); }

void ProgressReporter::Print(const Totals& totals, bool final_line) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() + 1e-9;
  std::uint64_t pages = 0;
  for (const auto& [channel, n] : totals.pages) pages += n;
  const double records_per_s = static_cast<double>(totals.read - first_read_) / seconds;
  char line[320];
  if (!final_line) {
    // ETA from the share of the input read so far (records vary in size, bytes do not lie)
    std::string eta;
    if (input_bytes_ > 0 && bytes_read_ > 0) {
      const double share = std::min(1.0, static_cast<double>(bytes_read_) / static_cast<double>(input_bytes_));
      const double left = seconds * (1.0 - share) / share;
      char buffer[48];
      std::snprintf(buffer, sizeof buffer, "  %3.0f%%  ETA %d:%02d", 100.0 * share, static_cast<int>(left) / 60,
                    static_cast<int>(left) % 60);
      eta = buffer;
      if (tty_) {  // a bar on a terminal: [########            ]
        constexpr int kWidth = 24;
        const int filled = static_cast<int>(share * kWidth);
        eta = "  [" + std::string(static_cast<std::size_t>(filled), '#') +
              std::string(static_cast<std::size_t>(kWidth - filled), ' ') + "]" + eta;
      }
    }
    std::snprintf(line, sizeof line, "%s%llu records  %.0f records/s  %llu pages  %.0f pages/s  %llu rejected%s%s",
                  tty_ ? "\r\033[K" : "", static_cast<unsigned long long>(totals.read), records_per_s,
                  static_cast<unsigned long long>(pages), static_cast<double>(pages) / seconds,
                  static_cast<unsigned long long>(totals.rejected), eta.c_str(), tty_ ? "" : "\n");
    std::fputs(line, stderr);
    return;
  }
  if (tty_) std::fputs("\r\033[K", stderr);
  std::string messages;
  for (const auto& [channel, n] : totals.messages) messages += ", " + std::to_string(n) + " " + channel;
  std::snprintf(line, sizeof line,
                "done: %llu read = %llu delivered + %llu rejected (%s); %llu pages%s; "
                "%.2f s, %.0f records/s, %.0f pages/s\n",
                static_cast<unsigned long long>(totals.read), static_cast<unsigned long long>(totals.delivered),
                static_cast<unsigned long long>(totals.rejected),
                totals.Reconciles() ? "reconciled" : "DOES NOT RECONCILE", static_cast<unsigned long long>(pages),
                messages.c_str(), seconds, records_per_s, static_cast<double>(pages) / seconds);
  if (!quiet_ || !totals.Reconciles()) std::fputs(line, stderr);
}

}  // namespace missive::batch

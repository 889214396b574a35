// The program as native code: records decoded into their native layout, then rules, channel
// conditions and the print layout run as JIT-compiled functions that build the block tree through
// the compose runtime. The evaluator stays the reference: a program outside what lowering covers
// runs there entirely, and a record whose native code reports a runtime error is evaluated again
// there, so its reasons are worded exactly as the evaluator words them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/eval/program.h"
#include "compiler/jit/jit.h"
#include "compiler/lower/lower.h"

namespace missive::native {

struct Options {
  bool use_cache = true;  ///< false = `--no-cache`
  int opt_level = 2;
  std::string cache_dir;  ///< empty = jit::DefaultCacheDir()
};

class Worker;

/// The program's main module lowered with the styles of `styles` (which must outlive the result's
/// prototypes); also what `missive check --dump=ir|llvm` prints.
lower::ProgramLowering Lower(const eval::Program& program, eval::Worker& styles, const abi::Layouts& layouts);

/// Immutable after Build; shared by all threads.
class Program {
 public:
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  /// Null with `why` (the constructs not covered, or a JIT error) when the evaluator must run it.
  static std::unique_ptr<Program> Build(const eval::Program& program, const Options& options, std::string* why);

  [[nodiscard]] const jit::Stats& stats() const;
  [[nodiscard]] std::unique_ptr<Worker> NewWorker() const;

  struct Impl;

 private:
  explicit Program(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Per thread: the decoder's arena, the lets, the compose builder, formatters by locale.
class Worker {
 public:
  explicit Worker(const Program::Impl& program);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  /// Decodes one JSON record into its native layout; its key, or nullopt when the line has a violation
  /// (the value decoder then reports it, with the same messages).
  std::optional<std::string> Decode(std::string_view json);

  /// Runs the record Decode accepted last; nullopt after a runtime error in native code (the caller
  /// then evaluates the record with the evaluator, which names the error). `lets` fills Outcome::lets.
  std::optional<eval::Outcome> Evaluate(const eval::EvalOptions& options, bool lets = false);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace missive::native

// The compiled program, built once and run per record by every command (run, eval, test, preview):
// the checked communication lowered to IR and JIT-compiled, its static parts (schema layouts, styles
// with their fonts, block prototypes, images, static text shaped once) instantiated in the runtime.
// This is where the compiler's output meets the runtime; nothing else runs a template.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/jit/jit.h"
#include "compiler/lower/ir.h"
#include "compiler/sema/check.h"
#include "runtime/abi/layout.h"
#include "runtime/compose/block.h"
#include "runtime/compose/message.h"
#include "runtime/data/schema.h"
#include "runtime/media/image.h"
#include "runtime/text/text.h"
#include "runtime/value/value.h"

namespace missive::text {
class StaticShapes;
}

namespace missive::native {

struct Options {
  bool use_cache = true;  ///< false = `--no-cache`
  int opt_level = 2;
  std::string cache_dir;  ///< empty = jit::DefaultCacheDir()
};

/// What one record comes to.
struct Outcome {
  std::vector<std::pair<std::string, value::Value>> lets;  ///< every rule value, in order (when asked for)
  std::string channel;                                     ///< the chosen channel; empty when rejected
  std::vector<std::string> skipped;                        ///< channels whose condition was false, and why
  std::vector<std::string> reject_reasons;                 ///< non-empty ⇔ rejected
  std::unique_ptr<compose::Document> print;   ///< when the chosen channel is print and a document was asked for
  std::unique_ptr<compose::Message> message;  ///< when the chosen channel is email, sms or push
  [[nodiscard]] bool rejected() const { return !reject_reasons.empty(); }
};

struct RunOptions {
  std::optional<std::string> force_channel;  ///< `--channel print`
  /// Build the print document when print is chosen, and an email's attached print document.
  bool build_print = true;
  bool lets = false;  ///< fill Outcome::lets
};

class Worker;

/// Immutable after Build; shared by all threads, each of which makes its own Worker.
class Program {
 public:
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  /// Lowers, compiles and instantiates a checked program. Problems (a construct that cannot be
  /// compiled, a font that cannot be loaded, an image that cannot be read) go to `sink`; null then.
  static std::unique_ptr<Program> Build(std::shared_ptr<const sema::Program> checked, text::FontLibrary& fonts,
                                        const Options& options, diag::Sink& sink);

  [[nodiscard]] const sema::Program& checked() const;
  [[nodiscard]] const lower::Program& ir() const;
  [[nodiscard]] const data::RecordDesc& input() const;
  [[nodiscard]] const abi::Layouts& layouts() const;
  [[nodiscard]] text::FontLibrary& fonts() const;
  /// The template's static text (labels, table headers), shaped once for every thread's text engine.
  [[nodiscard]] const text::StaticShapes* statics() const;
  /// The program's images (for the PDF writer's image XObjects).
  [[nodiscard]] const media::ImageLibrary& images() const;
  /// SHA-256 (hex) of every source file of the program and the compiler version.
  [[nodiscard]] const std::string& version_hash() const;
  [[nodiscard]] const jit::Stats& stats() const;
  /// The letterheads (`page … background "x.pdf"`) of the print layout, resolved against its folder.
  [[nodiscard]] std::vector<std::pair<std::string, source::Span>> letterheads() const;
  /// `file:line:col` of a span.
  [[nodiscard]] std::string Where(source::Span span) const;

  [[nodiscard]] std::unique_ptr<Worker> NewWorker() const;

  struct Impl;

 private:
  explicit Program(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Per thread: the record's arena, the decoder, the block-tree builder, formatters by locale.
class Worker {
 public:
  explicit Worker(const Program::Impl& program);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  /// Decodes one JSON record into its native layout: its key ("" without one), or nullopt when the
  /// line violates the schema (the value decoder then names every violation).
  std::optional<std::string> Decode(std::string_view json);
  /// A record decoded to values (a CSV row) written into its native layout; its key.
  std::string Load(const value::Record& record);

  /// Runs the record decoded or loaded last: rules, channel, layout. Never throws: runtime errors
  /// reject the record with `file:line:col: reason`.
  Outcome Run(const RunOptions& options);
  /// Program value `which` (a test expectation) for the record run last; nullopt with `error` on a
  /// runtime error.
  std::optional<value::Value> Value(int which, std::string* error);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// The record's `@key` value as text ("" when the schema has none or it is absent).
std::string RecordKey(const value::Record& record);

}  // namespace missive::native

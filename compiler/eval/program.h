// A runnable program built from a checked communication: decodes nothing itself, but evaluates a
// decoded record's rules, chooses its channel and builds its print document (block tree).
// This is the reference evaluator; LLVM lowering (issue 3) replaces the per-record interpretation.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/sema/check.h"
#include "runtime/compose/block.h"
#include "runtime/data/schema.h"
#include "runtime/media/image.h"
#include "runtime/text/text.h"
#include "runtime/value/value.h"

namespace missive::text {
class StaticShapes;
}

namespace missive::eval {

/// What one record comes to.
struct Outcome {
  std::vector<std::pair<std::string, value::Value>> lets;  ///< every rule value, in order
  std::string channel;                                     ///< chosen channel; empty when rejected
  std::vector<std::string> fallbacks;                      ///< channels tried before it, with why they were skipped
  std::vector<std::string> reject_reasons;                 ///< non-empty ⇔ rejected
  std::unique_ptr<compose::Document> print;  ///< when the chosen channel is print and a document was asked for
  [[nodiscard]] bool rejected() const { return !reject_reasons.empty(); }
};

struct EvalOptions {
  std::optional<std::string> force_channel;  ///< `--channel print`
  bool build_print = true;                   ///< build the print document when print is chosen
};

class Worker;

/// Immutable after Build; shared by all threads. Each thread makes its own Worker.
class Program {
 public:
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  /// Builds the runtime schema, resolves styles and fonts. Problems (e.g. a font that is not
  /// installed) go to `sink`; returns null when the program cannot run.
  static std::unique_ptr<Program> Build(std::shared_ptr<const sema::Program> checked, text::FontLibrary& fonts,
                                        diag::Sink& sink);

  [[nodiscard]] const data::Schema& schema() const;
  [[nodiscard]] const data::RecordDesc& input() const;
  [[nodiscard]] std::vector<std::string> channels() const;
  [[nodiscard]] const sema::Program& checked() const;
  [[nodiscard]] text::FontLibrary& fonts() const;
  /// The template's static text (labels, table headers), shaped once for every thread's text engine.
  [[nodiscard]] const text::StaticShapes* statics() const;
  /// The program's images (for the PDF writer's image XObjects).
  [[nodiscard]] const media::ImageLibrary& images() const;
  /// SHA-256 (hex) of every source file of the program and the compiler version.
  [[nodiscard]] const std::string& version_hash() const;

  [[nodiscard]] std::unique_ptr<Worker> NewWorker() const;
  /// The source text of a span (to quote an expression in a message).
  [[nodiscard]] std::string SourceText(source::Span span) const;

  struct Impl;

 private:
  explicit Program(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Per-thread evaluation state (style and font caches, formatters).
class Worker {
 public:
  explicit Worker(const Program::Impl& program);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  /// Evaluates rules and channels; builds the print document when print is chosen. Never throws:
  /// runtime failures reject the record with `file:line:col: reason`.
  Outcome Evaluate(const value::Record& record, const EvalOptions& options);

  /// Evaluates an expression of the main module (a test's `expect`) with the rule values and fields
  /// of the record last evaluated. On a runtime failure returns nullopt and sets `error`.
  std::optional<value::Value> EvaluateExpr(const ast::Expr& expr, std::string* error);

  /// For the native layout, which resolves its styles once: `parent` with the style `name` applied, as
  /// seen from module `module` (null = the base style, `name` empty = text properties only). Null with
  /// `error` when a style or font cannot be resolved. The styles live as long as `StyleStorage()`.
  const compose::Style* DeriveStyle(const compose::Style* parent, const std::optional<ast::Ident>& name,
                                    std::size_t module, std::string* error);
  [[nodiscard]] std::shared_ptr<const void> StyleStorage() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// `10pt`, `3mm`, `1.5cm`, `2in` in layout units.
frame::Unit LengthOf(const ast::Expr& e);

/// The record's `@key` value as text ("" when the schema has none or it is absent).
std::string RecordKey(const value::Record& record);

/// JSON text of a value: Decimals as exact JSON numbers, dates as ISO strings.
std::string ValueToJson(const value::Value& value);

}  // namespace missive::eval

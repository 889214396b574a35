// Diagnostics as data: one engine feeds the terminal, `--format json` and (later) SARIF and the LSP.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/source.h"

namespace missive::diag {

enum class Severity : std::uint8_t { Error, Warning, Note };

/// Every diagnostic kind; the list and its stable codes live in codes.def.
enum class Kind : std::uint16_t {
#define DIAG(name, code, severity) name,
#include "compiler/diag/codes.def"
#undef DIAG
};

[[nodiscard]] const char* code_of(Kind kind);
[[nodiscard]] Severity default_severity(Kind kind);
[[nodiscard]] const char* severity_name(Severity severity);

/// A secondary span with its own short message ("first defined here").
struct Label {
  source::Span span;
  std::string message;
};

/// A suggested edit: replace `span` with `replacement`.
struct FixIt {
  source::Span span;
  std::string replacement;
};

/// Messages are lower-case, without a trailing period; names in backticks.
struct Diagnostic {
  Kind kind{};
  Severity severity = Severity::Error;
  source::Span span;
  std::string message;
  std::vector<Label> labels;
  std::vector<std::string> notes;
  std::optional<FixIt> fixit;
};

/// Collects diagnostics; never throws, never stops at the first error.
class Sink {
 public:
  Diagnostic& report(Kind kind, source::Span span, std::string message);
  [[nodiscard]] const std::vector<Diagnostic>& all() const { return diagnostics_; }
  [[nodiscard]] std::size_t error_count() const;
  [[nodiscard]] std::size_t warning_count() const;
  /// Orders by file, then position (stable), so output does not depend on checking order.
  void sort();

 private:
  std::vector<Diagnostic> diagnostics_;
};

struct RenderOptions {
  bool color = false;
};

/// `file:line:col: error[M0203]: message`, the source line, carets, labels and notes.
[[nodiscard]] std::string render_text(const Diagnostic& d, const source::SourceManager& sources,
                                      const RenderOptions& options);
/// One JSON object (one line) per diagnostic.
[[nodiscard]] std::string render_json(const Diagnostic& d, const source::SourceManager& sources);

/// "did you mean `x`?" — the closest candidate by edit distance, if close enough.
[[nodiscard]] std::optional<std::string> closest_name(std::string_view wrong,
                                                      const std::vector<std::string>& candidates);

}  // namespace missive::diag

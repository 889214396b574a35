// Shared pieces of the syntax stage: the decoded input, the error reporter and the ANTLR glue.
// Private to compiler/syntax (ANTLR types never leave this folder).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "MissiveLexer.h"
#include "MissiveParser.h"
#include "antlr4-runtime.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"
#include "compiler/syntax/ast.h"

namespace missive::syntax {

/// Deeper nesting of brackets, braces and interpolations is diagnostic M0601.
inline constexpr int kMaxNesting = 256;
/// Longer operator chains (`a + b + …`, `a.b.c…`, `- - x`, `else if …`) are M0601 too: each link is one
/// level of the AST that later stages walk recursively.
inline constexpr std::size_t kMaxChain = 1024;
/// After this many syntax errors the rest are summarised by one M0602.
inline constexpr std::size_t kMaxSyntaxErrors = 50;

/// The file as code points for ANTLR, with the byte offset of every code point.
struct DecodedText {
  std::u32string code_points;
  std::vector<std::uint32_t> byte_offset;   ///< size code_points.size() + 1
  std::vector<std::uint32_t> invalid_utf8;  ///< byte offsets where an invalid sequence starts
};

[[nodiscard]] DecodedText DecodeUtf8(std::string_view text);

/// Reports syntax diagnostics: at most one per line (later ones on a line are cascades), at most
/// kMaxSyntaxErrors in all.
class Reporter {
 public:
  Reporter(const source::SourceFile& file, source::FileId id, const DecodedText& text, diag::Sink& sink)
      : file_(file), id_(id), text_(text), sink_(sink) {}

  /// Byte span of code points [begin, end).
  [[nodiscard]] source::Span SpanOf(std::size_t cp_begin, std::size_t cp_end) const;
  /// Byte span of one token (empty at the token's start for EOF and conjured tokens).
  [[nodiscard]] source::Span SpanOf(const antlr4::Token* token) const;
  /// Reports unless the line already has an error. Returns whether it was reported.
  bool Report(diag::Kind kind, source::Span span, std::string message);
  [[nodiscard]] std::size_t count() const { return count_; }
  [[nodiscard]] source::FileId file_id() const { return id_; }
  [[nodiscard]] std::string_view source_text() const { return file_.text(); }

 private:
  const source::SourceFile& file_;
  source::FileId id_;
  const DecodedText& text_;
  diag::Sink& sink_;
  std::vector<std::uint32_t> lines_;  ///< lines that have an error, ascending in practice
  std::size_t count_ = 0;
  bool capped_ = false;
};

/// The generated lexer with a `}` that may close nothing and a string that may end at EOF.
class Lexer : public MissiveLexer {
 public:
  using MissiveLexer::MissiveLexer;
  size_t popMode() override;
  std::unique_ptr<antlr4::Token> nextToken() override;
};

/// Table cells are expressions separated by `;`; inside `header { … }` and `row { … }` of a table a
/// line break between two cells counts as that `;` (a zero-width token is inserted).
void InsertCellSeparators(std::vector<std::unique_ptr<antlr4::Token>>& tokens, Lexer& lexer);

/// Reports lexical errors (invalid characters and UTF-8, bad numbers, colours and escapes,
/// unterminated strings and comments) from the token list. Returns false when nesting is too
/// deep to parse (M0601 reported).
bool CheckTokens(const std::vector<antlr4::Token*>& tokens, const DecodedText& text, Reporter& reporter);

/// Our error strategy: our messages, resynchronisation inside the innermost block.
std::shared_ptr<antlr4::ANTLRErrorStrategy> MakeErrorStrategy(Reporter& reporter);

/// Thrown by the depth guard when rule nesting exceeds the limit; caught by Parse.
struct TooDeep {};

/// Counts rule nesting while parsing: expressions nest without brackets too (`if if a then …`),
/// so the token check alone cannot bound the parser's recursion.
class DepthGuard : public antlr4::tree::ParseTreeListener {
 public:
  void enterEveryRule(antlr4::ParserRuleContext* ctx) override;
  void exitEveryRule(antlr4::ParserRuleContext* /*ctx*/) override { --depth_; }
  void visitTerminal(antlr4::tree::TerminalNode* /*node*/) override {}
  void visitErrorNode(antlr4::tree::ErrorNode* /*node*/) override {}
  void Reset() { depth_ = 0; }
  std::size_t deepest_index = 0;  ///< code point index of the token where the limit was hit

 private:
  int depth_ = 0;
};

/// Builds the AST from a parse tree; reports the few errors the grammar accepts on purpose
/// (missing commas, a second default, escapes).
std::unique_ptr<ast::Module> BuildModule(MissiveParser::ModuleContext* tree, Reporter& reporter);

/// Display of a token for messages: `text` in backticks, "a string", "end of file".
[[nodiscard]] std::string Display(const antlr4::Token* token);

}  // namespace missive::syntax

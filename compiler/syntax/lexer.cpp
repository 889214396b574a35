// Decoding the file for ANTLR, the lexer's mode handling, and the checks of lexical errors.
#include <algorithm>
#include <cstdio>

#include "compiler/syntax/syntax_internal.h"
#include "runtime/util/util.h"

namespace missive::syntax {
namespace {

std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string CodePointDisplay(char32_t c) {
  if (c < 0x20 || c == 0x7F || c == 0xFFFD) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
    return buffer;
  }
  std::string out;
  util::AppendUtf8(out, c);
  return "`" + out + "`";
}

/// `\n \t \" \\ \{ \}` and `\u{1F600}` (1 to 6 hex digits, a Unicode scalar value).
bool ValidEscape(std::string_view escape) {
  if (escape.size() == 2) return std::string_view("nt\"\\{}").find(escape[1]) != std::string_view::npos;
  if (escape.size() < 5 || escape.substr(0, 3) != "\\u{" || escape.back() != '}') return false;
  const std::string_view digits = escape.substr(3, escape.size() - 4);
  if (digits.empty() || digits.size() > 6) return false;
  if (!std::all_of(digits.begin(), digits.end(), IsHex)) return false;
  const unsigned long value = std::stoul(std::string(digits), nullptr, 16);
  return value <= 0x10FFFF && !(value >= 0xD800 && value <= 0xDFFF);
}

}  // namespace

DecodedText DecodeUtf8(std::string_view text) {
  DecodedText out;
  out.code_points.reserve(text.size());
  out.byte_offset.reserve(text.size() + 1);
  bool in_invalid_run = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = SequenceLength(lead);
    char32_t value = 0;
    bool valid = length != 0 && i + length <= text.size();
    if (valid) {
      value = length == 1 ? lead : (lead & (0xFF >> (length + 1)));
      for (std::size_t k = 1; k < length && valid; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) valid = false;
        value = (value << 6) | (next & 0x3F);
      }
      // overlong 3/4-byte forms, surrogates and values above U+10FFFF
      if (valid && length == 3 && (value < 0x800 || (value >= 0xD800 && value <= 0xDFFF))) valid = false;
      if (valid && length == 4 && (value < 0x10000 || value > 0x10FFFF)) valid = false;
    }
    out.byte_offset.push_back(static_cast<std::uint32_t>(i));
    if (!valid) {
      if (!in_invalid_run) out.invalid_utf8.push_back(static_cast<std::uint32_t>(i));
      in_invalid_run = true;
      out.code_points.push_back(0xFFFD);
      ++i;
      continue;
    }
    in_invalid_run = false;
    out.code_points.push_back(value);
    i += length;
  }
  out.byte_offset.push_back(static_cast<std::uint32_t>(text.size()));
  return out;
}

source::Span Reporter::SpanOf(std::size_t cp_begin, std::size_t cp_end) const {
  const std::size_t last = text_.code_points.size();
  cp_begin = std::min(cp_begin, last);
  cp_end = std::clamp(cp_end, cp_begin, last);
  return {id_, text_.byte_offset[cp_begin], text_.byte_offset[cp_end]};
}

source::Span Reporter::SpanOf(const antlr4::Token* token) const {
  const std::size_t start = token->getStartIndex();
  const std::size_t stop = token->getStopIndex();
  if (start == INVALID_INDEX || token->getType() == antlr4::Token::EOF) {
    const std::size_t at = start == INVALID_INDEX ? text_.code_points.size() : start;
    return SpanOf(at, at);
  }
  if (stop == INVALID_INDEX || stop + 1 < start) return SpanOf(start, start);
  return SpanOf(start, stop + 1);
}

bool Reporter::Report(diag::Kind kind, source::Span span, std::string message) {
  if (capped_) return false;
  const std::uint32_t line = file_.line_col(span.begin).line;
  if (std::find(lines_.begin(), lines_.end(), line) != lines_.end()) return false;
  lines_.push_back(line);
  if (count_ == kMaxSyntaxErrors) {
    capped_ = true;
    sink_.report(diag::Kind::TooManyErrors, span, "too many syntax errors; the rest of the file is not checked");
    return false;
  }
  ++count_;
  sink_.report(kind, span, std::move(message));
  return true;
}

size_t Lexer::popMode() {
  // A `}` that closes nothing stays in the default mode; the parser reports it.
  if (modeStack.empty()) return mode;
  return MissiveLexer::popMode();
}

std::unique_ptr<antlr4::Token> Lexer::nextToken() {
  if (mode == MissiveLexer::STRING && _input->LA(1) == antlr4::IntStream::EOF) {
    const std::size_t at = _input->index();
    auto token = _factory->create({this, _input}, MissiveLexer::STR_EOF, "", antlr4::Token::DEFAULT_CHANNEL, at, at - 1,
                                  getLine(), getCharPositionInLine());
    MissiveLexer::popMode();
    return token;
  }
  return MissiveLexer::nextToken();
}

void InsertCellSeparators(std::vector<std::unique_ptr<antlr4::Token>>& tokens, Lexer& lexer) {
  enum class Kind { Other, TableBody, Cells };
  struct Frame {
    Kind kind;
    int brackets;  // open `(` and `[` inside this brace level
  };
  std::vector<Frame> frames{{Kind::Other, 0}};
  bool pending_table = false;  // a `table` statement waits for its `{`
  bool pending_cells = false;  // a table's `header` or `row` waits for its `{`
  const antlr4::Token* previous = nullptr;
  std::vector<std::unique_ptr<antlr4::Token>> out;
  out.reserve(tokens.size() + 16);
  for (auto& token : tokens) {
    if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) {
      out.push_back(std::move(token));
      continue;
    }
    const std::size_t type = token->getType();
    Frame& top = frames.back();
    if (top.kind == Kind::Cells && top.brackets == 0 && previous != nullptr && token->getLine() > previous->getLine() &&
        previous->getType() != MissiveLexer::SEMI && previous->getType() != MissiveLexer::LBRACE &&
        type != MissiveLexer::SEMI && type != MissiveLexer::RBRACE) {
      const std::size_t at = previous->getStopIndex() + 1;
      auto semi = std::make_unique<antlr4::CommonToken>(
          std::make_pair<antlr4::TokenSource*, antlr4::CharStream*>(&lexer, lexer.getInputStream()), MissiveLexer::SEMI,
          antlr4::Token::DEFAULT_CHANNEL, at, at - 1);
      semi->setText(";");
      semi->setLine(previous->getLine());
      semi->setCharPositionInLine(previous->getCharPositionInLine() + previous->getText().size());
      out.push_back(std::move(semi));
    }
    switch (type) {
      case MissiveLexer::TABLE: pending_table = true; break;
      case MissiveLexer::HEADER:
      case MissiveLexer::ROW: pending_cells = top.kind == Kind::TableBody && top.brackets == 0; break;
      case MissiveLexer::LPAREN:
      case MissiveLexer::LBRACK: ++top.brackets; break;
      case MissiveLexer::RPAREN:
      case MissiveLexer::RBRACK: top.brackets = std::max(top.brackets - 1, 0); break;
      case MissiveLexer::LBRACE: {
        Kind kind = Kind::Other;
        if (pending_cells)
          kind = Kind::Cells;
        else if (pending_table && top.brackets == 0)
          kind = Kind::TableBody;
        if (kind != Kind::Other || top.brackets == 0) pending_table = pending_cells = false;
        frames.push_back({kind, 0});
        break;
      }
      case MissiveLexer::STR_LBRACE: frames.push_back({Kind::Other, 0}); break;
      case MissiveLexer::RBRACE:
        if (frames.size() > 1) frames.pop_back();
        break;
      default: break;
    }
    previous = token.get();
    out.push_back(std::move(token));
  }
  tokens = std::move(out);
}

bool CheckTokens(const std::vector<antlr4::Token*>& tokens, const DecodedText& text, Reporter& reporter) {
  for (const std::uint32_t offset : text.invalid_utf8) {
    reporter.Report(diag::Kind::InvalidUtf8, {reporter.file_id(), offset, offset + 1}, "invalid UTF-8 in the file");
  }
  std::vector<const antlr4::Token*> open_strings;
  int depth = 0;
  const antlr4::Token* error_run = nullptr;  // first invalid character of a run of adjacent ones
  std::size_t error_run_end = 0;
  auto flush_errors = [&] {
    if (error_run == nullptr) return;
    const char32_t c = text.code_points[error_run->getStartIndex()];
    if (c != 0xFFFD) {  // invalid UTF-8 is reported as such
      reporter.Report(diag::Kind::InvalidCharacter, reporter.SpanOf(error_run->getStartIndex(), error_run_end),
                      "invalid character " + CodePointDisplay(c));
    }
    error_run = nullptr;
  };
  for (const antlr4::Token* token : tokens) {
    const std::size_t type = token->getType();
    if (type == MissiveLexer::ERROR_CHAR) {
      if (error_run != nullptr && token->getStartIndex() == error_run_end) {
        error_run_end = token->getStopIndex() + 1;
        continue;
      }
      flush_errors();
      error_run = token;
      error_run_end = token->getStopIndex() + 1;
      continue;
    }
    flush_errors();
    switch (type) {
      case MissiveLexer::LBRACE:
      case MissiveLexer::LPAREN:
      case MissiveLexer::LBRACK:
      case MissiveLexer::STR_LBRACE: ++depth; break;
      case MissiveLexer::DQUOTE:
        ++depth;
        open_strings.push_back(token);
        break;
      case MissiveLexer::RBRACE:
      case MissiveLexer::RPAREN:
      case MissiveLexer::RBRACK: depth = std::max(depth - 1, 0); break;
      case MissiveLexer::STR_END:
        depth = std::max(depth - 1, 0);
        if (!open_strings.empty()) open_strings.pop_back();
        break;
      case MissiveLexer::STR_NEWLINE:
      case MissiveLexer::STR_EOF: {
        depth = std::max(depth - 1, 0);
        const antlr4::Token* start = open_strings.empty() ? token : open_strings.back();
        if (!open_strings.empty()) open_strings.pop_back();
        auto span = reporter.SpanOf(start);
        span.end = reporter.SpanOf(token).begin;
        reporter.Report(diag::Kind::UnterminatedString, span, "unterminated string");
        break;
      }
      case MissiveLexer::UNTERMINATED_COMMENT: {
        const auto span = reporter.SpanOf(token->getStartIndex(), token->getStartIndex() + 2);
        reporter.Report(diag::Kind::UnterminatedComment, span, "unterminated comment");
        break;
      }
      case MissiveLexer::BAD_NUMBER:
        reporter.Report(diag::Kind::InvalidNumber, reporter.SpanOf(token), "invalid number `" + token->getText() + "`");
        break;
      case MissiveLexer::COLOR: {
        const std::string value = token->getText().substr(1);
        if (value.size() != 6 || !std::all_of(value.begin(), value.end(), IsHex)) {
          reporter.Report(diag::Kind::InvalidNumber, reporter.SpanOf(token),
                          "invalid colour `" + token->getText() + "`, expected `#RRGGBB`");
        }
        break;
      }
      case MissiveLexer::STR_ESCAPE: {
        const std::string escape = token->getText();
        if (!ValidEscape(escape)) {
          reporter.Report(diag::Kind::InvalidEscape, reporter.SpanOf(token), "invalid escape `" + escape + "`");
        }
        break;
      }
      default: break;
    }
    if (depth > kMaxNesting) {
      reporter.Report(diag::Kind::NestingTooDeep, reporter.SpanOf(token),
                      "nesting is deeper than " + std::to_string(kMaxNesting) + " levels");
      return false;
    }
  }
  flush_errors();
  return true;
}

void DepthGuard::enterEveryRule(antlr4::ParserRuleContext* ctx) {
  // About 14 rules per bracket level; anything deeper is nesting without brackets.
  if (++depth_ > 16 * kMaxNesting) {
    deepest_index = ctx->start != nullptr ? ctx->start->getStartIndex() : 0;
    throw TooDeep{};
  }
}

}  // namespace missive::syntax

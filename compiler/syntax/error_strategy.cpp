// Our ANTLR error strategy: messages in Missive's words, and resynchronisation that stays in the
// innermost block when the junk is on one line, so one bad line costs one diagnostic.
#include <algorithm>

#include "compiler/syntax/syntax_internal.h"

namespace missive::syntax {
namespace {

using antlr4::Parser;
using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::misc::IntervalSet;
using P = MissiveParser;

bool IsSoftKeyword(std::size_t type) { return type >= P::COMMUNICATION && type <= P::TTL; }

bool IsExpressionStart(std::size_t type) {
  switch (type) {
    case P::IF:
    case P::NOT:
    case P::MINUS:
    case P::INT:
    case P::DECIMAL:
    case P::BAD_NUMBER:
    case P::LENGTH:
    case P::FRACTION:
    case P::COLOR:
    case P::DQUOTE:
    case P::TRUE:
    case P::FALSE:
    case P::NONE:
    case P::IDENT:
    case P::DOT:
    case P::LPAREN:
    case P::LBRACE:
    case P::LBRACK: return true;
    default: return IsSoftKeyword(type);
  }
}

std::string TokenTypeDisplay(std::size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
  switch (type) {
    case Token::EOF: return "end of file";
    case P::IDENT: return "a name";
    case P::INT:
    case P::DECIMAL:
    case P::BAD_NUMBER: return "a number";
    case P::LENGTH: return "a length";
    case P::FRACTION: return "a fraction";
    case P::COLOR: return "a colour";
    case P::DQUOTE: return "a string";
    case P::LBRACE: return "`{`";
    case P::RBRACE: return "`}`";
    case P::STR_END: return "`\"`";
    case P::STR_TEXT:
    case P::STR_ESCAPE: return "text";
    case P::STR_LBRACE: return "`{`";
    case P::STR_NEWLINE: return "end of line";
    case P::STR_EOF: return "end of file";
    default: break;
  }
  std::string literal = vocabulary.getLiteralName(type);
  if (literal.size() >= 2 && literal.front() == '\'') literal = literal.substr(1, literal.size() - 2);
  if (literal.empty()) return "a token";
  return "`" + literal + "`";
}

/// "a name", "`}`", "an expression"… joined with commas and "or"; empty when the set is too
/// large to be a useful hint.
std::string DescribeExpected(const IntervalSet& set, const antlr4::dfa::Vocabulary& vocabulary) {
  std::vector<std::size_t> types;
  for (const auto& interval : set.getIntervals()) {
    for (ssize_t t = interval.a; t <= interval.b; ++t) types.push_back(static_cast<std::size_t>(t));
  }
  std::vector<std::string> phrases;
  const bool expression = set.contains(static_cast<std::size_t>(P::INT)) &&
                          set.contains(static_cast<std::size_t>(P::DQUOTE)) &&
                          set.contains(static_cast<std::size_t>(P::LPAREN));
  const bool name = set.contains(static_cast<std::size_t>(P::IDENT));
  if (expression)
    phrases.push_back("an expression");
  else if (name)
    phrases.push_back("a name");
  for (const std::size_t t : types) {
    if (expression && IsExpressionStart(t)) continue;
    if (name && (t == P::IDENT || IsSoftKeyword(t))) continue;
    if (t == P::SEMI) continue;  // a separator is never the interesting part
    if (t == static_cast<std::size_t>(Token::EPSILON)) continue;
    const std::string phrase = TokenTypeDisplay(t, vocabulary);
    if (std::find(phrases.begin(), phrases.end(), phrase) == phrases.end()) phrases.push_back(phrase);
  }
  if (expression) return phrases[0];  // the keywords that may precede it are noise
  if (phrases.empty() || phrases.size() > 4) return {};
  std::string out = phrases[0];
  for (std::size_t i = 1; i < phrases.size(); ++i) out += (i + 1 == phrases.size() ? " or " : ", ") + phrases[i];
  return out;
}

bool IsBlockRule(std::size_t rule) {
  return rule == P::RuleBlock || rule == P::RuleCellBlock || rule == P::RuleTableBody || rule == P::RulePageBlock;
}

bool IsExpressionRule(std::size_t rule) {
  switch (rule) {
    case P::RuleExpr:
    case P::RuleIfPrefix:
    case P::RuleWhereExpr:
    case P::RuleOrExpr:
    case P::RuleAndExpr:
    case P::RuleNotExpr:
    case P::RuleCmpExpr:
    case P::RuleAddExpr:
    case P::RuleMulExpr:
    case P::RuleUnaryExpr:
    case P::RulePostfixExpr:
    case P::RulePostfixOp:
    case P::RulePrimary:
    case P::RuleExprName: return true;
    default: return false;
  }
}

std::string StartText(const ParserRuleContext* ctx) {
  if (ctx == nullptr || ctx->start == nullptr || ctx->start->getType() == Token::EOF) return "";
  return ctx->start->getText();
}

/// "in `row`", "in a rule", "at the top level": where the parser was when it gave up.
std::string Where(ParserRuleContext* ctx) {
  for (; ctx != nullptr; ctx = dynamic_cast<ParserRuleContext*>(ctx->parent)) {
    const std::size_t rule = ctx->getRuleIndex();
    if (rule == P::RulePrimary) {
      if (dynamic_cast<P::RecordLitContext*>(ctx) != nullptr) return "in a record literal";
      if (dynamic_cast<P::ListLitContext*>(ctx) != nullptr) return "in a list";
    }
    if (IsExpressionRule(rule)) continue;
    if (IsBlockRule(rule)) {
      const std::string opener = StartText(dynamic_cast<ParserRuleContext*>(ctx->parent));
      if (!opener.empty()) return "in `" + opener + "`";
      continue;
    }
    switch (rule) {
      case P::RuleModule: return "at the top level";
      case P::RuleSchemaDecl: return "in `schema`";
      case P::RuleRecordDecl:
      case P::RuleFieldDecl:
      case P::RuleFieldExtra:
      case P::RuleAnnotation: return "in a record";
      case P::RuleRulesDecl:
      case P::RuleRuleItem: return "in a rule";
      case P::RuleFnDecl: return "in a function";
      case P::RuleStyleDecl:
      case P::RuleStyleProp:
      case P::RuleStyleValue: return "in a style";
      case P::RuleComponentDecl: return "in a component";
      case P::RuleLayoutDecl:
      case P::RuleLayoutItem: return "in a layout";
      case P::RulePageSetup:
      case P::RulePageSlot:
      case P::RuleFirstSlots: return "in the page setup";
      case P::RuleTableItem:
      case P::RuleCell: return "in a table";
      case P::RuleChannelsDecl:
      case P::RuleChannelEntry: return "in `channels`";
      case P::RuleTestDecl:
      case P::RuleTestItem: return "in a test";
      case P::RuleString:
      case P::RuleStringPart: return "in a string";
      case P::RuleCallArgs:
      case P::RuleArg: return "in the arguments of a call";
      default: break;
    }
  }
  return "here";
}

Token* PreviousToken(Parser* parser, const Token* token) {
  auto* stream = dynamic_cast<antlr4::BufferedTokenStream*>(parser->getTokenStream());
  if (stream == nullptr || token == nullptr || token->getTokenIndex() == INVALID_INDEX) return nullptr;
  for (std::size_t i = token->getTokenIndex(); i-- > 0;) {
    Token* t = stream->get(i);
    if (t->getChannel() == Token::DEFAULT_CHANNEL) return t;
  }
  return nullptr;
}

class ErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit ErrorStrategy(Reporter& reporter) : reporter_(reporter) {}

  void reportError(Parser* parser, const antlr4::RecognitionException& e) override {
    if (inErrorRecoveryMode(parser)) return;
    if (const auto* nva = dynamic_cast<const antlr4::NoViableAltException*>(&e)) {
      reportNoViableAlternative(parser, *nva);
    } else if (const auto* mismatch = dynamic_cast<const antlr4::InputMismatchException*>(&e)) {
      reportInputMismatch(parser, *mismatch);
    } else {
      beginErrorCondition(parser);
      Emit(diag::Kind::UnexpectedToken, e.getOffendingToken(),
           "unexpected " + Display(e.getOffendingToken()) + " " + Where(parser->getContext()));
    }
  }

  void sync(Parser* parser) override {
    if (inErrorRecoveryMode(parser)) return;
    antlr4::atn::ATNState* state = parser->getInterpreter<antlr4::atn::ATNSimulator>()->atn.states[parser->getState()];
    const std::size_t la = parser->getTokenStream()->LA(1);
    // At the end of the file the failing match says what is missing ("expected `}` to close …").
    if (la == Token::EOF) return;
    const IntervalSet next = parser->getATN().nextTokens(state);
    if (next.contains(la) || next.contains(Token::EPSILON)) return;
    switch (state->getStateType()) {
      case antlr4::atn::ATNState::BLOCK_START:
      case antlr4::atn::ATNState::STAR_BLOCK_START:
      case antlr4::atn::ATNState::PLUS_BLOCK_START:
        if (singleTokenDeletion(parser) != nullptr) return;
        throw antlr4::InputMismatchException(parser);
      case antlr4::atn::ATNState::STAR_LOOP_ENTRY: {
        if (singleTokenDeletion(parser) != nullptr) return;
        // A list that has not started yet (`MINUS*` before an operand) is a missing operand;
        // the items of an opened block or bracket skip the junk and carry on.
        ParserRuleContext* ctx = parser->getContext();
        if (ctx->getRuleIndex() != P::RuleModule && ctx->children.empty()) {
          throw antlr4::InputMismatchException(parser);
        }
        reportUnwantedToken(parser);
        SkipJunk(parser);
        break;
      }
      case antlr4::atn::ATNState::PLUS_LOOP_BACK:
      case antlr4::atn::ATNState::STAR_LOOP_BACK:
        reportUnwantedToken(parser);
        SkipJunk(parser);
        break;
      default: break;
    }
  }

 protected:
  /// ANTLR drops one token when the next one fits. Never a `}` (blocks would stop matching up) and
  /// never across a line break (the next line is its own statement, not the rest of this one).
  Token* singleTokenDeletion(Parser* parser) override {
    antlr4::TokenStream* tokens = parser->getTokenStream();
    const std::size_t line = tokens->LT(1)->getLine();
    if (tokens->LA(1) == P::RBRACE || tokens->LT(2)->getLine() != line) return nullptr;
    if (Token* previous = tokens->LT(-1); previous != nullptr && previous->getLine() != line) return nullptr;
    return DefaultErrorStrategy::singleTokenDeletion(parser);
  }

  /// ANTLR conjures a missing token when the next one fits after it. Never an opening bracket:
  /// `styl s` is not a call missing its `(`, and the conjured `(` would swallow the next line.
  bool singleTokenInsertion(Parser* parser) override {
    const IntervalSet expected = getExpectedTokens(parser);
    for (const std::size_t opener : {P::LPAREN, P::LBRACE, P::LBRACK}) {
      if (expected.contains(opener)) return false;
    }
    return DefaultErrorStrategy::singleTokenInsertion(parser);
  }

  void reportNoViableAlternative(Parser* parser, const antlr4::NoViableAltException& e) override {
    beginErrorCondition(parser);
    Token* found = e.getOffendingToken();
    ParserRuleContext* ctx = parser->getContext();
    const std::size_t rule = ctx != nullptr ? ctx->getRuleIndex() : static_cast<std::size_t>(P::RuleModule);
    Token* previous = PreviousToken(parser, found);
    const std::string after = previous != nullptr ? " after `" + previous->getText() + "`" : "";
    std::string message;
    if (rule == P::RuleTypeRef) {
      message = "expected a type" + after + ", found " + Display(found);
    } else if (IsExpressionRule(rule)) {
      message = "expected an expression" + after + ", found " + Display(found);
    } else if (e.getStartToken() == found) {
      message = Expected(parser, parser->getExpectedTokens(), found);
    } else {  // the decision failed further ahead than the current state's expected tokens
      message = "unexpected " + Display(found) + " " + Where(ctx);
    }
    Emit(diag::Kind::UnexpectedToken, found, std::move(message));
  }

  void reportInputMismatch(Parser* parser, const antlr4::InputMismatchException& e) override {
    beginErrorCondition(parser);
    Emit(diag::Kind::UnexpectedToken, e.getOffendingToken(),
         Expected(parser, e.getExpectedTokens(), e.getOffendingToken()));
  }

  void reportUnwantedToken(Parser* parser) override {
    if (inErrorRecoveryMode(parser)) return;
    beginErrorCondition(parser);
    Token* found = parser->getCurrentToken();
    const std::size_t type = found->getType();
    // A closing bracket that an enclosing construct is waiting for: the current one was not closed.
    if ((type == P::RBRACE || type == P::RBRACK || type == P::RPAREN) && getErrorRecoverySet(parser).contains(type)) {
      if (std::string closing = Closing(parser->getContext(), parser->getExpectedTokens()); !closing.empty()) {
        Emit(diag::Kind::MissingToken, found, closing + ", found " + Display(found));
        return;
      }
    }
    Emit(diag::Kind::UnexpectedToken, found,
         "unexpected " + DisplayRun(parser, found) + " " + Where(parser->getContext()));
  }

  void reportMissingToken(Parser* parser) override {
    if (inErrorRecoveryMode(parser)) return;
    beginErrorCondition(parser);
    Token* found = parser->getCurrentToken();
    Emit(diag::Kind::MissingToken, found, Expected(parser, getExpectedTokens(parser), found));
  }

 private:
  /// "expected `}` to close `schema`, found `@`", "expected a name after `record`, found `{`".
  std::string Expected(Parser* parser, const IntervalSet& expected, Token* found) {
    ParserRuleContext* ctx = parser->getContext();
    if (std::string closing = Closing(ctx, expected); !closing.empty()) return closing + ", found " + Display(found);
    Token* previous = PreviousToken(parser, found);
    const std::string after = previous != nullptr ? " after `" + previous->getText() + "`" : "";
    if (ctx != nullptr && ctx->getRuleIndex() == P::RuleTypeRef &&
        expected.contains(static_cast<std::size_t>(P::IDENT))) {
      return "expected a type" + after + ", found " + Display(found);
    }
    if (ctx != nullptr && IsExpressionRule(ctx->getRuleIndex()) &&
        expected.contains(static_cast<std::size_t>(P::INT))) {
      return "expected an expression" + after + ", found " + Display(found);
    }
    const std::string description = DescribeExpected(expected, parser->getVocabulary());
    if (description.empty()) return "unexpected " + Display(found) + " " + Where(ctx);
    return "expected " + description + after + ", found " + Display(found);
  }

  /// "expected `}` to close `schema`" when the current rule opened a bracket it still has to close.
  static std::string Closing(ParserRuleContext* ctx, const IntervalSet& expected) {
    if (ctx == nullptr) return {};
    struct Pair {
      std::size_t open, close;
      const char* text;
    };
    static constexpr Pair kPairs[] = {
        {P::LBRACE, P::RBRACE, "}"}, {P::LBRACK, P::RBRACK, "]"}, {P::LPAREN, P::RPAREN, ")"}};
    for (const Pair& pair : kPairs) {
      if (!expected.contains(pair.close) || ctx->getToken(pair.open, 0) == nullptr ||
          ctx->getToken(pair.close, 0) != nullptr) {
        continue;
      }
      std::string opener;
      if (IsBlockRule(ctx->getRuleIndex()))
        opener = "`" + StartText(dynamic_cast<ParserRuleContext*>(ctx->parent)) + "`";
      else if (dynamic_cast<P::RecordLitContext*>(ctx) != nullptr)
        opener = "the record literal";
      else if (dynamic_cast<P::ListLitContext*>(ctx) != nullptr)
        opener = "the list";
      else if (ctx->getRuleIndex() == P::RuleCallArgs)
        opener = "the arguments";
      else
        opener = "`" + StartText(ctx) + "`";
      return std::string("expected `") + pair.text + "` to close " + opener;
    }
    return {};
  }

  /// Skips to a token in `set`, but a bracketed group is skipped whole: after `place 1 { text "a" }`
  /// the block goes with the broken statement instead of spilling into the enclosing one.
  void consumeUntil(Parser* parser, const IntervalSet& set) override {
    antlr4::TokenStream* tokens = parser->getTokenStream();
    int depth = 0;
    for (;;) {
      const std::size_t la = tokens->LA(1);
      if (la == Token::EOF || (depth == 0 && set.contains(la))) return;
      if (la == P::LBRACE || la == P::LPAREN || la == P::LBRACK || la == P::STR_LBRACE)
        ++depth;
      else if ((la == P::RBRACE || la == P::RPAREN || la == P::RBRACK) && depth > 0)
        --depth;
      parser->consume();
    }
  }

  /// Skips the rest of a bad line: stops at a token the current loop can use, or at a token an
  /// enclosing construct can use once the junk's line is left behind.
  void SkipJunk(Parser* parser) {
    const IntervalSet expecting = parser->getExpectedTokens();
    const IntervalSet recovery = getErrorRecoverySet(parser);
    antlr4::TokenStream* tokens = parser->getTokenStream();
    const std::size_t line = tokens->LT(1)->getLine();
    for (;;) {
      const std::size_t la = tokens->LA(1);
      if (la == Token::EOF || expecting.contains(la)) break;
      // A `}` closes something: never skip it, or the blocks stop matching up.
      if (la == P::RBRACE && recovery.contains(la)) break;
      if (recovery.contains(la) && tokens->LT(1)->getLine() != line) break;
      parser->consume();
    }
  }

  /// `))` rather than `)`: adjacent tokens of the same kind read as one piece of junk.
  std::string DisplayRun(Parser* parser, Token* first) {
    if (first->getType() == Token::EOF || first->getType() == P::DQUOTE) return Display(first);
    antlr4::TokenStream* tokens = parser->getTokenStream();
    std::string text = first->getText();
    std::size_t end = first->getStopIndex();
    for (ssize_t k = 2; k < 8; ++k) {
      Token* next = tokens->LT(k);
      if (next->getType() != first->getType() || next->getStartIndex() != end + 1) break;
      text += next->getText();
      end = next->getStopIndex();
    }
    if (text.size() > 40) text = text.substr(0, 37) + "…";
    return "`" + text + "`";
  }

  void Emit(diag::Kind kind, Token* at, std::string message) {
    reporter_.Report(kind, reporter_.SpanOf(at), std::move(message));
  }

  Reporter& reporter_;
};

}  // namespace

std::string Display(const antlr4::Token* token) {
  if (token == nullptr) return "end of file";
  const std::size_t type = token->getType();
  if (type == Token::EOF || type == P::STR_EOF) return "end of file";
  if (type == P::DQUOTE) return "a string";
  if (type == P::STR_NEWLINE) return "end of line";
  std::string text = token->getText();
  if (text.size() > 40) text = text.substr(0, 37) + "…";
  return "`" + text + "`";
}

std::shared_ptr<antlr4::ANTLRErrorStrategy> MakeErrorStrategy(Reporter& reporter) {
  return std::make_shared<ErrorStrategy>(reporter);
}

}  // namespace missive::syntax

// Parse tree → AST for expressions, types, names and strings.
#include <algorithm>

#include "compiler/syntax/builder.h"
#include "runtime/util/util.h"

namespace missive::syntax {
namespace {

using P = MissiveParser;
using antlr4::ParserRuleContext;
using antlr4::tree::ErrorNode;
using antlr4::tree::TerminalNode;

bool IsReal(const antlr4::Token* token) { return token != nullptr && token->getTokenIndex() != INVALID_INDEX; }

/// A token the parser matched (not a rule, not a token conjured or skipped by error recovery).
bool IsRealNode(antlr4::tree::ParseTree* node) {
  if (node == nullptr || typeid(*node) != typeid(antlr4::tree::TerminalNodeImpl)) return false;
  return IsReal(dynamic_cast<antlr4::tree::TerminalNode*>(node)->getSymbol());
}

bool IsTerminal(antlr4::tree::ParseTree* node) {
  return typeid(*node) == typeid(antlr4::tree::TerminalNodeImpl) ||
         typeid(*node) == typeid(antlr4::tree::ErrorNodeImpl);
}

/// The value of one escape; an invalid one (already reported by the lexer check) keeps its text.
void Unescape(std::string& out, const std::string& escape) {
  if (escape.size() == 2) {
    switch (escape[1]) {
      case 'n': out += '\n'; return;
      case 't': out += '\t'; return;
      case '"':
      case '\\':
      case '{':
      case '}': out += escape[1]; return;
      default: break;
    }
  }
  if (escape.size() >= 5 && escape.compare(0, 3, "\\u{") == 0 && escape.back() == '}' && escape.size() <= 10) {
    const std::string digits = escape.substr(3, escape.size() - 4);
    if (std::all_of(digits.begin(), digits.end(),
                    [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
      const unsigned long value = std::stoul(digits, nullptr, 16);
      if (value <= 0x10FFFF && !(value >= 0xD800 && value <= 0xDFFF)) {
        util::AppendUtf8(out, static_cast<char32_t>(value));
        return;
      }
    }
  }
  out += escape;
}

ast::Op BinaryOp(std::size_t type) {
  switch (type) {
    case P::PLUS: return ast::Op::Add;
    case P::MINUS: return ast::Op::Sub;
    case P::STAR: return ast::Op::Mul;
    case P::SLASH: return ast::Op::Div;
    case P::PERCENT: return ast::Op::Mod;
    case P::EQ: return ast::Op::Eq;
    case P::NE: return ast::Op::Ne;
    case P::LT: return ast::Op::Lt;
    case P::LE: return ast::Op::Le;
    case P::GT: return ast::Op::Gt;
    case P::GE: return ast::Op::Ge;
    case P::AND: return ast::Op::And;
    case P::OR: return ast::Op::Or;
    default: return ast::Op::Where;
  }
}

ast::ExprPtr NewExpr(ast::ExprKind kind, source::Span span) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = kind;
  e->span = span;
  return e;
}

}  // namespace

source::Span Builder::SpanOf(ParserRuleContext* ctx) const {
  if (ctx == nullptr || ctx->start == nullptr) return {reporter_.file_id(), 0, 0};
  source::Span span = reporter_.SpanOf(ctx->start);
  if (IsReal(ctx->stop) && ctx->stop->getTokenIndex() >= ctx->start->getTokenIndex()) {
    span = span.to(reporter_.SpanOf(ctx->stop));
  } else {
    span.end = span.begin;
  }
  return span;
}

ast::ExprPtr Builder::ErrorExpr(source::Span span) { return NewExpr(ast::ExprKind::Error, span); }

ast::Ident Builder::Name(P::IdentContext* ctx, source::Span fallback) {
  if (ctx == nullptr || ctx->children.size() != 1 || !IsRealNode(ctx->children[0])) return {"", fallback};
  return {ctx->start->getText(), SpanOf(ctx->start)};
}

ast::Ident Builder::Name(TerminalNode* node, source::Span fallback) {
  if (node == nullptr || !IsRealNode(node)) return {"", fallback};
  return {node->getSymbol()->getText(), SpanOf(node)};
}

bool Builder::TooLong(std::size_t count, ParserRuleContext* ctx) {
  if (count <= kMaxChain) return false;
  reporter_.Report(diag::Kind::NestingTooDeep, SpanOf(ctx),
                   "expression nests more than " + std::to_string(kMaxChain) + " operations");
  return true;
}

void Builder::CheckCommas(ParserRuleContext* ctx, std::size_t item_rule, const char* what) {
  bool previous_item = false;   // the last child was an item
  bool previous_comma = false;  // the last child was a comma
  for (auto* child : ctx->children) {
    if (auto* rule = dynamic_cast<ParserRuleContext*>(child)) {
      if (rule->getRuleIndex() != item_rule) continue;
      if (previous_item) {
        reporter_.Report(diag::Kind::MissingToken, SpanOf(rule),
                         std::string("expected `,` between ") + what + ", found " + Display(rule->start));
      }
      previous_item = true;
      previous_comma = false;
    } else if (auto* terminal = dynamic_cast<TerminalNode*>(child);
               terminal != nullptr && IsRealNode(child) && terminal->getSymbol()->getType() == P::COMMA) {
      if (previous_comma || !previous_item) {
        reporter_.Report(diag::Kind::UnexpectedToken, SpanOf(terminal), std::string("unexpected `,` in ") + what);
      }
      previous_comma = true;
      previous_item = false;
    }
  }
}

ast::TypeRef Builder::Type(P::TypeRefContext* ctx, source::Span fallback) {
  ast::TypeRef type;
  type.span = ctx != nullptr ? SpanOf(ctx) : fallback;
  if (ctx == nullptr) return type;
  if (auto* name = ctx->qualifiedName()) {
    for (auto* part : name->ident()) type.path.push_back(Name(part, SpanOf(part)));
  } else if (ctx->LBRACK() != nullptr) {
    type.element = std::make_unique<ast::TypeRef>(Type(ctx->typeRef(), type.span));
  }
  type.optional = ctx->QUESTION() != nullptr;
  return type;
}

ast::ExprPtr Builder::Expr(P::ExprContext* ctx, source::Span fallback) {
  if (ctx == nullptr) return ErrorExpr(fallback);
  const source::Span span = SpanOf(ctx);
  const auto prefixes = ctx->ifPrefix();
  if (TooLong(prefixes.size(), ctx)) return ErrorExpr(span);
  ast::ExprPtr result = ctx->whereExpr() != nullptr ? Chain(ctx->whereExpr()) : ErrorExpr(span);
  // `if a then b else if c then d else e`: the prefixes fold from the right.
  for (auto it = prefixes.rbegin(); it != prefixes.rend(); ++it) {
    auto e = NewExpr(ast::ExprKind::If, SpanOf(*it).to(result->span));
    e->cond = Expr((*it)->expr(0), SpanOf(*it));
    e->lhs = Expr((*it)->expr(1), SpanOf(*it));
    e->rhs = std::move(result);
    result = std::move(e);
  }
  return result;
}

/// A left-associative chain `operand (op operand)*`, for every binary precedence level.
ast::ExprPtr Builder::Chain(ParserRuleContext* ctx) {
  if (TooLong(ctx->children.size() / 2, ctx)) return ErrorExpr(SpanOf(ctx));
  ast::ExprPtr acc;
  ast::Op pending_op = ast::Op::Add;
  bool pending = false;
  for (auto* child : ctx->children) {
    if (!IsTerminal(child)) {
      ast::ExprPtr operand = Operand(static_cast<ParserRuleContext*>(child));
      if (!acc) {
        acc = std::move(operand);
      } else {
        auto e = NewExpr(ast::ExprKind::Binary, acc->span.to(operand->span));
        e->op = pending_op;
        e->lhs = std::move(acc);
        e->rhs = std::move(operand);
        acc = std::move(e);
      }
      pending = false;
    } else if (IsRealNode(child)) {
      pending_op = BinaryOp(dynamic_cast<TerminalNode*>(child)->getSymbol()->getType());
      pending = true;
    }
  }
  if (!acc) return ErrorExpr(SpanOf(ctx));
  if (pending) {  // `a +` with nothing after the operator
    auto e = NewExpr(ast::ExprKind::Binary, acc->span.to(SpanOf(ctx)));
    e->op = pending_op;
    e->lhs = std::move(acc);
    e->rhs = ErrorExpr({e->span.file, e->span.end, e->span.end});
    acc = std::move(e);
  }
  return acc;
}

ast::ExprPtr Builder::Operand(ParserRuleContext* ctx) {
  switch (ctx->getRuleIndex()) {
    case P::RuleOrExpr:
    case P::RuleAndExpr:
    case P::RuleCmpExpr:
    case P::RuleAddExpr:
    case P::RuleMulExpr: return Chain(ctx);
    case P::RuleNotExpr:
    case P::RuleUnaryExpr: {
      const bool is_not = ctx->getRuleIndex() == P::RuleNotExpr;
      auto* inner = is_not ? static_cast<ParserRuleContext*>(static_cast<P::NotExprContext*>(ctx)->cmpExpr())
                           : static_cast<ParserRuleContext*>(static_cast<P::UnaryExprContext*>(ctx)->postfixExpr());
      ast::ExprPtr result = inner == nullptr ? ErrorExpr(SpanOf(ctx))
                            : is_not         ? Chain(inner)
                                             : Postfix(static_cast<P::PostfixExprContext*>(inner));
      const auto ops =
          is_not ? static_cast<P::NotExprContext*>(ctx)->NOT() : static_cast<P::UnaryExprContext*>(ctx)->MINUS();
      if (TooLong(ops.size(), ctx)) return ErrorExpr(SpanOf(ctx));
      for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
        auto e = NewExpr(ast::ExprKind::Unary, SpanOf(*it).to(result->span));
        e->op = is_not ? ast::Op::Not : ast::Op::Neg;
        e->lhs = std::move(result);
        result = std::move(e);
      }
      return result;
    }
    default: return ErrorExpr(SpanOf(ctx));
  }
}

ast::ExprPtr Builder::Postfix(P::PostfixExprContext* ctx) {
  if (TooLong(ctx->children.size(), ctx)) return ErrorExpr(SpanOf(ctx));
  ast::ExprPtr result = Primary(ctx->primary());
  for (auto* op : ctx->postfixOp()) {
    const source::Span span = result->span.to(SpanOf(op));
    if (auto* member = As<P::MemberOpContext>(op)) {
      auto e = NewExpr(ast::ExprKind::Member, span);
      e->name = Name(member->ident(), {span.file, span.end, span.end});
      e->lhs = std::move(result);
      result = std::move(e);
    } else if (auto* index = As<P::IndexOpContext>(op)) {
      auto e = NewExpr(ast::ExprKind::Index, span);
      e->rhs = Expr(index->expr(), SpanOf(op));
      e->lhs = std::move(result);
      result = std::move(e);
    } else if (auto* call = As<P::CallOpContext>(op)) {
      auto e = NewExpr(ast::ExprKind::Call, span);
      e->args = Args(call->callArgs());
      e->lhs = std::move(result);
      result = std::move(e);
    } else {
      auto e = NewExpr(ast::ExprKind::Error, span);
      e->lhs = std::move(result);
      result = std::move(e);
    }
  }
  return result;
}

std::vector<ast::Argument> Builder::Args(P::CallArgsContext* ctx) {
  std::vector<ast::Argument> args;
  if (ctx == nullptr) return args;
  for (auto* arg : ctx->arg()) {
    ast::Argument a;
    a.span = SpanOf(arg);
    if (arg->COLON() != nullptr) a.name = Name(arg->ident(), a.span);
    a.value = Expr(arg->expr(), a.span);
    args.push_back(std::move(a));
  }
  return args;
}

ast::ExprPtr Builder::Primary(P::PrimaryContext* ctx) {
  if (ctx == nullptr) return ErrorExpr({reporter_.file_id(), 0, 0});
  const source::Span span = SpanOf(ctx);
  const std::string text = ctx->start != nullptr ? ctx->start->getText() : std::string();
  if (As<P::IntLitContext>(ctx) != nullptr) {
    auto e = NewExpr(ast::ExprKind::Int, span);
    e->text = text;
    return e;
  }
  if (As<P::DecimalLitContext>(ctx) != nullptr) {
    auto e = NewExpr(ast::ExprKind::Decimal, span);
    e->text = text;
    return e;
  }
  if (As<P::LengthLitContext>(ctx) != nullptr) {
    auto e = NewExpr(ast::ExprKind::Length, span);
    e->text = text.substr(0, text.size() - 2);
    e->unit = text.substr(text.size() - 2);
    return e;
  }
  if (As<P::FractionLitContext>(ctx) != nullptr) {
    auto e = NewExpr(ast::ExprKind::Fraction, span);
    e->text = text.substr(0, text.size() - 2);
    return e;
  }
  if (As<P::ColorLitContext>(ctx) != nullptr) {
    auto e = NewExpr(ast::ExprKind::Color, span);
    e->text = text.substr(1);
    return e;
  }
  if (auto* s = As<P::StringLitContext>(ctx)) return String(s->string());
  if (As<P::BoolLitContext>(ctx) != nullptr) {
    auto e = NewExpr(ast::ExprKind::Bool, span);
    e->bool_value = text == "true";
    return e;
  }
  if (As<P::NoneLitContext>(ctx) != nullptr) return NewExpr(ast::ExprKind::None, span);
  if (auto* name = As<P::NameRefContext>(ctx)) {
    auto e = NewExpr(ast::ExprKind::Name, span);
    auto* word = name->exprName();
    if (word != nullptr && word->children.size() == 1 && IsRealNode(word->children[0])) {
      e->name = {word->start->getText(), span};
    } else {
      e->kind = ast::ExprKind::Error;
    }
    return e;
  }
  if (auto* member = As<P::ImplicitMemberContext>(ctx)) {
    auto e = NewExpr(ast::ExprKind::ImplicitMember, span);
    e->name = Name(member->ident(), span);
    return e;
  }
  if (auto* paren = As<P::ParenExprContext>(ctx)) return Expr(paren->expr(), span);
  if (auto* record = As<P::RecordLitContext>(ctx)) {
    CheckCommas(record, P::RuleFieldInit, "fields");
    auto e = NewExpr(ast::ExprKind::Record, span);
    for (auto* field : record->fieldInit()) {
      ast::FieldInit init;
      init.name = Name(field->ident(), SpanOf(field));
      init.value = Expr(field->expr(), SpanOf(field));
      e->fields.push_back(std::move(init));
    }
    return e;
  }
  if (auto* list = As<P::ListLitContext>(ctx)) {
    auto e = NewExpr(ast::ExprKind::List, span);
    for (auto* item : list->expr()) e->items.push_back(Expr(item, SpanOf(item)));
    return e;
  }
  // BAD_NUMBER (reported by the token check) or an alternative the parser could not choose.
  auto e = ErrorExpr(span);
  e->text = text;
  return e;
}

ast::ExprPtr Builder::String(P::StringContext* ctx) {
  if (ctx == nullptr) return ErrorExpr({reporter_.file_id(), 0, 0});
  auto e = NewExpr(ast::ExprKind::String, SpanOf(ctx));
  bool interpolated = false;
  for (auto* part : ctx->stringPart()) {
    auto* interp = As<P::StrInterpContext>(part);
    if (interp == nullptr) {
      if (e->parts.empty() || e->parts.back().expr) {
        e->parts.push_back({"", nullptr, SpanOf(part)});
      }
      auto& last = e->parts.back();
      last.span = last.span.to(SpanOf(part));
      if (As<P::StrEscapeContext>(part) != nullptr)
        Unescape(last.text, part->getText());
      else
        last.text += part->getText();
      continue;
    }
    interpolated = true;
    ast::InterpPart piece;
    piece.span = SpanOf(part);
    piece.expr = Expr(interp->expr(), piece.span);
    e->parts.push_back(std::move(piece));
  }
  if (interpolated) {
    e->kind = ast::ExprKind::Interpolated;
  } else {
    for (auto& part : e->parts) e->text += part.text;
    e->parts.clear();
  }
  return e;
}

std::string Builder::PlainString(P::StringContext* ctx) {
  ast::ExprPtr e = String(ctx);
  if (e->kind == ast::ExprKind::Interpolated) {
    reporter_.Report(diag::Kind::UnexpectedToken, e->span, "expected a plain string, without `{…}`");
    std::string text;
    for (const auto& part : e->parts) text += part.text;
    return text;
  }
  return e->text;
}

}  // namespace missive::syntax

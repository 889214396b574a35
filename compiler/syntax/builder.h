// The parse-tree → AST builder, split over builder_expr.cpp (expressions, types, strings) and
// builder_decl.cpp (declarations, layout statements). Every node gets a span; parts the parser
// could not read become Error nodes.
#pragma once

#include <string>
#include <typeinfo>

#include "compiler/syntax/syntax_internal.h"

namespace missive::syntax {

/// `ctx` as the labeled-alternative context T, or null. An exact type test: much cheaper than a
/// dynamic_cast, and the generated alternative contexts are leaf classes.
template <class T, class U>
T* As(U* node) {
  return node != nullptr && typeid(*node) == typeid(T) ? static_cast<T*>(node) : nullptr;
}

class Builder {
 public:
  explicit Builder(Reporter& reporter) : reporter_(reporter) {}

  std::unique_ptr<ast::Module> BuildModule(MissiveParser::ModuleContext* tree);

  // expressions, types, strings (builder_expr.cpp)
  ast::ExprPtr Expr(MissiveParser::ExprContext* ctx, source::Span fallback);
  ast::TypeRef Type(MissiveParser::TypeRefContext* ctx, source::Span fallback);
  ast::Ident Name(MissiveParser::IdentContext* ctx, source::Span fallback);
  ast::Ident Name(antlr4::tree::TerminalNode* node, source::Span fallback);
  ast::ExprPtr String(MissiveParser::StringContext* ctx);
  /// The value of a string without interpolation (import paths, test names).
  std::string PlainString(MissiveParser::StringContext* ctx);
  std::vector<ast::Argument> Args(MissiveParser::CallArgsContext* ctx);
  ast::ExprPtr ErrorExpr(source::Span span);

  source::Span SpanOf(antlr4::ParserRuleContext* ctx) const;
  source::Span SpanOf(antlr4::Token* token) const { return reporter_.SpanOf(token); }
  source::Span SpanOf(antlr4::tree::TerminalNode* node) const { return reporter_.SpanOf(node->getSymbol()); }
  /// Reports `,` problems in a permissive list: items must be separated by exactly one comma.
  /// Reports M0601 and returns true when a chain of `count` links is too long to build.
  bool TooLong(std::size_t count, antlr4::ParserRuleContext* ctx);
  void CheckCommas(antlr4::ParserRuleContext* ctx, std::size_t item_rule, const char* what);

 private:
  // declarations and statements (builder_decl.cpp)
  ast::RecordDecl Record(MissiveParser::RecordDeclContext* ctx);
  ast::FieldDecl Field(MissiveParser::FieldDeclContext* ctx);
  ast::Annotation AnnotationOf(MissiveParser::AnnotationContext* ctx);
  ast::FnDecl Fn(MissiveParser::FnDeclContext* ctx);
  std::vector<ast::Param> Params(antlr4::ParserRuleContext* ctx,
                                 const std::vector<MissiveParser::ParamContext*>& params);
  ast::StyleDecl Style(MissiveParser::StyleDeclContext* ctx);
  ast::ExprPtr StyleValue(MissiveParser::StyleValueContext* ctx);
  ast::ComponentDecl Component(MissiveParser::ComponentDeclContext* ctx);
  ast::LayoutDecl Layout(MissiveParser::LayoutDeclContext* ctx);
  ast::PageSetup Page(MissiveParser::PageSetupContext* ctx);
  ast::PageSlot Slot(MissiveParser::PageSlotContext* ctx);
  std::vector<ast::StmtPtr> Block(MissiveParser::BlockContext* ctx);
  ast::StmtPtr Stmt(MissiveParser::StmtContext* ctx);
  ast::StmtPtr If(MissiveParser::IfStmtContext* ctx);
  std::unique_ptr<ast::TableSpec> Table(MissiveParser::TableStmtContext* ctx);
  ast::Cell CellOf(MissiveParser::CellContext* ctx);
  ast::Option OptionOf(MissiveParser::OptionContext* ctx);
  std::optional<ast::Ident> StyleRef(MissiveParser::StyleRefContext* ctx);
  ast::ChannelsDecl Channels(MissiveParser::ChannelsDeclContext* ctx);
  ast::TestDecl Test(MissiveParser::TestDeclContext* ctx);
  void Duplicate(antlr4::ParserRuleContext* ctx, const std::string& what);

  // expression levels (builder_expr.cpp)
  ast::ExprPtr Chain(antlr4::ParserRuleContext* ctx);
  ast::ExprPtr Operand(antlr4::ParserRuleContext* ctx);
  ast::ExprPtr Postfix(MissiveParser::PostfixExprContext* ctx);
  ast::ExprPtr Primary(MissiveParser::PrimaryContext* ctx);

  Reporter& reporter_;
};

}  // namespace missive::syntax

// Parse tree → AST for the file, its declarations and the layout statements.
#include <map>

#include "compiler/syntax/builder.h"

namespace missive::syntax {
namespace {

using P = MissiveParser;
using antlr4::ParserRuleContext;

ast::Align AlignOf(P::AlignContext* ctx) {
  if (ctx == nullptr) return ast::Align::Default;
  if (ctx->LEFT() != nullptr) return ast::Align::Left;
  if (ctx->RIGHT() != nullptr) return ast::Align::Right;
  if (ctx->CENTER() != nullptr) return ast::Align::Center;
  return ast::Align::Justify;
}

ast::StmtPtr NewStmt(ast::StmtKind kind, source::Span span) {
  auto s = std::make_unique<ast::Stmt>();
  s->kind = kind;
  s->span = span;
  return s;
}

source::Span End(source::Span span) { return {span.file, span.end, span.end}; }

}  // namespace

std::unique_ptr<ast::Module> BuildModule(P::ModuleContext* tree, Reporter& reporter) {
  return Builder(reporter).BuildModule(tree);
}

void Builder::Duplicate(ParserRuleContext* ctx, const std::string& what) {
  reporter_.Report(diag::Kind::DuplicateSection, SpanOf(ctx->start), "a file has only one " + what);
}

std::unique_ptr<ast::Module> Builder::BuildModule(P::ModuleContext* tree) {
  auto module = std::make_unique<ast::Module>();
  module->file = reporter_.file_id();
  module->span = {reporter_.file_id(), 0, static_cast<std::uint32_t>(reporter_.source_text().size())};
  if (tree == nullptr) return module;
  for (auto* item : tree->item()) {
    if (auto* header = item->header()) {
      if (module->communication) Duplicate(header, "`communication` header");
      module->communication = Name(header->ident(), SpanOf(header));
      if (header->string() != nullptr) module->version = PlainString(header->string());
    } else if (auto* import = item->importDecl()) {
      ast::Import imp;
      imp.span = SpanOf(import);
      if (auto* path = import->qualifiedName()) {
        for (auto* part : path->ident()) imp.std_path.push_back(Name(part, SpanOf(part)));
        imp.path_span = SpanOf(path);
      } else if (import->string() != nullptr) {
        imp.file_path = PlainString(import->string());
        imp.path_span = SpanOf(import->string());
      }
      if (import->AS() != nullptr) imp.alias = Name(import->ident(), End(imp.span));
      module->imports.push_back(std::move(imp));
    } else if (auto* schema = item->schemaDecl()) {
      for (auto* record : schema->recordDecl()) module->records.push_back(Record(record));
    } else if (auto* input = item->inputDecl()) {
      if (module->input) Duplicate(input, "`input` declaration");
      module->input = Type(input->typeRef(), SpanOf(input));
    } else if (auto* locale = item->localeDecl()) {
      if (module->locale) Duplicate(locale, "`locale` declaration");
      module->locale = Expr(locale->expr(), SpanOf(locale));
    } else if (auto* rules = item->rulesDecl()) {
      for (auto* rule_ctx : rules->ruleItem()) {
        ast::Rule rule;
        rule.span = SpanOf(rule_ctx);
        if (auto* let = As<P::LetRuleContext>(rule_ctx)) {
          rule.kind = ast::RuleKind::Let;
          rule.name = Name(let->ident(), rule.span);
          rule.value = Expr(let->expr(), End(rule.span));
        } else if (auto* req = As<P::RequireRuleContext>(rule_ctx)) {
          rule.kind = ast::RuleKind::Require;
          rule.value = Expr(req->expr(0), End(rule.span));
          rule.message = Expr(req->expr(1), End(rule.span));
        } else {
          continue;
        }
        module->rules.push_back(std::move(rule));
      }
    } else if (auto* fn = item->fnDecl()) {
      module->functions.push_back(Fn(fn));
    } else if (auto* style = item->styleDecl()) {
      module->styles.push_back(Style(style));
    } else if (auto* component = item->componentDecl()) {
      module->components.push_back(Component(component));
    } else if (auto* layout = item->layoutDecl()) {
      module->layouts.push_back(Layout(layout));
    } else if (auto* channels = item->channelsDecl()) {
      if (module->channels) Duplicate(channels, "`channels` section");
      module->channels = Channels(channels);
    } else if (auto* test = item->testDecl()) {
      module->tests.push_back(Test(test));
    }
  }
  return module;
}

ast::RecordDecl Builder::Record(P::RecordDeclContext* ctx) {
  ast::RecordDecl record;
  record.span = SpanOf(ctx);
  record.name = Name(ctx->ident(), record.span);
  for (auto* field : ctx->fieldDecl()) record.fields.push_back(Field(field));
  return record;
}

ast::FieldDecl Builder::Field(P::FieldDeclContext* ctx) {
  ast::FieldDecl field;
  field.span = SpanOf(ctx);
  field.name = Name(ctx->ident(), field.span);
  field.type = Type(ctx->typeRef(), End(field.span));
  for (auto* extra : ctx->fieldExtra()) {
    if (auto* annotation = extra->annotation()) {
      field.annotations.push_back(AnnotationOf(annotation));
    } else if (extra->ASSIGN() != nullptr) {
      if (field.default_value) {
        reporter_.Report(diag::Kind::UnexpectedToken, SpanOf(extra), "a field has only one default value");
        continue;
      }
      field.default_value = Expr(extra->expr(), SpanOf(extra));
    }
  }
  return field;
}

ast::Annotation Builder::AnnotationOf(P::AnnotationContext* ctx) {
  ast::Annotation annotation;
  annotation.span = SpanOf(ctx);
  annotation.name = Name(ctx->ident(), annotation.span);
  for (auto* arg : ctx->expr()) annotation.args.push_back(Expr(arg, SpanOf(arg)));
  return annotation;
}

std::vector<ast::Param> Builder::Params(ParserRuleContext* ctx, const std::vector<P::ParamContext*>& params) {
  CheckCommas(ctx, P::RuleParam, "parameters");
  std::vector<ast::Param> out;
  for (auto* param : params) {
    ast::Param p;
    p.span = SpanOf(param);
    p.name = Name(param->ident(), p.span);
    p.type = Type(param->typeRef(), End(p.span));
    out.push_back(std::move(p));
  }
  return out;
}

ast::FnDecl Builder::Fn(P::FnDeclContext* ctx) {
  ast::FnDecl fn;
  fn.span = SpanOf(ctx);
  fn.name = Name(ctx->ident(), fn.span);
  fn.params = Params(ctx, ctx->param());
  if (ctx->COLON() != nullptr) fn.result = Type(ctx->typeRef(), End(fn.span));
  fn.body = Expr(ctx->expr(), End(fn.span));
  return fn;
}

ast::StyleDecl Builder::Style(P::StyleDeclContext* ctx) {
  ast::StyleDecl style;
  style.span = SpanOf(ctx);
  style.name = Name(ctx->ident(), style.span);
  for (auto* prop_ctx : ctx->styleProp()) {
    ast::StyleProp prop;
    prop.span = SpanOf(prop_ctx);
    prop.name = Name(prop_ctx->ident(), prop.span);
    for (auto* value : prop_ctx->styleValue()) prop.values.push_back(StyleValue(value));
    style.props.push_back(std::move(prop));
  }
  return style;
}

ast::ExprPtr Builder::StyleValue(P::StyleValueContext* ctx) {
  const source::Span span = SpanOf(ctx);
  auto literal = [&](ast::ExprKind kind, antlr4::tree::TerminalNode* node) {
    auto e = ErrorExpr(SpanOf(node));
    e->kind = kind;
    const std::string text = node->getSymbol()->getText();
    if (kind == ast::ExprKind::Length || kind == ast::ExprKind::Fraction) {
      e->text = text.substr(0, text.size() - 2);
      if (kind == ast::ExprKind::Length) e->unit = text.substr(text.size() - 2);
    } else if (kind == ast::ExprKind::Color) {
      e->text = text.substr(1);
    } else {
      e->text = text;
    }
    return e;
  };
  ast::ExprPtr value;
  if (ctx->INT() != nullptr)
    value = literal(ast::ExprKind::Int, ctx->INT());
  else if (ctx->DECIMAL() != nullptr)
    value = literal(ast::ExprKind::Decimal, ctx->DECIMAL());
  else if (ctx->LENGTH() != nullptr)
    value = literal(ast::ExprKind::Length, ctx->LENGTH());
  else if (ctx->FRACTION() != nullptr)
    value = literal(ast::ExprKind::Fraction, ctx->FRACTION());
  else if (ctx->BAD_NUMBER() != nullptr)
    value = literal(ast::ExprKind::Error, ctx->BAD_NUMBER());
  else if (ctx->COLOR() != nullptr)
    value = literal(ast::ExprKind::Color, ctx->COLOR());
  else if (ctx->string() != nullptr)
    value = String(ctx->string());
  else if (ctx->TRUE() != nullptr || ctx->FALSE() != nullptr) {
    value = ErrorExpr(span);
    value->kind = ast::ExprKind::Bool;
    value->bool_value = ctx->TRUE() != nullptr;
  } else if (ctx->NONE() != nullptr) {
    value = ErrorExpr(span);
    value->kind = ast::ExprKind::None;
  } else if (ctx->align() != nullptr) {  // `align: right`: the alignment keywords are values here
    value = ErrorExpr(SpanOf(ctx->align()));
    value->kind = ast::ExprKind::Name;
    value->name = ast::Ident{ctx->align()->getText(), SpanOf(ctx->align())};
  } else if (ctx->ident() != nullptr) {
    value = ErrorExpr(SpanOf(ctx->ident()));
    value->kind = ast::ExprKind::Name;
    value->name = Name(ctx->ident(), span);
    if (ctx->callArgs() != nullptr) {
      auto call = ErrorExpr(span);
      call->kind = ast::ExprKind::Call;
      call->args = Args(ctx->callArgs());
      call->lhs = std::move(value);
      value = std::move(call);
    }
  } else {
    return ErrorExpr(span);
  }
  if (ctx->MINUS() != nullptr) {
    auto neg = ErrorExpr(span);
    neg->kind = ast::ExprKind::Unary;
    neg->op = ast::Op::Neg;
    neg->lhs = std::move(value);
    value = std::move(neg);
  }
  return value;
}

ast::ComponentDecl Builder::Component(P::ComponentDeclContext* ctx) {
  ast::ComponentDecl component;
  component.span = SpanOf(ctx);
  component.name = Name(ctx->ident(), component.span);
  component.params = Params(ctx, ctx->param());
  component.body = Block(ctx->block());
  return component;
}

ast::LayoutDecl Builder::Layout(P::LayoutDeclContext* ctx) {
  ast::LayoutDecl layout;
  layout.span = SpanOf(ctx);
  layout.name = Name(ctx->ident(), layout.span);
  const std::string& kind = layout.name.name;
  if (kind == "print")
    layout.kind = ast::LayoutKind::Print;
  else if (kind == "email")
    layout.kind = ast::LayoutKind::Email;
  else if (kind == "sms")
    layout.kind = ast::LayoutKind::Sms;
  else if (kind == "push")
    layout.kind = ast::LayoutKind::Push;
  else if (!kind.empty()) {
    reporter_.Report(diag::Kind::UnknownChannel, layout.name.span,
                     "unknown layout `" + kind + "`, expected `print`, `email`, `sms` or `push`");
  }
  if (auto* limit = ctx->layoutLimit()) {
    layout.max_segments = Expr(limit->expr(), SpanOf(limit));
    layout.over_budget_rejects = limit->REJECT() != nullptr;
  }
  for (auto* item : ctx->layoutItem()) {
    if (auto* page = As<P::PageItemContext>(item)) {
      if (layout.page) {
        reporter_.Report(diag::Kind::DuplicateSection, SpanOf(page), "a layout has only one `page` setup");
        continue;
      }
      layout.page = Page(page->pageSetup());
    } else if (auto* subject = As<P::SubjectItemContext>(item)) {
      if (layout.subject)
        reporter_.Report(diag::Kind::DuplicateSection, SpanOf(subject), "a layout has only one `subject`");
      else
        layout.subject = Expr(subject->expr(), SpanOf(subject));
    } else if (auto* title = As<P::TitleItemContext>(item)) {
      if (layout.subject)
        reporter_.Report(diag::Kind::DuplicateSection, SpanOf(title), "a layout has only one `title`");
      else
        layout.subject = Expr(title->expr(), SpanOf(title));
    } else if (auto* field = As<P::FieldItemContext>(item)) {
      static const std::map<std::string, ast::ExprPtr ast::LayoutDecl::*> kFields = {
          {"from", &ast::LayoutDecl::from},           {"reply_to", &ast::LayoutDecl::reply_to},
          {"preheader", &ast::LayoutDecl::preheader}, {"unsubscribe", &ast::LayoutDecl::unsubscribe},
          {"collapse", &ast::LayoutDecl::collapse},   {"ttl", &ast::LayoutDecl::ttl}};
      const std::string name = field->start->getText();
      ast::ExprPtr& target = layout.*kFields.at(name);
      if (target) {
        reporter_.Report(diag::Kind::DuplicateSection, SpanOf(field), "a layout has only one `" + name + "`");
      } else {
        target = Expr(field->expr(), SpanOf(field));
      }
    } else if (auto* attach = As<P::AttachItemContext>(item)) {
      if (layout.attach) {
        reporter_.Report(diag::Kind::DuplicateSection, SpanOf(attach), "a layout has only one `attach`");
      } else {
        layout.attach = Name(attach->ident(), SpanOf(attach));
        layout.attach_name = Expr(attach->expr(), End(SpanOf(attach)));
      }
    } else if (auto* data = As<P::DataItemContext>(item)) {
      for (auto* entry : data->fieldInit()) {
        ast::FieldInit init;
        init.name = Name(entry->ident(), SpanOf(entry));
        init.value = Expr(entry->expr(), SpanOf(entry));
        layout.data.push_back(std::move(init));
      }
    } else if (auto* body = As<P::BodyItemContext>(item)) {
      for (auto& stmt : Block(body->block())) layout.body.push_back(std::move(stmt));
    } else if (auto* stmt = As<P::StmtItemContext>(item)) {
      layout.body.push_back(Stmt(stmt->stmt()));
    }
  }
  return layout;
}

ast::PageSetup Builder::Page(P::PageSetupContext* ctx) {
  ast::PageSetup page;
  if (ctx == nullptr) return page;
  page.span = SpanOf(ctx);
  page.size = Name(ctx->ident(), page.span);
  for (auto* option : ctx->pageOption()) {
    ast::Option o;
    o.span = SpanOf(option);
    o.name = {option->start->getText(), SpanOf(option->start)};
    o.value = Expr(option->expr(), End(o.span));
    page.options.push_back(std::move(o));
  }
  page.style = StyleRef(ctx->styleRef());
  if (auto* block = ctx->pageBlock()) {
    auto place = [&](std::optional<ast::PageSlot>& header, std::optional<ast::PageSlot>& footer,
                     P::PageSlotContext* slot_ctx) {
      auto& target = slot_ctx->HEADER() != nullptr ? header : footer;
      if (target) {
        reporter_.Report(diag::Kind::DuplicateSection, SpanOf(slot_ctx->start),
                         "a page has only one `" + slot_ctx->start->getText() + "`");
        return;
      }
      target = Slot(slot_ctx);
    };
    for (auto* child : block->children) {
      if (auto* slot = As<P::PageSlotContext>(child)) {
        place(page.header, page.footer, slot);
      } else if (auto* first = As<P::FirstSlotsContext>(child)) {
        for (auto* first_slot : first->pageSlot()) place(page.first_header, page.first_footer, first_slot);
      }
    }
  }
  return page;
}

ast::PageSlot Builder::Slot(P::PageSlotContext* ctx) {
  ast::PageSlot slot;
  slot.span = SpanOf(ctx);
  slot.style = StyleRef(ctx->styleRef());
  slot.body = Block(ctx->block());
  return slot;
}

std::optional<ast::Ident> Builder::StyleRef(P::StyleRefContext* ctx) {
  if (ctx == nullptr) return std::nullopt;
  return Name(ctx->ident(), SpanOf(ctx));
}

std::vector<ast::StmtPtr> Builder::Block(P::BlockContext* ctx) {
  std::vector<ast::StmtPtr> body;
  if (ctx == nullptr) return body;
  for (auto* stmt : ctx->stmt()) body.push_back(Stmt(stmt));
  return body;
}

ast::Option Builder::OptionOf(P::OptionContext* ctx) {
  ast::Option option;
  option.span = SpanOf(ctx);
  option.name = {ctx->start->getText(), SpanOf(ctx->start)};
  if (ctx->expr() != nullptr) {
    option.value = Expr(ctx->expr(), End(option.span));
  } else if (ctx->REJECT() != nullptr) {  // `overflow reject`: the keyword is a value here
    option.value = ErrorExpr(SpanOf(ctx->REJECT()));
    option.value->kind = ast::ExprKind::Name;
    option.value->name = {"reject", SpanOf(ctx->REJECT())};
  } else {
    option.value = ErrorExpr(ctx->ident() != nullptr ? SpanOf(ctx->ident()) : End(option.span));
    option.value->name = Name(ctx->ident(), End(option.span));
    if (!option.value->name.name.empty()) option.value->kind = ast::ExprKind::Name;
  }
  return option;
}

ast::StmtPtr Builder::Stmt(P::StmtContext* ctx) {
  if (ctx == nullptr) return NewStmt(ast::StmtKind::Error, {reporter_.file_id(), 0, 0});
  const source::Span span = SpanOf(ctx);
  if (ctx->exception != nullptr && As<P::IfStmtContext>(ctx) == nullptr &&
      As<P::ContainerStmtContext>(ctx) == nullptr && As<P::ForStmtContext>(ctx) == nullptr &&
      As<P::PlaceStmtContext>(ctx) == nullptr && As<P::TableStmtContext>(ctx) == nullptr) {
    return NewStmt(ast::StmtKind::Error, span);
  }
  if (auto* text = As<P::TextStmtContext>(ctx)) {
    auto s = NewStmt(ast::StmtKind::Text, span);
    s->align = AlignOf(text->align());
    s->value = Expr(text->expr(), End(span));
    s->style = StyleRef(text->styleRef());
    return s;
  }
  if (auto* str = As<P::StringStmtContext>(ctx)) {
    auto s = NewStmt(ast::StmtKind::Text, span);
    s->value = String(str->string());
    s->style = StyleRef(str->styleRef());
    return s;
  }
  if (auto* container = As<P::ContainerStmtContext>(ctx)) {
    const std::size_t type = container->start->getType();
    auto s = NewStmt(type == P::ROW      ? ast::StmtKind::Row
                     : type == P::COLUMN ? ast::StmtKind::Column
                     : type == P::BOX    ? ast::StmtKind::Box
                                         : ast::StmtKind::Keep,
                     span);
    s->style = StyleRef(container->styleRef());
    s->body = Block(container->block());
    return s;
  }
  if (As<P::FillStmtContext>(ctx) != nullptr) return NewStmt(ast::StmtKind::Fill, span);
  if (As<P::LineStmtContext>(ctx) != nullptr) return NewStmt(ast::StmtKind::Line, span);
  if (As<P::PagebreakStmtContext>(ctx) != nullptr) return NewStmt(ast::StmtKind::PageBreak, span);
  if (auto* space = As<P::SpaceStmtContext>(ctx)) {
    auto s = NewStmt(ast::StmtKind::Space, span);
    s->value = Expr(space->expr(), End(span));
    return s;
  }
  if (auto* if_stmt = As<P::IfStmtContext>(ctx)) return If(if_stmt);
  if (auto* for_stmt = As<P::ForStmtContext>(ctx)) {
    auto s = NewStmt(ast::StmtKind::For, span);
    s->var = Name(for_stmt->ident(0), span);
    if (for_stmt->INDEX() != nullptr) s->index = Name(for_stmt->ident(1), End(span));
    s->value = Expr(for_stmt->expr(), End(span));
    s->body = Block(for_stmt->block());
    return s;
  }
  if (auto* table = As<P::TableStmtContext>(ctx)) {
    auto s = NewStmt(ast::StmtKind::Table, span);
    s->table = Table(table);
    return s;
  }
  if (auto* call = As<P::CallStmtContext>(ctx)) {
    auto callee = ErrorExpr(SpanOf(call->IDENT()));
    callee->kind = ast::ExprKind::Name;
    callee->name = Name(call->IDENT(), span);
    for (auto* part : call->ident()) {
      auto member = ErrorExpr(callee->span.to(SpanOf(part)));
      member->kind = ast::ExprKind::Member;
      member->name = Name(part, End(span));
      member->lhs = std::move(callee);
      callee = std::move(member);
    }
    auto expr = ErrorExpr(span);
    expr->kind = ast::ExprKind::Call;
    expr->lhs = std::move(callee);
    expr->args = Args(call->callArgs());
    auto s = NewStmt(ast::StmtKind::Call, span);
    s->value = std::move(expr);
    return s;
  }
  if (auto* place = As<P::PlaceStmtContext>(ctx)) {
    auto s = NewStmt(ast::StmtKind::Place, span);
    s->x = Expr(place->expr(0), End(span));
    s->y = Expr(place->expr(1), End(span));
    for (auto* option : place->option()) s->options.push_back(OptionOf(option));
    s->body = Block(place->block());
    return s;
  }
  if (auto* image = As<P::ImageStmtContext>(ctx)) {
    auto s = NewStmt(ast::StmtKind::Image, span);
    s->value = Expr(image->expr(), End(span));
    for (auto* option : image->option()) s->options.push_back(OptionOf(option));
    return s;
  }
  if (auto* barcode = As<P::BarcodeStmtContext>(ctx)) {
    auto s = NewStmt(ast::StmtKind::Barcode, span);
    s->symbology = Name(barcode->ident(), span);
    s->value = Expr(barcode->expr(), End(span));
    for (auto* option : barcode->option()) s->options.push_back(OptionOf(option));
    return s;
  }
  if (auto* link = As<P::LinkStmtContext>(ctx)) {
    auto s = NewStmt(link->LINK() != nullptr ? ast::StmtKind::Link : ast::StmtKind::Button, span);
    const auto exprs = link->expr();
    s->value = Expr(exprs.empty() ? nullptr : exprs[0], End(span));
    s->target = Expr(exprs.size() < 2 ? nullptr : exprs[1], End(span));
    s->style = StyleRef(link->styleRef());
    return s;
  }
  return NewStmt(ast::StmtKind::Error, span);
}

ast::StmtPtr Builder::If(P::IfStmtContext* ctx) {
  auto root = NewStmt(ast::StmtKind::If, SpanOf(ctx));
  if (TooLong(ctx->elseIf().size(), ctx)) {
    root->kind = ast::StmtKind::Error;
    return root;
  }
  root->value = Expr(ctx->expr(), End(root->span));
  const auto blocks = ctx->block();
  if (!blocks.empty()) root->body = Block(blocks[0]);
  // `else if` chains are a loop in the grammar and nested Ifs in the AST.
  ast::Stmt* tail = root.get();
  for (auto* else_if : ctx->elseIf()) {
    auto nested = NewStmt(ast::StmtKind::If, SpanOf(else_if).to(root->span));
    nested->span.begin = SpanOf(else_if).begin;
    nested->value = Expr(else_if->expr(), End(nested->span));
    nested->body = Block(else_if->block());
    ast::Stmt* next = nested.get();
    tail->else_body.push_back(std::move(nested));
    tail = next;
  }
  if (ctx->ELSE() != nullptr && blocks.size() > 1) tail->else_body = Block(blocks[1]);
  return root;
}

std::unique_ptr<ast::TableSpec> Builder::Table(P::TableStmtContext* ctx) {
  auto table = std::make_unique<ast::TableSpec>();
  table->span = SpanOf(ctx);
  table->list = Expr(ctx->expr(), End(table->span));
  table->var = Name(ctx->ident(0), End(table->span));
  if (ctx->INDEX() != nullptr) table->index = Name(ctx->ident(1), End(table->span));
  auto* body = ctx->tableBody();
  if (body == nullptr) return table;
  bool seen_columns = false, seen_header = false, seen_row = false;
  auto once = [&](bool& seen, ParserRuleContext* item) {
    if (seen) {
      reporter_.Report(diag::Kind::DuplicateSection, SpanOf(item->start),
                       "a table has only one `" + item->start->getText() + "`");
      return false;
    }
    seen = true;
    return true;
  };
  for (auto* item : body->tableItem()) {
    if (auto* columns = As<P::ColumnsItemContext>(item)) {
      if (!once(seen_columns, item)) continue;
      ast::ExprPtr value = Expr(columns->expr(), End(SpanOf(item)));
      if (value->kind == ast::ExprKind::List)
        table->columns = std::move(value->items);
      else
        table->columns.push_back(std::move(value));
    } else if (auto* header = As<P::HeaderItemContext>(item)) {
      if (!once(seen_header, item)) continue;
      table->header_repeat = header->REPEAT() != nullptr;
      table->header_style = StyleRef(header->styleRef());
      if (header->cellBlock() != nullptr) {
        for (auto* cell : header->cellBlock()->cell()) table->header.push_back(CellOf(cell));
      }
    } else if (auto* row = As<P::RowItemContext>(item)) {
      if (!once(seen_row, item)) continue;
      table->zebra = row->ZEBRA() != nullptr;
      table->row_style = StyleRef(row->styleRef());
      if (row->cellBlock() != nullptr) {
        for (auto* cell : row->cellBlock()->cell()) table->row.push_back(CellOf(cell));
      }
    }
  }
  return table;
}

ast::Cell Builder::CellOf(P::CellContext* ctx) {
  ast::Cell cell;
  cell.span = SpanOf(ctx);
  cell.align = AlignOf(ctx->align());
  cell.value = Expr(ctx->expr(), End(cell.span));
  cell.style = StyleRef(ctx->styleRef());
  return cell;
}

ast::ChannelsDecl Builder::Channels(P::ChannelsDeclContext* ctx) {
  ast::ChannelsDecl channels;
  channels.span = SpanOf(ctx);
  for (auto* entry : ctx->channelEntry()) {
    if (auto* item = As<P::ChannelItemContext>(entry)) {
      ast::ChannelEntry e;
      e.span = SpanOf(item);
      e.channel = Name(item->ident(), e.span);
      const auto exprs = item->expr();
      std::size_t next = 0;
      if (item->TO() != nullptr && next < exprs.size()) e.to = Expr(exprs[next++], End(e.span));
      if (item->WHEN() != nullptr && next < exprs.size()) e.when = Expr(exprs[next], End(e.span));
      channels.entries.push_back(std::move(e));
    } else if (auto* otherwise = As<P::OtherwiseItemContext>(entry)) {
      if (channels.otherwise_reject) {
        reporter_.Report(diag::Kind::DuplicateSection, SpanOf(otherwise), "`channels` has only one `otherwise`");
        continue;
      }
      channels.otherwise_reject = Expr(otherwise->expr(), End(SpanOf(otherwise)));
    }
  }
  return channels;
}

ast::TestDecl Builder::Test(P::TestDeclContext* ctx) {
  ast::TestDecl test;
  test.span = SpanOf(ctx);
  if (ctx->string() != nullptr) test.name = PlainString(ctx->string());
  for (auto* item : ctx->testItem()) {
    const source::Span span = SpanOf(item);
    if (auto* given = As<P::GivenItemContext>(item)) {
      if (test.given) {
        reporter_.Report(diag::Kind::DuplicateSection, span, "a test has only one `given`");
        continue;
      }
      test.given = Expr(given->expr(), End(span));
      continue;
    }
    ast::Expectation expect;
    expect.span = span;
    if (auto* reject = As<P::ExpectRejectContext>(item)) {
      expect.kind = ast::ExpectKind::Reject;
      expect.value = Expr(reject->expr(), End(span));
    } else if (auto* text = As<P::ExpectTextContext>(item)) {
      expect.kind = ast::ExpectKind::TextContains;
      expect.channel = {"text", span};  // what the expectation searches: text, subject, title, html
      if (text->ident() != nullptr) expect.channel = Name(text->ident(), span);
      if (text->SUBJECT() != nullptr) expect.channel.name = "subject";
      if (text->TITLE() != nullptr) expect.channel.name = "title";
      expect.value = Expr(text->expr(), End(span));
    } else if (auto* value = As<P::ExpectValueContext>(item)) {
      expect.value = Expr(value->expr(), End(span));
      ast::Expr& e = *expect.value;
      // `channel == email` and `pages == 2` read like expressions but are their own expectations.
      if (e.kind == ast::ExprKind::Binary && e.op == ast::Op::Eq && e.lhs->kind == ast::ExprKind::Name) {
        if (e.lhs->name.name == "channel" && e.rhs->kind == ast::ExprKind::Name) {
          expect.kind = ast::ExpectKind::Channel;
          expect.channel = e.rhs->name;
          expect.value.reset();
        } else if (e.lhs->name.name == "pages") {
          expect.kind = ast::ExpectKind::Pages;
          expect.value = std::move(e.rhs);
        } else if (e.lhs->name.name == "segments" || e.lhs->name.name == "encoding") {
          expect.kind = e.lhs->name.name == "segments" ? ast::ExpectKind::Segments : ast::ExpectKind::Encoding;
          expect.value = std::move(e.rhs);
        }
      }
    } else {
      continue;
    }
    test.expects.push_back(std::move(expect));
  }
  return test;
}

}  // namespace missive::syntax

// Builds a record's print document: layout statements evaluated into the semantic block tree that
// runtime/layout paginates (the email renderer will read the same tree).
#include <memory>
#include <string>

#include "compiler/eval/block_spec.h"
#include "compiler/eval/internal.h"

namespace missive::eval {

using compose::Block;
using compose::BlockKind;
using compose::BlockPtr;
using value::Value;

namespace {

/// Local variables pushed for a scope and popped when it ends.
class LocalScope {
 public:
  explicit LocalScope(Env& env) : env_(env), size_(env.locals.size()) {}
  ~LocalScope() { env_.locals.resize(size_); }
  LocalScope(const LocalScope&) = delete;
  LocalScope& operator=(const LocalScope&) = delete;

 private:
  Env& env_;
  std::size_t size_;
};

}  // namespace

std::vector<compose::TextSpan> Worker::Impl::TextSpans(const ast::Expr& e, const compose::Style* style, Env& env) {
  std::vector<compose::TextSpan> spans;
  auto add_text = [&](std::string text) {
    if (!spans.empty() && spans.back().kind == compose::SpanKind::Text) {
      spans.back().text += text;
    } else {
      spans.push_back({compose::SpanKind::Text, std::move(text), style});
    }
  };
  if (e.kind != ast::ExprKind::Interpolated) {
    add_text(Display(Eval(e, env), e.span));
    return spans;
  }
  for (const auto& part : e.parts) {
    if (!part.expr) {
      add_text(part.text);
    } else if (env.page_slot && part.expr->kind == ast::ExprKind::Name &&
               (part.expr->name.name == "page" || part.expr->name.name == "pages")) {
      spans.push_back(
          {part.expr->name.name == "page" ? compose::SpanKind::PageNumber : compose::SpanKind::PageTotal, "", style});
    } else {
      add_text(Display(Eval(*part.expr, env), part.span));
    }
  }
  return spans;
}

void Worker::Impl::BuildStmts(const std::vector<ast::StmtPtr>& stmts, const compose::Style* style, Env& env,
                              std::vector<BlockPtr>& out) {
  using K = ast::StmtKind;
  for (const auto& stmt_ptr : stmts) {
    const ast::Stmt& stmt = *stmt_ptr;
    switch (stmt.kind) {
      case K::Text: {
        const auto* s = stmt.style ? Derive(style, stmt.style, env) : style;
        auto b = NewBlock(BlockKind::Paragraph, s);
        b->spans = TextSpans(*stmt.value, s, env);
        b->align = AlignOf(stmt.align);
        b->width = SizeOf(*s);
        out.push_back(std::move(b));
        break;
      }
      case K::Row:
      case K::Column:
      case K::Box:
      case K::Keep: {
        const auto* s = Derive(style, stmt.style, env);
        auto b = NewBlock(stmt.kind == K::Row ? BlockKind::Row : BlockKind::Stack, s);
        b->keep_together = stmt.kind == K::Keep;
        b->width = SizeOf(*s);
        // children inherit the text properties only
        BuildStmts(stmt.body, Derive(s, std::nullopt, env), env, b->children);
        out.push_back(std::move(b));
        break;
      }
      case K::Fill: {
        auto b = NewBlock(BlockKind::Stack, style);
        b->width = {compose::Size::Kind::Fraction, 0, 1000};
        out.push_back(std::move(b));
        break;
      }
      case K::Space: {
        auto b = NewBlock(BlockKind::Space, style);
        b->height = LengthOf(*stmt.value);
        out.push_back(std::move(b));
        break;
      }
      case K::Line:
        out.push_back(NewBlock(BlockKind::Rule, stmt.style ? Derive(style, stmt.style, env) : style));
        break;
      case K::PageBreak: out.push_back(NewBlock(BlockKind::PageBreak, style)); break;
      case K::If: BuildStmts(EvalBool(*stmt.value, env) ? stmt.body : stmt.else_body, style, env, out); break;
      case K::For: {
        const Value list_value = Eval(*stmt.value, env);
        const auto& list = ToList(list_value, stmt.value->span);
        for (std::size_t i = 0; i < list.size(); ++i) {
          LocalScope scope(env);
          env.locals.push_back({stmt.var.name, list[i]});
          if (stmt.index) env.locals.push_back({stmt.index->name, static_cast<std::int64_t>(i)});
          BuildStmts(stmt.body, style, env, out);
        }
        break;
      }
      case K::Table: {
        const auto& spec = *stmt.table;
        auto b = NewBlock(BlockKind::Table, style);
        b->table = std::make_unique<compose::Table>();
        auto& table = *b->table;
        table.columns = TableColumns(spec);
        auto cells = [&](const std::vector<ast::Cell>& spec_cells, const compose::Style* text_style) {
          compose::TableRow row;
          for (const auto& cell : spec_cells) {
            const auto* s = cell.style ? Derive(text_style, cell.style, env) : text_style;
            auto p = NewBlock(BlockKind::Paragraph, s);
            p->spans = TextSpans(*cell.value, s, env);
            p->align = AlignOf(cell.align);
            row.cells.push_back(std::move(p));
          }
          return row;
        };
        const auto* header_style = spec.header_style ? Derive(style, spec.header_style, env) : nullptr;
        if (!spec.header.empty()) {
          auto row = cells(spec.header, header_style ? Derive(header_style, std::nullopt, env) : style);
          row.style = header_style;
          table.header.push_back(std::move(row));
        }
        table.repeat_header = spec.header_repeat;
        const auto* row_style = spec.row_style ? Derive(style, spec.row_style, env) : nullptr;
        const auto* row_text = row_style ? Derive(row_style, std::nullopt, env) : style;
        const Value list_value = Eval(*spec.list, env);
        const auto& list = ToList(list_value, spec.list->span);
        table.rows.reserve(list.size());
        for (std::size_t i = 0; i < list.size(); ++i) {
          LocalScope scope(env);
          env.locals.push_back({spec.var.name, list[i]});
          if (spec.index) env.locals.push_back({spec.index->name, static_cast<std::int64_t>(i)});
          auto row = cells(spec.row, row_text);
          row.style = spec.zebra ? (i % 2 == 1 ? row_style : nullptr) : row_style;
          table.rows.push_back(std::move(row));
        }
        out.push_back(std::move(b));
        break;
      }
      case K::Call: {
        const ast::Expr& call = *stmt.value;
        const ast::Expr& callee = *call.lhs;
        std::size_t module = env.module;
        std::string name = callee.name.name;
        if (callee.kind == ast::ExprKind::Member && callee.lhs->kind == ast::ExprKind::Name) {
          const auto& aliases = program.modules[env.module].module->aliases;
          auto alias = aliases.find(callee.lhs->name.name);
          if (alias == aliases.end()) Fail(callee.span, "unknown module `" + callee.lhs->name.name + "`");
          module = alias->second;
        }
        const auto& components = program.modules[module].components;
        auto found = components.find(name);
        if (found == components.end()) Fail(callee.span, "unknown component `" + name + "`");
        const ast::ComponentDecl& component = *found->second;
        if (call.args.size() != component.params.size()) {
          Fail(call.span, "`" + name + "` takes " + std::to_string(component.params.size()) + " arguments");
        }
        CallDepth guard(depth, call.span);
        Env inner;
        inner.module = module;
        inner.page_slot = env.page_slot;
        for (std::size_t i = 0; i < call.args.size(); ++i) {
          inner.locals.push_back({component.params[i].name.name, Eval(*call.args[i].value, env)});
        }
        BuildStmts(component.body, style, inner, out);
        break;
      }
      case K::Place: {
        auto b = NewBlock(BlockKind::Place, Derive(style, stmt.style, env));
        PlaceOptions(stmt, *b);
        BuildStmts(stmt.body, Derive(b->style, std::nullopt, env), env, b->children);
        out.push_back(std::move(b));
        break;
      }
      case K::Image: {
        auto b = NewBlock(BlockKind::Image, style);
        const Value path = Eval(*stmt.value, env);
        // A literal path was loaded by Program::Build; a computed one is loaded here once and cached.
        const media::LoadResult loaded =
            program.images->Load(ToStr(path, stmt.value->span), program.Directory(stmt.span));
        if (loaded.image == nullptr) Fail(stmt.value->span, loaded.message);
        b->resource = loaded.image->id;
        b->pixel_width = loaded.image->width;
        b->pixel_height = loaded.image->height;
        b->source_text = ToStr(path, stmt.value->span);
        if (const auto* a = FindOption(stmt.options, "alt")) b->alt = ToStr(Eval(*a->value, env), a->value->span);
        MediaSize(stmt, *b);
        ImageFit(stmt, *b);
        out.push_back(std::move(b));
        break;
      }
      case K::Barcode: {
        auto b = NewBlock(BlockKind::Barcode, style);
        const Value data = Eval(*stmt.value, env);
        const std::string& text = ToStr(data, stmt.value->span);
        const auto symbology = media::SymbologyNamed(stmt.symbology.name);
        if (!symbology) Fail(stmt.symbology.span, "unknown barcode `" + stmt.symbology.name + "`");
        std::string error;
        auto matrix = media::EncodeBarcode(*symbology, text, &error);
        if (!matrix) Fail(stmt.value->span, "cannot encode \"" + text + "\" as " + stmt.symbology.name + ": " + error);
        b->barcode = std::make_shared<const media::BarcodeMatrix>(std::move(*matrix));
        b->source_text = text;
        if (const auto* a = FindOption(stmt.options, "alt")) b->alt = ToStr(Eval(*a->value, env), a->value->span);
        MediaSize(stmt, *b);
        out.push_back(std::move(b));
        break;
      }
      case K::Error: Fail(stmt.span, "this statement has a syntax error");
    }
  }
}

std::unique_ptr<compose::Document> Worker::Impl::BuildPrint(Env& env) {
  const ast::LayoutDecl& layout = *program.print;
  auto doc = std::make_unique<compose::Document>();
  const compose::Style* base = &program.base_style;
  doc->language = language;
  doc->storage = styles;
  if (layout.page) {
    const auto& page = *layout.page;
    if (page.style) base = Derive(base, page.style, env);
    PageGeometry(page, doc->page);
    if (const auto* d = FindOption(page.options, "duplex")) doc->page.duplex = EvalBool(*d->value, env);
    if (const auto* b = FindOption(page.options, "background")) {
      // A literal only: the driver reads every letterhead once, before any record runs.
      if (b->value->kind != ast::ExprKind::String) Fail(b->value->span, "`background` takes a PDF file name in quotes");
      const std::string& name = b->value->text;
      doc->page.background = ResolvePath(name, program.Directory(b->span));
    }
    const bool saved = env.page_slot;
    env.page_slot = true;
    auto slot = [&](const std::optional<ast::PageSlot>& s, std::vector<BlockPtr>& into) {
      if (s) BuildStmts(s->body, Derive(base, s->style, env), env, into);
    };
    slot(page.header, doc->page.header);
    slot(page.footer, doc->page.footer);
    slot(page.first_header, doc->page.first_header);
    slot(page.first_footer, doc->page.first_footer);
    env.page_slot = saved;
  }
  doc->base = base;
  BuildStmts(layout.body, base, env, doc->body);
  return doc;
}

}  // namespace missive::eval

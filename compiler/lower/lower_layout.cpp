// The print layout → layout statements: what the evaluator's BuildPrint does per record, with every
// static part (kinds, styles, sizes, table columns) resolved once into prototypes, so the generated
// code only evaluates expressions and calls the compose runtime.
#include "compiler/eval/block_spec.h"
#include "compiler/eval/program.h"
#include "compiler/lower/lowerer.h"
#include "runtime/media/barcode.h"

namespace missive::lower::detail {
namespace {

using compose::Block;
using compose::BlockKind;

using eval::AlignOf;
using eval::FindOption;
using eval::NewBlock;
using eval::SizeOf;

// The static parts are read by the evaluator's own functions (block_spec.h); what they cannot read
// (a length that is not a constant) is not lowered.
template <class Read>
void Static(const char* what, Read read) {
  try {
    read();
  } catch (const Unsupported&) {
    throw;
  } catch (...) {
    No(what);
  }
}

frame::Unit Length(const ast::Expr& e) {
  frame::Unit length = 0;
  Static("a length that is not a constant", [&] { length = eval::LengthOf(e); });
  return length;
}

/// `alt "…"` of an image or barcode (tagged PDF): a literal is part of the prototype; a computed one is
/// left to the evaluator.
void MediaAlt(const ast::Stmt& stmt, Block& block) {
  const auto* a = FindOption(stmt.options, "alt");
  if (a == nullptr) return;
  if (a->value->kind != ast::ExprKind::String) No("a computed `alt` text");
  block.alt = a->value->text;
}

LStmt At(LOp op, source::Span span) {
  LStmt s;
  s.op = op;
  s.span = span;
  return s;
}

}  // namespace

const compose::Style* Lowerer::Derive(const compose::Style* parent, const std::optional<ast::Ident>& name) {
  std::string error;
  const compose::Style* s = (*styles)(parent, name, module, &error);
  if (s == nullptr) No("a style that cannot be resolved (" + error + ")");
  return s;
}

std::uint32_t Lowerer::Proto(compose::Prototype proto) {
  out->protos.push_back(std::move(proto));
  return static_cast<std::uint32_t>(out->protos.size() - 1);
}

std::uint32_t Lowerer::Proto(compose::BlockPtr block) {
  compose::Prototype p;
  p.block = std::move(block);
  return Proto(std::move(p));
}

// The spans of a text: literal parts, shown values, and in page slots the page number and total.
void Lowerer::Spans(const ast::Expr& e, std::vector<LStmt>& into) {
  if (e.kind != ast::ExprKind::Interpolated) {
    LStmt s = At(LOp::Span, e.span);
    s.value = Show(Expr(e));
    into.push_back(std::move(s));
    return;
  }
  for (const auto& part : e.parts) {
    if (part.expr && page_slot && part.expr->kind == ast::ExprKind::Name &&
        (part.expr->name.name == "page" || part.expr->name.name == "pages")) {
      LStmt s = At(LOp::PageSpan, part.span);
      s.imm = part.expr->name.name == "pages" ? 1 : 0;
      into.push_back(std::move(s));
      continue;
    }
    LStmt s = At(LOp::Span, part.span);
    if (part.expr) {
      s.value = Show(Expr(*part.expr));
    } else {
      Node text;
      text.op = Op::ConstStr;
      text.ty = Ty::Str;
      text.str = part.text;
      text.span = part.span;
      s.value = Add(std::move(text));
    }
    into.push_back(std::move(s));
  }
}

void Lowerer::Stmts(const std::vector<ast::StmtPtr>& stmts, const compose::Style* style, std::vector<LStmt>& into) {
  for (const auto& stmt : stmts) Stmt(*stmt, style, into);
}

void Lowerer::Stmt(const ast::Stmt& stmt, const compose::Style* style, std::vector<LStmt>& into) {
  using K = ast::StmtKind;
  auto open = [&](compose::BlockPtr block) {
    LStmt s = At(LOp::Open, stmt.span);
    s.proto = Proto(std::move(block));
    return s;
  };
  auto leaf = [&](compose::BlockPtr block) {
    LStmt s = At(LOp::Leaf, stmt.span);
    s.proto = Proto(std::move(block));
    into.push_back(std::move(s));
  };
  switch (stmt.kind) {
    case K::Text: {
      const auto* s = stmt.style ? Derive(style, stmt.style) : style;
      auto b = NewBlock(BlockKind::Paragraph, s);
      b->align = AlignOf(stmt.align);
      b->width = SizeOf(*s);
      LStmt p = open(std::move(b));
      Spans(*stmt.value, p.body);
      into.push_back(std::move(p));
      return;
    }
    case K::Row:
    case K::Column:
    case K::Box:
    case K::Keep: {
      const auto* s = Derive(style, stmt.style);
      auto b = NewBlock(stmt.kind == K::Row ? BlockKind::Row : BlockKind::Stack, s);
      b->keep_together = stmt.kind == K::Keep;
      b->width = SizeOf(*s);
      LStmt container = open(std::move(b));
      Stmts(stmt.body, Derive(s, std::nullopt), container.body);
      into.push_back(std::move(container));
      return;
    }
    case K::Fill: {
      auto b = NewBlock(BlockKind::Stack, style);
      b->width = {compose::Size::Kind::Fraction, 0, 1000};
      leaf(std::move(b));
      return;
    }
    case K::Space: {
      auto b = NewBlock(BlockKind::Space, style);
      b->height = Length(*stmt.value);
      leaf(std::move(b));
      return;
    }
    case K::Line: leaf(NewBlock(BlockKind::Rule, stmt.style ? Derive(style, stmt.style) : style)); return;
    case K::PageBreak: leaf(NewBlock(BlockKind::PageBreak, style)); return;
    case K::If: {
      LStmt s = At(LOp::If, stmt.span);
      s.value = Use(Expr(*stmt.value));
      if (N(s.value).ty != Ty::Bool) No("an `if` condition that is not a Bool");
      const std::size_t mark = narrowed.size();
      Narrow(*stmt.value);
      Stmts(stmt.body, style, s.body);
      narrowed.resize(mark);
      Stmts(stmt.else_body, style, s.else_body);
      into.push_back(std::move(s));
      return;
    }
    case K::For: {
      LStmt s = At(LOp::For, stmt.span);
      s.value = Use(Expr(*stmt.value));
      if (N(s.value).ty != Ty::List) No("`for` over a value that is not a list");
      s.loop = NewLoop();
      const std::size_t mark = locals.size();
      locals.emplace_back(stmt.var.name, Element(s.loop, s.value, stmt.var.span));
      if (stmt.index) {
        const int index = Make(Op::LoopIndex, Ty::Int, {}, stmt.index->span);
        N(index).loop = s.loop;
        locals.emplace_back(stmt.index->name, index);
      }
      Stmts(stmt.body, style, s.body);
      locals.resize(mark);
      into.push_back(std::move(s));
      return;
    }
    case K::Table: {
      const auto& spec = *stmt.table;
      compose::Prototype proto;
      proto.block = NewBlock(BlockKind::Table, style);
      proto.block->table = std::make_unique<compose::Table>();
      auto& table = *proto.block->table;
      Static("a table column that is not a constant", [&] { table.columns = eval::TableColumns(spec); });
      table.repeat_header = spec.header_repeat;
      proto.header_style = spec.header_style ? Derive(style, spec.header_style) : nullptr;
      proto.row_style = spec.row_style ? Derive(style, spec.row_style) : nullptr;
      proto.zebra = spec.zebra;
      const compose::Style* header_text = proto.header_style ? Derive(proto.header_style, std::nullopt) : style;
      const compose::Style* row_text = proto.row_style ? Derive(proto.row_style, std::nullopt) : style;
      LStmt t = At(LOp::Open, stmt.span);
      t.proto = Proto(std::move(proto));
      auto cells = [&](const std::vector<ast::Cell>& spec_cells, const compose::Style* text_style,
                       std::vector<LStmt>& row) {
        for (const auto& cell : spec_cells) {
          const auto* s = cell.style ? Derive(text_style, cell.style) : text_style;
          auto p = NewBlock(BlockKind::Paragraph, s);
          p->align = AlignOf(cell.align);
          LStmt c = At(LOp::Open, cell.span);
          c.proto = Proto(std::move(p));
          Spans(*cell.value, c.body);
          row.push_back(std::move(c));
        }
      };
      if (!spec.header.empty()) {
        LStmt header = At(LOp::HeaderRow, stmt.span);
        header.proto = t.proto;
        cells(spec.header, header_text, header.body);
        t.body.push_back(std::move(header));
      }
      LStmt rows = At(LOp::TableRows, spec.span);
      rows.proto = t.proto;
      rows.value = Use(Expr(*spec.list));
      if (N(rows.value).ty != Ty::List) No("a table over a value that is not a list");
      rows.loop = NewLoop();
      const std::size_t mark = locals.size();
      locals.emplace_back(spec.var.name, Element(rows.loop, rows.value, spec.var.span));
      if (spec.index) {
        const int index = Make(Op::LoopIndex, Ty::Int, {}, spec.index->span);
        N(index).loop = rows.loop;
        locals.emplace_back(spec.index->name, index);
      }
      cells(spec.row, row_text, rows.body);
      locals.resize(mark);
      t.body.push_back(std::move(rows));
      into.push_back(std::move(t));
      return;
    }
    case K::Call: {
      const ast::Expr& call = *stmt.value;
      const ast::Expr& callee = *call.lhs;
      std::size_t m = module;
      std::string name = callee.name.name;
      if (callee.kind == ast::ExprKind::Member && callee.lhs->kind == ast::ExprKind::Name) {
        const auto& aliases = sema->modules[module].aliases;
        auto alias = aliases.find(callee.lhs->name.name);
        if (alias == aliases.end()) No("an unknown module");
        m = alias->second;
      }
      const ast::ComponentDecl* component = nullptr;
      for (const auto& c : sema->modules[m].ast->components) {
        if (c.name.name == name) component = &c;
      }
      if (component == nullptr || component->params.size() != call.args.size()) No("this component call");
      if (++depth > 32) No("components nested more than 32 deep");
      std::vector<std::pair<std::string, int>> params;
      for (std::size_t i = 0; i < call.args.size(); ++i)
        params.emplace_back(component->params[i].name.name, Use(Expr(*call.args[i].value)));
      std::swap(locals, params);
      const std::size_t saved = module;
      module = m;
      Stmts(component->body, style, into);
      module = saved;
      std::swap(locals, params);
      --depth;
      return;
    }
    case K::Place: {
      auto b = NewBlock(BlockKind::Place, Derive(style, stmt.style));
      Static("a place position or width that is not a constant", [&] { eval::PlaceOptions(stmt, *b); });
      const compose::Style* children = Derive(b->style, std::nullopt);
      LStmt place = open(std::move(b));
      Stmts(stmt.body, children, place.body);
      into.push_back(std::move(place));
      return;
    }
    case K::Image: {
      compose::Prototype proto;
      proto.block = NewBlock(BlockKind::Image, style);
      Static("an image or barcode size that is not a constant", [&] { eval::MediaSize(stmt, *proto.block); });
      MediaAlt(stmt, *proto.block);
      eval::ImageFit(stmt, *proto.block);
      proto.directory = eval::DirectoryOf(sema->sources, stmt.span);
      LStmt s = At(LOp::Image, stmt.span);
      s.value = Show(Expr(*stmt.value));
      s.proto = Proto(std::move(proto));
      into.push_back(std::move(s));
      return;
    }
    case K::Barcode: {
      if (!media::SymbologyNamed(stmt.symbology.name)) No("an unknown barcode symbology");
      compose::Prototype proto;
      proto.block = NewBlock(BlockKind::Barcode, style);
      Static("an image or barcode size that is not a constant", [&] { eval::MediaSize(stmt, *proto.block); });
      MediaAlt(stmt, *proto.block);
      proto.symbology = stmt.symbology.name;
      LStmt s = At(LOp::Barcode, stmt.span);
      s.value = Show(Expr(*stmt.value));
      s.proto = Proto(std::move(proto));
      into.push_back(std::move(s));
      return;
    }
    case K::Error: No("a statement with a syntax error");
  }
}

void Lowerer::Print(const ast::LayoutDecl& layout) {
  compose::PageTemplate& page = out->page;
  const compose::Style* base = Derive(nullptr, std::nullopt);  // the program's base style itself
  if (layout.page) {
    const auto& setup = *layout.page;
    if (setup.style) base = Derive(base, setup.style);
    Static("a page size or margin that is not a constant", [&] { eval::PageGeometry(setup, page); });
    if (const auto* d = FindOption(setup.options, "duplex")) {
      if (d->value->kind != ast::ExprKind::Bool) No("a `duplex` that is not true or false");
      page.duplex = d->value->bool_value;
    }
    if (const auto* b = FindOption(setup.options, "background")) {
      if (b->value->kind != ast::ExprKind::String) No("a `background` that is not a file name in quotes");
      const std::string& name = b->value->text;
      page.background = eval::ResolvePath(name, eval::DirectoryOf(sema->sources, b->span));
    }
    page_slot = true;
    const std::optional<ast::PageSlot>* slots[] = {&setup.header, &setup.footer, &setup.first_header,
                                                   &setup.first_footer};
    for (int i = 0; i < 4; ++i) {
      if (*slots[i]) Stmts((*slots[i])->body, Derive(base, (*slots[i])->style), program.layout[i + 1]);
    }
    page_slot = false;
  }
  out->base = base;
  Stmts(layout.body, base, program.layout[0]);
  program.has_layout = true;
}

}  // namespace missive::lower::detail

// Layouts → layout statements: every static part of a block (kind, style, sizes, table columns) is
// made once into a BlockSpec; the statements only evaluate expressions and add blocks. Components are
// inlined with their arguments bound. One lowering for every channel's layout.
#include <cmath>
#include <filesystem>

#include "compiler/lower/lowerer.h"

namespace missive::lower::detail {

namespace {

std::uint32_t Permille(const ast::Expr& fraction) {
  return static_cast<std::uint32_t>(std::llround(std::strtod(fraction.text.c_str(), nullptr) * 1000.0));
}

std::int8_t AlignOf(ast::Align a) {
  switch (a) {
    case ast::Align::Left: return 0;
    case ast::Align::Right: return 1;
    case ast::Align::Center: return 2;
    case ast::Align::Justify: return 3;
    case ast::Align::Default: break;
  }
  return -1;
}

/// A block's width in a row, from its style: fixed, a share (`1fr`), or its content's.
SizeSpec WidthOf(const StyleSpec& s) {
  if (s.width) return {0, *s.width, 1000};
  if (s.width_fraction_permille > 0) return {1, 0, s.width_fraction_permille};
  return {};
}

SizeSpec SizeOfOption(const ast::Expr& v) {
  if (v.kind == ast::ExprKind::Fraction) return {1, 0, Permille(v)};
  if (v.kind == ast::ExprKind::Length) return {0, LengthOf(v), 1000};
  return {};
}

LStmt At(LOp op, source::Span span) {
  LStmt s;
  s.op = op;
  s.span = span;
  return s;
}

}  // namespace

Mpt LengthOf(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::Length) Fail(e.span, "a length that is not a constant such as `10pt`");
  const double number = std::strtod(e.text.c_str(), nullptr);
  double points = number;
  if (e.unit == "mm") points = number * 72.0 / 25.4;
  if (e.unit == "cm") points = number * 720.0 / 25.4;
  if (e.unit == "in") points = number * 72.0;
  return static_cast<Mpt>(std::llround(points * 1000.0));
}

const ast::Option* FindOption(const std::vector<ast::Option>& options, std::string_view name) {
  for (const auto& o : options) {
    if (o.name.name == name) return &o;
  }
  return nullptr;
}

std::string DirectoryOf(const source::SourceManager& sources, source::Span span) {
  if (!span.valid()) return ".";
  const std::string parent = std::filesystem::path(sources.file(span.file).path()).parent_path().string();
  return parent.empty() ? "." : parent;
}

std::string ResolvePath(const std::string& name, const std::string& directory) {
  return !name.empty() && name[0] == '/' ? name : directory + "/" + name;
}

int Lowerer::Block(BlockSpec spec) {
  p_.blocks.push_back(std::move(spec));
  return static_cast<int>(p_.blocks.size()) - 1;
}

void Lowerer::Spans(const ast::Expr& e, Scope& scope, std::vector<LStmt>& into) {
  if (e.kind != ast::ExprKind::Interpolated) {
    LStmt s = At(LOp::Span, e.span);
    s.value = Show(Expr(e, scope), e.span);
    into.push_back(std::move(s));
    return;
  }
  for (const auto& part : e.parts) {
    if (part.expr && scope.page_slot && part.expr->kind == ast::ExprKind::Name &&
        (part.expr->name.name == "page" || part.expr->name.name == "pages")) {
      LStmt s = At(LOp::PageSpan, part.span);
      s.imm = part.expr->name.name == "pages" ? 1 : 0;
      into.push_back(std::move(s));
      continue;
    }
    LStmt s = At(LOp::Span, part.span);
    s.value = part.expr ? Show(Expr(*part.expr, scope), part.span) : ConstStr(part.text, part.span);
    into.push_back(std::move(s));
  }
}

void Lowerer::Stmts(const std::vector<ast::StmtPtr>& stmts, int style, Scope& scope, std::vector<LStmt>& into) {
  for (const auto& stmt : stmts) {
    try {
      Stmt(*stmt, style, scope, into);
    } catch (const NotCompiled& e) {
      sink_.report(diag::Kind::NotCompiled, e.span, e.what + " cannot be compiled");
    }
  }
}

void Lowerer::Stmt(const ast::Stmt& stmt, int style, Scope& scope, std::vector<LStmt>& into) {
  using K = ast::StmtKind;
  auto spec = [&](BlockKind kind, int block_style) {
    BlockSpec b;
    b.kind = kind;
    b.style = block_style;
    return b;
  };
  auto open = [&](BlockSpec block) {
    LStmt s = At(LOp::Open, stmt.span);
    s.block = Block(std::move(block));
    return s;
  };
  auto leaf = [&](BlockSpec block) {
    LStmt s = At(LOp::Leaf, stmt.span);
    s.block = Block(std::move(block));
    into.push_back(std::move(s));
  };
  auto alt = [&](LStmt& s, BlockSpec& b) {
    const auto* a = FindOption(stmt.options, "alt");
    if (a == nullptr) return;
    if (a->value->kind == ast::ExprKind::String) {
      b.alt = a->value->text;
    } else {
      s.alt = Show(Expr(*a->value, scope), a->value->span);
    }
  };
  auto media_size = [&](BlockSpec& b) {
    if (const auto* w = FindOption(stmt.options, "width")) b.width = SizeOfOption(*w->value);
    if (const auto* h = FindOption(stmt.options, "height")) b.height = LengthOf(*h->value);
  };
  switch (stmt.kind) {
    case K::Text: {
      const int s = stmt.style ? Derive(style, stmt.style, scope.module) : style;
      BlockSpec b = spec(BlockKind::Paragraph, s);
      b.align = AlignOf(stmt.align);
      b.width = WidthOf(p_.styles[static_cast<std::size_t>(s)]);
      LStmt p = open(std::move(b));
      Spans(*stmt.value, scope, p.body);
      into.push_back(std::move(p));
      return;
    }
    case K::Row:
    case K::Column:
    case K::Box:
    case K::Keep: {
      const int s = Derive(style, stmt.style, scope.module);
      BlockSpec b = spec(stmt.kind == K::Row ? BlockKind::Row : BlockKind::Stack, s);
      b.keep_together = stmt.kind == K::Keep;
      b.width = WidthOf(p_.styles[static_cast<std::size_t>(s)]);
      LStmt container = open(std::move(b));
      Stmts(stmt.body, Derive(s, std::nullopt, scope.module), scope, container.body);  // text properties only
      into.push_back(std::move(container));
      return;
    }
    case K::Fill: {
      BlockSpec b = spec(BlockKind::Stack, style);
      b.width = {1, 0, 1000};
      leaf(std::move(b));
      return;
    }
    case K::Space: {
      BlockSpec b = spec(BlockKind::Space, style);
      b.height = LengthOf(*stmt.value);
      leaf(std::move(b));
      return;
    }
    case K::Line: leaf(spec(BlockKind::Rule, stmt.style ? Derive(style, stmt.style, scope.module) : style)); return;
    case K::PageBreak: leaf(spec(BlockKind::PageBreak, style)); return;
    case K::If: {
      LStmt s = At(LOp::If, stmt.span);
      s.value = ExprAs(*stmt.value, scope, Scalar(Kind::Bool));
      Stmts(stmt.body, style, scope, s.body);
      Stmts(stmt.else_body, style, scope, s.else_body);
      into.push_back(std::move(s));
      return;
    }
    case K::For: {
      LStmt s = At(LOp::For, stmt.span);
      s.value = Expr(*stmt.value, scope);
      if (T(s.value).kind != Kind::List || T(s.value).optional)
        Fail(stmt.value->span, "`for` over a value that is not a list");
      s.loop = NewLoop();
      const std::size_t mark = scope.locals.size();
      scope.locals.emplace_back(stmt.var.name, Element(s.value, s.loop, stmt.var.span));
      if (stmt.index) {
        const int index = Make(Op::LoopIndex, Scalar(Kind::Int), {}, stmt.index->span);
        N(index).loop = s.loop;
        scope.locals.emplace_back(stmt.index->name, index);
      }
      Stmts(stmt.body, style, scope, s.body);
      scope.locals.resize(mark);
      into.push_back(std::move(s));
      return;
    }
    case K::Table: {
      const auto& table = *stmt.table;
      BlockSpec b = spec(BlockKind::Table, style);
      for (const auto& c : table.columns) b.columns.push_back(SizeOfOption(*c));
      b.repeat_header = table.header_repeat;
      b.header_style = table.header_style ? Derive(style, table.header_style, scope.module) : -1;
      b.row_style = table.row_style ? Derive(style, table.row_style, scope.module) : -1;
      b.zebra = table.zebra;
      const int header_text = b.header_style >= 0 ? Derive(b.header_style, std::nullopt, scope.module) : style;
      const int row_text = b.row_style >= 0 ? Derive(b.row_style, std::nullopt, scope.module) : style;
      LStmt t = open(std::move(b));
      auto cells = [&](const std::vector<ast::Cell>& spec_cells, int text_style, std::vector<LStmt>& row) {
        for (const auto& cell : spec_cells) {
          const int s = cell.style ? Derive(text_style, cell.style, scope.module) : text_style;
          BlockSpec p = spec(BlockKind::Paragraph, s);
          p.align = AlignOf(cell.align);
          LStmt c = At(LOp::Open, cell.span);
          c.block = Block(std::move(p));
          Spans(*cell.value, scope, c.body);
          row.push_back(std::move(c));
        }
      };
      if (!table.header.empty()) {
        LStmt header = At(LOp::HeaderRow, stmt.span);
        header.block = t.block;
        cells(table.header, header_text, header.body);
        t.body.push_back(std::move(header));
      }
      LStmt rows = At(LOp::TableRows, table.span);
      rows.block = t.block;
      rows.value = Expr(*table.list, scope);
      if (T(rows.value).kind != Kind::List || T(rows.value).optional)
        Fail(table.list->span, "a table over a value that is not a list");
      rows.loop = NewLoop();
      const std::size_t mark = scope.locals.size();
      scope.locals.emplace_back(table.var.name, Element(rows.value, rows.loop, table.var.span));
      if (table.index) {
        const int index = Make(Op::LoopIndex, Scalar(Kind::Int), {}, table.index->span);
        N(index).loop = rows.loop;
        scope.locals.emplace_back(table.index->name, index);
      }
      cells(table.row, row_text, rows.body);
      scope.locals.resize(mark);
      t.body.push_back(std::move(rows));
      into.push_back(std::move(t));
      return;
    }
    case K::Call: {
      const ast::Expr& call = *stmt.value;
      const ast::Expr& callee = *call.lhs;
      std::size_t m = scope.module;
      if (callee.kind == ast::ExprKind::Member && callee.lhs->kind == ast::ExprKind::Name) {
        const auto& aliases = sema_.modules[scope.module].aliases;
        auto alias = aliases.find(callee.lhs->name.name);
        if (alias == aliases.end()) Fail(callee.span, "a component of an unknown module");
        m = alias->second;
      }
      const auto& components = typing_.decls.at(m).components;
      auto found = components.find(callee.name.name);
      if (found == components.end()) Fail(callee.span, "the component `" + callee.name.name + "`");
      const ast::ComponentDecl& component = *found->second;
      if (component.params.size() != call.args.size()) Fail(call.span, "a component call with the wrong arguments");
      if (component_depth_ >= 64) Fail(call.span, "components nested more than 64 deep");
      const auto& types = typing_.component_params.at(&component);
      Scope inner;
      inner.module = m;
      inner.page_slot = scope.page_slot;
      for (std::size_t i = 0; i < call.args.size(); ++i)
        inner.locals.emplace_back(component.params[i].name.name,
                                  ExprAs(*call.args[i].value, scope, FromSema(types[i])));
      ++component_depth_;
      Stmts(component.body, style, inner, into);
      --component_depth_;
      return;
    }
    case K::Place: {
      const int s = Derive(style, stmt.style, scope.module);
      BlockSpec b = spec(BlockKind::Place, s);
      b.x = LengthOf(*stmt.x);
      b.y = LengthOf(*stmt.y);
      if (const auto* w = FindOption(stmt.options, "width")) b.place_width = LengthOf(*w->value);
      if (const auto* o = FindOption(stmt.options, "overflow")) {
        const auto& policy = o->value->name.name;
        b.overflow = policy == "shrink" ? 1 : policy == "clip" ? 2 : 0;
      }
      LStmt place = open(std::move(b));
      Stmts(stmt.body, Derive(s, std::nullopt, scope.module), scope, place.body);
      into.push_back(std::move(place));
      return;
    }
    case K::Image: {
      BlockSpec b = spec(BlockKind::Image, style);
      media_size(b);
      if (const auto* f = FindOption(stmt.options, "fit")) {
        const auto& mode = f->value->name.name;
        b.fit = mode == "cover" ? 1 : mode == "fill" ? 2 : 0;
      }
      b.directory = DirectoryOf(sema_.sources, stmt.span);
      LStmt s = At(LOp::Image, stmt.span);
      s.value = Show(Expr(*stmt.value, scope), stmt.value->span);
      s.site = Site(stmt.value->span, "image");
      alt(s, b);
      s.block = Block(std::move(b));
      into.push_back(std::move(s));
      return;
    }
    case K::Barcode: {
      BlockSpec b = spec(BlockKind::Barcode, style);
      media_size(b);
      b.symbology = stmt.symbology.name;
      LStmt s = At(LOp::Barcode, stmt.span);
      s.value = Show(Expr(*stmt.value, scope), stmt.value->span);
      s.site = Site(stmt.value->span, "barcode");
      alt(s, b);
      s.block = Block(std::move(b));
      into.push_back(std::move(s));
      return;
    }
    case K::Link:
    case K::Button: {
      const int s = stmt.style ? Derive(style, stmt.style, scope.module) : style;
      BlockSpec b = spec(BlockKind::Paragraph, s);
      b.button = stmt.kind == K::Button;
      b.width = WidthOf(p_.styles[static_cast<std::size_t>(s)]);
      LStmt p = open(std::move(b));
      Spans(*stmt.value, scope, p.body);
      LStmt link = At(LOp::Link, stmt.span);
      link.value = ExprAs(*stmt.target, scope, Scalar(Kind::Str));
      link.site = Site(stmt.target->span, stmt.kind == K::Link ? "link" : "button");
      p.body.push_back(std::move(link));
      into.push_back(std::move(p));
      return;
    }
    case K::Error: Fail(stmt.span, "a statement with a syntax error");
  }
}

void Lowerer::Layouts() {
  const ast::Module& main = *sema_.modules[0].ast;
  auto slot = [&](const std::string& name) {
    p_.slots.push_back(lower::Slot{name, {}});
    return static_cast<int>(p_.slots.size()) - 1;
  };
  for (const auto& layout : main.layouts) {
    Layout& out = p_.layouts.emplace_back();
    try {
      Scope scope;
      switch (layout.kind) {
        case ast::LayoutKind::Print: {
          out.kind = LayoutKind::Print;
          PageSpec& page = out.page;
          int base = 0;
          if (layout.page) {
            const ast::PageSetup& setup = *layout.page;
            if (setup.style) base = Derive(base, setup.style, 0);
            static const std::map<std::string, std::pair<double, double>> kSizes = {{"A3", {297, 420}},
                                                                                    {"A4", {210, 297}},
                                                                                    {"A5", {148, 210}},
                                                                                    {"Letter", {215.9, 279.4}},
                                                                                    {"Legal", {215.9, 355.6}}};
            auto mm = [](double v) { return static_cast<Mpt>(std::llround(v * 72000.0 / 25.4)); };
            if (auto size = kSizes.find(setup.size.name); size != kSizes.end()) {
              page.width = mm(size->second.first);
              page.height = mm(size->second.second);
            }
            if (const auto* w = FindOption(setup.options, "width")) page.width = LengthOf(*w->value);
            if (const auto* h = FindOption(setup.options, "height")) page.height = LengthOf(*h->value);
            if (const auto* m = FindOption(setup.options, "margin")) {
              std::vector<Mpt> margins;
              if (m->value->kind == ast::ExprKind::List) {
                for (const auto& item : m->value->items) margins.push_back(LengthOf(*item));
              } else {
                margins.push_back(LengthOf(*m->value));
              }
              if (margins.size() == 1) margins = {margins[0], margins[0], margins[0], margins[0]};
              if (margins.size() == 2) margins = {margins[0], margins[1], margins[0], margins[1]};
              if (margins.size() != 4) Fail(m->span, "a `margin` of other than 1, 2 or 4 lengths");
              for (std::size_t i = 0; i < 4; ++i) page.margin[i] = margins[i];
            }
            if (const auto* d = FindOption(setup.options, "duplex"))
              page.duplex = Value(ExprAs(*d->value, scope, Scalar(Kind::Bool)));
            if (const auto* b = FindOption(setup.options, "background")) {
              if (b->value->kind != ast::ExprKind::String)
                Fail(b->value->span, "a `background` that is not a file name in quotes");
              page.background = ResolvePath(b->value->text, DirectoryOf(sema_.sources, b->span));
            }
            Scope slot_scope;
            slot_scope.page_slot = true;
            const std::pair<const std::optional<ast::PageSlot>*, int*> slots[] = {
                {&setup.header, &out.header},
                {&setup.footer, &out.footer},
                {&setup.first_header, &out.first_header},
                {&setup.first_footer, &out.first_footer}};
            const char* names[] = {"print.header", "print.footer", "print.first_header", "print.first_footer"};
            for (int i = 0; i < 4; ++i) {
              const auto& [source, index] = slots[i];
              if (!*source) continue;
              *index = slot(names[i]);
              std::vector<LStmt> body;
              Stmts((**source).body, Derive(base, (**source).style, 0), slot_scope, body);
              p_.slots[static_cast<std::size_t>(*index)].body = std::move(body);
            }
          }
          page.base_style = base;
          out.body = slot("print.body");
          std::vector<LStmt> body;
          Stmts(layout.body, base, scope, body);
          p_.slots[static_cast<std::size_t>(out.body)].body = std::move(body);
          break;
        }
        case ast::LayoutKind::Email:
        case ast::LayoutKind::Push:
        case ast::LayoutKind::Sms: {
          out.kind = layout.kind == ast::LayoutKind::Email  ? LayoutKind::Email
                     : layout.kind == ast::LayoutKind::Push ? LayoutKind::Push
                                                            : LayoutKind::Sms;
          auto text = [&](const ast::ExprPtr& e) { return e ? Value(TextOrEmpty(*e, scope)) : -1; };
          out.subject = text(layout.subject);
          out.from = text(layout.from);
          out.reply_to = text(layout.reply_to);
          out.preheader = text(layout.preheader);
          out.unsubscribe = text(layout.unsubscribe);
          if (layout.attach) out.attach_name = text(layout.attach_name);
          out.collapse = text(layout.collapse);
          if (layout.ttl) out.ttl = Value(ExprAs(*layout.ttl, scope, Scalar(Kind::Int)));
          for (const auto& entry : layout.data)
            if (entry.value) out.data.emplace_back(entry.name.name, text(entry.value));
          if (layout.max_segments) out.max_segments = static_cast<int>(std::stoll(layout.max_segments->text));
          out.over_budget_rejects = layout.over_budget_rejects;
          out.body = slot(layout.name.name + ".body");
          std::vector<LStmt> body;
          Stmts(layout.body, 0, scope, body);
          p_.slots[static_cast<std::size_t>(out.body)].body = std::move(body);
          break;
        }
      }
    } catch (const NotCompiled& e) {
      sink_.report(diag::Kind::NotCompiled, e.span, e.what + " cannot be compiled");
    }
  }
}

}  // namespace missive::lower::detail

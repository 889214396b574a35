// Layouts, components and styles: statements, style names and properties, page setup, tables.
#include <algorithm>
#include <filesystem>
#include <functional>

#include "compiler/sema/checker.h"
#include "runtime/util/util.h"

namespace missive::sema {

namespace {

const std::vector<std::string> kStyleProps = {"font",    "size",   "weight",     "italic", "color",
                                              "leading", "align",  "background", "border", "padding",
                                              "width",   "radius", "hyphenate",  "role"};
/// `role`: what a block is in a tagged PDF's structure tree (docs/pdf.md).
const std::vector<std::string> kRoles = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "artifact"};
const std::vector<std::string> kPageSizes = {"A4", "A5", "A3", "Letter", "Legal", "custom"};

bool IsLength(const ast::Expr& e) { return e.kind == ast::ExprKind::Length; }
bool IsNumber(const ast::Expr& e) { return e.kind == ast::ExprKind::Int || e.kind == ast::ExprKind::Decimal; }
bool IsNamed(const ast::Expr& e, const std::vector<std::string>& names) {
  return e.kind == ast::ExprKind::Name && std::find(names.begin(), names.end(), e.name.name) != names.end();
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "`" : ", `") + n + "`";
  return out;
}

}  // namespace

void Checker::CheckStyles(std::size_t module) {
  module_ = module;
  for (const auto& style : program_.modules[module].ast->styles) {
    std::map<std::string, const ast::StyleProp*> seen;
    for (const auto& prop : style.props) {
      const std::string& name = prop.name.name;
      if (std::find(kStyleProps.begin(), kStyleProps.end(), name) == kStyleProps.end()) {
        auto& d =
            sink_.report(diag::Kind::UnknownStyleProperty, prop.name.span, "unknown style property `" + name + "`");
        if (auto best = diag::closest_name(name, kStyleProps)) {
          d.notes.push_back("did you mean `" + *best + "`?");
          d.fixit = diag::FixIt{prop.name.span, *best};
        }
        continue;
      }
      if (auto first = seen.find(name); first != seen.end()) {
        ReportDuplicate(prop.name, first->second->name.span, "style property");
        continue;
      }
      seen.emplace(name, &prop);
      const auto& v = prop.values;
      auto one = [&](auto pred) { return v.size() == 1 && v[0] && pred(*v[0]); };
      auto all = [&](std::size_t min, std::size_t max, auto pred) {
        if (v.size() < min || v.size() > max) return false;
        for (const auto& e : v) {
          if (!e || !pred(*e)) return false;
        }
        return true;
      };
      bool ok = true;
      std::string expected;
      if (name == "font") {
        ok = one([](const ast::Expr& e) { return e.kind == ast::ExprKind::String; });
        expected = "a font family name in quotes, e.g. `\"DejaVu Sans\"`";
        if (ok && util::IsFontFileName(v[0]->text)) {
          // a font file, relative to the file that names it
          const auto dir = std::filesystem::path(program_.sources.file(v[0]->span.file).path()).parent_path();
          if (!std::filesystem::is_regular_file(dir / v[0]->text)) {
            sink_.report(diag::Kind::UnknownFont, v[0]->span,
                         "font file `" + v[0]->text + "` not found (looked in " +
                             std::filesystem::absolute(dir).lexically_normal().string() + ")");
          }
        } else if (ok) {
          std::string matched;
          if (!FontFamilyInstalled(v[0]->text, matched)) {
            auto& d = sink_.report(diag::Kind::UnknownFont, v[0]->span, "font `" + v[0]->text + "` is not installed");
            // The substitute fontconfig offered depends on the machine: name it nowhere in the message.
            d.notes.push_back(
                "Missive never substitutes fonts: install it, or name an installed family (`fc-list : family`)");
          }
        }
      } else if (name == "size" || name == "radius") {
        ok = one(IsLength);
        expected = "a length, e.g. `10pt`";
      } else if (name == "weight") {
        ok = one([](const ast::Expr& e) {
          return IsNamed(e, {"normal", "bold", "light", "medium", "semibold", "black", "thin"}) ||
                 e.kind == ast::ExprKind::Int;
        });
        expected = "`normal`, `bold`, `light` or a number like `600`";
      } else if (name == "italic" || name == "hyphenate") {
        ok = one([](const ast::Expr& e) { return e.kind == ast::ExprKind::Bool; });
        expected = "`true` or `false`";
      } else if (name == "color" || name == "background") {
        ok = one([](const ast::Expr& e) { return e.kind == ast::ExprKind::Color; });
        expected = "a colour, e.g. `#1A2B3C`";
      } else if (name == "leading") {
        ok = one([](const ast::Expr& e) { return IsNumber(e) || IsLength(e); });
        expected = "a factor like `1.3` or a length";
      } else if (name == "align") {
        ok = one([](const ast::Expr& e) { return IsNamed(e, {"left", "right", "center", "justify"}); });
        expected = "`left`, `right`, `center` or `justify`";
      } else if (name == "border") {
        ok = (v.size() == 1 && v[0] &&
              (IsLength(*v[0]) || IsNamed(*v[0], {"none"}) || v[0]->kind == ast::ExprKind::None)) ||
             (v.size() == 2 && v[0] && v[1] && IsLength(*v[0]) && v[1]->kind == ast::ExprKind::Color);
        expected = "a width and a colour, e.g. `0.5pt #888888`";
      } else if (name == "padding") {
        ok = (v.size() == 1 || v.size() == 2 || v.size() == 4) && all(1, 4, IsLength);
        expected = "1, 2 or 4 lengths, e.g. `3mm` or `3mm 0mm`";
      } else if (name == "width") {
        ok = one([](const ast::Expr& e) { return IsLength(e) || e.kind == ast::ExprKind::Fraction; });
        expected = "a length, e.g. `90mm`, or a share of a row, e.g. `1fr`";
      } else if (name == "role") {
        ok = one([](const ast::Expr& e) { return IsNamed(e, kRoles); });
        expected = Join(kRoles);
      }
      if (!ok) {
        sink_.report(diag::Kind::InvalidStyleValue, prop.span.valid() ? prop.span : prop.name.span,
                     "invalid value for `" + name + "`: expected " + expected);
      }
    }
  }
}

void Checker::CheckStyleRef(const std::optional<ast::Ident>& style) {
  if (!style) return;
  const auto& styles = decls_[module_].styles;
  if (styles.count(style->name) != 0) return;
  std::vector<std::string> names;
  for (const auto& [name, decl] : styles) names.push_back(name);
  auto& d = sink_.report(diag::Kind::UnknownStyle, style->span, "unknown style `" + style->name + "`");
  if (auto best = diag::closest_name(style->name, names)) {
    d.notes.push_back("did you mean `" + *best + "`?");
    d.fixit = diag::FixIt{style->span, *best};
  }
}

void Checker::CheckComponents(std::size_t module) {
  module_ = module;
  for (const auto& c : program_.modules[module].ast->components) {
    fn_scope_ = true;
    ScopeGuard scope(*this);
    std::map<std::string, const ast::Param*> seen;
    const std::vector<Type>& types = typing_.component_params[&c];
    for (std::size_t i = 0; i < c.params.size(); ++i) {
      const ast::Param& p = c.params[i];
      if (auto first = seen.find(p.name.name); first != seen.end()) {
        ReportDuplicate(p.name, first->second->name.span, "parameter");
        continue;
      }
      seen.emplace(p.name.name, &p);
      scope.Bind(p.name.name, i < types.size() ? types[i] : Type::Error());
    }
    component_ = &c;
    CheckStmts(c.body);
    component_ = nullptr;
    fn_scope_ = false;
  }
}

// Components are expanded where they are used: one that calls itself, directly or through others,
// would never end. Each cycle is reported once, at the call that closes it.
void Checker::ReportRecursiveComponents() {
  std::set<const ast::ComponentDecl*> done;
  std::vector<const ast::ComponentDecl*> path;
  std::function<void(const ast::ComponentDecl*)> visit = [&](const ast::ComponentDecl* c) {
    if (done.count(c)) return;
    path.push_back(c);
    for (const auto& [callee, span] : component_calls_[c]) {
      auto cycle = std::find(path.begin(), path.end(), callee);
      if (cycle == path.end()) {
        visit(callee);
        continue;
      }
      std::string chain;
      for (auto it = cycle; it != path.end(); ++it) chain += "`" + (*it)->name.name + "` → ";
      sink_.report(diag::Kind::RecursiveComponent, span, "component `" + callee->name.name + "` calls itself")
          .notes.push_back(chain + "`" + callee->name.name +
                           "`: components are expanded where they are used, so they "
                           "cannot recurse; use `for` over a list instead");
    }
    path.pop_back();
    done.insert(c);
  };
  for (const auto& [component, calls] : component_calls_) visit(component);
}

void Checker::CheckScalarText(const ast::Expr& e) {
  Type t = Expr(e);
  if (t.is_error()) return;
  if (t.kind == TypeKind::Record || t.kind == TypeKind::List || t.kind == TypeKind::None) {
    auto& d = sink_.report(diag::Kind::InterpolationNeedsFormat, e.span,
                           "cannot show " + Article(t) + "`" + TypeName(t) + "` as text");
    d.notes.push_back(t.kind == TypeKind::List ? "format it first, e.g. `join(...)`" : "pick a field");
  } else if (t.optional) {
    ReportOptional(e);
  } else if (t.kind == TypeKind::Length || t.kind == TypeKind::Fraction || t.kind == TypeKind::Color) {
    sink_.report(diag::Kind::TypeMismatch, e.span, "text expects `String`, found `" + TypeName(t) + "`");
  }
}

void Checker::CheckOptions(const std::vector<ast::Option>& options, const std::string& where) {
  for (const auto& o : options) {
    if (!o.value) continue;
    const std::string& name = o.name.name;
    const ast::Expr& v = *o.value;
    bool ok = true;
    std::string expected;
    if (name == "width" || name == "height") {
      ok = IsLength(v) || v.kind == ast::ExprKind::Fraction;
      expected = "a length";
    } else if (name == "overflow") {
      ok = IsNamed(v, {"reject", "shrink", "clip"});
      expected = "`reject`, `shrink` or `clip`";
    } else if (name == "fit") {
      ok = IsNamed(v, {"contain", "cover", "fill"});
      expected = "`contain`, `cover` or `fill`";
    } else if (name == "margin") {
      ok = IsLength(v) ||
           (v.kind == ast::ExprKind::List && !v.items.empty() &&
            std::all_of(v.items.begin(), v.items.end(), [](const ast::ExprPtr& i) { return i && IsLength(*i); }));
      expected = "1, 2 or 4 lengths";
    } else if (name == "duplex") {
      ok = v.kind == ast::ExprKind::Bool;
      expected = "`true` or `false`";
    } else if (name == "alt") {
      // the text a tagged PDF gives the figure (its /Alt): any string, interpolation included
      if (where != "`image`" && where != "`barcode`") {
        sink_.report(diag::Kind::InvalidStyleValue, o.name.span,
                     "invalid " + where + " option `alt`: only `image` and `barcode` take an alt text");
      }
      Expect(v, Type::Of(TypeKind::String), "`alt`");
      continue;
    } else {
      Expr(v);
      continue;
    }
    if (!ok) {
      sink_.report(diag::Kind::InvalidStyleValue, v.span,
                   "invalid " + where + " option `" + name + "`: expected " + expected);
    }
  }
}

void Checker::CheckComponentCall(const ast::Expr& call) {
  if (call.kind != ast::ExprKind::Call || !call.lhs) {
    Expr(call);
    return;
  }
  const ast::Expr& callee = *call.lhs;
  const ast::ComponentDecl* component = nullptr;
  std::size_t module = module_;
  if (callee.kind == ast::ExprKind::Name) {
    auto& comps = decls_[module_].components;
    if (auto found = comps.find(callee.name.name); found != comps.end()) component = found->second;
    if (component == nullptr) {
      std::vector<std::string> names;
      for (const auto& [name, decl] : comps) names.push_back(name);
      auto& d =
          sink_.report(diag::Kind::UnknownComponent, callee.name.span, "unknown component `" + callee.name.name + "`");
      if (auto best = diag::closest_name(callee.name.name, names)) {
        d.notes.push_back("did you mean `" + *best + "`?");
        d.fixit = diag::FixIt{callee.name.span, *best};
      }
    }
  } else if (callee.kind == ast::ExprKind::Member && callee.lhs && callee.lhs->kind == ast::ExprKind::Name) {
    const auto& aliases = program_.modules[module_].aliases;
    auto alias = aliases.find(callee.lhs->name.name);
    if (alias == aliases.end()) {
      std::vector<std::string> names;
      for (const auto& [name, index] : aliases) names.push_back(name);
      auto& d = sink_.report(diag::Kind::UnknownComponent, callee.lhs->name.span,
                             "unknown module alias `" + callee.lhs->name.name + "`");
      if (auto best = diag::closest_name(callee.lhs->name.name, names)) {
        d.notes.push_back("did you mean `" + *best + "`?");
        d.fixit = diag::FixIt{callee.lhs->name.span, *best};
      }
    } else {
      module = alias->second;
      auto& comps = decls_[module].components;
      if (auto found = comps.find(callee.name.name); found != comps.end()) {
        component = found->second;
      } else {
        std::vector<std::string> names;
        for (const auto& [name, decl] : comps) names.push_back(name);
        auto& d = sink_.report(diag::Kind::UnknownComponent, callee.name.span,
                               "module `" + alias->first + "` has no component `" + callee.name.name + "`");
        if (auto best = diag::closest_name(callee.name.name, names)) {
          d.notes.push_back("did you mean `" + *best + "`?");
          d.fixit = diag::FixIt{callee.name.span, *best};
        }
      }
    }
  } else {
    sink_.report(diag::Kind::UnknownComponent, callee.span, "`" + Text(callee.span) + "` is not a component");
  }
  if (component == nullptr) {
    for (const auto& arg : call.args) {
      if (arg.value) Expr(*arg.value);
    }
    return;
  }
  if (component_ != nullptr) component_calls_[component_].emplace_back(component, call.span);
  const std::size_t n = component->params.size();
  if (call.args.size() != n) {
    sink_.report(diag::Kind::WrongArgumentCount, call.span,
                 "component `" + component->name.name + "` takes " + std::to_string(n) + " argument" +
                     (n == 1 ? "" : "s") + ", found " + std::to_string(call.args.size()));
  }
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    const ast::Argument& arg = call.args[i];
    if (!arg.value) continue;
    std::size_t index = i;
    if (arg.name) {
      auto p = std::find_if(component->params.begin(), component->params.end(),
                            [&](const ast::Param& param) { return param.name.name == arg.name->name; });
      if (p == component->params.end()) {
        sink_.report(diag::Kind::UnknownArgument, arg.name->span,
                     "component `" + component->name.name + "` has no parameter `" + arg.name->name + "`");
        Expr(*arg.value);
        continue;
      }
      index = static_cast<std::size_t>(p - component->params.begin());
    }
    if (index >= n) {
      Expr(*arg.value);
      continue;
    }
    const Type& want = typing_.component_params[component][index];
    Expect(*arg.value, want, "parameter `" + component->params[index].name.name + "`");
  }
}

void Checker::CheckTable(const ast::TableSpec& t) {
  Type list = t.list ? Expr(*t.list) : Type::Error();
  Type element = Type::Error();
  if (!list.is_error()) {
    if (list.optional) ReportOptional(*t.list);
    if (list.kind == TypeKind::List) {
      element = *list.element;
    } else {
      sink_.report(
          diag::Kind::NotAList, t.list->span,
          "a table needs a list, but `" + Text(t.list->span) + "` is " + Article(list) + "`" + TypeName(list) + "`");
    }
  }
  for (const auto& c : t.columns) {
    if (!c) continue;
    const bool ok = IsLength(*c) || c->kind == ast::ExprKind::Fraction || IsNamed(*c, {"auto"});
    if (!ok) {
      sink_.report(diag::Kind::InvalidColumns, c->span,
                   "a table column is a length, a fraction like `1fr` or `auto`, found `" + Text(c->span) + "`");
    }
  }
  CheckStyleRef(t.header_style);
  CheckStyleRef(t.row_style);
  for (const auto& cell : t.header) {
    CheckStyleRef(cell.style);
    if (cell.value) CheckScalarText(*cell.value);
  }
  ScopeGuard scope(*this);
  scope.Bind(t.var.name, element);
  if (t.index) scope.Bind(t.index->name, Type::Of(TypeKind::Int));
  for (const auto& cell : t.row) {
    CheckStyleRef(cell.style);
    if (cell.value) CheckScalarText(*cell.value);
  }
  if (!t.columns.empty()) {
    auto count = [&](const std::vector<ast::Cell>& cells, const char* what) {
      if (cells.empty() || cells.size() == t.columns.size()) return;
      sink_.report(diag::Kind::InvalidColumns, cells.front().span.to(cells.back().span),
                   "the table has " + std::to_string(t.columns.size()) + " columns but the " + what + " has " +
                       std::to_string(cells.size()) + " cells");
    };
    count(t.header, "header");
    count(t.row, "row");
  }
}

void Checker::CheckStmts(const std::vector<ast::StmtPtr>& body) {
  for (const auto& s : body) {
    if (s) CheckStmt(*s);
  }
}

void Checker::CheckStmt(const ast::Stmt& s) {
  CheckStyleRef(s.style);
  switch (s.kind) {
    case ast::StmtKind::Text:
      if (s.value) CheckScalarText(*s.value);
      break;
    case ast::StmtKind::Row:
    case ast::StmtKind::Column:
    case ast::StmtKind::Box:
    case ast::StmtKind::Keep: {
      ScopeGuard scope(*this);
      CheckStmts(s.body);
      break;
    }
    case ast::StmtKind::Space:
      if (s.value && !IsLength(*s.value)) {
        sink_.report(diag::Kind::TypeMismatch, s.value->span, "`space` expects a length, e.g. `6mm`");
      }
      break;
    case ast::StmtKind::If: {
      if (s.value) Condition(*s.value, "an `if` condition");
      std::vector<std::string> yes, no;
      if (s.value) {
        Facts(*s.value, true, yes);
        Facts(*s.value, false, no);
      }
      {
        ScopeGuard scope(*this);
        scope.Narrow(yes);
        CheckStmts(s.body);
      }
      {
        ScopeGuard scope(*this);
        scope.Narrow(no);
        CheckStmts(s.else_body);
      }
      break;
    }
    case ast::StmtKind::For: {
      Type list = s.value ? Expr(*s.value) : Type::Error();
      Type element = Type::Error();
      if (!list.is_error()) {
        if (list.optional) ReportOptional(*s.value);
        if (list.kind == TypeKind::List) {
          element = *list.element;
        } else {
          sink_.report(
              diag::Kind::NotAList, s.value->span,
              "`for` needs a list, but `" + Text(s.value->span) + "` is " + Article(list) + "`" + TypeName(list) + "`");
        }
      }
      ScopeGuard scope(*this);
      scope.Bind(s.var.name, element);
      if (s.index) scope.Bind(s.index->name, Type::Of(TypeKind::Int));
      CheckStmts(s.body);
      break;
    }
    case ast::StmtKind::Table:
      if (s.table) CheckTable(*s.table);
      break;
    case ast::StmtKind::Call:
      if (s.value) CheckComponentCall(*s.value);
      break;
    case ast::StmtKind::Place: {
      for (const ast::Expr* e : {s.x.get(), s.y.get()}) {
        if (e != nullptr && !IsLength(*e)) {
          sink_.report(diag::Kind::TypeMismatch, e->span, "`place at` expects lengths, e.g. `(20mm, 45mm)`");
        }
      }
      CheckOptions(s.options, "`place`");
      ScopeGuard scope(*this);
      CheckStmts(s.body);
      break;
    }
    case ast::StmtKind::Image:
      if (s.value) Expect(*s.value, Type::Of(TypeKind::String), "`image`");
      CheckOptions(s.options, "`image`");
      break;
    case ast::StmtKind::Barcode:
      if (s.symbology.name != "qr" && s.symbology.name != "code128" && s.symbology.name != "datamatrix") {
        sink_.report(diag::Kind::InvalidStyleValue, s.symbology.span,
                     "unknown barcode `" + s.symbology.name + "`: expected `qr`, `code128` or `datamatrix`");
      }
      if (s.value) Expect(*s.value, Type::Of(TypeKind::String), "`barcode`");
      CheckOptions(s.options, "`barcode`");
      break;
    case ast::StmtKind::Link:
    case ast::StmtKind::Button:
      if (s.value) Expect(*s.value, Type::Of(TypeKind::String), s.kind == ast::StmtKind::Link ? "`link`" : "`button`");
      if (s.target) {
        Expect(*s.target, Type::Of(TypeKind::String), "the link's `to`");
        CheckUrlLiteral(*s.target);
      }
      CheckStyleRef(s.style);
      break;
    case ast::StmtKind::Fill:
    case ast::StmtKind::Line:
    case ast::StmtKind::PageBreak:
    case ast::StmtKind::Error: break;
  }
}

void Checker::CheckPage(const ast::PageSetup& page) {
  if (std::find(kPageSizes.begin(), kPageSizes.end(), page.size.name) == kPageSizes.end()) {
    auto& d = sink_.report(diag::Kind::UnknownPageSize, page.size.span, "unknown page size `" + page.size.name + "`");
    d.notes.push_back("page sizes: " + Join(kPageSizes));
    if (auto best = diag::closest_name(page.size.name, kPageSizes)) d.fixit = diag::FixIt{page.size.span, *best};
  }
  CheckOptions(page.options, "page");
  CheckStyleRef(page.style);
  page_slot_ = true;
  for (const auto* slot : {&page.header, &page.footer, &page.first_header, &page.first_footer}) {
    if (!*slot) continue;
    CheckStyleRef((*slot)->style);
    ScopeGuard scope(*this);
    CheckStmts((*slot)->body);
  }
  page_slot_ = false;
}

void Checker::CheckLayouts(std::size_t module) {
  module_ = module;
  const ast::Module& m = *program_.modules[module].ast;
  std::map<std::string, const ast::LayoutDecl*> seen;
  for (const auto& layout : m.layouts) {
    if (auto first = seen.find(layout.name.name); first != seen.end()) {
      ReportDuplicate(layout.name, first->second->name.span, "layout");
      continue;
    }
    seen.emplace(layout.name.name, &layout);
    // A channel's `when` narrows inside its layout, when the channel has one entry — unless an email
    // attaches the print layout: then it also runs for records that condition does not hold for.
    const bool attached =
        layout.kind == ast::LayoutKind::Print &&
        std::any_of(m.layouts.begin(), m.layouts.end(), [](const ast::LayoutDecl& l) { return l.attach.has_value(); });
    std::vector<std::string> facts;
    if (m.channels && !attached) {
      std::size_t entries = 0;
      const ast::ChannelEntry* entry = nullptr;
      for (const auto& e : m.channels->entries) {
        if (e.channel.name == layout.name.name) ++entries, entry = &e;
      }
      if (entries == 1 && entry->when) Facts(*entry->when, true, facts);
    }
    ScopeGuard scope(*this);
    scope.Narrow(facts);
    if (layout.page) CheckPage(*layout.page);
    if (layout.kind == ast::LayoutKind::Email || layout.kind == ast::LayoutKind::Push) {
      if (!layout.subject) {
        sink_.report(diag::Kind::MissingSubject, layout.name.span,
                     layout.kind == ast::LayoutKind::Email ? "`layout email` needs a `subject`"
                                                           : "`layout push` needs a `title`");
      } else {
        CheckScalarText(*layout.subject);
      }
    }
    CheckStmts(layout.body);
    CheckMessageFields(layout);
  }
}

}  // namespace missive::sema

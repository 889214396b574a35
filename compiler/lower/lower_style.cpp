// Styles: a `style` declaration applied over an inherited style, once per (parent, declaration). Text
// properties inherit; box properties (background, border, padding, width) do not. Fonts stay requests.
#include <cmath>

#include "compiler/lower/lowerer.h"
#include "runtime/util/util.h"

namespace missive::lower::detail {

namespace {

Color ColorOf(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::Color || e.text.size() != 6) Fail(e.span, "a colour that is not `#RRGGBB`");
  const auto hex = std::stoul(e.text, nullptr, 16);
  return {static_cast<std::uint8_t>(hex >> 16), static_cast<std::uint8_t>(hex >> 8), static_cast<std::uint8_t>(hex)};
}

std::string NameOf(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::Name) return e.name.name;
  if (e.kind == ast::ExprKind::String) return e.text;
  Fail(e.span, "a style value that is not a name");
}

int WeightOf(const std::string& w) {
  static const std::map<std::string, int> kNames = {{"thin", 100},    {"light", 300},  {"normal", 400},
                                                    {"regular", 400}, {"medium", 500}, {"semibold", 600},
                                                    {"bold", 700},    {"black", 900}};
  auto it = kNames.find(w);
  return it != kNames.end() ? it->second : std::atoi(w.c_str());
}

}  // namespace

int Lowerer::Derive(int parent, const std::optional<ast::Ident>& name, std::size_t module) {
  const ast::StyleDecl* decl = nullptr;
  if (name) {
    for (std::size_t m : {module, std::size_t{0}}) {
      const auto& styles = typing_.decls.at(m).styles;
      if (auto it = styles.find(name->name); it != styles.end()) {
        decl = it->second;
        break;
      }
    }
    if (decl == nullptr) Fail(name->span, "the style `" + name->name + "`");
  }
  const auto key = std::make_pair(parent, decl);
  if (auto it = derived_.find(key); it != derived_.end()) return it->second;

  const StyleSpec& from = p_.styles[static_cast<std::size_t>(parent)];
  StyleSpec s;  // text properties inherit, box properties start afresh
  s.family = from.family;
  s.weight = from.weight;
  s.italic = from.italic;
  s.size = from.size;
  s.leading_permille = from.leading_permille;
  s.color = from.color;
  s.align = from.align;
  s.hyphenate = from.hyphenate;
  if (decl != nullptr) {
    for (const auto& prop : decl->props) {
      const std::string& property = prop.name.name;
      if (prop.values.empty()) Fail(prop.span, "the style property `" + property + "` without a value");
      const ast::Expr& v = *prop.values[0];
      if (property == "font") {
        s.family = NameOf(v);
        if (util::IsFontFileName(s.family)) s.family = DirectoryOf(sema_.sources, v.span) + "/" + s.family;
      } else if (property == "weight") {
        s.weight = WeightOf(v.kind == ast::ExprKind::Int ? v.text : NameOf(v));
      } else if (property == "italic") {
        s.italic = v.kind == ast::ExprKind::Bool ? v.bool_value : NameOf(v) == "true";
      } else if (property == "hyphenate") {
        s.hyphenate = v.kind == ast::ExprKind::Bool && v.bool_value;
      } else if (property == "size") {
        s.size = LengthOf(v);
      } else if (property == "leading") {
        // a factor of the size (1.2), or a line height (12pt) taken relative to the size set so far
        s.leading_permille =
            v.kind == ast::ExprKind::Length
                ? static_cast<std::uint32_t>(std::llround(1000.0 * LengthOf(v) / s.size))
                : static_cast<std::uint32_t>(std::llround(std::strtod(v.text.c_str(), nullptr) * 1000.0));
      } else if (property == "color") {
        s.color = ColorOf(v);
      } else if (property == "align") {
        const std::string a = NameOf(v);
        s.align = a == "right" ? 1 : a == "center" ? 2 : a == "justify" ? 3 : 0;
      } else if (property == "background") {
        s.background = ColorOf(v);
      } else if (property == "border") {
        s.border_width = LengthOf(v);
        if (prop.values.size() > 1) s.border_color = ColorOf(*prop.values[1]);
      } else if (property == "padding") {
        std::vector<Mpt> p;
        for (const auto& x : prop.values) p.push_back(LengthOf(*x));
        if (p.size() == 1) p = {p[0], p[0], p[0], p[0]};
        if (p.size() == 2) p = {p[0], p[1], p[0], p[1]};
        if (p.size() != 4) Fail(prop.span, "`padding` with other than 1, 2 or 4 lengths");
        for (int i = 0; i < 4; ++i) s.padding[i] = p[static_cast<std::size_t>(i)];
      } else if (property == "width" && v.kind == ast::ExprKind::Fraction) {
        s.width_fraction_permille =
            static_cast<std::uint32_t>(std::llround(std::strtod(v.text.c_str(), nullptr) * 1000.0));
      } else if (property == "width") {
        s.width = LengthOf(v);
      } else if (property == "radius") {
        s.radius = LengthOf(v);
      } else if (property == "role") {
        const std::string r = NameOf(v);
        if (r == "artifact") {
          s.artifact = true;
        } else if (r.size() == 2 && r[0] == 'h' && r[1] >= '1' && r[1] <= '6') {
          s.role = static_cast<std::int8_t>(2 + (r[1] - '1'));  // frame::Role::H1…H6
        } else {
          s.role = 1;  // frame::Role::P
        }
      } else {
        Fail(prop.name.span, "the style property `" + property + "`");
      }
    }
  }
  p_.styles.push_back(std::move(s));
  const int id = static_cast<int>(p_.styles.size()) - 1;
  derived_[key] = id;
  return id;
}

}  // namespace missive::lower::detail

// Style resolution: a `style` declaration applied over an inherited style, fonts resolved once per
// worker. Text properties inherit; box properties (background, border, padding, width) do not.
#include <cmath>
#include <map>
#include <string>

#include "compiler/eval/internal.h"
#include "runtime/util/util.h"

namespace missive::eval {

frame::Unit LengthOf(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::Length) Fail(e.span, "expected a length such as `10pt` or `3mm`");
  const double number = std::strtod(e.text.c_str(), nullptr);
  double points = number;
  if (e.unit == "mm") points = number * 72.0 / 25.4;
  if (e.unit == "cm") points = number * 720.0 / 25.4;
  if (e.unit == "in") points = number * 72.0;
  return static_cast<frame::Unit>(std::llround(points * 1000.0));
}

namespace {

frame::Color ColorOf(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::Color || e.text.size() != 6) Fail(e.span, "expected a colour such as `#C0392B`");
  const auto hex = std::stoul(e.text, nullptr, 16);
  return {static_cast<std::uint8_t>(hex >> 16), static_cast<std::uint8_t>(hex >> 8), static_cast<std::uint8_t>(hex)};
}

std::string NameOf(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::Name) return e.name.name;
  if (e.kind == ast::ExprKind::String) return e.text;
  Fail(e.span, "expected a name");
}

struct FontChoice {
  std::string family;  ///< a family, or a font file's absolute path
  int weight = 400;
  bool italic = false;
};

int WeightOf(const std::string& w) {
  static const std::map<std::string, int> kNames = {{"thin", 100},    {"light", 300},  {"normal", 400},
                                                    {"regular", 400}, {"medium", 500}, {"semibold", 600},
                                                    {"bold", 700},    {"black", 900}};
  auto it = kNames.find(w);
  return it != kNames.end() ? it->second : std::atoi(w.c_str());
}

}  // namespace

const compose::Style* Worker::Impl::Derive(const compose::Style* parent, const std::optional<ast::Ident>& style_name,
                                           Env& env) {
  const ast::StyleDecl* decl = nullptr;
  if (style_name) {
    for (std::size_t m : {env.module, std::size_t{0}}) {
      const auto& styles = program.modules[m].styles;
      if (auto it = styles.find(style_name->name); it != styles.end()) {
        decl = it->second;
        break;
      }
    }
    if (decl == nullptr) Fail(style_name->span, "unknown style `" + style_name->name + "`");
  }
  auto key = std::make_pair(parent, decl);
  if (auto it = derived.find(key); it != derived.end()) return it->second;

  compose::Style s;
  // text properties inherit
  s.font = parent->font;
  s.size = parent->size;
  s.leading_permille = parent->leading_permille;
  s.color = parent->color;
  s.align = parent->align;
  s.hyphenate = parent->hyphenate;
  FontChoice font{program.fonts->Info(parent->font).family, 400, false};
  if (auto r = requests.find(parent); r != requests.end()) {
    font = {std::get<0>(r->second), std::get<1>(r->second), std::get<2>(r->second)};
  }
  if (decl != nullptr) {
    bool font_changed = false;
    for (const auto& prop : decl->props) {
      const auto& name = prop.name.name;
      if (prop.values.empty()) Fail(prop.span, "style property `" + name + "` has no value");
      const ast::Expr& v = *prop.values[0];
      if (name == "font") {
        font.family = NameOf(v);
        if (util::IsFontFileName(font.family)) font.family = program.Directory(v.span) + "/" + font.family;
        font_changed = true;
      } else if (name == "weight") {
        font.weight = WeightOf(v.kind == ast::ExprKind::Int ? v.text : NameOf(v));
        font_changed = true;
      } else if (name == "italic") {
        font.italic = v.kind == ast::ExprKind::Bool ? v.bool_value : NameOf(v) == "true";
        font_changed = true;
      } else if (name == "hyphenate") {
        s.hyphenate = v.kind == ast::ExprKind::Bool && v.bool_value;
      } else if (name == "size") {
        s.size = LengthOf(v);
      } else if (name == "leading") {
        // a factor of the size (1.2), or a line height (12pt) taken relative to the size set so far
        s.leading_permille =
            v.kind == ast::ExprKind::Length
                ? static_cast<std::uint32_t>(std::llround(1000.0 * LengthOf(v) / s.size))
                : static_cast<std::uint32_t>(std::llround(std::strtod(v.text.c_str(), nullptr) * 1000.0));
      } else if (name == "color") {
        s.color = ColorOf(v);
      } else if (name == "align") {
        const std::string a = NameOf(v);
        s.align = a == "right"     ? text::Align::Right
                  : a == "center"  ? text::Align::Center
                  : a == "justify" ? text::Align::Justify
                                   : text::Align::Left;
      } else if (name == "background") {
        s.background = ColorOf(v);
      } else if (name == "border") {
        s.border_width = LengthOf(v);
        if (prop.values.size() > 1) s.border_color = ColorOf(*prop.values[1]);
      } else if (name == "padding") {
        std::vector<frame::Unit> p;
        for (const auto& x : prop.values) p.push_back(LengthOf(*x));
        if (p.size() == 1) p = {p[0], p[0], p[0], p[0]};
        if (p.size() == 2) p = {p[0], p[1], p[0], p[1]};
        if (p.size() != 4) Fail(prop.span, "`padding` takes 1, 2 or 4 lengths");
        for (int i = 0; i < 4; ++i) s.padding[i] = p[static_cast<std::size_t>(i)];
      } else if (name == "width" && v.kind == ast::ExprKind::Fraction) {
        s.width_fraction_permille =
            static_cast<std::uint32_t>(std::llround(std::strtod(v.text.c_str(), nullptr) * 1000.0));
      } else if (name == "width") {
        s.width = LengthOf(v);
      } else if (name == "radius") {
        s.radius = LengthOf(v);
      } else if (name == "role") {
        const std::string r = NameOf(v);
        if (r == "artifact") {
          s.artifact = true;
        } else if (r.size() == 2 && r[0] == 'h' && r[1] >= '1' && r[1] <= '6') {
          s.role = static_cast<frame::Role>(static_cast<int>(frame::Role::H1) + (r[1] - '1'));
        } else {
          s.role = frame::Role::P;
        }
      } else {
        Fail(prop.name.span, "unknown style property `" + name + "`");
      }
    }
    if (font_changed) {
      auto id = std::make_tuple(font.family, font.weight, font.italic);
      auto cached = fonts.find(id);
      if (cached == fonts.end()) {
        text::FontRequest request;
        if (util::IsFontFileName(font.family)) {
          request.path = font.family;
        } else {
          request.family = font.family;
        }
        request.weight = static_cast<std::uint16_t>(font.weight);
        request.italic = font.italic;
        std::string error;
        auto resolved = program.fonts->Resolve(request, &error);
        if (!resolved) Fail(decl->span, error);
        cached = fonts.emplace(id, *resolved).first;
      }
      s.font = cached->second;
    }
  }
  styles->push_back(s);
  derived[key] = &styles->back();
  requests[&styles->back()] = std::make_tuple(font.family, font.weight, font.italic);
  return &styles->back();
}

}  // namespace missive::eval

// The static parts of layout blocks as the AST states them (see block_spec.h).
#include "compiler/eval/block_spec.h"

#include <cmath>
#include <filesystem>
#include <map>

#include "compiler/eval/internal.h"

namespace missive::eval {
namespace {

std::uint32_t Permille(const ast::Expr& fraction) {
  return static_cast<std::uint32_t>(std::llround(std::strtod(fraction.text.c_str(), nullptr) * 1000.0));
}

}  // namespace

std::optional<text::Align> AlignOf(ast::Align a) {
  switch (a) {
    case ast::Align::Left: return text::Align::Left;
    case ast::Align::Right: return text::Align::Right;
    case ast::Align::Center: return text::Align::Center;
    case ast::Align::Justify: return text::Align::Justify;
    case ast::Align::Default: break;
  }
  return std::nullopt;
}

const ast::Option* FindOption(const std::vector<ast::Option>& options, std::string_view name) {
  for (const auto& o : options) {
    if (o.name.name == name) return &o;
  }
  return nullptr;
}

compose::Size SizeOf(const compose::Style& s) {
  if (s.width) return {compose::Size::Kind::Fixed, *s.width, 1000};
  if (s.width_fraction_permille > 0) return {compose::Size::Kind::Fraction, 0, s.width_fraction_permille};
  return {};
}

compose::BlockPtr NewBlock(compose::BlockKind kind, const compose::Style* style) {
  auto b = std::make_unique<compose::Block>();
  b->kind = kind;
  b->style = style;
  return b;
}

void MediaSize(const ast::Stmt& stmt, compose::Block& block) {
  if (const auto* w = FindOption(stmt.options, "width")) {
    block.width = w->value->kind == ast::ExprKind::Fraction
                      ? compose::Size{compose::Size::Kind::Fraction, 0, Permille(*w->value)}
                      : compose::Size{compose::Size::Kind::Fixed, LengthOf(*w->value), 1000};
  }
  if (const auto* h = FindOption(stmt.options, "height")) block.height = LengthOf(*h->value);
}

void ImageFit(const ast::Stmt& stmt, compose::Block& block) {
  if (const auto* f = FindOption(stmt.options, "fit")) {
    const auto& mode = f->value->name.name;
    block.fit = mode == "cover" ? media::Fit::Cover : mode == "fill" ? media::Fit::Fill : media::Fit::Contain;
  }
}

void PlaceOptions(const ast::Stmt& stmt, compose::Block& block) {
  block.x = LengthOf(*stmt.x);
  block.y = LengthOf(*stmt.y);
  if (const auto* w = FindOption(stmt.options, "width")) block.place_width = LengthOf(*w->value);
  if (const auto* o = FindOption(stmt.options, "overflow")) {
    const auto& policy = o->value->name.name;
    block.overflow = policy == "shrink" ? compose::Overflow::Shrink
                     : policy == "clip" ? compose::Overflow::Clip
                                        : compose::Overflow::Reject;
  }
}

std::vector<compose::Size> TableColumns(const ast::TableSpec& spec) {
  std::vector<compose::Size> columns;
  for (const auto& c : spec.columns) {
    if (c->kind == ast::ExprKind::Length) {
      columns.push_back({compose::Size::Kind::Fixed, LengthOf(*c), 1000});
    } else if (c->kind == ast::ExprKind::Fraction) {
      columns.push_back({compose::Size::Kind::Fraction, 0, Permille(*c)});
    } else {
      columns.push_back({compose::Size::Kind::Auto, 0, 1000});
    }
  }
  return columns;
}

void PageGeometry(const ast::PageSetup& setup, compose::PageTemplate& page) {
  static const std::map<std::string, std::pair<double, double>> kSizes = {{"A3", {297, 420}},
                                                                          {"A4", {210, 297}},
                                                                          {"A5", {148, 210}},
                                                                          {"Letter", {215.9, 279.4}},
                                                                          {"Legal", {215.9, 355.6}}};
  if (auto size = kSizes.find(setup.size.name); size != kSizes.end()) {
    page.width = frame::MmToUnit(size->second.first);
    page.height = frame::MmToUnit(size->second.second);
  }
  if (const auto* w = FindOption(setup.options, "width")) page.width = LengthOf(*w->value);
  if (const auto* h = FindOption(setup.options, "height")) page.height = LengthOf(*h->value);
  if (const auto* m = FindOption(setup.options, "margin")) {
    std::vector<frame::Unit> margins;
    if (m->value->kind == ast::ExprKind::List) {
      for (const auto& item : m->value->items) margins.push_back(LengthOf(*item));
    } else {
      margins.push_back(LengthOf(*m->value));
    }
    if (margins.size() == 1) margins = {margins[0], margins[0], margins[0], margins[0]};
    if (margins.size() == 2) margins = {margins[0], margins[1], margins[0], margins[1]};
    if (margins.size() != 4) Fail(m->span, "`margin` takes 1, 2 or 4 lengths");
    for (std::size_t i = 0; i < 4; ++i) page.margin[i] = margins[i];
  }
}

std::string DirectoryOf(const source::SourceManager& sources, source::Span span) {
  if (!span.valid()) return ".";
  const std::string parent = std::filesystem::path(sources.file(span.file).path()).parent_path().string();
  return parent.empty() ? "." : parent;
}

std::string ResolvePath(const std::string& name, const std::string& directory) {
  return !name.empty() && name[0] == '/' ? name : directory + "/" + name;
}

}  // namespace missive::eval

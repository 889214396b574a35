// Shared fixtures of the layout tests: DejaVu Sans, block-tree builders, a page-collecting sink.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "runtime/layout/layout.h"

namespace missive::layout::testing {

using compose::Block;
using compose::BlockKind;
using compose::BlockPtr;
using compose::Size;
using compose::Style;
using frame::kPt;
using frame::Unit;

/// One font library and engine for all tests; styles live in a deque so pointers stay valid.
struct Env {
  text::FontLibrary fonts;
  std::unique_ptr<text::TextEngine> engine;
  text::FontId regular = 0, bold = 0;
  std::deque<Style> styles;

  Env() {
    std::string error;
    regular = *fonts.Resolve(text::FontRequest{"DejaVu Sans", 400, false, ""}, &error);
    bold = *fonts.Resolve(text::FontRequest{"DejaVu Sans", 700, false, ""}, &error);
    engine = std::make_unique<text::TextEngine>(fonts);
  }
  Style* NewStyle(Unit size = 10 * kPt, bool is_bold = false) {
    styles.emplace_back();
    styles.back().font = is_bold ? bold : regular;
    styles.back().size = size;
    return &styles.back();
  }
  const Style* Base() {
    static const Style* base = NewStyle();
    return base;
  }
  /// The engine's own layout of one line, for the metrics the layout must reproduce.
  text::Line OneLine(std::string_view s, const Style* style, Unit max_width = 0,
                     text::Align align = text::Align::Start) {
    text::ParagraphOptions o;
    o.max_width = max_width;
    o.align = align;
    o.leading_permille = style->leading_permille;
    auto p = engine->Layout({text::StyledSpan{s, {style->font, style->size, style->color}}}, o);
    return p->lines.at(0);
  }
  Unit Width(std::string_view s, const Style* style) {
    return engine->Measure({text::StyledSpan{s, {style->font, style->size, style->color}}});
  }
};

inline Env& E() {
  static Env env;
  return env;
}

inline BlockPtr Para(std::string text, const Style* style = nullptr) {
  auto b = std::make_unique<Block>();
  b->kind = BlockKind::Paragraph;
  b->style = style ? style : E().Base();
  b->spans.push_back({compose::SpanKind::Text, std::move(text), nullptr});
  return b;
}

inline BlockPtr Kind(BlockKind kind, const Style* style = nullptr) {
  auto b = std::make_unique<Block>();
  b->kind = kind;
  b->style = style ? style : E().Base();
  return b;
}

inline BlockPtr Space(Unit h) {
  auto b = Kind(BlockKind::Space);
  b->height = h;
  return b;
}

template <typename... B>
BlockPtr Stack(const Style* style, B... children) {
  auto b = Kind(BlockKind::Stack, style);
  (b->children.push_back(std::move(children)), ...);
  return b;
}

inline BlockPtr Sized(BlockPtr b, Size size) {
  b->width = size;
  return b;
}

inline Size Fixed(Unit u) { return Size{Size::Kind::Fixed, u, 1000}; }
inline Size Fr(std::uint32_t permille = 1000) { return Size{Size::Kind::Fraction, 0, permille}; }
inline Size Auto() { return Size{}; }

struct Collect : PageSink {
  std::vector<frame::Page> pages;
  void OnPage(frame::Page&& page) override { pages.push_back(std::move(page)); }
};

inline compose::Document NewDocument() {
  compose::Document doc;
  doc.base = E().Base();
  doc.language = "en";
  return doc;
}

inline std::vector<const frame::GlyphRun*> Runs(const frame::Page& page) {
  std::vector<const frame::GlyphRun*> out;
  for (const auto& item : page.items) {
    if (auto* r = std::get_if<frame::GlyphRun>(&item)) out.push_back(r);
  }
  return out;
}

/// The runs whose text is exactly `text`.
inline std::vector<const frame::GlyphRun*> Find(const frame::Page& page, std::string_view text) {
  std::vector<const frame::GlyphRun*> out;
  for (const auto* r : Runs(page)) {
    if ((*r)->text == text) out.push_back(r);
  }
  return out;
}

inline Unit End(const frame::GlyphRun& run) {
  Unit x = run.x;
  for (Unit a : run->advances) x += a;
  return x;
}

inline std::vector<frame::Rect> Rects(const frame::Page& page) {
  std::vector<frame::Rect> out;
  for (const auto& item : page.items) {
    if (auto* r = std::get_if<frame::Rect>(&item)) out.push_back(*r);
  }
  return out;
}

/// Baseline of a line whose box starts at `top`, with the engine's metrics (half-leading model).
inline Unit Baseline(const text::Line& line, Unit top) {
  return top + (line.height - line.ascent - line.descent) / 2 + line.ascent;
}

}  // namespace missive::layout::testing

// Paragraphs: spans → text engine, page-number substitution, page-total placeholders, line placement.
#include <string>
#include <utility>
#include <variant>

#include "runtime/layout/context.h"

namespace missive::layout {
namespace {

// The reserved width of a page total: wide enough for any total up to 999 pages in its style.
constexpr std::string_view kTotalReserve = "888";

// Converted spans whose string_views stay valid while the vector lives (numbers are owned here).
struct SpanBuffer {
  std::vector<std::string> owned;
  std::vector<text::StyledSpan> spans;
  std::vector<ShapedParagraph::TotalSlot> totals;
  frame::Color sentinel;
};

text::TextStyle ToTextStyle(const Context& ctx, const Style& style) {
  text::TextStyle out;
  out.font = style.font;
  out.size = static_cast<Unit>(static_cast<std::int64_t>(style.size) * ctx.scale_permille / 1000);
  out.color = style.color;
  return out;
}

// A colour no span of the paragraph uses, so the engine keeps each total in a run of its own.
frame::Color PickSentinel(const Block& block) {
  frame::Color c{1, 2, 3};
  for (bool clash = true; clash;) {
    clash = false;
    for (const auto& span : block.spans) {
      const Style* s = span.style ? span.style : block.style;
      if (s && s->color == c) {
        clash = true;
        c.r = static_cast<std::uint8_t>(c.r + 1);
        break;
      }
    }
  }
  return c;
}

Unit ReservedWidth(Context& ctx, const text::TextStyle& style) {
  for (const auto& t : ctx.total_widths) {
    if (t.font == style.font && t.size == style.size) return t.width;
  }
  const Unit width = ctx.text.Measure({text::StyledSpan{kTotalReserve, style}});
  ctx.total_widths.push_back({style.font, style.size, width});
  return width;
}

void BuildSpans(Context& ctx, const Block& block, SpanBuffer& buf) {
  buf.owned.clear();
  buf.spans.clear();
  buf.totals.clear();
  buf.owned.reserve(block.spans.size());  // no reallocation: spans view into these strings
  bool has_total = false;
  for (const auto& span : block.spans) has_total |= span.kind == compose::SpanKind::PageTotal;
  if (has_total) buf.sentinel = PickSentinel(block);
  for (const auto& span : block.spans) {
    const Style* s = span.style ? span.style : block.style ? block.style : ctx.document.base;
    if (!s) continue;  // an unstyled span in a tree without a base style has no font to be drawn in
    text::StyledSpan out;
    out.style = ToTextStyle(ctx, *s);
    switch (span.kind) {
      case compose::SpanKind::Text: out.text = span.text; break;
      case compose::SpanKind::PageNumber:
        buf.owned.push_back(std::to_string(ctx.page_number));
        out.text = buf.owned.back();
        break;
      case compose::SpanKind::PageTotal: {
        out.text = kTotalReserve;
        ShapedParagraph::TotalSlot slot;
        slot.color = out.style.color;
        slot.width = ReservedWidth(ctx, out.style);
        buf.totals.push_back(slot);
        out.style.color = buf.sentinel;
        break;
      }
    }
    if (!out.text.empty()) buf.spans.push_back(out);
  }
}

text::Align AlignOf(const Block& block) {
  if (block.align) return *block.align;
  return block.style ? block.style->align : text::Align::Start;
}

Unit HorizontalPad(const Style* s) { return PadLeft(s) + PadRight(s) + 2 * (s ? s->border_width : 0); }

}  // namespace

ShapedParagraph ShapeParagraph(Context& ctx, const Block& block, Unit width) {
  thread_local SpanBuffer buf;
  BuildSpans(ctx, block, buf);
  ShapedParagraph shaped;
  shaped.totals = buf.totals;
  shaped.sentinel = buf.sentinel;
  shaped.content_x = PadLeft(block.style) + (block.style ? block.style->border_width : 0);
  shaped.structure = ParagraphNode(ctx, block);
  text::ParagraphOptions options;
  options.max_width = width - HorizontalPad(block.style);
  if (options.max_width < 1) options.max_width = 1;
  options.align = AlignOf(block);
  if (block.style) options.leading_permille = block.style->leading_permille;
  options.language = ctx.document.language;
  options.hyphenate = block.style != nullptr && block.style->hyphenate;
  if (!buf.spans.empty()) shaped.para = ctx.text.Layout(buf.spans, options);
  return shaped;
}

void PlaceLine(ShapedParagraph& shaped, std::size_t index, Unit x, Unit top, std::vector<frame::Item>& out) {
  const text::Line& line = shaped.para->lines[index];
  // Half-leading above and below the glyphs' ascent+descent, as in CSS line boxes.
  const Unit baseline = top + (line.height - line.ascent - line.descent) / 2 + line.ascent;
  const Unit left = x + shaped.content_x;
  for (const frame::GlyphRun& run : line.runs) {
    if (!shaped.totals.empty() && run.color == shaped.sentinel) {
      frame::PageTotal total;
      total.font = run.font;
      total.size = run.size;
      total.x = left + run.x;
      total.y = baseline + run.y;
      // left in the reserved box, so "of 2" reads without a gap; a centred line is then off-centre by
      // at most half the unused reserve (about 3 pt at 8 pt)
      total.align = 0;
      total.structure = shaped.structure;
      if (shaped.totals_placed < shaped.totals.size()) {
        total.color = shaped.totals[shaped.totals_placed].color;
        total.width = shaped.totals[shaped.totals_placed].width;
        ++shaped.totals_placed;
      } else {
        for (Unit a : run->advances) total.width += a;
      }
      out.emplace_back(total);
      continue;
    }
    frame::GlyphRun& placed = std::get<frame::GlyphRun>(out.emplace_back(run));
    placed.x += left;
    placed.y += baseline;
    placed.structure = shaped.structure;
  }
}

Unit MeasureParagraph(Context& ctx, const Block& block) {
  thread_local SpanBuffer buf;
  BuildSpans(ctx, block, buf);
  Unit w = buf.spans.empty() ? 0 : ctx.text.Measure(buf.spans, ctx.document.language);
  return w + HorizontalPad(block.style);
}

Unit MinParagraphWidth(Context& ctx, const Block& block) {
  thread_local SpanBuffer buf;
  BuildSpans(ctx, block, buf);
  Unit w = buf.spans.empty() ? 0 : ctx.text.MinContentWidth(buf.spans);
  return w + HorizontalPad(block.style);
}

}  // namespace missive::layout

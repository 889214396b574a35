// Page totals: the form that draws a record's page count (its digits shaped by runtime/text).
#include "runtime/render/pdf/page_total.h"

#include <algorithm>

#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

bool SamePageTotalStyle(const frame::PageTotal& a, const frame::PageTotal& b) {
  return a.font == b.font && a.size == b.size && a.color == b.color && a.width == b.width && a.align == b.align;
}

TotalForm LayOutTotal(text::FontLibrary& fonts, const frame::PageTotal& style, std::uint32_t count) {
  TotalForm form;
  form.run = text::ShapePageTotal(fonts, style, count);
  const frame::GlyphRun& run = form.run;
  frame::Unit width = 0;
  for (frame::Unit advance : run->advances) width += advance;
  const text::FontInfo& info = fonts.Info(style.font);
  int upem = info.units_per_em > 0 ? info.units_per_em : 1000;
  form.bbox[0] = std::min<frame::Unit>(0, run.x);
  // Room for the glyphs above and below the baseline, with a margin for accents and overshoot.
  std::int64_t ascent = info.ascender > 0 ? RoundDiv(std::int64_t{info.ascender} * style.size, upem) : style.size;
  std::int64_t descent =
      info.descender < 0 ? RoundDiv(std::int64_t{-info.descender} * style.size, upem) : style.size / 4;
  form.bbox[1] = static_cast<frame::Unit>(-descent - style.size / 10);
  form.bbox[2] = std::max<frame::Unit>(style.width, run.x + width);
  form.bbox[3] = static_cast<frame::Unit>(ascent + style.size / 10);
  return form;
}

}  // namespace missive::pdf

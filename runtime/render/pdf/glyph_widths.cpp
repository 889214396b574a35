// Glyph advances from HarfBuzz, independent of the scale the font library gave its hb_font_t.
#include "runtime/render/pdf/glyph_widths.h"

#include <hb.h>

#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

bool GlyphWidths::Compact(frame::FontId font) {
  if (font >= compact_.size()) compact_.resize(font + 1u, -1);
  if (compact_[font] < 0) {
    auto* hb_font = static_cast<hb_font_t*>(fonts_.HbFont(font));
    const unsigned glyphs = hb_font != nullptr ? hb_face_get_glyph_count(hb_font_get_face(hb_font)) : 0;
    compact_[font] = glyphs <= 0x8000 ? 1 : 0;
  }
  return compact_[font] == 1;
}

std::int64_t GlyphWidths::Load(frame::FontId font, std::uint32_t glyph) {
  if (font >= cache_.size()) cache_.resize(font + 1u);
  auto& widths = cache_[font];
  if (glyph >= widths.size()) widths.resize(glyph + 1u, -1);
  auto* hb_font = static_cast<hb_font_t*>(fonts_.HbFont(font));
  std::int64_t width = 0;
  if (hb_font != nullptr) {
    int x_scale = 0, y_scale = 0;
    hb_font_get_scale(hb_font, &x_scale, &y_scale);
    hb_position_t advance = hb_font_get_glyph_h_advance(hb_font, glyph);
    if (x_scale != 0)
      width = RoundDiv(static_cast<std::int64_t>(advance) * 1'000'000, x_scale < 0 ? -x_scale : x_scale);
  }
  widths[glyph] = width;
  return width;
}

}  // namespace missive::pdf

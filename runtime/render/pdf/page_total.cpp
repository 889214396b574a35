// Page totals: shaping the count's digits with the font's HarfBuzz font and aligning them.
#include "runtime/render/pdf/page_total.h"

#include <hb.h>

#include <algorithm>
#include <charconv>

#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

bool SamePageTotalStyle(const frame::PageTotal& a, const frame::PageTotal& b) {
  return a.font == b.font && a.size == b.size && a.color == b.color && a.width == b.width && a.align == b.align;
}

TotalForm LayOutTotal(text::FontLibrary& fonts, const frame::PageTotal& style, std::uint32_t count) {
  TotalForm form;
  frame::GlyphRun& run = form.run;
  run.font = style.font;
  run.size = style.size;
  run.color = style.color;
  char digits[16];
  run.text.assign(digits, std::to_chars(digits, digits + sizeof digits, count).ptr);

  auto* hb_font = static_cast<hb_font_t*>(fonts.HbFont(style.font));
  frame::Unit width = 0;
  if (hb_font != nullptr) {
    int x_scale = 0, y_scale = 0;
    hb_font_get_scale(hb_font, &x_scale, &y_scale);
    if (x_scale == 0) x_scale = 1;
    if (y_scale == 0) y_scale = 1;
    hb_buffer_t* buffer = hb_buffer_create();
    hb_buffer_add_utf8(buffer, run.text.data(), static_cast<int>(run.text.size()), 0, -1);
    hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(buffer);
    hb_shape(hb_font, buffer, nullptr, 0);
    unsigned n = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &n);
    const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &n);
    auto scale = [&](hb_position_t v, int s) {
      return static_cast<frame::Unit>(RoundDiv(std::int64_t{v} * style.size, s));
    };
    for (unsigned i = 0; i < n; ++i) {
      run.glyphs.push_back(infos[i].codepoint);
      run.clusters.push_back(infos[i].cluster);
      run.advances.push_back(scale(positions[i].x_advance, x_scale));
      run.x_offsets.push_back(scale(positions[i].x_offset, x_scale));
      run.y_offsets.push_back(scale(positions[i].y_offset, y_scale));
      width += run.advances.back();
    }
    hb_buffer_destroy(buffer);
  }
  if (style.align == 1) {
    run.x = style.width - width;
  } else if (style.align == 2) {
    run.x = (style.width - width) / 2;
  }
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

// The page total's digits, shaped once the record's page count is known.
#include <hb.h>

#include <charconv>
#include <cstdint>

#include "runtime/text/text.h"

namespace missive::text {

namespace {

// Integer rounding, half away from zero: the same in every renderer.
Unit Scale(hb_position_t v, Unit size, int scale) {
  const std::int64_t n = std::int64_t{v} * size;
  return static_cast<Unit>(n >= 0 ? (n + scale / 2) / scale : -((-n + scale / 2) / scale));
}

}  // namespace

frame::GlyphRun ShapePageTotal(FontLibrary& fonts, const frame::PageTotal& total, std::uint32_t count) {
  frame::GlyphRun run;
  run.font = total.font;
  run.size = total.size;
  run.color = total.color;
  frame::Shaped& shaped = run.Edit();
  char digits[16];
  shaped.text.assign(digits, std::to_chars(digits, digits + sizeof digits, count).ptr);
  auto* hb_font = static_cast<hb_font_t*>(fonts.HbFont(total.font));
  if (hb_font == nullptr) return run;
  int x_scale = 0, y_scale = 0;
  hb_font_get_scale(hb_font, &x_scale, &y_scale);
  x_scale = x_scale == 0 ? 1 : x_scale;
  y_scale = y_scale == 0 ? 1 : y_scale;
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, shaped.text.data(), static_cast<int>(shaped.text.size()), 0, -1);
  hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
  hb_buffer_guess_segment_properties(buffer);
  hb_shape(hb_font, buffer, nullptr, 0);
  unsigned n = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &n);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &n);
  Unit width = 0;
  for (unsigned i = 0; i < n; ++i) {
    shaped.glyphs.push_back(infos[i].codepoint);
    shaped.clusters.push_back(infos[i].cluster);
    shaped.advances.push_back(Scale(positions[i].x_advance, total.size, x_scale));
    shaped.x_offsets.push_back(Scale(positions[i].x_offset, total.size, x_scale));
    shaped.y_offsets.push_back(Scale(positions[i].y_offset, total.size, y_scale));
    width += shaped.advances.back();
  }
  hb_buffer_destroy(buffer);
  if (total.align == 1) run.x = total.width - width;
  if (total.align == 2) run.x = (total.width - width) / 2;
  return run;
}

}  // namespace missive::text

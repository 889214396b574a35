// Test helpers: HarfBuzz shaping into frame runs, temp dirs, running PDF tools, text normalisation.
#include "tests/pdf/pdf_test_util.h"

#include <hb.h>
#include <stdlib.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdio>

namespace missive::pdf::testing {

text::FontLibrary& Fonts() {
  static text::FontLibrary fonts;
  return fonts;
}

frame::GlyphRun Shape(text::FontLibrary& fonts, frame::FontId font, std::string_view text, frame::Unit size,
                      frame::Unit x, frame::Unit y, bool rtl) {
  frame::GlyphRun run;
  run.font = font;
  run.size = size;
  run.x = x;
  run.y = y;
  run.Edit().text = std::string(text);
  run.rtl = rtl;
  auto* hb_font = static_cast<hb_font_t*>(fonts.HbFont(font));
  int x_scale = 0, y_scale = 0;
  hb_font_get_scale(hb_font, &x_scale, &y_scale);
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, -1);
  hb_buffer_set_direction(buffer, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_guess_segment_properties(buffer);
  hb_shape(hb_font, buffer, nullptr, 0);
  unsigned n = 0;
  const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &n);
  const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &n);
  auto scale = [&](hb_position_t v, int s) {
    double value = static_cast<double>(v) * size / s;
    return static_cast<frame::Unit>(value >= 0 ? value + 0.5 : value - 0.5);
  };
  bool any_offset = false;
  for (unsigned i = 0; i < n; ++i) {
    run.Edit().glyphs.push_back(infos[i].codepoint);
    run.Edit().clusters.push_back(infos[i].cluster);
    run.Edit().advances.push_back(scale(positions[i].x_advance, x_scale));
    run.Edit().x_offsets.push_back(scale(positions[i].x_offset, x_scale));
    run.Edit().y_offsets.push_back(scale(positions[i].y_offset, y_scale));
    any_offset = any_offset || positions[i].x_offset != 0 || positions[i].y_offset != 0;
  }
  if (!any_offset) {
    run.Edit().x_offsets.clear();
    run.Edit().y_offsets.clear();
  }
  hb_buffer_destroy(buffer);
  return run;
}

frame::Unit RunWidth(const frame::GlyphRun& run) {
  frame::Unit width = 0;
  for (frame::Unit advance : run->advances) width += advance;
  return width;
}

std::string WriteDocument(text::FontLibrary& fonts, const std::vector<std::vector<frame::Page>>& records,
                          const Options& options) {
  PageRenderer renderer(fonts, options);
  DocumentWriter writer(fonts, options);
  std::string bytes;
  int number = 0;
  for (const auto& pages : records) {
    writer.BeginRecord("Record " + std::to_string(++number));
    for (const frame::Page& page : pages) {
      writer.AddPage(renderer.Render(page));
      bytes += writer.TakeBytes();
    }
    writer.EndRecord();
  }
  writer.Finish();
  bytes += writer.TakeBytes();
  return bytes;
}

std::string NormalizeForCompare(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < text.length(); ++i) {
    char16_t c = text.charAt(i);
    bool control =
        c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    if (!control) stripped.append(c);
  }
  icu::UnicodeString normal = U_SUCCESS(status) ? nfc->normalize(stripped, status) : stripped;
  std::string out;
  normal.toUTF8String(out);
  return out;
}

}  // namespace missive::pdf::testing

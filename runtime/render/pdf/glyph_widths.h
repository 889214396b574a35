// The font's own advance of each glyph, in 1/1,000,000 em: the /W widths and the pen movement the
// content stream assumes must be the same numbers, so both come from here; so does the choice of
// glyph codes, which the content stream and the font dictionary must agree on too.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/text/text.h"

namespace missive::pdf {

class GlyphWidths {
 public:
  explicit GlyphWidths(text::FontLibrary& fonts) : fonts_(fonts) {}

  /// Whether the font's glyphs are written in the compact encoding (glyph_codes.h): all its glyph
  /// ids are below 32768. Otherwise Identity-H.
  bool Compact(frame::FontId font);

  /// Horizontal advance of `glyph` in 1/1,000,000 em (cached per font).
  std::int64_t MicroEm(frame::FontId font, std::uint32_t glyph) {
    if (font < cache_.size()) {
      const auto& widths = cache_[font];
      if (glyph < widths.size() && widths[glyph] >= 0) return widths[glyph];
    }
    return Load(font, glyph);
  }

 private:
  std::int64_t Load(frame::FontId font, std::uint32_t glyph);

  text::FontLibrary& fonts_;
  std::vector<std::vector<std::int64_t>> cache_;  ///< [font][glyph], -1 = not yet asked
  std::vector<std::int8_t> compact_;              ///< [font]: 1 compact, 0 not, -1 not yet asked
};

}  // namespace missive::pdf

// The font's own advance of each glyph, in 1/1,000,000 em: the /W widths and the pen movement the
// content stream assumes must be the same numbers, so both come from here.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/text/text.h"

namespace missive::pdf {

class GlyphWidths {
 public:
  explicit GlyphWidths(text::FontLibrary& fonts) : fonts_(fonts) {}

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
};

}  // namespace missive::pdf

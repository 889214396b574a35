// Itemisation of a paragraph: concatenated text, per-character font (with fallback), bidi level and script,
// cut into items that each shape as one HarfBuzz run. Internal to the text engine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/text/text.h"
#include "runtime/text/utf8.h"

namespace missive::text {

struct Item {
  std::size_t start = 0, end = 0;  ///< code point range
  std::uint32_t span = 0;
  FontId font = 0;
  std::uint8_t level = 0;
  std::uint32_t script = 0;  ///< hb_script_t
};

struct Itemized {
  std::string text;  ///< all spans, concatenated
  DecodedText decoded;
  std::vector<std::uint32_t> span_of;          ///< per code point
  std::vector<std::uint8_t> paragraph_levels;  ///< per code point (bidi paragraphs split at newlines)
  std::uint8_t base_level = 0;                 ///< of the first paragraph
  std::vector<Item> items;
  std::vector<char32_t> missing;  ///< code points no font has, in order of first appearance

  // Working storage, kept between calls so a paragraph costs no allocations once warm.
  std::vector<std::uint8_t> levels;
  std::vector<std::uint32_t> scripts;
  std::vector<bool> resolved;
  std::vector<FontId> font_of;
};

/// Fills `out` (its storage is reused). Spans with empty text contribute no code points.
void Itemize(const std::vector<StyledSpan>& spans, const FontLibrary& fonts, Itemized* out);

/// Characters that hang at the end of a line (not counted in its width, not drawn there).
bool IsTrailingSpace(char32_t cp);

}  // namespace missive::text

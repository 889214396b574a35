// Bidi (UAX #9) levels and visual reordering, as the text engine uses them (exposed for conformance tests).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace missive::text {

enum class BaseDirection : std::uint8_t { Ltr, Rtl, Auto };

struct BidiLevels {
  std::uint8_t paragraph_level = 0;            ///< of the first paragraph
  std::vector<std::uint8_t> levels;            ///< per code point, rules L1 applied to the text as one line
  std::vector<std::uint8_t> paragraph_levels;  ///< per code point, the level of its paragraph
};

/// Whether any code point could make text right-to-left (strong R/AL, RTL embeddings/overrides/isolates).
/// Text without one is laid out left-to-right without running the bidi algorithm.
bool MayNeedBidi(std::u32string_view text);

/// Resolved embedding levels. `Auto` takes each paragraph's direction from its first strong character.
BidiLevels ResolveBidi(std::u32string_view text, BaseDirection direction);

/// Visual order (UAX #9 L2) of items with these levels: result[visual] = logical index.
std::vector<std::int32_t> VisualOrder(const std::vector<std::uint8_t>& levels);

}  // namespace missive::text

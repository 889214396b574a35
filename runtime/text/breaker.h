// Line breaking (UAX #14) and grapheme boundaries, as the text engine uses them (exposed for conformance tests).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace missive::text {

enum class BreakKind : std::uint8_t { None, Allowed, Mandatory };

/// result[i] says whether a line may (or must) break before code point i; size n+1, result[0] = None,
/// result[n] = Mandatory for non-empty text. `language` is BCP 47 ("" = root rules).
std::vector<BreakKind> LineBreaks(std::u32string_view text, std::string_view language);

/// result[i] is true where a grapheme cluster starts before code point i; size n+1.
std::vector<bool> GraphemeBoundaries(std::u32string_view text);

/// Whether the code point forces a line break (BK, CR, LF, NL: UAX #14 mandatory classes).
bool IsMandatoryBreakChar(char32_t cp);

}  // namespace missive::text

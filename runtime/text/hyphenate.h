// Hyphenation points from libhyphen's pattern dictionaries (Debian's hyphen-* packages), by language.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace missive::text {

/// Positions i (1 ≤ i < word.size()) where the word may be hyphenated before code point i, in order.
/// `language` is BCP 47 ("de-CH"); empty, unknown languages and words with non-letters give none.
/// Dictionaries are loaded once per process on first use (German's takes seconds) and shared by all
/// threads; thread-safe.
std::vector<std::size_t> HyphenationPoints(std::u32string_view word, std::string_view language);

/// The directory searched for hyph_<lang>_<REGION>.dic, then hyph_<lang>.dic.
inline constexpr const char* kHyphenDictionaryDir = "/usr/share/hyphen";

}  // namespace missive::text

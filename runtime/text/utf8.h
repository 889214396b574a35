// UTF-8 decoding with byte offsets, shared by the text engine's stages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace missive::text {

/// Code points of a UTF-8 string; offsets[i] is the byte where code point i starts, offsets[n] the size.
/// Invalid bytes decode to U+FFFD one byte each, so every byte belongs to exactly one code point.
struct DecodedText {
  std::u32string cps;
  std::vector<std::uint32_t> offsets;
};

DecodedText DecodeUtf8(std::string_view text);
/// The same into `out`, reusing its storage.
void DecodeUtf8(std::string_view text, DecodedText* out);
/// UTF-16 for ICU; u16_index[i] is the UTF-16 index of code point i (size n+1).
std::u16string ToUtf16(std::u32string_view cps, std::vector<std::int32_t>* u16_index);

}  // namespace missive::text

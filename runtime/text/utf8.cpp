// UTF-8/UTF-16 conversions that keep the mapping back to code point indices.
#include "runtime/text/utf8.h"

namespace missive::text {

DecodedText DecodeUtf8(std::string_view text) {
  DecodedText out;
  DecodeUtf8(text, &out);
  return out;
}

void DecodeUtf8(std::string_view text, DecodedText* decoded) {
  DecodedText& out = *decoded;
  out.cps.clear();
  out.offsets.clear();
  std::size_t i = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  while (i < n) {
    out.offsets.push_back(static_cast<std::uint32_t>(i));
    unsigned char c = s[i];
    if (c < 0x80) {
      out.cps.push_back(c);
      ++i;
      continue;
    }
    char32_t cp = 0xFFFD;
    std::size_t len = 1;
    auto cont = [&](std::size_t k) { return i + k < n && (s[i + k] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c < 0xE0 && cont(1)) {
      cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
      len = 2;
    } else if (c >= 0xE0 && c < 0xF0 && cont(1) && cont(2)) {
      char32_t v = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
      if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
        cp = v;
        len = 3;
      }
    } else if (c >= 0xF0 && c < 0xF5 && cont(1) && cont(2) && cont(3)) {
      char32_t v = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
      if (v >= 0x10000 && v <= 0x10FFFF) {
        cp = v;
        len = 4;
      }
    }
    out.cps.push_back(cp);
    i += len;
  }
  out.offsets.push_back(static_cast<std::uint32_t>(n));
}

std::u16string ToUtf16(std::u32string_view cps, std::vector<std::int32_t>* u16_index) {
  std::u16string out;
  out.reserve(cps.size());
  if (u16_index) u16_index->clear();
  for (char32_t cp : cps) {
    if (u16_index) u16_index->push_back(static_cast<std::int32_t>(out.size()));
    if (cp >= 0x10000) {
      out.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  if (u16_index) u16_index->push_back(static_cast<std::int32_t>(out.size()));
  return out;
}

}  // namespace missive::text

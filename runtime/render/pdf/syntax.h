// PDF lexical pieces appended to a byte buffer: integers, fixed-point decimals, names, strings.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace missive::pdf {

inline void AppendInt(std::string& out, std::int64_t value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  out.append(buf, end);
}

/// Writes value/1000 at `p` with up to three fraction digits, trailing zeros dropped ("12", "-0.5",
/// "3.125"); returns the end. At most 25 characters.
inline char* WriteMilli(char* p, std::int64_t milli) {
  std::uint64_t magnitude;
  if (milli < 0) {
    *p++ = '-';
    magnitude = static_cast<std::uint64_t>(-(milli + 1)) + 1;
  } else {
    magnitude = static_cast<std::uint64_t>(milli);
  }
  std::uint64_t whole = magnitude / 1000;
  unsigned frac = static_cast<unsigned>(magnitude % 1000);
  p = std::to_chars(p, p + 20, whole).ptr;
  if (frac != 0) {
    *p++ = '.';
    *p++ = static_cast<char>('0' + frac / 100);
    frac %= 100;
    if (frac != 0) {
      *p++ = static_cast<char>('0' + frac / 10);
      frac %= 10;
      if (frac != 0) *p++ = static_cast<char>('0' + frac);
    }
  }
  return p;
}

inline void AppendMilli(std::string& out, std::int64_t milli) {
  char buf[32];
  out.append(buf, WriteMilli(buf, milli));
}

/// Rounds numerator/denominator to the nearest integer, halves away from zero (denominator > 0).
inline std::int64_t RoundDiv(std::int64_t numerator, std::int64_t denominator) {
  return numerator >= 0 ? (numerator + denominator / 2) / denominator : -((-numerator + denominator / 2) / denominator);
}

inline void AppendHex4(std::string& out, std::uint32_t value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  char buf[4] = {kHex[(value >> 12) & 15], kHex[(value >> 8) & 15], kHex[(value >> 4) & 15], kHex[value & 15]};
  out.append(buf, 4);
}

inline void AppendHexByte(std::string& out, std::uint8_t value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back(kHex[value >> 4]);
  out.push_back(kHex[value & 15]);
}

/// Decodes UTF-8 into UTF-16 code units (invalid bytes become U+FFFD); returns false when a unit
/// limit was hit (`max_units`, 0 = none).
bool Utf8ToUtf16(std::string_view utf8, std::u16string& out, std::size_t max_units = 0);

/// A text string as UTF-16BE with byte order mark, in hex: <FEFF…> (titles, bookmarks).
void AppendTextString(std::string& out, std::string_view utf8);

/// A literal string (…) with delimiters and non-printable bytes escaped.
void AppendLiteralString(std::string& out, std::string_view bytes);

/// A name (/…) with bytes outside the regular printable set written as #xx.
void AppendName(std::string& out, std::string_view name);

}  // namespace missive::pdf

// PDF strings and names: UTF-8 → UTF-16BE text strings, escaped literals, #-escaped names.
#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

namespace {

/// Decodes one code point at `i` (advancing it); U+FFFD for malformed input.
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    extra = 1;
    cp = c & 0x1F;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2;
    cp = c & 0x0F;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3;
    cp = c & 0x07;
    min = 0x10000;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + extra >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = byte(i + k);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += extra + 1;
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  return cp;
}

}  // namespace

bool Utf8ToUtf16(std::string_view utf8, std::u16string& out, std::size_t max_units) {
  std::size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = NextCodePoint(utf8, i);
    std::size_t units = cp >= 0x10000 ? 2 : 1;
    if (max_units != 0 && out.size() + units > max_units) return false;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return true;
}

void AppendTextString(std::string& out, std::string_view utf8) {
  std::u16string units;
  Utf8ToUtf16(utf8, units);
  out += "<FEFF";
  for (char16_t u : units) AppendHex4(out, u);
  out += '>';
}

void AppendLiteralString(std::string& out, std::string_view bytes) {
  out += '(';
  for (char c : bytes) {
    auto u = static_cast<unsigned char>(c);
    if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7F) {
      out += '\\';
      out += static_cast<char>('0' + (u >> 6));
      out += static_cast<char>('0' + ((u >> 3) & 7));
      out += static_cast<char>('0' + (u & 7));
    } else {
      out += c;
    }
  }
  out += ')';
}

void AppendName(std::string& out, std::string_view name) {
  out += '/';
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    bool delimiter = c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
                     c == '/' || c == '%' || c == '#';
    if (u <= 0x20 || u >= 0x7F || delimiter) {
      out += '#';
      AppendHexByte(out, u);
    } else {
      out += c;
    }
  }
}

}  // namespace missive::pdf

// Character codes for glyph ids under the compact encoding: a glyph below 128 (Latin text in most
// fonts) is one byte, 0x80 + id; glyphs 128–255 are two bytes 0000–007F, and the others below 32768
// two bytes, their id. Latin text takes half the bytes of Identity-H to write and to deflate. CIDs
// stay the glyph ids (CIDToGIDMap /Identity), so widths, subsets and ToUnicode entries stay keyed by
// glyph id; the file's embedded CMap `Missive-Compact-H` declares the codes. Fonts with 32768 glyphs
// or more keep Identity-H (GlyphWidths::Compact). Two readers' shortcuts shape the layout:
// - no two codes have the same value (poppler keys ToUnicode by value, whatever the length): hence
//   glyphs 128–255 are not coded 0080–00FF, the values of the one-byte codes;
// - every CID lies inside the codespace taken as a code (MuPDF 1.21, Debian 12, drops the ToUnicode
//   entry of a glyph whose CID does not): hence one-byte codes 80–FF, not 00–7F.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace missive::pdf {

/// A glyph's code (its bytes big-endian) and length in bytes, under the compact encoding or not.
inline std::uint32_t GlyphCode(std::uint32_t glyph, bool compact) {
  if (!compact || glyph >= 0x100) return glyph;
  return glyph < 0x80 ? 0x80 + glyph : glyph - 0x80;
}
inline int GlyphCodeLength(std::uint32_t glyph, bool compact) { return compact && glyph < 0x80 ? 1 : 2; }

/// A glyph's code as raw bytes in a literal string: half the size of hex, so less to deflate. Only
/// the string delimiters, the backslash and CR (which readers turn into LF) are escaped; one-byte
/// codes never need it. Writes at most 4 bytes; returns the end.
inline char* WriteGlyphCode(char* p, std::uint32_t glyph, bool compact) {
  if (compact && glyph < 0x80) {
    *p++ = static_cast<char>(0x80 + glyph);
    return p;
  }
  const std::uint32_t code = GlyphCode(glyph, compact);
  for (const char byte : {static_cast<char>((code >> 8) & 0xFF), static_cast<char>(code & 0xFF)}) {
    if (byte == '(' || byte == ')' || byte == '\\') {
      *p++ = '\\';
      *p++ = byte;
    } else if (byte == '\r') {
      *p++ = '\\';
      *p++ = 'r';
    } else {
      *p++ = byte;
    }
  }
  return p;
}

/// A glyph's code in hex, as CMaps write it (`<83>`, `<0009>`, `<08B4>` without the brackets).
void AppendGlyphCodeHex(std::string& out, std::uint32_t glyph, bool compact);

/// Appends `lines` (each ending in a newline) as CMap sections `N begin<op> … end<op>` of at most 100
/// lines each, the format's limit (`op`: cidrange, bfchar, bfrange).
void AppendCMapSections(std::string& out, const std::vector<std::string>& lines, std::string_view op);

/// The stream dictionary entries of the compact encoding's CMap.
inline constexpr const char* kCompactCMapDict =
    "/Type/CMap/CMapName/Missive-Compact-H/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/WMode 0";

/// The compact encoding's CMap program, with a cidrange for each block of 256 glyph ids in `blocks`
/// (glyph id >> 8) that a file's compact fonts use; other codes are never written.
std::string CompactCMap(const std::set<std::uint32_t>& blocks);

}  // namespace missive::pdf

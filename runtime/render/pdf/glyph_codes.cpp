// The Missive-Compact-H CMap: two codespace ranges, and a cidrange per block of 256 codes in use (a
// cidrange may vary only its last byte, as Adobe's own Identity-H lists its 256 blocks).
#include "runtime/render/pdf/glyph_codes.h"

#include <algorithm>

#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

void AppendCMapSections(std::string& out, const std::vector<std::string>& lines, std::string_view op) {
  constexpr std::size_t kSection = 100;
  for (std::size_t b = 0; b < lines.size(); b += kSection) {
    const std::size_t n = std::min(kSection, lines.size() - b);
    AppendInt(out, static_cast<std::int64_t>(n));
    out += " begin";
    out += op;
    out += '\n';
    for (std::size_t k = b; k < b + n; ++k) out += lines[k];
    out += "end";
    out += op;
    out += '\n';
  }
}

void AppendGlyphCodeHex(std::string& out, std::uint32_t glyph, bool compact) {
  if (GlyphCodeLength(glyph, compact) == 1) {
    AppendHexByte(out, static_cast<std::uint8_t>(GlyphCode(glyph, compact)));
  } else {
    AppendHex4(out, GlyphCode(glyph, compact));
  }
}

std::string CompactCMap(const std::set<std::uint32_t>& blocks) {
  std::string out =
      "%!PS-Adobe-3.0 Resource-CMap\n"
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo 3 dict dup begin\n/Registry (Adobe) def\n/Ordering (Identity) def\n/Supplement 0 def\nend def\n"
      "/CMapName /Missive-Compact-H def\n/CMapVersion 1 def\n/CMapType 1 def\n/WMode 0 def\n"
      "2 begincodespacerange\n<80> <FF>\n<0000> <7FFF>\nendcodespacerange\n";
  // The one-byte codes, then the two-byte blocks.
  std::vector<std::string> ranges = {"<80> <FF> 0\n"};
  for (std::uint32_t block : blocks) {
    if (block > 0x7F) continue;
    // Block 0 holds glyphs 128–255 only (coded 0000–007F); the lower ones have one-byte codes.
    const std::uint32_t first = block == 0 ? 0x80 : block << 8, last = block << 8 | 0xFF;
    std::string range = "<";
    AppendGlyphCodeHex(range, first, true);
    range += "> <";
    AppendGlyphCodeHex(range, last, true);
    range += "> ";
    AppendInt(range, first);
    range += '\n';
    ranges.push_back(std::move(range));
  }
  AppendCMapSections(out, ranges, "cidrange");
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

}  // namespace missive::pdf

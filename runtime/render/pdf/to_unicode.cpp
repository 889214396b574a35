// ToUnicode CMaps: glyph code (glyph_codes.h) → UTF-16BE text, as bfrange where codes and single code
// units both run on, bfchar otherwise (multi-unit strings carry ligatures and clusters).
#include <vector>

#include "runtime/render/pdf/font_embed.h"
#include "runtime/render/pdf/glyph_codes.h"
#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

namespace {

/// A CMap destination string may hold at most 512 bytes.
constexpr std::size_t kMaxUnits = 256;

struct Entry {
  std::uint32_t glyph;
  std::u16string text;
};

void AppendUnits(std::string& out, const std::u16string& units) {
  out += '<';
  for (char16_t u : units) AppendHex4(out, u);
  out += '>';
}

}  // namespace

void FontUse::Add(std::uint32_t glyph, std::string_view text) {
  if (glyph < has_text_.size() && has_text_[glyph]) return;
  auto [it, inserted] = glyphs.try_emplace(glyph, text);
  if (!inserted && it->second.empty() && !text.empty()) it->second = text;
  if (!it->second.empty()) {
    if (glyph >= has_text_.size()) has_text_.resize(glyph + 1);
    has_text_[glyph] = true;
  }
}

std::string ToUnicodeCMap(const std::map<std::uint32_t, std::string>& glyphs, bool compact) {
  std::vector<Entry> entries;
  for (const auto& [glyph, text] : glyphs) {
    if (text.empty() || glyph > 0xFFFF) continue;
    Entry entry{glyph, {}};
    Utf8ToUtf16(text, entry.text, kMaxUnits);
    if (!entry.text.empty()) entries.push_back(std::move(entry));
  }
  // Ranges: consecutive glyphs whose codes share their length and all bytes but the last, and whose
  // single code units are consecutive too.
  std::vector<std::string> chars, ranges;
  for (std::size_t i = 0; i < entries.size();) {
    std::size_t j = i + 1;
    if (entries[i].text.size() == 1) {
      while (j < entries.size() && entries[j].text.size() == 1 && entries[j].glyph == entries[j - 1].glyph + 1 &&
             (GlyphCode(entries[j].glyph, compact) >> 8) == (GlyphCode(entries[i].glyph, compact) >> 8) &&
             GlyphCodeLength(entries[j].glyph, compact) == GlyphCodeLength(entries[i].glyph, compact) &&
             entries[j].text[0] == entries[j - 1].text[0] + 1 &&
             (entries[j].text[0] >> 8) == (entries[i].text[0] >> 8)) {
        ++j;
      }
    }
    const bool range = j - i >= 2;
    std::string line = "<";
    AppendGlyphCodeHex(line, entries[i].glyph, compact);
    if (range) {
      line += "> <";
      AppendGlyphCodeHex(line, entries[j - 1].glyph, compact);
    }
    line += "> ";
    AppendUnits(line, entries[i].text);
    line += '\n';
    (range ? ranges : chars).push_back(std::move(line));
    i = j;
  }

  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n";
  out += compact ? "2 begincodespacerange\n<80> <FF>\n<0000> <7FFF>\n" : "1 begincodespacerange\n<0000> <FFFF>\n";
  out += "endcodespacerange\n";
  AppendCMapSections(out, chars, "bfchar");
  AppendCMapSections(out, ranges, "bfrange");
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

}  // namespace missive::pdf

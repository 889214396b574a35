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
/// Entries per beginbf… block (the CMap format's limit).
constexpr std::size_t kBlock = 100;

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
  // Ranges: consecutive glyphs in one 256-block whose single code units are consecutive too.
  struct Range {
    std::size_t first, count;
  };
  std::vector<Range> ranges;
  std::vector<std::size_t> singles;
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
    if (j - i >= 2) {
      ranges.push_back({i, j - i});
    } else {
      singles.push_back(i);
      j = i + 1;
    }
    i = j;
  }

  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n";
  out += compact ? "2 begincodespacerange\n<80> <FF>\n<0000> <7FFF>\n" : "1 begincodespacerange\n<0000> <FFFF>\n";
  out += "endcodespacerange\n";
  for (std::size_t b = 0; b < singles.size(); b += kBlock) {
    std::size_t n = std::min(kBlock, singles.size() - b);
    AppendInt(out, static_cast<std::int64_t>(n));
    out += " beginbfchar\n";
    for (std::size_t k = b; k < b + n; ++k) {
      const Entry& e = entries[singles[k]];
      out += '<';
      AppendGlyphCodeHex(out, e.glyph, compact);
      out += "> ";
      AppendUnits(out, e.text);
      out += '\n';
    }
    out += "endbfchar\n";
  }
  for (std::size_t b = 0; b < ranges.size(); b += kBlock) {
    std::size_t n = std::min(kBlock, ranges.size() - b);
    AppendInt(out, static_cast<std::int64_t>(n));
    out += " beginbfrange\n";
    for (std::size_t k = b; k < b + n; ++k) {
      const Entry& first = entries[ranges[k].first];
      const Entry& last = entries[ranges[k].first + ranges[k].count - 1];
      out += '<';
      AppendGlyphCodeHex(out, first.glyph, compact);
      out += "> <";
      AppendGlyphCodeHex(out, last.glyph, compact);
      out += "> ";
      AppendUnits(out, first.text);
      out += '\n';
    }
    out += "endbfrange\n";
  }
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

}  // namespace missive::pdf

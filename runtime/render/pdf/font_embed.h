// Embedding a font as used: Type0 (the compact encoding of glyph_codes.h, or Identity-H for fonts of
// 32768 glyphs or more) over a CIDFontType2 whose FontFile2 is an hb-subset keeping glyph ids, with
// /W widths and a ToUnicode CMap for the glyphs the document drew.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/frame/frame.h"
#include "runtime/render/pdf/deflate.h"
#include "runtime/render/pdf/glyph_widths.h"
#include "runtime/render/pdf/objects.h"
#include "runtime/text/text.h"

namespace missive::pdf {

/// A font as used by one file.
struct FontUse {
  std::uint32_t object = 0;                     ///< the Type0 font's object number
  std::map<std::uint32_t, std::string> glyphs;  ///< glyph id → the text it stands for ("" = none)

  /// Records a glyph; the first non-empty text given for it is kept.
  void Add(std::uint32_t glyph, std::string_view text);

 private:
  std::vector<bool> has_text_;  ///< glyphs recorded with their text: most records repeat them, unsearched
};

/// The ToUnicode CMap program for `glyphs` (glyphs without text are left out), keyed by their codes
/// in the compact encoding or (not `compact`) Identity-H.
std::string ToUnicodeCMap(const std::map<std::uint32_t, std::string>& glyphs, bool compact);

/// Six capital letters derived from the font name and the glyph set (same glyphs, same tag).
std::string SubsetTag(std::string_view font_name, const std::map<std::uint32_t, std::string>& glyphs);

/// The glyphs of the prepared subset of a font: those of Latin-1, Latin Extended-A, the common
/// punctuation (dashes, quotes, bullet, ellipsis, thin and narrow spaces) and the currency symbols, with the ligatures
/// and forms the default GSUB features reach from them (and glyph 0). Derived from the font alone, never from records.
std::vector<std::uint32_t> PreparedGlyphs(text::FontLibrary& fonts, frame::FontId font);

/// Writes the Type0 font `use.object` and its descendant, descriptor, font file and ToUnicode. A
/// compact font (GlyphWidths::Compact) is encoded by the CMap stream `compact_cmap` (WriteCompactCMap).
/// With `prepared`, a file whose glyphs all lie in the font's prepared subset embeds that subset,
/// made and deflated once per process; otherwise (or when they do not) the glyphs used are subset.
void WriteFont(ObjectWriter& objects, Deflater& deflater, text::FontLibrary& fonts, GlyphWidths& widths,
               frame::FontId font, const FontUse& use, std::uint32_t compact_cmap, bool prepared = false);

/// Writes the compact encoding's CMap for the compact fonts of `uses` and returns its object number,
/// or 0 when there is none.
std::uint32_t WriteCompactCMap(ObjectWriter& objects, Deflater& deflater, GlyphWidths& widths,
                               const std::map<frame::FontId, FontUse>& uses);

}  // namespace missive::pdf

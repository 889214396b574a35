// Font embedding: hb-subset (glyph ids retained, so content streams stay valid), metrics from the
// font's own tables, the Type0/CIDFontType2 object pair with /W, and the ToUnicode stream.
#include "runtime/render/pdf/font_embed.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>

#include "runtime/render/pdf/glyph_codes.h"
#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

namespace {

/// Big-endian integers from an OpenType table, 0 past its end.
struct Table {
  hb_blob_t* blob;
  const char* data;
  unsigned size;

  Table(hb_face_t* face, hb_tag_t tag) : blob(hb_face_reference_table(face, tag)), size(0) {
    data = hb_blob_get_data(blob, &size);
  }
  ~Table() { hb_blob_destroy(blob); }
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  [[nodiscard]] std::uint32_t U16(unsigned offset) const {
    if (offset + 2 > size) return 0;
    return static_cast<std::uint32_t>(static_cast<unsigned char>(data[offset]) << 8 |
                                      static_cast<unsigned char>(data[offset + 1]));
  }
  [[nodiscard]] std::int32_t S16(unsigned offset) const { return static_cast<std::int16_t>(U16(offset)); }
  [[nodiscard]] std::int32_t S32(unsigned offset) const {
    return static_cast<std::int32_t>(U16(offset) << 16 | U16(offset + 2));
  }
};

/// The PostScript name, restricted to characters that need no escaping in a name object.
std::string PostScriptName(hb_face_t* face, const text::FontInfo& info) {
  char buffer[128];
  unsigned length = sizeof buffer;
  unsigned got = hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &length, buffer);
  std::string raw = got > 0 ? std::string(buffer, length) : info.family;
  std::string name;
  for (char c : raw) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.') {
      name += c;
    }
  }
  return name.empty() ? std::string("Font") : name;
}

/// A font-unit value in the 1000-unit glyph space of PDF font metrics.
std::int64_t Scale(std::int64_t value, unsigned upem) { return RoundDiv(value * 1000, upem == 0 ? 1000 : upem); }

/// The face to subset: from its second subset on, the face with hb-subset's preprocessed tables (five
/// times faster subsetting), made once per face and kept on it as user data, so it lives exactly as
/// long as the font library's face. Preprocessing costs ~5 ms, about five plain subsets: a print
/// stream subsets each font once per file and does not pay it; one PDF per record does, once.
hb_face_t* PreprocessedFace(hb_face_t* face) {
  static hb_user_data_key_t key, seen_key;
  if (auto* ready = static_cast<hb_face_t*>(hb_face_get_user_data(face, &key))) return ready;
  static char seen;
  if (hb_face_get_user_data(face, &seen_key) == nullptr) {
    hb_face_set_user_data(face, &seen_key, &seen, nullptr, false);
    return face;
  }
  hb_face_t* made = hb_subset_preprocess(face);
  if (made == nullptr || hb_face_get_glyph_count(made) == 0) {
    hb_face_destroy(made);
    return face;
  }
  auto destroy = [](void* data) { hb_face_destroy(static_cast<hb_face_t*>(data)); };
  if (hb_face_set_user_data(face, &key, made, destroy, false)) return made;
  // Another thread attached its copy first.
  hb_face_destroy(made);
  auto* ready = static_cast<hb_face_t*>(hb_face_get_user_data(face, &key));
  return ready != nullptr ? ready : face;
}

/// The subset font file: only the glyphs used, at their original ids; no hinting or layout tables
/// (a PDF reader positions nothing itself). Empty when hb-subset fails.
template <typename Glyphs, typename GlyphOf>
std::string Subset(hb_face_t* face, const Glyphs& glyphs, GlyphOf glyph_of) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) return {};
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input);
  hb_set_add(glyph_set, 0);
  for (const auto& entry : glyphs) hb_set_add(glyph_set, glyph_of(entry));
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t tag :
       {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'), HB_TAG('k', 'e', 'r', 'n'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H')}) {
    hb_set_add(drop, tag);
  }
  hb_face_t* subset = hb_subset_or_fail(PreprocessedFace(face), input);
  hb_subset_input_destroy(input);
  if (subset == nullptr) return {};
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned size = 0;
  const char* data = hb_blob_get_data(blob, &size);
  std::string bytes(data, size);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  return bytes;
}

void AppendRef(std::string& out, std::uint32_t object) {
  AppendInt(out, object);
  out += " 0 R";
}

/// Code points of the prepared subset: what statements, letters and invoices in European languages
/// draw (ICU's separators U+00A0 and U+202F included).
constexpr std::pair<hb_codepoint_t, hb_codepoint_t> kPreparedRanges[] = {
    {0x0020, 0x007E},  // Basic Latin
    {0x00A0, 0x00FF},  // Latin-1 Supplement
    {0x0100, 0x017F},  // Latin Extended-A (Polish, Czech, Turkish, Baltic names)
    {0x2009, 0x2026},  // thin space, dashes, quotes, daggers, bullet, ellipsis
    {0x202F, 0x2030},  // narrow no-break space, per mille
    {0x2039, 0x203A},  // single guillemets
    {0x20A0, 0x20C0},  // Currency Symbols
    {0x2116, 0x2116},  // numero sign
    {0x2122, 0x2122},  // trade mark
    {0x2212, 0x2212},  // minus
};

/// A font's prepared subset, made once per process and kept on the font's face (like the
/// preprocessed face), so every per-record file embeds the same bytes without subsetting again.
struct PreparedFont {
  std::vector<std::uint32_t> glyphs;  ///< sorted
  std::vector<bool> member;           ///< by glyph id
  std::string file;                   ///< the subset font file
  std::string tag;                    ///< its subset tag
  std::once_flag deflate_once;
  std::string deflated;  ///< the file deflated once, at libdeflate's strongest level

  [[nodiscard]] bool Covers(const std::map<std::uint32_t, std::string>& used) const {
    for (const auto& entry : used) {
      if (entry.first >= member.size() || !member[entry.first]) return false;
    }
    return true;
  }

  /// Empty when the run stores streams uncompressed (level 0).
  std::string_view Deflated(const Deflater& deflater) {
    if (!deflater.enabled()) return {};
    // Compressed once per process, so at the strongest level whatever the run's level.
    std::call_once(deflate_once, [this] { deflated.assign(Deflater(12).Compress(file)); });
    return deflated;
  }
};

std::vector<std::uint32_t> GlyphsOfPreparedSet(hb_font_t* font) {
  hb_face_t* face = hb_font_get_face(font);
  hb_set_t* glyphs = hb_set_create();
  hb_set_add(glyphs, 0);
  for (const auto& [first, last] : kPreparedRanges) {
    for (hb_codepoint_t cp = first; cp <= last; ++cp) {
      hb_codepoint_t glyph = 0;
      if (hb_font_get_nominal_glyph(font, cp, &glyph)) hb_set_add(glyphs, glyph);
    }
  }
  // What shaping with the default features can turn those glyphs into (fi/ffi ligatures, marks).
  static constexpr hb_tag_t kFeatures[] = {HB_TAG('c', 'c', 'm', 'p'),
                                           HB_TAG('l', 'o', 'c', 'l'),
                                           HB_TAG('r', 'l', 'i', 'g'),
                                           HB_TAG('l', 'i', 'g', 'a'),
                                           HB_TAG('c', 'l', 'i', 'g'),
                                           HB_TAG('c', 'a', 'l', 't'),
                                           HB_TAG_NONE};
  hb_set_t* lookups = hb_set_create();
  hb_ot_layout_collect_lookups(face, HB_OT_TAG_GSUB, nullptr, nullptr, kFeatures, lookups);
  hb_ot_layout_lookups_substitute_closure(face, lookups, glyphs);
  hb_set_destroy(lookups);
  std::vector<std::uint32_t> out;
  for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(glyphs, &g);) out.push_back(g);
  hb_set_destroy(glyphs);
  return out;
}

/// The font's prepared subset; null when it cannot be made (the caller subsets per file then).
PreparedFont* Prepared(hb_font_t* font, std::string_view postscript_name) {
  hb_face_t* face = hb_font_get_face(font);
  static hb_user_data_key_t key;
  if (auto* ready = static_cast<PreparedFont*>(hb_face_get_user_data(face, &key))) return ready;
  auto made = std::make_unique<PreparedFont>();
  made->glyphs = GlyphsOfPreparedSet(font);
  made->member.assign(made->glyphs.empty() ? 0 : made->glyphs.back() + 1, false);
  std::map<std::uint32_t, std::string> as_map;
  for (std::uint32_t g : made->glyphs) {
    made->member[g] = true;
    as_map.emplace(g, std::string());
  }
  made->file = Subset(face, made->glyphs, [](std::uint32_t g) { return g; });
  if (made->file.empty()) return nullptr;
  made->tag = SubsetTag(postscript_name, as_map);
  auto destroy = [](void* data) { delete static_cast<PreparedFont*>(data); };
  if (hb_face_set_user_data(face, &key, made.get(), destroy, false)) return made.release();
  // Another thread attached its copy first.
  return static_cast<PreparedFont*>(hb_face_get_user_data(face, &key));
}

}  // namespace

std::vector<std::uint32_t> PreparedGlyphs(text::FontLibrary& fonts, frame::FontId font) {
  auto* hb_font = static_cast<hb_font_t*>(fonts.HbFont(font));
  if (hb_font == nullptr) return {};
  return GlyphsOfPreparedSet(hb_font);
}

std::string SubsetTag(std::string_view font_name, const std::map<std::uint32_t, std::string>& glyphs) {
  std::string key(font_name);
  for (const auto& entry : glyphs) {
    for (int shift = 24; shift >= 0; shift -= 8) key.push_back(static_cast<char>((entry.first >> shift) & 0xFF));
  }
  unsigned char digest[EVP_MAX_MD_SIZE] = {};
  unsigned size = 0;
  EVP_Digest(key.data(), key.size(), digest, &size, EVP_sha256(), nullptr);
  std::string tag;
  for (int i = 0; i < 6; ++i) tag.push_back(static_cast<char>('A' + digest[i] % 26));
  return tag;
}

std::uint32_t WriteCompactCMap(ObjectWriter& objects, Deflater& deflater, GlyphWidths& widths,
                               const std::map<frame::FontId, FontUse>& uses) {
  std::set<std::uint32_t> blocks;
  bool any = false;
  for (const auto& [font, use] : uses) {
    if (!widths.Compact(font)) continue;
    any = true;
    for (const auto& entry : use.glyphs) {
      if (entry.first >= 0x80) blocks.insert(entry.first >> 8);
    }
  }
  if (!any) return 0;
  const std::uint32_t object = objects.Reserve();
  objects.CompressedStream(object, kCompactCMapDict, CompactCMap(blocks), deflater);
  return object;
}

void WriteFont(ObjectWriter& objects, Deflater& deflater, text::FontLibrary& fonts, GlyphWidths& widths,
               frame::FontId font, const FontUse& use, std::uint32_t compact_cmap, bool prepared) {
  const bool compact = widths.Compact(font);
  auto* hb_font = static_cast<hb_font_t*>(fonts.HbFont(font));
  hb_face_t* face = hb_font != nullptr ? hb_font_get_face(hb_font) : hb_face_get_empty();
  const text::FontInfo& info = fonts.Info(font);
  unsigned upem = hb_face_get_upem(face);

  std::string base_name = PostScriptName(face, info);
  PreparedFont* ready = prepared && hb_font != nullptr ? Prepared(hb_font, base_name) : nullptr;
  if (ready != nullptr && !ready->Covers(use.glyphs)) ready = nullptr;
  std::string font_file;
  bool subset = ready != nullptr;
  if (ready == nullptr) {
    font_file = Subset(face, use.glyphs, [](const auto& entry) { return entry.first; });
    subset = !font_file.empty();
    if (!subset) font_file = std::string(fonts.FileBytes(font));
  }
  if (ready != nullptr) {
    base_name = ready->tag + "+" + base_name;
  } else if (subset) {
    base_name = SubsetTag(base_name, use.glyphs) + "+" + base_name;
  }

  std::uint32_t cid_font = objects.Reserve();
  std::uint32_t descriptor = objects.Reserve();
  std::uint32_t file = objects.Reserve();
  std::uint32_t to_unicode = objects.Reserve();

  std::string& type0 = objects.Begin(use.object);
  type0 += "<</Type/Font/Subtype/Type0/BaseFont";
  AppendName(type0, base_name);
  if (compact) {
    type0 += "/Encoding ";
    AppendRef(type0, compact_cmap);
  } else {
    type0 += "/Encoding/Identity-H";
  }
  type0 += "/DescendantFonts[";
  AppendRef(type0, cid_font);
  type0 += "]/ToUnicode ";
  AppendRef(type0, to_unicode);
  type0 += ">>";
  objects.End();

  std::string& cid = objects.Begin(cid_font);
  cid += "<</Type/Font/Subtype/CIDFontType2/BaseFont";
  AppendName(cid, base_name);
  cid += "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor ";
  AppendRef(cid, descriptor);
  cid += "/CIDToGIDMap/Identity/W[";
  // Runs of consecutive glyph ids share one array: [first [w w w] first [w] …].
  std::uint32_t previous = 0;
  bool open = false;
  for (const auto& entry : use.glyphs) {
    std::uint32_t glyph = entry.first;
    if (!open || glyph != previous + 1) {
      if (open) cid += "]";
      AppendInt(cid, glyph);
      cid += '[';
      open = true;
    } else {
      cid += ' ';
    }
    AppendMilli(cid, widths.MicroEm(font, glyph));
    previous = glyph;
  }
  if (open) cid += ']';
  cid += "]>>";
  objects.End();

  Table head(face, HB_TAG('h', 'e', 'a', 'd'));
  Table hhea(face, HB_TAG('h', 'h', 'e', 'a'));
  Table post(face, HB_TAG('p', 'o', 's', 't'));
  Table os2(face, HB_TAG('O', 'S', '/', '2'));
  std::int32_t italic_angle = post.S32(4);  // 16.16 fixed
  std::uint32_t weight = os2.U16(4) != 0 ? os2.U16(4) : 400;
  std::int64_t cap_height = os2.U16(0) >= 2 ? os2.S16(88) : 0;
  std::int64_t ascent = hhea.S16(4) != 0 ? hhea.S16(4) : info.ascender;
  std::int64_t descent = hhea.S16(6) != 0 ? hhea.S16(6) : info.descender;
  if (cap_height == 0) cap_height = ascent;

  std::string& d = objects.Begin(descriptor);
  d += "<</Type/FontDescriptor/FontName";
  AppendName(d, base_name);
  d += "/Flags ";
  AppendInt(d, italic_angle != 0 ? 4 + 64 : 4);  // symbolic: glyphs are reached by id, not an encoding
  d += "/FontBBox[";
  for (unsigned offset : {36u, 38u, 40u, 42u}) {
    AppendInt(d, Scale(head.S16(offset), upem));
    d += offset == 42u ? "]" : " ";
  }
  d += "/ItalicAngle ";
  AppendMilli(d, RoundDiv(std::int64_t{italic_angle} * 1000, 65536));
  d += "/Ascent ";
  AppendInt(d, Scale(ascent, upem));
  d += "/Descent ";
  AppendInt(d, Scale(descent, upem));
  d += "/CapHeight ";
  AppendInt(d, Scale(cap_height, upem));
  d += "/StemV ";
  // No stem width is stored in TrueType fonts; the customary estimate from the weight class.
  AppendInt(d, 50 + static_cast<std::int64_t>(weight * weight) / (65 * 65));
  d += "/FontFile2 ";
  AppendRef(d, file);
  d += ">>";
  objects.End();

  std::string file_dict = "/Length1 ";
  AppendInt(file_dict, static_cast<std::int64_t>(ready != nullptr ? ready->file.size() : font_file.size()));
  if (ready != nullptr) {
    const std::string_view deflated = ready->Deflated(deflater);
    objects.Stream(file, file_dict, deflated.empty() ? std::string_view(ready->file) : std::string_view(deflated),
                   !deflated.empty());
  } else {
    objects.CompressedStream(file, file_dict, font_file, deflater);
  }
  objects.CompressedStream(to_unicode, "", ToUnicodeCMap(use.glyphs, compact), deflater);
}

}  // namespace missive::pdf

// PDF lexical output: fixed-point numbers, names, strings, ToUnicode CMaps, subset tags.
#include "runtime/render/pdf/syntax.h"

#include <catch2/catch.hpp>
#include <limits>

#include "runtime/render/pdf/font_embed.h"
#include "runtime/render/pdf/glyph_codes.h"

namespace missive::pdf {
namespace {

std::string Milli(std::int64_t v) {
  std::string out;
  AppendMilli(out, v);
  return out;
}

TEST_CASE("fixed-point decimals drop trailing zeros and keep three digits at most") {
  CHECK(Milli(0) == "0");
  CHECK(Milli(1000) == "1");
  CHECK(Milli(1500) == "1.5");
  CHECK(Milli(1050) == "1.05");
  CHECK(Milli(1005) == "1.005");
  CHECK(Milli(12345) == "12.345");
  CHECK(Milli(-250) == "-0.25");
  CHECK(Milli(-1000) == "-1");
  CHECK(Milli(841890) == "841.89");
  CHECK(Milli(std::numeric_limits<std::int64_t>::min()) == "-9223372036854775.808");
}

TEST_CASE("rounded division rounds halves away from zero") {
  CHECK(RoundDiv(5, 2) == 3);
  CHECK(RoundDiv(-5, 2) == -3);
  CHECK(RoundDiv(4, 3) == 1);
  CHECK(RoundDiv(-4, 3) == -1);
  CHECK(RoundDiv(0, 7) == 0);
}

TEST_CASE("names escape delimiters, spaces and non-ASCII bytes") {
  std::string out;
  AppendName(out, "Dejà Vu#(1)");
  CHECK(out == "/Dej#C3#A0#20Vu#23#281#29");
}

TEST_CASE("text strings are UTF-16BE with a byte order mark, surrogates included") {
  std::string out;
  AppendTextString(out, "A€\xF0\x9F\x98\x80");
  CHECK(out == "<FEFF004120ACD83DDE00>");
  out.clear();
  AppendTextString(out,
                   "\xFF"
                   "b");
  CHECK(out == "<FEFFFFFD0062>");
}

TEST_CASE("literal strings escape parentheses, backslashes and control bytes") {
  std::string out;
  AppendLiteralString(out, "a(b)\\c\n");
  CHECK(out == "(a\\(b\\)\\\\c\\012)");
}

TEST_CASE("ToUnicode uses ranges for runs and bfchar for clusters and ligatures") {
  std::map<std::uint32_t, std::string> glyphs{{3, " "},  {36, "A"},    {37, "B"}, {38, "C"},
                                              {40, "E"}, {500, "ffi"}, {501, ""}, {600, "\xF0\x9F\x98\x80"}};
  std::string cmap = ToUnicodeCMap(glyphs, /*compact=*/false);
  CHECK(cmap.find("4 beginbfchar\n<0003> <0020>\n<0028> <0045>\n<01F4> <006600660069>\n<0258> <D83DDE00>\n"
                  "endbfchar\n") != std::string::npos);
  CHECK(cmap.find("1 beginbfrange\n<0024> <0026> <0041>\nendbfrange\n") != std::string::npos);
  CHECK(cmap.find("<01F5>") == std::string::npos);  // glyph without text is not mapped
}

TEST_CASE("ToUnicode splits long lists into blocks of 100") {
  std::map<std::uint32_t, std::string> glyphs;
  for (std::uint32_t g = 0; g < 250; ++g) glyphs[g * 2 + 1] = "x";  // never consecutive: all bfchar
  std::string cmap = ToUnicodeCMap(glyphs, /*compact=*/false);
  CHECK(cmap.find("100 beginbfchar\n<0001> <0078>\n") != std::string::npos);
  CHECK(cmap.find("100 beginbfchar\n<00C9> <0078>\n") != std::string::npos);
  CHECK(cmap.find("50 beginbfchar\n<0191> <0078>\n") != std::string::npos);
  CHECK(cmap.find("endbfchar\nendcmap\n") != std::string::npos);
}

TEST_CASE("compact glyph codes: one byte below 128, then two; every value once, every CID in the codespace") {
  CHECK(GlyphCode(36, true) == 0xA4);
  CHECK(GlyphCodeLength(36, true) == 1);
  CHECK(GlyphCode(0x8B, true) == 0x000B);
  CHECK(GlyphCode(0xB84, true) == 0xB84);
  CHECK(GlyphCode(36, false) == 36);
  CHECK(GlyphCodeLength(36, false) == 2);
  char buffer[8];
  CHECK(std::string(buffer, WriteGlyphCode(buffer, 36, true)) == "\xA4");
  CHECK(std::string(buffer, WriteGlyphCode(buffer, 0xA8, true)) == std::string("\0\\(", 3));  // 0028 escaped
  CHECK(std::string(buffer, WriteGlyphCode(buffer, 0x0D29, true)) == "\\r\\)");
  // poppler keys ToUnicode by code value, MuPDF checks each CID against the codespace's values
  // (<80>–<FF>, <0000>–<7FFF>): both hold for every glyph id the encoding takes.
  std::set<std::uint32_t> values;
  for (std::uint32_t glyph = 0; glyph < 0x8000; ++glyph) {
    INFO("glyph " << glyph);
    REQUIRE(values.insert(GlyphCode(glyph, true)).second);
    const std::uint32_t code = GlyphCode(glyph, true);
    REQUIRE((GlyphCodeLength(glyph, true) == 1 ? code >= 0x80 && code <= 0xFF : code <= 0x7FFF));
  }
}

TEST_CASE("the compact CMap maps its codes back to glyph ids, one cidrange per block in use") {
  std::string cmap = CompactCMap({0, 5});
  CHECK(cmap.find("2 begincodespacerange\n<80> <FF>\n<0000> <7FFF>\nendcodespacerange\n") != std::string::npos);
  CHECK(cmap.find("3 begincidrange\n<80> <FF> 0\n<0000> <007F> 128\n<0500> <05FF> 1280\nendcidrange\n") !=
        std::string::npos);
  CHECK(cmap.find("/CMapName /Missive-Compact-H def") != std::string::npos);
}

TEST_CASE("compact ToUnicode: codes of both lengths, ranges never across a length or a block") {
  // Glyphs 126, 127, 128 and their texts x, y, z run on, but 128 has a two-byte code.
  std::map<std::uint32_t, std::string> glyphs{{3, " "},   {36, "A"},  {37, "B"},        {126, "x"},
                                              {127, "y"}, {128, "z"}, {300, "\xC3\xA9"}};
  std::string cmap = ToUnicodeCMap(glyphs, /*compact=*/true);
  CHECK(cmap.find("2 begincodespacerange\n<80> <FF>\n<0000> <7FFF>\nendcodespacerange\n") != std::string::npos);
  CHECK(cmap.find("3 beginbfchar\n<83> <0020>\n<0000> <007A>\n<012C> <00E9>\nendbfchar\n") != std::string::npos);
  CHECK(cmap.find("2 beginbfrange\n<A4> <A5> <0041>\n<FE> <FF> <0078>\nendbfrange\n") != std::string::npos);
}

TEST_CASE("subset tags are six capitals that depend on the glyph set only") {
  std::map<std::uint32_t, std::string> a{{3, " "}, {36, "A"}};
  std::map<std::uint32_t, std::string> b{{3, "x"}, {36, "y"}};
  std::map<std::uint32_t, std::string> c{{3, " "}, {37, "B"}};
  std::string tag = SubsetTag("DejaVuSans", a);
  REQUIRE(tag.size() == 6);
  for (char ch : tag) CHECK((ch >= 'A' && ch <= 'Z'));
  CHECK(SubsetTag("DejaVuSans", b) == tag);
  CHECK(SubsetTag("DejaVuSans", c) != tag);
}

}  // namespace
}  // namespace missive::pdf

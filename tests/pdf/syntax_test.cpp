// PDF lexical output: fixed-point numbers, names, strings, ToUnicode CMaps, subset tags.
#include "runtime/render/pdf/syntax.h"

#include <catch2/catch.hpp>
#include <limits>

#include "runtime/render/pdf/font_embed.h"

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
  std::string cmap = ToUnicodeCMap(glyphs);
  CHECK(cmap.find("4 beginbfchar\n<0003> <0020>\n<0028> <0045>\n<01F4> <006600660069>\n<0258> <D83DDE00>\n"
                  "endbfchar\n") != std::string::npos);
  CHECK(cmap.find("1 beginbfrange\n<0024> <0026> <0041>\nendbfrange\n") != std::string::npos);
  CHECK(cmap.find("<01F5>") == std::string::npos);  // glyph without text is not mapped
}

TEST_CASE("ToUnicode splits long lists into blocks of 100") {
  std::map<std::uint32_t, std::string> glyphs;
  for (std::uint32_t g = 0; g < 250; ++g) glyphs[g * 2 + 1] = "x";  // never consecutive: all bfchar
  std::string cmap = ToUnicodeCMap(glyphs);
  CHECK(cmap.find("100 beginbfchar\n<0001> <0078>\n") != std::string::npos);
  CHECK(cmap.find("100 beginbfchar\n<00C9> <0078>\n") != std::string::npos);
  CHECK(cmap.find("50 beginbfchar\n<0191> <0078>\n") != std::string::npos);
  CHECK(cmap.find("endbfchar\nendcmap\n") != std::string::npos);
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

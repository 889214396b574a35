// Prepared font subsets for one-record files: made once per process from the font alone, embedded by
// every file whose glyphs they cover; other files subset their own glyphs as before.
#include <hb.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>

#include "runtime/render/pdf/font_embed.h"
#include "runtime/render/pdf/writer.h"
#include "tests/pdf/pdf_test_util.h"

namespace missive::pdf {
namespace {

using testing::Run;
using testing::Shape;
using testing::TempDir;
using testing::WriteDocument;
using testing::WriteFile;

using testing::Fonts;

frame::Page TextPage(const std::vector<std::string>& lines) {
  frame::Page page;
  page.width = 595'276;
  page.height = 841'890;
  frame::Unit y = 100'000;
  for (const auto& line : lines) {
    page.items.emplace_back(Shape(Fonts(), 0, line, 11'000, 72'000, y));
    y += 16'000;
  }
  return page;
}

std::uint32_t GlyphOf(std::string_view text) {
  const frame::GlyphRun run = Shape(Fonts(), 0, text, 10'000, 0, 0);
  REQUIRE(run->glyphs.size() == 1);
  return run->glyphs[0];
}

/// The subset name pdffonts reports for the first font ("ABCDEF+DejaVuSans").
std::string FontName(const std::string& bytes) {
  const auto at = bytes.find("/Subtype/Type0/BaseFont/");
  REQUIRE(at != std::string::npos);
  const auto start = at + 24;
  return bytes.substr(start, bytes.find('/', start) - start);
}

Options Prepared() {
  Options options;
  options.prepared_fonts = true;
  return options;
}

TEST_CASE("the prepared glyph set covers Latin, punctuation, currency signs and the ligatures they make") {
  const auto glyphs = PreparedGlyphs(Fonts(), 0);
  auto has = [&](std::uint32_t g) { return std::binary_search(glyphs.begin(), glyphs.end(), g); };
  CHECK(std::is_sorted(glyphs.begin(), glyphs.end()));
  CHECK(has(0));
  CHECK(has(GlyphOf("A")));
  CHECK(has(GlyphOf("é")));
  CHECK(has(GlyphOf("ł")));  // Latin Extended-A
  CHECK(has(GlyphOf("€")));
  CHECK(has(GlyphOf("\u202F")));  // ICU's French group separator
  CHECK(has(GlyphOf("–")));
  CHECK(has(GlyphOf("ffi")));  // a ligature, reached through GSUB
  CHECK(!has(GlyphOf("Ж")));
  CHECK(!has(GlyphOf("α")));
}

TEST_CASE("files of different Latin records embed the same prepared font; others subset their own") {
  const std::string a =
      WriteDocument(Fonts(), {{TextPage({"Dear Mrs Łukasiewicz", "Balance: 1 234,56 €"})}}, Prepared());
  const std::string b = WriteDocument(Fonts(), {{TextPage({"Hello Bob", "Total: $12.00 – thank you…"})}}, Prepared());
  CHECK(FontName(a) == FontName(b));
  // Without the option each file has its own subset, named after its glyphs.
  const std::string a_own = WriteDocument(Fonts(), {{TextPage({"Dear Mrs Łukasiewicz", "Balance: 1 234,56 €"})}});
  const std::string b_own = WriteDocument(Fonts(), {{TextPage({"Hello Bob", "Total: $12.00 – thank you…"})}});
  CHECK(FontName(a_own) != FontName(b_own));
  CHECK(FontName(a_own) != FontName(a));

  // A glyph outside the prepared set: the file is exactly what it would be without the option.
  const std::vector<std::string> cyrillic = {"Уважаемый клиент"};
  CHECK(WriteDocument(Fonts(), {{TextPage(cyrillic)}}, Prepared()) == WriteDocument(Fonts(), {{TextPage(cyrillic)}}));

  // The same record gives the same bytes, whatever was written before it in the process.
  CHECK(WriteDocument(Fonts(), {{TextPage({"Dear Mrs Łukasiewicz", "Balance: 1 234,56 €"})}}, Prepared()) == a);

  TempDir dir;
  const std::string path = (dir.path() / "a.pdf").string();
  WriteFile(path, a);
  auto check = Run("qpdf --check '" + path + "'");
  INFO(check.output);
  CHECK(check.status == 0);
  CHECK(check.output.find("WARNING") == std::string::npos);
  auto fonts = Run("pdffonts '" + path + "'");
  INFO(fonts.output);
  const auto row = fonts.output.find("\n" + FontName(a) + " ");
  REQUIRE(row != std::string::npos);
  const std::string line = fonts.output.substr(row + 1, fonts.output.find('\n', row + 1) - row - 1);
  CHECK(line.find(" CID TrueType ") != std::string::npos);
  CHECK(line.find(" yes yes yes ") != std::string::npos);
  auto text = Run("pdftotext -q -enc UTF-8 '" + path + "' -").output;
  CHECK(text.find("Dear Mrs Łukasiewicz") != std::string::npos);
  CHECK(text.find("Balance: 1 234,56 €") != std::string::npos);
  CHECK(Run("mutool draw -q -o /dev/null '" + path + "'").status == 0);
}

}  // namespace
}  // namespace missive::pdf

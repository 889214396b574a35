// Prepared font subsets for one-record files: made once per process from the font alone, embedded by
// every file whose glyphs they cover; other files subset their own glyphs as before.
#include <hb.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
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

TEST_CASE("time and size of one-record files, prepared font vs own subset (printed, not asserted)") {
  std::vector<std::string> lines;
  for (int i = 0; i < 40; ++i) {
    lines.push_back("2026-10-" + std::to_string(10 + i % 20) + "  Card payment Café de Flore, Paris  -" +
                    std::to_string(12 + i) + ".75 €");
  }
  const frame::Page page = TextPage(lines);
  constexpr int kDocs = 200;
  auto measure = [&](const Options& options, std::size_t* size) {
    PageRenderer renderer(Fonts(), options);
    const RenderedPage rendered = renderer.Render(page);
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kDocs; ++i) {
      DocumentWriter writer(Fonts(), options);
      writer.BeginRecord("");
      writer.AddPage(rendered);
      writer.EndRecord();
      writer.Finish();
      *size = writer.TakeBytes().size();
    }
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / kDocs;
  };
  std::size_t own_size = 0, prepared_size = 0;
  measure(Prepared(), &prepared_size);  // makes the prepared subset (once per process)
  double own = 0, prepared = 0;
  for (int round = 0; round < 3; ++round) {  // interleaved: the VM's load hits both alike
    own += measure(Options{}, &own_size) / 3;
    prepared += measure(Prepared(), &prepared_size) / 3;
  }
  std::printf(
      "pdf: one-record file (write + fonts + finish, page pre-rendered): own subset %.1f us, %.1f KB; "
      "prepared subset (%zu glyphs) %.1f us, %.1f KB\n",
      own, static_cast<double>(own_size) / 1024.0, PreparedGlyphs(Fonts(), 0).size(), prepared,
      static_cast<double>(prepared_size) / 1024.0);
  CHECK(prepared_size > 0);
}

}  // namespace
}  // namespace missive::pdf

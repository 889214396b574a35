// Letterheads: page 1 of another PDF imported with PoDoFo as one Form XObject, drawn under every page,
// stored once per file; files checked with qpdf, pdftotext and mutool.
#include "runtime/render/pdf/letterhead.h"

#include <catch2/catch.hpp>

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

frame::Page TextPage(std::string_view text, frame::Unit y, std::uint32_t background = 0) {
  frame::Page page;
  page.width = 595'276;
  page.height = 841'890;
  page.background = background;
  page.items.emplace_back(Shape(Fonts(), 0, text, 11'000, 72'000, y));
  return page;
}

bool QpdfClean(const std::string& path) {
  auto result = Run("qpdf --check '" + path + "'");
  INFO(result.output);
  return result.status == 0 && result.output.find("WARNING") == std::string::npos &&
         result.output.find("No syntax or stream encoding errors found") != std::string::npos;
}

std::size_t Count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

/// A letterhead written by our own writer: embedded subset font, ToUnicode, a rule.
std::string OurLetterhead() {
  frame::Page page = TextPage("ACME Paper Works", 40'000);
  frame::Rect rule;
  rule.x = 72'000;
  rule.y = 50'000;
  rule.width = 451'276;
  rule.height = 1'000;
  rule.has_fill = true;
  rule.fill = {200, 0, 0};
  page.items.emplace_back(rule);
  frame::Page second = TextPage("Second page is not imported", 40'000);
  return WriteDocument(Fonts(), {{page, second}}, Options{});
}

/// A hand-written PDF (repaired by qpdf): contents as an array of two streams, resources inherited
/// from the page tree, a MediaBox that does not start at 0 0, a standard 14 font.
std::string HandWrittenLetterhead(const std::filesystem::path& dir) {
  const std::string raw =
      "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
      "2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1/Resources<</Font<</H 6 0 R>>>>/MediaBox[10 20 605.276 861.89]>> "
      "endobj\n"
      "3 0 obj <</Type/Page/Parent 2 0 R/Contents[4 0 R 5 0 R]>> endobj\n"
      "4 0 obj <</Length 20>> stream\nBT /H 12 Tf 82 820 Td\nendstream endobj\n"
      "5 0 obj <</Length 26>> stream\n(Formulaire Ltd) Tj ET\n\nendstream endobj\n"
      "6 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj\n"
      "trailer <</Root 1 0 R>>\n%%EOF\n";
  WriteFile(dir / "raw.pdf", raw);
  Run("qpdf '" + (dir / "raw.pdf").string() + "' '" + (dir / "hand.pdf").string() + "'");
  return (dir / "hand.pdf").string();
}

TEST_CASE("a letterhead is imported once and drawn under every page of every record") {
  TempDir dir;
  const std::string letterhead = (dir.path() / "letterhead.pdf").string();
  WriteFile(letterhead, OurLetterhead());
  BackgroundLibrary library;
  std::string error;
  const std::uint32_t id = library.Load(letterhead, &error);
  INFO(error);
  REQUIRE(id == 1);
  CHECK(library.Load(letterhead, &error) == 1);  // the same file again: the same id
  CHECK(library.Find(letterhead) == 1);
  CHECK(library.Find("other.pdf") == 0);
  const ImportedPage* page = library.Get(1);
  REQUIRE(page != nullptr);
  // The form, then what its resources reach: Type0 font, its encoding CMap, ToUnicode, CIDFont,
  // descriptor, font file.
  CHECK(page->objects.size() == 7);
  CHECK(page->unembedded_fonts.empty());
  INFO(page->objects[0].body);
  CHECK(page->objects[0].body.rfind(
            "/Type/XObject/Subtype/Form/BBox[0 0 595.276 841.89]/Resources<</Font <</F0 >>>>/Filter/FlateDecode", 0) ==
        0);

  Options options;
  options.backgrounds = &library;
  std::vector<std::vector<frame::Page>> records;
  for (int r = 1; r <= 3; ++r) records.push_back({TextPage("Dear customer " + std::to_string(r), 120'000, id)});
  const std::string bytes = WriteDocument(Fonts(), records, options);
  const std::string path = (dir.path() / "stream.pdf").string();
  WriteFile(path, bytes);
  CHECK(QpdfClean(path));
  CHECK(Count(bytes, "/Subtype/Form/BBox[0 0 595.276 841.89]") == 1);  // stored once for 3 records
  CHECK(Count(bytes, "/BG1 ") == 3);                                   // in each page's resources
  for (int p = 1; p <= 3; ++p) {
    auto text =
        Run("pdftotext -q -enc UTF-8 -f " + std::to_string(p) + " -l " + std::to_string(p) + " '" + path + "' -")
            .output;
    CHECK(text.find("ACME Paper Works") != std::string::npos);
    CHECK(text.find("Dear customer " + std::to_string(p)) != std::string::npos);
    CHECK(text.find("Second page") == std::string::npos);
  }
  // The letterhead is painted first: the red rule comes from the form, before our text.
  auto trace = Run("mutool trace '" + path + "' 1");
  CHECK(trace.status == 0);
  const auto rule = trace.output.find("<fill_path");
  const auto ours = trace.output.find("Dear customer");
  CHECK(rule != std::string::npos);
  CHECK(rule < ours);

  // The same input gives the same bytes (the import is deterministic).
  BackgroundLibrary again;
  again.Load(letterhead, &error);
  options.backgrounds = &again;
  CHECK(WriteDocument(Fonts(), records, options) == bytes);
}

TEST_CASE("a hand-written letterhead: content arrays, inherited resources, an offset media box") {
  TempDir dir;
  BackgroundLibrary library;
  std::string error;
  const std::uint32_t id = library.Load(HandWrittenLetterhead(dir.path()), &error);
  INFO(error);
  REQUIRE(id == 1);
  const ImportedPage& page = *library.Get(id);
  CHECK(page.objects.size() == 2);
  INFO(page.objects[0].body);
  CHECK(page.objects[0].body.rfind("/Type/XObject/Subtype/Form/BBox[10 20 605.276 861.89]/Matrix[1 0 0 1 -10 -20]"
                                   "/Resources<</Font <</H >>>>/Filter/FlateDecode",
                                   0) == 0);
  CHECK(page.objects[1].body == "<</BaseFont /Helvetica/Subtype /Type1/Type /Font>>");
  CHECK(page.objects[0].refs.size() == 1);
  CHECK(page.unembedded_fonts == std::vector<std::string>{"Helvetica"});
  Options options;
  options.backgrounds = &library;
  const std::string path = (dir.path() / "out.pdf").string();
  WriteFile(path, WriteDocument(Fonts(), {{TextPage("Our text", 200'000, id)}}, options));
  CHECK(QpdfClean(path));
  auto text = Run("pdftotext -q -enc UTF-8 '" + path + "' -").output;
  CHECK(text.find("Formulaire Ltd") != std::string::npos);
  CHECK(text.find("Our text") != std::string::npos);
  // Placed where it was on its own page: 82-10 = 72 pt from the left, 861.89-820 below the top.
  auto bbox = Run("pdftotext -q -bbox '" + path + "' -").output;
  CHECK(bbox.find("xMin=\"72.000000\"") != std::string::npos);
}

TEST_CASE("a missing or broken letterhead is an error naming the file") {
  TempDir dir;
  BackgroundLibrary library;
  std::string error;
  const std::string missing = (dir.path() / "nope.pdf").string();
  CHECK(library.Load(missing, &error) == 0);
  CHECK(error.rfind("cannot use the letterhead " + missing + ": not a readable PDF (", 0) == 0);
  const std::string broken = (dir.path() / "broken.pdf").string();
  WriteFile(broken, "%PDF-1.4\nthis is not a PDF\n");
  error.clear();
  CHECK(library.Load(broken, &error) == 0);
  CHECK(error.rfind("cannot use the letterhead " + broken + ": ", 0) == 0);
  CHECK(library.Get(1) == nullptr);
  // A page naming an unknown letterhead draws none.
  Options options;
  options.backgrounds = &library;
  const std::string bytes = WriteDocument(Fonts(), {{TextPage("Plain", 100'000, 7)}}, options);
  CHECK(bytes.find("/BG7") == std::string::npos);
}

}  // namespace
}  // namespace missive::pdf

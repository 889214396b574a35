// Whole files checked by real readers: qpdf --check, pdftotext, pdffonts, pdfinfo, mutool; page totals
// per record, outlines, byte-identical reruns (the time per page is bench/pdf's).
#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>
#include <thread>

#include "runtime/render/pdf/writer.h"
#include "tests/pdf/pdf_test_util.h"

namespace missive::pdf {
namespace {

using testing::NormalizeForCompare;
using testing::Run;
using testing::RunWidth;
using testing::Shape;
using testing::TempDir;
using testing::WriteDocument;
using testing::WriteFile;

constexpr frame::Unit kA4Width = 595'276, kA4Height = 841'890;

struct Fixture {
  text::FontLibrary fonts;
  frame::FontId sans = 0;
  frame::FontId arabic = 0;
  Fixture() {
    std::string error;
    text::FontRequest request;
    request.family = "Noto Sans Arabic";
    arabic = fonts.Resolve(request, &error).value_or(0);
  }
};

Fixture& Fx() {
  static Fixture fixture;
  return fixture;
}

frame::Page EmptyPage() {
  frame::Page page;
  page.width = kA4Width;
  page.height = kA4Height;
  return page;
}

/// A line with text at the left margin.
frame::GlyphRun TextLine(std::string_view text, frame::Unit y, frame::FontId font = 0, bool rtl = false) {
  return Shape(Fx().fonts, font, text, 11'000, 72'000, y, rtl);
}

/// "Page n of " followed by the record's page total.
void AddFooter(frame::Page& page, std::uint32_t number) {
  frame::GlyphRun label = Shape(Fx().fonts, 0, "Page " + std::to_string(number) + " of ", 9'000, 72'000, 800'000);
  frame::PageTotal total;
  total.font = 0;
  total.size = 9'000;
  total.x = label.x + RunWidth(label);
  total.y = label.y;
  total.width = 15'000;
  page.items.emplace_back(std::move(label));
  page.items.emplace_back(total);
  page.number = number;
}

bool QpdfClean(const std::string& path) {
  auto result = Run("qpdf --check '" + path + "'");
  INFO(result.output);
  return result.status == 0 && result.output.find("WARNING") == std::string::npos &&
         result.output.find("No syntax or stream encoding errors found") != std::string::npos;
}

std::string PdfToText(const std::string& path, int page = 0) {
  std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  return Run("pdftotext -q -enc UTF-8" + range + " '" + path + "' -").output;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line != "\f") lines.push_back(line);
  }
  return lines;
}

TEST_CASE("accented Latin, a ligature and Arabic come back out of pdftotext") {
  const std::string arabic = "مرحبا بالعالم السلام عليكم";  // with the lam-alef ligature
  frame::Page page = EmptyPage();
  page.items.emplace_back(TextLine("Ærøskøbing: café, naïve, Škoda, Œuvre", 100'000));
  page.items.emplace_back(TextLine("office affine", 120'000));
  page.items.emplace_back(TextLine(arabic, 140'000, Fx().arabic, true));
  TempDir dir;
  std::string path = (dir.path() / "text.pdf").string();
  WriteFile(path, WriteDocument(Fx().fonts, {{page}}, Options{3, "Text test", "de-DE"}));

  CHECK(QpdfClean(path));
  std::vector<std::string> lines = Lines(PdfToText(path));
  REQUIRE(lines.size() == 3);
  CHECK(NormalizeForCompare(lines[0]) == "Ærøskøbing: café, naïve, Škoda, Œuvre");
  CHECK(NormalizeForCompare(lines[1]) == "office affine");
  CHECK(NormalizeForCompare(lines[2]) == NormalizeForCompare(arabic));

  auto fonts = Run("pdffonts '" + path + "'");
  INFO(fonts.output);
  std::vector<std::string> rows = Lines(fonts.output);
  REQUIRE(rows.size() == 4);  // header, rule, DejaVu Sans, Noto Sans Arabic
  for (std::size_t i = 2; i < rows.size(); ++i) {
    std::istringstream row(rows[i]);
    std::string name, type, encoding, emb, sub, uni;
    row >> name >> type >> encoding;
    std::string word;
    std::vector<std::string> words;
    while (row >> word) words.push_back(word);
    REQUIRE(words.size() >= 5);
    CHECK(name.size() > 7);
    CHECK(name[6] == '+');
    CHECK(type == "CID");
    CHECK(words[words.size() - 5] == "yes");  // emb
    CHECK(words[words.size() - 4] == "yes");  // sub
    CHECK(words[words.size() - 3] == "yes");  // uni
  }
  CHECK(fonts.output.find("+DejaVuSans ") != std::string::npos);
  CHECK(fonts.output.find("+NotoSansArabic-Regular ") != std::string::npos);

  auto info = Run("pdfinfo '" + path + "'");
  CHECK(info.output.find("Pages:           1\n") != std::string::npos);
  CHECK(info.output.find("Producer:        Missive\n") != std::string::npos);
  CHECK(info.output.find("Title:           Text test\n") != std::string::npos);
  CHECK(info.output.find("PDF version:     1.7\n") != std::string::npos);
  CHECK(info.output.find("CreationDate") == std::string::npos);

  // poppler rasterises it (fonts parsed by FreeType) without a word of complaint.
  auto raster = Run("pdftoppm -r 20 -png '" + path + "' '" + (dir.path() / "page").string() + "'");
  CHECK(raster.status == 0);
  CHECK(raster.output.empty());
  CHECK(std::filesystem::exists(dir.path() / "page-1.png"));

  auto draw = Run("mutool draw -o /dev/null '" + path + "'");
  INFO(draw.output);
  CHECK(draw.status == 0);
  CHECK(draw.output.find("error") == std::string::npos);
  // mutool says "warning: ICC support is not available" about itself; any other warning is ours.
  CHECK(draw.output.find("warning: ", draw.output.find("warning: ICC") + 1) == std::string::npos);
}

std::string TwoRecords(const Options& options) {
  std::vector<std::vector<frame::Page>> records(2);
  for (std::uint32_t r = 0; r < 2; ++r) {
    std::uint32_t pages = r == 0 ? 3 : 2;
    for (std::uint32_t n = 1; n <= pages; ++n) {
      frame::Page page = EmptyPage();
      page.items.emplace_back(TextLine("Record " + std::to_string(r + 1), 100'000));
      AddFooter(page, n);
      records[r].push_back(std::move(page));
    }
  }
  return WriteDocument(Fx().fonts, records, options);
}

TEST_CASE("page totals per record, outlines and identical bytes on a rerun") {
  TempDir dir;
  std::string path = (dir.path() / "records.pdf").string();
  std::string bytes = TwoRecords(Options{});
  WriteFile(path, bytes);
  CHECK(QpdfClean(path));
  CHECK(Run("pdfinfo '" + path + "'").output.find("Pages:           5\n") != std::string::npos);

  const char* expected[] = {"Page 1 of 3", "Page 2 of 3", "Page 3 of 3", "Page 1 of 2", "Page 2 of 2"};
  for (int page = 1; page <= 5; ++page) {
    std::vector<std::string> lines = Lines(PdfToText(path, page));
    INFO("page " << page);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == (page <= 3 ? "Record 1" : "Record 2"));
    CHECK(lines[1] == expected[page - 1]);
  }

  auto outline = Run("mutool show '" + path + "' outline");
  INFO(outline.output);
  std::vector<std::string> entries = Lines(outline.output);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].find("\"Record 1\"") != std::string::npos);
  CHECK(entries[0].find("#page=1") != std::string::npos);
  CHECK(entries[1].find("\"Record 2\"") != std::string::npos);
  CHECK(entries[1].find("#page=4") != std::string::npos);

  auto draw = Run("mutool draw -o /dev/null '" + path + "'");
  CHECK(draw.status == 0);
  CHECK(draw.output.find("error") == std::string::npos);

  CHECK(TwoRecords(Options{}) == bytes);
  // Without compression the same structure, readable by the same tools.
  std::string plain_path = (dir.path() / "plain.pdf").string();
  WriteFile(plain_path, TwoRecords(Options{0, {}, {}}));
  CHECK(QpdfClean(plain_path));
  CHECK(Lines(PdfToText(plain_path, 5)) == std::vector<std::string>{"Record 2", "Page 2 of 2"});
}

TEST_CASE("the language goes into the catalog, and bytes do not depend on when they are taken") {
  frame::Page page = EmptyPage();
  page.items.emplace_back(TextLine("Sprache", 100'000));
  Options options{0, {}, "de-DE"};
  std::string whole = WriteDocument(Fx().fonts, {{page, page}}, options);
  CHECK(whole.find("/Lang(de-DE)") != std::string::npos);
  CHECK(whole.rfind("%PDF-1.7\n", 0) == 0);
  CHECK(whole.substr(whole.size() - 6) == "%%EOF\n");

  PageRenderer renderer(Fx().fonts, options);
  DocumentWriter writer(Fx().fonts, options);
  writer.BeginRecord("Record 1");
  writer.AddPage(renderer.Render(page));
  writer.AddPage(renderer.Render(page));
  writer.EndRecord();
  CHECK(writer.page_count() == 2);
  writer.Finish();
  std::uint64_t size = writer.bytes_written();
  std::string at_once = writer.TakeBytes();
  CHECK(at_once == whole);
  CHECK(size == whole.size());
  CHECK(writer.bytes_written() == size);
  CHECK(writer.TakeBytes().empty());
}

TEST_CASE("pages rendered on two threads give the same file as on one") {
  constexpr int kRecords = 20, kPagesPerRecord = 2;
  std::vector<frame::Page> pages;
  for (int r = 0; r < kRecords; ++r) {
    for (std::uint32_t n = 1; n <= kPagesPerRecord; ++n) {
      frame::Page page = EmptyPage();
      page.items.emplace_back(TextLine("Customer " + std::to_string(r) + " – Größe ½", 100'000));
      AddFooter(page, n);
      pages.push_back(std::move(page));
    }
  }
  auto write = [&](const std::vector<RenderedPage>& rendered) {
    DocumentWriter writer(Fx().fonts, Options{});
    std::string bytes;
    for (int r = 0; r < kRecords; ++r) {
      writer.BeginRecord("Kunde " + std::to_string(r) + " – Größe");
      for (int n = 0; n < kPagesPerRecord; ++n) writer.AddPage(rendered[r * kPagesPerRecord + n]);
      writer.EndRecord();
      bytes += writer.TakeBytes();
    }
    writer.Finish();
    return bytes + writer.TakeBytes();
  };
  std::vector<RenderedPage> one(pages.size()), two(pages.size());
  PageRenderer single(Fx().fonts, Options{});
  for (std::size_t i = 0; i < pages.size(); ++i) one[i] = single.Render(pages[i]);
  auto work = [&](std::size_t parity) {
    PageRenderer renderer(Fx().fonts, Options{});
    for (std::size_t i = parity; i < pages.size(); i += 2) two[i] = renderer.Render(pages[i]);
  };
  std::thread even(work, 0), odd(work, 1);
  even.join();
  odd.join();
  std::string bytes = write(one);
  CHECK(write(two) == bytes);

  TempDir dir;
  std::string path = (dir.path() / "threads.pdf").string();
  WriteFile(path, bytes);
  CHECK(QpdfClean(path));
  CHECK(Run("pdfinfo '" + path + "'").output.find("Pages:           40\n") != std::string::npos);
  CHECK(Lines(PdfToText(path, 40)) == std::vector<std::string>{"Customer 19 – Größe ½", "Page 2 of 2"});
  std::vector<std::string> outline = Lines(Run("mutool show '" + path + "' outline").output);
  REQUIRE(outline.size() == kRecords);
  CHECK(outline[19].find("\"Kunde 19 – Größe\"\t#page=39") != std::string::npos);
}

/// The stream data of each object whose dictionary contains `marker`, in file order (uncompressed files).
std::vector<std::string> StreamsWith(const std::string& file, std::string_view marker) {
  std::vector<std::string> streams;
  for (std::size_t at = file.find(marker); at != std::string::npos; at = file.find(marker, at + 1)) {
    std::size_t begin = file.find(">>\nstream\n", at) + 10;
    streams.push_back(file.substr(begin, file.find("\nendstream", begin) - begin));
  }
  return streams;
}

TEST_CASE("page-total forms set their own state, whatever the page left behind") {
  frame::Page page = EmptyPage();
  frame::GlyphRun raised = TextLine("x", 100'000);
  raised.color = {0, 0, 255};
  raised.Edit().x_offsets = {0};
  raised.Edit().y_offsets = {3'000};  // leaves a text rise of 3 pt on the page
  page.items.emplace_back(raised);
  frame::PageTotal black;
  black.font = 0;
  black.size = 9'000;
  black.x = 300'000;
  black.y = 100'000;
  black.width = 15'000;
  frame::PageTotal red = black;
  red.color = {255, 0, 0};
  red.align = 1;
  page.items.emplace_back(black);
  page.items.emplace_back(red);
  std::string file = WriteDocument(Fx().fonts, {{page}}, Options{0, {}, {}});
  std::vector<std::string> forms = StreamsWith(file, "/Subtype/Form");
  REQUIRE(forms.size() == 2);
  const std::string one("\x94", 1);  // DejaVu Sans glyph 20 is "1", 1303/2048 em wide: 5.726 pt at 9 pt
  CHECK(forms[0] == "0 g 0 G 1 w 0 Ts\nBT\n/F0 9 Tf\n[(" + one + ")]TJ\nET\n");
  CHECK(forms[1] == "0 g 0 G 1 w 0 Ts\nBT\n/F0 9 Tf\n1 0 0 rg\n9.274 0 Td\n[(" + one + ")]TJ\nET\n");
  // DejaVu Sans: ascender 1901, descender -483 of 2048; plus a tenth of the size on each side.
  CHECK(file.find("/BBox[0 -3.023 15 9.254]") != std::string::npos);
  CHECK(StreamsWith(file, "/Type/XObject").size() == 2);
  std::vector<std::string> contents = StreamsWith(file, "<</Length");
  REQUIRE(!contents.empty());
  CHECK(contents[0].find("3 Ts\n") != std::string::npos);
  CHECK(contents[0].find("q 1 0 0 1 300 741.89 cm /Tot0 Do Q\nq 1 0 0 1 300 741.89 cm /Tot1 Do Q\n") !=
        std::string::npos);
}

TEST_CASE("pages outside records, images and an empty document still make valid files") {
  TempDir dir;
  frame::Page page = EmptyPage();
  page.items.emplace_back(frame::Image{7, 0, 0, 10'000, 10'000});
  page.items.emplace_back(TextLine("No record", 100'000));
  PageRenderer renderer(Fx().fonts, Options{});
  DocumentWriter writer(Fx().fonts, Options{});
  writer.AddPage(renderer.Render(page));
  writer.Finish();
  std::string path = (dir.path() / "loose.pdf").string();
  WriteFile(path, writer.TakeBytes());
  CHECK(QpdfClean(path));
  CHECK(Lines(PdfToText(path)) == std::vector<std::string>{"No record"});
  CHECK(Lines(Run("mutool show '" + path + "' outline").output).empty());

  DocumentWriter empty(Fx().fonts, Options{});
  empty.Finish();
  std::string empty_path = (dir.path() / "empty.pdf").string();
  WriteFile(empty_path, empty.TakeBytes());
  auto check = Run("qpdf --check '" + empty_path + "'");
  INFO(check.output);
  CHECK(check.output.find("No syntax or stream encoding errors found") != std::string::npos);
  // (poppler refuses files without pages, so qpdf is the reader here)
  CHECK(Run("qpdf --show-npages '" + empty_path + "'").output == "0\n");
}

}  // namespace
}  // namespace missive::pdf

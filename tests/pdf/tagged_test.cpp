// Tagged PDF (PDF/UA): the structure tree read back with poppler's pdfinfo -struct-text and qpdf --json,
// marked content in the content streams, artifacts, /Alt, /Lang, and untagged files left as they were.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "runtime/render/pdf/pdfa.h"
#include "runtime/render/pdf/writer.h"
#include "tests/pdf/pdf_test_util.h"

namespace missive::pdf {
namespace {

using frame::Role;
using testing::Fonts;
using testing::Run;
using testing::Shape;
using testing::TempDir;
using testing::WriteDocument;
using testing::WriteFile;

frame::Page Page(std::uint32_t number) {
  frame::Page page;
  page.width = 595'276;
  page.height = 841'890;
  page.number = number;
  return page;
}

void Node(frame::Page& page, std::uint32_t id, std::uint32_t parent, Role role, std::string alt = {},
          std::string lang = {}) {
  page.structure.push_back({id, parent, role, std::move(alt), std::move(lang)});
}

void Text(frame::Page& page, std::string_view text, frame::Unit x, frame::Unit y, std::uint32_t node) {
  frame::GlyphRun run = Shape(Fonts(), 0, text, 11'000, x, y);
  run.structure = node;
  page.items.emplace_back(std::move(run));
}

frame::Rect Box(frame::Unit y, std::uint32_t node) {
  frame::Rect rect;
  rect.x = 72'000;
  rect.y = y;
  rect.width = 200'000;
  rect.height = 20'000;
  rect.has_fill = true;
  rect.fill = {230, 230, 230};
  rect.structure = node;
  return rect;
}

/// Two records as layout builds them: a heading, a table with header cells, a paragraph running onto
/// page 2, an empty paragraph, a figure with alt text and page furniture; then a German one-pager.
std::vector<std::vector<frame::Page>> Records() {
  frame::Page p1 = Page(1);
  Node(p1, 1, 0, Role::Part, "", "en");
  Node(p1, 2, 1, Role::H1);
  Node(p1, 3, 1, Role::Table);
  Node(p1, 4, 3, Role::TR);
  Node(p1, 5, 4, Role::TH);
  Node(p1, 6, 4, Role::TH);
  Node(p1, 7, 3, Role::TR);
  Node(p1, 8, 7, Role::TD);
  Node(p1, 9, 7, Role::TD);
  Node(p1, 10, 1, Role::P);
  Node(p1, 11, 1, Role::P);  // nothing of it is drawn: dropped from the tree
  p1.items.emplace_back(Box(60'000, 0));
  Text(p1, "Statement", 72'000, 80'000, 2);
  p1.items.emplace_back(Box(100'000, 0));  // the header row's background
  Text(p1, "Date", 72'000, 115'000, 5);
  Text(p1, "Amount", 200'000, 115'000, 6);
  Text(p1, "1 May", 72'000, 135'000, 8);
  Text(p1, "12.00", 200'000, 135'000, 9);
  Text(p1, "A paragraph that", 72'000, 160'000, 10);
  Text(p1, "Page 1", 72'000, 820'000, 0);

  frame::Page p2 = Page(2);
  Node(p2, 12, 1, Role::Figure, "A grey square");
  Text(p2, "goes on here.", 72'000, 80'000, 10);
  p2.items.emplace_back(Box(100'000, 12));
  Text(p2, "Page 2", 72'000, 820'000, 0);

  frame::Page de = Page(1);
  Node(de, 1, 0, Role::Part, "", "de");
  Node(de, 2, 1, Role::P);
  Text(de, "Hallo Welt", 72'000, 80'000, 2);
  return {{p1, p2}, {de}};
}

Options Tagged() {
  Options options;
  options.deflate_level = 0;  // content streams readable in the bytes
  options.title = "Statements";
  options.tagged = true;
  return options;
}

const nlohmann::json& Deref(const nlohmann::json& doc, const nlohmann::json& ref) {
  return doc.at("objects").at(ref.get<std::string>());
}

TEST_CASE("a tagged file's structure tree reads back in reading order with headings, table cells and figures") {
  const std::string bytes = WriteDocument(Fonts(), Records(), Tagged());
  TempDir dir;
  const std::string path = (dir.path() / "tagged.pdf").string();
  WriteFile(path, bytes);

  auto check = Run("qpdf --check '" + path + "'");
  INFO(check.output);
  CHECK(check.status == 0);
  CHECK(check.output.find("WARNING") == std::string::npos);

  auto structure = Run("pdfinfo -struct-text '" + path + "'");
  CHECK(structure.status == 0);
  CHECK(structure.output ==
        "Document\n"
        "  Part\n"
        "    H1 (block)\n"
        "      \"Statement\"\n"
        "    Table (block)\n"
        "      TR\n"
        "        TH:\n"
        "           /Scope /Column\n"
        "          \"Date\"\n"
        "        TH:\n"
        "           /Scope /Column\n"
        "          \"Amount\"\n"
        "      TR\n"
        "        TD\n"
        "          \"1 May\"\n"
        "        TD\n"
        "          \"12.00\"\n"
        "    P (block)\n"
        "      \"A paragraph that\"\n"
        "      \"goes on here.\"\n"
        "    Figure\n"
        "      \"\"\n"
        "  Part\n"
        "    P (block)\n"
        "      \"Hallo Welt\"\n");

  auto info = Run("pdfinfo '" + path + "'");
  CHECK(info.output.find("Tagged:          yes\n") != std::string::npos);
  CHECK(info.output.find("Metadata Stream: yes\n") != std::string::npos);
  auto meta = Run("pdfinfo -meta '" + path + "'");
  CHECK(meta.output.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
  CHECK(meta.output.find("<pdfaid:part>") == std::string::npos);  // not PDF/A unless asked for
  CHECK(meta.output.find("pdfaExtension") == std::string::npos);

  auto json = Run("qpdf --json=1 --json-key=objects '" + path + "'");
  REQUIRE(json.status == 0);
  const auto doc = nlohmann::json::parse(json.output);
  const auto& catalog = Deref(doc, doc.at("objects").at("trailer").at("/Root"));
  CHECK(catalog.at("/MarkInfo").at("/Marked") == true);
  CHECK(catalog.at("/Lang") == "en");  // the first record's language
  CHECK(catalog.at("/ViewerPreferences").at("/DisplayDocTitle") == true);
  const auto& root = Deref(doc, catalog.at("/StructTreeRoot"));
  CHECK(root.at("/Type") == "/StructTreeRoot");
  CHECK(root.at("/ParentTreeNextKey") == 3);
  const auto& document = Deref(doc, root.at("/K"));
  CHECK(document.at("/S") == "/Document");
  REQUIRE(document.at("/K").size() == 2);
  const auto& part_en = Deref(doc, document.at("/K")[0]);
  const auto& part_de = Deref(doc, document.at("/K")[1]);
  CHECK(part_en.at("/Lang") == "en");
  CHECK(part_de.at("/Lang") == "de");
  CHECK(part_en.at("/K").size() == 4);  // H1, Table, P, Figure: the empty P is gone
  const auto& figure = Deref(doc, part_en.at("/K")[3]);
  CHECK(figure.at("/S") == "/Figure");
  CHECK(figure.at("/Alt") == "A grey square");
  // the paragraph's second MCID is on page 2: a marked-content reference naming that page
  const auto& paragraph = Deref(doc, part_en.at("/K")[2]);
  REQUIRE(paragraph.at("/K").size() == 2);
  CHECK(paragraph.at("/K")[0] == 5);
  CHECK(paragraph.at("/K")[1].at("/Type") == "/MCR");
  CHECK(paragraph.at("/K")[1].at("/MCID") == 0);

  // Each page: /StructParents k, and the ParentTree's k-th array has an element per MCID of the page.
  const auto& nums = root.at("/ParentTree").at("/Nums");
  REQUIRE(nums.size() == 6);
  const auto& kids = Deref(doc, catalog.at("/Pages")).at("/Kids");
  REQUIRE(kids.size() == 3);
  const std::size_t expected_mcids[] = {6, 2, 1};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& page = Deref(doc, kids[i]);
    CHECK(page.at("/StructParents") == i);
    CHECK(page.at("/Tabs") == "/S");
    CHECK(nums[2 * i] == i);
    CHECK(Deref(doc, nums[2 * i + 1]).size() == expected_mcids[i]);
  }
  // in the content: tags by role, artifacts around furniture and backgrounds, and nothing unbalanced
  CHECK(bytes.find("/H1<</MCID 0>>BDC") != std::string::npos);
  CHECK(bytes.find("/TH<</MCID 2>>BDC") != std::string::npos);
  CHECK(bytes.find("/Figure<</MCID 1>>BDC") != std::string::npos);
  const auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = bytes.find(what); at != std::string::npos; at = bytes.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(count("BDC\n") == 9);
  CHECK(count("/Artifact BMC\n") == 4);
  CHECK(count("EMC\n") == 13);
  // text objects never straddle a marked-content boundary
  CHECK(!std::regex_search(bytes, std::regex("BT\n[^E]*(BDC|BMC|EMC)")));

  // mutool draws it, and a second run writes the same bytes
  auto draw = Run("mutool draw -q -o /dev/null '" + path + "' 2>&1");
  CHECK(draw.status == 0);
  CHECK(WriteDocument(Fonts(), Records(), Tagged()) == bytes);
}

TEST_CASE("a tagged PDF/A file names both parts, PDF/UA's through an extension schema") {
  const std::string xmp = XmpPacket("T", "en", true, true);
  CHECK(xmp.find("<pdfaid:part>2</pdfaid:part>") != std::string::npos);
  CHECK(xmp.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
  CHECK(xmp.find("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>") !=
        std::string::npos);
  CHECK(xmp.find("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>") != std::string::npos);
  CHECK(XmpPacket("T", "en", false, true).find("pdfaid:part") == std::string::npos);
}

TEST_CASE("untagged files ignore the structure: no marked content, no tree, the same bytes as without ids") {
  Options options = Tagged();
  options.tagged = false;
  const std::string bytes = WriteDocument(Fonts(), Records(), options);
  CHECK(bytes.find("/MarkInfo") == std::string::npos);
  CHECK(bytes.find("/StructTreeRoot") == std::string::npos);
  CHECK(bytes.find("/StructParents") == std::string::npos);
  CHECK(bytes.find("BDC") == std::string::npos);
  CHECK(bytes.find("BMC") == std::string::npos);
  CHECK(bytes.find("/Metadata") == std::string::npos);
  auto stripped = Records();
  for (auto& record : stripped) {
    for (auto& page : record) {
      page.structure.clear();
      for (auto& item : page.items) std::visit([](auto& it) { it.structure = 0; }, item);
    }
  }
  CHECK(WriteDocument(Fonts(), stripped, options) == bytes);
}

}  // namespace
}  // namespace missive::pdf

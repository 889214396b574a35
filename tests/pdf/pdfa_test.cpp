// PDF/A-2b output: the XMP packet and the sRGB output intent, read back with qpdf --json and pdfinfo.
// No validator is packaged here: these are the checks docs/pdf.md lists, nothing more.
#include "runtime/render/pdf/pdfa.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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

frame::Page TextPage(std::string_view text) {
  frame::Page page;
  page.width = 595'276;
  page.height = 841'890;
  page.items.emplace_back(Shape(Fonts(), 0, text, 11'000, 72'000, 100'000));
  return page;
}

/// The object a reference ("12 0 R") points at, in qpdf's JSON (v1: "objects" keyed by "12 0 R").
const nlohmann::json& Deref(const nlohmann::json& doc, const nlohmann::json& ref) {
  return doc.at("objects").at(ref.get<std::string>());
}

TEST_CASE("the XMP packet names PDF/A-2b, the title and Missive, and carries no dates") {
  const std::string xmp = XmpPacket("Jörg & <Co>", "de-DE");
  CHECK(xmp.rfind("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n", 0) == 0);
  CHECK(xmp.find("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>") != std::string::npos);
  CHECK(xmp.find("<rdf:li xml:lang=\"x-default\">Jörg &amp; &lt;Co&gt;</rdf:li>") != std::string::npos);
  CHECK(xmp.find("<dc:language><rdf:Bag><rdf:li>de-DE</rdf:li></rdf:Bag></dc:language>") != std::string::npos);
  CHECK(xmp.find("<xmp:CreatorTool>Missive</xmp:CreatorTool>\n<pdf:Producer>Missive</pdf:Producer>") !=
        std::string::npos);
  CHECK(xmp.find("Date") == std::string::npos);
  CHECK(xmp.substr(xmp.size() - 19) == "<?xpacket end=\"r\"?>");
  // Without a title there is no dc:title at all (an empty one would contradict the Info dictionary).
  CHECK(XmpPacket("", "").find("dc:title") == std::string::npos);
}

TEST_CASE("a PDF/A file has the metadata stream and the sRGB output intent, and readers agree") {
  REQUIRE(SrgbProfile() != nullptr);
  Options options;
  options.pdfa = true;
  options.title = "Statement 4711";
  options.language = "en-GB";
  const std::string bytes = WriteDocument(Fonts(), {{TextPage("Archive copy")}}, options);
  TempDir dir;
  const std::string path = (dir.path() / "a.pdf").string();
  WriteFile(path, bytes);

  auto check = Run("qpdf --check '" + path + "'");
  INFO(check.output);
  CHECK(check.status == 0);
  CHECK(check.output.find("WARNING") == std::string::npos);
  CHECK(check.output.find("No syntax or stream encoding errors found") != std::string::npos);

  auto json = Run("qpdf --json=1 --json-key=objects '" + path + "'");
  REQUIRE(json.status == 0);
  const auto doc = nlohmann::json::parse(json.output);
  const auto& trailer = doc.at("objects").at("trailer");
  const auto& catalog = Deref(doc, trailer.at("/Root"));
  CHECK(trailer.at("/ID").size() == 2);

  const auto& metadata = Deref(doc, catalog.at("/Metadata"));
  CHECK(metadata.at("/Type") == "/Metadata");
  CHECK(metadata.at("/Subtype") == "/XML");
  CHECK(!metadata.contains("/Filter"));  // PDF/A: the metadata stream is not filtered

  REQUIRE(catalog.at("/OutputIntents").size() == 1);
  const auto& intent = catalog.at("/OutputIntents")[0];
  CHECK(intent.at("/S") == "/GTS_PDFA1");
  CHECK(intent.at("/OutputConditionIdentifier") == "sRGB IEC61966-2.1");
  const auto& profile = Deref(doc, intent.at("/DestOutputProfile"));
  CHECK(profile.at("/N") == 3);

  // The profile's bytes are the Debian file's, unchanged.
  const std::string icc_ref = intent.at("/DestOutputProfile").get<std::string>();
  auto icc = Run("qpdf --show-object=" + icc_ref.substr(0, icc_ref.find(' ')) + " --filtered-stream-data '" + path +
                 "' | cmp - " + kSrgbProfilePath);
  CHECK(icc.status == 0);

  auto meta = Run("pdfinfo -meta '" + path + "'");
  CHECK(meta.output.find("<pdfaid:part>2</pdfaid:part>") != std::string::npos);
  CHECK(meta.output.find("<rdf:li xml:lang=\"x-default\">Statement 4711</rdf:li>") != std::string::npos);
  auto info = Run("pdfinfo '" + path + "'");
  CHECK(info.output.find("Title:           Statement 4711\n") != std::string::npos);
  CHECK(info.output.find("Producer:        Missive\n") != std::string::npos);
  CHECK(info.output.find("Metadata Stream: yes\n") != std::string::npos);
  CHECK(info.output.find("Date") == std::string::npos);

  // Every font embedded, and no transparency groups or soft masks anywhere.
  auto fonts = Run("pdffonts '" + path + "'");
  CHECK(fonts.output.find(" no  ") == std::string::npos);
  CHECK(bytes.find("/Group") == std::string::npos);
  CHECK(bytes.find("/SMask") == std::string::npos);
}

TEST_CASE("without the option there is no metadata and no output intent") {
  const std::string bytes = WriteDocument(Fonts(), {{TextPage("Plain")}}, Options{});
  CHECK(bytes.find("/Metadata") == std::string::npos);
  CHECK(bytes.find("/OutputIntents") == std::string::npos);
}

}  // namespace
}  // namespace missive::pdf

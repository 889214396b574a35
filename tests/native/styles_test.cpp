// Styles as the compiled program resolves them: fonts by family or by file, weights, leading, hyphenation.
#include <filesystem>
#include <fstream>

#include "tests/native/native_helpers.h"

using namespace missive;
using namespace missive::native::testing;
namespace fs = std::filesystem;

namespace {

const char* kTemplate = R"(communication T version "1"
schema { record R { id: String @key } }
input R
style brand  { font: "fonts/Brand.ttf"; size: 12pt; leading: 18pt }
style light  { weight: light }
style semi   { weight: semibold }
style hyph   { hyphenate: true }
style share  { width: 2fr }
layout print {
  text "brand" style brand
  text "light" style light
  text "semi" style semi
  text "hyphenated" style hyph
  row { box style share { "a" }; box { "b" } }
}
)";

Built LoadFrom(const fs::path& file) { return BuildFile(file.string()); }

fs::path WriteTemplate(bool with_font) {
  const fs::path dir = fs::temp_directory_path() / ("missive-styles-" + std::to_string(with_font));
  fs::remove_all(dir);
  fs::create_directories(dir / "fonts");
  if (with_font) fs::copy_file("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", dir / "fonts" / "Brand.ttf");
  std::ofstream(dir / "t.msv") << kTemplate;
  return dir / "t.msv";
}

}  // namespace

TEST_CASE("a font file relative to the template, weight names, leading as a length, hyphenation") {
  const auto file = WriteTemplate(true);
  auto l = LoadFrom(file);
  INFO(l.diagnostics);
  REQUIRE(l.program);
  auto o = RunJson(*l.program, R"({"id": "a"})");
  REQUIRE(o.print);
  const auto& body = o.print->body;
  REQUIRE(body.size() == 5);
  const auto& brand = *body[0]->style;
  CHECK(fs::path(Fonts().Info(brand.font).path) == file.parent_path() / "fonts" / "Brand.ttf");
  CHECK(brand.size == 12000);
  CHECK(brand.leading_permille == 1500);  // 18pt over 12pt
  // DejaVu Sans has no light or semibold face: fontconfig gives the nearest weight of the same family
  CHECK(Fonts().Info(body[1]->style->font).family == "DejaVu Sans");
  CHECK(Fonts().Info(body[2]->style->font).family == "DejaVu Sans");
  CHECK_FALSE(body[0]->style->hyphenate);
  CHECK(body[3]->style->hyphenate);
  const auto& row = *body[4];
  REQUIRE(row.children.size() == 2);
  CHECK(row.children[0]->width.kind == compose::Size::Kind::Fraction);
  CHECK(row.children[0]->width.fraction_permille == 2000);
  CHECK(row.children[1]->width.kind == compose::Size::Kind::Auto);
}

TEST_CASE("a missing font file is an error naming the file and where it was looked for") {
  const auto file = WriteTemplate(false);
  auto l = LoadFrom(file);
  CHECK_FALSE(l.program);
  CHECK(l.diagnostics.find("error[M0210]: font file `fonts/Brand.ttf` not found (looked in " +
                           fs::absolute(file.parent_path()).lexically_normal().string()) != std::string::npos);
}

// Golden previews: three statement records (English, one page; German, two; Arabic, two) rendered at
// 50 dpi and compared with the reference PNGs in tests/render/golden/ (MISSIVE_UPDATE=1 rewrites them).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "runtime/render/png/png.h"
#include "tests/render/render_support.h"

namespace missive::render_test {
namespace {

bool Updating() {
  const char* update = std::getenv("MISSIVE_UPDATE");
  return update != nullptr && std::string(update) == "1";
}

std::string GoldenPath(const std::string& name, std::size_t page) {
  return SourceDir() + "/tests/render/golden/" + name + "-" + std::to_string(page) + ".png";
}

std::vector<frame::Page> Pages(const std::string& name) {
  return Statement::Get().Compose(ReadFile(SourceDir() + "/tests/render/records/" + name + ".json"));
}

std::string Preview(const frame::Page& page, std::uint32_t total) {
  png::PageRasterizer rasterizer(Statement::Get().fonts);
  std::string error;
  auto bytes = rasterizer.RenderPng(page, {kGoldenDpi, total}, &error);
  INFO(error);
  REQUIRE(bytes);
  return *bytes;
}

TEST_CASE("the golden records have the pages they were chosen for", "[golden]") {
  CHECK(Pages("en_one_page").size() == 1);
  CHECK(Pages("de_two_pages").size() == 2);
  CHECK(Pages("ar_two_pages").size() == 2);
}

TEST_CASE("previews match the golden images", "[golden]") {
  for (const char* name : kRecords) {
    const auto pages = Pages(name);
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const std::string path = GoldenPath(name, i + 1);
      const std::string bytes = Preview(pages[i], static_cast<std::uint32_t>(pages.size()));
      INFO(path);
      CHECK(bytes.size() < 60'000);
      if (Updating()) {
        WriteFile(path, bytes);
        continue;
      }
      const auto golden = DecodePng(ReadFile(path));
      const auto ours = DecodePng(bytes);
      REQUIRE(golden);
      REQUIRE(ours);
      const Difference d = Compare(*ours, *golden);
      INFO(Describe(d));
      CHECK(d.same_size);
      CHECK(WithinGoldenTolerance(d));
    }
    // no reference left over from a page the record no longer has
    CHECK_FALSE(std::filesystem::exists(GoldenPath(name, pages.size() + 1)));
  }
}

TEST_CASE("a glyph run moved by 2 mm fails the golden comparison", "[golden]") {
  auto pages = Pages("de_two_pages");
  const auto golden = DecodePng(ReadFile(GoldenPath("de_two_pages", 1)));
  REQUIRE(golden);
  for (const bool vertical : {false, true}) {
    auto page = pages[0];
    ShiftLongestRun(page, vertical ? 0 : frame::MmToUnit(2), vertical ? frame::MmToUnit(2) : 0);
    const auto ours = DecodePng(Preview(page, 2));
    REQUIRE(ours);
    const Difference d = Compare(*ours, *golden);
    INFO("vertical " << vertical << ": " << Describe(d));
    if (std::getenv("MISSIVE_RENDER_VERBOSE") != nullptr) std::cout << "golden moved: " << Describe(d) << "\n";
    CHECK_FALSE(WithinGoldenTolerance(d));
  }
}

TEST_CASE("a preview is the same bytes every time", "[golden]") {
  const auto pages = Pages("ar_two_pages");
  CHECK(Preview(pages[0], 2) == Preview(pages[0], 2));
}

TEST_CASE("the page total on the last page reads the record's count", "[golden]") {
  // The footer's "Page N of M": drawing it with another count changes only the pixels of the total.
  const auto pages = Pages("de_two_pages");
  const auto two = DecodePng(Preview(pages[1], 2));
  const auto nine = DecodePng(Preview(pages[1], 9));
  REQUIRE(two);
  REQUIRE(nine);
  const Difference d = Compare(*two, *nine);
  CHECK(d.differing > 0);
  CHECK(d.differing < 0.0005);
}

}  // namespace
}  // namespace missive::render_test

// Golden previews: three statement records (English, one page; German, two; Arabic, two) and three
// letters (English, German, French; a logo and a signature image each) rendered at 50 dpi and compared
// with the reference PNGs in tests/render/golden/ (MISSIVE_UPDATE=1 rewrites them).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

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

std::vector<frame::Page> Pages(const std::string& name) { return RecordPages(Record(name)); }

std::string Preview(const std::string& name, const frame::Page& page, std::uint32_t total) {
  return PreviewPng(Example::Get(Record(name).example), page, total);
}

TEST_CASE("the golden records have the pages they were chosen for", "[golden]") {
  for (const GoldenRecord& record : kRecords) {
    INFO(record.name);
    CHECK(RecordPages(record).size() == record.pages);
  }
}

TEST_CASE("each letter page holds its two images, the logo and the signature", "[golden]") {
  for (const GoldenRecord& record : kRecords) {
    if (std::string(record.example) != "letter") continue;
    const auto pages = RecordPages(record);
    const auto images = std::count_if(pages[0].items.begin(), pages[0].items.end(),
                                      [](const frame::Item& i) { return std::holds_alternative<frame::Image>(i); });
    INFO(record.name);
    CHECK(images == 2);
  }
}

TEST_CASE("previews match the golden images", "[golden]") {
  for (const GoldenRecord& record : kRecords) {
    const std::string name = record.name;
    const auto pages = RecordPages(record);
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const std::string path = GoldenPath(name, i + 1);
      const std::string bytes = Preview(name, pages[i], static_cast<std::uint32_t>(pages.size()));
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
    const auto ours = DecodePng(Preview("de_two_pages", page, 2));
    REQUIRE(ours);
    const Difference d = Compare(*ours, *golden);
    INFO("vertical " << vertical << ": " << Describe(d));
    if (std::getenv("MISSIVE_RENDER_VERBOSE") != nullptr) std::cout << "golden moved: " << Describe(d) << "\n";
    CHECK_FALSE(WithinGoldenTolerance(d));
  }
}

TEST_CASE("an image moved by 2 mm or not drawn fails the golden comparison", "[golden]") {
  // The first image of a letter is its logo (40 mm wide, top left).
  const auto pages = Pages("letter_en_first");
  const auto golden = DecodePng(ReadFile(GoldenPath("letter_en_first", 1)));
  REQUIRE(golden);
  for (const int mutation : {0, 1, 2}) {
    auto page = pages[0];
    MoveFirstImage(page, mutation == 0 ? frame::MmToUnit(2) : 0, mutation == 1 ? frame::MmToUnit(2) : 0, mutation == 2);
    const auto ours = DecodePng(Preview("letter_en_first", page, 1));
    REQUIRE(ours);
    const Difference d = Compare(*ours, *golden);
    const char* what = mutation == 0 ? "moved right" : mutation == 1 ? "moved down" : "not drawn";
    INFO("image " << what << ": " << Describe(d));
    if (std::getenv("MISSIVE_RENDER_VERBOSE") != nullptr)
      std::cout << "golden image " << what << ": " << Describe(d) << "\n";
    CHECK_FALSE(WithinGoldenTolerance(d));
  }
}

TEST_CASE("a preview is the same bytes every time", "[golden]") {
  const auto pages = Pages("ar_two_pages");
  CHECK(Preview("ar_two_pages", pages[0], 2) == Preview("ar_two_pages", pages[0], 2));
  const auto letter = Pages("letter_de_second");
  CHECK(Preview("letter_de_second", letter[0], 1) == Preview("letter_de_second", letter[0], 1));
}

TEST_CASE("the page total on the last page reads the record's count", "[golden]") {
  // The footer's "Page N of M": drawing it with another count changes only the pixels of the total.
  const auto pages = Pages("de_two_pages");
  const auto two = DecodePng(Preview("de_two_pages", pages[1], 2));
  const auto nine = DecodePng(Preview("de_two_pages", pages[1], 9));
  REQUIRE(two);
  REQUIRE(nine);
  const Difference d = Compare(*two, *nine);
  CHECK(d.differing > 0);
  CHECK(d.differing < 0.0005);
}

}  // namespace
}  // namespace missive::render_test

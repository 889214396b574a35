// An Arabic-language document: paragraphs take their direction from the first strong character and lay
// out right to left, aligned right by default, runs in visual order.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/layout/helpers.h"

namespace missive::layout::testing {
namespace {

constexpr Unit kMargin = 56693;            // 20 mm
constexpr Unit kRight = 595276 - kMargin;  // 210 mm − 20 mm: the content area's right edge

compose::Document ArabicLetter() {
  auto doc = NewDocument();
  doc.language = "ar";
  doc.body.push_back(Para("محمد أحمد"));        // name
  doc.body.push_back(Para("12 شارع النيل"));    // address: digits first, Arabic decides the direction
  doc.body.push_back(Para("القاهرة 11511"));    // city, postcode
  doc.body.push_back(Para("Cairo 11511 مصر"));  // Latin first: a left-to-right paragraph
  return doc;
}

TEST_CASE("Arabic address lines are right-to-left, right-aligned, runs in visual order") {
  auto doc = ArabicLetter();
  Collect sink;
  Result r = LayoutDocument(doc, *E().engine, sink);
  REQUIRE_FALSE(r.error);
  REQUIRE(sink.pages.size() == 1);
  const auto runs = Runs(sink.pages[0]);

  // Group runs by line (baseline); lines are emitted top to bottom.
  std::vector<std::vector<const frame::GlyphRun*>> lines;
  for (const auto* run : runs) {
    if (lines.empty() || lines.back().front()->y != run->y) lines.emplace_back();
    lines.back().push_back(run);
  }
  REQUIRE(lines.size() == 4);

  SECTION("the name: one rtl run ending at the right edge, glyphs in visual order") {
    REQUIRE(lines[0].size() == 1);
    const frame::GlyphRun& name = *lines[0][0];
    CHECK(name->text == "محمد أحمد");
    CHECK(name.rtl);
    CHECK(End(name) == kRight);
    CHECK(name.x > kMargin);
    // Visual order of right-to-left text: the leftmost glyph is the logically last character.
    REQUIRE(name->clusters.size() >= 2);
    CHECK(name->clusters.front() == name->text.size() - std::string("د").size());
    CHECK(name->clusters.back() == 0);
    CHECK(std::is_sorted(name->clusters.rbegin(), name->clusters.rend()));
  }

  SECTION("the street: the number comes first logically and stands rightmost") {
    REQUIRE(lines[1].size() == 2);
    // Left to right on the page: the Arabic words, then "12" at the right edge. The space between them is
    // resolved right-to-left (UAX #9 N1: digits count as R), so it belongs to the Arabic run.
    CHECK((*lines[1][0])->text == " شارع النيل");
    CHECK(lines[1][0]->rtl);
    CHECK((*lines[1][1])->text == "12");
    CHECK_FALSE(lines[1][1]->rtl);
    CHECK(End(*lines[1][0]) == lines[1][1]->x);
    CHECK(End(*lines[1][1]) == kRight);
  }

  SECTION("the city: the postcode, logically last, stands leftmost") {
    REQUIRE(lines[2].size() == 2);
    CHECK((*lines[2][0])->text == "11511");
    CHECK_FALSE(lines[2][0]->rtl);
    CHECK((*lines[2][1])->text == "القاهرة ");
    CHECK(lines[2][1]->rtl);
    CHECK(End(*lines[2][0]) == lines[2][1]->x);
    CHECK(End(*lines[2][1]) == kRight);
  }

  SECTION("a line whose first strong character is Latin is left-to-right, aligned left") {
    REQUIRE(lines[3].size() == 2);
    CHECK((*lines[3][0])->text == "Cairo 11511 ");
    CHECK_FALSE(lines[3][0]->rtl);
    CHECK(lines[3][0]->x == kMargin);
    CHECK((*lines[3][1])->text == "مصر");
    CHECK(lines[3][1]->rtl);
  }
}

TEST_CASE("End aligns an Arabic paragraph left; Left and Right stay physical") {
  for (auto [align, at_left] : {std::pair{text::Align::End, true}, std::pair{text::Align::Left, true},
                                std::pair{text::Align::Right, false}, std::pair{text::Align::Start, false}}) {
    auto doc = NewDocument();
    doc.language = "ar";
    auto p = Para("محمد أحمد");
    p->align = align;
    doc.body.push_back(std::move(p));
    Collect sink;
    REQUIRE_FALSE(LayoutDocument(doc, *E().engine, sink).error);
    const auto runs = Runs(sink.pages.at(0));
    REQUIRE(runs.size() == 1);
    INFO("align " << static_cast<int>(align));
    if (at_left) {
      CHECK(runs[0]->x == kMargin);
    } else {
      CHECK(End(*runs[0]) == kRight);
    }
  }
}

}  // namespace
}  // namespace missive::layout::testing

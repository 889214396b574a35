// Page furniture and fixed areas: headers/footers, "Page X of Y", Place overflow policies.
#include <catch2/catch.hpp>

#include "tests/layout/helpers.h"

namespace missive::layout::testing {
namespace {

constexpr Unit kMargin = 56693;
constexpr Unit kRight = 595276 - kMargin;
constexpr Unit kBottom = 841890 - kMargin;

BlockPtr Footer(const Style* style, text::Align align) {
  auto p = Kind(BlockKind::Paragraph, style);
  p->align = align;
  p->spans.push_back({compose::SpanKind::Text, "Page ", nullptr});
  p->spans.push_back({compose::SpanKind::PageNumber, "", nullptr});
  p->spans.push_back({compose::SpanKind::Text, " of ", nullptr});
  p->spans.push_back({compose::SpanKind::PageTotal, "", nullptr});
  return p;
}

std::vector<frame::PageTotal> Totals(const frame::Page& page) {
  std::vector<frame::PageTotal> out;
  for (const auto& item : page.items) {
    if (auto* t = std::get_if<frame::PageTotal>(&item)) out.push_back(*t);
  }
  return out;
}

TEST_CASE("footer 'Page X of Y': the number per page, one reserved PageTotal per page") {
  const Style* small = E().NewStyle(8 * kPt);
  for (auto align : {text::Align::Left, text::Align::Right}) {
    auto doc = NewDocument();
    doc.page.footer.push_back(Footer(small, align));
    doc.body.push_back(Para("One"));
    doc.body.push_back(Kind(BlockKind::PageBreak));
    doc.body.push_back(Para("Two"));
    doc.body.push_back(Kind(BlockKind::PageBreak));
    doc.body.push_back(Para("Three"));
    Collect sink;
    REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 3);
    const Unit reserved = E().Width("888", small);
    text::Line line = E().OneLine("Page 1 of 888", small);
    const Unit baseline = Baseline(line, kBottom + 4 * kPt);
    for (int p = 1; p <= 3; ++p) {
      const frame::Page& page = sink.pages[p - 1];
      auto totals = Totals(page);
      REQUIRE(totals.size() == 1);
      CHECK(totals[0].width == reserved);
      CHECK(totals[0].size == 8 * kPt);
      CHECK(totals[0].font == E().regular);
      CHECK(totals[0].y == baseline);
      CHECK(totals[0].align == 0);
      const std::string number = std::to_string(p);
      // The page number is a run of its own or part of "Page N of " depending on the engine's run split.
      bool found = false;
      Unit text_end = 0;
      for (const auto* run : Runs(page)) {
        if (run->y != baseline) continue;
        if ((*run)->text.find(number) != std::string::npos) found = true;
        text_end = std::max(text_end, End(*run));
      }
      CHECK(found);
      CHECK(totals[0].x == text_end);
      if (align == text::Align::Right) {
        CHECK(totals[0].x + totals[0].width == kRight);
      } else {
        CHECK(Runs(page).front()->x == kMargin);  // "Page" starts at the left edge
        // Measure trims trailing spaces, so measure with the reserved digits and take them off.
        CHECK(totals[0].x == kMargin + E().Width("Page " + number + " of 888", small) - reserved);
      }
    }
  }
}

TEST_CASE("header is bottom-aligned 4 pt above the content; first_header replaces it on page 1") {
  auto doc = NewDocument();
  doc.page.header.push_back(Para("Running head"));
  doc.page.first_header.push_back(Para("First head"));
  doc.page.first_header.push_back(Para("second line"));
  doc.body.push_back(Para("Body"));
  doc.body.push_back(Kind(BlockKind::PageBreak));
  doc.body.push_back(Para("Body 2"));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 2);
  text::Line line = E().OneLine("Running head", E().Base());
  CHECK(Find(sink.pages[0], "Running head").empty());
  CHECK(Find(sink.pages[0], "First head").at(0)->y == Baseline(line, kMargin - 4 * kPt - 24 * kPt));
  CHECK(Find(sink.pages[0], "second line").at(0)->y == Baseline(line, kMargin - 4 * kPt - 12 * kPt));
  CHECK(Find(sink.pages[1], "Running head").at(0)->y == Baseline(line, kMargin - 4 * kPt - 12 * kPt));
  CHECK(Find(sink.pages[1], "First head").empty());
}

BlockPtr PlaceBlock(std::string text, Unit width, compose::Overflow overflow, Unit height = 0) {
  auto place = Kind(BlockKind::Place);
  place->x = frame::MmToUnit(20);
  place->y = frame::MmToUnit(45);
  place->place_width = width;
  place->height = height;
  place->overflow = overflow;
  place->children.push_back(Para(std::move(text)));
  return place;
}

TEST_CASE("place puts content at an absolute position without moving the flow") {
  auto doc = NewDocument();
  doc.body.push_back(PlaceBlock("Ms Ada Lovelace", frame::MmToUnit(85), compose::Overflow::Reject));
  doc.body.push_back(Para("Flow"));
  Collect sink;
  Result r = LayoutDocument(doc, *E().engine, sink);
  REQUIRE_FALSE(r.error);
  text::Line line = E().OneLine("Flow", E().Base());
  CHECK(Find(sink.pages[0], "Ms Ada Lovelace").at(0)->x == frame::MmToUnit(20));
  CHECK(Find(sink.pages[0], "Ms Ada Lovelace").at(0)->y == Baseline(line, frame::MmToUnit(45)));
  CHECK(Find(sink.pages[0], "Flow").at(0)->y == Baseline(line, kMargin));
}

TEST_CASE("place without a width runs to the right margin") {
  auto doc = NewDocument();
  auto place = PlaceBlock("Right", 0, compose::Overflow::Reject);
  place->children[0]->align = text::Align::Right;
  doc.body.push_back(std::move(place));
  Collect sink;
  REQUIRE_FALSE(LayoutDocument(doc, *E().engine, sink).error);
  CHECK(End(*Find(sink.pages.at(0), "Right").at(0)) == kRight);
}

TEST_CASE("place overflow: reject names the area, shrink scales the text down, clip cuts it") {
  const std::string long_word = "Supercalifragilisticexpialidocious";
  {
    auto doc = NewDocument();
    doc.body.push_back(PlaceBlock(long_word, frame::MmToUnit(40), compose::Overflow::Reject));
    Collect sink;
    Result r = LayoutDocument(doc, *E().engine, sink);
    REQUIRE(r.error);
    CHECK(*r.error == "text does not fit the area at (20mm, 45mm) width 40mm");
    CHECK(sink.pages.empty());
  }
  {
    auto doc = NewDocument();
    doc.body.push_back(PlaceBlock("one two three four", frame::MmToUnit(85), compose::Overflow::Reject, 12 * kPt));
    doc.body.push_back(PlaceBlock("a b c d e f g h", frame::MmToUnit(10.5), compose::Overflow::Reject, 12 * kPt));
    Collect sink;
    Result r = LayoutDocument(doc, *E().engine, sink);
    REQUIRE(r.error);
    CHECK(*r.error == "text does not fit the area at (20mm, 45mm) width 10.5mm");
  }
  {
    auto doc = NewDocument();
    doc.body.push_back(PlaceBlock(long_word, frame::MmToUnit(40), compose::Overflow::Shrink));
    Collect sink;
    Result r = LayoutDocument(doc, *E().engine, sink);
    REQUIRE_FALSE(r.error);
    auto runs = Find(sink.pages.at(0), long_word);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0]->size < 10 * kPt);
    CHECK(End(*runs[0]) <= frame::MmToUnit(60));
    // One step larger would not have fitted.
    Style bigger = *E().Base();
    bigger.size = runs[0]->size * 100 / 95 + 1;
    CHECK(E().Width(long_word, &bigger) > frame::MmToUnit(40));
  }
  {
    auto doc = NewDocument();
    // The word breaks between letters into two lines; the area holds one.
    doc.body.push_back(PlaceBlock(long_word, frame::MmToUnit(40), compose::Overflow::Clip, 12 * kPt));
    Collect sink;
    Result r = LayoutDocument(doc, *E().engine, sink);
    REQUIRE_FALSE(r.error);
    auto runs = Runs(sink.pages.at(0));
    REQUIRE(runs.size() == 1);
    CHECK(runs[0]->y == Baseline(E().OneLine(long_word, E().Base()), frame::MmToUnit(45)));
    CHECK(runs[0]->size == 10 * kPt);
    CHECK(End(*runs[0]) <= frame::MmToUnit(60));
    CHECK((*runs[0])->glyphs.size() < long_word.size());
    CHECK((*runs[0])->glyphs.size() > 5);
  }
}

TEST_CASE("page numbers in the body and first_footer on page 1 only") {
  auto doc = NewDocument();
  auto numbered = [] {
    auto p = Kind(BlockKind::Paragraph);
    p->spans.push_back({compose::SpanKind::Text, "This is page ", nullptr});
    p->spans.push_back({compose::SpanKind::PageNumber, "", nullptr});
    return p;
  };
  doc.page.footer.push_back(Para("later footer"));
  doc.page.first_footer.push_back(Para("first footer"));
  doc.body.push_back(numbered());
  doc.body.push_back(Kind(BlockKind::PageBreak));
  doc.body.push_back(numbered());
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 2);
  CHECK(Find(sink.pages[0], "1").size() == 1);
  CHECK(Find(sink.pages[1], "2").size() == 1);
  CHECK(Find(sink.pages[0], "2").empty());
  text::Line line = E().OneLine("first footer", E().Base());
  CHECK(Find(sink.pages[0], "first footer").at(0)->y == Baseline(line, kBottom + 4 * kPt));
  CHECK(Find(sink.pages[0], "later footer").empty());
  CHECK(Find(sink.pages[1], "later footer").at(0)->y == Baseline(line, kBottom + 4 * kPt));
  CHECK(Find(sink.pages[1], "first footer").empty());
}

}  // namespace
}  // namespace missive::layout::testing

// Layout: stacking, rows, alignment, boxes, page breaks, keep-together and widow/orphan control.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/layout/helpers.h"

namespace missive::layout::testing {
namespace {

constexpr Unit kMargin = 56693;             // 20 mm
constexpr Unit kRight = 595276 - kMargin;   // right edge of the content area (A4)
constexpr Unit kBottom = 841890 - kMargin;  // bottom edge of the content area
constexpr Unit kContentW = 595276 - 2 * kMargin;

TEST_CASE("paragraphs stack from the top of the content area, baseline after half-leading and ascent") {
  auto doc = NewDocument();
  doc.body.push_back(Para("First paragraph"));
  doc.body.push_back(Space(5 * kPt));
  doc.body.push_back(Para("Second"));
  Collect sink;
  Result r = LayoutDocument(doc, *E().engine, sink);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.pages == 1);
  REQUIRE(sink.pages.size() == 1);
  const frame::Page& page = sink.pages[0];
  CHECK(page.number == 1);
  CHECK(page.width == 595276);
  CHECK(page.height == 841890);
  text::Line line = E().OneLine("First paragraph", E().Base());
  CHECK(line.height == 12 * kPt);  // 10 pt × 1.2
  auto first = Find(page, "First paragraph");
  auto second = Find(page, "Second");
  REQUIRE(first.size() == 1);
  REQUIRE(second.size() == 1);
  CHECK(first[0]->x == kMargin);
  CHECK(first[0]->y == Baseline(line, kMargin));
  CHECK(second[0]->x == kMargin);
  CHECK(second[0]->y == Baseline(line, kMargin + 12 * kPt + 5 * kPt));
  CHECK(first[0]->font == E().regular);
  CHECK(first[0]->size == 10 * kPt);
}

TEST_CASE("a row with fill puts the right child's text flush with the right content edge") {
  auto doc = NewDocument();
  auto row = Kind(BlockKind::Row);
  row->children.push_back(Sized(Para("Northwind Bank"), Auto()));
  row->children.push_back(Sized(Kind(BlockKind::Stack), Fr()));
  row->children.push_back(Sized(Para("Account 1234"), Auto()));
  doc.body.push_back(std::move(row));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 1);
  auto left = Find(sink.pages[0], "Northwind Bank");
  auto right = Find(sink.pages[0], "Account 1234");
  REQUIRE(left.size() == 1);
  REQUIRE(right.size() == 1);
  CHECK(left[0]->x == kMargin);
  CHECK(End(*right[0]) == kRight);
  CHECK(right[0]->x == kRight - E().Width("Account 1234", E().Base()));
  CHECK(right[0]->y == left[0]->y);
}

TEST_CASE("row widths: fixed, then fractions share the rest in proportion") {
  auto doc = NewDocument();
  auto row = Kind(BlockKind::Row);
  row->children.push_back(Sized(Para("A"), Fixed(100 * kPt)));
  row->children.push_back(Sized(Para("B"), Fr(1000)));
  row->children.push_back(Sized(Para("C"), Fr(3000)));
  doc.body.push_back(std::move(row));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 1);
  const Unit rest = kContentW - 100 * kPt;
  CHECK(Find(sink.pages[0], "A").at(0)->x == kMargin);
  CHECK(Find(sink.pages[0], "B").at(0)->x == kMargin + 100 * kPt);
  CHECK(Find(sink.pages[0], "C").at(0)->x == kMargin + 100 * kPt + rest / 4);
}

TEST_CASE("alignment right and center within the available width") {
  auto doc = NewDocument();
  auto right = Para("Right side");
  right->align = text::Align::Right;
  auto center = Para("Centred");
  center->align = text::Align::Center;
  doc.body.push_back(std::move(right));
  doc.body.push_back(std::move(center));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 1);
  CHECK(End(*Find(sink.pages[0], "Right side").at(0)) == kRight);
  text::Line c = E().OneLine("Centred", E().Base(), kContentW, text::Align::Center);
  CHECK(Find(sink.pages[0], "Centred").at(0)->x == kMargin + c.runs.at(0).x);
  const Unit w = E().Width("Centred", E().Base());
  CHECK(c.runs.at(0).x >= (kContentW - w) / 2 - 1);
  CHECK(c.runs.at(0).x <= (kContentW - w) / 2 + 1);
}

TEST_CASE("a box with background, border and padding draws one rect behind its content") {
  auto doc = NewDocument();
  Style* box = E().NewStyle();
  box->background = frame::Color{230, 230, 230};
  box->border_width = 1 * kPt;
  box->border_color = frame::Color{10, 20, 30};
  box->padding[0] = box->padding[1] = box->padding[2] = box->padding[3] = 6 * kPt;
  box->width = 200 * kPt;
  doc.body.push_back(Stack(box, Para("Inside"), Para("Two")));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 1);
  const frame::Page& page = sink.pages[0];
  auto rects = Rects(page);
  REQUIRE(rects.size() == 1);
  CHECK(rects[0].x == kMargin);
  CHECK(rects[0].y == kMargin);
  CHECK(rects[0].width == 200 * kPt);
  CHECK(rects[0].height == 2 * 7 * kPt + 2 * 12 * kPt);
  CHECK(rects[0].has_fill);
  CHECK(rects[0].fill == frame::Color{230, 230, 230});
  CHECK(rects[0].stroke_width == 1 * kPt);
  CHECK(rects[0].stroke == frame::Color{10, 20, 30});
  CHECK(std::holds_alternative<frame::Rect>(page.items.front()));  // painted before the text
  text::Line line = E().OneLine("Inside", E().Base());
  CHECK(Find(page, "Inside").at(0)->x == kMargin + 7 * kPt);
  CHECK(Find(page, "Inside").at(0)->y == Baseline(line, kMargin + 7 * kPt));
  CHECK(Find(page, "Two").at(0)->y == Baseline(line, kMargin + 7 * kPt + 12 * kPt));
}

TEST_CASE("a rule is a 0.5 pt line across the width, or the style's border") {
  auto doc = NewDocument();
  doc.body.push_back(Kind(BlockKind::Rule));
  Style* red = E().NewStyle();
  red->border_width = 2 * kPt;
  red->border_color = frame::Color{200, 0, 0};
  doc.body.push_back(Kind(BlockKind::Rule, red));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 1);
  std::vector<frame::Line> lines;
  for (const auto& item : sink.pages[0].items) {
    if (auto* l = std::get_if<frame::Line>(&item)) lines.push_back(*l);
  }
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].x1 == kMargin);
  CHECK(lines[0].x2 == kRight);
  CHECK(lines[0].y1 == kMargin + 250);
  CHECK(lines[0].width == 500);
  CHECK(lines[1].y1 == kMargin + 500 + 1000);
  CHECK(lines[1].width == 2000);
  CHECK(lines[1].color == frame::Color{200, 0, 0});
}

TEST_CASE("a page break starts a new page at the top") {
  auto doc = NewDocument();
  doc.body.push_back(Para("One"));
  doc.body.push_back(Kind(BlockKind::PageBreak));
  doc.body.push_back(Para("Two"));
  Collect sink;
  Result r = LayoutDocument(doc, *E().engine, sink);
  REQUIRE(r.pages == 2);
  REQUIRE(sink.pages.size() == 2);
  text::Line line = E().OneLine("One", E().Base());
  CHECK(Find(sink.pages[0], "One").size() == 1);
  CHECK(Find(sink.pages[0], "Two").empty());
  CHECK(Find(sink.pages[1], "Two").at(0)->y == Baseline(line, kMargin));
  CHECK(sink.pages[1].number == 2);
}

TEST_CASE("keep_together moves a box that does not fit to the next page; a plain box splits per page") {
  const Unit room = kBottom - kMargin;
  for (bool keep : {true, false}) {
    auto doc = NewDocument();
    // Leaves room for exactly 3 lines of 12 pt.
    doc.body.push_back(Space(room - 36 * kPt));
    Style* box = E().NewStyle();
    box->background = frame::Color{240, 240, 200};
    auto stack = Stack(box, Para("L1"), Para("L2"), Para("L3"), Para("L4"), Para("L5"));
    stack->keep_together = keep;
    doc.body.push_back(std::move(stack));
    Collect sink;
    REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 2);
    text::Line line = E().OneLine("L1", E().Base());
    if (keep) {
      CHECK(Runs(sink.pages[0]).empty());
      CHECK(Rects(sink.pages[0]).empty());
      CHECK(Find(sink.pages[1], "L1").at(0)->y == Baseline(line, kMargin));
      CHECK(Find(sink.pages[1], "L5").at(0)->y == Baseline(line, kMargin + 48 * kPt));
      REQUIRE(Rects(sink.pages[1]).size() == 1);
      CHECK(Rects(sink.pages[1])[0].height == 60 * kPt);
    } else {
      CHECK(Find(sink.pages[0], "L3").at(0)->y == Baseline(line, kBottom - 12 * kPt));
      CHECK(Find(sink.pages[1], "L4").at(0)->y == Baseline(line, kMargin));
      REQUIRE(Rects(sink.pages[0]).size() == 1);
      CHECK(Rects(sink.pages[0])[0].y == kBottom - 36 * kPt);
      CHECK(Rects(sink.pages[0])[0].height == 36 * kPt);
      REQUIRE(Rects(sink.pages[1]).size() == 1);
      CHECK(Rects(sink.pages[1])[0].y == kMargin);
      CHECK(Rects(sink.pages[1])[0].height == 24 * kPt);
    }
  }
}

// A paragraph of `n` lines at 100 pt wide: each "wordNN" is one line.
BlockPtr Lines(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += (i ? " w" : "w") + std::to_string(100 + i) + "xxxxxxxxxx";
  return Para(s);
}

TEST_CASE("a box whose first line moves to the next page leaves no empty rect behind") {
  auto doc = NewDocument();
  doc.body.push_back(Space(kBottom - kMargin - 10 * kPt));  // 10 pt left: less than the padding + a line
  Style* box = E().NewStyle();
  box->background = frame::Color{255, 240, 240};
  box->padding[0] = box->padding[2] = 5 * kPt;
  doc.body.push_back(Stack(box, Para("Moved")));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 2);
  CHECK(Rects(sink.pages[0]).empty());
  auto rects = Rects(sink.pages[1]);
  REQUIRE(rects.size() == 1);
  CHECK(rects[0].y == kMargin);
  CHECK(rects[0].height == 5 * kPt + 12 * kPt + 5 * kPt);
  CHECK(Find(sink.pages[1], "Moved").at(0)->y == Baseline(E().OneLine("Moved", E().Base()), kMargin + 5 * kPt));
}

TEST_CASE("widow and orphan control keeps two lines on each side of a break") {
  const Unit room = kBottom - kMargin;
  auto run = [&](int lines_left, int n) {
    auto doc = NewDocument();
    doc.body.push_back(Space(room - lines_left * 12 * kPt));
    auto para = Lines(n);
    doc.body.push_back(std::move(para));
    // Narrow the paragraph so that every word is a line of its own.
    doc.page.margin[1] = 595276 - kMargin - 100 * kPt;
    Collect sink;
    LayoutDocument(doc, *E().engine, sink);
    std::vector<std::size_t> per_page;
    for (const auto& p : sink.pages) per_page.push_back(Runs(p).size());
    return per_page;
  };
  CHECK(run(3, 5) == std::vector<std::size_t>{3, 2});
  CHECK(run(4, 5) == std::vector<std::size_t>{3, 2});  // a lone last line (widow) is not left over
  CHECK(run(1, 5) == std::vector<std::size_t>{0, 5});  // a lone first line (orphan) moves on
  CHECK(run(1, 3) == std::vector<std::size_t>{1, 2});  // short paragraphs split anywhere
}

TEST_CASE("duplex pads an odd page count with a blank page") {
  auto doc = NewDocument();
  doc.page.duplex = true;
  doc.body.push_back(Para("Only"));
  Collect sink;
  Result r = LayoutDocument(doc, *E().engine, sink);
  CHECK(r.pages == 2);
  REQUIRE(sink.pages.size() == 2);
  CHECK(sink.pages[1].items.empty());
  CHECK(sink.pages[1].number == 2);
}

TEST_CASE("images and barcodes reserve their height and emit their resource") {
  auto doc = NewDocument();
  auto image = Kind(BlockKind::Image);
  image->resource = 7;
  image->height = 50 * kPt;
  image->width = Fixed(80 * kPt);
  doc.body.push_back(std::move(image));
  doc.body.push_back(Para("After"));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 1);
  const frame::Image* img = nullptr;
  for (const auto& item : sink.pages[0].items) {
    if (auto* i = std::get_if<frame::Image>(&item)) img = i;
  }
  REQUIRE(img);
  CHECK(img->resource == 7);
  CHECK(img->x == kMargin);
  CHECK(img->y == kMargin);
  CHECK(img->width == 80 * kPt);
  CHECK(img->height == 50 * kPt);
  CHECK(Find(sink.pages[0], "After").at(0)->y == Baseline(E().OneLine("After", E().Base()), kMargin + 50 * kPt));
}

}  // namespace
}  // namespace missive::layout::testing

namespace missive::layout::testing {
namespace {

TEST_CASE("a style with hyphenate breaks long words at hyphenation points in the record's language") {
  Style narrow_style = *E().Base();
  narrow_style.width = 60 * frame::kPt;
  Style hyphenating = narrow_style;
  hyphenating.hyphenate = true;
  const std::string text = "internationalization responsibilities";
  auto lines_of = [&](const Style* style) {
    auto doc = NewDocument();
    doc.body.push_back(Stack(style, Para(text, style)));
    Collect sink;
    REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 1);
    std::vector<std::string> lines;
    for (const auto* run : Runs(sink.pages.at(0))) lines.push_back((*run)->text);
    return lines;
  };
  const auto plain = lines_of(&narrow_style);
  const auto hyphenated = lines_of(&hyphenating);
  // without hyphenation no line ends in a hyphen; with it, some do, and the letters are all still there
  CHECK(std::none_of(plain.begin(), plain.end(), [](const std::string& l) { return !l.empty() && l.back() == '-'; }));
  CHECK(std::any_of(hyphenated.begin(), hyphenated.end(),
                    [](const std::string& l) { return !l.empty() && l.back() == '-'; }));
  std::string joined;
  for (const auto& l : hyphenated) {
    std::string piece = l;
    if (!piece.empty() && piece.back() == '-') piece.pop_back();
    joined += piece;
  }
  joined.erase(std::remove(joined.begin(), joined.end(), ' '), joined.end());
  CHECK(joined == "internationalizationresponsibilities");
}

}  // namespace
}  // namespace missive::layout::testing

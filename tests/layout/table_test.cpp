// Layout of tables: column widths, repeated headers, rows never split, zebra rows, right-aligned amounts.
#include <catch2/catch.hpp>
#include <map>

#include "tests/layout/helpers.h"

namespace missive::layout::testing {
namespace {

constexpr Unit kMargin = 56693;
constexpr Unit kRight = 595276 - kMargin;
constexpr Unit kBottom = 841890 - kMargin;
constexpr Unit kContentW = 595276 - 2 * kMargin;
const frame::Color kZebra{240, 240, 240};
const frame::Color kHeaderFill{200, 200, 220};

BlockPtr Cell(std::string text, const Style* style = nullptr, std::optional<text::Align> align = std::nullopt) {
  auto p = Para(std::move(text), style);
  p->align = align;
  return p;
}

// A table of `n` rows: "r<i>" | "Description <i>" | "<i>.00" (right-aligned); zebra on odd rows.
BlockPtr MakeTable(int n, std::vector<Size> columns, bool repeat = true) {
  static const Style* zebra = [] {
    Style* s = E().NewStyle();
    s->background = kZebra;
    return s;
  }();
  static const Style* head = [] {
    Style* s = E().NewStyle();
    s->background = kHeaderFill;
    return s;
  }();
  static const Style* bold = E().NewStyle(10 * kPt, true);
  auto b = Kind(BlockKind::Table);
  b->table = std::make_unique<compose::Table>();
  b->table->columns = std::move(columns);
  b->table->repeat_header = repeat;
  compose::TableRow h;
  h.style = head;
  h.cells.push_back(Cell("Date", bold));
  h.cells.push_back(Cell("Description", bold));
  h.cells.push_back(Cell("Amount", bold, text::Align::Right));
  b->table->header.push_back(std::move(h));
  for (int i = 0; i < n; ++i) {
    compose::TableRow row;
    row.style = i % 2 == 1 ? zebra : nullptr;
    row.cells.push_back(Cell("r" + std::to_string(i)));
    row.cells.push_back(Cell("Description " + std::to_string(i)));
    row.cells.push_back(Cell(std::to_string(i) + ".00", nullptr, text::Align::Right));
    b->table->rows.push_back(std::move(row));
  }
  return b;
}

TEST_CASE("a 100-row table: repeated header, whole rows, zebra rects, right-aligned amounts") {
  auto doc = NewDocument();
  doc.body.push_back(MakeTable(100, {Fixed(80 * kPt), Fr(), Fixed(90 * kPt)}));
  Collect sink;
  Result r = LayoutDocument(doc, *E().engine, sink);
  REQUIRE_FALSE(r.error);
  // Rows are 3 + 12 + 3 = 18 pt; the content area (728.504 pt) holds the header and 39 rows.
  const Unit row_h = 18 * kPt;
  const int per_page = static_cast<int>((kBottom - kMargin - row_h) / row_h);
  REQUIRE(per_page == 39);
  CHECK(r.pages == 3);  // 39 + 39 + 22
  REQUIRE(sink.pages.size() == 3);
  text::Line line = E().OneLine("r0", E().Base());
  const Unit first_baseline = Baseline(line, 3 * kPt);
  std::map<int, int> page_of_row;
  for (std::size_t p = 0; p < sink.pages.size(); ++p) {
    const frame::Page& page = sink.pages[p];
    auto header = Find(page, "Date");
    REQUIRE(header.size() == 1);
    CHECK(header[0]->x == kMargin + 4 * kPt);
    CHECK(header[0]->y == kMargin + first_baseline);
    CHECK(header[0]->font == E().bold);
    auto amount_head = Find(page, "Amount");
    REQUIRE(amount_head.size() == 1);
    CHECK(End(*amount_head[0]) == kRight - 4 * kPt);
    const int first_row = static_cast<int>(p) * per_page;
    const int last_row = std::min(100, first_row + per_page) - 1;
    for (int i = first_row; i <= last_row; ++i) {
      const Unit top = kMargin + row_h * (1 + i - first_row);
      auto date = Find(page, "r" + std::to_string(i));
      auto desc = Find(page, "Description " + std::to_string(i));
      auto amount = Find(page, std::to_string(i) + ".00");
      REQUIRE(date.size() == 1);
      REQUIRE(desc.size() == 1);
      REQUIRE(amount.size() == 1);
      CHECK(date[0]->y == top + first_baseline);
      CHECK(desc[0]->y == top + first_baseline);
      CHECK(desc[0]->x == kMargin + 80 * kPt + 4 * kPt);
      CHECK(End(*amount[0]) == kRight - 4 * kPt);
      page_of_row[i] = static_cast<int>(p);
    }
    // Header fill on every page, zebra on the odd rows of this page.
    int zebra = 0, heads = 0;
    for (const auto& rect : Rects(page)) {
      CHECK(rect.x == kMargin);
      CHECK(rect.width == kContentW);
      CHECK(rect.height == row_h);
      if (rect.fill == kHeaderFill) {
        ++heads;
        CHECK(rect.y == kMargin);
      } else {
        REQUIRE(rect.fill == kZebra);
        const int i = first_row + static_cast<int>((rect.y - kMargin) / row_h) - 1;
        CHECK((rect.y - kMargin) % row_h == 0);
        CHECK(i % 2 == 1);
        ++zebra;
      }
    }
    CHECK(heads == 1);
    CHECK(zebra == (last_row + 1) / 2 - first_row / 2);
  }
  CHECK(page_of_row.size() == 100);
}

TEST_CASE("without repeat_header the header is drawn once") {
  auto doc = NewDocument();
  doc.body.push_back(MakeTable(60, {Fixed(80 * kPt), Fr(), Fixed(90 * kPt)}, false));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 2);
  CHECK(Find(sink.pages[0], "Date").size() == 1);
  CHECK(Find(sink.pages[1], "Date").empty());
  // Page 2 starts with the row after the 39 of page 1, at the top of the content area.
  CHECK(Find(sink.pages[1], "r39").at(0)->y == kMargin + Baseline(E().OneLine("r39", E().Base()), 3 * kPt));
}

TEST_CASE("a wrapping cell makes its row taller and the row moves whole to the next page") {
  auto doc = NewDocument();
  const Unit room = kBottom - kMargin;
  doc.body.push_back(Space(room - 18 * kPt - 18 * kPt - 20 * kPt));  // header + one row + 20 pt
  auto table = MakeTable(2, {Fixed(80 * kPt), Fixed(100 * kPt), Fr()});
  const std::string wrapped = "alpha beta gamma delta epsilon zeta";
  table->table->rows[1].cells[1] = Cell(wrapped);
  doc.body.push_back(std::move(table));
  // The engine's own breaking of the cell text in its 92 pt inner width.
  text::ParagraphOptions o;
  o.max_width = 92 * kPt;
  o.language = "en";  // the document's: it decides hyphenation
  const text::Paragraph para = *E().engine->Layout({text::StyledSpan{wrapped, {E().regular, 10 * kPt, {}}}}, o);
  REQUIRE(para.lines.size() >= 2);
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 2);
  CHECK(Find(sink.pages[0], "r0").size() == 1);
  CHECK(Find(sink.pages[0], "r1").empty());
  auto r1 = Find(sink.pages[1], "r1");
  REQUIRE(r1.size() == 1);
  text::Line line = E().OneLine("r1", E().Base());
  CHECK(r1[0]->y == kMargin + 18 * kPt + Baseline(line, 3 * kPt));
  // Every line of the wrapped cell is on page 2, one below the other.
  for (std::size_t i = 0; i < para.lines.size(); ++i) {
    auto runs = Find(sink.pages[1], para.lines[i].runs.at(0)->text);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0]->x == kMargin + 80 * kPt + 4 * kPt);
    CHECK(runs[0]->y == r1[0]->y + static_cast<Unit>(i) * 12 * kPt);
  }
  auto rects = Rects(sink.pages[1]);
  REQUIRE(rects.size() == 2);  // header + zebra row 1
  CHECK(rects[1].y == kMargin + 18 * kPt);
  CHECK(rects[1].height == 3 * kPt + static_cast<Unit>(para.lines.size()) * 12 * kPt + 3 * kPt);
}

TEST_CASE("auto columns take their widest content") {
  auto doc = NewDocument();
  doc.body.push_back(MakeTable(3, {Auto(), Fr(), Auto()}));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 1);
  const Unit date_w = std::max(E().Width("Date", E().NewStyle(10 * kPt, true)), E().Width("r0", E().Base()));
  CHECK(Find(sink.pages[0], "Description 0").at(0)->x == kMargin + date_w + 8 * kPt + 4 * kPt);
  CHECK(End(*Find(sink.pages[0], "2.00").at(0)) == kRight - 4 * kPt);
}

TEST_CASE("the header moves on with the first row rather than stand alone at the foot of a page") {
  auto doc = NewDocument();
  doc.body.push_back(Space(kBottom - kMargin - 30 * kPt));  // room for the header but not header + row
  doc.body.push_back(MakeTable(3, {Fixed(80 * kPt), Fr(), Fixed(90 * kPt)}));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 2);
  CHECK(Runs(sink.pages[0]).empty());
  CHECK(Rects(sink.pages[0]).empty());
  CHECK(Find(sink.pages[1], "Date").at(0)->y == kMargin + Baseline(E().OneLine("Date", E().Base()), 3 * kPt));
  CHECK(Find(sink.pages[1], "r2").size() == 1);
}

TEST_CASE("a row taller than a page splits between its cell's lines, under the repeated header") {
  auto doc = NewDocument();
  std::string tall;
  for (int i = 0; i < 70; ++i) tall += (i ? "\n" : "") + std::string("line ") + std::to_string(i);
  auto table = MakeTable(1, {Fixed(80 * kPt), Fr(), Fixed(90 * kPt)});
  table->table->rows[0].cells[1] = Cell(tall);
  doc.body.push_back(std::move(table));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 2);
  const Unit first_baseline = Baseline(E().OneLine("line 0", E().Base()), 3 * kPt);
  // Page 1: header, then lines from 18 + 3 pt down; the line that would cross the bottom goes on.
  const int on_first = static_cast<int>((kBottom - kMargin - 18 * kPt - 3 * kPt) / (12 * kPt));
  REQUIRE(on_first == 58);
  for (int i = 0; i < 70; ++i) {
    const auto& page = sink.pages[i < on_first ? 0 : 1];
    auto runs = Find(page, "line " + std::to_string(i));
    REQUIRE(runs.size() == 1);
    if (i < on_first) {
      CHECK(runs[0]->y == kMargin + 18 * kPt + first_baseline + i * 12 * kPt);
    } else {
      // The continuation starts right under the header (the cell's top padding stays on page 1).
      CHECK(runs[0]->y == kMargin + 18 * kPt + first_baseline - 3 * kPt + (i - on_first) * 12 * kPt);
    }
  }
  CHECK(Find(sink.pages[1], "Date").size() == 1);
  CHECK(Find(sink.pages[0], "r0").size() == 1);
  CHECK(Find(sink.pages[1], "r0").empty());
}

TEST_CASE("a table without declared columns shares the width equally; cell padding comes from the table") {
  auto doc = NewDocument();
  auto b = Kind(BlockKind::Table);
  b->table = std::make_unique<compose::Table>();
  b->table->cell_padding[0] = 1 * kPt;
  b->table->cell_padding[3] = 2 * kPt;
  compose::TableRow row;
  row.cells.push_back(Cell("left"));
  row.cells.push_back(Cell("right"));
  b->table->rows.push_back(std::move(row));
  doc.body.push_back(std::move(b));
  doc.body.push_back(Para("after"));
  Collect sink;
  REQUIRE(LayoutDocument(doc, *E().engine, sink).pages == 1);
  text::Line line = E().OneLine("left", E().Base());
  CHECK(Find(sink.pages[0], "left").at(0)->x == kMargin + 2 * kPt);
  CHECK(Find(sink.pages[0], "right").at(0)->x == kMargin + kContentW / 2 + 2 * kPt);
  CHECK(Find(sink.pages[0], "right").at(0)->y == Baseline(line, kMargin + 1 * kPt));
  // Row height: 1 pt + 12 pt + 3 pt (bottom padding left at its default).
  CHECK(Find(sink.pages[0], "after").at(0)->y == Baseline(line, kMargin + 16 * kPt));
}

}  // namespace
}  // namespace missive::layout::testing

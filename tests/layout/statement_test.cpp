// A statement-like document end to end, and a 20,000-row table streamed page by page.
#include <malloc.h>

#include <catch2/catch.hpp>

#include "tests/layout/helpers.h"

namespace missive::layout::testing {
namespace {

constexpr Unit kMargin = 56693;
constexpr Unit kBottom = 841890 - kMargin;

BlockPtr Cell(std::string text, const Style* style = nullptr, std::optional<text::Align> align = std::nullopt) {
  auto p = Para(std::move(text), style);
  p->align = align;
  return p;
}

// `distinct`: how many different descriptions and balances there are (a bounded shaping cache).
BlockPtr TransactionTable(int n, int distinct = 1 << 30) {
  static const Style* zebra = [] {
    Style* s = E().NewStyle();
    s->background = frame::Color{245, 245, 245};
    return s;
  }();
  static const Style* head = [] {
    Style* s = E().NewStyle();
    s->background = frame::Color{220, 225, 235};
    return s;
  }();
  static const Style* bold = E().NewStyle(10 * kPt, true);
  auto b = Kind(BlockKind::Table);
  b->table = std::make_unique<compose::Table>();
  b->table->columns = {Fixed(frame::MmToUnit(24)), Fr(), Fixed(frame::MmToUnit(32)), Fixed(frame::MmToUnit(32))};
  compose::TableRow h;
  h.style = head;
  h.cells.push_back(Cell("Date", bold));
  h.cells.push_back(Cell("Description", bold));
  h.cells.push_back(Cell("Amount", bold, text::Align::Right));
  h.cells.push_back(Cell("Balance", bold, text::Align::Right));
  b->table->header.push_back(std::move(h));
  for (int i = 0; i < n; ++i) {
    compose::TableRow row;
    row.style = i % 2 ? zebra : nullptr;
    row.cells.push_back(Cell("2026-10-" + std::to_string(10 + i % 20)));
    row.cells.push_back(Cell("Card payment " + std::to_string(i % distinct)));
    row.cells.push_back(Cell("-" + std::to_string(i % 97) + ".50", nullptr, text::Align::Right));
    row.cells.push_back(Cell(std::to_string(1000 + i % distinct) + ".25", nullptr, text::Align::Right));
    b->table->rows.push_back(std::move(row));
  }
  return b;
}

compose::Document Statement(int rows) {
  auto doc = NewDocument();
  const Style* h9 = E().NewStyle(9 * kPt);
  const Style* h9b = E().NewStyle(9 * kPt, true);
  const Style* f8 = E().NewStyle(8 * kPt);
  auto head_row = Kind(BlockKind::Row);
  head_row->children.push_back(Sized(Para("Northwind Bank", h9b), Auto()));
  head_row->children.push_back(Sized(Kind(BlockKind::Stack), Fr()));
  head_row->children.push_back(Sized(Para("Statement October 2026 · Account GB13 7386", h9), Auto()));
  doc.page.header.push_back(std::move(head_row));
  doc.page.header.push_back(Kind(BlockKind::Rule));
  auto footer = Kind(BlockKind::Paragraph, f8);
  footer->align = text::Align::Right;
  footer->spans.push_back({compose::SpanKind::Text, "Page ", nullptr});
  footer->spans.push_back({compose::SpanKind::PageNumber, "", nullptr});
  footer->spans.push_back({compose::SpanKind::Text, " of ", nullptr});
  footer->spans.push_back({compose::SpanKind::PageTotal, "", nullptr});
  doc.page.footer.push_back(std::move(footer));

  for (const char* line : {"Ada Lovelace", "12 Analytical Row", "Flat 3", "EC1A 1BB London", "United Kingdom"}) {
    doc.body.push_back(Para(line));
  }
  doc.body.push_back(Space(10 * kPt));
  Style* box = E().NewStyle();
  box->background = frame::Color{250, 250, 240};
  box->border_width = 500;
  box->padding[0] = box->padding[1] = box->padding[2] = box->padding[3] = 6 * kPt;
  auto summary = Kind(BlockKind::Stack, box);
  summary->keep_together = true;
  for (const char* label : {"Opening balance", "Money in", "Money out", "Closing balance"}) {
    auto row = Kind(BlockKind::Row);
    row->children.push_back(Sized(Para(label), Fr()));
    row->children.push_back(Sized(Cell("1,234.56 GBP", nullptr, text::Align::Right), Auto()));
    summary->children.push_back(std::move(row));
  }
  doc.body.push_back(std::move(summary));
  doc.body.push_back(Space(10 * kPt));
  doc.body.push_back(Para("Transactions", E().NewStyle(11 * kPt, true)));
  doc.body.push_back(Space(4 * kPt));
  doc.body.push_back(TransactionTable(rows));
  return doc;
}

int CountRows(const frame::Page& page) {
  int rows = 0;
  for (const auto* run : Runs(page)) rows += (*run)->text.rfind("Card payment", 0) == 0;
  return rows;
}

TEST_CASE("statement: address, summary box and a 45-row table make 2 pages, 30 rows on page 1") {
  auto doc = Statement(45);
  Collect sink;
  Result r = LayoutDocument(doc, *E().engine, sink);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.pages == 2);
  // Above the table: 5 address lines, 10 pt, the box (2 × 6.5 pt + 4 lines), 10 pt, 13.2 pt heading, 4 pt.
  const Unit table_top = kMargin + 60 * kPt + 10 * kPt + 61 * kPt + 10 * kPt + 13200 + 4 * kPt;
  const int page1 = static_cast<int>((kBottom - table_top - 18 * kPt) / (18 * kPt));
  CHECK(page1 == 30);
  CHECK(CountRows(sink.pages[0]) == page1);
  CHECK(CountRows(sink.pages[1]) == 45 - page1);
  CHECK(Find(sink.pages[0], "Date").at(0)->y == table_top + Baseline(E().OneLine("Date", E().Base()), 3 * kPt));
  for (const auto& page : sink.pages) {
    CHECK(Find(page, "Northwind Bank").size() == 1);
    CHECK(Find(page, "Balance").size() == 1);
    int totals = 0;
    for (const auto& item : page.items) totals += std::holds_alternative<frame::PageTotal>(item);
    CHECK(totals == 1);
  }
  // The header band's rule sits 4 pt above the content area.
  bool rule = false;
  for (const auto& item : sink.pages[1].items) {
    if (auto* l = std::get_if<frame::Line>(&item)) rule = l->y1 == kMargin - 4 * kPt - 250;
  }
  CHECK(rule);
}

TEST_CASE("without a structure tree: no nodes, items on node 0, the same pages otherwise") {
  auto doc = Statement(45);
  Collect tagged, plain;
  REQUIRE(LayoutDocument(doc, *E().engine, tagged).pages == 2);
  REQUIRE(LayoutDocument(doc, *E().engine, plain, /*structure=*/false).pages == 2);
  std::size_t nodes = 0, with_node = 0;
  for (std::size_t p = 0; p < 2; ++p) {
    nodes += tagged.pages[p].structure.size();
    CHECK(plain.pages[p].structure.empty());
    REQUIRE(plain.pages[p].items.size() == tagged.pages[p].items.size());
    for (std::size_t i = 0; i < plain.pages[p].items.size(); ++i) {
      const auto& a = plain.pages[p].items[i];
      const auto& b = tagged.pages[p].items[i];
      REQUIRE(a.index() == b.index());
      std::visit([&](const auto& x) { CHECK(x.structure == 0); }, a);
      std::visit([&](const auto& y) { with_node += y.structure != 0; }, b);
      if (const auto* run = std::get_if<frame::GlyphRun>(&a)) {
        const auto& other = std::get<frame::GlyphRun>(b);
        CHECK(run->x == other.x);
        CHECK(run->y == other.y);
        CHECK((*run)->glyphs == other->glyphs);
      }
    }
  }
  CHECK(nodes > 45 * 4);  // a TD per cell at least
  CHECK(with_node > 45 * 4);
}

// Counts pages and drops them; watches the heap to see that layout does not accumulate pages either.
struct Counter : PageSink {
  std::uint32_t pages = 0;
  std::size_t max_items = 0;
  bool in_order = true;
  std::size_t heap_at_10 = 0, heap_max = 0;
  void OnPage(frame::Page&& page) override {
    ++pages;
    in_order &= page.number == pages;
    max_items = std::max(max_items, page.items.size());
    const std::size_t heap = mallinfo2().uordblks;
    if (pages == 10) heap_at_10 = heap;
    heap_max = std::max(heap_max, heap);
  }
};

TEST_CASE("a 20,000-row table streams its pages one at a time") {
  auto doc = NewDocument();
  doc.body.push_back(TransactionTable(20000, 100));
  Counter sink;
  Result r = LayoutDocument(doc, *E().engine, sink);
  REQUIRE_FALSE(r.error);
  CHECK(r.pages == sink.pages);
  CHECK(sink.pages > 450);
  CHECK(sink.pages == (20000 + 38) / 39);
  CHECK(sink.in_order);
  // A page carries one header and at most 39 rows: 4 runs and ≤ 1 rect per row.
  CHECK(sink.max_items <= 5 + 39 * 5);
  // 500 pages of ~200 items held would be tens of MB; streaming keeps the heap flat after page 10.
  CHECK(sink.heap_max - sink.heap_at_10 < 2 * 1024 * 1024);
}

}  // namespace
}  // namespace missive::layout::testing

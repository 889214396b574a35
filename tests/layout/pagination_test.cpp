// A 300-transaction statement paginates without losing, duplicating or reordering a row.
#include <catch2/catch.hpp>

#include "tests/layout/helpers.h"

namespace missive::layout::testing {
namespace {

constexpr Unit kMargin = 56693;       // 20 mm
constexpr Unit kPageHeight = 841890;  // 297 mm
constexpr Unit kRow = 18 * kPt;       // 10 pt × 1.2 + 3 pt + 3 pt of cell padding
constexpr Unit kDateColumn = 68031;   // 24 mm

// Descriptions as the generator writes them (accents, dashes, ampersands), each numbered so that every row
// is distinct, and each short enough for one line of the column, so that every row is 18 pt high.
std::vector<std::string> Descriptions(int n) {
  const char* merchants[] = {"Tesco Stores 2231",        "Café de Flore", "HM Revenue & Customs",
                             "EDF — facture mensuelle",  "Pret A Manger", "Stadtwerke München Strom",
                             "Boulangerie Saint-Honoré", "Spotify AB"};
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(std::string(merchants[i % 8]) + " #" + std::to_string(i + 1));
  return out;
}

compose::Document Statement(const std::vector<std::string>& descriptions) {
  auto doc = NewDocument();
  for (const char* line : {"Ada Lovelace", "12 Analytical Row", "EC1A 1BB London"}) doc.body.push_back(Para(line));
  doc.body.push_back(Space(10 * kPt));
  static const Style* bold = E().NewStyle(10 * kPt, true);
  auto table = Kind(BlockKind::Table);
  table->table = std::make_unique<compose::Table>();
  table->table->columns = {Fixed(kDateColumn), Fr(), Fixed(frame::MmToUnit(32)), Fixed(frame::MmToUnit(32))};
  compose::TableRow header;
  for (const char* title : {"Date", "Description", "Amount", "Balance"}) header.cells.push_back(Para(title, bold));
  table->table->header.push_back(std::move(header));
  for (std::size_t i = 0; i < descriptions.size(); ++i) {
    compose::TableRow row;
    row.cells.push_back(Para("2026-10-" + std::to_string(10 + i % 20)));
    row.cells.push_back(Para(descriptions[i]));
    auto amount = Para("-" + std::to_string(i % 97) + ".50");
    amount->align = text::Align::Right;
    row.cells.push_back(std::move(amount));
    auto balance = Para(std::to_string(1000 + i) + ".25");
    balance->align = text::Align::Right;
    row.cells.push_back(std::move(balance));
    table->table->rows.push_back(std::move(row));
  }
  doc.body.push_back(std::move(table));
  return doc;
}

TEST_CASE("300 transactions: every description once, in order, under a header repeated on every page") {
  const std::vector<std::string> descriptions = Descriptions(300);
  auto doc = Statement(descriptions);
  Collect sink;
  Result r = LayoutDocument(doc, *E().engine, sink);
  REQUIRE_FALSE(r.error);
  // Page 1: 3 address lines (12 pt each) and 10 pt above the table leave room for the header and 36 rows;
  // every later page for the header and 39.
  const Unit table_top = kMargin + 3 * 12 * kPt + 10 * kPt;
  const Unit content_bottom = kPageHeight - kMargin;
  const int first = static_cast<int>((content_bottom - table_top - kRow) / kRow);
  const int full = static_cast<int>((content_bottom - kMargin - kRow) / kRow);
  REQUIRE(first == 36);
  REQUIRE(full == 39);
  const int expected_pages = 1 + (300 - first + full - 1) / full;  // 1 + ceil(264 / 39) = 8
  REQUIRE(expected_pages == 8);
  REQUIRE(r.pages == 8);
  REQUIRE(sink.pages.size() == 8);

  const Unit description_x = kMargin + kDateColumn + 4 * kPt;  // the column's left cell padding
  std::vector<std::string> seen;
  for (std::size_t p = 0; p < sink.pages.size(); ++p) {
    const frame::Page& page = sink.pages[p];
    INFO("page " << p + 1);
    CHECK(page.number == p + 1);
    const auto header = Find(page, "Description");
    REQUIRE(header.size() == 1);
    const Unit top = p == 0 ? table_top : kMargin;
    CHECK(header[0]->y == top + Baseline(E().OneLine("Description", E().Base()), 3 * kPt));
    CHECK(header[0]->x == description_x);
    CHECK(Find(page, "Date").size() == 1);
    CHECK(Find(page, "Balance").size() == 1);
    // Rows are emitted top to bottom: the runs of the description column in page order are the rows' order.
    Unit last_y = header[0]->y;
    int rows = 0;
    for (const frame::GlyphRun* run : Runs(page)) {
      if (run->x != description_x || run == header[0]) continue;
      CHECK(run->y == last_y + kRow);
      last_y = run->y;
      seen.push_back((*run)->text);
      ++rows;
    }
    const int expected_rows = p == 0 ? first : p + 1 < sink.pages.size() ? full : 300 - first - 6 * full;
    CHECK(rows == expected_rows);
    CHECK(last_y < content_bottom);
  }
  CHECK(seen == descriptions);
}

}  // namespace
}  // namespace missive::layout::testing

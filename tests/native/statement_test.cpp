// The statement example compiled, on a sample record: rule values and the block tree it builds.
#include <cstdlib>
#include <fstream>

#include "tests/native/native_helpers.h"

using namespace missive;
using namespace missive::native::testing;

namespace {

std::unique_ptr<native::Program> BuildStatement(std::shared_ptr<sema::Program>& checked) {
  auto b = BuildFile(SourceDir() + "/examples/statement/statement.msv");
  INFO(b.diagnostics);
  checked = b.checked;
  return std::move(b.program);
}

const char* kRecord = R"({"id": "C1", "name": "Ada Lovelace", "language": "en",
  "consent": {"email": false, "sms": false},
  "address": {"line1": "12 St James's Square", "city": "London", "postcode": "SW1Y 4JH", "country": "GB"},
  "account": {"number": "GB00 1", "currency": "GBP", "opening_balance": "100.00", "transactions": [
    {"date": "2026-10-02", "description": "Café de Flore", "amount": "-2.50"},
    {"date": "2026-10-05", "description": "Salary", "amount": "1000.00"},
    {"date": "2026-10-09", "description": "Rent", "amount": "-1200.00"}]}})";

std::string Text(const compose::Block& b) {
  std::string out;
  for (const auto& s : b.spans)
    out += s.kind == compose::SpanKind::Text ? s.text : s.kind == compose::SpanKind::PageNumber ? "<page>" : "<pages>";
  return out;
}

}  // namespace

TEST_CASE("the statement's rules and channel for a customer without consent") {
  std::shared_ptr<sema::Program> checked;
  auto program = BuildStatement(checked);
  REQUIRE(program);
  auto o = RunJson(*program, kRecord);
  REQUIRE_FALSE(o.rejected());
  CHECK(o.channel == "print");
  CHECK(o.skipped.size() == 2);
  CHECK(Json(Let(o, "closing")) == "-102.50");
  CHECK(Json(Let(o, "money_in")) == "1000.00");
  CHECK(Json(Let(o, "money_out")) == "-1202.50");
  CHECK(Json(Let(o, "balances")) == "[97.50, 1097.50, -102.50]");
  CHECK(Json(Let(o, "month")) == "\"2026-10-02\"");
  CHECK(Json(Let(o, "overdrawn")) == "true");
}

TEST_CASE("the statement's print document: page template, address, summary, table, warning") {
  std::shared_ptr<sema::Program> checked;
  auto program = BuildStatement(checked);
  REQUIRE(program);
  auto o = RunJson(*program, kRecord);
  REQUIRE(o.print);
  const auto& doc = *o.print;
  CHECK(doc.page.width == frame::MmToUnit(210));
  CHECK(doc.page.margin[0] == frame::MmToUnit(20));
  CHECK(doc.language == "en");
  // header: a row with the bank's name, a fill, and the statement line; then a rule
  REQUIRE(doc.page.header.size() == 2);
  const auto& header_row = *doc.page.header[0];
  REQUIRE(header_row.kind == compose::BlockKind::Row);
  REQUIRE(header_row.children.size() == 3);
  CHECK(Text(*header_row.children[0]) == "Northwind Bank");
  CHECK(header_row.children[1]->width.kind == compose::Size::Kind::Fraction);
  CHECK(Text(*header_row.children[2]) == "Statement October 2026 · Account GB00 1");
  CHECK(header_row.children[0]->style->size == 9000);
  CHECK(doc.page.header[1]->kind == compose::BlockKind::Rule);
  REQUIRE(doc.page.footer.size() == 1);
  CHECK(Text(*doc.page.footer[0]) == "Page <page> of <pages>");
  CHECK(doc.page.footer[0]->align == text::Align::Center);
  // body: address lines, space, summary box, space, table, space, warning box
  std::vector<std::string> address;
  std::size_t i = 0;
  for (; i < doc.body.size() && doc.body[i]->kind == compose::BlockKind::Paragraph; ++i)
    address.push_back(Text(*doc.body[i]));
  CHECK(address == std::vector<std::string>{"Ada Lovelace", "12 St James's Square", "SW1Y 4JH London", "GB"});
  REQUIRE(doc.body.size() == i + 6);
  const auto& summary = *doc.body[i + 1];
  CHECK(summary.kind == compose::BlockKind::Stack);
  CHECK(summary.width.kind == compose::Size::Kind::Fixed);
  CHECK(summary.width.fixed == frame::MmToUnit(90));
  REQUIRE(summary.children.size() == 4);
  CHECK(Text(*summary.children[3]->children[2]) == "-£102.50");
  const auto& table = *doc.body[i + 3]->table;
  CHECK(table.columns.size() == 4);
  CHECK(table.columns[1].kind == compose::Size::Kind::Fraction);
  REQUIRE(table.header.size() == 1);
  CHECK(Text(*table.header[0].cells[3]) == "Balance");
  CHECK(table.header[0].style->background.has_value());
  REQUIRE(table.rows.size() == 3);
  CHECK(Text(*table.rows[0].cells[1]) == "Café de Flore");
  CHECK(Text(*table.rows[2].cells[3]) == "-£102.50");
  CHECK(table.rows[2].cells[3]->align == text::Align::Right);
  CHECK(table.rows[0].style == nullptr);
  CHECK(table.rows[1].style != nullptr);
  const auto& warning = *doc.body[i + 5];
  REQUIRE(warning.children.size() == 1);
  CHECK(Text(*warning.children[0]) == "Your account is overdrawn by £102.50. Please contact us.");
  CHECK(warning.style->background.has_value());
}

// The shipped examples and stdlib parse without diagnostics into the expected AST, with exact spans.
#include <catch2/catch.hpp>

#include "tests/syntax/syntax_test_util.h"

using missive::syntax::testing::Body;
using missive::syntax::testing::ParseText;
using missive::syntax::testing::ReadRepoFile;
namespace ast = missive::ast;

// tests/syntax/golden/statement.msv is a frozen copy of the example, so that editing the example
// does not break the golden dump; the live example is checked below.
TEST_CASE("examples: the statement parses into the golden AST", "[syntax]") {
  const auto p = ParseText(ReadRepoFile("tests/syntax/golden/statement.msv"), "statement.msv");
  CHECK(p->Diagnostics().empty());
  const std::string golden = ReadRepoFile("tests/syntax/golden/statement.ast");
  REQUIRE(!golden.empty());
  CHECK(p->Dump() == golden);

  const ast::Module& m = *p->module;
  REQUIRE(m.communication);
  CHECK(m.communication->name == "Statement");
  CHECK(m.version == "1.0");
  CHECK(m.imports.size() == 2);
  CHECK(m.records.size() == 4);
  CHECK(m.rules.size() == 10);
  CHECK(m.styles.size() == 10);
  CHECK(m.components.size() == 1);
  REQUIRE(m.layouts.size() == 3);
  CHECK(m.layouts[0].kind == ast::LayoutKind::Print);
  CHECK(m.layouts[1].kind == ast::LayoutKind::Email);
  CHECK(m.layouts[2].kind == ast::LayoutKind::Sms);
  REQUIRE(m.channels);
  CHECK(m.channels->entries.size() == 3);
  REQUIRE(m.tests.size() == 3);
  CHECK(m.tests[0].expects[0].kind == ast::ExpectKind::Channel);
  CHECK(m.tests[0].expects[0].channel.name == "email");
  CHECK(m.tests[2].expects[2].kind == ast::ExpectKind::Pages);
}

TEST_CASE("examples: the live statement example parses without diagnostics", "[syntax]") {
  const auto p = ParseText(ReadRepoFile("examples/statement/statement.msv"), "statement.msv");
  CHECK(p->Diagnostics().empty());
  REQUIRE(p->module->communication);
  CHECK(p->module->communication->name == "Statement");
  CHECK(!p->module->layouts.empty());
  CHECK(p->module->channels);
}

TEST_CASE("examples: the address part and std.money parse", "[syntax]") {
  const auto part = ParseText(ReadRepoFile("examples/statement/parts/address.msv"));
  CHECK(part->Diagnostics().empty());
  CHECK(!part->module->communication);
  REQUIRE(part->module->records.size() == 1);
  CHECK(part->module->records[0].fields.size() == 5);
  REQUIRE(part->module->components.size() == 1);
  CHECK(part->module->components[0].body.size() == 5);

  const auto money = ParseText(ReadRepoFile("stdlib/std/money.msv"));
  CHECK(money->Diagnostics().empty());
  // std.money may grow; `abs` is what the statement uses.
  CHECK(Body(*money).find(R"(fn abs(x: Decimal): Decimal
  if
    cond: binary <
      name x
      int 0
    then: unary -
      name x
    else: name x
)") != std::string::npos);
}

TEST_CASE("examples: spans are byte ranges of the source", "[syntax]") {
  const auto p = ParseText(ReadRepoFile("tests/syntax/golden/statement.msv"));
  const ast::Module& m = *p->module;
  CHECK(p->Text(m.imports[1].span) == "import \"parts/address.msv\" as addr");
  CHECK(p->Text(m.imports[1].path_span) == "\"parts/address.msv\"");
  CHECK(p->Text(m.imports[1].alias->span) == "addr");
  const ast::FieldDecl& address = m.records[0].fields[6];
  CHECK(p->Text(address.span) == "address:  addr.Address?");
  CHECK(p->Text(address.type.span) == "addr.Address?");
  CHECK(p->Text(m.rules[0].span) == "let txns      = account.transactions");
  CHECK(p->Text(m.rules[0].value->span) == "account.transactions");
  CHECK(p->Text(m.rules[0].value->name.span) == "transactions");
  CHECK(p->Text(m.rules[3].value->args[0].value->span) == "txns where .amount > 0");
  const ast::Stmt& table = *m.layouts[0].body[4];
  REQUIRE(table.kind == ast::StmtKind::Table);
  CHECK(p->Text(table.table->row[3].span) == "right money(balances[i], account.currency)");
  const ast::Expr& subject = *m.layouts[1].subject;
  REQUIRE(subject.kind == ast::ExprKind::Interpolated);
  CHECK(p->Text(subject.span) == "\"Your {format(month, \"MMMM yyyy\")} statement\"");
  CHECK(p->Text(subject.parts[1].expr->span) == "format(month, \"MMMM yyyy\")");
  CHECK(p->Text(m.tests[1].span).rfind("test \"a statement without", 0) == 0);
  // Code points, not bytes, for columns; bytes for spans: "Café" sits after a multi-byte text.
  const ast::Expr& given = *m.tests[0].given;
  const ast::Expr& txn = *given.fields[4].value->fields[3].value->items[0];
  CHECK(p->Text(txn.fields[1].value->span) == "\"Café de Flore\"");
  CHECK(txn.fields[1].value->text == "Café de Flore");
}

TEST_CASE("examples: 5,000 lines of statement declarations parse without a diagnostic", "[syntax]") {
  const std::string text = ReadRepoFile("tests/syntax/golden/statement.msv");
  const std::string head = text.substr(0, text.find("// ── data schema"));
  std::string body = text.substr(text.find("schema {"));
  body = body.substr(0, body.find("channels {")) + body.substr(body.find("test \""));
  for (const char* once : {"input Customer\n", "locale language\n"})
    body.erase(body.find(once), std::string(once).size());
  std::string big = head;
  while (std::count(big.begin(), big.end(), '\n') < 5000) big += body;
  const auto p = ParseText(big);
  CHECK(p->Diagnostics().empty());
}

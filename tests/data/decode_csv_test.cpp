// CsvDecoder: RFC 4180 quoting, dotted and indexed columns, empty cells, header and row errors.
#include <catch2/catch.hpp>

#include "runtime/data/decode.h"
#include "tests/data/statement_schema.h"

namespace missive::data {
namespace {

using Strings = std::vector<std::string>;

std::vector<std::string> Messages(const std::vector<Violation>& vs) {
  std::vector<std::string> out;
  for (const auto& v : vs) out.push_back(v.ToString());
  return out;
}

const value::Record& Rec(const value::Value& v) { return *v.as<std::shared_ptr<const value::Record>>(); }
const value::List& Lst(const value::Value& v) { return *v.as<std::shared_ptr<const value::List>>(); }

constexpr std::string_view kHeader =
    "id,name,language,email,consent.email,address.line1,address.city,address.postcode,address.country,"
    "account.number,account.currency,account.opening_balance,"
    "account.transactions.0.date,account.transactions.0.description,account.transactions.0.amount,"
    "account.transactions.1.date,account.transactions.1.description,account.transactions.1.amount";

TEST_CASE("csv rows fill nested records and lists of records", "[csv]") {
  Schema s = testing::StatementSchema();
  CsvDecoder dec(*s.input, kHeader);
  REQUIRE(Messages(dec.HeaderErrors()) == Strings{});
  auto r = dec.Decode(
      "C1,\"Weiß, Jürgen \"\"JW\"\"\",,j@example.de,true,\"1 Main St\",Berlin,10115,DE,"
      "DE21,EUR,100.50,2026-10-01,\"Coffee, large\",-3.20,,,\r");
  REQUIRE(Messages(r.violations) == Strings{});
  const auto& f = r.record->fields;
  CHECK(f[1].as<std::string>() == "Weiß, Jürgen \"JW\"");
  CHECK(f[2].as<std::string>() == "en");  // empty cell = absent → default
  CHECK(f[3].as<std::string>() == "j@example.de");
  CHECK(f[4].is_none());                           // phone: no column
  CHECK(Rec(f[5]).fields[0].as<bool>() == true);   // consent.email
  CHECK(Rec(f[5]).fields[1].as<bool>() == false);  // consent.sms: no column → default
  CHECK(Rec(f[6]).fields[1].is_none());            // address.line2: no column, optional
  CHECK(Rec(f[6]).fields[2].as<std::string>() == "Berlin");
  const auto& account = Rec(f[7]);
  CHECK(account.fields[2].as<value::Decimal>().ToString() == "100.50");
  const auto& txns = Lst(account.fields[3]);
  REQUIRE(txns.size() == 1);  // element 1 is all empty: left out
  CHECK(Rec(txns[0]).fields[1].as<std::string>() == "Coffee, large");
  CHECK(Rec(txns[0]).fields[2].as<value::Decimal>().ToString() == "-3.20");
}

TEST_CASE("csv optional record with all cells empty is none", "[csv]") {
  Schema s = testing::StatementSchema();
  CsvDecoder dec(*s.input, kHeader);
  auto r = dec.Decode("C2,Ada,fr,,,,,,,N1,GBP,0,2026-10-01,a,1,2026-10-02,b,2");
  REQUIRE(Messages(r.violations) == Strings{});
  CHECK(r.record->fields[6].is_none());
  CHECK(Lst(Rec(r.record->fields[7]).fields[3]).size() == 2);
}

TEST_CASE("csv violations carry JSON pointer paths", "[csv]") {
  Schema s = testing::StatementSchema();
  CsvDecoder dec(*s.input, kHeader);
  auto r = dec.Decode("C3,,xx-!!,ada,maybe,1 Rd,,1,XX,N1,EUX,12,5O,2026-13-01,a,1,2026-10-02,,x");
  CHECK(r.record == nullptr);
  CHECK(Messages(r.violations) == Strings{
                                      ": expected 18 cells, found 19",
                                  });
  r = dec.Decode("C3,,xx-!!,ada,maybe,1 Rd,,1,XX,N1,EUX,\"12,5O\",2026-13-01,a,1,2026-10-02,,x");
  CHECK(Messages(r.violations) == Strings{
                                      ": missing required field `name`",
                                      "/language: unknown locale \"xx-!!\"",
                                      "/email: expected an email address, found \"ada\"",
                                      "/consent/email: expected a boolean, found \"maybe\"",
                                      "/address: missing required field `city`",
                                      "/address/country: unknown country code \"XX\"",
                                      "/account/currency: unknown currency code \"EUX\"",
                                      "/account/opening_balance: expected a decimal, found \"12,5O\"",
                                      "/account/transactions/0/date: bad date \"2026-13-01\"",
                                      "/account/transactions/1: missing required field `description`",
                                      "/account/transactions/1/amount: expected a decimal, found \"x\"",
                                  });
}

TEST_CASE("csv quoting errors", "[csv]") {
  Schema s = testing::StatementSchema();
  CsvDecoder dec(*s.input, kHeader);
  CHECK(Messages(dec.Decode("C1,\"open").violations) == Strings{": malformed CSV (unterminated quoted field)"});
  CHECK(Messages(dec.Decode("C1,\"a\"b").violations) == Strings{": malformed CSV (text after a closing quote)"});
  CHECK(Messages(dec.Decode("C1,a\"b").violations) == Strings{": malformed CSV (quote inside an unquoted field)"});
}

TEST_CASE("csv header problems", "[csv]") {
  Schema s = testing::StatementSchema();
  CsvDecoder dec(*s.input, "id,name,nick,address,account.transactions.x.amount,account.number.more,name");
  CHECK(Messages(dec.HeaderErrors()) == Strings{
                                            ": unknown column `nick`",
                                            ": column `address` names a record, not a value",
                                            ": column `account.transactions.x.amount` needs a list index where `x` is",
                                            ": unknown column `account.number.more`",
                                            ": duplicate column `name`",
                                        });
}

TEST_CASE("csv ints and scalar lists", "[csv]") {
  RecordDesc root;
  root.name = "R";
  root.AddField(testing::Field("n", testing::Scalar(Type::Int)));
  root.AddField(testing::Field("tags", testing::ListOf(testing::Scalar(Type::String))));
  CsvDecoder dec(root, "n,tags.0,tags.1,tags.2");
  auto r = dec.Decode("-42,a,,c");
  REQUIRE(Messages(r.violations) == Strings{});
  CHECK(r.record->fields[0].as<std::int64_t>() == -42);
  CHECK(Lst(r.record->fields[1]).size() == 2);
  CHECK(Lst(r.record->fields[1])[1].as<std::string>() == "c");
  CHECK(Messages(dec.Decode("1.5,,,").violations) == Strings{"/n: expected an integer, found \"1.5\""});
  CHECK(Messages(dec.Decode("99999999999999999999,,,").violations) == Strings{"/n: number out of range"});
  CHECK(Messages(dec.Decode(",,,").violations) == Strings{": missing required field `n`"});
}

}  // namespace
}  // namespace missive::data

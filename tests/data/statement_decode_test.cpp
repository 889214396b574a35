// The statement schema decodes every line of examples/statement/data/statements.jsonl without violations.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "runtime/data/decode.h"
#include "runtime/value/format.h"
#include "tests/data/statement_schema.h"

namespace missive::data {
namespace {

TEST_CASE("the statement sample data decodes cleanly", "[json][statement]") {
  Schema s = testing::StatementSchema();
  JsonDecoder dec(*s.input);
  std::ifstream in(std::string(std::getenv("MISSIVE_SOURCE_DIR")) + "/examples/statement/data/statements.jsonl");
  REQUIRE(in.good());
  std::string line;
  int lines = 0;
  std::size_t transactions = 0;
  while (std::getline(in, line)) {
    ++lines;
    auto r = dec.Decode(line);
    INFO("line " << lines << ": " << (r.violations.empty() ? "" : r.violations[0].ToString()));
    REQUIRE(r.violations.empty());
    REQUIRE(r.record);
    const auto& account = *r.record->fields[7].as<std::shared_ptr<const value::Record>>();
    CHECK(value::IsCurrencyCode(account.fields[1].as<std::string>()));
    transactions += account.fields[3].as<std::shared_ptr<const value::List>>()->size();
  }
  CHECK(lines == 300);
  CHECK(transactions > 300);

  // The first line, field by field.
  in.clear();
  in.seekg(0);
  std::getline(in, line);
  auto r = dec.Decode(line);
  REQUIRE(r.record);
  const auto& f = r.record->fields;
  CHECK(f[0].as<std::string>() == "C00000000");
  CHECK(f[1].as<std::string>() == "Jürgen Weiß");
  CHECK(f[2].as<std::string>() == "de");
  const auto& address = *f[6].as<std::shared_ptr<const value::Record>>();
  CHECK(address.fields[1].as<std::string>() == "Apartment 12B");
  CHECK(address.fields[4].as<std::string>() == "DE");
  const auto& account = *f[7].as<std::shared_ptr<const value::Record>>();
  CHECK(account.fields[2].as<value::Decimal>().ToString() == "2954.00");
  const auto& first =
      *(*account.fields[3].as<std::shared_ptr<const value::List>>())[0].as<std::shared_ptr<const value::Record>>();
  CHECK(first.fields[0].as<value::Date>().ToString() == "2026-10-01");
  CHECK(first.fields[1].as<std::string>() == "Vodafone Mobile Payment");
  CHECK(first.fields[2].as<value::Decimal>().ToString() == "-384.16");
}

}  // namespace
}  // namespace missive::data

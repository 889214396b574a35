// RecordDesc lookup and type names.
#include <catch2/catch.hpp>

#include "tests/data/statement_schema.h"

namespace missive::data {
namespace {

using testing::ListOf;
using testing::RecordOf;
using testing::Scalar;

TEST_CASE("fields are indexed in order and the key is remembered", "[schema]") {
  Schema s = testing::StatementSchema();
  const RecordDesc& customer = *s.input;
  CHECK(customer.fields.size() == 8);
  CHECK(customer.Find("id") == 0);
  CHECK(customer.Find("account") == 7);
  CHECK(customer.Find("nope") == -1);
  CHECK(customer.key_field == 0);
}

TEST_CASE("type names for messages", "[schema]") {
  RecordDesc txn;
  txn.name = "Transaction";
  CHECK(TypeName(Scalar(Type::String)) == "String");
  CHECK(TypeName(Scalar(Type::Email, true)) == "Email?");
  CHECK(TypeName(ListOf(RecordOf(&txn))) == "[Transaction]");
  CHECK(TypeName(ListOf(Scalar(Type::Decimal, true), true)) == "[Decimal?]?");
  CHECK(TypeName(Scalar(Type::DateTime)) == "DateTime");
}

}  // namespace
}  // namespace missive::data

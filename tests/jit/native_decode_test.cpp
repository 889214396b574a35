// The native decoder against the value::Record decoder: every field of the sample records, and the
// same violations for bad records.
#include "runtime/data/native_decode.h"

#include <fstream>

#include "runtime/data/decode.h"
#include "tests/jit/jit_helpers.h"

using namespace missive;
using namespace missive::jit::testing;

TEST_CASE("native layout of the statement's records") {
  auto b = BuildStatement();
  const abi::Layouts& layouts = b.program->layouts();
  const data::RecordDesc& customer = b.program->input();
  const abi::RecordLayout& c = layouts.Of(customer);
  // Customer: id, name, language, email?, phone?, consent, address?, account — three optionals → one byte
  CHECK(c.presence_bytes == 1);
  CHECK(c.fields[0].offset == 8);   // id after the presence byte, 8-aligned
  CHECK(c.fields[1].offset == 24);  // name
  CHECK(c.fields[3].presence_bit == 0);
  CHECK(c.fields[4].presence_bit == 1);
  CHECK(c.fields[6].presence_bit == 2);
  CHECK(c.fields[5].offset == 88);  // consent: two Bools inline
  CHECK(c.fields[6].offset == 96);  // address, 8-aligned
  CHECK(c.fields[5].size == 2);
  const data::RecordDesc& txn = *customer.fields[7].type.record->fields[3].type.element->record;
  CHECK(txn.name == "Transaction");
  const abi::RecordLayout& t = layouts.Of(txn);
  CHECK(t.fields[0].offset == 0);   // date
  CHECK(t.fields[1].offset == 8);   // description
  CHECK(t.fields[2].offset == 24);  // amount
  CHECK(t.size == 48);
  CHECK(t.align == 8);
  CHECK(layouts.Stride(*customer.fields[7].type.record->fields[3].type.element) == 48);
}

TEST_CASE("statements.jsonl decodes natively to exactly the value decoder's records") {
  auto b = BuildStatement();
  const abi::Layouts& layouts = b.program->layouts();
  data::JsonDecoder values(b.program->input());
  data::NativeJsonDecoder native(layouts, b.program->input());
  std::ifstream in(SourceDir() + "/examples/statement/data/statements.jsonl");
  REQUIRE(in);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto expected = values.Decode(line);
    auto got = native.Decode(line);
    REQUIRE(expected.violations.empty());
    REQUIRE(got.violations.empty());
    REQUIRE(got.record != nullptr);
    INFO("line " << lines + 1);
    CHECK(DiffRecord(*expected.record, static_cast<const std::byte*>(got.record), layouts, "") == "");
    ++lines;
  }
  CHECK(lines >= 10);
  // steady state: the arena keeps one block
  CHECK(native.arena().blocks() == 1);
}

TEST_CASE("bad records give the value decoder's violations, defaults and optionals fill in") {
  auto b = BuildStatement();
  const abi::Layouts& layouts = b.program->layouts();
  data::JsonDecoder values(b.program->input());
  data::NativeJsonDecoder native(layouts, b.program->input());
  const char* bad[] = {
      R"({"id": "1", "name": "A", "consent": {}, "account": {"number": "1", "currency": "XXQ", "opening_balance": "1,5", "transactions": [{"date": "2026-13-01", "description": 3, "amount": 1e400}, null]}})",
      R"({"id": "1", "consent": {"email": "yes"}, "account": {"number": "1", "currency": "EUR", "opening_balance": 7, "transactions": []}, "email": "nope"})",
      R"({"id": "1", "name": "A", "consent": {}, "account": {"number": "1"}} trailing)",
      R"([1, 2])",
  };
  for (const char* line : bad) {
    INFO(line);
    auto expected = values.Decode(line);
    auto got = native.Decode(line);
    REQUIRE_FALSE(expected.violations.empty());
    CHECK(got.record == nullptr);
    REQUIRE(got.violations.size() == expected.violations.size());
    for (std::size_t i = 0; i < got.violations.size(); ++i)
      CHECK(got.violations[i].ToString() == expected.violations[i].ToString());
  }
  const char* ok =
      R"({"id": "1", "name": "A", "email": null, "consent": {"sms": true}, "account": {"number": "1", "currency": "EUR", "opening_balance": 12.5e1, "transactions": []}})";
  auto expected = values.Decode(ok);
  auto got = native.Decode(ok);
  REQUIRE(got.record != nullptr);
  CHECK(DiffRecord(*expected.record, static_cast<const std::byte*>(got.record), layouts, "") == "");
}

TEST_CASE("nested lists decode natively: lists inside list elements, optional elements, escapes") {
  // Each list is gathered whole before it is copied into the arena: inner lists must not disturb the
  // elements of the outer one.
  auto b = BuildText(R"(communication Nested version "1"
schema {
  record Row { tags: [String]; scores: [Int?]; day: Date; amount: Decimal }
  record Doc { name: String; rows: [Row]; grid: [[Decimal]]; empty: [Row] }
}
input Doc
rules { let n = count(rows) }
)");
  INFO(b.diagnostics);
  REQUIRE(b.program);
  const abi::Layouts& layouts = b.program->layouts();
  data::JsonDecoder values(b.program->input());
  data::NativeJsonDecoder native(layouts, b.program->input());
  const char* lines[] = {
      R"({"name": "a\"b\u00e9", "rows": [{"tags": ["x", "y\\z"], "scores": [1, null, 3], "day": "2026-02-28", "amount": "-0.5"}, {"tags": [], "scores": [null], "day": "2024-02-29", "amount": 12345678901234567890.25}, {"tags": ["long tag — with a dash"], "scores": [], "day": "2026-12-31", "amount": "7"}], "grid": [["1.5", 2], [], ["3", "4", "5.000"]], "empty": []})",
      R"({"rows": [], "grid": [[]], "empty": [], "name": "second, keys out of order"})",
  };
  for (const char* line : lines) {
    INFO(line);
    auto expected = values.Decode(line);
    auto got = native.Decode(line);
    REQUIRE(expected.violations.empty());
    REQUIRE(got.violations.empty());
    REQUIRE(got.record != nullptr);
    CHECK(DiffRecord(*expected.record, static_cast<const std::byte*>(got.record), layouts, "") == "");
  }
  // a violation deep inside nested lists names its whole path
  auto bad = native.Decode(
      R"({"name": "n", "rows": [{"tags": [], "scores": [], "day": "2026-01-01", "amount": "1"}, {"tags": ["a", 5], "scores": [], "day": "2026-01-01", "amount": "1"}], "grid": [["1"], ["x"]], "empty": []})");
  CHECK(bad.record == nullptr);
  REQUIRE(bad.violations.size() == 2);
  CHECK(bad.violations[0].ToString() == "/rows/1/tags/1: expected a string, found 5");
  CHECK(bad.violations[1].ToString() == "/grid/1/0: expected a decimal, found \"x\"");
}

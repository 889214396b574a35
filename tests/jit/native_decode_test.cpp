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
  abi::Layouts layouts(b.program->input());
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
  abi::Layouts layouts(b.program->input());
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
  abi::Layouts layouts(b.program->input());
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

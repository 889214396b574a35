// JsonDecoder: values, defaults, optionals, nested lists, and every violation with its exact message.
#include <catch2/catch.hpp>

#include "runtime/data/decode.h"
#include "tests/data/statement_schema.h"

namespace missive::data {
namespace {

using testing::Field;
using testing::ListOf;
using testing::RecordOf;
using testing::Scalar;

std::vector<std::string> Messages(const DecodeResult& r) {
  std::vector<std::string> out;
  for (const auto& v : r.violations) out.push_back(v.ToString());
  return out;
}

using Strings = std::vector<std::string>;

const value::Record& Rec(const value::Value& v) { return *v.as<std::shared_ptr<const value::Record>>(); }
const value::List& Lst(const value::Value& v) { return *v.as<std::shared_ptr<const value::List>>(); }

// Every scalar type once, plus a list of ints and an optional nested record.
struct AllTypes {
  RecordDesc inner, root;
  AllTypes() {
    inner.name = "Inner";
    inner.AddField(Field("n", Scalar(Type::Int)));
    root.name = "Root";
    root.AddField(Field("s", Scalar(Type::String, true)));
    root.AddField(Field("b", Scalar(Type::Bool, true)));
    root.AddField(Field("i", Scalar(Type::Int, true)));
    root.AddField(Field("d", Scalar(Type::Decimal, true)));
    root.AddField(Field("date", Scalar(Type::Date, true)));
    root.AddField(Field("dt", Scalar(Type::DateTime, true)));
    root.AddField(Field("email", Scalar(Type::Email, true)));
    root.AddField(Field("phone", Scalar(Type::Phone, true)));
    root.AddField(Field("locale", Scalar(Type::Locale, true)));
    root.AddField(Field("currency", Scalar(Type::Currency, true)));
    root.AddField(Field("country", Scalar(Type::Country, true)));
    root.AddField(Field("inner", RecordOf(&inner, true)));
    root.AddField(Field("ints", ListOf(Scalar(Type::Int), true)));
  }
};

TEST_CASE("a valid record decodes every type in schema order", "[json]") {
  AllTypes t;
  JsonDecoder dec(t.root);
  auto r =
      dec.Decode(R"({"ints": [1, -2], "s": "héllo", "b": true, "i": -9223372036854775808, "d": 12345678901234567.891,)"
                 R"( "date": "2026-10-07", "dt": "2026-10-07T12:00:00+02:00", "email": "ada@example.org",)"
                 R"( "phone": "+4930123456", "locale": "de-AT", "currency": "CHF", "country": "AT", "inner": {"n": 3},)"
                 R"( "extra": {"ignored": [1, 2, {"x": null}]}})");
  REQUIRE(Messages(r) == Strings{});
  REQUIRE(r.record);
  const auto& f = r.record->fields;
  REQUIRE(f.size() == 13);
  CHECK(r.record->desc == &t.root);
  CHECK(f[0].as<std::string>() == "héllo");
  CHECK(f[1].as<bool>() == true);
  CHECK(f[2].as<std::int64_t>() == INT64_MIN);
  CHECK(f[3].as<value::Decimal>().ToString() == "12345678901234567.891");
  CHECK(f[4].as<value::Date>() == value::Date::FromYmd(2026, 10, 7));
  CHECK(f[5].as<value::DateTime>().ToString() == "2026-10-07T10:00:00Z");
  CHECK(f[6].as<std::string>() == "ada@example.org");
  CHECK(f[7].as<std::string>() == "+4930123456");
  CHECK(f[8].as<std::string>() == "de-AT");
  CHECK(f[9].as<std::string>() == "CHF");
  CHECK(f[10].as<std::string>() == "AT");
  CHECK(Rec(f[11]).fields[0].as<std::int64_t>() == 3);
  CHECK(Lst(f[12]).size() == 2);
  CHECK(Lst(f[12])[1].as<std::int64_t>() == -2);
}

TEST_CASE("decimals come from strings or from the number token's text", "[json]") {
  AllTypes t;
  JsonDecoder dec(t.root);
  auto d = [&](const std::string& json) {
    auto r = dec.Decode(R"({"d": )" + json + "}");
    REQUIRE(Messages(r) == Strings{});
    return r.record->fields[3].as<value::Decimal>().ToString();
  };
  CHECK(d(R"("12.30")") == "12.30");
  CHECK(d("12.30") == "12.30");
  CHECK(d("0.1") == "0.1");
  CHECK(d("9007199254740993.01") == "9007199254740993.01");  // a double would give ...992
  CHECK(d("1.5e2") == "150");
  CHECK(d("15E-1") == "1.5");
  CHECK(d("-0") == "0");
}

TEST_CASE("absent optionals are none, absent defaults take the default", "[json]") {
  Schema s = testing::StatementSchema();
  JsonDecoder dec(*s.input);
  auto r = dec.Decode(R"({"id": "C1", "name": "Ada", "email": null, "consent": {"sms": true},)"
                      R"( "account": {"number": "1", "currency": "EUR", "opening_balance": "0", "transactions": []}})");
  REQUIRE(Messages(r) == Strings{});
  const auto& f = r.record->fields;
  CHECK(f[2].as<std::string>() == "en");  // language default
  CHECK(f[3].is_none());                  // email: null
  CHECK(f[4].is_none());                  // phone absent
  CHECK(Rec(f[5]).fields[0].as<bool>() == false);
  CHECK(Rec(f[5]).fields[1].as<bool>() == true);
  CHECK(f[6].is_none());
  CHECK(Lst(Rec(f[7]).fields[3]).empty());
}

TEST_CASE("every violation is reported with its path", "[json]") {
  Schema s = testing::StatementSchema();
  JsonDecoder dec(*s.input);
  auto r = dec.Decode(
      R"({"id": "C1", "name": 42, "email": "ada", "phone": "+49 30 123", "language": "xx-!!",)"
      R"( "consent": {"email": "yes"}, "address": {"line1": "1 Road", "city": "X", "postcode": "1", "country": "XX"},)"
      R"( "account": {"number": "1", "currency": "EUX", "opening_balance": "12,5O", "transactions": [)"
      R"({"date": "2026-10-01", "description": "a", "amount": "1.00"},)"
      R"({"date": "2026-13-01", "description": "b", "amount": 2.5},)"
      R"({"date": "2026-10-02", "description": ["c"]},)"
      R"({"date": "2026-10-03", "description": "d", "amount": "12,5O"}, 7, null]}})");
  CHECK(r.record == nullptr);
  CHECK(Messages(r) == Strings{
                           "/name: expected a string, found 42",
                           "/email: expected an email address, found \"ada\"",
                           "/phone: expected a phone number, found \"+49 30 123\"",
                           "/language: unknown locale \"xx-!!\"",
                           "/consent/email: expected a boolean, found \"yes\"",
                           "/address/country: unknown country code \"XX\"",
                           "/account/currency: unknown currency code \"EUX\"",
                           "/account/opening_balance: expected a decimal, found \"12,5O\"",
                           "/account/transactions/1/date: bad date \"2026-13-01\"",
                           "/account/transactions/2/description: expected a string, found an array",
                           "/account/transactions/2: missing required field `amount`",
                           "/account/transactions/3/amount: expected a decimal, found \"12,5O\"",
                           "/account/transactions/4: expected an object, found 7",
                           "/account/transactions/5: expected an object, found null",
                       });
}

TEST_CASE("missing and null required fields", "[json]") {
  Schema s = testing::StatementSchema();
  JsonDecoder dec(*s.input);
  auto r = dec.Decode(R"({"id": null, "consent": {}, "account": {}})");
  // In input order; a record's missing fields are reported where the record ends.
  CHECK(Messages(r) == Strings{
                           "/id: expected a string, found null",
                           "/account: missing required field `number`",
                           "/account: missing required field `currency`",
                           "/account: missing required field `opening_balance`",
                           "/account: missing required field `transactions`",
                           ": missing required field `name`",
                       });
}

TEST_CASE("scalar type violations", "[json]") {
  AllTypes t;
  JsonDecoder dec(t.root);
  auto one = [&](const std::string& json) {
    auto r = dec.Decode(json);
    REQUIRE(r.violations.size() == 1);
    CHECK(r.record == nullptr);
    return r.violations[0].ToString();
  };
  CHECK(one(R"({"i": 99999999999999999999})") == "/i: number out of range");
  CHECK(one(R"({"i": 1.5})") == "/i: expected an integer, found 1.5");
  CHECK(one(R"({"i": "1"})") == "/i: expected an integer, found \"1\"");
  CHECK(one(R"({"b": 1})") == "/b: expected a boolean, found 1");
  CHECK(one(R"({"d": 1.0000000000000000001})") == "/d: expected a decimal, found 1.0000000000000000001");
  CHECK(one(R"({"d": true})") == "/d: expected a decimal, found true");
  CHECK(one(R"({"dt": "2026-10-07T12:00:00"})") == "/dt: bad date-time \"2026-10-07T12:00:00\"");
  CHECK(one(R"({"date": 20261007})") == "/date: expected a date, found 20261007");
  CHECK(one(R"({"s": {"a": 1}})") == "/s: expected a string, found an object");
  auto ok = dec.Decode(R"({"s": "tab\there \u00e9"} )");
  REQUIRE(ok.violations.empty());
  CHECK(ok.record->fields[0].as<std::string>() == "tab\there \u00e9");
}

TEST_CASE("malformed, truncated and non-UTF-8 lines", "[json]") {
  AllTypes t;
  JsonDecoder dec(t.root);
  auto msgs = [&](std::string_view json) { return Messages(dec.Decode(json)); };
  CHECK(msgs(R"({"s": "a", "i": })") ==
        Strings{": malformed JSON (The JSON document has an improper structure: missing or superfluous commas, "
                "braces, missing keys, etc.)"});
  CHECK(msgs(R"({"s": "a", "ints": [1, 2)") ==
        Strings{": malformed JSON (JSON document ended early in the middle of an object or array.)"});
  CHECK(msgs(R"({"s": "a", "i": 1)") ==
        Strings{": malformed JSON (JSON document ended early in the middle of an object or array.)"});
  CHECK(msgs(R"({"s": "abc)") == Strings{": malformed JSON (A string is opened, but never closed.)"});
  CHECK(msgs("") == Strings{": malformed JSON (Empty: no JSON found)"});
  CHECK(msgs(R"({"s": "a"} {})") == Strings{": malformed JSON (Unexpected trailing content in the JSON input.)"});
  CHECK(msgs("{\"s\": \"caf\xC3\"}") == Strings{": invalid UTF-8"});
  CHECK(msgs("[1]") == Strings{": expected an object, found an array"});
  // A bad line leaves the decoder ready for the next one.
  CHECK(msgs(R"({"s": "ok"})") == Strings{});
}

}  // namespace
}  // namespace missive::data

// Sema checks on whole programs: the statement example is clean, names, types, layouts, channels.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "compiler/sema/checker.h"
#include "tests/sema/helpers.h"

using namespace missive;
using namespace missive::sema::testing;
using Codes = std::vector<std::string>;

TEST_CASE("the statement example checks with zero diagnostics", "[sema]") {
  diag::Sink sink;
  auto program = sema::Load(SourceDir() + "/examples/statement/statement.msv", sema::Options{}, sink);
  REQUIRE(program != nullptr);
  sema::Check(*program, sink);
  std::string all;
  for (const auto& d : sink.all()) all += diag::render_text(d, program->sources, {});
  INFO(all);
  CHECK(sink.all().empty());
  // main, std.money, parts/address.msv: each once
  REQUIRE(program->modules.size() == 3);
  CHECK(program->modules[0].std_imports.size() == 1);
  CHECK(program->modules[0].aliases.count("addr") == 1);
}

TEST_CASE("unknown names suggest the closest one as a note and a fix", "[sema]") {
  auto r = CheckText(
      kPrelude +
      "rules { let closing = account.opening_balance\n let x = clossing }\nlayout print { \"{x} {closing}\" }\n");
  REQUIRE(r->sink.all().size() == 1);
  const auto& d = r->sink.all()[0];
  CHECK(d.kind == diag::Kind::UnknownName);
  CHECK(d.message == "unknown name `clossing`");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0] == "did you mean `closing`?");
  REQUIRE(d.fixit.has_value());
  CHECK(d.fixit->replacement == "closing");
  CHECK(d.fixit->span.begin == d.span.begin);
  CHECK(d.fixit->span.end - d.fixit->span.begin == 8);
}

TEST_CASE("unknown fields name the record and suggest a field", "[sema]") {
  auto r = CheckText(kPrelude + "layout print { \"{account.openin_balance}\" }\n");
  REQUIRE(r->sink.all().size() == 1);
  const auto& d = r->sink.all()[0];
  CHECK(d.message == "record `Account` has no field `openin_balance`");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0] == "did you mean `opening_balance`?");
}

TEST_CASE("a let cannot use a later let", "[sema]") {
  auto r = CheckText(kPrelude + "rules { let a = b + 1\n let b = 2 }\nlayout print { \"{a}\" }\n");
  CHECK(r->codes() == Codes{"M0201 unknown name `b`"});
  REQUIRE(r->sink.all()[0].labels.size() == 1);
}

TEST_CASE("an error-typed expression produces no further errors", "[sema]") {
  auto r = CheckText(kPrelude +
                     "rules { let a = nope * 2\n let b = a + account.opening_balance }\n"
                     "layout print { \"{b} {upper(a)}\" }\n");
  CHECK(r->codes() == Codes{"M0201 unknown name `nope`"});
}

TEST_CASE("types of builtins and operators", "[sema]") {
  auto r = CheckText(kPrelude + R"(rules {
  let total = sum(account.transactions, .amount)
  let n = count(account.transactions) + 1
  let big = total > n and n != 0
  let days = days_between(first(account.transactions).date, last(account.transactions).date)
  let names = join(map(account.transactions, .description), ", ")
  let bad = name + "!"
  let worse = money(name, account.currency)
}
layout print { "{total} {big} {days} {names} {bad} {worse}" }
)");
  CHECK(r->codes() ==
        Codes{"M0311 cannot apply `+` to `String` and `String`", "M0301 `money` expects `Decimal`, found `String`"});
}

TEST_CASE("builtin argument counts and named arguments", "[sema]") {
  auto r = CheckText(kPrelude + R"(rules {
  let a = count(account.transactions, 1)
  let b = running_sum(account.transactions, .amount, start: 0)
  let c = running_sum(account.transactions, .amount, from: 1.5)
  let d = number(account.opening_balance, decimals: 0)
}
layout print { "{a} {count(b)} {count(c)} {d}" }
)");
  CHECK(r->codes() ==
        Codes{"M0303 `count` takes 1 argument, found 2", "M0212 `running_sum` has no argument named `start`"});
}

TEST_CASE("builtin arguments bind by the table: any parameter by name, each once, rounding modes checked", "[sema]") {
  auto r = CheckText(kPrelude + R"(rules {
  let a = round(account.opening_balance, mode: "half-up", digits: 2)
  let b = round(account.opening_balance, 2, "sideways")
  let c = number(account.opening_balance, 1, decimals: 2)
  let d = pad_left(name, fill: "*", width: 10)
  let e = money(account.opening_balance)
}
layout print { "{a} {b} {c} {d} {e}" }
)");
  CHECK(r->codes() == Codes{"M0313 `mode` of `round` is a rounding mode in quotes",
                            "M0313 the argument `decimals` of `number` is given twice",
                            "M0303 `money` takes 2 to 3 arguments, found 1"});
}

TEST_CASE("interpolating a record or a list needs formatting", "[sema]") {
  auto r = CheckText(kPrelude + "layout print { \"{account} {account.transactions} {account.number}\" }\n");
  CHECK(r->codes() == Codes{"M0306 cannot put an `Account` into text", "M0306 cannot put a `[Transaction]` into text"});
}

TEST_CASE("layouts: styles, page names, columns, subject", "[sema]") {
  auto r = CheckText(kPrelude + R"(style body { font: "DejaVu Sans"; size: 10pt; colour: #000000; weight: 12pt }
layout print {
  page A6 style bdy { footer { text "{page}/{pages}" } }
  text "{pages}"
  table account.transactions as t { columns [20mm, "x"]; row { t.description } }
}
layout email { from "letters@example.com"; body { text name } }
channels { print; email to email }
)");
  CHECK(r->codes() ==
        Codes{"M0401 unknown style property `colour`",
              "M0402 invalid value for `weight`: expected `normal`, `bold`, `light` or a number like `600`",
              "M0405 unknown page size `A6`", "M0209 unknown style `bdy`",
              "M0403 `pages` can only be used in a page `header` or `footer`",
              "M0406 a table column is a length, a fraction like `1fr` or `auto`, found `\"x\"`",
              "M0406 the table has 2 columns but the row has 1 cells", "M0407 `layout email` needs a `subject`",
              "M0503 channel `email` is never chosen"});
}

TEST_CASE("fonts must be installed under the family asked for", "[sema]") {
  std::string matched;
  CHECK(sema::FontFamilyInstalled("DejaVu Sans", matched));
  CHECK(matched == "DejaVu Sans");
  CHECK(sema::FontFamilyInstalled("dejavu sans", matched));
  CHECK_FALSE(sema::FontFamilyInstalled("Nonexistent Family Xyzzy", matched));
  CHECK(matched != "Nonexistent Family Xyzzy");
}

TEST_CASE("channels: layouts, names, duplicates, missing channels block", "[sema]") {
  auto r = CheckText(kPrelude + R"(layout sms { "hi" }
layout print { text name }
channels {
  emial when email != none
  sms to name
  sms to name when email != none
  print
  push to id
}
)");
  CHECK(r->codes() == Codes{"M0502 unknown channel `emial`", "M0504 channel `sms` is listed twice",
                            "M0503 channel `push` is never chosen", "M0501 channel `push` has no `layout push`"});
  auto none = CheckText(kPrelude + "layout sms { \"hi\" }\nlayout print { text name }\n");
  CHECK(none->codes() == Codes{"M0507 `layout sms` needs a channel that names its recipient",
                               "M0505 several layouts but no `channels` block to choose between them"});
}

TEST_CASE("warnings: unused lets and a missing @key", "[sema]") {
  auto r = CheckText(R"(communication L version "1"
schema { record C { name: String } }
input C
rules { let unused = 1
 let used = 2 }
layout print { "{used} {name}" }
)");
  CHECK(r->codes() == Codes{"M0310 input record `C` has no `@key` field", "M0250 `unused` is never used"});
  CHECK(r->sink.error_count() == 0);
  CHECK(r->sink.warning_count() == 2);
}

TEST_CASE("tests: given fields and expectations", "[sema]") {
  auto r = CheckText(kPrelude + R"(rules { let closing = account.opening_balance }
layout print { "{closing}" }
test "t" {
  given { id: "1", nme: "x", account: { number: "1", currency: "GBP", opening_balance: "1", transactions: [] } }
  expect channel == fax
  expect closing
  expect closing == 1
}
)");
  CHECK(r->codes() == Codes{"M0203 record `Customer` has no field `nme`", "M0506 `fax` is not a channel",
                            "M0506 an expectation must be a `Bool` condition, found `Decimal`"});
}

TEST_CASE("every prefix of the statement checks without crashing and reports something", "[sema]") {
  std::ifstream in(SourceDir() + "/examples/statement/statement.msv", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string full = text.str();
  REQUIRE(full.size() > 1000);
  const std::string path = SourceDir() + "/examples/statement/statement.msv";
  std::size_t with_errors = 0;
  for (std::size_t n = 0; n < full.size(); n += 53) {
    auto r = CheckText(full.substr(0, n), path);
    REQUIRE(r->program != nullptr);
    if (r->sink.error_count() > 0) ++with_errors;
  }
  // Cut mid-way, almost every prefix is broken somewhere; the full file is not.
  CHECK(with_errors > 10);
  CHECK(CheckText(full, path)->sink.all().empty());
}

TEST_CASE("a program using every kind of construct checks clean", "[sema]") {
  auto r = CheckText(kPrelude + R"(
fn fee(x: Decimal): Decimal = round(x * 0.01, 2)
fn label(t: Transaction) = "{date(t.date)} {t.description}"
rules {
  let txns = account.transactions
  require all(txns, .amount != 0) else reject "zero amount in {account.number}"
  let groups = group_by(txns, .description)
  let biggest = max(txns, .amount)
  let credits = count(txns where it.amount > 0 and .description != "")
  let labels = map(sort_by(txns, .date), label(it))
  let ints = sum([1, 2, 3])
  let next_month = add_months(first(txns).date, 1)
  let fees = fee(account.opening_balance) + ints
  let has_line2 = address != none and address.line2 != none
}
style s { font: "DejaVu Sans"; size: 9pt; italic: true; color: #112233; radius: 2mm; width: 1fr }
component pair(a: String, b: String) { row { text a; fill; text b } }
layout print {
  page Letter margin [10mm, 20mm] {
    first { header { text "first page" } }
    footer { text right "{page}/{pages}" }
  }
  for g index gi in groups { pair(g.key, "{count(g.items)} items, #{gi}") }
  keep { text "{biggest} {credits} {join(labels, ", ")} {number(fees, decimals: 0)}" style s }
  if has_line2 { text "two lines" } else if address != none { text address.line1 } else { text "-" }
  text "{format(next_month, "d MMM")} {plural(credits, "credit")} {pad_left(account.number, 10, "0")}"
  place at (20mm, 45mm) width 85mm overflow shrink { text name }
  image "logo.png" width 30mm fit contain
  barcode qr "{account.number}" width 20mm
  table txns as t {
    columns [auto, 1fr]
    header repeat { "Date"; "What" }
    row zebra style s { date(t.date); t.description }
  }
}
)");
  std::string all;
  for (const auto& d : r->sink.all()) all += diag::render_text(d, r->program->sources, {});
  INFO(all);
  CHECK(r->sink.all().empty());
}

TEST_CASE("functions: inferred results, recursion needs a declared result", "[sema]") {
  auto r = CheckText(kPrelude + R"(fn twice(x: Decimal) = x * 2
fn loop(x: Int) = loop(x - 1)
fn fact(x: Int): Int = if x <= 1 then 1 else x * fact(x - 1)
layout print { "{upper(twice(1))} {loop(1)} {fact(3)}" }
)");
  CHECK(r->codes() == Codes{"M0301 `loop` is recursive: declare its result type, e.g. `): Decimal =`",
                            "M0301 `upper` expects `String`, found `Decimal`"});
}

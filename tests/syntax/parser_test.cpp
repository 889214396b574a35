// Parser tests: every construct of the language, checked through the canonical AST dump.
#include <catch2/catch.hpp>

#include "tests/syntax/syntax_test_util.h"

using missive::syntax::testing::Body;
using missive::syntax::testing::ParseText;

TEST_CASE("parser: the header and imports", "[syntax]") {
  const auto p = ParseText(R"msv(communication Letter version "2.1"
import std.money
import std.text.format
import "parts/address.msv" as addr)msv");
  CHECK(p->Diagnostics().empty());
  CHECK(Body(*p) == R"dump(communication Letter version "2.1"
import std.money
import std.text.format
import "parts/address.msv" as addr
)dump");
}

TEST_CASE("parser: schema records, types, defaults and annotations", "[syntax]") {
  const auto p = ParseText(R"msv(schema {
  record R { a: String; b: addr.Address?; c: [Transaction]; d: [String]? }
  record S {
    lang: Locale = "en" @key
    code: String @format("x", 2) @key
  }
})msv");
  CHECK(p->Diagnostics().empty());
  CHECK(Body(*p) == R"dump(record R
  field a: String
  field b: addr.Address?
  field c: [Transaction]
  field d: [String]?
record S
  field lang: Locale
    default: string "en"
    @key
  field code: String
    @format
      string "x"
      int 2
    @key
)dump");
}

TEST_CASE("parser: rules separated by semicolons and newlines", "[syntax]") {
  const auto p = ParseText(R"msv(rules { let a = 1; require a > 0 else reject "a {a}"
  let b = 2 })msv");
  CHECK(p->Diagnostics().empty());
  CHECK(Body(*p) == R"dump(let a
  int 1
require
  cond: binary >
    name a
    int 0
  reject: interpolated
    text "a "
    expr: name a
let b
  int 2
)dump");
}

TEST_CASE("parser: expression precedence", "[syntax]") {
  const auto p = ParseText(R"msv(rules {
  let p = if a then b else if c then d else e
  let q = xs where .amount > 0 and not done or late
  let r = 1 + 2 * 3 - 4 / 5 % 6
  let s = -x.y[0](1, from: 2)
  let t = a == b != c < d <= e > f >= g
})msv");
  CHECK(p->Diagnostics().empty());
  CHECK(Body(*p) == R"dump(let p
  if
    cond: name a
    then: name b
    else: if
      cond: name c
      then: name d
      else: name e
let q
  binary where
    name xs
    binary or
      binary and
        binary >
          implicit .amount
          int 0
        unary not
          name done
      name late
let r
  binary -
    binary +
      int 1
      binary *
        int 2
        int 3
    binary %
      binary /
        int 4
        int 5
      int 6
let s
  unary -
    call
      index
        member .y
          name x
        int 0
      arg: int 1
      arg from: int 2
let t
  binary >=
    binary >
      binary <=
        binary <
          binary !=
            binary ==
              name a
              name b
            name c
          name d
        name e
      name f
    name g
)dump");
}

TEST_CASE("parser: literals, records, lists and strings", "[syntax]") {
  const auto p = ParseText(R"msv(rules {
  let a = [10.50, 10pt, 3mm, 1.5cm, 2in, 1fr, #C0392B, true, false, none, "s"]
  let b = { a: 1, b: { c: 2 }, }
  let c = "Statement {format(month, "MMMM yyyy")} · {x}"
  let d = "tab\t nl\n q\" bs\\ br\{\} \u{1F600}"
  let e = (a + b) * c
  let f = []
  let g = {}
})msv");
  CHECK(p->Diagnostics().empty());
  CHECK(Body(*p) == R"dump(let a
  list
    decimal 10.50
    length 10pt
    length 3mm
    length 1.5cm
    length 2in
    fraction 1fr
    color #C0392B
    bool true
    bool false
    none
    string "s"
let b
  record
    a: int 1
    b: record
      c: int 2
let c
  interpolated
    text "Statement "
    expr: call
      name format
      arg: name month
      arg: string "MMMM yyyy"
    text " · "
    expr: name x
let d
  string "tab\t nl\n q\" bs\\ br\{\} 😀"
let e
  binary *
    binary +
      name a
      name b
    name c
let f
  list
let g
  record
)dump");
}

TEST_CASE("parser: functions", "[syntax]") {
  const auto p = ParseText(R"msv(fn abs(x: Decimal): Decimal = if x < 0 then -x else x
fn unit() = 1)msv");
  CHECK(p->Diagnostics().empty());
  CHECK(Body(*p) == R"dump(fn abs(x: Decimal): Decimal
  if
    cond: binary <
      name x
      int 0
    then: unary -
      name x
    else: name x
fn unit()
  int 1
)dump");
}

TEST_CASE("parser: styles with several values per property", "[syntax]") {
  const auto p = ParseText(R"msv(style s { font: "DejaVu Sans"; size: 10pt; border: 0.5pt #888888; padding: 3mm 0mm
  weight: bold
  leading: 1.3; indent: -2mm })msv");
  CHECK(p->Diagnostics().empty());
  CHECK(Body(*p) == R"dump(style s
  prop font
    string "DejaVu Sans"
  prop size
    length 10pt
  prop border
    length 0.5pt
    color #888888
  prop padding
    length 3mm
    length 0mm
  prop weight
    name bold
  prop leading
    decimal 1.3
  prop indent
    unary -
      length 2mm
)dump");
}

TEST_CASE("parser: components and comments", "[syntax]") {
  const auto p = ParseText(R"msv(/* block
comment */ component c(a: String, b: [Item]) {
  text a // trailing
})msv");
  CHECK(p->Diagnostics().empty());
  CHECK(Body(*p) == R"dump(component c(a: String, b: [Item])
  text
    name a
)dump");
}

TEST_CASE("parser: print layout with page setup and every statement", "[syntax]") {
  const auto p = ParseText(R"msv(layout print {
  page A4 margin [20mm, 15mm] duplex true style body {
    header style h { text "H" }
    footer { text right "Page {page} of {pages}" }
    first { header { line } footer style f { "first" } }
  }
  text left name style strong
  text justify "j"
  "bare" style s
  row style r { fill; text "x" }
  column { space 6mm; line; pagebreak }
  box style b { keep { text "k" } }
  if a { text "a" } else if b { text "b" } else { text "c" }
  for item index i in items { text item.name }
  block(1, 2)
  addr.block(name, address: a)
  place at (10mm, 20mm) width 85mm overflow shrink { text "p" }
  image "logo.png" width 30mm height 1cm fit contain
  barcode qr account.number width 20mm
})msv");
  CHECK(p->Diagnostics().empty());
  CHECK(Body(*p) == R"dump(layout print
  page A4 style body
    option margin: list
      length 20mm
      length 15mm
    option duplex: bool true
    header style h
      text
        string "H"
    footer
      text right
        interpolated
          text "Page "
          expr: name page
          text " of "
          expr: name pages
    first header
      line
    first footer style f
      text
        string "first"
  text left style strong
    name name
  text justify
    string "j"
  text style s
    string "bare"
  row style r
    fill
    text
      string "x"
  column
    space
      length 6mm
    line
    pagebreak
  box style b
    keep
      text
        string "k"
  if
    cond: name a
    then
      text
        string "a"
    else
      if
        cond: name b
        then
          text
            string "b"
        else
          text
            string "c"
  for item index i
    in: name items
    text
      member .name
        name item
  component
    call
      name block
      arg: int 1
      arg: int 2
  component
    call
      member .block
        name addr
      arg: name name
      arg address: name a
  place
    x: length 10mm
    y: length 20mm
    option width: length 85mm
    option overflow: name shrink
    text
      string "p"
  image
    path: string "logo.png"
    option width: length 30mm
    option height: length 1cm
    option fit: name contain
  barcode qr
    data: member .number
      name account
    option width: length 20mm
)dump");
}

TEST_CASE("parser: digital layouts, tables, channels and tests", "[syntax]") {
  const auto p = ParseText(R"msv(layout email { subject "Hi {name}"; body { text "Dear" } }
layout sms { "Balance {b}." }
layout push { title "Ready"; body { "Open the app" } }
layout print {
  table rows as r {
    columns [24mm, 1fr, auto]
    header { "A"; center "B" style th; }
    row { r.a; -r.b; right r.c style num }
  }
}
channels { email when consent.email; sms
  print
  otherwise reject "none" }
test "t" { given { a: 1 }; expect channel == email; expect total == 7.50; expect reject "m"; expect text contains "x"; expect pages == 2 }
test "u" { given "data/u.json" })msv");
  CHECK(p->Diagnostics().empty());
  CHECK(Body(*p) == R"dump(layout email
  subject: interpolated
    text "Hi "
    expr: name name
  text
    string "Dear"
layout sms
  text
    interpolated
      text "Balance "
      expr: name b
      text "."
layout push
  subject: string "Ready"
  text
    string "Open the app"
layout print
  table as r
    list: name rows
    columns
      length 24mm
      fraction 1fr
      name auto
    header
      cell
        string "A"
      cell center style th
        string "B"
    row
      cell
        member .a
          name r
      cell
        unary -
          member .b
            name r
      cell right style num
        member .c
          name r
channels
  channel email
    when: member .email
      name consent
  channel sms
  channel print
  otherwise reject: string "none"
test "t"
  given: record
    a: int 1
  expect channel email
  expect: binary ==
    name total
    decimal 7.50
  expect reject: string "m"
  expect text contains: string "x"
  expect pages: int 2
test "u"
  given: string "data/u.json"
)dump");
}

TEST_CASE("parser: table cells on separate lines need no `;`", "[syntax]") {
  const auto p = ParseText(
      "layout print {\n  table xs as t {\n    header {\n      \"A\"\n      right \"B\"; \"C\"\n    }\n"
      "    row { f(t,\n  1)\n      -t.b\n      t.c }\n  }\n}");
  CHECK(p->Diagnostics().empty());
  const auto& table = *p->module->layouts.at(0).body.at(0)->table;
  REQUIRE(table.header.size() == 3);
  CHECK(table.header[1].align == missive::ast::Align::Right);
  REQUIRE(table.row.size() == 3);
  CHECK(table.row[0].value->args.size() == 2);  // a line break inside brackets is no separator
  CHECK(table.row[1].value->kind == missive::ast::ExprKind::Unary);
  CHECK(p->Text(table.row[1].span) == "-t.b");
  // On one line, cells still need their `;`.
  CHECK(ParseText("layout print { table xs as t { row { a b } } }")->Diagnostics() ==
        std::vector<std::string>{"1:40 M0101 unexpected `b` in `row`"});
}

TEST_CASE("parser: empty and blank files are empty modules", "[syntax]") {
  for (const char* text : {"", "  \n\t\n", "// only a comment\n"}) {
    const auto p = ParseText(text);
    CHECK(p->Diagnostics().empty());
    CHECK(Body(*p).empty());
  }
}

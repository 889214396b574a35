// Optionals: using one unchecked is M0302; `!= none` narrows in `if`, after `and`, and in a channel's layout.
#include <catch2/catch.hpp>

#include "tests/sema/helpers.h"

using namespace missive::sema::testing;
using Codes = std::vector<std::string>;

namespace {

Codes Layout(const std::string& body, const std::string& channels = "") {
  return CheckText(kPrelude + "layout print {\n" + body + "\n}\n" + channels)->codes();
}

}  // namespace

TEST_CASE("an unchecked optional is reported with the check to add", "[narrowing]") {
  CHECK(Layout("text address.city") == Codes{"M0302 `address` may be `none`; check `address != none` first"});
  CHECK(Layout("text upper(email)") == Codes{"M0302 `email` may be `none`; check `email != none` first"});
}

TEST_CASE("`if x != none` narrows inside, `== none` narrows the else branch", "[narrowing]") {
  CHECK(Layout("if address != none { text address.city }").empty());
  CHECK(Layout("if none != address { text address.city }").empty());
  CHECK(Layout("if address == none { text \"-\" } else { text address.city }").empty());
  CHECK(Layout("if address == none { text address.city }") ==
        Codes{"M0302 `address` may be `none`; check `address != none` first"});
  // narrowing ends with the block
  CHECK(Layout("if address != none { text address.city }\ntext address.line1") ==
        Codes{"M0302 `address` may be `none`; check `address != none` first"});
}

TEST_CASE("`and` narrows its right side; `or` does not", "[narrowing]") {
  CHECK(Layout("if address != none and address.city != \"\" { text \"x\" }").empty());
  CHECK(Layout("if address != none or address.city != \"\" { text \"x\" }") ==
        Codes{"M0302 `address` may be `none`; check `address != none` first"});
  CHECK(Layout("if address == none or address.city == \"\" { text \"x\" }").empty());
  CHECK(Layout("if not (address == none) { text address.city }").empty());
}

TEST_CASE("member paths narrow: `address.line2 != none`", "[narrowing]") {
  CHECK(Layout("if address != none and address.line2 != none { text upper(address.line2) }").empty());
  CHECK(Layout("if address != none { text upper(address.line2) }") ==
        Codes{"M0302 `address.line2` may be `none`; check `address.line2 != none` first"});
}

TEST_CASE("`if … then … else` narrows its branches", "[narrowing]") {
  CHECK(Layout("text (if email != none then upper(email) else \"-\")").empty());
  CHECK(Layout("text (if email == none then \"-\" else email)").empty());
  // the then-branch is not narrowed: the whole `if` may be none
  CHECK(Layout("text (if email == none then email else \"-\")") == Codes{"M0302 this value may be `none`"});
}

TEST_CASE("a channel's `when` narrows inside that channel's layout only", "[narrowing]") {
  const std::string prelude =
      kPrelude +
      "layout print { text address.city }\n"
      "layout email { subject \"s\"; from \"a@example.com\"; body { text email; text address.city } }\n";
  auto r = CheckText(prelude + "channels { email to email when email != none\n print when address != none }\n");
  CHECK(r->codes() == Codes{"M0302 `address` may be `none`; check `address != none` first"});
  REQUIRE(r->sink.all().size() == 1);
  // the error is the one in `layout email`, not the one in `layout print`
  const auto& file = r->program->sources.file(r->sink.all()[0].span.file);
  CHECK(file.line_col(r->sink.all()[0].span.begin).line == 10);
}

TEST_CASE("for and table variables, index vars and `it`", "[narrowing]") {
  CHECK(Layout("for t index i in account.transactions { text \"{i}: {t.description} {date(t.date)}\" }").empty());
  CHECK(Layout("table account.transactions as t index i { columns [1fr, auto]; row { t.description; "
               "number(i) } }")
            .empty());
  CHECK(CheckText(kPrelude + "rules { let big = account.transactions where it.amount > 10 and .amount < 100 }\n"
                             "layout print { \"{count(big)}\" }\n")
            ->codes()
            .empty());
  CHECK(Layout("for t in account.transactions { text t.descripton }") ==
        Codes{"M0203 record `Transaction` has no field `descripton`"});
}

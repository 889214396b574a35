// The evaluator on small templates: exact arithmetic, list functions, requires, channels, errors.
#include "tests/native/native_helpers.h"

using namespace missive::native::testing;

namespace {

const char* kHeader = R"(communication T version "1"
schema {
  record R { id: String @key; n: Int = 3; xs: [Item]; lang: Locale = "en"; email: Email?; ok: Bool = false; d: Date?; day: Date = "2024-01-31" }
  record Item { a: Decimal; s: String }
}
input R
locale lang
)";

std::string Template(const std::string& body) { return std::string(kHeader) + body; }

const char* kRecord =
    R"({"id": "k1", "xs": [{"a": "0.10", "s": "x"}, {"a": "0.20", "s": "y"}, {"a": "-1.05", "s": "z"}]})";

}  // namespace

TEST_CASE("decimal arithmetic is exact and keeps its scale") {
  auto b = BuildText(Template(R"(rules {
  let total = sum(xs, .a)
  let pos = sum(xs where .a > 0, .a)
  let third = 1 / 3
  let product = 1.10 * 3
  let exact = 0.1 + 0.2 == 0.3
  let run = running_sum(xs, .a, from: 10)
}
layout print { "{total} {pos} {third} {product} {exact} {count(run)}" }
)"));
  INFO(b.diagnostics);
  REQUIRE(b.program);
  auto o = RunJson(*b.program, kRecord);
  REQUIRE_FALSE(o.rejected());
  CHECK(Json(Let(o, "total")) == "-0.75");
  CHECK(Json(Let(o, "pos")) == "0.30");
  CHECK(Json(Let(o, "third")) == "0.333333333333333333");
  CHECK(Json(Let(o, "product")) == "3.30");
  CHECK(Json(Let(o, "exact")) == "true");
  CHECK(Json(Let(o, "run")) == "[10.10, 10.30, 9.25]");
  CHECK(o.channel == "print");
}

TEST_CASE("list and string builtins") {
  auto b = BuildText(Template(R"(rules {
  let names = map(xs, .s)
  let joined = join(names, "-")
  let sorted = map(sort_by(xs, .a), .s)
  let biggest = max(xs, .a)
  let some = any(xs, .a < 0)
  let every = all(xs, .a < 0)
  let last_s = last(xs).s
  let up = upper("straße")
  let padded = pad_left("7", 3, "0")
  let cut = truncate("Northwind Saver account", 9)
  let parts = split("a,b,c", ",")
  let swapped = replace("a-b-a", "a", "x")
  let groups = count(group_by(xs, .a > 0))
  let r = round(2.345, 2)
  let shown = string(n)
}
layout print { "{joined}{join(sorted, ",")}{biggest}{some}{every}{last_s}{up}{padded}{cut}{join(parts, ",")}{swapped}{groups}{r}{shown}" }
)"));
  INFO(b.diagnostics);
  REQUIRE(b.program);
  auto o = RunJson(*b.program, kRecord);
  REQUIRE_FALSE(o.rejected());
  CHECK(Json(Let(o, "joined")) == "\"x-y-z\"");
  CHECK(Json(Let(o, "sorted")) == "[\"z\", \"x\", \"y\"]");
  CHECK(Json(Let(o, "biggest")) == "0.20");
  CHECK(Json(Let(o, "some")) == "true");
  CHECK(Json(Let(o, "every")) == "false");
  CHECK(Json(Let(o, "last_s")) == "\"z\"");
  CHECK(Json(Let(o, "up")) == "\"STRASSE\"");
  CHECK(Json(Let(o, "padded")) == "\"007\"");
  CHECK(Json(Let(o, "cut")) == "\"Northwin…\"");
  CHECK(Json(Let(o, "parts")) == "[\"a\", \"b\", \"c\"]");
  CHECK(Json(Let(o, "swapped")) == "\"x-b-x\"");
  CHECK(Json(Let(o, "groups")) == "2");
  CHECK(Json(Let(o, "r")) == "2.34");
  CHECK(Json(Let(o, "shown")) == "\"3\"");
}

TEST_CASE("requires reject with their message; later failures do not add reasons") {
  auto b = BuildText(Template(R"(rules {
  let empty = xs where .a > 100
  require count(empty) > 0 else reject "no big items"
  let big = first(empty).a
}
layout print { "{big}" }
)"));
  INFO(b.diagnostics);
  REQUIRE(b.program);
  auto o = RunJson(*b.program, kRecord);
  REQUIRE(o.rejected());
  CHECK(o.reject_reasons == std::vector<std::string>{"no big items"});
  CHECK(o.channel.empty());
}

TEST_CASE("a runtime failure rejects the record with its source location") {
  auto b = BuildText(Template(R"(rules {
  let empty = xs where .a > 100
  let big = first(empty).a
}
layout print { "{big}" }
)"));
  INFO(b.diagnostics);
  REQUIRE(b.program);
  auto o = RunJson(*b.program, kRecord);
  REQUIRE(o.rejected());
  REQUIRE(o.reject_reasons.size() == 1);
  CHECK(o.reject_reasons[0] == "t.msv:10:13: `first` of an empty list");
}

TEST_CASE("channels: first eligible wins, skipped ones are explained, otherwise rejects") {
  auto b = BuildText(Template(R"(layout email { subject "s"; from "a@example.com"; body { "hi" } }
layout sms { "hi" }
layout print { "hi" }
channels {
  email to email when ok and email != none
  sms to "+447700900123" when n > 5
  print when d != none
  otherwise reject "nobody to reach"
}
)"));
  INFO(b.diagnostics);
  REQUIRE(b.program);
  auto o = RunJson(*b.program, R"({"id": "a", "xs": [], "ok": true, "email": "a@b.example"})");
  CHECK(o.channel == "email");
  CHECK(o.skipped.empty());
  o = RunJson(*b.program, R"({"id": "a", "xs": [], "n": 7})");
  CHECK(o.channel == "sms");
  CHECK(o.skipped == std::vector<std::string>{"channel `email`: `ok and email != none` is false"});
  o = RunJson(*b.program, R"({"id": "a", "xs": []})");
  CHECK(o.reject_reasons == std::vector<std::string>{"nobody to reach"});
  missive::native::RunOptions forced;
  forced.force_channel = "print";
  o = RunJson(*b.program, R"({"id": "a", "xs": [], "ok": true, "email": "a@b.example"})", forced);
  CHECK(o.reject_reasons == std::vector<std::string>{"channel `print`: `d != none` is false"});
  o = RunJson(*b.program, R"({"id": "a", "xs": [], "d": "2026-01-31"})", forced);
  CHECK(o.channel == "print");
  REQUIRE(o.print);
}

TEST_CASE("dates: arithmetic and month ends") {
  auto b = BuildText(Template(R"(fn next_month(x: Date): Date = add_months(x, 1)
rules {
  let feb = next_month(day)
  let span = days_between(day, add_days(day, 45))
  let y = year(day) * 100 + month(feb)
  let later = add_days(day, 30) > day
}
layout print { "{feb} {span} {y} {later}" }
)"));
  INFO(b.diagnostics);
  REQUIRE(b.program);
  auto o = RunJson(*b.program, R"({"id": "a", "xs": []})");
  REQUIRE_FALSE(o.rejected());
  CHECK(Json(Let(o, "feb")) == "\"2024-02-29\"");
  CHECK(Json(Let(o, "span")) == "45");
  CHECK(Json(Let(o, "y")) == "202402");
  CHECK(Json(Let(o, "later")) == "true");
}

TEST_CASE("a recursion that does not end rejects the record instead of overflowing the stack") {
  auto b = BuildText(Template(R"(fn down(k: Int): Int = if k <= 0 then 0 else 1 + down(k - 1)
rules {
  let deep = down(n * 1000000)
  let shallow = down(100)
}
layout print { "{deep} {shallow}" }
)"));
  INFO(b.diagnostics);
  REQUIRE(b.program);
  auto o = RunJson(*b.program, R"({"id": "a", "xs": []})");
  REQUIRE(o.rejected());
  CHECK(o.reject_reasons[0].find("calls nested more than 256 deep") != std::string::npos);
  auto ok = BuildText(Template(R"(fn down(k: Int): Int = if k <= 0 then 0 else 1 + down(k - 1)
rules { let shallow = down(100) }
layout print { "{shallow}" }
)"));
  REQUIRE(ok.program);
  CHECK(Json(Let(RunJson(*ok.program, R"({"id": "a", "xs": []})"), "shallow")) == "100");
}

TEST_CASE("calendar functions stay in the calendar; bad lengths are errors, not garbage") {
  auto b = BuildText(Template(R"(rules {
  let back = add_months(day, -25)
  let far = add_months(day, n * -100000)
}
layout print { "{back} {far}" }
)"));
  REQUIRE(b.program);
  auto o = RunJson(*b.program, R"({"id": "a", "xs": []})");
  REQUIRE(o.rejected());
  CHECK(Json(Let(o, "back")) == "\"2021-12-31\"");
  CHECK(o.reject_reasons[0].find("leaves the calendar") != std::string::npos);
  auto t = BuildText(Template(R"(rules { let cut = truncate("abc", n - 3) }
layout print { "{cut}" }
)"));
  REQUIRE(t.program);
  auto r = RunJson(*t.program, R"({"id": "a", "xs": []})");
  REQUIRE(r.rejected());
  CHECK(r.reject_reasons[0].find("`truncate` needs a length of at least 1, found 0") != std::string::npos);
}

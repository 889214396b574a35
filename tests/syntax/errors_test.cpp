// Syntax errors: our messages, recovery (one diagnostic per bad line), lexical errors, limits and
// robustness against truncated and random input.
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "tests/syntax/syntax_test_util.h"

using missive::syntax::testing::ParseText;
using missive::syntax::testing::ReadRepoFile;
using Strings = std::vector<std::string>;

namespace {

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

/// Words of ANTLR's own messages and token names that must never reach a user.
void CheckOurWording(const missive::diag::Sink& sink) {
  for (const auto& d : sink.all()) {
    INFO(d.message);
    for (const char* banned : {"extraneous", "mismatched", "viable", "antlr", "ANTLR", "RBRACE", "LBRACE", "IDENT",
                               "DQUOTE", "STR_", "<EOF>", "<missing", "token recognition"}) {
      CHECK(d.message.find(banned) == std::string::npos);
    }
    CHECK(!d.message.empty());
    CHECK(d.message.back() != '.');
  }
}

}  // namespace

TEST_CASE("errors: five scattered errors in the statement are five diagnostics on their lines", "[syntax]") {
  auto lines = SplitLines(ReadRepoFile("tests/syntax/golden/statement.msv"));
  REQUIRE(lines.size() > 120);
  for (const int line : {6, 14, 32, 59, 113}) lines[line - 1] += " )) @@ ;;";
  const auto p = ParseText(JoinLines(lines));
  CHECK(p->Diagnostics() == Strings{
                                "6:18 M0101 unexpected `))` at the top level",
                                "14:29 M0101 unexpected `))` in a record",
                                "32:57 M0101 unexpected `))` in a rule",
                                "59:75 M0101 unexpected `))` in `box`",
                                "113:95 M0101 unexpected `))` in a record literal",
                            });
  // Recovery keeps the rest of the file.
  CHECK(p->module->records.size() == 4);
  CHECK(p->module->rules.size() == 10);
  CHECK(p->module->layouts.size() == 3);
  CHECK(p->module->tests.size() == 3);
}

TEST_CASE("errors: junk appended to any line of the statement is exactly one diagnostic on that line", "[syntax]") {
  const auto lines = SplitLines(ReadRepoFile("examples/statement/statement.msv"));
  int checked = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find("//") != std::string::npos) continue;  // the junk would be part of the comment
    auto changed = lines;
    changed[i] += " )) @@ ;;";
    const auto p = ParseText(JoinLines(changed));
    INFO("line " << i + 1 << ": " << lines[i]);
    CHECK(p->Lines() == std::vector<std::uint32_t>{static_cast<std::uint32_t>(i + 1)});
    ++checked;
  }
  CHECK(checked > 100);
}

TEST_CASE("errors: messages name what was expected", "[syntax]") {
  CHECK(ParseText("schema { record R { a: String } @ }")->Diagnostics() ==
        Strings{"1:33 M0101 unexpected `@` in `schema`"});
  CHECK(ParseText("schema { record R { a: String }")->Diagnostics() ==
        Strings{"1:32 M0102 expected `}` to close `schema`, found end of file"});
  CHECK(ParseText("schema { record R { a: = \"x\" } }")->Diagnostics() ==
        Strings{"1:24 M0101 expected a type after `:`, found `=`"});
  CHECK(ParseText("rules { let x = }")->Diagnostics() ==
        Strings{"1:17 M0101 expected an expression after `=`, found `}`"});
  CHECK(ParseText("rules { let x = 1 + }")->Diagnostics() ==
        Strings{"1:21 M0101 expected an expression after `+`, found `}`"});
  CHECK(ParseText("rules { let = 3 }")->Diagnostics() == Strings{"1:13 M0102 expected a name after `let`, found `=`"});
  CHECK(ParseText("rules { let x = [1, 2 }")->Diagnostics() ==
        Strings{"1:23 M0102 expected `]` to close the list, found `}`"});
  CHECK(ParseText("rules { let x = f(1, 2 }")->Diagnostics() ==
        Strings{"1:24 M0102 expected `)` to close the arguments, found `}`"});
  CHECK(ParseText("layout print { text \"x\" style }")->Diagnostics() ==
        Strings{"1:31 M0102 expected a name after `style`, found `}`"});
  CHECK(ParseText("layout print { row { text \"a\" }")->Diagnostics() ==
        Strings{"1:32 M0102 expected `}` to close `layout`, found end of file"});
  CHECK(ParseText("}")->Diagnostics() == Strings{"1:1 M0101 unexpected `}` at the top level"});
  CHECK(ParseText("import")->Diagnostics() ==
        Strings{"1:7 M0101 expected a name or a string after `import`, found end of file"});
  CHECK(ParseText("layout print { row text }")->Diagnostics() ==
        Strings{"1:20 M0101 expected `style` or `{` after `row`, found `text`"});
  CHECK(ParseText("layout print { place at 1 }")->Diagnostics() ==
        Strings{"1:25 M0101 expected `(` after `at`, found `1`"});
  // A misspelt keyword is one error; no `(` is conjured to make it a call that eats the next line.
  CHECK(ParseText("layout print {\n  text \"a\" styl s\n  text \"b\"\n}")->Diagnostics() ==
        Strings{"2:17 M0101 unexpected `s` in a layout"});
  CHECK(ParseText("rules { let x = { a: 1 b: 2 } }")->Diagnostics() ==
        Strings{"1:24 M0102 expected `,` between fields, found `b`"});
  CHECK(ParseText("fn f(a: Int,, b: Int) = a")->Diagnostics() == Strings{"1:13 M0101 unexpected `,` in parameters"});
}

TEST_CASE("errors: a statement missing its expression does not swallow the next line", "[syntax]") {
  const auto p = ParseText("layout print {\n  text \"a\" text\n  text \"b\"\n}");
  CHECK(p->Diagnostics() == Strings{"3:3 M0101 expected an expression after `text`, found `text`"});
  const auto& body = p->module->layouts.at(0).body;
  REQUIRE(body.size() == 3);
  CHECK(body[1]->kind == missive::ast::StmtKind::Error);
  CHECK(body[2]->kind == missive::ast::StmtKind::Text);
  // A broken statement header takes its block with it.
  const auto q = ParseText("layout print {\n  place 1 { text \"a\" }\n  text \"b\"\n}");
  CHECK(q->Diagnostics() == Strings{"2:9 M0101 expected `at` after `place`, found `1`"});
  REQUIRE(q->module->layouts.at(0).body.size() == 2);
  CHECK(q->module->layouts[0].body[1]->kind == missive::ast::StmtKind::Text);
}

TEST_CASE("errors: duplicate sections and unknown layouts", "[syntax]") {
  CHECK(ParseText("communication A\ncommunication B")->Diagnostics() ==
        Strings{"2:1 M0108 a file has only one `communication` header"});
  CHECK(ParseText("input A\ninput B")->Diagnostics() == Strings{"2:1 M0108 a file has only one `input` declaration"});
  CHECK(ParseText("channels {}\nchannels {}")->Diagnostics() ==
        Strings{"2:1 M0108 a file has only one `channels` section"});
  CHECK(ParseText("layout print { table t as r { header { \"a\" }\n header { \"b\" } } }")->Diagnostics() ==
        Strings{"2:2 M0108 a table has only one `header`"});
  CHECK(ParseText("schema { record R { a: Int = 1 = 2 } }")->Diagnostics() ==
        Strings{"1:32 M0101 a field has only one default value"});
  CHECK(ParseText("layout fax { }")->Diagnostics() ==
        Strings{"1:8 M0502 unknown layout `fax`, expected `print`, `email`, `sms` or `push`"});
}

TEST_CASE("errors: each lexical error kind", "[syntax]") {
  CHECK(ParseText("rules { let x = \"abc\n let y = 1 }")->Diagnostics() == Strings{"1:17 M0103 unterminated string"});
  CHECK(ParseText("rules { let x = \"abc")->Diagnostics() == Strings{"1:17 M0103 unterminated string"});
  CHECK(ParseText("rules { let x = 1 § 2 }")->Diagnostics() == Strings{"1:19 M0104 invalid character `§`"});
  CHECK(ParseText("rules { let x = 1 }\n/* open")->Diagnostics() == Strings{"2:1 M0105 unterminated comment"});
  CHECK(ParseText("rules { let x = 10px }")->Diagnostics() == Strings{"1:17 M0106 invalid number `10px`"});
  CHECK(ParseText("style s { color: #12 }")->Diagnostics() ==
        Strings{"1:18 M0106 invalid colour `#12`, expected `#RRGGBB`"});
  CHECK(ParseText("rules { let x = \"a\\q\" }")->Diagnostics() == Strings{"1:19 M0107 invalid escape `\\q`"});
  CHECK(ParseText("rules { let x = \"\\u{D800}\" }")->Diagnostics() ==
        Strings{"1:18 M0107 invalid escape `\\u{D800}`"});
  CHECK(ParseText("rules { let x = \"a\xff\xfe\" }")->Diagnostics() == Strings{"1:19 M0110 invalid UTF-8 in the file"});
  // Invalid characters are reported once per run and never reach the parser.
  const auto p = ParseText("rules { let x = 1 $$$ }");
  CHECK(p->Diagnostics() == Strings{"1:19 M0104 invalid character `$`"});
  REQUIRE(p->module->rules.size() == 1);
  CHECK(p->module->rules[0].value->kind == missive::ast::ExprKind::Int);
}

TEST_CASE("errors: input that was skipped becomes Error nodes", "[syntax]") {
  const auto p = ParseText("rules { let x = 1.; let y = 2 }\nlayout print { text \"a\"; space }");
  REQUIRE(p->module->rules.size() == 2);
  CHECK(p->module->rules[0].value->kind == missive::ast::ExprKind::Error);
  CHECK(p->module->rules[1].value->kind == missive::ast::ExprKind::Int);
  REQUIRE(p->module->layouts.size() == 1);
  REQUIRE(p->module->layouts[0].body.size() == 2);
  CHECK(p->module->layouts[0].body[0]->kind == missive::ast::StmtKind::Text);
  CHECK(p->module->layouts[0].body[1]->kind == missive::ast::StmtKind::Space);
  CHECK(p->module->layouts[0].body[1]->value->kind == missive::ast::ExprKind::Error);
  // A statement the parser could not choose at all is an Error statement.
  const auto q = ParseText("layout print { place 1 { } ; text \"b\" }");
  REQUIRE(q->module->layouts[0].body.size() == 2);
  CHECK(q->module->layouts[0].body[0]->kind == missive::ast::StmtKind::Place);
  CHECK(q->Diagnostics() == Strings{"1:22 M0101 expected `at` after `place`, found `1`"});
}

TEST_CASE("errors: at most 50 syntax errors, then one M0602", "[syntax]") {
  std::string text;
  for (int i = 0; i < 80; ++i) text += "rules { let = }\n";
  const auto p = ParseText(text);
  const auto diagnostics = p->Diagnostics();
  REQUIRE(diagnostics.size() == 51);
  CHECK(diagnostics[49] == "50:13 M0102 expected a name after `let`, found `=`");
  CHECK(diagnostics[50] == "51:13 M0602 too many syntax errors; the rest of the file is not checked");
}

TEST_CASE("errors: nesting deeper than 256 levels is M0601, never a stack overflow", "[syntax]") {
  auto nested = [](int depth) {
    return "rules { let x = " + std::string(depth, '(') + "1" + std::string(depth, ')') + " }";
  };
  CHECK(ParseText(nested(255))->Diagnostics().empty());
  CHECK(ParseText(nested(256))->Diagnostics() == Strings{"1:272 M0601 nesting is deeper than 256 levels"});
  CHECK(ParseText("rules { let x = " + std::string(200000, '[') + " }")->Diagnostics() ==
        Strings{"1:272 M0601 nesting is deeper than 256 levels"});
  std::string blocks = "layout print { ";
  for (int i = 0; i < 300; ++i) blocks += "row { ";
  CHECK(ParseText(blocks)->sink.all().at(0).kind == missive::diag::Kind::NestingTooDeep);
  // Nesting without brackets: `if if if …` and long operator chains.
  std::string ifs = "rules { let x = ";
  for (int i = 0; i < 5000; ++i) ifs += "if ";
  const auto deep_if = ParseText(ifs + "}");
  REQUIRE(deep_if->sink.all().size() == 1);
  CHECK(deep_if->sink.all()[0].kind == missive::diag::Kind::NestingTooDeep);
  std::string chain = "rules { let x = a";
  for (int i = 0; i < 20000; ++i) chain += ".b";
  const auto deep_chain = ParseText(chain + " }");
  CHECK(deep_chain->Diagnostics() == Strings{"1:17 M0601 expression nests more than 1024 operations"});
  std::string sum = "rules { let x = 1";
  for (int i = 0; i < 1000; ++i) sum += " + 1";
  CHECK(ParseText(sum + " }")->Diagnostics().empty());
}

TEST_CASE("errors: truncations of the statement never crash and always report", "[syntax]") {
  const std::string text = ReadRepoFile("examples/statement/statement.msv");
  REQUIRE(!text.empty());
  for (std::size_t n = 0; n < text.size(); n += 7) {
    const auto p = ParseText(text.substr(0, n));
    REQUIRE(p->module != nullptr);
    CheckOurWording(p->sink);
  }
  // Cut inside the first layout: the open braces are reported.
  const auto cut = ParseText(text.substr(0, text.find("  line\n")));
  CHECK(cut->sink.error_count() >= 1);
}

TEST_CASE("errors: random garbage never crashes and never shows ANTLR's wording", "[syntax]") {
  std::mt19937 random(20261124);
  const std::string alphabet = "{}()[]\"\\ \n\t;:.,@#?=<>!+-*/%abcxyz019_ifthenelserowtextlet";
  for (int round = 0; round < 150; ++round) {
    std::string text;
    const std::size_t length = 1 + random() % 2000;
    for (std::size_t i = 0; i < length; ++i) {
      text += round % 3 == 0 ? static_cast<char>(random() % 256) : alphabet[random() % alphabet.size()];
    }
    const auto p = ParseText(text);
    REQUIRE(p->module != nullptr);
    CheckOurWording(p->sink);
  }
}

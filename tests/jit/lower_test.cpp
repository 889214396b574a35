// Lowering the statement's rules to the typed IR: what is covered, what is not, and the IR's text.
#include "compiler/lower/lower.h"

#include "tests/jit/jit_helpers.h"

using namespace missive;
using namespace missive::jit::testing;

TEST_CASE("the statement's rules all lower to IR") {
  auto b = BuildStatement();
  abi::Layouts layouts(b.program->input());
  const ast::Module& module = *b.checked->modules[0].ast;
  auto lowered = lower::LowerRules(module, b.program->input(), layouts);
  CHECK(lowered.unsupported.empty());
  REQUIRE(lowered.program.has_value());
  const lower::RuleProgram& ir = *lowered.program;
  CHECK(lower::Verify(ir).empty());
  REQUIRE(ir.rules.size() == 10);
  CHECK(ir.rules[0].name == "txns");
  CHECK(ir.rules[1].is_require);
  CHECK(ir.rules[1].require_index == 0);
  CHECK(ir.rules[1].message == "statement has no transactions");
  CHECK(ir.rules[2].message == "customer has no name");
  CHECK(ir.rules[3].name == "money_in");
  CHECK(ir.rules[3].ty == lower::Ty::Decimal);
  CHECK(ir.rules[6].name == "month");
  CHECK(ir.rules[6].ty == lower::Ty::Date);
  CHECK(ir.rules[7].name == "balances");
  CHECK(ir.rules[7].ty == lower::Ty::List);
  CHECK(ir.rules[8].name == "overdrawn");
  CHECK(ir.rules[8].ty == lower::Ty::Bool);
  const std::string text = lower::Print(ir);
  INFO(text);
  // account.transactions and account.opening_balance are single constant offsets from the input record
  CHECK(text.find("= load %0 +240 : list of ptr stride 48\n") != std::string::npos);
  CHECK(text.find(" +216 : decimal\n") != std::string::npos);
  CHECK(text.find("let closing = ") != std::string::npos);
  CHECK(text.find("require %") != std::string::npos);
  CHECK(text.find(" = running_sum %") != std::string::npos);
  CHECK(text.find(" : list of decimal stride 24\n") != std::string::npos);
}

TEST_CASE("constructs outside the subset are reported per rule") {
  auto b = BuildText(R"(communication T version "1"
schema { record R { id: String @key; a: Decimal; n: Int; e: Email?; xs: [Int] } }
input R
rules {
  let s = upper(id)
  let e2 = e
  let t = sum(xs)
  let m = max(xs)
  let ok = e != none and n > 1
  let later = s
}
)");
  abi::Layouts layouts(b.program->input());
  auto r = lower::LowerRules(*b.checked->modules[0].ast, b.program->input(), layouts, true);
  REQUIRE(r.unsupported.size() == 5);
  CHECK(r.unsupported[0] == "rule `s`: `upper` is not supported");
  CHECK(r.unsupported[1] == "rule `e2`: using an optional field's value is not supported");
  CHECK(r.unsupported[2] == "rule `t`: `sum` of values that are not Decimal is not supported");
  CHECK(r.unsupported[3] == "rule `m`: `max` is not supported");
  CHECK(r.unsupported[4] == "rule `later`: a rule that depends on `s` is not supported");
  REQUIRE(r.program);
  REQUIRE(r.program->rules.size() == 1);
  CHECK(r.program->rules[0].name == "ok");
  CHECK(lower::Verify(*r.program).empty());
}

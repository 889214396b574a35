// Lowering to the typed IR: the statement's records, rules and layout slots, and the IR's text form.
#include "compiler/lower/lower.h"

#include "compiler/sema/typing.h"
#include "tests/jit/jit_helpers.h"

using namespace missive;
using namespace missive::jit::testing;

TEST_CASE("the statement lowers to IR: record layouts, rules with their types, layout slots") {
  auto b = BuildStatement();
  const lower::Program& ir = b.program->ir();
  CHECK(lower::Verify(ir).empty());
  REQUIRE(ir.rules.size() == 10);
  CHECK(ir.rules[0].name == "txns");
  CHECK(ir.rules[1].is_require);
  CHECK(ir.rules[1].require_index == 0);
  CHECK(ir.N(ir.rules[1].message).str == "statement has no transactions");
  CHECK(ir.N(ir.rules[2].message).str == "customer has no name");
  auto kind = [&](std::size_t r) { return ir.T(ir.rules[r].type).kind; };
  CHECK(ir.rules[3].name == "money_in");
  CHECK(kind(3) == lower::Kind::Decimal);
  CHECK(ir.rules[6].name == "month");
  CHECK(kind(6) == lower::Kind::Date);
  CHECK(ir.rules[7].name == "balances");
  CHECK(lower::TypeName(ir, ir.rules[7].type) == "[Decimal]");
  CHECK(kind(8) == lower::Kind::Bool);
  REQUIRE(ir.channels.size() == 3);
  CHECK(ir.channels[0].name == "email");
  CHECK(ir.channels[0].when_text == "consent.email");
  CHECK(ir.channels[0].to_text == "email");
  CHECK(ir.channels[2].to == -1);  // print has no recipient
  const lower::Layout& email = ir.layouts[static_cast<std::size_t>(ir.channels[0].layout)];
  CHECK(email.from >= 0);
  CHECK(email.attach_name >= 0);
  CHECK(ir.layouts[static_cast<std::size_t>(ir.channels[1].layout)].max_segments == 2);
  std::vector<std::string> slots;
  for (const auto& slot : ir.slots) slots.push_back(slot.name);
  CHECK(slots == std::vector<std::string>{"print.header", "print.footer", "print.body", "email.body", "sms.body"});
  const std::string text = lower::Print(ir);
  INFO(text);
  // the input record as the decoder writes it: presence bits, then fields at their natural alignment
  CHECK(text.find("record 0 Customer size 256 align 8\n") != std::string::npos);
  CHECK(text.find("  account: Account +184\n") != std::string::npos);
  CHECK(text.find("  email: String? +56 bit 0\n") != std::string::npos);
  CHECK(text.find("  opening_balance: Decimal +32\n") != std::string::npos);
  CHECK(text.find("let closing = %") != std::string::npos);
  CHECK(text.find(" = running_sum %") != std::string::npos);
  CHECK(text.find("slot print.body\n") != std::string::npos);
  CHECK(text.find("  rows block ") != std::string::npos);
}

TEST_CASE("a construct the lowering cannot compile is a located diagnostic, never a silent switch") {
  // sema accepts every construct the lowering has; to see the diagnostic, lower a program whose
  // typing was dropped for one expression
  diag::Sink sink;
  auto checked = sema::LoadText("t.msv", R"(communication T version "1"
schema { record R { id: String @key; n: Int } }
input R
rules { let twice = n * 2 }
layout print { "{twice}" }
)",
                                sema::Options{}, sink);
  REQUIRE(checked);
  sema::Check(*checked, sink);
  REQUIRE(sink.error_count() == 0);
  const auto original = checked->typing;  // its records stay alive: the copy's types point at them
  auto typing = std::make_shared<sema::Typing>(*original);
  typing->types.erase(checked->modules[0].ast->rules[0].value.get());
  typing->decls[0].lets.erase("twice");
  checked->typing = typing;
  diag::Sink lowering;
  CHECK_FALSE(lower::Lower(*checked, lowering).has_value());
  REQUIRE(lowering.all().size() >= 1);
  CHECK(diag::code_of(lowering.all()[0].kind) == std::string("M0701"));
  CHECK(lowering.all()[0].message == "the rule `twice` cannot be compiled");
  CHECK(lowering.all()[0].span.valid());
}

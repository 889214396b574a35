// Lowers the checked RULES of a module to the typed IR, or says which constructs it does not support
// (the caller then keeps the evaluator for them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/lower/ir.h"
#include "compiler/syntax/ast.h"
#include "runtime/abi/layout.h"

namespace missive::lower {

struct LowerResult {
  /// Set when every rule was lowered, or with `partial` the rules that could be (and the rules that
  /// depend only on them).
  std::optional<RuleProgram> program;
  /// "rule `balances`: `running_sum` is not supported", in rule order.
  std::vector<std::string> unsupported;
};

/// `partial`: skip unsupported rules instead of failing (for tests and for running part of the rules natively).
LowerResult LowerRules(const ast::Module& module, const data::RecordDesc& input, const abi::Layouts& layouts,
                       bool partial = false);

}  // namespace missive::lower

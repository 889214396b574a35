// Lowers the checked RULES of a module to the typed IR, or says which constructs it does not support
// (the caller then keeps the evaluator for them).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compiler/lower/ir.h"
#include "compiler/sema/check.h"
#include "compiler/syntax/ast.h"
#include "runtime/abi/layout.h"
#include "runtime/compose/native_builder.h"

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

/// A style: `parent` (null = the base style) with the style `name` applied as seen from `module`;
/// null with `error` when it cannot be resolved. The styles must outlive the lowered program.
using StyleFn = std::function<const compose::Style*(const compose::Style* parent, const std::optional<ast::Ident>& name,
                                                    std::size_t module, std::string* error)>;

/// The whole main module: rules, locale, channel conditions and the print layout.
struct ProgramLowering {
  std::optional<RuleProgram> program;      ///< set when everything was lowered
  std::vector<std::string> unsupported;    ///< why not, construct by construct
  std::vector<compose::Prototype> protos;  ///< the blocks the layout program adds (LStmt::proto)
  compose::PageTemplate page;              ///< page size, margins, duplex, background (slots stay empty)
  const compose::Style* base = nullptr;    ///< the document's base style
};

ProgramLowering LowerProgram(const sema::Program& program, const data::RecordDesc& input, const abi::Layouts& layouts,
                             const StyleFn& styles);

}  // namespace missive::lower

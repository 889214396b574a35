// Typed IR → LLVM IR (internal to compiler/jit).
#pragma once

#include <memory>

#include "compiler/lower/ir.h"

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace missive::jit {

inline constexpr const char* kRulesSymbol = "missive_rules";

/// One function `i32 missive_rules(ptr record, ptr lets, ptr ctx)`; decimal operations call the runtime.
std::unique_ptr<llvm::Module> BuildModule(const lower::RuleProgram& program, llvm::LLVMContext& context);

}  // namespace missive::jit

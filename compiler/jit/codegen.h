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
inline constexpr const char* kWhenSymbol = "missive_when";
inline constexpr const char* kValueSymbol = "missive_value";
inline constexpr const char* kLayoutSymbol = "missive_layout";

/// `i32 missive_rules(ptr record, ptr lets, ptr ctx)`, `i32 missive_when(ptr record, ptr lets, ptr ctx,
/// i32 channel)`, `i32 missive_value(ptr record, ptr lets, ptr ctx, i32 which, ptr out)` and
/// `i32 missive_layout(ptr record, ptr lets, ptr ctx, i32 slot)`, plus one function per user function;
/// decimal operations, builtins and block building call the runtime (runtime/abi/abi.h).
std::unique_ptr<llvm::Module> BuildModule(const lower::Program& program, llvm::LLVMContext& context);

}  // namespace missive::jit

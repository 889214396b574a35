// JIT compilation of lowered rules with LLVM ORC, behind a plain C++ interface (no LLVM headers here),
// with an on-disk object cache so a second run of the same program generates no code.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "compiler/lower/ir.h"
#include "runtime/abi/abi.h"

namespace missive::jit {

/// `int32 rules(const void* record, void* lets_out, MsvRuntimeCtx* ctx)`: 0, or the MsvStatus of the
/// first runtime error (ctx says which rule). Failed requires set bits in ctx->reject_mask.
using RulesFn = std::int32_t (*)(const void* record, void* lets_out, MsvRuntimeCtx* ctx);
/// Sets ctx->result to whether the condition of channel `channel` (declaration order) holds.
using WhenFn = std::int32_t (*)(const void* record, const void* lets, MsvRuntimeCtx* ctx, std::int32_t channel);
/// The record's locale (empty when the program has none).
using LocaleFn = std::int32_t (*)(const void* record, const void* lets, MsvRuntimeCtx* ctx, MsvStr* out);
/// Builds the print layout's `slot` (0 body, 1 header, 2 footer, 3 first header, 4 first footer) through
/// the compose runtime in ctx->compose.
using LayoutFn = std::int32_t (*)(const void* record, const void* lets, MsvRuntimeCtx* ctx, std::int32_t slot);

struct Options {
  int opt_level = 2;      ///< 0–3: O2 for runs, O0/O1 for quick checks
  bool use_cache = true;  ///< false = `--no-cache`: neither read nor write the cache
  std::string cache_dir;  ///< empty = DefaultCacheDir()
  /// More of the cache key: eval::Program::version_hash() (sources and imports), font hashes, ICU version.
  std::string key_extra;
};

struct Stats {
  int compiled_functions = 0;  ///< functions that went through LLVM codegen (0 on a cache hit)
  bool cache_hit = false;
  bool cache_rebuilt = false;  ///< an entry existed but failed its checksum, and was replaced
  double compile_ms = 0;       ///< from the IR to a callable function
  std::string key;             ///< SHA-256 hex of everything the object depends on
  std::string cache_path;      ///< the entry's file (empty without the cache)
};

class CompiledRules {
 public:
  struct Impl;
  explicit CompiledRules(std::unique_ptr<Impl> impl);
  ~CompiledRules();
  CompiledRules(const CompiledRules&) = delete;
  CompiledRules& operator=(const CompiledRules&) = delete;
  [[nodiscard]] RulesFn fn() const;
  [[nodiscard]] WhenFn when() const;
  [[nodiscard]] LocaleFn locale() const;
  [[nodiscard]] LayoutFn layout() const;
  [[nodiscard]] const Stats& stats() const;

 private:
  std::unique_ptr<Impl> impl_;
};

struct CompileResult {
  std::unique_ptr<CompiledRules> rules;  ///< null on failure
  std::string error;
};

/// Never throws.
CompileResult Compile(const lower::RuleProgram& program, const Options& options);

/// The LLVM IR text of the rules function (optimized for `opt_level` > 0): `missive check --dump=llvm`.
std::string LlvmIrText(const lower::RuleProgram& program, int opt_level);

/// $XDG_CACHE_HOME/missive, else $HOME/.cache/missive.
std::string DefaultCacheDir();

/// The version text that keys the cache besides the IR: compiler, LLVM, ABI.
std::string VersionText();

}  // namespace missive::jit

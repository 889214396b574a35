// JIT compilation of a lowered program with LLVM ORC, behind a plain C++ interface (no LLVM headers
// here), with an on-disk object cache so a second run of the same program generates no code.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "compiler/lower/ir.h"
#include "runtime/abi/abi.h"

namespace missive::jit {

/// Every function returns 0, or the MsvStatus of the first runtime error (ctx->error_site says where).
/// `rules(record, lets_out, ctx)`: each let into its slot of `lets_out`; a false require sets its byte
/// and stores its message (lower::Rule).
using RulesFn = std::int32_t (*)(const void* record, void* lets_out, MsvRuntimeCtx* ctx);
/// Sets ctx->result to whether the condition of channel `channel` (declaration order) holds.
using WhenFn = std::int32_t (*)(const void* record, const void* lets, MsvRuntimeCtx* ctx, std::int32_t channel);
/// Stores lower::Program::values[which] into `out` (its slot).
using ValueFn = std::int32_t (*)(const void* record, const void* lets, MsvRuntimeCtx* ctx, std::int32_t which,
                                 void* out);
/// Builds lower::Program::slots[slot] through the block-tree runtime in ctx->state.
using LayoutFn = std::int32_t (*)(const void* record, const void* lets, MsvRuntimeCtx* ctx, std::int32_t slot);

struct Options {
  int opt_level = 2;      ///< 0–3: O2 for runs, O0/O1 for quick checks
  bool use_cache = true;  ///< false = `--no-cache`: neither read nor write the cache
  std::string cache_dir;  ///< empty = DefaultCacheDir()
  /// More of the cache key: the program's sources and imports, font hashes, ICU version.
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

class CompiledProgram {
 public:
  struct Impl;
  explicit CompiledProgram(std::unique_ptr<Impl> impl);
  ~CompiledProgram();
  CompiledProgram(const CompiledProgram&) = delete;
  CompiledProgram& operator=(const CompiledProgram&) = delete;
  [[nodiscard]] RulesFn rules() const;
  [[nodiscard]] WhenFn when() const;
  [[nodiscard]] ValueFn value() const;
  [[nodiscard]] LayoutFn layout() const;
  [[nodiscard]] const Stats& stats() const;

 private:
  std::unique_ptr<Impl> impl_;
};

struct CompileResult {
  std::unique_ptr<CompiledProgram> program;  ///< null on failure
  std::string error;
};

/// Never throws.
CompileResult Compile(const lower::Program& program, const Options& options);

/// The LLVM IR text of the program (optimized for `opt_level` > 0): `missive check --dump=llvm`.
std::string LlvmIrText(const lower::Program& program, int opt_level);

/// $XDG_CACHE_HOME/missive, else $HOME/.cache/missive.
std::string DefaultCacheDir();

/// The version text that keys the cache besides the IR: compiler, LLVM, ABI.
std::string VersionText();

}  // namespace missive::jit

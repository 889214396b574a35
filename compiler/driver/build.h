// Loading, checking and building a program, with diagnostics printed as every command prints them.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "compiler/native/native.h"
#include "compiler/sema/check.h"

namespace missive::driver {

constexpr int kExitOk = 0;
constexpr int kExitErrors = 1;
constexpr int kExitUsage = 2;

enum class Format { Text, Json };

struct Loaded {
  std::shared_ptr<sema::Program> program;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  bool io_error = false;
};

/// Loads and checks one file; prints its diagnostics (text on stderr, JSON Lines on stdout);
/// `dump == "ast"` prints the AST to `dump_out`.
Loaded LoadAndCheck(const std::string& path, Format format, std::ostream& dump_out, const std::string& dump);

/// Loads, checks, compiles and builds a runnable program; prints diagnostics; null (with `exit`) on
/// failure. With `verbose`, says how the native code was made (functions compiled, cache, time).
std::unique_ptr<native::Program> BuildProgram(const std::string& path, text::FontLibrary& fonts,
                                              const native::Options& options, int& exit, bool verbose = false);

}  // namespace missive::driver

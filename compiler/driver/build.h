// Loading, checking and building a program, with diagnostics printed as every command prints them.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "compiler/eval/program.h"
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

/// Loads, checks and builds a runnable program; prints diagnostics; null (with `exit`) on failure.
std::unique_ptr<eval::Program> BuildProgram(const std::string& path, text::FontLibrary& fonts, int& exit);

}  // namespace missive::driver

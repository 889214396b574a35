// Loads a communication with its imports (files and std modules) and checks it: names across imports,
// a type for every expression, optional narrowing, layout and channel rules. Diagnostics only; the
// checked modules are what the evaluator (and later lowering) consume.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"
#include "compiler/syntax/ast.h"

namespace missive::sema {

struct LoadedModule {
  std::unique_ptr<ast::Module> ast;
  std::string name;                                      ///< "std.money", or the file path
  std::unordered_map<std::string, std::size_t> aliases;  ///< `import "x.msv" as a` → module index
  std::vector<std::size_t> std_imports;                  ///< `import std.x` → module index (names unqualified)
};

struct Typing;

struct Program {
  source::SourceManager sources;
  std::vector<LoadedModule> modules;  ///< [0] is the main file; each module appears once
  /// Set by Check: the types of every declaration and expression (typing.h).
  std::shared_ptr<const Typing> typing;
};

struct Options {
  std::string stdlib_dir;  ///< where `std/*.msv` live (empty = the built-in default)
};

/// Reads and parses `path` and, recursively, its imports (relative to the importing file).
/// Unreadable files, unknown std modules and import cycles are diagnostics. Never throws.
std::unique_ptr<Program> Load(const std::string& path, const Options& options, diag::Sink& sink);

/// The same, from text in memory (language server, tests). `path` names it in diagnostics.
std::unique_ptr<Program> LoadText(const std::string& path, std::string text, const Options& options, diag::Sink& sink);

/// Semantic checks over the loaded program; diagnostics to `sink` (sorted by the caller). Sets
/// `program.typing`.
void Check(Program& program, diag::Sink& sink);

}  // namespace missive::sema

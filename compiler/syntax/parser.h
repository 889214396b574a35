// Parses one .msv file into an AST. Never throws, never stops at the first syntax error: every
// error becomes a diagnostic and the AST holds Error nodes where input was skipped.
#pragma once

#include <memory>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"
#include "compiler/syntax/ast.h"

namespace missive::syntax {

/// Always returns a module (possibly partial). Syntax errors go to `sink` (codes M01xx).
[[nodiscard]] std::unique_ptr<ast::Module> Parse(const source::SourceManager& sources, source::FileId file,
                                                 diag::Sink& sink);

/// The canonical text dump of an AST (`missive check --dump=ast`, golden tests).
[[nodiscard]] std::string DumpAst(const ast::Module& module);

}  // namespace missive::syntax

// Lowers a checked communication to the typed IR (ir.h): every rule, channel condition, user function,
// layout and test expectation. Types come from sema; a construct the lowering cannot compile is a
// diagnostic (M0701) at its location, never a silent switch to something else.
#pragma once

#include <optional>

#include "compiler/diag/diagnostic.h"
#include "compiler/lower/ir.h"
#include "compiler/sema/check.h"

namespace missive::lower {

/// `checked` must have passed sema::Check without errors.
std::optional<Program> Lower(const sema::Program& checked, diag::Sink& sink);

}  // namespace missive::lower

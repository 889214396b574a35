// A generated template of about N lines in the proportions of the statement example (records, rules,
// functions, styles, components, a print layout): what the front-end and JIT benchmarks compile.
#pragma once

#include <string>

namespace missive::bench {

/// A valid template of about `lines` lines.
std::string GenerateTemplate(int lines);

}  // namespace missive::bench

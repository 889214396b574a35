// docs/functions.md is generated from the builtin table (compiler/sema/builtins.def): this test renders
// the table and compares; MISSIVE_UPDATE=1 rewrites the file (review the diff before committing).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "compiler/sema/builtins.h"

namespace {

std::string Render() {
  std::string out =
      "# Builtin functions\n\n"
      "Generated from the one builtin table, `compiler/sema/builtins.def`, by `tests/sema/functions_doc_test.cpp`\n"
      "(`MISSIVE_UPDATE=1` rewrites this file). Every builtin is compiled to native code.\n\n"
      "Arguments are given in order, or by parameter name in any order after the positional ones:\n"
      "`number(total, decimals: 0)`, `round(x: vat, digits: 2, mode: \"half-up\")`. A parameter with a default\n"
      "may be left out. A parameter typed `T -> U` takes a lambda over the list's element: `.field` reads a\n"
      "field of a record element, `it` is the element itself (`sum(lines, .price * .qty)`,\n"
      "`map(split(name, \" \"), upper(it))`). `Number` is Int or Decimal. Rounding modes: `\"half-even\"` (the\n"
      "default), `\"half-up\"`, `\"half-down\"`, `\"up\"`, `\"down\"`, `\"floor\"`, `\"ceiling\"`.\n\n"
      "A runtime failure (an empty list given to `first`, a separator `split` cannot use, a date beyond the\n"
      "year 9999) rejects the record with the call's place in the template and the reason.\n\n"
      "| function | result | |\n|---|---|---|\n";
  for (const auto& spec : missive::sema::Builtins()) {
    std::string params;
    for (std::size_t i = 0; i < spec.params.size(); ++i) {
      const auto& p = spec.params[i];
      params += (i ? ", " : "") + p.name + ": " + p.type;
      if (!p.required()) params += " = " + p.default_value;
    }
    std::string doc = spec.doc;
    std::string escaped;
    for (char c : spec.name + "(" + params + ")") escaped += c == '|' ? std::string("\\|") : std::string(1, c);
    out += "| `" + escaped + "` | `" + spec.result + "` | " + doc + " |\n";
  }
  return out;
}

}  // namespace

TEST_CASE("docs/functions.md is the builtin table, rendered") {
  const char* root = std::getenv("MISSIVE_SOURCE_DIR");
  const std::string path = std::string(root ? root : ".") + "/docs/functions.md";
  const std::string want = Render();
  if (const char* update = std::getenv("MISSIVE_UPDATE"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << want;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream have;
  have << in.rdbuf();
  CHECK(have.str() == want);
}

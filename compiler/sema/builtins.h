// The builtin functions as one table (builtins.def): their parameters with names and defaults, result,
// runtime symbol and documentation. Sema checks calls against it, the lowering binds arguments with it,
// docs and the language server show it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace missive::sema {

enum class Builtin : std::uint8_t {
#define BUILTIN(id, name, params, result, symbol, doc) id,
#include "compiler/sema/builtins.def"
#undef BUILTIN
};

struct BuiltinParam {
  std::string name;
  std::string type;           ///< as written in the table: `Decimal`, `[T]`, `T -> Bool`, `Date | DateTime`
  std::string default_value;  ///< a literal (`2`, `"half-even"`, `it`); empty when the argument is required
  [[nodiscard]] bool required() const { return default_value.empty(); }
  [[nodiscard]] bool lambda() const { return type.find("->") != std::string::npos; }
};

struct BuiltinSpec {
  Builtin id;
  std::string name;
  std::vector<BuiltinParam> params;
  std::string result;
  std::string symbol;  ///< the runtime function generated code calls; empty when expanded inline
  std::string doc;
  /// `round(x: Decimal, digits: Int = 0, mode: Rounding = "half-even") -> Decimal`
  [[nodiscard]] std::string Signature() const;
  [[nodiscard]] std::size_t min_args() const;
};

/// Every builtin, in the order of builtins.def.
const std::vector<BuiltinSpec>& Builtins();
const BuiltinSpec* FindBuiltin(std::string_view name);
const BuiltinSpec& SpecOf(Builtin id);

/// A call's arguments in parameter order: positional ones first, then each named one in its parameter's
/// place; null where the parameter's default applies. Problems (an unknown name, a parameter given
/// twice, a required one missing, too many) go to `sink` and make the result empty.
std::vector<const ast::Expr*> BindArguments(const BuiltinSpec& spec, const ast::Expr& call, diag::Sink& sink);

/// The rounding modes `round`, `money`, `number` and `percent` take (`"half-up"`…), in the order of
/// value::Rounding; -1 for an unknown name.
int RoundingMode(std::string_view name);
const std::vector<std::string>& RoundingModes();

}  // namespace missive::sema

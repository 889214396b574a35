// What the checker learnt, kept for the stages after it: every record type (the schema's and those
// builtins make), each module's declarations with their types, and the type of every expression (after
// narrowing: `address` inside `if address != none` is an `Address`). Lowering reads types only from here.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/sema/types.h"
#include "compiler/syntax/ast.h"

namespace missive::sema {

struct FnInfo {
  const ast::FnDecl* decl = nullptr;
  std::vector<Type> params;
  Type result;
  bool resolved = false;  ///< the result type is known (declared, or inferred from the body)
  bool resolving = false;
};

struct LetInfo {
  const ast::Rule* rule = nullptr;
  std::size_t order = 0;
  Type type;
  bool used = false;
};

struct ModuleDecls {
  std::map<std::string, RecordInfo*> records;
  std::map<std::string, FnInfo> functions;
  std::map<std::string, const ast::ComponentDecl*> components;
  std::map<std::string, const ast::StyleDecl*> styles;
  std::map<std::string, LetInfo> lets;
  const RecordInfo* input = nullptr;
};

struct Typing {
  std::deque<RecordInfo> records;  ///< stable addresses: types point at them
  std::vector<ModuleDecls> decls;  ///< per module, in the program's module order
  std::map<const ast::ComponentDecl*, std::vector<Type>> component_params;
  std::unordered_map<const ast::Expr*, Type> types;

  /// The type of an expression the checker saw (Error for one it did not).
  [[nodiscard]] const Type& TypeOf(const ast::Expr& e) const {
    static const Type kError = Type::Error();
    auto it = types.find(&e);
    return it == types.end() ? kError : it->second;
  }
};

}  // namespace missive::sema

// Internals shared by the reference evaluator's files: the program's resolved tables, the per-record
// environment, and the error that rejects a record.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/value/format.h"
#include "tests/reference/program.h"

namespace missive::reference {

/// A runtime failure in a record: rejects it with `file:line:col: message`.
struct EvalError {
  source::Span span;
  std::string message;
};

/// One module's names, as the evaluator resolves them.
struct ModuleScope {
  const sema::LoadedModule* module = nullptr;
  std::unordered_map<std::string, std::pair<const ast::FnDecl*, std::size_t>>
      functions;  ///< own and std-imported, with their module
  std::unordered_map<std::string, const ast::ComponentDecl*> components;
};

struct Program::Impl {
  std::shared_ptr<const sema::Program> checked;
  std::vector<ModuleScope> modules;
  const ast::Module* main = nullptr;

  /// "file:line:col" of a span.
  [[nodiscard]] std::string Where(source::Span span) const;
  /// The source text of a span (a condition quoted in a reason).
  [[nodiscard]] std::string_view Text(source::Span span) const;
};

/// Local variables of the expression being evaluated; names point into the AST.
struct Local {
  std::string_view name;
  value::Value value;
};

/// Where an expression is evaluated: its module and the variables in scope.
struct Env {
  std::size_t module = 0;
  std::vector<Local> locals;
  const value::Value* it = nullptr;  ///< the element inside `where` and `.field` lambdas
  bool page_slot = false;            ///< `page`/`pages` are allowed (header/footer)
};

struct Worker::Impl {
  const Program::Impl& program;
  const value::Record* record = nullptr;
  std::unordered_map<std::string_view, value::Value> lets;
  std::map<std::string, std::unique_ptr<value::Formatter>> formatters;
  value::Formatter* formatter = nullptr;  ///< the record's locale
  std::string language;

  std::uint32_t depth = 0;  ///< nested user-function and component calls (bounded: no stack overflow)

  explicit Impl(const Program::Impl& p) : program(p) {}

  // expressions (expr.cpp)
  value::Value Eval(const ast::Expr& e, Env& env);
  bool EvalBool(const ast::Expr& e, Env& env);
  std::string Display(const value::Value& v, source::Span span);
  value::Value Lookup(const ast::Ident& name, Env& env);
  value::Value Member(const value::Value& base, const ast::Ident& name, source::Span span);
  value::Value CallUser(const ast::FnDecl& fn, std::size_t module, std::vector<value::Value> args, source::Span span);
  // builtins (builtins.cpp); returns false when `name` is no builtin
  bool CallBuiltin(const ast::Expr& call, std::string_view name, Env& env, value::Value& out);
  value::Value Lambda(const ast::Expr& body, const value::Value& element, Env& env);

  value::Formatter& FormatterFor(const std::string& locale);
};

[[noreturn]] void Fail(source::Span span, std::string message);

/// Counts a nested call for its scope; too deep rejects the record instead of overflowing the stack.
class CallDepth {
 public:
  static constexpr std::uint32_t kMax = 256;
  CallDepth(std::uint32_t& depth, source::Span span) : depth_(depth) {
    if (++depth_ > kMax) {
      --depth_;
      Fail(span, "calls nested more than " + std::to_string(kMax) + " deep (a recursion that does not end?)");
    }
  }
  ~CallDepth() { --depth_; }
  CallDepth(const CallDepth&) = delete;
  CallDepth& operator=(const CallDepth&) = delete;

 private:
  std::uint32_t& depth_;
};

// value helpers (ops.cpp)
std::string TypeOf(const value::Value& v);
value::Value Arith(ast::Op op, const value::Value& a, const value::Value& b, source::Span span);
int CompareValues(const value::Value& a, const value::Value& b, source::Span span);
bool EqualValues(const value::Value& a, const value::Value& b);
value::Decimal ToDecimal(const value::Value& v, source::Span span);
const value::List& ToList(const value::Value& v, source::Span span);
const std::string& ToStr(const value::Value& v, source::Span span);
std::int64_t ToInt(const value::Value& v, source::Span span);
value::Date ToDate(const value::Value& v, source::Span span);

}  // namespace missive::reference

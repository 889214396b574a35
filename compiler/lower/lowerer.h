// The lowering's internals, shared by its files: expressions (lower_expr.cpp), builtins
// (lower_builtin.cpp), layouts (lower_layout.cpp), styles (lower_style.cpp) and the program's rules,
// channels and functions (lower.cpp). Types come from sema's typing; nothing is re-derived here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/lower/ir.h"
#include "compiler/sema/builtins.h"
#include "compiler/sema/check.h"
#include "compiler/sema/typing.h"

namespace missive::lower::detail {

/// A construct the lowering cannot compile: reported as M0701 at `span` (none is expected to remain;
/// sema rejects what the language does not have).
struct NotCompiled {
  source::Span span;
  std::string what;
};

[[noreturn]] inline void Fail(source::Span span, std::string what) { throw NotCompiled{span, std::move(what)}; }

/// Where an expression is lowered: its module, the names bound around it, the lambda element.
struct Scope {
  std::size_t module = 0;
  std::vector<std::pair<std::string, int>> locals;  ///< parameters, loop variables: name → node
  std::vector<int> it;                              ///< lambda elements, innermost last
  bool rules_visible = true;                        ///< lets and input fields (not in `fn` bodies)
  bool page_slot = false;                           ///< `page` and `pages` are spans here
};

class Lowerer {
 public:
  Lowerer(const sema::Program& checked, diag::Sink& sink);
  std::optional<Program> Run();

  // ── types (lower.cpp) ──
  TypeId FromSema(const sema::Type& t);
  TypeId TypeOf(const ast::Expr& e) { return FromSema(typing_.TypeOf(e)); }
  TypeId Scalar(Kind kind) { return p_.Intern(Type{kind, false, -1, -1}); }
  TypeId ListOf(TypeId element) { return p_.Intern(Type{Kind::List, false, element, -1}); }
  TypeId Required(TypeId t);
  TypeId Optional(TypeId t);
  int RecordOf(const sema::RecordInfo* info);

  // ── nodes ──
  Node& N(int id) { return p_.nodes[static_cast<std::size_t>(id)]; }
  const Type& T(int node) { return p_.T(N(node).type); }
  int Add(Node n);
  int Make(Op op, TypeId type, std::vector<int> args, source::Span span);
  int Site(source::Span span, std::string name = "", bool decimal = false);
  int ConstStr(std::string text, source::Span span);
  int ConstInt(std::int64_t v, source::Span span);
  int NewLoop() { return p_.loops++; }
  /// `node` as a value of `want`: unwraps a narrowed optional, wraps into an optional, widens Int to
  /// Decimal and Date to DateTime, types an empty list or `none`.
  int Coerce(int node, TypeId want);

  // ── expressions (lower_expr.cpp) ──
  /// The expression lowered and converted to the type sema gave it.
  int Expr(const ast::Expr& e, Scope& scope);
  int ExprAs(const ast::Expr& e, Scope& scope, TypeId want) { return Coerce(Expr(e, scope), want); }
  /// A lambda's body over `list`'s element as loop `loop` (`.field`, `it`).
  int Lambda(const ast::Expr& body, int list, int loop, Scope& scope);
  int Show(int node, source::Span span);
  int Call(const ast::Expr& e, Scope& scope);
  int Element(int list, int loop, source::Span span);

  // ── builtins (lower_builtin.cpp) ──
  int Builtin(const ast::Expr& e, const sema::BuiltinSpec& spec, Scope& scope);

  // ── layouts (lower_layout.cpp) ──
  void Layouts();
  void Stmts(const std::vector<ast::StmtPtr>& stmts, int style, Scope& scope, std::vector<LStmt>& into);
  void Stmt(const ast::Stmt& stmt, int style, Scope& scope, std::vector<LStmt>& into);
  void Spans(const ast::Expr& e, Scope& scope, std::vector<LStmt>& into);
  int Block(BlockSpec spec);

  // ── styles (lower_style.cpp) ──
  /// `parent` with the style `name` applied as seen from `module`; without a name, a style with only
  /// the parent's text properties (what the children of a box inherit).
  int Derive(int parent, const std::optional<ast::Ident>& name, std::size_t module);

  const sema::Program& sema_;
  const sema::Typing& typing_;
  diag::Sink& sink_;
  Program p_;

 private:
  int ExprNode(const ast::Expr& e, Scope& scope);
  int Name(const ast::Expr& e, Scope& scope);
  int Binary(const ast::Expr& e, Scope& scope);
  int Compare(const ast::Expr& e, Scope& scope);
  void Records();
  void Rules();
  void Channels();
  void Tests();
  int Value(int node);
  /// A scalar (maybe optional) as text: "" when absent.
  int TextOrEmpty(const ast::Expr& e, Scope& scope);
  int FunctionIndex(const ast::FnDecl& fn, std::size_t module);

  std::map<const sema::RecordInfo*, int> records_;
  std::map<std::string, std::pair<int, TypeId>> lets_;  ///< name → (rule, type)
  std::map<const ast::FnDecl*, int> functions_;
  std::map<std::pair<int, const ast::StyleDecl*>, int> derived_;
  std::map<int, int> text_only_;  ///< style → its text properties alone
  int component_depth_ = 0;
};

// ── shared by the layout files ──
/// `10pt`, `3mm`, `1.5cm`, `2in` in millipoints.
Mpt LengthOf(const ast::Expr& e);
const ast::Option* FindOption(const std::vector<ast::Option>& options, std::string_view name);
/// The folder of the file a span is in ("." for the current one).
std::string DirectoryOf(const source::SourceManager& sources, source::Span span);
/// `name` as written when absolute, else relative to `directory`.
std::string ResolvePath(const std::string& name, const std::string& directory);

}  // namespace missive::lower::detail

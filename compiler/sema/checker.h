// The checker's state shared by its parts: declarations per module, scopes, narrowing, reporting helpers.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/sema/builtins.h"
#include "compiler/sema/check.h"
#include "compiler/sema/types.h"
#include "compiler/sema/typing.h"

namespace missive::sema {

/// Whether fontconfig matches `family` to a font of that same family; `matched` gets what it returned.
[[nodiscard]] bool FontFamilyInstalled(const std::string& family, std::string& matched);

class Checker {
 public:
  Checker(const Program& program, Typing& typing, diag::Sink& sink)
      : program_(program), sink_(sink), records_(typing.records), decls_(typing.decls), typing_(typing) {}
  void Run();

 private:
  friend class ExprChecker;

  // ── declarations (check.cpp) ──
  void DeclareRecords(std::size_t module);
  void ResolveRecordFields(std::size_t module);
  void DeclareOthers(std::size_t module);
  void CheckRecordDefaults(std::size_t module);
  void CheckFunctions(std::size_t module);
  void CheckInputAndRules(std::size_t module);
  void ReportUnusedLets(std::size_t module);
  Type ResolveType(const ast::TypeRef& ref, std::size_t module);
  void ResolveFn(FnInfo& fn, std::size_t module);
  void ReportDuplicate(const ast::Ident& again, source::Span first, const std::string& what);

  // ── expressions (expr_check.cpp) ──
 public:
  Type Expr(const ast::Expr& e);
  /// Checks `e` and that it can be used as `want`; returns the expression's own type.
  Type Expect(const ast::Expr& e, const Type& want, const std::string& what);
  Type Condition(const ast::Expr& e, const std::string& what);
  /// Whether an expression of type `got` can be used as `want`; reports M0302/M0301 otherwise.
  bool Fits(const ast::Expr& e, const Type& got, const Type& want, const std::string& what);
  void ReportOptional(const ast::Expr& e);
  /// Paths (`address`, `address.line2`) known to be non-none when `cond` is `when_true`.
  void Facts(const ast::Expr& cond, bool when_true, std::vector<std::string>& out) const;
  [[nodiscard]] std::string Text(source::Span span) const;
  [[nodiscard]] std::optional<std::string> Path(const ast::Expr& e) const;

 private:
  Type ExprType(const ast::Expr& e);  // Expr without recording
  Type Name(const ast::Expr& e);
  Type ImplicitMember(const ast::Expr& e);
  Type Member(const ast::Expr& e);
  Type Binary(const ast::Expr& e);
  Type Unary(const ast::Expr& e);
  Type IfExpr(const ast::Expr& e);
  Type Call(const ast::Expr& e);
  Type CallFn(const ast::Expr& e, FnInfo& fn, std::size_t module);
  Type CallBuiltin(const ast::Expr& e, const BuiltinSpec& builtin);  // builtin_check.cpp
  Type Lambda(const ast::Expr& e, const Type& list);                 // builtin_check.cpp
  Type Narrow(const ast::Expr& e, Type t) const;
  void UnknownName(const ast::Ident& name, const std::vector<std::string>& candidates, const std::string& what);
  std::vector<std::string> VisibleNames() const;

  // ── layouts, styles, components (layout_check.cpp) ──
  void CheckStyles(std::size_t module);
  void CheckComponents(std::size_t module);
  void CheckLayouts(std::size_t module);
  void CheckStmts(const std::vector<ast::StmtPtr>& body);
  void CheckStmt(const ast::Stmt& s);
  void CheckTable(const ast::TableSpec& t);
  void CheckComponentCall(const ast::Expr& call);
  void ReportRecursiveComponents();
  void CheckStyleRef(const std::optional<ast::Ident>& style);
  void CheckOptions(const std::vector<ast::Option>& options, const std::string& where);
  void CheckPage(const ast::PageSetup& page);
  void CheckScalarText(const ast::Expr& e);

  // ── what each channel's layout may hold (message_check.cpp) ──
  void CheckMessageFields(const ast::LayoutDecl& layout);
  void CheckChannelContent(const std::vector<ast::StmtPtr>& body, ast::LayoutKind channel,
                           const ast::LayoutDecl& layout, std::optional<source::Span> via,
                           std::set<const ast::ComponentDecl*>& seen);
  void CheckUrlLiteral(const ast::Expr& e);

  // ── channels and tests (channel_check.cpp) ──
  void CheckChannels(std::size_t module);
  void CheckTests(std::size_t module);
  void CheckRecipient(const ast::ChannelEntry& entry);
  /// Whether a channel without `when` is chosen for every record (nothing after it ever is).
  bool AlwaysEligible(const ast::Module& m, const ast::ChannelEntry& entry);
  void CheckGiven(const ast::Expr& e, const Type& want);
  void CheckExpectedChannel(const ast::Module& m, const ast::Ident& channel);

 public:
  // ── state ──
  const Program& program_;
  diag::Sink& sink_;
  std::deque<RecordInfo>& records_;
  std::vector<ModuleDecls>& decls_;
  Typing& typing_;

  std::size_t module_ = 0;  ///< the module being checked
  std::vector<std::map<std::string, Type>> locals_;
  std::vector<Type> it_;                           ///< the implicit element in `where` and lambdas
  std::vector<std::string> narrowed_;              ///< paths known to be non-none here
  std::size_t let_limit_ = SIZE_MAX;               ///< lets with order below this are defined
  bool page_slot_ = false;                         ///< inside a page header/footer
  bool fn_scope_ = false;                          ///< inside a `fn` body: parameters only
  const ast::ComponentDecl* component_ = nullptr;  ///< the component whose body is being checked
  /// component → the components its body calls, with the call's span
  std::map<const ast::ComponentDecl*, std::vector<std::pair<const ast::ComponentDecl*, source::Span>>> component_calls_;
};

/// Pushes a scope (locals, narrowed paths, `it`) for the lifetime of the guard.
class ScopeGuard {
 public:
  explicit ScopeGuard(Checker& c) : c_(c), narrowed_(c.narrowed_.size()), it_(c.it_.size()) {
    c_.locals_.emplace_back();
  }
  ~ScopeGuard() {
    c_.locals_.pop_back();
    c_.narrowed_.resize(narrowed_);
    c_.it_.resize(it_);
  }
  ScopeGuard(const ScopeGuard&) = delete;
  ScopeGuard& operator=(const ScopeGuard&) = delete;
  void Bind(const std::string& name, Type t) { c_.locals_.back()[name] = std::move(t); }
  void Narrow(const std::vector<std::string>& paths) {
    c_.narrowed_.insert(c_.narrowed_.end(), paths.begin(), paths.end());
  }
  void It(Type t) { c_.it_.push_back(std::move(t)); }

 private:
  Checker& c_;
  std::size_t narrowed_;
  std::size_t it_;
};

}  // namespace missive::sema

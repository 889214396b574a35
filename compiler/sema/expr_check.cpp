// Types of expressions: names and scopes, members, operators, calls, narrowing of optionals.
#include <algorithm>

#include "compiler/sema/checker.h"

namespace missive::sema {

namespace {

bool IsLiteral(const ast::Expr& e) { return e.kind == ast::ExprKind::String || e.kind == ast::ExprKind::Interpolated; }

bool IsNone(const ast::Expr& e) { return e.kind == ast::ExprKind::None; }

const char* OpText(ast::Op op) {
  switch (op) {
    case ast::Op::Add: return "+";
    case ast::Op::Sub: return "-";
    case ast::Op::Mul: return "*";
    case ast::Op::Div: return "/";
    case ast::Op::Mod: return "%";
    case ast::Op::Eq: return "==";
    case ast::Op::Ne: return "!=";
    case ast::Op::Lt: return "<";
    case ast::Op::Le: return "<=";
    case ast::Op::Gt: return ">";
    case ast::Op::Ge: return ">=";
    case ast::Op::And: return "and";
    case ast::Op::Or: return "or";
    case ast::Op::Not: return "not";
    case ast::Op::Neg: return "-";
    case ast::Op::Where: return "where";
  }
  return "?";
}

}  // namespace

std::string Checker::Text(source::Span span) const {
  if (!span.valid() || span.file >= program_.sources.size()) return "";
  const auto text = program_.sources.file(span.file).text();
  if (span.end > text.size() || span.begin > span.end) return "";
  return std::string(text.substr(span.begin, span.end - span.begin));
}

std::optional<std::string> Checker::Path(const ast::Expr& e) const {
  if (e.kind == ast::ExprKind::Name) return e.name.name;
  if (e.kind == ast::ExprKind::ImplicitMember) return "." + e.name.name;
  if (e.kind == ast::ExprKind::Member && e.lhs) {
    if (auto base = Path(*e.lhs)) return *base + "." + e.name.name;
  }
  return std::nullopt;
}

void Checker::Facts(const ast::Expr& cond, bool when_true, std::vector<std::string>& out) const {
  if (cond.kind == ast::ExprKind::Unary && cond.op == ast::Op::Not && cond.lhs) {
    Facts(*cond.lhs, !when_true, out);
    return;
  }
  if (cond.kind != ast::ExprKind::Binary || !cond.lhs || !cond.rhs) return;
  if ((cond.op == ast::Op::And && when_true) || (cond.op == ast::Op::Or && !when_true)) {
    Facts(*cond.lhs, when_true, out);
    Facts(*cond.rhs, when_true, out);
    return;
  }
  const bool ne = cond.op == ast::Op::Ne;
  if ((cond.op == ast::Op::Eq || ne) && ne == when_true) {
    const ast::Expr* other = IsNone(*cond.rhs) ? cond.lhs.get() : IsNone(*cond.lhs) ? cond.rhs.get() : nullptr;
    if (other != nullptr) {
      if (auto path = Path(*other)) out.push_back(*path);
    }
  }
}

Type Checker::Narrow(const ast::Expr& e, Type t) const {
  if (!t.optional) return t;
  auto path = Path(e);
  if (path && std::find(narrowed_.begin(), narrowed_.end(), *path) != narrowed_.end()) return t.required();
  return t;
}

void Checker::ReportOptional(const ast::Expr& e) {
  const std::string text = Text(e.span);
  if (Path(e)) {
    sink_.report(diag::Kind::OptionalNotChecked, e.span,
                 "`" + text + "` may be `none`; check `" + text + " != none` first");
  } else {
    // Not a name or a member path: narrowing cannot reach it, so suggest naming it with a check.
    sink_.report(diag::Kind::OptionalNotChecked, e.span, "this value may be `none`")
        .notes.push_back("check the optional it comes from with `!= none` first");
  }
}

bool Checker::Fits(const ast::Expr& e, const Type& got, const Type& want, const std::string& what) {
  if (got.is_error() || want.is_error()) return true;
  if (got.optional && !want.optional && Assignable(got.required(), want, IsLiteral(e))) {
    ReportOptional(e);
    return false;
  }
  if (Assignable(got, want, IsLiteral(e))) return true;
  sink_.report(diag::Kind::TypeMismatch, e.span,
               what + " expects `" + TypeName(want) + "`, found `" + TypeName(got) + "`");
  return false;
}

Type Checker::Expect(const ast::Expr& e, const Type& want, const std::string& what) {
  Type got = Expr(e);
  Fits(e, got, want, what);
  return got;
}

Type Checker::Condition(const ast::Expr& e, const std::string& what) {
  Type got = Expr(e);
  if (got.is_error()) return got;
  if (got.kind == TypeKind::Bool && got.optional) {
    ReportOptional(e);
  } else if (got.kind != TypeKind::Bool) {
    sink_.report(diag::Kind::ConditionNotBool, e.span, what + " must be a `Bool`, found `" + TypeName(got) + "`");
  }
  return got;
}

std::vector<std::string> Checker::VisibleNames() const {
  std::vector<std::string> names;
  for (const auto& scope : locals_) {
    for (const auto& [name, type] : scope) names.push_back(name);
  }
  if (!it_.empty()) names.push_back("it");
  const ModuleDecls& d = decls_[module_];
  if (fn_scope_) return names;
  for (const auto& [name, let] : d.lets) {
    if (let.order < let_limit_) names.push_back(name);
  }
  if (d.input != nullptr) {
    for (const auto& f : d.input->fields) names.push_back(f.name);
  }
  return names;
}

void Checker::UnknownName(const ast::Ident& name, const std::vector<std::string>& candidates, const std::string& what) {
  auto& d = sink_.report(diag::Kind::UnknownName, name.span, "unknown " + what + " `" + name.name + "`");
  if (auto best = diag::closest_name(name.name, candidates)) {
    d.notes.push_back("did you mean `" + *best + "`?");
    d.fixit = diag::FixIt{name.span, *best};
    // The let the user meant is not "never used" as well: one mistake, one diagnostic.
    if (auto let = decls_[module_].lets.find(*best); let != decls_[module_].lets.end()) let->second.used = true;
  }
}

Type Checker::Name(const ast::Expr& e) {
  const std::string& name = e.name.name;
  for (auto scope = locals_.rbegin(); scope != locals_.rend(); ++scope) {
    if (auto found = scope->find(name); found != scope->end()) return Narrow(e, found->second);
  }
  if (name == "it" && !it_.empty()) return it_.back();
  ModuleDecls& d = decls_[module_];
  if (fn_scope_) {
    UnknownName(e.name, VisibleNames(), "name");
    return Type::Error();
  }
  if (auto let = d.lets.find(name); let != d.lets.end()) {
    if (let->second.order < let_limit_) {
      let->second.used = true;
      return Narrow(e, let->second.type);
    }
    let->second.used = true;  // one mistake, one diagnostic: no "never used" on top
    auto& diag = sink_.report(diag::Kind::UnknownName, e.name.span, "unknown name `" + name + "`");
    diag.labels.push_back({let->second.rule->name.span, "`" + name + "` is defined here, after its use"});
    diag.notes.push_back("a `let` can only use the lets defined before it");
    return Type::Error();
  }
  if (d.input != nullptr) {
    if (const FieldInfo* f = d.input->field(name)) return Narrow(e, f->type);
  }
  if (name == "page" || name == "pages") {
    if (page_slot_) return Type::Of(TypeKind::Int);
    sink_.report(name == "page" ? diag::Kind::PageOutsidePageSlot : diag::Kind::PagesOutsidePageSlot, e.span,
                 "`" + name + "` can only be used in a page `header` or `footer`");
    return Type::Error();
  }
  if (program_.modules[module_].aliases.count(name) != 0) {
    sink_.report(diag::Kind::UnknownName, e.name.span, "`" + name + "` is a module, not a value");
    return Type::Error();
  }
  UnknownName(e.name, VisibleNames(), "name");
  return Type::Error();
}

Type Checker::ImplicitMember(const ast::Expr& e) {
  if (it_.empty()) {
    sink_.report(diag::Kind::UnknownName, e.span,
                 "`." + e.name.name + "` needs a list element: use it in a `where` condition or a list function");
    return Type::Error();
  }
  const Type& it = it_.back();
  if (it.is_error() || it.kind == TypeKind::Any) return Type::Error();
  if (it.kind != TypeKind::Record) {
    sink_.report(diag::Kind::NotARecord, e.span,
                 "the list element is " + Article(it) + "`" + TypeName(it) + "`, not a record: it has no field `" +
                     e.name.name + "`");
    return Type::Error();
  }
  if (const FieldInfo* f = it.record->field(e.name.name)) return Narrow(e, f->type);
  auto& d = sink_.report(diag::Kind::UnknownField, e.name.span,
                         "record `" + it.record->name + "` has no field `" + e.name.name + "`");
  if (auto best = diag::closest_name(e.name.name, it.record->field_names())) {
    d.notes.push_back("did you mean `" + *best + "`?");
    d.fixit = diag::FixIt{e.name.span, *best};
  }
  return Type::Error();
}

Type Checker::Member(const ast::Expr& e) {
  Type lhs = Expr(*e.lhs);
  if (lhs.is_error() || lhs.kind == TypeKind::Any) return Type::Error();
  if (lhs.optional) {
    ReportOptional(*e.lhs);
    lhs = lhs.required();
  }
  if (lhs.kind != TypeKind::Record) {
    sink_.report(diag::Kind::NotARecord, e.lhs->span,
                 "`" + Text(e.lhs->span) + "` is " + Article(lhs) + "`" + TypeName(lhs) +
                     "`, not a record: it has no field `" + e.name.name + "`");
    return Type::Error();
  }
  if (const FieldInfo* f = lhs.record->field(e.name.name)) return Narrow(e, f->type);
  auto& d = sink_.report(diag::Kind::UnknownField, e.name.span,
                         "record `" + lhs.record->name + "` has no field `" + e.name.name + "`");
  if (auto best = diag::closest_name(e.name.name, lhs.record->field_names())) {
    d.notes.push_back("did you mean `" + *best + "`?");
    d.fixit = diag::FixIt{e.name.span, *best};
  }
  return Type::Error();
}

Type Checker::Unary(const ast::Expr& e) {
  Type t = Expr(*e.lhs);
  if (t.is_error()) return t;
  if (t.optional) {
    ReportOptional(*e.lhs);
    return Type::Error();
  }
  if (e.op == ast::Op::Not) {
    if (t.kind != TypeKind::Bool) {
      sink_.report(diag::Kind::InvalidOperands, e.span, "`not` needs a `Bool`, found `" + TypeName(t) + "`");
      return Type::Error();
    }
    return t;
  }
  if (!IsNumeric(t)) {
    sink_.report(diag::Kind::InvalidOperands, e.span, "cannot negate " + Article(t) + "`" + TypeName(t) + "`");
    return Type::Error();
  }
  return t;
}

Type Checker::Binary(const ast::Expr& e) {
  const ast::Op op = e.op;
  if (op == ast::Op::Where) {
    Type list = Expr(*e.lhs);
    Type element = Type::Error();
    if (!list.is_error()) {
      if (list.optional) ReportOptional(*e.lhs);
      if (list.kind == TypeKind::List) {
        element = *list.element;
      } else {
        sink_.report(
            diag::Kind::NotAList, e.lhs->span,
            "`where` filters a list, but `" + Text(e.lhs->span) + "` is " + Article(list) + "`" + TypeName(list) + "`");
        list = Type::Error();
      }
    }
    ScopeGuard scope(*this);
    scope.It(element);
    Condition(*e.rhs, "a `where` condition");
    return list.required();
  }
  if (op == ast::Op::And || op == ast::Op::Or) {
    Type lhs = Condition(*e.lhs, "an operand of `" + std::string(OpText(op)) + "`");
    std::vector<std::string> facts;
    Facts(*e.lhs, op == ast::Op::And, facts);
    ScopeGuard scope(*this);
    scope.Narrow(facts);
    Type rhs = Condition(*e.rhs, "an operand of `" + std::string(OpText(op)) + "`");
    return Type::Of(TypeKind::Bool);
  }
  Type lhs = Expr(*e.lhs);
  Type rhs = Expr(*e.rhs);
  if (lhs.is_error() || rhs.is_error())
    return op >= ast::Op::Eq && op <= ast::Op::Ge ? Type::Of(TypeKind::Bool) : Type::Error();
  if (op == ast::Op::Eq || op == ast::Op::Ne) {
    if (lhs.kind == TypeKind::None || rhs.kind == TypeKind::None) return Type::Of(TypeKind::Bool);
    if (Unify(lhs.required(), rhs.required()).is_error() || lhs.kind == TypeKind::Record ||
        lhs.kind == TypeKind::List) {
      sink_.report(diag::Kind::InvalidOperands, e.span,
                   "cannot compare `" + TypeName(lhs) + "` with `" + TypeName(rhs) + "`");
    }
    return Type::Of(TypeKind::Bool);
  }
  bool bad_optional = false;
  if (lhs.optional) ReportOptional(*e.lhs), bad_optional = true;
  if (rhs.optional) ReportOptional(*e.rhs), bad_optional = true;
  lhs = lhs.required();
  rhs = rhs.required();
  if (op == ast::Op::Lt || op == ast::Op::Le || op == ast::Op::Gt || op == ast::Op::Ge) {
    const bool ok = (IsNumeric(lhs) && IsNumeric(rhs)) || (IsDateLike(lhs) && lhs.kind == rhs.kind) ||
                    (IsStringLike(lhs) && IsStringLike(rhs));
    if (!ok && !bad_optional) {
      sink_.report(diag::Kind::InvalidOperands, e.span,
                   "cannot compare `" + TypeName(lhs) + "` with `" + TypeName(rhs) + "` using `" + OpText(op) + "`");
    }
    return Type::Of(TypeKind::Bool);
  }
  // arithmetic
  if (IsNumeric(lhs) && IsNumeric(rhs)) {
    if (lhs.kind == TypeKind::Int && rhs.kind == TypeKind::Int && op != ast::Op::Div) return lhs;
    return Type::Of(TypeKind::Decimal);
  }
  if (bad_optional) return Type::Error();
  auto& d = sink_.report(
      diag::Kind::InvalidOperands, e.span,
      "cannot apply `" + std::string(OpText(op)) + "` to `" + TypeName(lhs) + "` and `" + TypeName(rhs) + "`");
  if (op == ast::Op::Add && (IsStringLike(lhs) || IsStringLike(rhs))) {
    d.notes.push_back("join text with interpolation: \"{a}{b}\"");
  }
  return Type::Error();
}

Type Checker::IfExpr(const ast::Expr& e) {
  Condition(*e.cond, "an `if` condition");
  std::vector<std::string> yes, no;
  Facts(*e.cond, true, yes);
  Facts(*e.cond, false, no);
  Type a, b;
  {
    ScopeGuard scope(*this);
    scope.Narrow(yes);
    a = Expr(*e.lhs);
  }
  {
    ScopeGuard scope(*this);
    scope.Narrow(no);
    b = Expr(*e.rhs);
  }
  if (a.is_error() || b.is_error()) return Type::Error();
  Type t = Unify(a, b);
  if (t.is_error()) {
    sink_.report(diag::Kind::TypeMismatch, e.span,
                 "the branches of `if` have different types: `" + TypeName(a) + "` and `" + TypeName(b) + "`");
  }
  return t;
}

Type Checker::CallFn(const ast::Expr& e, FnInfo& fn, std::size_t module) {
  if (fn.resolving) {
    // Inferring the result would need the result itself.
    sink_.report(diag::Kind::TypeMismatch, e.span,
                 "`" + fn.decl->name.name + "` is recursive: declare its result type, e.g. `): Decimal =`");
    return Type::Error();
  }
  ResolveFn(fn, module);
  const std::size_t n = fn.decl->params.size();
  for (const auto& arg : e.args) {
    if (arg.name) {
      sink_.report(diag::Kind::UnknownArgument, arg.name->span,
                   "`" + fn.decl->name.name + "` takes no named argument `" + arg.name->name + "`");
    }
  }
  if (e.args.size() != n) {
    sink_.report(diag::Kind::WrongArgumentCount, e.span,
                 "`" + fn.decl->name.name + "` takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") +
                     ", found " + std::to_string(e.args.size()));
  }
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    if (!e.args[i].value) continue;
    if (i < n) {
      Expect(*e.args[i].value, fn.params[i], "argument `" + fn.decl->params[i].name.name + "`");
    } else {
      Expr(*e.args[i].value);
    }
  }
  return fn.result;
}

Type Checker::Call(const ast::Expr& e) {
  const ast::Expr& callee = *e.lhs;
  if (callee.kind == ast::ExprKind::Member && callee.lhs && callee.lhs->kind == ast::ExprKind::Name) {
    const auto& aliases = program_.modules[module_].aliases;
    if (auto alias = aliases.find(callee.lhs->name.name); alias != aliases.end()) {
      ModuleDecls& target = decls_[alias->second];
      if (auto fn = target.functions.find(callee.name.name); fn != target.functions.end()) {
        return CallFn(e, fn->second, alias->second);
      }
      std::vector<std::string> names;
      for (const auto& [name, info] : target.functions) names.push_back(name);
      auto& d = sink_.report(diag::Kind::UnknownFunction, callee.name.span,
                             "module `" + alias->first + "` has no function `" + callee.name.name + "`");
      if (auto best = diag::closest_name(callee.name.name, names)) {
        d.notes.push_back("did you mean `" + *best + "`?");
        d.fixit = diag::FixIt{callee.name.span, *best};
      }
      for (const auto& arg : e.args) {
        if (arg.value) Expr(*arg.value);
      }
      return Type::Error();
    }
  }
  if (callee.kind != ast::ExprKind::Name) {
    sink_.report(diag::Kind::NotCallable, callee.span, "`" + Text(callee.span) + "` is not a function");
    return Type::Error();
  }
  const std::string& name = callee.name.name;
  if (auto fn = decls_[module_].functions.find(name); fn != decls_[module_].functions.end()) {
    return CallFn(e, fn->second, module_);
  }
  for (std::size_t m : program_.modules[module_].std_imports) {
    if (auto fn = decls_[m].functions.find(name); fn != decls_[m].functions.end()) return CallFn(e, fn->second, m);
  }
  if (const BuiltinSpec* builtin = FindBuiltin(name)) return CallBuiltin(e, *builtin);
  std::vector<std::string> names;
  for (const auto& b : Builtins()) names.push_back(b.name);
  for (const auto& [fn_name, info] : decls_[module_].functions) names.push_back(fn_name);
  for (std::size_t m : program_.modules[module_].std_imports) {
    for (const auto& [fn_name, info] : decls_[m].functions) names.push_back(fn_name);
  }
  auto& d = sink_.report(diag::Kind::UnknownFunction, callee.name.span, "unknown function `" + name + "`");
  if (auto best = diag::closest_name(name, names)) {
    d.notes.push_back("did you mean `" + *best + "`?");
    d.fixit = diag::FixIt{callee.name.span, *best};
  }
  for (const auto& arg : e.args) {
    if (arg.value) Expr(*arg.value);
  }
  return Type::Error();
}

Type Checker::Expr(const ast::Expr& e) {
  Type t = ExprType(e);
  typing_.types[&e] = t;
  return t;
}

Type Checker::ExprType(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::Int: return Type::Of(TypeKind::Int);
    case ast::ExprKind::Decimal: return Type::Of(TypeKind::Decimal);
    case ast::ExprKind::String: return Type::Of(TypeKind::String);
    case ast::ExprKind::Interpolated:
      for (const auto& part : e.parts) {
        if (!part.expr) continue;
        Type t = Expr(*part.expr);
        if (t.is_error()) continue;
        if (t.kind == TypeKind::Record || t.kind == TypeKind::List) {
          auto& d = sink_.report(diag::Kind::InterpolationNeedsFormat, part.expr->span,
                                 "cannot put " + Article(t) + "`" + TypeName(t) + "` into text");
          std::string note = "format it first, e.g. `join(...)`";
          if (t.kind == TypeKind::Record) {
            note = t.record != nullptr && !t.record->fields.empty()
                       ? "pick a field, e.g. `{" + Text(part.expr->span) + "." + t.record->fields.front().name + "}`"
                       : "pick a field";
          }
          d.notes.push_back(note);
        } else if (t.optional) {
          ReportOptional(*part.expr);
        }
      }
      return Type::Of(TypeKind::String);
    case ast::ExprKind::Bool: return Type::Of(TypeKind::Bool);
    case ast::ExprKind::None: return Type::Of(TypeKind::None);
    case ast::ExprKind::Length: return Type::Of(TypeKind::Length);
    case ast::ExprKind::Fraction: return Type::Of(TypeKind::Fraction);
    case ast::ExprKind::Color: return Type::Of(TypeKind::Color);
    case ast::ExprKind::Name: return Name(e);
    case ast::ExprKind::ImplicitMember: return ImplicitMember(e);
    case ast::ExprKind::Member: return e.lhs ? Member(e) : Type::Error();
    case ast::ExprKind::Index: {
      if (!e.lhs || !e.rhs) return Type::Error();
      Type list = Expr(*e.lhs);
      Expect(*e.rhs, Type::Of(TypeKind::Int), "a list index");
      if (list.is_error()) return list;
      if (list.optional) ReportOptional(*e.lhs);
      if (list.kind != TypeKind::List) {
        sink_.report(diag::Kind::NotAList, e.lhs->span,
                     "`" + Text(e.lhs->span) + "` is " + Article(list) + "`" + TypeName(list) + "`, not a list");
        return Type::Error();
      }
      return *list.element;
    }
    case ast::ExprKind::Call: return e.lhs ? Call(e) : Type::Error();
    case ast::ExprKind::Unary: return e.lhs ? Unary(e) : Type::Error();
    case ast::ExprKind::Binary: return e.lhs && e.rhs ? Binary(e) : Type::Error();
    case ast::ExprKind::If: return e.cond && e.lhs && e.rhs ? IfExpr(e) : Type::Error();
    case ast::ExprKind::Record:
      sink_.report(diag::Kind::TypeMismatch, e.span, "record literals are only allowed in a test's `given`");
      return Type::Error();
    case ast::ExprKind::List: {
      Type t = Type::Of(TypeKind::Any);
      bool reported = false;
      for (const auto& item : e.items) {
        if (!item) continue;
        Type it = Expr(*item);
        Type u = Unify(t, it);
        if (u.is_error() && !it.is_error() && !t.is_error() && !reported) {
          sink_.report(diag::Kind::TypeMismatch, item->span,
                       "list items must have one type: `" + TypeName(t) + "` and `" + TypeName(it) + "`");
          reported = true;
        }
        t = u;
      }
      return t.is_error() ? t : Type::ListOf(t);
    }
    case ast::ExprKind::Error: return Type::Error();
  }
  return Type::Error();
}

}  // namespace missive::sema

// Types of builtin calls: arguments bound by the builtin table (builtins.def), then each builtin's rule
// for its list, lambda and generic parameters; plain parameters are checked against the table's type.
#include "compiler/sema/builtins.h"
#include "compiler/sema/checker.h"

namespace missive::sema {

namespace {

Type T(TypeKind kind) { return Type::Of(kind); }

/// A parameter type of the table that names one scalar type.
std::optional<TypeKind> PlainType(const std::string& name) {
  static const std::map<std::string, TypeKind> kTypes = {
      {"String", TypeKind::String}, {"Int", TypeKind::Int},   {"Decimal", TypeKind::Decimal},
      {"Date", TypeKind::Date},     {"Bool", TypeKind::Bool}, {"Currency", TypeKind::Currency}};
  auto it = kTypes.find(name);
  if (it == kTypes.end()) return std::nullopt;
  return it->second;
}

bool IsOrderable(const Type& t) { return IsNumeric(t) || IsDateLike(t) || IsStringLike(t); }

}  // namespace

Type Checker::Lambda(const ast::Expr& e, const Type& list) {
  ScopeGuard scope(*this);
  scope.It(list.kind == TypeKind::List ? *list.element : Type::Error());
  return Expr(e);
}

Type Checker::CallBuiltin(const ast::Expr& e, const BuiltinSpec& spec) {
  const std::string& name = spec.name;
  const std::vector<const ast::Expr*> args = BindArguments(spec, e, sink_);
  if (args.empty()) {
    ScopeGuard scope(*this);  // lambdas among the arguments see an element already reported on
    scope.It(Type::Error());
    for (const auto& a : e.args) {
      if (a.value) Expr(*a.value);
    }
    return Type::Error();
  }
  auto given = [&](std::size_t i) { return args[i] != nullptr; };

  // The list functions: argument 0 is a list, the others lambdas over its element.
  auto list_arg = [&]() -> Type {
    Type t = Expr(*args[0]);
    if (t.is_error()) return t;
    if (t.optional) {
      ReportOptional(*args[0]);
      t = t.required();
    }
    if (t.kind != TypeKind::List) {
      sink_.report(diag::Kind::NotAList, args[0]->span, "`" + name + "` needs a list, found `" + TypeName(t) + "`");
      return Type::Error();
    }
    return t;
  };
  auto element_of = [](const Type& list) { return list.is_error() ? list : *list.element; };
  // the lambda argument i, or the element itself when left out
  auto mapped = [&](std::size_t i, const Type& list) { return given(i) ? Lambda(*args[i], list) : element_of(list); };
  auto at = [&](std::size_t i) -> const ast::Expr& { return given(i) ? *args[i] : *args[0]; };
  auto numeric = [&](const ast::Expr& where, const Type& t) -> Type {
    if (t.is_error()) return t;
    if (t.optional) {
      ReportOptional(where);
      return Type::Error();
    }
    if (!IsNumeric(t)) {
      sink_.report(diag::Kind::TypeMismatch, where.span, "`" + name + "` needs numbers, found `" + TypeName(t) + "`");
      return Type::Error();
    }
    return t;
  };
  auto orderable = [&](const ast::Expr& where, const Type& t) -> Type {
    if (t.is_error() || t.kind == TypeKind::Any) return Type::Error();
    if (t.optional) {
      ReportOptional(where);
      return Type::Error();
    }
    if (!IsOrderable(t)) {
      sink_.report(diag::Kind::TypeMismatch, where.span,
                   "`" + name + "` cannot order `" + TypeName(t) + "`: it orders numbers, dates and strings");
      return Type::Error();
    }
    return t;
  };
  // Plain parameters (scalars named in the table) and rounding modes.
  auto plain = [&](std::size_t i) {
    if (!given(i)) return;
    const BuiltinParam& p = spec.params[i];
    if (auto kind = PlainType(p.type)) {
      Expect(*args[i], T(*kind), "`" + name + "`");
    } else if (p.type == "Rounding") {
      Expr(*args[i]);
      if (args[i]->kind != ast::ExprKind::String || RoundingMode(args[i]->text) < 0) {
        std::string modes;
        for (const auto& m : RoundingModes()) modes += (modes.empty() ? "\"" : ", \"") + m + "\"";
        sink_
            .report(diag::Kind::InvalidArgument, args[i]->span,
                    "`" + p.name + "` of `" + name + "` is a rounding mode in quotes")
            .notes.push_back("one of " + modes);
      }
    }
  };

  switch (spec.id) {
    case Builtin::Count: list_arg(); return T(TypeKind::Int);
    case Builtin::Sum: {
      Type list = list_arg();
      return numeric(at(1), mapped(1, list));
    }
    case Builtin::Min:
    case Builtin::Max: {
      Type list = list_arg();
      return orderable(at(1), mapped(1, list));
    }
    case Builtin::First:
    case Builtin::Last: return element_of(list_arg());
    case Builtin::Map: {
      Type list = list_arg();
      Type value = Lambda(*args[1], list);
      return value.is_error() ? value : Type::ListOf(value);
    }
    case Builtin::SortBy: {
      Type list = list_arg();
      orderable(*args[1], Lambda(*args[1], list));
      return list;
    }
    case Builtin::GroupBy: {
      Type list = list_arg();
      Type key = Lambda(*args[1], list);
      if (list.is_error() || key.is_error()) return Type::Error();
      RecordInfo& group = records_.emplace_back();
      group.name = "group";
      group.module = module_;
      group.fields.push_back(FieldInfo{"key", key, false, false, nullptr});
      group.fields.push_back(FieldInfo{"items", list, false, false, nullptr});
      return Type::ListOf(Type::RecordOf(&group));
    }
    case Builtin::RunningSum: {
      Type list = list_arg();
      numeric(at(1), mapped(1, list));
      plain(2);
      return Type::ListOf(T(TypeKind::Decimal));
    }
    case Builtin::Any:
    case Builtin::All: {
      Type list = list_arg();
      ScopeGuard scope(*this);
      scope.It(list.is_error() ? list : *list.element);
      Condition(*args[1], "the condition of `" + name + "`");
      return T(TypeKind::Bool);
    }
    case Builtin::Format: {
      Type d = Expr(*args[0]);
      if (!d.is_error()) {
        if (d.optional && IsDateLike(d.required())) {
          ReportOptional(*args[0]);
        } else if (!IsDateLike(d)) {
          sink_.report(diag::Kind::TypeMismatch, args[0]->span,
                       "`format` expects `Date` or `DateTime`, found `" + TypeName(d) + "`");
        }
      }
      plain(1);
      return T(TypeKind::String);
    }
    case Builtin::Join:
      Expect(*args[0], Type::ListOf(T(TypeKind::String)), "`join`");
      plain(1);
      return T(TypeKind::String);
    case Builtin::StringOf: {
      Type t = Expr(*args[0]);
      if (!t.is_error()) {
        if (t.kind == TypeKind::Record || t.kind == TypeKind::List) {
          sink_.report(diag::Kind::TypeMismatch, args[0]->span,
                       "`string` expects a scalar, found `" + TypeName(t) + "`");
        } else if (t.optional) {
          ReportOptional(*args[0]);
        }
      }
      return T(TypeKind::String);
    }
    default: {
      // every parameter is plain: the table says it all
      for (std::size_t i = 0; i < args.size(); ++i) plain(i);
      if (spec.result == "Int") return T(TypeKind::Int);
      if (spec.result == "Bool") return T(TypeKind::Bool);
      if (spec.result == "Date") return T(TypeKind::Date);
      if (spec.result == "Decimal") return T(TypeKind::Decimal);
      if (spec.result == "[String]") return Type::ListOf(T(TypeKind::String));
      return T(TypeKind::String);
    }
  }
}

}  // namespace missive::sema

// Signatures of the builtin functions (builtins.def): arity, named arguments, argument and result types.
#include <array>

#include "compiler/sema/checker.h"

namespace missive::sema {

namespace {

constexpr BuiltinInfo kBuiltins[] = {
#define BUILTIN(id, name, min_args, max_args, named) {Builtin::id, name, min_args, max_args, named},
#include "compiler/sema/builtins.def"
#undef BUILTIN
};

Type T(TypeKind kind) { return Type::Of(kind); }

}  // namespace

const BuiltinInfo* FindBuiltin(const std::string& name) {
  for (const auto& b : kBuiltins) {
    if (name == b.name) return &b;
  }
  return nullptr;
}

std::vector<std::string> BuiltinNames() {
  std::vector<std::string> names;
  for (const auto& b : kBuiltins) names.emplace_back(b.name);
  return names;
}

Type Checker::Lambda(const ast::Expr& e, const Type& list) {
  ScopeGuard scope(*this);
  scope.It(list.kind == TypeKind::List ? *list.element : Type::Error());
  return Expr(e);
}

Type Checker::CallBuiltin(const ast::Expr& e, const BuiltinInfo& b) {
  const std::string name = b.name;
  // Named arguments: only the builtin's last parameter, by its name.
  std::vector<const ast::Expr*> args;
  for (const auto& arg : e.args) {
    if (arg.name && arg.name->name != b.named) {
      auto& d = sink_.report(diag::Kind::UnknownArgument, arg.name->span,
                             "`" + name + "` has no argument named `" + arg.name->name + "`");
      if (*b.named != '\0') d.notes.push_back("`" + name + "` takes a named argument `" + b.named + "`");
      continue;
    }
    args.push_back(arg.value.get());
  }
  if (e.args.size() < b.min_args || e.args.size() > b.max_args) {
    const std::string expected = b.min_args == b.max_args
                                     ? std::to_string(b.min_args)
                                     : std::to_string(b.min_args) + " to " + std::to_string(b.max_args);
    sink_.report(diag::Kind::WrongArgumentCount, e.span,
                 "`" + name + "` takes " + expected + " argument" + (b.max_args == 1 ? "" : "s") + ", found " +
                     std::to_string(e.args.size()));
    for (const ast::Expr* a : args) {
      if (a != nullptr) Expr(*a);
    }
    return Type::Error();
  }
  for (const ast::Expr* a : args) {
    if (a == nullptr) return Type::Error();
  }

  // The list functions: argument 0 is a list, argument 1 a lambda over its element.
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
  auto numeric = [&](const ast::Expr& at, const Type& t) -> Type {
    if (t.is_error()) return t;
    if (t.optional) {
      ReportOptional(at);
      return Type::Error();
    }
    if (!IsNumeric(t)) {
      sink_.report(diag::Kind::TypeMismatch, at.span, "`" + name + "` needs numbers, found `" + TypeName(t) + "`");
      return Type::Error();
    }
    return t;
  };

  switch (b.id) {
    case Builtin::Count: list_arg(); return T(TypeKind::Int);
    case Builtin::Sum:
    case Builtin::Min:
    case Builtin::Max: {
      Type list = list_arg();
      Type value = args.size() == 2 ? Lambda(*args[1], list) : element_of(list);
      const ast::Expr& at = args.size() == 2 ? *args[1] : *args[0];
      if (b.id == Builtin::Sum) return numeric(at, value);
      if (value.is_error() || value.kind == TypeKind::Any) return Type::Error();
      if (!IsNumeric(value) && !IsDateLike(value) && !IsStringLike(value)) {
        sink_.report(diag::Kind::TypeMismatch, at.span, "`" + name + "` cannot order `" + TypeName(value) + "`");
        return Type::Error();
      }
      return value;
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
      Lambda(*args[1], list);
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
      numeric(*args[1], Lambda(*args[1], list));
      if (args.size() == 3) Expect(*args[2], T(TypeKind::Decimal), "`from`");
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
    case Builtin::Money:
      Expect(*args[0], T(TypeKind::Decimal), "`money`");
      Expect(*args[1], T(TypeKind::Currency), "`money`");
      return T(TypeKind::String);
    case Builtin::Number:
    case Builtin::Percent:
      Expect(*args[0], T(TypeKind::Decimal), "`" + name + "`");
      if (args.size() == 2) Expect(*args[1], T(TypeKind::Int), "`decimals`");
      return T(TypeKind::String);
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
      Expect(*args[1], T(TypeKind::String), "`format`");
      return T(TypeKind::String);
    }
    case Builtin::DateText: Expect(*args[0], T(TypeKind::Date), "`date`"); return T(TypeKind::String);
    case Builtin::Upper:
    case Builtin::Lower:
    case Builtin::Title:
    case Builtin::Trim: Expect(*args[0], T(TypeKind::String), "`" + name + "`"); return T(TypeKind::String);
    case Builtin::Split:
      Expect(*args[0], T(TypeKind::String), "`split`");
      Expect(*args[1], T(TypeKind::String), "`split`");
      return Type::ListOf(T(TypeKind::String));
    case Builtin::Join:
      Expect(*args[0], Type::ListOf(T(TypeKind::String)), "`join`");
      Expect(*args[1], T(TypeKind::String), "`join`");
      return T(TypeKind::String);
    case Builtin::Replace:
      for (const ast::Expr* a : args) Expect(*a, T(TypeKind::String), "`replace`");
      return T(TypeKind::String);
    case Builtin::PadLeft:
    case Builtin::PadRight:
      Expect(*args[0], T(TypeKind::String), "`" + name + "`");
      Expect(*args[1], T(TypeKind::Int), "`" + name + "`");
      if (args.size() == 3) Expect(*args[2], T(TypeKind::String), "`" + name + "`");
      return T(TypeKind::String);
    case Builtin::Truncate:
      Expect(*args[0], T(TypeKind::String), "`truncate`");
      Expect(*args[1], T(TypeKind::Int), "`truncate`");
      return T(TypeKind::String);
    case Builtin::Len: Expect(*args[0], T(TypeKind::String), "`len`"); return T(TypeKind::Int);
    case Builtin::Contains:
    case Builtin::StartsWith:
    case Builtin::EndsWith:
      Expect(*args[0], T(TypeKind::String), "`" + name + "`");
      Expect(*args[1], T(TypeKind::String), "`" + name + "`");
      return T(TypeKind::Bool);
    case Builtin::Round:
      Expect(*args[0], T(TypeKind::Decimal), "`round`");
      if (args.size() == 2) Expect(*args[1], T(TypeKind::Int), "`round`");
      return T(TypeKind::Decimal);
    case Builtin::Plural:
      Expect(*args[0], T(TypeKind::Int), "`plural`");
      Expect(*args[1], T(TypeKind::String), "`plural`");
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
    case Builtin::AddDays:
    case Builtin::AddMonths:
      Expect(*args[0], T(TypeKind::Date), "`" + name + "`");
      Expect(*args[1], T(TypeKind::Int), "`" + name + "`");
      return T(TypeKind::Date);
    case Builtin::DaysBetween:
      Expect(*args[0], T(TypeKind::Date), "`days_between`");
      Expect(*args[1], T(TypeKind::Date), "`days_between`");
      return T(TypeKind::Int);
    case Builtin::Year:
    case Builtin::Month:
    case Builtin::Day: Expect(*args[0], T(TypeKind::Date), "`" + name + "`"); return T(TypeKind::Int);
  }
  return Type::Error();
}

}  // namespace missive::sema

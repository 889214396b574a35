// Type relations: assignability (Int widens to Decimal, string-likes are Strings), unification, names.
#include "compiler/sema/types.h"

namespace missive::sema {

Type Type::ListOf(Type element) {
  return Type{TypeKind::List, false, nullptr, std::make_shared<const Type>(std::move(element))};
}

const FieldInfo* RecordInfo::field(const std::string& field_name) const {
  for (const auto& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

std::vector<std::string> RecordInfo::field_names() const {
  std::vector<std::string> names;
  for (const auto& f : fields) names.push_back(f.name);
  return names;
}

bool IsNumeric(const Type& t) { return t.kind == TypeKind::Int || t.kind == TypeKind::Decimal; }

bool IsStringLike(const Type& t) {
  switch (t.kind) {
    case TypeKind::String:
    case TypeKind::Email:
    case TypeKind::Phone:
    case TypeKind::Locale:
    case TypeKind::Currency:
    case TypeKind::Country: return true;
    default: return false;
  }
}

bool IsScalar(const Type& t) {
  return t.kind != TypeKind::Record && t.kind != TypeKind::List && t.kind != TypeKind::None;
}

bool IsDateLike(const Type& t) { return t.kind == TypeKind::Date || t.kind == TypeKind::DateTime; }

bool Assignable(const Type& from, const Type& to, bool literal) {
  if (from.is_error() || to.is_error() || from.kind == TypeKind::Any || to.kind == TypeKind::Any) return true;
  if (from.kind == TypeKind::None) return to.optional;
  if (from.kind == to.kind) {
    if (from.kind == TypeKind::Record) return from.record == to.record;
    if (from.kind == TypeKind::List) return Assignable(*from.element, *to.element, false);
    return true;
  }
  if (from.kind == TypeKind::Int && to.kind == TypeKind::Decimal) return true;
  if (to.kind == TypeKind::String && IsStringLike(from)) return true;
  if (literal && from.kind == TypeKind::String && IsStringLike(to)) return true;
  return false;
}

Type Unify(const Type& a, const Type& b) {
  if (a.is_error() || b.is_error()) return Type::Error();
  if (a.kind == TypeKind::Any) return b;
  if (b.kind == TypeKind::Any) return a;
  if (a.kind == TypeKind::None) return b.as_optional();
  if (b.kind == TypeKind::None) return a.as_optional();
  const bool optional = a.optional || b.optional;
  Type result;
  if (a.kind == b.kind) {
    if (a.kind == TypeKind::Record && a.record != b.record) return Type::Error();
    if (a.kind == TypeKind::List) {
      Type element = Unify(*a.element, *b.element);
      if (element.is_error()) return element;
      result = Type::ListOf(element);
    } else {
      result = a.required();
    }
  } else if (IsNumeric(a) && IsNumeric(b)) {
    result = Type::Of(TypeKind::Decimal);
  } else if (IsStringLike(a) && IsStringLike(b)) {
    result = Type::Of(TypeKind::String);
  } else {
    return Type::Error();
  }
  return optional ? result.as_optional() : result;
}

namespace {

const char* ScalarName(TypeKind kind) {
  switch (kind) {
    case TypeKind::Error: return "<error>";
    case TypeKind::Any: return "any";
    case TypeKind::String: return "String";
    case TypeKind::Bool: return "Bool";
    case TypeKind::Int: return "Int";
    case TypeKind::Decimal: return "Decimal";
    case TypeKind::Date: return "Date";
    case TypeKind::DateTime: return "DateTime";
    case TypeKind::Email: return "Email";
    case TypeKind::Phone: return "Phone";
    case TypeKind::Locale: return "Locale";
    case TypeKind::Currency: return "Currency";
    case TypeKind::Country: return "Country";
    case TypeKind::None: return "none";
    case TypeKind::Length: return "Length";
    case TypeKind::Fraction: return "Fraction";
    case TypeKind::Color: return "Color";
    case TypeKind::Record:
    case TypeKind::List: break;
  }
  return "";
}

}  // namespace

std::string Article(const Type& t) {
  const std::string name = TypeName(t);
  const char first = name.empty() ? 'x' : name[0];
  return std::string("AEIOUaeiou").find(first) != std::string::npos ? "an " : "a ";
}

std::string TypeName(const Type& t) {
  std::string name;
  if (t.kind == TypeKind::Record) {
    name = t.record ? t.record->name : "record";
  } else if (t.kind == TypeKind::List) {
    name = "[" + (t.element ? TypeName(*t.element) : std::string("any")) + "]";
  } else {
    name = ScalarName(t.kind);
  }
  return t.optional ? name + "?" : name;
}

}  // namespace missive::sema

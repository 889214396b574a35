// The checker's types: scalars, records, lists, optionals; assignability and their names in messages.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/syntax/ast.h"

namespace missive::sema {

enum class TypeKind : std::uint8_t {
  Error,  ///< already reported: accepted everywhere, so one mistake produces one diagnostic
  Any,    ///< the element of an empty list literal
  String,
  Bool,
  Int,
  Decimal,
  Date,
  DateTime,
  Email,
  Phone,
  Locale,
  Currency,
  Country,
  Record,
  List,
  None,
  Length,
  Fraction,
  Color,
};

struct RecordInfo;

struct Type {
  TypeKind kind = TypeKind::Error;
  bool optional = false;
  const RecordInfo* record = nullptr;   ///< Record
  std::shared_ptr<const Type> element;  ///< List

  static Type Of(TypeKind kind) { return Type{kind, false, nullptr, nullptr}; }
  static Type Error() { return Of(TypeKind::Error); }
  static Type ListOf(Type element);
  static Type RecordOf(const RecordInfo* record) { return Type{TypeKind::Record, false, record, nullptr}; }

  [[nodiscard]] bool is_error() const { return kind == TypeKind::Error; }
  [[nodiscard]] Type required() const {
    Type t = *this;
    t.optional = false;
    return t;
  }
  [[nodiscard]] Type as_optional() const {
    Type t = *this;
    if (t.kind != TypeKind::None && t.kind != TypeKind::Error) t.optional = true;
    return t;
  }
};

struct FieldInfo {
  std::string name;
  Type type;
  bool has_default = false;
  bool key = false;
  const ast::FieldDecl* decl = nullptr;
};

struct RecordInfo {
  std::string name;
  std::size_t module = 0;
  const ast::RecordDecl* decl = nullptr;  ///< null for records made by builtins (`group_by`)
  std::vector<FieldInfo> fields;

  [[nodiscard]] const FieldInfo* field(const std::string& field_name) const;
  [[nodiscard]] std::vector<std::string> field_names() const;
};

[[nodiscard]] bool IsNumeric(const Type& t);
/// String and the types that are strings with a meaning (Email, Phone, Locale, Currency, Country).
[[nodiscard]] bool IsStringLike(const Type& t);
/// Scalars can be interpolated and shown as text; records and lists cannot.
[[nodiscard]] bool IsScalar(const Type& t);
[[nodiscard]] bool IsDateLike(const Type& t);

/// Whether a value of `from` can be used where `to` is expected (ignoring optionality of `from`, which
/// the caller reports as an unchecked optional). `literal` allows a String literal for a string-like type.
[[nodiscard]] bool Assignable(const Type& from, const Type& to, bool literal);
/// The common type of two branches (`if … then a else b`, list items), or Error if there is none.
[[nodiscard]] Type Unify(const Type& a, const Type& b);
/// "a " or "an ", for the name of `t` in a message ("an `Int`", "a `String`").
[[nodiscard]] std::string Article(const Type& t);
/// `String`, `Address?`, `[Transaction]`, `none`.
[[nodiscard]] std::string TypeName(const Type& t);

}  // namespace missive::sema

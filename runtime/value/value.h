// Dynamic values of records and rules as the evaluator holds them (the JIT's native layouts come later).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "runtime/value/date.h"
#include "runtime/value/decimal.h"

namespace missive::data {
struct RecordDesc;
}

namespace missive::value {

struct Value;
using List = std::vector<Value>;

struct Record {
  const data::RecordDesc* desc = nullptr;  ///< null for records built from literals without a schema
  std::vector<std::string> names;          ///< only for desc == nullptr
  std::vector<Value> fields;               ///< in the order of desc->fields (or names)
};

struct None {
  friend bool operator==(None, None) { return true; }
};

/// Email, Phone, Locale, Currency and Country are strings at run time; their type lives in the checker.
struct Value {
  std::variant<None, bool, std::int64_t, Decimal, std::string, Date, DateTime, std::shared_ptr<const List>,
               std::shared_ptr<const Record>>
      v;

  Value() = default;
  Value(None) {}
  Value(bool b) : v(b) {}
  Value(std::int64_t i) : v(i) {}
  Value(Decimal d) : v(d) {}
  Value(std::string s) : v(std::move(s)) {}
  Value(Date d) : v(d) {}
  Value(DateTime d) : v(d) {}
  Value(std::shared_ptr<const List> l) : v(std::move(l)) {}
  Value(std::shared_ptr<const Record> r) : v(std::move(r)) {}

  [[nodiscard]] bool is_none() const { return std::holds_alternative<None>(v); }
  template <class T>
  [[nodiscard]] bool is() const {
    return std::holds_alternative<T>(v);
  }
  template <class T>
  [[nodiscard]] const T& as() const {
    return std::get<T>(v);
  }
};

}  // namespace missive::value

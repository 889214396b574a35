// Arithmetic, comparison and conversions on dynamic values, with exact decimals.
#include <string>

#include "tests/reference/internal.h"

namespace missive::reference {

using value::Decimal;
using value::Value;

void Fail(source::Span span, std::string message) { throw EvalError{span, std::move(message)}; }

std::string TypeOf(const Value& v) {
  switch (v.v.index()) {
    case 0: return "none";
    case 1: return "a boolean";
    case 2: return "an integer";
    case 3: return "a decimal";
    case 4: return "a string";
    case 5: return "a date";
    case 6: return "a date-time";
    case 7: return "a list";
    default: return "a record";
  }
}

Decimal ToDecimal(const Value& v, source::Span span) {
  if (v.is<Decimal>()) return v.as<Decimal>();
  if (v.is<std::int64_t>()) return Decimal::FromInt(v.as<std::int64_t>());
  Fail(span, "expected a number, found " + TypeOf(v));
}

const value::List& ToList(const Value& v, source::Span span) {
  if (v.is<std::shared_ptr<const value::List>>()) return *v.as<std::shared_ptr<const value::List>>();
  Fail(span, "expected a list, found " + TypeOf(v));
}

const std::string& ToStr(const Value& v, source::Span span) {
  if (v.is<std::string>()) return v.as<std::string>();
  Fail(span, "expected a string, found " + TypeOf(v));
}

std::int64_t ToInt(const Value& v, source::Span span) {
  if (v.is<std::int64_t>()) return v.as<std::int64_t>();
  Fail(span, "expected an integer, found " + TypeOf(v));
}

value::Date ToDate(const Value& v, source::Span span) {
  if (v.is<value::Date>()) return v.as<value::Date>();
  Fail(span, "expected a date, found " + TypeOf(v));
}

namespace {

Value CheckedDecimal(std::optional<Decimal> d, source::Span span, const char* what) {
  if (!d) Fail(span, std::string("decimal ") + what);
  return *d;
}

}  // namespace

Value Arith(ast::Op op, const Value& a, const Value& b, source::Span span) {
  if (a.is<std::int64_t>() && b.is<std::int64_t>() && op != ast::Op::Div) {
    const std::int64_t x = a.as<std::int64_t>(), y = b.as<std::int64_t>();
    std::int64_t r = 0;
    bool overflow = false;
    switch (op) {
      case ast::Op::Add: overflow = __builtin_add_overflow(x, y, &r); break;
      case ast::Op::Sub: overflow = __builtin_sub_overflow(x, y, &r); break;
      case ast::Op::Mul: overflow = __builtin_mul_overflow(x, y, &r); break;
      case ast::Op::Mod:
        if (y == 0) Fail(span, "division by zero");
        r = x % y;
        break;
      default: Fail(span, "invalid operator");
    }
    if (overflow) Fail(span, "integer overflow");
    return r;
  }
  const Decimal x = ToDecimal(a, span), y = ToDecimal(b, span);
  switch (op) {
    case ast::Op::Add: return CheckedDecimal(value::Add(x, y), span, "overflow");
    case ast::Op::Sub: return CheckedDecimal(value::Sub(x, y), span, "overflow");
    case ast::Op::Mul: return CheckedDecimal(value::Mul(x, y), span, "overflow");
    case ast::Op::Div:
      if (y.Sign() == 0) Fail(span, "division by zero");
      return CheckedDecimal(value::Div(x, y), span, "overflow");
    case ast::Op::Mod:
      if (y.Sign() == 0) Fail(span, "division by zero");
      return CheckedDecimal(value::Mod(x, y), span, "overflow");
    default: Fail(span, "invalid operator for numbers");
  }
}

bool EqualValues(const Value& a, const Value& b) {
  if ((a.is<Decimal>() || a.is<std::int64_t>()) && (b.is<Decimal>() || b.is<std::int64_t>())) {
    return value::Compare(ToDecimal(a, {}), ToDecimal(b, {})) == 0;
  }
  if (a.v.index() != b.v.index()) return false;
  if (a.is<value::None>()) return true;
  if (a.is<bool>()) return a.as<bool>() == b.as<bool>();
  if (a.is<std::string>()) return a.as<std::string>() == b.as<std::string>();
  if (a.is<value::Date>()) return a.as<value::Date>() == b.as<value::Date>();
  if (a.is<value::DateTime>()) return a.as<value::DateTime>() == b.as<value::DateTime>();
  if (a.is<std::shared_ptr<const value::List>>()) {
    const auto& x = *a.as<std::shared_ptr<const value::List>>();
    const auto& y = *b.as<std::shared_ptr<const value::List>>();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!EqualValues(x[i], y[i])) return false;
    }
    return true;
  }
  const auto& x = *a.as<std::shared_ptr<const value::Record>>();
  const auto& y = *b.as<std::shared_ptr<const value::Record>>();
  if (x.fields.size() != y.fields.size()) return false;
  for (std::size_t i = 0; i < x.fields.size(); ++i) {
    if (!EqualValues(x.fields[i], y.fields[i])) return false;
  }
  return true;
}

int CompareValues(const Value& a, const Value& b, source::Span span) {
  if ((a.is<Decimal>() || a.is<std::int64_t>()) && (b.is<Decimal>() || b.is<std::int64_t>())) {
    return value::Compare(ToDecimal(a, span), ToDecimal(b, span));
  }
  if (a.is<std::string>() && b.is<std::string>()) {
    const int c = a.as<std::string>().compare(b.as<std::string>());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (a.is<value::Date>() && b.is<value::Date>()) {
    const auto x = a.as<value::Date>().days, y = b.as<value::Date>().days;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.is<value::DateTime>() && b.is<value::DateTime>()) {
    const auto x = a.as<value::DateTime>().millis, y = b.as<value::DateTime>().millis;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  Fail(span, "cannot compare " + TypeOf(a) + " with " + TypeOf(b));
}

}  // namespace missive::reference

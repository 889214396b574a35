// Locale-aware formatting of money, numbers, percentages and dates (ICU, with cached fast paths), and
// the ICU-backed string functions. One Formatter per locale and thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "runtime/value/date.h"
#include "runtime/value/decimal.h"

namespace missive::value {

class Formatter {
 public:
  explicit Formatter(std::string_view locale);
  ~Formatter();
  Formatter(const Formatter&) = delete;
  Formatter& operator=(const Formatter&) = delete;

  /// `1.234,56 €` (de), `€1,234.56` (en): rounded to the currency's minor units (half-even by default).
  std::string Money(Decimal amount, std::string_view currency, Rounding mode = Rounding::HalfEven);
  /// Grouped number with exactly `decimals` fractional digits, rounded with `mode`.
  std::string Number(Decimal amount, int decimals, Rounding mode = Rounding::HalfEven);
  /// 0.25 → "25 %" (de), "25%" (en); at most `max_fraction` fractional digits, rounded with `mode`.
  std::string Percent(Decimal ratio, int max_fraction, Rounding mode = Rounding::HalfEven);
  /// ICU date pattern, e.g. "MMMM yyyy" → "October 2026" / "Oktober 2026".
  std::string FormatDate(Date date, std::string_view pattern);
  /// The locale's medium date style.
  std::string FormatDate(Date date);
  std::string FormatDateTime(DateTime date_time, std::string_view pattern);
  /// ICU MessageFormat with one numeric argument `n` (plural/select).
  std::string Plural(std::string_view pattern, std::int64_t n);

  std::string Upper(std::string_view s);
  std::string Lower(std::string_view s);
  std::string Title(std::string_view s);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Whether ICU knows these codes (decoding checks).
bool IsCurrencyCode(std::string_view code);
bool IsCountryCode(std::string_view code);
bool IsLocale(std::string_view tag);

}  // namespace missive::value

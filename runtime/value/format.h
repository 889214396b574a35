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

  /// `1.234,56 €` (de), `€1,234.56` (en): rounded half-even to the currency's minor units.
  std::string Money(Decimal amount, std::string_view currency);
  /// Grouped number with min..max fractional digits (half-even).
  std::string Number(Decimal amount, int min_fraction, int max_fraction);
  /// 0.25 → "25 %" (de), "25%" (en).
  std::string Percent(Decimal ratio, int max_fraction);
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

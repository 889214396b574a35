// The fast money formatter: a (locale, currency) pattern learned from ICU once, applied by hand per value.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/value/decimal.h"

namespace missive::value {

/// What ICU's currency formatter does for one (locale, currency), taken apart (PERFORMANCE.md).
struct MoneyPattern {
  std::string pos_prefix, pos_suffix, neg_prefix, neg_suffix;
  std::string group_sep, decimal_sep;
  std::string digits[10];
  int minor = 2;                ///< fractional digits of the currency
  int primary = 0;              ///< primary grouping size, 0 = no grouping
  int secondary = 0;            ///< size of the groups left of the first one (Indian: 2)
  int min_grouping = 1;         ///< digits beyond `primary` needed before grouping starts
  bool neg_zero_minus = false;  ///< whether a negative amount that rounds to zero keeps its minus

  /// Formats `amount` rounded half-even to `minor`; nullopt when it cannot (mantissa overflow).
  [[nodiscard]] std::optional<std::string> Format(Decimal amount) const;
};

/// Learns the pattern by formatting probe values with `icu_format` (decimal text in, UTF-8 out) and
/// checks it against ICU on a set of values; nullopt when the locale's output does not fit the model.
std::optional<MoneyPattern> LearnMoneyPattern(const std::function<std::string(std::string_view)>& icu_format,
                                              int minor);

}  // namespace missive::value

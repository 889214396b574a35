// Calendar dates and date-times (proleptic Gregorian, no time zones: DateTime is UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace missive::value {

/// Days since 1970-01-01.
struct Date {
  std::int32_t days = 0;
  static std::optional<Date> Parse(std::string_view iso);  ///< "YYYY-MM-DD", validated
  static Date FromYmd(int year, unsigned month, unsigned day);
  void ToYmd(int& year, unsigned& month, unsigned& day) const;
  [[nodiscard]] std::string ToString() const;  ///< ISO 8601
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// Milliseconds since 1970-01-01T00:00:00Z.
struct DateTime {
  std::int64_t millis = 0;
  static std::optional<DateTime> Parse(std::string_view iso);  ///< "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"
  [[nodiscard]] std::string ToString() const;                  ///< "YYYY-MM-DDTHH:MM:SS.sssZ" (ms only if ≠ 0)
  friend auto operator<=>(const DateTime&, const DateTime&) = default;
};

}  // namespace missive::value

// Proleptic Gregorian dates and UTC date-times: strict ISO 8601 parsing and printing.
#include "runtime/value/date.h"

#include <cstdio>

namespace missive::value {
namespace {

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": days_from_civil / civil_from_days.
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` ASCII digits at `pos`.
bool Digits(std::string_view s, std::size_t pos, int n, int& out) {
  if (pos + static_cast<std::size_t>(n) > s.size()) return false;
  out = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

bool ParseYmd(std::string_view s, int& y, unsigned& m, unsigned& d) {
  int yy = 0, mm = 0, dd = 0;
  if (s.size() < 10 || !Digits(s, 0, 4, yy) || s[4] != '-' || !Digits(s, 5, 2, mm) || s[7] != '-' ||
      !Digits(s, 8, 2, dd))
    return false;
  if (mm < 1 || mm > 12 || dd < 1 || static_cast<unsigned>(dd) > DaysInMonth(yy, static_cast<unsigned>(mm)))
    return false;
  y = yy;
  m = static_cast<unsigned>(mm);
  d = static_cast<unsigned>(dd);
  return true;
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::optional<Date> Date::Parse(std::string_view iso) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (iso.size() != 10 || !ParseYmd(iso, y, m, d)) return std::nullopt;
  return FromYmd(y, m, d);
}

Date Date::FromYmd(int year, unsigned month, unsigned day) {
  return Date{static_cast<std::int32_t>(DaysFromCivil(year, month, day))};
}

void Date::ToYmd(int& year, unsigned& month, unsigned& day) const {
  std::int64_t y = 0;
  CivilFromDays(days, y, month, day);
  year = static_cast<int>(y);
}

std::string Date::ToString() const {
  int y = 0;
  unsigned m = 0, d = 0;
  ToYmd(y, m, d);
  if (y >= 0 && y <= 9999) {
    // the common case without snprintf (a date per table row): YYYY-MM-DD
    std::string out(10, '-');
    const auto digit = [](unsigned v) { return static_cast<char>('0' + v); };
    const auto year = static_cast<unsigned>(y);
    out[0] = digit(year / 1000);
    out[1] = digit(year / 100 % 10);
    out[2] = digit(year / 10 % 10);
    out[3] = digit(year % 10);
    out[5] = digit(m / 10);
    out[6] = digit(m % 10);
    out[8] = digit(d / 10);
    out[9] = digit(d % 10);
    return out;
  }
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, y < 0 ? "%05d-%02u-%02u" : "%04d-%02u-%02u", y, m, d);
  return std::string(buf, static_cast<std::size_t>(n));
}

std::optional<DateTime> DateTime::Parse(std::string_view iso) {
  int y = 0, hh = 0, mi = 0, ss = 0, ms = 0;
  unsigned m = 0, d = 0;
  if (!ParseYmd(iso, y, m, d) || iso.size() < 20 || iso[10] != 'T' || !Digits(iso, 11, 2, hh) || iso[13] != ':' ||
      !Digits(iso, 14, 2, mi) || iso[16] != ':' || !Digits(iso, 17, 2, ss))
    return std::nullopt;
  if (hh > 23 || mi > 59 || ss > 59) return std::nullopt;
  std::size_t pos = 19;
  if (iso[pos] == '.') {
    // 1–3 fractional digits: the value holds milliseconds and must not silently drop precision.
    std::size_t start = ++pos;
    while (pos < iso.size() && iso[pos] >= '0' && iso[pos] <= '9') ++pos;
    std::size_t n = pos - start;
    if (n < 1 || n > 3) return std::nullopt;
    Digits(iso, start, static_cast<int>(n), ms);
    for (std::size_t i = n; i < 3; ++i) ms *= 10;
  }
  std::int64_t offset_minutes = 0;
  if (pos < iso.size() && iso[pos] == 'Z') {
    ++pos;
  } else if (pos < iso.size() && (iso[pos] == '+' || iso[pos] == '-')) {
    int oh = 0, om = 0;
    if (!Digits(iso, pos + 1, 2, oh) || pos + 3 >= iso.size() || iso[pos + 3] != ':' || !Digits(iso, pos + 4, 2, om))
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset_minutes = (iso[pos] == '-' ? -1 : 1) * static_cast<std::int64_t>(oh * 60 + om);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != iso.size()) return std::nullopt;
  std::int64_t secs =
      DaysFromCivil(y, m, d) * 86400 + static_cast<std::int64_t>(hh * 3600 + mi * 60 + ss) - offset_minutes * 60;
  return DateTime{secs * 1000 + ms};
}

std::string DateTime::ToString() const {
  std::int64_t days = FloorDiv(millis, 86400000);
  std::int64_t rest = millis - days * 86400000;
  std::string out = Date{static_cast<std::int32_t>(days)}.ToString();
  char buf[32];
  auto ms = static_cast<int>(rest % 1000);
  auto secs = static_cast<int>(rest / 1000);
  int n = ms != 0 ? std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d.%03dZ", secs / 3600, secs / 60 % 60, secs % 60, ms)
                  : std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", secs / 3600, secs / 60 % 60, secs % 60);
  out.append(buf, static_cast<std::size_t>(n));
  return out;
}

}  // namespace missive::value

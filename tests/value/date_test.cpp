// Date and DateTime: civil-day arithmetic, strict ISO 8601 parsing, UTC normalisation.
#include "runtime/value/date.h"

#include <catch2/catch.hpp>
#include <cstdio>

namespace missive::value {
namespace {

TEST_CASE("dates count days from 1970-01-01", "[date]") {
  CHECK(Date::FromYmd(1970, 1, 1).days == 0);
  CHECK(Date::FromYmd(1969, 12, 31).days == -1);
  CHECK(Date::FromYmd(2000, 3, 1).days == 11017);
  CHECK(Date::FromYmd(2026, 10, 7).days == 20733);
  int y = 0;
  unsigned m = 0, d = 0;
  Date{20733}.ToYmd(y, m, d);
  CHECK((y == 2026 && m == 10 && d == 7));
  // Every day of four centuries round-trips.
  for (std::int32_t day = -146097; day < 2 * 146097; day += 1) {
    Date{day}.ToYmd(y, m, d);
    if (Date::FromYmd(y, m, d).days != day) FAIL("day " << day);
  }
}

TEST_CASE("date parsing is strict and validated", "[date]") {
  CHECK(Date::Parse("2026-10-07")->ToString() == "2026-10-07");
  CHECK(Date::Parse("2024-02-29").has_value());
  CHECK(Date::Parse("2000-02-29").has_value());
  for (std::string_view bad :
       {"2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-07", "26-10-07",
        "2026/10/07", "2026-10-07T00:00:00Z", "", "2026-10-0a", " 2026-10-07"}) {
    INFO(bad);
    CHECK_FALSE(Date::Parse(bad).has_value());
  }
  CHECK(Date{-1}.ToString() == "1969-12-31");
}

TEST_CASE("dates print as ISO YYYY-MM-DD in every year, negative and five-digit years too", "[date]") {
  for (std::int32_t day = Date::FromYmd(-20, 1, 1).days; day <= Date::FromYmd(10'050, 12, 31).days; day += 97) {
    int y = 0;
    unsigned m = 0, d = 0;
    Date{day}.ToYmd(y, m, d);
    char reference[32];
    std::snprintf(reference, sizeof reference, y < 0 ? "%05d-%02u-%02u" : "%04d-%02u-%02u", y, m, d);
    INFO("day " << day);
    CHECK(Date{day}.ToString() == reference);
  }
  CHECK(Date::FromYmd(9999, 12, 31).ToString() == "9999-12-31");
  CHECK(Date::FromYmd(10'000, 1, 1).ToString() == "10000-01-01");
  CHECK(Date::FromYmd(1, 2, 3).ToString() == "0001-02-03");
}

TEST_CASE("date-times normalise offsets to UTC milliseconds", "[date]") {
  CHECK(DateTime::Parse("1970-01-01T00:00:00Z")->millis == 0);
  CHECK(DateTime::Parse("1970-01-01T01:00:00+01:00")->millis == 0);
  CHECK(DateTime::Parse("1969-12-31T19:30:00-04:30")->millis == 0);
  CHECK(DateTime::Parse("2026-10-07T12:34:56.789Z")->millis == 1791376496789);
  CHECK(DateTime::Parse("2026-10-07T12:34:56.7Z")->millis == 1791376496700);
  CHECK(DateTime::Parse("2026-10-07T14:34:56+02:00")->ToString() == "2026-10-07T12:34:56Z");
  CHECK(DateTime::Parse("2026-10-07T12:34:56.789Z")->ToString() == "2026-10-07T12:34:56.789Z");
  CHECK(DateTime::Parse("2026-01-01T00:30:00+01:00")->ToString() == "2025-12-31T23:30:00Z");
  CHECK(DateTime{-1}.ToString() == "1969-12-31T23:59:59.999Z");
  for (std::string_view bad :
       {"2026-10-07", "2026-10-07T24:00:00Z", "2026-10-07T12:60:00Z", "2026-10-07T12:00:60Z", "2026-10-07T12:00:00",
        "2026-10-07 12:00:00Z", "2026-10-07T12:00:00.Z", "2026-10-07T12:00:00.1234Z", "2026-10-07T12:00:00+0100",
        "2026-10-07T12:00:00+01:60", "2026-02-30T12:00:00Z", "2026-10-07T12:00:00Zjunk", "2026-10-07t12:00:00z"}) {
    INFO(bad);
    CHECK_FALSE(DateTime::Parse(bad).has_value());
  }
}

}  // namespace
}  // namespace missive::value

// Formatter: money, numbers, percentages, dates, plurals and case mapping per locale; ISO code checks.
#include "runtime/value/format.h"

#include <catch2/catch.hpp>

namespace missive::value {
namespace {

Decimal D(std::string_view s) { return Decimal::Parse(s).value(); }

TEST_CASE("money follows the locale", "[format]") {
  Formatter de("de"), en("en"), fr("fr"), ja("ja"), ar("ar"), ch("de-CH");
  CHECK(de.Money(D("1234.56"), "EUR") == "1.234,56\u00A0€");
  CHECK(de.Money(D("-1234.565"), "EUR") == "-1.234,56\u00A0€");
  CHECK(en.Money(D("1234.56"), "EUR") == "€1,234.56");
  CHECK(en.Money(D("-0.5"), "USD") == "-$0.50");
  CHECK(en.Money(D("2.345"), "GBP") == "£2.34");
  CHECK(fr.Money(D("1234.56"), "EUR") == "1\u202F234,56\u00A0€");
  CHECK(ja.Money(D("1234.5"), "JPY") == "￥1,234");
  CHECK(ja.Money(D("1235.5"), "JPY") == "￥1,236");
  CHECK(ar.Money(D("-1234.56"), "EUR") == "\u061C-\u200F\u0661\u066C\u0662\u0663\u0664\u066B\u0665\u0666\u00A0€");
  CHECK(ch.Money(D("1234.56"), "CHF") == "CHF\u00A01’234.56");
  // Far beyond 2^53 minor units, still exact.
  CHECK(en.Money(D("123456789012345678.91"), "USD") == "$123,456,789,012,345,678.91");
}

TEST_CASE("numbers and percentages", "[format]") {
  Formatter de("de-DE"), en("en-US");
  CHECK(de.Number(D("1234.5"), 2) == "1.234,50");
  CHECK(de.Number(D("1234.5"), 0) == "1.234");  // half-even
  CHECK(en.Number(D("1235.5"), 0) == "1,236");
  CHECK(en.Number(D("0.125"), 3) == "0.125");
  CHECK(en.Number(D("0.1"), 3) == "0.100");
  CHECK(de.Percent(D("0.25"), 0) == "25\u00A0%");
  CHECK(en.Percent(D("0.25"), 0) == "25%");
  CHECK(en.Percent(D("0.12345"), 1) == "12.3%");
  CHECK(en.Percent(D("0.125"), 0) == "12%");
}

TEST_CASE("money, numbers and percentages round with the mode asked for", "[format]") {
  Formatter de("de-DE"), en("en-US");
  CHECK(en.Number(D("2.5"), 0, Rounding::HalfUp) == "3");
  CHECK(en.Number(D("2.5"), 0, Rounding::HalfEven) == "2");
  CHECK(en.Number(D("-2.5"), 0, Rounding::HalfUp) == "-3");
  CHECK(en.Number(D("2.51"), 0, Rounding::Down) == "2");
  CHECK(en.Number(D("-2.51"), 0, Rounding::Floor) == "-3");
  CHECK(en.Number(D("-2.51"), 0, Rounding::Ceiling) == "-2");
  CHECK(en.Number(D("2.41"), 0, Rounding::Up) == "3");
  CHECK(de.Money(D("0.125"), "EUR", Rounding::HalfUp) == "0,13\u00A0€");
  CHECK(de.Money(D("0.125"), "EUR") == "0,12\u00A0€");
  CHECK(en.Money(D("0.115"), "USD", Rounding::HalfDown) == "$0.11");
  CHECK(en.Percent(D("0.125"), 0, Rounding::HalfUp) == "13%");
}

TEST_CASE("dates format in UTC with the locale's names", "[format]") {
  Formatter de("de"), en("en");
  Date oct7 = Date::FromYmd(2026, 10, 7);
  CHECK(en.FormatDate(oct7, "MMMM yyyy") == "October 2026");
  CHECK(de.FormatDate(oct7, "MMMM yyyy") == "Oktober 2026");
  CHECK(de.FormatDate(oct7, "d. MMMM yyyy") == "7. Oktober 2026");
  CHECK(en.FormatDate(oct7) == "Oct 7, 2026");
  CHECK(de.FormatDate(oct7) == "07.10.2026");
  CHECK(en.FormatDate(Date{-1}, "yyyy-MM-dd") == "1969-12-31");
  CHECK(en.FormatDateTime(DateTime::Parse("2026-10-07T23:30:00-02:00").value(), "yyyy-MM-dd HH:mm") ==
        "2026-10-08 01:30");
}

TEST_CASE("plural messages", "[format]") {
  Formatter en("en"), pl("pl");
  const char* pattern = "{n, plural, one {# transaction} other {# transactions}}";
  CHECK(en.Plural(pattern, 1) == "1 transaction");
  CHECK(en.Plural(pattern, 1200) == "1,200 transactions");
  const char* pl_pattern = "{n, plural, one {# plik} few {# pliki} many {# plików} other {# pliku}}";
  CHECK(pl.Plural(pl_pattern, 1) == "1 plik");
  CHECK(pl.Plural(pl_pattern, 3) == "3 pliki");
  CHECK(pl.Plural(pl_pattern, 5) == "5 plików");
  CHECK(en.Plural("{n, plural, one {x}", 1) == "{n, plural, one {x}");
}

TEST_CASE("case mapping uses the locale", "[format]") {
  Formatter de("de"), tr("tr"), en("en");
  CHECK(de.Upper("Straße") == "STRASSE");
  CHECK(tr.Upper("istanbul") == "İSTANBUL");
  CHECK(en.Upper("istanbul") == "ISTANBUL");
  CHECK(tr.Lower("IŞIK") == "ışık");
  CHECK(en.Title("café de flore") == "Café De Flore");
}

TEST_CASE("ISO codes known to ICU", "[format]") {
  CHECK(IsCurrencyCode("EUR"));
  CHECK(IsCurrencyCode("JPY"));
  CHECK_FALSE(IsCurrencyCode("EUX"));
  CHECK_FALSE(IsCurrencyCode("eur"));
  CHECK_FALSE(IsCurrencyCode("EURO"));
  CHECK(IsCountryCode("DE"));
  CHECK(IsCountryCode("GB"));
  CHECK_FALSE(IsCountryCode("XX"));
  CHECK_FALSE(IsCountryCode("de"));
  CHECK_FALSE(IsCountryCode("DEU"));
  CHECK(IsLocale("en"));
  CHECK(IsLocale("de-DE"));
  CHECK(IsLocale("zh-Hant-TW"));
  CHECK_FALSE(IsLocale("de_DE"));
  CHECK_FALSE(IsLocale("xx"));
  CHECK_FALSE(IsLocale(""));
  CHECK_FALSE(IsLocale("en-"));
}

}  // namespace
}  // namespace missive::value

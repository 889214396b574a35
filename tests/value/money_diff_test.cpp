// Differential test: the fast money formatter against ICU's LocalizedNumberFormatter, exact string equality.
#include <unicode/numberformatter.h>
#include <unicode/ucurr.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "runtime/value/format.h"
#include "runtime/value/money_pattern.h"

namespace missive::value {
namespace {

const char* const kLocales[] = {"en",    "en-GB", "en-US", "en-IN", "en-CH", "de", "de-DE", "de-AT", "de-CH", "fr",
                                "fr-FR", "fr-CH", "fr-CA", "it",    "it-CH", "es", "es-ES", "nl",    "pt-BR", "pl",
                                "sv",    "nb",    "da",    "fi",    "cs",    "ru", "tr",    "ar",    "ar-AE", "ar-EG",
                                "he",    "fa",    "hi",    "bn",    "th",    "ja", "zh",    "ko"};
const char* const kCurrencies[] = {"EUR", "USD", "GBP", "CHF", "JPY"};

std::string IcuMoney(const icu::Locale& locale, const char* currency, std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString code(currency, -1, US_INV);
  icu::CurrencyUnit unit(code.getTerminatedBuffer(), status);
  auto f = icu::number::NumberFormatter::withLocale(locale).unit(unit).roundingMode(UNUM_ROUND_HALFEVEN);
  icu::UnicodeString s =
      f.formatDecimal(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), status).toString(status);
  REQUIRE(U_SUCCESS(status));
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Negative, zero, large, ties at the minor unit and at the integer, every grouping length.
std::vector<std::string> Values() {
  std::vector<std::string> v = {"0",
                                "0.00",
                                "-0.001",
                                "0.004",
                                "0.005",
                                "0.015",
                                "-0.025",
                                "0.5",
                                "1.5",
                                "2.5",
                                "-2.5",
                                "999.995",
                                "1000",
                                "-1000",
                                "9999.99",
                                "10000",
                                "12345.675",
                                "123456.785",
                                "-1234567.885",
                                "99999999999999999999.99",
                                "-170141183460469231731687303715884105.72",
                                "123456789012345678.123456789"};
  std::mt19937_64 rng(12345);
  for (int digits = 1; digits <= 24; ++digits) {
    for (int i = 0; i < 6; ++i) {
      std::string s = (rng() & 1) ? "-" : "";
      s += std::to_string(1 + rng() % 9);
      for (int k = 1; k < digits; ++k) s += std::to_string(rng() % 10);
      int frac = static_cast<int>(rng() % 5);
      if (frac > 0) {
        s += ".";
        for (int k = 0; k < frac; ++k) s += std::to_string(rng() % 10);
      }
      v.push_back(s);
    }
  }
  return v;
}

TEST_CASE("fast money formatting equals ICU for every locale and currency", "[format]") {
  const auto values = Values();
  int compared = 0;
  for (const char* tag : kLocales) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
    REQUIRE(U_SUCCESS(status));
    Formatter formatter(tag);
    for (const char* currency : kCurrencies) {
      INFO(tag << " " << currency);
      icu::UnicodeString code(currency, -1, US_INV);
      int minor = ucurr_getDefaultFractionDigits(code.getTerminatedBuffer(), &status);
      auto pattern = LearnMoneyPattern([&](std::string_view t) { return IcuMoney(locale, currency, t); }, minor);
      // Every supported pair must take the fast path; a fallback to ICU would be correct but slow.
      REQUIRE(pattern.has_value());
      for (const auto& text : values) {
        INFO(text);
        auto d = Decimal::Parse(text);
        REQUIRE(d.has_value());
        std::string expected = IcuMoney(locale, currency, text);
        auto fast = pattern->Format(*d);
        REQUIRE(fast.has_value());
        CHECK(*fast == expected);
        CHECK(formatter.Money(*d, currency) == expected);
        ++compared;
      }
    }
  }
  CHECK(compared == 38 * 5 * static_cast<int>(values.size()));
}

}  // namespace
}  // namespace missive::value

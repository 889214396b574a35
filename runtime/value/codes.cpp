// ISO code checks backed by ICU's data: currencies (ISO 4217), countries (ISO 3166), locale tags (BCP 47).
#include <unicode/locid.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>

#include <set>
#include <string>

#include "runtime/value/format.h"

namespace missive::value {
namespace {

std::set<std::string, std::less<>> LoadCurrencies() {
  std::set<std::string, std::less<>> out;
  UErrorCode status = U_ZERO_ERROR;
  UEnumeration* it = ucurr_openISOCurrencies(UCURR_NON_DEPRECATED, &status);
  if (U_FAILURE(status)) return out;
  int32_t len = 0;
  while (const char* code = uenum_next(it, &len, &status)) {
    if (U_FAILURE(status)) break;
    out.emplace(code, static_cast<std::size_t>(len));
  }
  uenum_close(it);
  return out;
}

std::set<std::string, std::less<>> LoadList(const char* const* list) {
  std::set<std::string, std::less<>> out;
  for (; list != nullptr && *list != nullptr; ++list) out.emplace(*list);
  return out;
}

bool AllUpper(std::string_view s) {
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

}  // namespace

bool IsCurrencyCode(std::string_view code) {
  static const auto codes = LoadCurrencies();
  return code.size() == 3 && AllUpper(code) && codes.find(code) != codes.end();
}

bool IsCountryCode(std::string_view code) {
  static const auto codes = LoadList(icu::Locale::getISOCountries());
  return code.size() == 2 && AllUpper(code) && codes.find(code) != codes.end();
}

bool IsLocale(std::string_view tag) {
  static const auto languages = LoadList(icu::Locale::getISOLanguages());
  if (tag.empty() || tag.size() > 64) return false;
  std::string text(tag);
  char buf[160];
  int32_t parsed = 0;
  UErrorCode status = U_ZERO_ERROR;
  uloc_forLanguageTag(text.c_str(), buf, sizeof buf, &parsed, &status);
  if (U_FAILURE(status) || parsed != static_cast<int32_t>(text.size())) return false;
  char lang[16];
  status = U_ZERO_ERROR;
  int32_t n = uloc_getLanguage(buf, lang, sizeof lang, &status);
  if (U_FAILURE(status) || n == 0) return false;
  return languages.find(std::string_view(lang, static_cast<std::size_t>(n))) != languages.end();
}

}  // namespace missive::value

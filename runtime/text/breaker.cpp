// UAX #14 line breaks and grapheme clusters through ICU break iterators, cached per thread and locale.
#include "runtime/text/breaker.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <map>
#include <memory>
#include <string>

#include "runtime/text/utf8.h"

namespace missive::text {
namespace {

// Creating an ICU break iterator costs far more than using one; keep one per thread and locale.
icu::BreakIterator* CachedIterator(bool line, std::string_view language) {
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>, std::less<>> cache;
  std::string key(line ? "l:" : "g:");
  key += language;
  auto it = cache.find(key);
  if (it != cache.end()) return it->second.get();
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale =
      language.empty() ? icu::Locale::getRoot() : icu::Locale::forLanguageTag(std::string(language), status);
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    locale = icu::Locale::getRoot();
  }
  std::unique_ptr<icu::BreakIterator> iter(line ? icu::BreakIterator::createLineInstance(locale, status)
                                                : icu::BreakIterator::createCharacterInstance(locale, status));
  if (U_FAILURE(status)) iter.reset();
  return cache.emplace(std::move(key), std::move(iter)).first->second.get();
}

// Runs the iterator over the text and reports each boundary as a code point index.
template <typename F>
void ForEachBoundary(icu::BreakIterator* iter, std::u32string_view text, F&& on_boundary) {
  std::vector<std::int32_t> u16_index;
  std::u16string u16 = ToUtf16(text, &u16_index);
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUChars(&ut, u16.data(), static_cast<int64_t>(u16.size()), &status);
  if (U_FAILURE(status)) return;
  iter->setText(&ut, status);
  if (U_SUCCESS(status)) {
    std::size_t cp = 0;
    for (std::int32_t pos = iter->next(); pos != icu::BreakIterator::DONE; pos = iter->next()) {
      while (cp < text.size() && u16_index[cp] < pos) ++cp;
      if (u16_index[cp] == pos) on_boundary(cp, iter->getRuleStatus());
    }
  }
  // Detach the iterator from our buffer before it goes away.
  UText empty = UTEXT_INITIALIZER;
  status = U_ZERO_ERROR;
  utext_openUChars(&empty, u"", 0, &status);
  iter->setText(&empty, status);
  utext_close(&empty);
  utext_close(&ut);
}

}  // namespace

bool IsMandatoryBreakChar(char32_t cp) {
  return cp == 0x0A || cp == 0x0B || cp == 0x0C || cp == 0x0D || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

std::vector<BreakKind> LineBreaks(std::u32string_view text, std::string_view language) {
  std::vector<BreakKind> out(text.size() + 1, BreakKind::None);
  if (text.empty()) return out;
  icu::BreakIterator* iter = CachedIterator(true, language);
  if (iter == nullptr) {
    out[text.size()] = BreakKind::Mandatory;
    return out;
  }
  ForEachBoundary(iter, text, [&](std::size_t cp, std::int32_t status) {
    out[cp] = (status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT) ? BreakKind::Mandatory : BreakKind::Allowed;
  });
  out[text.size()] = BreakKind::Mandatory;
  return out;
}

std::vector<bool> GraphemeBoundaries(std::u32string_view text) {
  std::vector<bool> out(text.size() + 1, false);
  out[0] = true;
  out[text.size()] = true;
  icu::BreakIterator* iter = CachedIterator(false, "");
  if (iter == nullptr) {
    out.assign(text.size() + 1, true);
    return out;
  }
  ForEachBoundary(iter, text, [&](std::size_t cp, std::int32_t) { out[cp] = true; });
  return out;
}

}  // namespace missive::text

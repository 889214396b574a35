// UAX #9 through ICU's ubidi: paragraph levels from the first strong character, embedding levels, reordering.
#include "runtime/text/bidi.h"

#include <unicode/ubidi.h>
#include <unicode/uchar.h>

#include <memory>

#include "runtime/text/utf8.h"

namespace missive::text {
namespace {

struct UBiDiCloser {
  void operator()(UBiDi* b) const { ubidi_close(b); }
};

}  // namespace

bool MayNeedBidi(std::u32string_view text) {
  for (char32_t cp : text) {
    if (cp < 0x0590) continue;
    switch (u_charDirection(static_cast<UChar32>(cp))) {
      case U_RIGHT_TO_LEFT:
      case U_RIGHT_TO_LEFT_ARABIC:
      case U_RIGHT_TO_LEFT_EMBEDDING:
      case U_RIGHT_TO_LEFT_OVERRIDE:
      case U_RIGHT_TO_LEFT_ISOLATE:
      case U_ARABIC_NUMBER: return true;
      default: break;
    }
  }
  return false;
}

BidiLevels ResolveBidi(std::u32string_view text, BaseDirection direction) {
  BidiLevels out;
  const UBiDiLevel para = direction == BaseDirection::Ltr ? 0 : direction == BaseDirection::Rtl ? 1 : UBIDI_DEFAULT_LTR;
  out.paragraph_level = direction == BaseDirection::Rtl ? 1 : 0;
  out.levels.assign(text.size(), out.paragraph_level);
  out.paragraph_levels.assign(text.size(), out.paragraph_level);
  if (text.empty()) return out;

  std::vector<std::int32_t> u16_index;
  std::u16string u16 = ToUtf16(text, &u16_index);
  std::unique_ptr<UBiDi, UBiDiCloser> bidi(ubidi_open());
  UErrorCode status = U_ZERO_ERROR;
  ubidi_setPara(bidi.get(), reinterpret_cast<const UChar*>(u16.data()), static_cast<int32_t>(u16.size()), para, nullptr,
                &status);
  if (U_FAILURE(status)) return out;
  const UBiDiLevel* levels = ubidi_getLevels(bidi.get(), &status);
  if (U_FAILURE(status) || levels == nullptr) return out;
  out.paragraph_level = ubidi_getParaLevel(bidi.get());
  for (std::size_t i = 0; i < text.size(); ++i) {
    out.levels[i] = levels[u16_index[i]];
    UBiDiLevel level = 0;
    UErrorCode s = U_ZERO_ERROR;
    if (ubidi_countParagraphs(bidi.get()) == 1) {
      out.paragraph_levels[i] = out.paragraph_level;
    } else {
      ubidi_getParagraph(bidi.get(), u16_index[i], nullptr, nullptr, &level, &s);
      out.paragraph_levels[i] = U_SUCCESS(s) ? level : out.paragraph_level;
    }
  }
  return out;
}

std::vector<std::int32_t> VisualOrder(const std::vector<std::uint8_t>& levels) {
  std::vector<std::int32_t> order(levels.size());
  if (levels.empty()) return order;
  ubidi_reorderVisual(levels.data(), static_cast<int32_t>(levels.size()), order.data());
  return order;
}

}  // namespace missive::text

// SMS encoding and segment counting. GSM-7 text is cut between characters (only CR LF is a cluster
// of two there); UCS-2 text is cut between grapheme clusters found by ICU.
#include "runtime/value/sms.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>

namespace missive::value {
namespace {

// The GSM 03.38 default alphabet (0 = not in it) and its extension table (reached by ESC, two septets).
constexpr char32_t kBasic[] =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
constexpr char32_t kExtension[] = U"\f^{}\\[~]|€";

/// Septets of a code point: 1 (basic), 2 (extension) or 0 (not GSM-7).
int Septets(char32_t c) {
  static const auto table = [] {
    std::array<unsigned char, 0x2400> t{};  // every GSM character is below U+2400
    for (char32_t b : std::u32string_view(kBasic)) t[b] = 1;
    for (char32_t e : std::u32string_view(kExtension))
      if (e < t.size()) t[e] = 2;
    return t;
  }();
  return c < table.size() ? table[c] : 0;
}

/// Decodes one code point at `i` (advancing it); an invalid byte is U+FFFD on its own.
char32_t Next(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t n = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : 4;
  if (n == 0) {
    ++i;
    return b;
  }
  if (n == 4 || i + n >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = b & (0x3F >> n);
  for (std::size_t k = 1; k <= n; ++k) {
    const auto cont = static_cast<unsigned char>(s[i + k]);
    if ((cont & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (cont & 0x3F);
  }
  i += n + 1;
  return c;
}

/// Packs clusters of the given costs (and byte starts) into segments: all in one when they fit in
/// `single`, else greedily `multi` per segment.
void Pack(const std::vector<std::pair<std::size_t, std::size_t>>& clusters, std::size_t single, std::size_t multi,
          SmsCount& count) {
  if (count.units <= single) return;
  std::size_t used = 0;
  count.segments = 1;
  for (const auto& [start, cost] : clusters) {
    if (used + cost > multi && used > 0) {
      ++count.segments;
      count.breaks.push_back(start);
      used = 0;
    }
    used += cost;
  }
}

icu::BreakIterator& Graphemes() {
  thread_local std::unique_ptr<icu::BreakIterator> iter = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  return *iter;
}

}  // namespace

std::string_view SmsEncodingName(SmsEncoding encoding) { return encoding == SmsEncoding::Gsm7 ? "GSM-7" : "UCS-2"; }

SmsCount CountSms(std::string_view utf8) {
  SmsCount count;
  std::vector<std::pair<std::size_t, std::size_t>> clusters;  // byte start, cost
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t start = i;
    const char32_t c = Next(utf8, i);
    const int septets = Septets(c);
    if (septets == 0) {
      count.encoding = SmsEncoding::Ucs2;
      count.trigger = std::string(utf8.substr(start, i - start));
      count.trigger_offset = start;
      break;
    }
    count.units += static_cast<std::size_t>(septets);
    if (c == U'\n' && start > 0 && utf8[start - 1] == '\r' && !clusters.empty()) {
      clusters.back().second += 1;  // CR LF stays together
    } else {
      clusters.emplace_back(start, static_cast<std::size_t>(septets));
    }
  }
  if (count.encoding == SmsEncoding::Gsm7) {
    Pack(clusters, 160, 153, count);
    return count;
  }
  // UCS-2: UTF-16 units, cut between grapheme clusters.
  clusters.clear();
  icu::UnicodeString text;
  std::vector<std::size_t> byte_at;  // the byte offset of each UTF-16 index
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t start = i;
    const char32_t c = Next(utf8, i);
    text.append(static_cast<UChar32>(c));
    byte_at.resize(static_cast<std::size_t>(text.length()), start);
  }
  count.units = static_cast<std::size_t>(text.length());
  byte_at.push_back(utf8.size());
  icu::BreakIterator& it = Graphemes();
  it.setText(text);
  for (int32_t from = it.first(), to = it.next(); to != icu::BreakIterator::DONE; from = to, to = it.next()) {
    clusters.emplace_back(byte_at[static_cast<std::size_t>(from)], static_cast<std::size_t>(to - from));
  }
  Pack(clusters, 70, 67, count);
  return count;
}

std::vector<std::string> SplitSms(std::string_view utf8) {
  const SmsCount count = CountSms(utf8);
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t at : count.breaks) {
    parts.emplace_back(utf8.substr(from, at - from));
    from = at;
  }
  parts.emplace_back(utf8.substr(from));
  return parts;
}

}  // namespace missive::value

// SMS encoding and segments (3GPP TS 23.038 / 23.040): GSM-7 with its extension table when every
// character is in it, else UCS-2; one segment holds 160 septets or 70 UTF-16 units, a concatenated
// message 153 or 67 per segment (its header takes the rest). A segment never ends inside an escape
// pair, a surrogate pair or a grapheme cluster.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace missive::value {

enum class SmsEncoding : unsigned char { Gsm7, Ucs2 };

/// "GSM-7" or "UCS-2".
std::string_view SmsEncodingName(SmsEncoding encoding);

struct SmsCount {
  SmsEncoding encoding = SmsEncoding::Gsm7;
  std::size_t units = 0;     ///< septets (GSM-7, an extension character counts two) or UTF-16 units
  std::size_t segments = 1;  ///< an empty message is one segment
  /// UCS-2 only: the first character not in GSM-7 (UTF-8) and its byte offset in the text.
  std::string trigger;
  std::size_t trigger_offset = 0;
  /// Byte offset where each segment after the first starts (empty for one segment).
  std::vector<std::size_t> breaks;
};

/// How `utf8` travels as an SMS. Invalid UTF-8 counts as U+FFFD (which forces UCS-2).
SmsCount CountSms(std::string_view utf8);

/// The text cut into its segments, as CountSms counts them.
std::vector<std::string> SplitSms(std::string_view utf8);

}  // namespace missive::value

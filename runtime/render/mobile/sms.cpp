#include "runtime/data/scalar.h"
#include "runtime/render/mobile/mobile.h"

namespace missive::render {

MobileMessage ComposeSms(const compose::Message& message, const std::string& idempotency_key) {
  MobileMessage out;
  out.text = message.text;
  out.sms = value::CountSms(message.text);
  const value::SmsCount& count = *out.sms;
  std::string& j = out.bytes;
  j.reserve(2 * message.text.size() + 200);
  j += "{\"to\":" + data::Quote(message.to) + ",\"text\":" + data::Quote(message.text) + ",\"encoding\":\"";
  j += value::SmsEncodingName(count.encoding);
  j += "\",\"segments\":" + std::to_string(count.segments) + ",\"units\":" + std::to_string(count.units);
  if (count.encoding == value::SmsEncoding::Ucs2) j += ",\"ucs2_trigger\":" + data::Quote(count.trigger);
  j += ",\"parts\":[";
  std::size_t from = 0;
  for (std::size_t i = 0; i <= count.breaks.size(); ++i) {
    const std::size_t to = i < count.breaks.size() ? count.breaks[i] : message.text.size();
    j += (i > 0 ? "," : "") + data::Quote(std::string_view(message.text).substr(from, to - from));
    from = to;
  }
  j += "],\"idempotency_key\":" + data::Quote(idempotency_key) + "}\n";
  return out;
}

}  // namespace missive::render

#include <nlohmann/json.hpp>

#include "runtime/render/mobile/mobile.h"

namespace missive::render {

MobileMessage ComposeSms(const compose::Message& message, const std::string& idempotency_key) {
  MobileMessage out;
  out.text = message.text;
  const value::SmsCount count = value::CountSms(message.text);
  nlohmann::ordered_json j;
  j["to"] = message.to;
  j["text"] = message.text;
  j["encoding"] = value::SmsEncodingName(count.encoding);
  j["segments"] = count.segments;
  j["units"] = count.units;
  if (count.encoding == value::SmsEncoding::Ucs2) j["ucs2_trigger"] = count.trigger;
  j["parts"] = value::SplitSms(message.text);
  j["idempotency_key"] = idempotency_key;
  out.bytes = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  return out;
}

}  // namespace missive::render

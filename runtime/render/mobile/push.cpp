#include <nlohmann/json.hpp>

#include "runtime/render/mobile/mobile.h"
#include "runtime/render/text/plain_text.h"

namespace missive::render {

MobileMessage ComposePush(const compose::Message& message, const std::string& idempotency_key) {
  using Json = nlohmann::ordered_json;
  MobileMessage out;
  out.text = PlainText(message.body, PlainTextOptions{0, false});
  if (message.ttl && (*message.ttl < 0 || *message.ttl > kPushMaxTtl)) {
    out.error = "the push message's `ttl` is " + std::to_string(*message.ttl) +
                " seconds; FCM accepts 0 to 2419200 (four weeks)";
    return out;
  }
  if (message.collapse.size() > 64) {
    out.error = "the push message's `collapse` key is " + std::to_string(message.collapse.size()) +
                " bytes; APNs accepts at most 64";
    return out;
  }
  Json alert = {{"title", message.subject}, {"body", out.text}};
  Json data = Json::object();
  for (const auto& [key, value] : message.data) data[key] = value;

  Json apns_payload = {{"aps", {{"alert", alert}}}};
  for (const auto& [key, value] : message.data) apns_payload[key] = value;
  Json apns = {{"headers", {{"apns-push-type", "alert"}, {"apns-priority", "10"}}}, {"payload", apns_payload}};
  if (!message.collapse.empty()) apns["headers"]["apns-collapse-id"] = message.collapse;

  Json fcm = {{"token", message.to}, {"notification", alert}};
  if (!message.data.empty()) fcm["data"] = data;
  Json android = Json::object();
  if (!message.collapse.empty()) android["collapse_key"] = message.collapse;
  if (message.ttl) android["ttl"] = std::to_string(*message.ttl) + "s";
  if (!android.empty()) fcm["android"] = android;
  fcm["apns"] = apns;

  const auto dump = [](const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); };
  const std::size_t apns_size = dump(apns_payload).size();
  Json without_token = fcm;
  without_token.erase("token");
  const std::size_t fcm_size = dump(without_token).size();
  if (apns_size > kPushLimit || fcm_size > kPushLimit) {
    out.error = "the push message is " + std::to_string(std::max(apns_size, fcm_size)) + " bytes (" +
                (apns_size > kPushLimit ? "APNs payload" : "FCM message") + "); the limit is 4096";
    return out;
  }
  out.bytes = dump(Json{{"message", fcm}, {"idempotency_key", idempotency_key}}) + "\n";
  return out;
}

}  // namespace missive::render

// SMS and push messages as the JSON files of the spool: what the delivery adapters send.
#pragma once

#include <optional>
#include <string>

#include "runtime/compose/message.h"
#include "runtime/value/sms.h"

namespace missive::render {

struct MobileMessage {
  std::string bytes;                   ///< the JSON file
  std::string text;                    ///< SMS: the text; push: the body
  std::string error;                   ///< non-empty: the message cannot be made (a push payload over its limit, …)
  std::optional<value::SmsCount> sms;  ///< SMS: its encoding and segments
};

/// {"to", "text", "encoding", "segments", "units", "parts", "ucs2_trigger"?, "idempotency_key"}.
MobileMessage ComposeSms(const compose::Message& message, const std::string& idempotency_key);

/// A push payload in the shape FCM HTTP v1 accepts, with the APNs payload inside it; both within
/// 4,096 bytes. The APNs expiry is absolute time, so the adapter adds it when it sends.
MobileMessage ComposePush(const compose::Message& message, const std::string& idempotency_key);

/// The largest FCM message and APNs payload, in bytes.
inline constexpr std::size_t kPushLimit = 4096;
/// FCM's longest time to live: four weeks.
inline constexpr std::int64_t kPushMaxTtl = 28 * 24 * 3600;

}  // namespace missive::render

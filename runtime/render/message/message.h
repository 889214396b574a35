// A digital message to the bytes of its spool file, whatever its channel: the one entry the batch
// run, preview and tests use.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/compose/message.h"
#include "runtime/value/sms.h"

namespace missive::media {
class ImageLibrary;
}

namespace missive::render {

struct MessageContext {
  std::string idempotency_key;
  const text::FontLibrary* fonts = nullptr;
  const media::ImageLibrary* images = nullptr;
  std::string attachment_pdf;  ///< email: the print rendition when the layout attaches it
};

struct RenderedMessage {
  std::string bytes;      ///< the spool file's content
  std::string extension;  ///< ".eml", ".sms.json", ".push.json"
  std::string text;       ///< the email's text part, the SMS text, the push body
  std::string html;       ///< email
  std::optional<value::SmsCount> sms;
  std::string error;  ///< non-empty: the record cannot have this message, and why
  std::vector<std::string> warnings;
};

/// The message's idempotency key: hex SHA-256 of "<run id>\0<record key>\0<channel>". It names the
/// message in the manifest, its Message-ID, and the delivery journal.
std::string IdempotencyKey(std::string_view run_id, std::string_view record_key, std::string_view channel);

/// "email", "sms", "push".
std::string_view ChannelName(compose::Channel channel);

RenderedMessage RenderMessage(const compose::Message& message, const MessageContext& context);

}  // namespace missive::render

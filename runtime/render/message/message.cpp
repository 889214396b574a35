#include "runtime/render/message/message.h"

#include "runtime/render/email/email.h"
#include "runtime/render/mobile/mobile.h"
#include "runtime/util/util.h"

namespace missive::render {

std::string IdempotencyKey(std::string_view run_id, std::string_view record_key, std::string_view channel) {
  std::string material;
  material.reserve(run_id.size() + record_key.size() + channel.size() + 2);
  material.append(run_id).push_back('\0');
  material.append(record_key).push_back('\0');
  material.append(channel);
  return util::Sha256Hex(material);
}

std::string_view ChannelName(compose::Channel channel) {
  switch (channel) {
    case compose::Channel::Email: return "email";
    case compose::Channel::Sms: return "sms";
    case compose::Channel::Push: return "push";
  }
  return "";
}

RenderedMessage RenderMessage(const compose::Message& message, const MessageContext& context) {
  RenderedMessage out;
  switch (message.channel) {
    case compose::Channel::Email: {
      EmailContext email_context{context.idempotency_key, context.fonts, context.images, context.attachment_pdf};
      Email email = ComposeEmail(message, email_context);
      out.bytes = std::move(email.bytes);
      out.extension = ".eml";
      out.text = std::move(email.text);
      out.html = std::move(email.html);
      out.error = std::move(email.error);
      out.warnings = std::move(email.warnings);
      break;
    }
    case compose::Channel::Sms: {
      MobileMessage sms = ComposeSms(message, context.idempotency_key);
      out.bytes = std::move(sms.bytes);
      out.extension = ".sms.json";
      out.text = std::move(sms.text);
      out.sms = std::move(sms.sms);
      out.error = std::move(sms.error);
      break;
    }
    case compose::Channel::Push: {
      MobileMessage push = ComposePush(message, context.idempotency_key);
      out.bytes = std::move(push.bytes);
      out.extension = ".push.json";
      out.text = std::move(push.text);
      out.error = std::move(push.error);
      break;
    }
  }
  return out;
}

}  // namespace missive::render

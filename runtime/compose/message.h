// One record's message on a digital channel: the channel-neutral blocks its layout built and the
// channel's fields as the program computed them. runtime/render/message turns it into bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/compose/block.h"

namespace missive::compose {

enum class Channel : std::uint8_t { Email, Sms, Push };

struct Message {
  Channel channel = Channel::Email;
  std::string to;       ///< the recipient: an address, an E.164 number, a device token
  std::string subject;  ///< email subject, push title
  std::vector<BlockPtr> body;
  const Style* base = nullptr;  ///< the layout's base style (font, size, colour of the body)
  std::string language;         ///< BCP 47 of the record's locale
  /// Keeps alive what the blocks' `style` pointers point at (the builder's style store).
  std::shared_ptr<const void> storage;

  // email
  std::string from, reply_to, preheader, unsubscribe;  ///< empty when the layout has none
  std::string attach_name;                             ///< `attach print as "…"`: the PDF's file name
  std::unique_ptr<Document> attachment;                ///< the record's print document, rendered as that PDF

  // sms: the text as sent (the budget was checked on it)
  std::string text;

  // push
  std::vector<std::pair<std::string, std::string>> data;  ///< custom keys, string values
  std::string collapse;                                   ///< collapse key ("" = none)
  std::optional<std::int64_t> ttl;                        ///< seconds
};

}  // namespace missive::compose

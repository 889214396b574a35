// A record's email as MIME bytes: the HTML and plain-text renditions of its blocks in
// multipart/alternative, embedded images in multipart/related, the print rendition as a PDF
// attachment in multipart/mixed; From, Reply-To, To, Subject, a Message-ID derived from the
// idempotency key, List-Unsubscribe (RFC 8058 one-click) when the template gives a link.
#pragma once

#include <string>
#include <vector>

#include "runtime/compose/message.h"

namespace missive::media {
class ImageLibrary;
}

namespace missive::render {

struct EmailContext {
  std::string idempotency_key;               ///< hex; Message-ID and boundaries derive from it
  const text::FontLibrary* fonts = nullptr;  ///< for the HTML's font families
  const media::ImageLibrary* images = nullptr;
  std::string attachment_pdf;  ///< the print rendition when the layout attaches it
};

struct Email {
  std::string bytes;  ///< the .eml: CRLF lines, no Date
  std::string html, text;
  std::string error;                  ///< non-empty: the email cannot be made (a header with a line break, …)
  std::vector<std::string> warnings;  ///< e.g. an HTML part Gmail would clip
};

/// Gmail clips a message whose HTML exceeds this many bytes.
inline constexpr std::size_t kGmailClip = 102 * 1024;

Email ComposeEmail(const compose::Message& message, const EmailContext& context);

}  // namespace missive::render

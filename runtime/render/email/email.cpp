#include "runtime/render/email/email.h"

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "runtime/media/image.h"
#include "runtime/render/email/html.h"
#include "runtime/render/email/mime.h"
#include "runtime/render/text/plain_text.h"

namespace missive::render {
namespace {

/// An embedded image's file bytes, read once per program run (kept for the run's lifetime).
std::string_view ImageBytes(const media::Image& image) {
  static std::mutex mutex;
  static std::map<std::uint32_t, std::string> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(image.id);
  if (it == cache.end()) {
    std::ifstream in(image.path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    it = cache.emplace(image.id, bytes.str()).first;
  }
  return it->second;
}

}  // namespace

Email ComposeEmail(const compose::Message& message, const EmailContext& context) {
  Email email;
  // header fields first: a value that cannot be a header refuses the whole email
  struct Field {
    const char* name;
    const std::string& value;
  };
  for (const Field& f : {Field{"to", message.to}, Field{"from", message.from}, Field{"reply_to", message.reply_to},
                         Field{"subject", message.subject}, Field{"unsubscribe", message.unsubscribe},
                         Field{"attach", message.attach_name}}) {
    if (f.value.find_first_of("\r\n") != std::string::npos) {
      email.error = std::string("the email's `") + f.name +
                    "` contains a line break (CR or LF), which cannot go into a mail header";
      return email;
    }
  }
  std::string error;
  const std::string from = FormatAddress(message.from, &error);
  if (from.empty()) {
    email.error = "the email's `from`: " + error;
    return email;
  }
  const std::string to = FormatAddress(message.to, &error);
  if (to.empty()) {
    email.error = "the email's recipient: " + error;
    return email;
  }
  std::string reply_to;
  if (!message.reply_to.empty()) {
    reply_to = FormatAddress(message.reply_to, &error);
    if (reply_to.empty()) {
      email.error = "the email's `reply_to`: " + error;
      return email;
    }
  }
  const std::string domain = AddressDomain(message.from);
  const std::string seed = context.idempotency_key.substr(0, 24);

  // images embedded by Content-ID, in the order the HTML first uses them
  std::vector<const media::Image*> embedded;
  HtmlOptions html;
  html.fonts = context.fonts;
  html.title = message.subject;
  html.preheader = message.preheader;
  html.language = message.language;
  html.image_src = [&](const compose::Block& image) -> std::string {
    if (image.resource == 0) return image.source_text;  // an image by address
    const media::Image* found = context.images != nullptr ? context.images->Find(image.resource) : nullptr;
    if (found == nullptr) return "";
    if (std::find(embedded.begin(), embedded.end(), found) == embedded.end()) embedded.push_back(found);
    return "cid:image" + std::to_string(found->id) + "." + seed + "@" + domain;
  };
  email.html = RenderHtml(message.body, message.base, html);
  email.text = PlainText(message.body, PlainTextOptions{});
  if (email.html.size() > kGmailClip) {
    email.warnings.push_back("the email's HTML is " + std::to_string(email.html.size() / 1024) +
                             " KB: Gmail clips messages over 102 KB");
  }

  MimePart text{"text/plain; charset=utf-8", false, {}, email.text, {}};
  MimePart html_part{"text/html; charset=utf-8", false, {}, email.html, {}};
  MimePart body{"multipart/alternative", false, {}, "", {}};
  body.parts.push_back(std::move(text));
  if (embedded.empty()) {
    body.parts.push_back(std::move(html_part));
  } else {
    MimePart related{"multipart/related", false, {}, "", {}};
    related.parts.push_back(std::move(html_part));
    for (const media::Image* image : embedded) {
      const std::string name =
          "image" + std::to_string(image->id) + (image->format == media::ImageFormat::Png ? ".png" : ".jpg");
      MimePart part{
          image->format == media::ImageFormat::Png ? "image/png" : "image/jpeg", true, {}, ImageBytes(*image), {}};
      part.fields.emplace_back("Content-ID", "<image" + std::to_string(image->id) + "." + seed + "@" + domain + ">");
      part.fields.emplace_back("Content-Disposition", "inline; " + FileNameParameter(name));
      related.parts.push_back(std::move(part));
    }
    body.parts.push_back(std::move(related));
  }
  MimePart top = std::move(body);
  if (message.attachment) {
    MimePart mixed{"multipart/mixed", false, {}, "", {}};
    mixed.parts.push_back(std::move(top));
    MimePart pdf{
        "application/pdf; " + FileNameParameter(message.attach_name, "name"), true, {}, context.attachment_pdf, {}};
    pdf.fields.emplace_back("Content-Disposition", "attachment; " + FileNameParameter(message.attach_name));
    mixed.parts.push_back(std::move(pdf));
    top = std::move(mixed);
  }

  std::string& out = email.bytes;
  out.reserve(email.html.size() * 11 / 10 + email.text.size() * 11 / 10 + context.attachment_pdf.size() * 14 / 10 +
              4096);
  out += "From: " + from + "\r\n";
  if (!reply_to.empty()) out += "Reply-To: " + reply_to + "\r\n";
  out += "To: " + to + "\r\n";
  out += UnstructuredField("Subject", message.subject);
  out += "Message-ID: <" + context.idempotency_key.substr(0, 32) + "@" + domain + ">\r\n";
  if (!message.unsubscribe.empty()) {
    out += "List-Unsubscribe: <" + message.unsubscribe + ">\r\n";
    if (message.unsubscribe.rfind("https:", 0) == 0) out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  out += "MIME-Version: 1.0\r\n";
  AppendPart(out, top, seed);
  return email;
}

}  // namespace missive::render

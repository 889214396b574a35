// MIME: quoted-printable, encoded words, addresses, and whole emails with their headers.
#include "runtime/render/email/mime.h"

#include <openssl/evp.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "runtime/render/email/email.h"
#include "tests/message/message_helpers.h"

using namespace missive;
using namespace missive::message_test;

namespace {

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < s.size()) {
    const auto end = s.find("\r\n", at);
    REQUIRE(end != std::string::npos);  // every line ends in CRLF
    out.push_back(s.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

std::string Unbase64(const std::string& s) {
  std::string out(s.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!s.empty() && s.back() == '=' && !out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

compose::Message Statement(Tree& t) {
  compose::Message m;
  m.to = "ada@example.com";
  m.from = "Northwind Bank <statements@northwind.example>";
  m.subject = "Your October 2026 statement";
  m.base = t.base();
  m.body = List(t.Paragraph("Dear Ada,"), t.Link("View your account", "https://northwind.example/a/1", true));
  return m;
}

}  // namespace

TEST_CASE("quoted-printable keeps lines within 76 and never splits an escape") {
  CHECK(render::QuotedPrintable("a=b") == "a=3Db");
  CHECK(render::QuotedPrintable("trailing \nnext") == "trailing=20\r\nnext");
  CHECK(render::QuotedPrintable("Café") == "Caf=C3=A9");
  const std::string long_line = std::string(74, 'a') + "ééé" + std::string(100, 'b');
  const std::string qp = render::QuotedPrintable(long_line);
  for (const auto& line : Lines(qp + "\r\n")) {
    CHECK(line.size() <= 76);
    // a soft break never falls inside =XX
    const auto eq = line.rfind('=');
    if (eq != std::string::npos && eq + 1 < line.size()) CHECK(eq + 3 <= line.size());
  }
  CHECK(qp.substr(0, 78) == std::string(74, 'a') + "=\r\n=");
}

TEST_CASE("quoted-printable round-trips random text, lines within 76") {
  // RFC 2045 decoding: soft breaks vanish, =XX is a byte, CRLF is a line break
  auto decode = [](const std::string& qp) {
    std::string out;
    for (std::size_t i = 0; i < qp.size(); ++i) {
      if (qp[i] == '=' && qp.compare(i + 1, 2, "\r\n") == 0) {
        i += 2;
      } else if (qp[i] == '=') {
        out += static_cast<char>(std::stoi(qp.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else if (qp[i] == '\r' && i + 1 < qp.size() && qp[i + 1] == '\n') {
        out += '\n';
        ++i;
      } else {
        out += qp[i];
      }
    }
    return out;
  };
  const std::string alphabet[] = {"a", "Z", " ", "\t", "=", "\n", "é", "€", ".", "-", "=3D", "  \n"};
  std::uint32_t seed = 7;
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const int n = static_cast<int>((seed = seed * 1103515245 + 12345) % 300);
    for (int i = 0; i < n; ++i) text += alphabet[((seed = seed * 1103515245 + 12345) >> 16) % 12];
    const std::string qp = render::QuotedPrintable(text);
    INFO(text);
    CHECK(decode(qp) == text);
    for (const auto& line : Lines(qp + "\r\n")) {
      CHECK(line.size() <= 76);
      CHECK((line.empty() || (line.back() != ' ' && line.back() != '\t')));
    }
  }
}

TEST_CASE("header fields: plain ASCII folded, anything else as encoded words of whole characters") {
  CHECK(render::UnstructuredField("Subject", "Your October 2026 statement") ==
        "Subject: Your October 2026 statement\r\n");
  const std::string german = "Ihr Kontoauszug für Oktober 2026 — Größmann, Änderungen, Überweisungen und mehr";
  const std::string field = render::UnstructuredField("Subject", german);
  std::string decoded;
  for (const auto& line : Lines(field)) {
    CHECK(line.size() <= 76);
    std::istringstream words(line.substr(line.rfind(':', 8) == std::string::npos ? 0 : 9));
    std::string word;
    while (words >> word) {
      CHECK(word.size() <= 75);
      REQUIRE(word.rfind("=?UTF-8?B?", 0) == 0);
      decoded += Unbase64(word.substr(10, word.size() - 12));
    }
  }
  CHECK(decoded == german);
  // "=?" in plain text would be read as an encoded word: it is encoded
  CHECK(render::UnstructuredField("Subject", "a =?x?= b").find("=?UTF-8?B?") != std::string::npos);
}

TEST_CASE("addresses: display names quoted or encoded, anything else refused") {
  std::string error;
  CHECK(render::FormatAddress("Northwind Bank <s@northwind.example>", &error) ==
        "Northwind Bank <s@northwind.example>");
  CHECK(render::FormatAddress("s@northwind.example", &error) == "s@northwind.example");
  CHECK(render::FormatAddress("Smith, Jo <j@x.example>", &error) == "\"Smith, Jo\" <j@x.example>");
  CHECK(render::FormatAddress("Müller <m@x.example>", &error) == "=?UTF-8?B?TcO8bGxlcg==?= <m@x.example>");
  CHECK(render::FormatAddress("not an address", &error).empty());
  CHECK(error == "`not an address` is not an email address");
  CHECK(render::AddressDomain("Northwind <s@northwind.example>") == "northwind.example");
}

TEST_CASE("an email's headers, Message-ID and structure") {
  Tree t;
  compose::Message m = Statement(t);
  m.unsubscribe = "https://northwind.example/u/1";
  render::EmailContext context;
  context.idempotency_key = std::string(64, 'a');
  const render::Email email = render::ComposeEmail(m, context);
  REQUIRE(email.error.empty());
  const auto lines = Lines(email.bytes);
  CHECK(lines[0] == "From: Northwind Bank <statements@northwind.example>");
  CHECK(lines[1] == "To: ada@example.com");
  CHECK(lines[2] == "Subject: Your October 2026 statement");
  CHECK(lines[3] == "Message-ID: <" + std::string(32, 'a') + "@northwind.example>");
  CHECK(lines[4] == "List-Unsubscribe: <https://northwind.example/u/1>");
  CHECK(lines[5] == "List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  CHECK(lines[6] == "MIME-Version: 1.0");
  CHECK(lines[7] == "Content-Type: multipart/alternative;");
  for (const auto& line : lines) {
    CHECK(line.size() <= 78);
    CHECK(line.rfind("Date:", 0) != 0);  // the delivery adapter adds Date when it sends
  }
  // text before HTML: the least preferred first
  CHECK(email.bytes.find("text/plain") < email.bytes.find("text/html"));
  CHECK(render::ComposeEmail(m, context).bytes == email.bytes);  // deterministic
  // a mailto unsubscribe has no one-click POST
  m.unsubscribe = "mailto:unsubscribe@northwind.example";
  CHECK(render::ComposeEmail(m, context).bytes.find("List-Unsubscribe-Post") == std::string::npos);
}

TEST_CASE("a line break reaching a header refuses the email, naming the field") {
  Tree t;
  render::EmailContext context;
  context.idempotency_key = std::string(64, 'b');
  compose::Message m = Statement(t);
  m.subject = "Statement\r\nBcc: everyone@example.com";
  CHECK(render::ComposeEmail(m, context).error ==
        "the email's `subject` contains a line break (CR or LF), which cannot go into a mail header");
  m = Statement(t);
  m.to = "ada@example.com\nBcc: x@example.com";
  CHECK(render::ComposeEmail(m, context).error.find("`to`") != std::string::npos);
  m = Statement(t);
  m.from = "Northwind <no-address>";
  CHECK(render::ComposeEmail(m, context).error == "the email's `from`: `no-address` is not an email address");
}

TEST_CASE("a PDF attachment makes the email multipart/mixed") {
  Tree t;
  compose::Message m = Statement(t);
  m.attach_name = "statement-2026-10.pdf";
  m.attachment = std::make_unique<compose::Document>();
  render::EmailContext context;
  context.idempotency_key = std::string(64, 'c');
  context.attachment_pdf = "%PDF-1.7\n...";
  const render::Email email = render::ComposeEmail(m, context);
  CHECK(email.bytes.find("Content-Type: multipart/mixed;") != std::string::npos);
  CHECK(email.bytes.find("Content-Type: application/pdf; name=\"statement-2026-10.pdf\"") != std::string::npos);
  CHECK(email.bytes.find("Content-Disposition: attachment; filename=\"statement-2026-10.pdf\"") != std::string::npos);
  CHECK(email.bytes.find("JVBERi0xLjcKLi4u") != std::string::npos);  // base64 of the bytes
  CHECK(render::FileNameParameter("Auszug März.pdf") == "filename*=utf-8''Auszug%20M%C3%A4rz.pdf");
}

#include "runtime/render/email/mime.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace missive::render {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool IsAtext(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || std::string_view("!#$%&'*+-/=?^_`{|}~ ").find(c) != std::string_view::npos;
}

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

/// `text` as encoded words, each on a line of its own after the first (which shares the line with
/// the field's name, `used` columns); words of whole characters, lines within 76.
std::string EncodedWords(std::string_view text, std::size_t used) {
  std::string out;
  std::size_t room = used + 12 + 4 <= 76 ? (76 - used - 12) / 4 * 3 : 0;  // raw bytes in the first word
  if (room == 0) {
    out += "\r\n ";
    room = 45;  // 45 bytes = 60 base64 characters: a word of 72 after the folding space
  }
  while (!text.empty()) {
    std::size_t n = std::min(room, text.size());
    while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min<std::size_t>(4, text.size());  // never loops on a malformed sequence
    if (!out.empty() && !out.ends_with("\r\n ")) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
    room = 45;
  }
  return out;
}

}  // namespace

std::string AddressDomain(std::string_view address) {
  const auto open = address.rfind('<');
  std::string_view mailbox = open == std::string_view::npos ? address : address.substr(open + 1);
  if (!mailbox.empty() && mailbox.back() == '>') mailbox.remove_suffix(1);
  const auto at = mailbox.rfind('@');
  return at == std::string_view::npos ? "" : std::string(mailbox.substr(at + 1));
}

std::string FormatAddress(std::string_view address, std::string* error) {
  std::string_view name, mailbox = address;
  if (const auto open = address.rfind('<'); open != std::string_view::npos) {
    if (address.back() != '>') {
      *error = "`" + std::string(address) + "` is not an address: `<` without a closing `>`";
      return "";
    }
    name = address.substr(0, open);
    mailbox = address.substr(open + 1, address.size() - open - 2);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
  }
  const auto at = mailbox.find('@');
  const bool plain = std::all_of(mailbox.begin(), mailbox.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && c != '<' && c != '>' && c != '"' && c != ',' && c != ';' && c != '\\';
  });
  if (at == std::string_view::npos || at == 0 || at + 1 >= mailbox.size() || !plain ||
      mailbox.find('@', at + 1) != std::string_view::npos) {
    *error = "`" + std::string(mailbox) + "` is not an email address";
    return "";
  }
  if (name.empty()) return std::string(mailbox);
  std::string shown;
  if (!IsAscii(name)) {
    shown = EncodedWords(name, 6);
  } else if (std::all_of(name.begin(), name.end(), IsAtext)) {
    shown = name;
  } else {
    shown = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') shown += '\\';
      shown += c;
    }
    shown += '"';
  }
  return shown + " <" + std::string(mailbox) + ">";
}

std::string UnstructuredField(std::string_view name, std::string_view value) {
  std::string out = std::string(name) + ": ";
  const bool printable = std::all_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F;
  });
  // "=?" in plain text would read as the start of an encoded word
  if (!printable || value.find("=?") != std::string_view::npos) return out + EncodedWords(value, out.size()) + "\r\n";
  std::size_t column = out.size();
  std::size_t at = 0;
  bool first = true;
  while (at <= value.size()) {
    const std::size_t space = std::min(value.find(' ', at), value.size());
    const std::string_view word = value.substr(at, space - at);
    if (!first) {
      if (column + 1 + word.size() > 78) {
        out += "\r\n";
        column = 0;
      }
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    first = false;
    at = space + 1;
  }
  return out + "\r\n";
}

void AppendQuotedPrintable(std::string& out, std::string_view text) {
  // bytes that stand for themselves; space and tab too, except as the last byte of a line
  static constexpr auto kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 33; c <= 126; ++c) t[static_cast<std::size_t>(c)] = c != '=';
    t[' '] = t['\t'] = true;
    return t;
  }();
  // written into a per-thread scratch buffer sized for the worst case (every byte escaped, a soft
  // break every 25 escapes, a CRLF per line), which keeps its size: resizing `out` to the worst case
  // would zero three times the text every time
  thread_local std::string scratch;
  if (scratch.size() < text.size() * 3 + text.size() / 8 + 8) scratch.resize(text.size() * 3 + text.size() / 8 + 8);
  char* const first = scratch.data();
  char* o = first;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* eol = nl == nullptr ? end : nl;
    if (eol > p && eol[-1] == '\r') --eol;
    std::size_t column = 0;
    while (p < eol) {
      // a run of plain bytes, as far as the line and the 76-column limit allow
      const char* run = p;
      const char* limit = p + std::min<std::size_t>(static_cast<std::size_t>(eol - p), 75 - column);
      while (run < limit && kPlain[static_cast<unsigned char>(*run)]) *o++ = *run++;
      if (run == eol && run > p && (run[-1] == ' ' || run[-1] == '\t')) {  // trailing white space is escaped
        --run;
        --o;
      }
      column += static_cast<std::size_t>(run - p);
      p = run;
      if (p == eol) break;
      const auto c = static_cast<unsigned char>(*p);
      const bool literal = kPlain[c] && !(p + 1 == eol && (c == ' ' || c == '\t'));
      const std::size_t width = literal ? 1 : 3;
      if (column + width > 75) {  // a soft break; its `=` is the line's 76th character
        *o++ = '=';
        *o++ = '\r';
        *o++ = '\n';
        column = 0;
      }
      if (literal) {
        *o++ = static_cast<char>(c);
      } else {
        *o++ = '=';
        *o++ = kHex[c >> 4];
        *o++ = kHex[c & 15];
      }
      column += width;
      ++p;
    }
    if (nl == nullptr) break;
    *o++ = '\r';
    *o++ = '\n';
    p = nl + 1;
  }
  out.append(first, static_cast<std::size_t>(o - first));
}

std::string QuotedPrintable(std::string_view text) {
  std::string out;
  AppendQuotedPrintable(out, text);
  return out;
}

std::string Base64Lines(std::string_view bytes) {
  const std::string all = Base64(bytes);
  std::string out;
  out.reserve(all.size() + all.size() / 38 + 2);
  for (std::size_t i = 0; i < all.size(); i += 76) {
    out.append(all, i, 76);
    out += "\r\n";
  }
  return out;
}

std::string FileNameParameter(std::string_view name, std::string_view parameter) {
  std::string clean;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    clean += (u < 0x20 || u == 0x7F || c == '/' || c == '\\') ? '_' : c;
  }
  if (IsAscii(clean)) {
    std::string quoted;
    for (char c : clean) {
      if (c == '"') quoted += '\\';
      quoted += c;
    }
    return std::string(parameter) + "=\"" + quoted + "\"";
  }
  std::string encoded = std::string(parameter) + "*=utf-8''";
  for (char c : clean) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '.' || c == '-' || c == '_') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[u >> 4];
      encoded += kHex[u & 15];
    }
  }
  return encoded;
}

namespace {

void Write(const MimePart& part, std::string_view seed, std::string& depth, std::string& out) {
  if (!part.parts.empty()) {
    const std::string boundary = "=_" + std::string(seed) + "_" + depth;
    out += "Content-Type: " + part.content_type + ";\r\n boundary=\"" + boundary + "\"\r\n";
    for (const auto& [name, value] : part.fields) out += name + ": " + value + "\r\n";
    out += "\r\n";
    for (std::size_t i = 0; i < part.parts.size(); ++i) {
      out += "--" + boundary + "\r\n";
      const std::size_t mark = depth.size();
      depth += "." + std::to_string(i + 1);
      Write(part.parts[i], seed, depth, out);
      depth.resize(mark);
    }
    out += "--" + boundary + "--\r\n";
    return;
  }
  out += "Content-Type: " + part.content_type + "\r\n";
  out += std::string("Content-Transfer-Encoding: ") + (part.base64 ? "base64" : "quoted-printable") + "\r\n";
  for (const auto& [name, value] : part.fields) out += name + ": " + value + "\r\n";
  out += "\r\n";
  if (part.base64) {
    out += Base64Lines(part.body);
  } else {
    AppendQuotedPrintable(out, part.body);
    out += "\r\n";
  }
}

}  // namespace

void AppendPart(std::string& out, const MimePart& part, std::string_view seed) {
  std::string depth = "0";
  Write(part, seed, depth, out);
}

}  // namespace missive::render

#include "runtime/value/url.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace missive::value {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

bool IsWebUrl(std::string_view s) {
  const std::string head = Lower(s.substr(0, 8));
  return head.starts_with("http://") || head.starts_with("https://");
}

std::string CheckUrl(std::string_view url) {
  if (url.empty()) return "the URL is empty";
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return "the URL `" + std::string(url) + "` contains a space or a control character";
    if (c == '"' || c == '<' || c == '>' || c == '\\' || c == '`')
      return "the URL `" + std::string(url) + "` contains `" + std::string(1, c) + "`; encode it as %" +
             "0123456789ABCDEF"[u >> 4] + "0123456789ABCDEF"[u & 15];
  }
  const auto colon = url.find(':');
  const std::string scheme = colon == std::string_view::npos ? "" : Lower(url.substr(0, colon));
  static constexpr std::array<std::string_view, 4> kAllowed = {"https", "http", "mailto", "tel"};
  if (std::find(kAllowed.begin(), kAllowed.end(), scheme) == kAllowed.end()) {
    return "the URL `" + std::string(url) + "` " +
           (scheme.empty() ? std::string("has no scheme") : "has the scheme `" + scheme + ":`") +
           "; links may use https:, http:, mailto: or tel:";
  }
  const std::string_view rest = url.substr(colon + 1);
  if ((scheme == "http" || scheme == "https") && (!rest.starts_with("//") || rest.size() <= 2 || rest[2] == '/'))
    return "the URL `" + std::string(url) + "` has no host";
  if (rest.empty()) return "the URL `" + std::string(url) + "` is only a scheme";
  return "";
}

}  // namespace missive::value

// Scalar checks shared by the decoders: strings, dates, decimals, e-mail, E.164 phones, ISO codes.
#include "runtime/data/scalar.h"

#include <charconv>

#include "runtime/value/format.h"

namespace missive::data {
namespace {

// One @, a non-empty local part, a domain with an inner dot, no spaces or control characters.
bool IsEmail(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view domain = s.substr(at + 1);
  auto dot = domain.find('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (char c : s)
    if (static_cast<unsigned char>(c) <= ' ') return false;
  return true;
}

// ITU-T E.164: a plus sign and 7–15 digits, the first not zero.
bool IsPhone(std::string_view s) {
  if (s.size() < 8 || s.size() > 16 || s[0] != '+' || s[1] == '0') return false;
  for (char c : s.substr(1))
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string_view Expected(Type type) {
  switch (type) {
    case Type::String: return "a string";
    case Type::Bool: return "a boolean";
    case Type::Int: return "an integer";
    case Type::Decimal: return "a decimal";
    case Type::Date: return "a date";
    case Type::DateTime: return "a date-time";
    case Type::Email: return "an email address";
    case Type::Phone: return "a phone number";
    case Type::Locale: return "a locale";
    case Type::Currency: return "a currency code";
    case Type::Country: return "a country code";
    case Type::Record: return "an object";
    case Type::List: return "an array";
  }
  return "a value";
}

bool DecodeText(Type type, std::string_view text, bool from_csv, value::Value& out, std::string& message) {
  auto expected = [&] {
    message = "expected " + std::string(Expected(type)) + ", found " + Quote(text);
    return false;
  };
  switch (type) {
    case Type::String: out = value::Value(std::string(text)); return true;
    case Type::Bool:
      if (!from_csv || (text != "true" && text != "false")) return expected();
      out = value::Value(text == "true");
      return true;
    case Type::Int: {
      std::int64_t i = 0;
      if (!from_csv) return expected();
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
      if (ec == std::errc::result_out_of_range) {
        message = "number out of range";
        return false;
      }
      if (ec != std::errc() || end != text.data() + text.size()) return expected();
      out = value::Value(i);
      return true;
    }
    case Type::Decimal: {
      auto d = value::Decimal::Parse(text);
      if (!d) return expected();
      out = value::Value(*d);
      return true;
    }
    case Type::Date: {
      auto d = value::Date::Parse(text);
      if (!d) {
        message = "bad date " + Quote(text);
        return false;
      }
      out = value::Value(*d);
      return true;
    }
    case Type::DateTime: {
      auto d = value::DateTime::Parse(text);
      if (!d) {
        message = "bad date-time " + Quote(text);
        return false;
      }
      out = value::Value(*d);
      return true;
    }
    case Type::Email:
      if (!IsEmail(text)) return expected();
      out = value::Value(std::string(text));
      return true;
    case Type::Phone:
      if (!IsPhone(text)) return expected();
      out = value::Value(std::string(text));
      return true;
    case Type::Locale:
      if (!value::IsLocale(text)) {
        message = "unknown locale " + Quote(text);
        return false;
      }
      out = value::Value(std::string(text));
      return true;
    case Type::Currency:
      if (!value::IsCurrencyCode(text)) {
        message = "unknown currency code " + Quote(text);
        return false;
      }
      out = value::Value(std::string(text));
      return true;
    case Type::Country:
      if (!value::IsCountryCode(text)) {
        message = "unknown country code " + Quote(text);
        return false;
      }
      out = value::Value(std::string(text));
      return true;
    case Type::Record:
    case Type::List: return expected();
  }
  return expected();
}

bool DecimalFromJsonNumber(std::string_view token, value::Decimal& out) {
  auto e = token.find_first_of("eE");
  auto base = value::Decimal::Parse(token.substr(0, e));
  if (!base) return false;
  if (e == std::string_view::npos) {
    out = *base;
    return true;
  }
  std::string_view exp_text = token.substr(e + 1);
  if (!exp_text.empty() && exp_text[0] == '+') exp_text.remove_prefix(1);
  int exp = 0;
  auto [end, ec] = std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exp);
  if (ec != std::errc() || end != exp_text.data() + exp_text.size() || exp < -40 || exp > 40) return false;
  // value = m · 10^(exp − scale): lower the scale, or multiply when it would go negative.
  int scale = base->scale - exp;
  if (scale > value::Decimal::kMaxScale) return false;
  if (scale >= 0) {
    out = value::Decimal{base->mantissa, static_cast<std::uint8_t>(scale)};
    return true;
  }
  if (-scale > 38) return false;
  __int128 factor = 1;
  for (int i = 0; i < -scale; ++i) factor *= 10;
  auto m = value::Mul(value::Decimal{base->mantissa, 0}, value::Decimal{factor, 0});
  if (!m) return false;
  out = *m;
  return true;
}

void AppendPointerStep(std::string& path, std::string_view step) {
  path += '/';
  for (char c : step) {
    if (c == '~') {
      path += "~0";
    } else if (c == '/') {
      path += "~1";
    } else {
      path += c;
    }
  }
}

}  // namespace missive::data

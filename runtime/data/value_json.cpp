// Values as JSON text: Decimals as exact JSON numbers (never through double), dates as ISO strings.
#include "runtime/data/value_json.h"

#include <string>

#include "runtime/data/schema.h"

namespace missive::data {

namespace {

void Quote(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void Write(std::string& out, const value::Value& v) {
  if (v.is_none()) {
    out += "null";
  } else if (v.is<bool>()) {
    out += v.as<bool>() ? "true" : "false";
  } else if (v.is<std::int64_t>()) {
    out += std::to_string(v.as<std::int64_t>());
  } else if (v.is<value::Decimal>()) {
    out += v.as<value::Decimal>().ToString();
  } else if (v.is<std::string>()) {
    Quote(out, v.as<std::string>());
  } else if (v.is<value::Date>()) {
    Quote(out, v.as<value::Date>().ToString());
  } else if (v.is<value::DateTime>()) {
    Quote(out, v.as<value::DateTime>().ToString());
  } else if (v.is<std::shared_ptr<const value::List>>()) {
    out += '[';
    bool first = true;
    for (const auto& item : *v.as<std::shared_ptr<const value::List>>()) {
      if (!first) out += ", ";
      first = false;
      Write(out, item);
    }
    out += ']';
  } else {
    const auto& r = *v.as<std::shared_ptr<const value::Record>>();
    out += '{';
    for (std::size_t i = 0; i < r.fields.size(); ++i) {
      if (i) out += ", ";
      Quote(out, r.desc ? r.desc->fields[i].name : r.names[i]);
      out += ": ";
      Write(out, r.fields[i]);
    }
    out += '}';
  }
}

}  // namespace

std::string ValueToJson(const value::Value& value) {
  std::string out;
  Write(out, value);
  return out;
}

}  // namespace missive::data

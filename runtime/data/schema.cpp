// Record descriptions: field lookup and type names for messages.
#include "runtime/data/schema.h"

namespace missive::data {

void RecordDesc::AddField(FieldDesc field) {
  index[field.name] = static_cast<std::uint32_t>(fields.size());
  if (field.is_key) key_field = static_cast<int>(fields.size());
  fields.push_back(std::move(field));
}

int RecordDesc::Find(const std::string& name) const {
  auto it = index.find(name);
  return it == index.end() ? -1 : static_cast<int>(it->second);
}

std::optional<value::Value> ParseDefault(std::string_view text, const TypeDesc& type) {
  switch (type.type) {
    case Type::Bool:
      if (text == "true" || text == "false") return value::Value(text == "true");
      return std::nullopt;
    case Type::Int:
      if (auto d = value::Decimal::Parse(text); d && d->scale == 0)
        return value::Value(static_cast<std::int64_t>(d->mantissa));
      return std::nullopt;
    case Type::Decimal:
      if (auto d = value::Decimal::Parse(text)) return value::Value(*d);
      return std::nullopt;
    case Type::Date:
      if (auto d = value::Date::Parse(text)) return value::Value(*d);
      return std::nullopt;
    case Type::DateTime:
      if (auto d = value::DateTime::Parse(text)) return value::Value(*d);
      return std::nullopt;
    case Type::Record:
    case Type::List: return std::nullopt;
    default: return value::Value(std::string(text));
  }
}

std::string TypeName(const TypeDesc& type) {
  std::string name;
  switch (type.type) {
    case Type::String: name = "String"; break;
    case Type::Bool: name = "Bool"; break;
    case Type::Int: name = "Int"; break;
    case Type::Decimal: name = "Decimal"; break;
    case Type::Date: name = "Date"; break;
    case Type::DateTime: name = "DateTime"; break;
    case Type::Email: name = "Email"; break;
    case Type::Phone: name = "Phone"; break;
    case Type::Locale: name = "Locale"; break;
    case Type::Currency: name = "Currency"; break;
    case Type::Country: name = "Country"; break;
    case Type::Record: name = type.record != nullptr ? type.record->name : "Record"; break;
    case Type::List: name = "[" + (type.element ? TypeName(*type.element) : std::string("?")) + "]"; break;
  }
  if (type.optional) name += "?";
  return name;
}

}  // namespace missive::data

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

// Native values back to runtime values.
#include "runtime/abi/to_value.h"

#include <cstring>

namespace missive::abi {
namespace {

template <class T>
T Read(const void* at) {
  T v;
  std::memcpy(&v, at, sizeof v);
  return v;
}

}  // namespace

value::Value ToValue(const Layouts& layouts, const data::TypeDesc& type, const void* at) {
  switch (type.type) {
    case data::Type::Bool: return Read<MsvBool>(at) != 0;
    case data::Type::Int: return Read<std::int64_t>(at);
    case data::Type::Decimal: return FromAbi(Read<MsvDecimal>(at));
    case data::Type::Date: return value::Date{Read<MsvDate>(at)};
    case data::Type::DateTime: return value::DateTime{Read<MsvDateTime>(at)};
    case data::Type::Record: return RecordToValue(layouts, *type.record, at);
    case data::Type::List: {
      const auto list = Read<MsvList>(at);
      const data::TypeDesc& element = *type.element;
      const std::uint32_t stride = layouts.Stride(element);
      const SlotLayout slot = layouts.Slot(element);
      auto out = std::make_shared<value::List>();
      out->reserve(list.len);
      for (std::uint64_t i = 0; i < list.len; ++i) {
        const auto* e = static_cast<const std::uint8_t*>(list.ptr) + i * stride;
        const bool present = slot.element_presence < 0 || e[slot.element_presence] != 0;
        out->push_back(present ? ToValue(layouts, element, e) : value::Value(value::None{}));
      }
      return std::shared_ptr<const value::List>(std::move(out));
    }
    default: {
      const auto s = Read<MsvStr>(at);
      return std::string(s.ptr == nullptr ? "" : std::string_view(s.ptr, s.len));
    }
  }
}

std::shared_ptr<const value::Record> RecordToValue(const Layouts& layouts, const data::RecordDesc& desc,
                                                   const void* record) {
  auto out = std::make_shared<value::Record>();
  out->desc = &desc;
  const RecordLayout& layout = layouts.Of(desc);
  out->fields.reserve(desc.fields.size());
  for (std::size_t i = 0; i < desc.fields.size(); ++i) {
    const FieldLayout& f = layout.fields[i];
    if (f.presence_bit >= 0 && !IsPresent(record, f.presence_bit)) {
      out->fields.emplace_back(value::None{});
    } else {
      out->fields.push_back(ToValue(layouts, desc.fields[i].type, static_cast<const std::uint8_t*>(record) + f.offset));
    }
  }
  return out;
}

}  // namespace missive::abi

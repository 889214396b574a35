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

namespace {

class Writer {
 public:
  Writer(const Layouts& layouts, void* (*alloc)(void*, std::uint64_t, std::uint64_t), void* state)
      : layouts_(layouts), alloc_(alloc), state_(state) {}

  bool Record(const data::RecordDesc& desc, const value::Record& record, std::uint8_t* base) {
    const RecordLayout& layout = layouts_.Of(desc);
    for (std::size_t i = 0; i < desc.fields.size() && i < record.fields.size(); ++i) {
      const value::Value& v = record.fields[i];
      const FieldLayout& f = layout.fields[i];
      if (v.is_none()) continue;  // an absent optional: its presence bit stays 0
      if (f.presence_bit >= 0) base[f.presence_bit / 8] |= static_cast<std::uint8_t>(1u << (f.presence_bit % 8));
      if (!Value(desc.fields[i].type, v, base + f.offset)) return false;
    }
    return true;
  }

 private:
  template <class T>
  static void Put(std::uint8_t* at, T v) {
    std::memcpy(at, &v, sizeof v);
  }

  bool Value(const data::TypeDesc& type, const value::Value& v, std::uint8_t* at) {
    switch (type.type) {
      case data::Type::Bool: Put<MsvBool>(at, v.as<bool>() ? 1 : 0); return true;
      case data::Type::Int: Put<std::int64_t>(at, v.as<std::int64_t>()); return true;
      case data::Type::Decimal: Put(at, ToAbi(v.as<value::Decimal>())); return true;
      case data::Type::Date: Put<MsvDate>(at, v.as<value::Date>().days); return true;
      case data::Type::DateTime: Put<MsvDateTime>(at, v.as<value::DateTime>().millis); return true;
      case data::Type::Record: return Record(*type.record, *v.as<std::shared_ptr<const value::Record>>(), at);
      case data::Type::List: {
        const auto& list = *v.as<std::shared_ptr<const value::List>>();
        const data::TypeDesc& element = *type.element;
        const std::uint32_t stride = layouts_.Stride(element);
        const SlotLayout slot = layouts_.Slot(element);
        auto* items = static_cast<std::uint8_t*>(alloc_(state_, list.size() * stride, 8));
        if (items == nullptr && !list.empty()) return false;
        for (std::size_t i = 0; i < list.size(); ++i) {
          std::uint8_t* e = items + i * stride;
          if (list[i].is_none()) continue;
          if (slot.element_presence >= 0) e[slot.element_presence] = 1;
          if (!Value(element, list[i], e)) return false;
        }
        Put(at, MsvList{items, list.size()});
        return true;
      }
      default: {
        const std::string& text = v.as<std::string>();
        auto* bytes = static_cast<char*>(alloc_(state_, text.size(), 1));
        if (bytes == nullptr && !text.empty()) return false;
        if (!text.empty()) std::memcpy(bytes, text.data(), text.size());
        Put(at, MsvStr{text.empty() ? "" : bytes, text.size()});
        return true;
      }
    }
  }

  const Layouts& layouts_;
  void* (*alloc_)(void*, std::uint64_t, std::uint64_t);
  void* state_;
};

}  // namespace

const void* FromValue(const Layouts& layouts, const data::RecordDesc& desc, const value::Record& record,
                      void* (*alloc)(void* state, std::uint64_t size, std::uint64_t align), void* state) {
  const RecordLayout& layout = layouts.Of(desc);
  auto* base = static_cast<std::uint8_t*>(alloc(state, layout.size, layout.align));
  if (base == nullptr) return nullptr;
  return Writer(layouts, alloc, state).Record(desc, record, base) ? base : nullptr;
}

}  // namespace missive::abi

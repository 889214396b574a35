// Native layouts: fields in declaration order at their natural alignment, presence bytes first.
#include "runtime/abi/layout.h"

#include <algorithm>

namespace missive::abi {
namespace {

std::uint32_t AlignUp(std::uint32_t n, std::uint32_t align) { return (n + align - 1) / align * align; }

SlotLayout Scalar(data::Type type) {
  switch (type) {
    case data::Type::Bool: return {1, 1, -1};
    case data::Type::Int: return {8, 8, -1};
    case data::Type::Decimal: return {sizeof(MsvDecimal), alignof(MsvDecimal), -1};
    case data::Type::Date: return {4, 4, -1};
    case data::Type::DateTime: return {8, 8, -1};
    case data::Type::List: return {sizeof(MsvList), alignof(MsvList), -1};
    default: return {sizeof(MsvStr), alignof(MsvStr), -1};  // String and the string-like types
  }
}

}  // namespace

Layouts::Layouts(const data::RecordDesc& root) : root_(&root) { Build(root); }

const RecordLayout& Layouts::Of(const data::RecordDesc& desc) const { return *layouts_.at(&desc); }

SlotLayout Layouts::Slot(const data::TypeDesc& type) const {
  if (type.type == data::Type::Record) {
    const RecordLayout& r = Of(*type.record);
    return {r.size, r.align, -1};
  }
  return Scalar(type.type);
}

std::uint32_t Layouts::Stride(const data::TypeDesc& element) const {
  const SlotLayout s = Slot(element);
  return AlignUp(s.size + (element.optional ? 1 : 0), s.align);
}

const RecordLayout& Layouts::Build(const data::RecordDesc& desc) {
  if (auto it = layouts_.find(&desc); it != layouts_.end()) return *it->second;
  auto layout = std::make_unique<RecordLayout>();
  layout->desc = &desc;
  // Nested records first, so their sizes are known (the checker forbids recursive records).
  for (const auto& f : desc.fields) {
    const data::TypeDesc* t = &f.type;
    while (t->type == data::Type::List && t->element) t = t->element.get();
    if (t->type == data::Type::Record && t->record != nullptr) Build(*t->record);
  }
  std::uint32_t optionals = 0;
  for (const auto& f : desc.fields) optionals += f.type.optional ? 1 : 0;
  layout->presence_bytes = (optionals + 7) / 8;
  std::uint32_t offset = layout->presence_bytes;
  std::uint32_t align = 1;
  std::int32_t bit = 0;
  for (const auto& f : desc.fields) {
    const SlotLayout s = Slot(f.type);
    offset = AlignUp(offset, s.align);
    FieldLayout fl;
    fl.offset = offset;
    fl.size = s.size;
    if (f.type.optional) fl.presence_bit = bit++;
    layout->fields.push_back(fl);
    offset += s.size;
    align = std::max(align, s.align);
  }
  layout->align = align;
  layout->size = AlignUp(std::max<std::uint32_t>(offset, 1), align);
  const RecordLayout& ref = *layout;
  layouts_.emplace(&desc, std::move(layout));
  return ref;
}

}  // namespace missive::abi

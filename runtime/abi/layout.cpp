// The runtime's view of native layouts: records as the compiler placed them, slots of scalar values.
#include "runtime/abi/layout.h"

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

Layouts::Layouts(const data::RecordDesc& root, std::vector<RecordLayout> layouts) : root_(&root) {
  for (auto& layout : layouts) {
    const data::RecordDesc* desc = layout.desc;
    layouts_.emplace(desc, std::make_unique<RecordLayout>(std::move(layout)));
  }
}

const RecordLayout& Layouts::Of(const data::RecordDesc& desc) const { return *layouts_.at(&desc); }

SlotLayout Layouts::Slot(const data::TypeDesc& type) const {
  SlotLayout s = Scalar(type.type);
  if (type.type == data::Type::Record) {
    const RecordLayout& r = Of(*type.record);
    s = {r.size, r.align, -1};
  }
  if (type.optional) s.element_presence = static_cast<std::int32_t>(s.size);
  return s;
}

std::uint32_t Layouts::Stride(const data::TypeDesc& element) const {
  const SlotLayout s = Slot(element);
  return AlignUp(s.size + (element.optional ? 1 : 0), s.align);
}

}  // namespace missive::abi

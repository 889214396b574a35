// The native layout of each schema record type: size, alignment, field offsets and presence bits, as
// the compiler placed them (compiler/lower's record layouts); this is the runtime's read-only view.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "runtime/abi/abi.h"
#include "runtime/data/schema.h"
#include "runtime/value/decimal.h"

namespace missive::abi {

/// Where one value of a type lives: its bytes, and for a list element of optional type the byte after
/// the value that says whether it is present.
struct SlotLayout {
  std::uint32_t size = 0;
  std::uint32_t align = 1;
  std::int32_t element_presence = -1;  ///< list elements of optional type: offset of their presence byte
};

struct FieldLayout {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
  std::int32_t presence_bit = -1;  ///< optional fields: bit in the record's presence bytes; -1 otherwise
};

/// Records are stored inline in their parent (a.b.c is one constant offset); lists hold a pointer to
/// their elements, `stride` bytes apart.
struct RecordLayout {
  const data::RecordDesc* desc = nullptr;
  std::uint32_t size = 0;
  std::uint32_t align = 1;
  std::uint32_t presence_bytes = 0;  ///< at offset 0
  std::vector<FieldLayout> fields;   ///< in the order of desc->fields
};

/// Layouts of every record reachable from the input record. Immutable once built.
class Layouts {
 public:
  /// `layouts` holds one entry per record type, `root` among them.
  Layouts(const data::RecordDesc& root, std::vector<RecordLayout> layouts);
  [[nodiscard]] const RecordLayout& Of(const data::RecordDesc& desc) const;
  [[nodiscard]] const RecordLayout& root() const { return Of(*root_); }
  /// Bytes and alignment of a value of `type` (a record inline, a list as MsvList).
  [[nodiscard]] SlotLayout Slot(const data::TypeDesc& type) const;
  /// Size of one list element including its presence byte and padding.
  [[nodiscard]] std::uint32_t Stride(const data::TypeDesc& element) const;

 private:
  const data::RecordDesc* root_;
  std::unordered_map<const data::RecordDesc*, std::unique_ptr<RecordLayout>> layouts_;
};

/// Whether a presence bit is set.
inline bool IsPresent(const void* record, std::int32_t bit) {
  return (static_cast<const std::uint8_t*>(record)[bit / 8] >> (bit % 8)) & 1;
}

inline MsvDecimal ToAbi(value::Decimal d) {
  MsvDecimal out{};
  const auto u = static_cast<unsigned __int128>(d.mantissa);
  out.lo = static_cast<std::uint64_t>(u);
  out.hi = static_cast<std::int64_t>(static_cast<std::uint64_t>(u >> 64));
  out.scale = d.scale;
  return out;
}

inline value::Decimal FromAbi(const MsvDecimal& d) {
  const unsigned __int128 u =
      (static_cast<unsigned __int128>(static_cast<std::uint64_t>(d.hi)) << 64) | static_cast<unsigned __int128>(d.lo);
  return value::Decimal{static_cast<__int128>(u), d.scale};
}

}  // namespace missive::abi

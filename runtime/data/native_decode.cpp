// JSON Lines into native records: simdjson On-Demand, one arena per record, the messages of decode_json.cpp.
#include "runtime/data/native_decode.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "runtime/data/json_walk.h"
#include "runtime/data/scalar.h"

namespace missive::data {

Arena::Arena(std::size_t first_block) {
  blocks_.push_back(Block{std::make_unique<std::byte[]>(first_block), first_block});
}

void* Arena::Allocate(std::size_t size, std::size_t align) {
  std::size_t start = (used_ + align - 1) / align * align;
  if (start + size > blocks_.back().size) {
    const std::size_t block = std::max(blocks_.back().size * 2, size + align);
    blocks_.push_back(Block{std::make_unique<std::byte[]>(block), block});
    start = 0;
  }
  std::byte* p = blocks_.back().data.get() + start;
  used_ = start + size;
  std::memset(p, 0, size);
  return p;
}

void Arena::Reset() {
  if (blocks_.size() > 1) {
    // the newest block is the largest: keep it alone
    Block keep = std::move(blocks_.back());
    blocks_.clear();
    blocks_.push_back(std::move(keep));
  }
  used_ = 0;
}

void* ArenaAllocate(void* state, std::uint64_t size, std::uint64_t align) {
  return static_cast<Arena*>(state)->Allocate(static_cast<std::size_t>(size), static_cast<std::size_t>(align));
}

namespace {

void SetBit(std::byte* record, std::int32_t bit) { record[bit / 8] |= static_cast<std::byte>(1u << (bit % 8)); }

}  // namespace

struct NativeJsonDecoder::Impl : JsonWalk {
  const abi::Layouts& layouts;
  const RecordDesc& root;
  Arena arena;
  Impl(const abi::Layouts& l, const RecordDesc& r) : layouts(l), root(r) {}

  // A decoded scalar into its slot; `copy` puts string bytes into the arena (defaults keep theirs).
  void Store(const value::Value& v, Type type, std::byte* slot, bool copy) {
    switch (type) {
      case Type::Bool: *reinterpret_cast<MsvBool*>(slot) = v.as<bool>() ? 1 : 0; return;
      case Type::Int: std::memcpy(slot, &v.as<std::int64_t>(), 8); return;
      case Type::Decimal: {
        const MsvDecimal d = abi::ToAbi(v.as<value::Decimal>());
        std::memcpy(slot, &d, sizeof d);
        return;
      }
      case Type::Date: std::memcpy(slot, &v.as<value::Date>().days, 4); return;
      case Type::DateTime: std::memcpy(slot, &v.as<value::DateTime>().millis, 8); return;
      case Type::Record:
      case Type::List: return;  // defaults of these kinds do not occur in schemas
      default: {
        const std::string& s = v.as<std::string>();
        StoreString(s, slot, copy);
        return;
      }
    }
  }

  void StoreString(std::string_view s, std::byte* slot, bool copy) {
    MsvStr str{s.data(), s.size()};
    if (copy && !s.empty()) {
      auto* p = static_cast<char*>(arena.Allocate(s.size(), 1));
      std::memcpy(p, s.data(), s.size());
      str.ptr = p;
    }
    std::memcpy(slot, &str, sizeof str);
  }

  bool DecodeValue(od::value& val, const TypeDesc& type, std::byte* slot) {
    od::json_type jt;
    if (auto error = val.type().get(jt)) return Fail(error);
    switch (type.type) {
      case Type::Bool: {
        if (jt != od::json_type::boolean) return Mismatch(val, jt, type);
        bool b = false;
        if (auto error = val.get_bool().get(b)) return Fail(error);
        *reinterpret_cast<MsvBool*>(slot) = b ? 1 : 0;
        return true;
      }
      case Type::Int: {
        if (jt != od::json_type::number) return Mismatch(val, jt, type);
        std::string_view token = TrimRight(val.raw_json_token());
        std::int64_t i = 0;
        if (!IsIntegerToken(token)) {
          Violate("expected an integer, found " + std::string(token));
          return true;
        }
        if (std::from_chars(token.data(), token.data() + token.size(), i).ec != std::errc()) {
          Violate("number out of range");
          return true;
        }
        std::memcpy(slot, &i, 8);
        return true;
      }
      case Type::Record: {
        if (jt != od::json_type::object) return Mismatch(val, jt, type);
        od::object obj;
        if (auto error = val.get_object().get(obj)) return Fail(error);
        return DecodeObject(obj, *type.record, slot);
      }
      case Type::List: {
        if (jt != od::json_type::array) return Mismatch(val, jt, type);
        od::array arr;
        if (auto error = val.get_array().get(arr)) return Fail(error);
        std::size_t count = 0;
        if (auto error = arr.count_elements().get(count)) return Fail(error);
        const std::uint32_t stride = layouts.Stride(*type.element);
        const abi::SlotLayout element = layouts.Slot(*type.element);
        MsvList list{count == 0 ? nullptr : arena.Allocate(stride * count, element.align), count};
        std::memcpy(slot, &list, sizeof list);
        std::size_t i = 0;
        for (auto item_result : arr) {
          od::value item;
          if (auto error = item_result.get(item)) return Fail(error);
          path.push_back(Step{{}, i});
          std::byte* element_slot = static_cast<std::byte*>(list.ptr) + stride * i;
          if (!DecodeElement(item, *type.element, element_slot, element.size)) return false;
          path.pop_back();
          ++i;
        }
        return true;
      }
      case Type::Decimal:
        if (jt == od::json_type::number) {
          std::string_view token = TrimRight(val.raw_json_token());
          value::Decimal d;
          if (!DecimalFromJsonNumber(token, d)) {
            Violate("expected a decimal, found " + std::string(token));
            return true;
          }
          const MsvDecimal n = abi::ToAbi(d);
          std::memcpy(slot, &n, sizeof n);
          return true;
        }
        [[fallthrough]];
      default: {
        if (jt != od::json_type::string) return Mismatch(val, jt, type);
        std::string_view s;
        if (auto error = val.get_string().get(s)) return Fail(error);
        if (type.type == Type::String) {  // simdjson has validated the UTF-8: no value::Value needed
          StoreString(s, slot, true);
          return true;
        }
        // the common kinds straight into the slot (DecodeText's checks, without a value::Value)
        if (type.type == Type::Decimal) {
          if (auto d = value::Decimal::Parse(s)) {
            const MsvDecimal n = abi::ToAbi(*d);
            std::memcpy(slot, &n, sizeof n);
            return true;
          }
        } else if (type.type == Type::Date) {
          if (auto d = value::Date::Parse(s)) {
            std::memcpy(slot, &d->days, sizeof d->days);
            return true;
          }
        }
        value::Value out;
        std::string message;
        if (!DecodeText(type.type, s, false, out, message)) {
          Violate(std::move(message));
        } else {
          Store(out, type.type, slot, true);
        }
        return true;
      }
    }
  }

  // A list element: null only for an optional element type, whose presence byte follows the value.
  bool DecodeElement(od::value& val, const TypeDesc& type, std::byte* slot, std::uint32_t value_size) {
    od::json_type jt;
    if (auto error = val.type().get(jt)) return Fail(error);
    if (jt == od::json_type::null) {
      if (!type.optional) Violate("expected " + std::string(Expected(type.type)) + ", found null");
      return true;
    }
    if (type.optional) slot[value_size] = std::byte{1};
    return DecodeValue(val, type, slot);
  }

  bool DecodeObject(od::object& obj, const RecordDesc& desc, std::byte* base) {
    const abi::RecordLayout& layout = layouts.Of(desc);
    std::uint8_t inline_state[32] = {};
    std::vector<std::uint8_t> heap_state;
    std::uint8_t* state = inline_state;
    std::size_t next = 0;
    if (desc.fields.size() > sizeof inline_state) {
      heap_state.assign(desc.fields.size(), 0);
      state = heap_state.data();
    }
    for (auto field_result : obj) {
      od::field field;
      if (auto error = std::move(field_result).get(field)) return Fail(error);
      // Raw keys compare against the schema's names (identifiers: no quote or backslash to unescape);
      // fields usually come in declaration order, so the search starts after the previous one. Only a
      // key matching none is unescaped (it may be a name written with escapes, or an unknown field).
      const od::raw_json_string raw = field.key();
      const std::size_t n = desc.fields.size();
      std::size_t idx = n;
      for (std::size_t k = 0; k < n && idx == n; ++k) {
        const std::size_t i = next + k < n ? next + k : next + k - n;
        if (raw.unsafe_is_equal(desc.fields[i].name)) idx = i;
      }
      if (idx == n) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return Fail(error);
        idx = 0;
        while (idx < n && desc.fields[idx].name != key) ++idx;
        if (idx == n) continue;
      }
      const std::string_view key = desc.fields[idx].name;
      next = idx + 1 == n ? 0 : idx + 1;
      od::value& val = field.value();
      od::json_type jt;
      if (auto error = val.type().get(jt)) return Fail(error);
      path.push_back(Step{key, 0});
      const FieldDesc& f = desc.fields[idx];
      if (jt == od::json_type::null) {
        state[idx] = 2;
        if (!f.default_value && !f.type.optional)
          Violate("expected " + std::string(Expected(f.type.type)) + ", found null");
      } else {
        state[idx] = 1;
        if (!DecodeValue(val, f.type, base + layout.fields[idx].offset)) return false;
      }
      path.pop_back();
    }
    for (std::size_t i = 0; i < desc.fields.size(); ++i) {
      const FieldDesc& f = desc.fields[i];
      const abi::FieldLayout& fl = layout.fields[i];
      if (state[i] == 1) {
        if (fl.presence_bit >= 0) SetBit(base, fl.presence_bit);
        continue;
      }
      if (f.default_value) {
        if (!f.default_value->is_none()) {
          Store(*f.default_value, f.type.type, base + fl.offset, false);
          if (fl.presence_bit >= 0) SetBit(base, fl.presence_bit);
        }
      } else if (!f.type.optional && state[i] == 0) {
        Violate("missing required field `" + f.name + "`");
      }
    }
    return true;
  }

  NativeDecodeResult Decode(std::string_view json) {
    arena.Reset();
    const abi::RecordLayout& layout = layouts.Of(root);
    auto* record = static_cast<std::byte*>(arena.Allocate(layout.size, layout.align));
    NativeDecodeResult result;
    result.violations = WalkLine(json, [&](od::object& obj) { return DecodeObject(obj, root, record); });
    if (result.violations.empty()) result.record = record;
    return result;
  }
};

NativeJsonDecoder::NativeJsonDecoder(const abi::Layouts& layouts, const RecordDesc& root)
    : impl_(std::make_unique<Impl>(layouts, root)) {}
NativeJsonDecoder::~NativeJsonDecoder() = default;
NativeDecodeResult NativeJsonDecoder::Decode(std::string_view json) { return impl_->Decode(json); }
const Arena& NativeJsonDecoder::arena() const { return impl_->arena; }

}  // namespace missive::data

// JSON Lines into native records: simdjson On-Demand, one arena per record, the messages of decode_json.cpp.
#include "runtime/data/native_decode.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <deque>
#include <unordered_map>

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

namespace {

// What decoding needs of a type, computed once per decoder rather than per value: layouts of nested
// records, list strides and element sizes.
struct RecordPlan;
struct SlotPlan {
  const TypeDesc* type = nullptr;
  const RecordPlan* record = nullptr;  ///< Type::Record
  const SlotPlan* element = nullptr;   ///< Type::List
  std::uint32_t stride = 0, element_size = 0, element_align = 1;
};
struct FieldPlan {
  const FieldDesc* desc = nullptr;
  SlotPlan slot;
  std::uint32_t offset = 0;
  std::int32_t presence_bit = -1;
};
struct RecordPlan {
  std::vector<FieldPlan> fields;
};

class Plans {
 public:
  Plans(const abi::Layouts& layouts, const RecordDesc& root) : layouts_(layouts) { root_ = &Record(root); }
  [[nodiscard]] const RecordPlan& root() const { return *root_; }

 private:
  const RecordPlan& Record(const RecordDesc& desc) {
    if (auto it = records_.find(&desc); it != records_.end()) return *it->second;
    const abi::RecordLayout& layout = layouts_.Of(desc);
    RecordPlan& plan = *records_.emplace(&desc, std::make_unique<RecordPlan>()).first->second;
    for (std::size_t i = 0; i < desc.fields.size(); ++i) {
      FieldPlan field;
      field.desc = &desc.fields[i];
      field.slot = Slot(desc.fields[i].type);
      field.offset = layout.fields[i].offset;
      field.presence_bit = layout.fields[i].presence_bit;
      plan.fields.push_back(field);
    }
    return plan;
  }

  SlotPlan Slot(const TypeDesc& type) {
    SlotPlan slot;
    slot.type = &type;
    if (type.type == Type::Record) slot.record = &Record(*type.record);
    if (type.type == Type::List) {
      slot.element = &elements_.emplace_back(Slot(*type.element));
      const abi::SlotLayout element = layouts_.Slot(*type.element);
      slot.stride = layouts_.Stride(*type.element);
      slot.element_size = element.size;
      slot.element_align = element.align;
    }
    return slot;
  }

  const abi::Layouts& layouts_;
  const RecordPlan* root_ = nullptr;
  std::unordered_map<const RecordDesc*, std::unique_ptr<RecordPlan>> records_;
  std::deque<SlotPlan> elements_;  // stable addresses
};

// Up to 18 digits, an optional sign and fraction: the common decimal without 128-bit arithmetic.
bool ParseShortDecimal(std::string_view s, MsvDecimal& out) {
  std::size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) ++i;
  std::uint64_t mag = 0;
  int digits = 0, frac = -1;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      mag = mag * 10 + static_cast<unsigned>(c - '0');
      ++digits;
      if (frac >= 0) ++frac;
    } else if (c == '.' && frac < 0 && digits > 0) {
      frac = 0;
    } else {
      return false;
    }
  }
  if (digits == 0 || digits > 18 || frac == 0) return false;
  const auto m = static_cast<std::int64_t>(mag);
  out = abi::ToAbi(value::Decimal{negative ? -static_cast<__int128>(m) : static_cast<__int128>(m),
                                  static_cast<std::uint8_t>(frac < 0 ? 0 : frac)});
  return true;
}

}  // namespace

struct NativeJsonDecoder::Impl : JsonWalk {
  Plans plans;
  const abi::RecordLayout& root_layout;
  Arena arena;
  // Elements of the list being decoded at each nesting depth: a list is copied into the arena once
  // whole, so its array is walked once (no count first).
  std::deque<std::vector<std::byte>> scratch;
  std::size_t list_depth = 0;

  Impl(const abi::Layouts& layouts, const RecordDesc& root) : plans(layouts, root), root_layout(layouts.Of(root)) {}

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

  bool DecodeValue(od::value& val, od::json_type jt, const SlotPlan& plan, std::byte* slot) {
    const TypeDesc& type = *plan.type;
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
        return DecodeObject(obj, *plan.record, slot);
      }
      case Type::List: {
        if (jt != od::json_type::array) return Mismatch(val, jt, type);
        od::array arr;
        if (auto error = val.get_array().get(arr)) return Fail(error);
        return DecodeList(arr, plan, slot);
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
        // simdjson has validated the UTF-8, and its unescaped strings live until the next line is
        // parsed, as long as this record: strings are stored in place, without a copy.
        if (type.type == Type::String) {
          StoreString(s, slot, false);
          return true;
        }
        // the common kinds straight into the slot (DecodeText's checks, without a value::Value)
        if (type.type == Type::Decimal) {
          MsvDecimal n;
          if (ParseShortDecimal(s, n)) {
            std::memcpy(slot, &n, sizeof n);
            return true;
          }
          if (auto d = value::Decimal::Parse(s)) {
            n = abi::ToAbi(*d);
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

  bool DecodeList(od::array& arr, const SlotPlan& plan, std::byte* slot) {
    if (scratch.size() <= list_depth) scratch.emplace_back();
    std::vector<std::byte>& elements = scratch[list_depth++];
    elements.clear();
    std::size_t i = 0;
    for (auto item_result : arr) {
      if (auto error = item_result.error()) return Fail(error);
      od::value& item = item_result.value_unsafe();
      elements.resize(elements.size() + plan.stride);  // zeroed
      path.push_back(Step{{}, i});
      if (!DecodeElement(item, *plan.element, elements.data() + plan.stride * i, plan.element_size)) return false;
      path.pop_back();
      ++i;
    }
    --list_depth;
    MsvList list{nullptr, i};
    if (i != 0) {
      list.ptr = arena.Allocate(elements.size(), plan.element_align);
      std::memcpy(list.ptr, elements.data(), elements.size());
    }
    std::memcpy(slot, &list, sizeof list);
    return true;
  }

  // A list element: null only for an optional element type, whose presence byte follows the value.
  bool DecodeElement(od::value& val, const SlotPlan& plan, std::byte* slot, std::uint32_t value_size) {
    od::json_type jt;
    if (auto error = val.type().get(jt)) return Fail(error);
    if (jt == od::json_type::null) {
      if (!plan.type->optional) Violate("expected " + std::string(Expected(plan.type->type)) + ", found null");
      return true;
    }
    if (plan.type->optional) slot[value_size] = std::byte{1};
    return DecodeValue(val, jt, plan, slot);
  }

  bool DecodeObject(od::object& obj, const RecordPlan& plan, std::byte* base) {
    const std::size_t n = plan.fields.size();
    std::uint8_t inline_state[32] = {};
    std::vector<std::uint8_t> heap_state;
    std::uint8_t* state = inline_state;
    std::size_t next = 0;
    if (n > sizeof inline_state) {
      heap_state.assign(n, 0);
      state = heap_state.data();
    }
    for (auto field_result : obj) {
      // by reference: a copy of the field costs a store-forwarding stall per field
      if (auto error = field_result.error()) return Fail(error);
      od::field& field = field_result.value_unsafe();
      // Raw keys compare against the schema's names (identifiers: no quote or backslash to unescape);
      // fields usually come in declaration order, so the search starts after the previous one. Only a
      // key matching none is unescaped (it may be a name written with escapes, or an unknown field).
      const od::raw_json_string raw = field.key();
      std::size_t idx = n;
      for (std::size_t k = 0; k < n && idx == n; ++k) {
        const std::size_t i = next + k < n ? next + k : next + k - n;
        if (raw.unsafe_is_equal(plan.fields[i].desc->name)) idx = i;
      }
      if (idx == n) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return Fail(error);
        idx = 0;
        while (idx < n && plan.fields[idx].desc->name != key) ++idx;
        if (idx == n) continue;
      }
      next = idx + 1 == n ? 0 : idx + 1;
      const FieldPlan& f = plan.fields[idx];
      od::value& val = field.value();
      od::json_type jt;
      if (auto error = val.type().get(jt)) return Fail(error);
      path.push_back(Step{f.desc->name, 0});
      if (jt == od::json_type::null) {
        state[idx] = 2;
        if (!f.desc->default_value && !f.desc->type.optional)
          Violate("expected " + std::string(Expected(f.desc->type.type)) + ", found null");
      } else {
        state[idx] = 1;
        if (!DecodeValue(val, jt, f.slot, base + f.offset)) return false;
      }
      path.pop_back();
    }
    for (std::size_t i = 0; i < n; ++i) {
      const FieldPlan& f = plan.fields[i];
      if (state[i] == 1) {
        if (f.presence_bit >= 0) SetBit(base, f.presence_bit);
        continue;
      }
      const FieldDesc& desc = *f.desc;
      if (desc.default_value) {
        if (!desc.default_value->is_none()) {
          Store(*desc.default_value, desc.type.type, base + f.offset, false);
          if (f.presence_bit >= 0) SetBit(base, f.presence_bit);
        }
      } else if (!desc.type.optional && state[i] == 0) {
        Violate("missing required field `" + desc.name + "`");
      }
    }
    return true;
  }

  NativeDecodeResult Decode(std::string_view json) {
    arena.Reset();
    list_depth = 0;
    auto* record = static_cast<std::byte*>(arena.Allocate(root_layout.size, root_layout.align));
    NativeDecodeResult result;
    result.violations = WalkLine(json, [&](od::object& obj) { return DecodeObject(obj, plans.root(), record); });
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

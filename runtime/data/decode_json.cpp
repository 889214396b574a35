// JSON Lines decoding with simdjson On-Demand, straight into value::Record, one line at a time.
#include <simdjson.h>

#include <charconv>
#include <cstring>
#include <utility>

#include "runtime/data/decode.h"
#include "runtime/data/json_walk.h"
#include "runtime/data/scalar.h"

namespace missive::data {

std::string Violation::ToString() const { return path + ": " + message; }

struct JsonDecoder::Impl : JsonWalk {
  const RecordDesc& root;
  explicit Impl(const RecordDesc& r) : root(r) {}

  // Decodes one value of `type`; returns false only when the line is malformed.
  bool DecodeValue(od::value& val, const TypeDesc& type, value::Value& out) {
    od::json_type jt;
    if (auto error = val.type().get(jt)) return Fail(error);
    switch (type.type) {
      case Type::Bool: {
        if (jt != od::json_type::boolean) return Mismatch(val, jt, type);
        bool b = false;
        if (auto error = val.get_bool().get(b)) return Fail(error);
        out = value::Value(b);
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
        out = value::Value(i);
        return true;
      }
      case Type::Record: {
        if (jt != od::json_type::object) return Mismatch(val, jt, type);
        od::object obj;
        if (auto error = val.get_object().get(obj)) return Fail(error);
        return DecodeObject(obj, *type.record, out);
      }
      case Type::List: {
        if (jt != od::json_type::array) return Mismatch(val, jt, type);
        od::array arr;
        if (auto error = val.get_array().get(arr)) return Fail(error);
        auto list = std::make_shared<value::List>();
        std::size_t i = 0;
        for (auto element : arr) {
          od::value item;
          if (auto error = element.get(item)) return Fail(error);
          path.push_back(Step{{}, i++});
          value::Value& slot = list->emplace_back();
          if (!DecodeElement(item, *type.element, slot)) return false;
          path.pop_back();
        }
        out = value::Value(std::shared_ptr<const value::List>(std::move(list)));
        return true;
      }
      case Type::Decimal:
        if (jt == od::json_type::number) {
          // The token's own digits: never through double (DECISIONS.md).
          std::string_view token = TrimRight(val.raw_json_token());
          value::Decimal d;
          if (!DecimalFromJsonNumber(token, d)) {
            Violate("expected a decimal, found " + std::string(token));
            return true;
          }
          out = value::Value(d);
          return true;
        }
        [[fallthrough]];
      default: {
        if (jt != od::json_type::string) return Mismatch(val, jt, type);
        std::string_view s;
        if (auto error = val.get_string().get(s)) return Fail(error);
        std::string message;
        if (!DecodeText(type.type, s, false, out, message)) Violate(std::move(message));
        return true;
      }
    }
  }

  // A list element: null is allowed only for an optional element type.
  bool DecodeElement(od::value& val, const TypeDesc& type, value::Value& out) {
    od::json_type jt;
    if (auto error = val.type().get(jt)) return Fail(error);
    if (jt == od::json_type::null) {
      if (!type.optional) Violate("expected " + std::string(Expected(type.type)) + ", found null");
      return true;
    }
    return DecodeValue(val, type, out);
  }

  bool DecodeObject(od::object& obj, const RecordDesc& desc, value::Value& out) {
    auto record = std::make_shared<value::Record>();
    record->desc = &desc;
    record->fields.resize(desc.fields.size());
    // Per field 0 = absent, 1 = present, 2 = null; on the stack for ordinary records (one per transaction).
    std::uint8_t inline_state[32] = {};
    std::vector<std::uint8_t> heap_state;
    std::uint8_t* state = inline_state;
    if (desc.fields.size() > sizeof inline_state) {
      heap_state.assign(desc.fields.size(), 0);
      state = heap_state.data();
    }
    for (auto field_result : obj) {
      od::field field;
      if (auto error = std::move(field_result).get(field)) return Fail(error);
      std::string_view key;
      if (auto error = field.unescaped_key().get(key)) return Fail(error);
      // A linear scan beats hashing for the handful of fields a record has.
      std::size_t idx = 0;
      while (idx < desc.fields.size() && desc.fields[idx].name != key) ++idx;
      if (idx == desc.fields.size()) continue;  // unknown fields are ignored (simdjson skips the value)
      od::value& val = field.value();
      od::json_type jt;
      if (auto error = val.type().get(jt)) return Fail(error);
      path.push_back(Step{key, 0});
      const FieldDesc& f = desc.fields[idx];
      if (jt == od::json_type::null) {
        // null stands for absent where absence is allowed; otherwise it is reported where it occurs.
        state[idx] = 2;
        if (!f.default_value && !f.type.optional)
          Violate("expected " + std::string(Expected(f.type.type)) + ", found null");
      } else {
        state[idx] = 1;
        if (!DecodeValue(val, f.type, record->fields[idx])) return false;
      }
      path.pop_back();
    }
    for (std::size_t i = 0; i < desc.fields.size(); ++i) {
      if (state[i] == 1) continue;
      const FieldDesc& f = desc.fields[i];
      if (f.default_value) {
        record->fields[i] = *f.default_value;
      } else if (f.type.optional) {
        record->fields[i] = value::Value(value::None{});
      } else if (state[i] == 0) {
        Violate("missing required field `" + f.name + "`");
      }
    }
    out = value::Value(std::shared_ptr<const value::Record>(std::move(record)));
    return true;
  }

  DecodeResult Decode(std::string_view json) {
    value::Value root_value;
    DecodeResult result;
    result.violations = WalkLine(json, [&](od::object& obj) { return DecodeObject(obj, root, root_value); });
    if (result.violations.empty()) result.record = root_value.as<std::shared_ptr<const value::Record>>();
    return result;
  }
};

JsonDecoder::JsonDecoder(const RecordDesc& root) : impl_(std::make_unique<Impl>(root)) {}
JsonDecoder::~JsonDecoder() = default;
DecodeResult JsonDecoder::Decode(std::string_view json) { return impl_->Decode(json); }

}  // namespace missive::data

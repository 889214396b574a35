// The nlohmann/json variant: parse the line into a DOM, then walk it against the schema.
#include "bench/decode/nlohmann_decoder.h"

#include <nlohmann/json.hpp>

#include "runtime/data/scalar.h"

namespace missive::bench {
namespace {

using nlohmann::json;

struct Walker {
  std::vector<data::Violation>& violations;
  std::string path;

  void Violate(std::string message) { violations.push_back(data::Violation{path, std::move(message)}); }

  value::Value Decode(const json& j, const data::TypeDesc& type) {
    value::Value out;
    std::string message;
    switch (type.type) {
      case data::Type::Bool:
        if (!j.is_boolean())
          Violate("expected a boolean");
        else
          out = value::Value(j.get<bool>());
        return out;
      case data::Type::Int:
        if (!j.is_number_integer())
          Violate("expected an integer");
        else
          out = value::Value(j.get<std::int64_t>());
        return out;
      case data::Type::Record: return j.is_object() ? Record(j, *type.record) : (Violate("expected an object"), out);
      case data::Type::List: {
        if (!j.is_array()) {
          Violate("expected an array");
          return out;
        }
        auto list = std::make_shared<value::List>();
        const std::size_t base = path.size();
        for (const auto& e : j) {
          data::AppendPointerStep(path, std::to_string(list->size()));
          list->push_back(Decode(e, *type.element));
          path.resize(base);
        }
        return value::Value(std::shared_ptr<const value::List>(std::move(list)));
      }
      default:
        if (!j.is_string()) {
          Violate("expected a string");
          return out;
        }
        if (!data::DecodeText(type.type, j.get_ref<const std::string&>(), false, out, message)) Violate(message);
        return out;
    }
  }

  value::Value Record(const json& j, const data::RecordDesc& desc) {
    auto record = std::make_shared<value::Record>();
    record->desc = &desc;
    const std::size_t base = path.size();
    for (const auto& f : desc.fields) {
      auto it = j.find(f.name);
      if (it == j.end() || it->is_null()) {
        if (f.default_value)
          record->fields.push_back(*f.default_value);
        else if (f.type.optional)
          record->fields.emplace_back();
        else
          Violate("missing required field `" + f.name + "`"), record->fields.emplace_back();
        continue;
      }
      data::AppendPointerStep(path, f.name);
      record->fields.push_back(Decode(*it, f.type));
      path.resize(base);
    }
    return value::Value(std::shared_ptr<const value::Record>(std::move(record)));
  }
};

}  // namespace

int DecodeWithNlohmann(const data::RecordDesc& desc, std::string_view line, data::DecodeResult& out) {
  out = {};
  // number_float is kept as text by no DOM of nlohmann: amounts here are JSON strings, as in the sample data.
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return -1;
  Walker w{out.violations, {}};
  value::Value v = w.Record(j, desc);
  if (out.violations.empty()) out.record = v.as<std::shared_ptr<const value::Record>>();
  return static_cast<int>(out.violations.size());
}

}  // namespace missive::bench

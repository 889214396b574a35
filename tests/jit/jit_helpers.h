// Test helpers: the statement example compiled, and a field-by-field comparison of a native record with
// the value::Record decoder's result.
#pragma once

#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <string>

#include "compiler/sema/check.h"
#include "runtime/abi/layout.h"
#include "tests/native/native_helpers.h"

namespace missive::jit::testing {

using native::testing::BuildFile;
using native::testing::BuildText;
using native::testing::Built;
using native::testing::Let;
using native::testing::SourceDir;

inline Built BuildStatement() {
  auto b = BuildFile(SourceDir() + "/examples/statement/statement.msv");
  INFO(b.diagnostics);
  REQUIRE(b.program);
  return b;
}

/// "" when equal, else the path of the first difference.
inline std::string Diff(const value::Value& v, const data::TypeDesc& type, const std::byte* slot,
                        const abi::Layouts& layouts, const std::string& path);

inline std::string DiffRecord(const value::Record& r, const std::byte* base, const abi::Layouts& layouts,
                              const std::string& path) {
  const abi::RecordLayout& layout = layouts.Of(*r.desc);
  for (std::size_t i = 0; i < r.desc->fields.size(); ++i) {
    const auto& f = r.desc->fields[i];
    const auto& fl = layout.fields[i];
    const std::string p = path + "/" + f.name;
    const bool present = fl.presence_bit < 0 || abi::IsPresent(base, fl.presence_bit);
    if (r.fields[i].is_none()) {
      if (present) return p + ": present in native, none in value";
      continue;
    }
    if (!present) return p + ": absent in native";
    std::string d = Diff(r.fields[i], f.type, base + fl.offset, layouts, p);
    if (!d.empty()) return d;
  }
  return "";
}

inline std::string Diff(const value::Value& v, const data::TypeDesc& type, const std::byte* slot,
                        const abi::Layouts& layouts, const std::string& path) {
  switch (type.type) {
    case data::Type::Bool: return (*slot == std::byte{1}) == v.as<bool>() ? "" : path + ": bool";
    case data::Type::Int: {
      std::int64_t i = 0;
      std::memcpy(&i, slot, 8);
      return i == v.as<std::int64_t>() ? "" : path + ": int";
    }
    case data::Type::Decimal: {
      MsvDecimal d;
      std::memcpy(&d, slot, sizeof d);
      const value::Decimal n = abi::FromAbi(d);
      const value::Decimal e = v.as<value::Decimal>();
      return n.mantissa == e.mantissa && n.scale == e.scale ? "" : path + ": decimal " + n.ToString();
    }
    case data::Type::Date: {
      std::int32_t days = 0;
      std::memcpy(&days, slot, 4);
      return days == v.as<value::Date>().days ? "" : path + ": date";
    }
    case data::Type::DateTime: {
      std::int64_t ms = 0;
      std::memcpy(&ms, slot, 8);
      return ms == v.as<value::DateTime>().millis ? "" : path + ": date-time";
    }
    case data::Type::Record: return DiffRecord(*v.as<std::shared_ptr<const value::Record>>(), slot, layouts, path);
    case data::Type::List: {
      MsvList list;
      std::memcpy(&list, slot, sizeof list);
      const auto& items = *v.as<std::shared_ptr<const value::List>>();
      if (list.len != items.size()) return path + ": list length";
      const std::uint32_t stride = layouts.Stride(*type.element);
      const std::uint32_t size = layouts.Slot(*type.element).size;
      for (std::size_t i = 0; i < items.size(); ++i) {
        const auto* element = static_cast<const std::byte*>(list.ptr) + stride * i;
        const std::string p = path + "/" + std::to_string(i);
        if (type.element->optional) {  // a presence byte follows the value
          const bool present = element[size] == std::byte{1};
          if (items[i].is_none() != !present) return p + ": presence";
          if (!present) continue;
        }
        std::string d = Diff(items[i], *type.element, element, layouts, p);
        if (!d.empty()) return d;
      }
      return "";
    }
    default: {
      MsvStr s;
      std::memcpy(&s, slot, sizeof s);
      return std::string(s.ptr, s.len) == v.as<std::string>() ? "" : path + ": string";
    }
  }
}

}  // namespace missive::jit::testing

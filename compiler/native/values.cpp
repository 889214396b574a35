// Native memory read back by IR type (what `eval` prints and `test` compares), and the reason a record
// is rejected, built from the status and the site generated code reported.
#include <cstring>

#include "compiler/native/native_internal.h"
#include "runtime/abi/layout.h"

namespace missive::native {

namespace {

template <class T>
T Read(const void* at) {
  T v;
  std::memcpy(&v, at, sizeof v);
  return v;
}

}  // namespace

value::Value Program::Impl::ToValue(lower::TypeId type, const void* at) const {
  const lower::Type& t = ir.T(type);
  const auto* bytes = static_cast<const std::uint8_t*>(at);
  if (t.optional) {
    const lower::TypeId id = ir.Required(type);
    if (bytes[lower::SizeOf(ir, id).size] == 0) return value::Value(value::None{});
    return ToValue(id, at);
  }
  switch (t.kind) {
    case lower::Kind::Bool: return Read<MsvBool>(at) != 0;
    case lower::Kind::Int: return Read<std::int64_t>(at);
    case lower::Kind::Decimal: return abi::FromAbi(Read<MsvDecimal>(at));
    case lower::Kind::Date: return value::Date{Read<MsvDate>(at)};
    case lower::Kind::DateTime: return value::DateTime{Read<MsvDateTime>(at)};
    case lower::Kind::Str: {
      const auto s = Read<MsvStr>(at);
      return std::string(s.ptr == nullptr ? "" : std::string_view(s.ptr, s.len));
    }
    case lower::Kind::List: {
      const auto list = Read<MsvList>(at);
      const std::uint32_t stride = lower::SlotOf(ir, t.element).size;
      auto out = std::make_shared<value::List>();
      out->reserve(list.len);
      for (std::uint64_t i = 0; i < list.len; ++i)
        out->push_back(ToValue(t.element, static_cast<const std::uint8_t*>(list.ptr) + i * stride));
      return std::shared_ptr<const value::List>(std::move(out));
    }
    case lower::Kind::Record: {
      const lower::Record& r = ir.R(t.record);
      auto out = std::make_shared<value::Record>();
      out->desc = schema.records[static_cast<std::size_t>(t.record)].get();
      for (const auto& f : r.fields) {
        out->names.push_back(f.name);
        if (f.presence_bit >= 0 && !abi::IsPresent(at, f.presence_bit)) {
          out->fields.emplace_back(value::None{});
          continue;
        }
        out->fields.push_back(ToValue(ir.Required(f.type), bytes + f.offset));
      }
      return std::shared_ptr<const value::Record>(std::move(out));
    }
  }
  return value::Value(value::None{});
}

std::string Program::Impl::Message(const MsvRuntimeCtx& ctx) const {
  const lower::Site* site = ctx.error_site >= 0 && static_cast<std::size_t>(ctx.error_site) < ir.sites.size()
                                ? &ir.sites[static_cast<std::size_t>(ctx.error_site)]
                                : nullptr;
  std::string reason;
  switch (ctx.error_status) {
    case kMsvOverflow: reason = site != nullptr && site->decimal ? "decimal overflow" : "integer overflow"; break;
    case kMsvDivisionByZero: reason = "division by zero"; break;
    case kMsvIndexOutOfRange:
      reason = "index " + std::to_string(ctx.error_args[0]) + " is out of range (the list has " +
               std::to_string(ctx.error_args[1]) + " items)";
      break;
    case kMsvEmptyList:
      reason = "`" + (site != nullptr ? site->name : std::string("first")) + "` of an empty list";
      break;
    case kMsvNoneValue: {
      std::string text;
      if (site != nullptr && site->span.valid()) {
        const auto source = checked->sources.file(site->span.file).text();
        text = std::string(source.substr(site->span.begin, site->span.end - site->span.begin));
      }
      reason = "`" + text + "` is none here";
      break;
    }
    case kMsvOutOfMemory: reason = "out of memory"; break;
    case kMsvTooDeep:
      reason = "calls nested more than " + std::to_string(kMsvMaxDepth) + " deep (a recursion that does not end?)";
      break;
    default:
      reason =
          ctx.error_text.ptr == nullptr ? "a runtime call failed" : std::string(ctx.error_text.ptr, ctx.error_text.len);
      break;
  }
  const std::string where = site != nullptr ? Where(site->span) : "";
  return where.empty() ? reason : where + ": " + reason;
}

}  // namespace missive::native

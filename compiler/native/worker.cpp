// One thread's records through the compiled program: decode (or load a CSV row) into the native layout,
// run the rules, choose the channel, build the chosen channel's document. The one place channels are
// selected.
#include <cstring>
#include <map>

#include "compiler/native/native_internal.h"
#include "runtime/abi/to_value.h"
#include "runtime/data/native_decode.h"
#include "runtime/value/format.h"

namespace missive::native {

struct Worker::Impl {
  const Program::Impl& program;
  data::NativeJsonDecoder decoder;
  data::Arena arena;   // lets and everything the record's calls make
  data::Arena loaded;  // records written from values (CSV rows)
  compose::NativeBuilder builder;
  std::map<std::string, std::unique_ptr<value::Formatter>, std::less<>> formatters;
  const void* record = nullptr;
  void* lets = nullptr;
  MsvRuntimeCtx ctx{};

  explicit Impl(const Program::Impl& p)
      : program(p), decoder(*p.layouts, *p.schema.input), builder(p.protos, p.images.get()) {}

  value::Formatter& FormatterFor(std::string_view locale) {
    auto it = formatters.find(locale);
    if (it == formatters.end())
      it = formatters.emplace(std::string(locale), std::make_unique<value::Formatter>(locale)).first;
    return *it->second;
  }

  void ResetContext() {
    ctx = MsvRuntimeCtx{};
    ctx.alloc = data::ArenaAllocate;
    ctx.alloc_state = &arena;
    ctx.state = &builder;
    ctx.error_site = -1;
  }

  std::string KeyOf() const {
    const data::RecordDesc& input = *program.schema.input;
    if (input.key_field < 0 || record == nullptr) return "";
    const auto& field = program.layouts->root().fields[static_cast<std::size_t>(input.key_field)];
    if (field.presence_bit >= 0 && !abi::IsPresent(record, field.presence_bit)) return "";
    const value::Value key =
        abi::ToValue(*program.layouts, input.fields[static_cast<std::size_t>(input.key_field)].type,
                     static_cast<const std::uint8_t*>(record) + field.offset);
    if (key.is<std::string>()) return key.as<std::string>();
    if (key.is<std::int64_t>()) return std::to_string(key.as<std::int64_t>());
    return "";
  }

  /// Value `which` into arena memory; null after a runtime error (ctx says which).
  const void* Compute(int which) {
    const lower::Program& ir = program.ir;
    const int node = ir.values[static_cast<std::size_t>(which)];
    const lower::Size slot = lower::SlotOf(ir, ir.N(node).type);
    void* out = arena.Allocate(slot.size, slot.align);
    if (program.code->value()(record, lets, &ctx, which, out) != kMsvOk) return nullptr;
    return out;
  }

  std::string Text(int which, bool* ok) {
    const void* at = Compute(which);
    *ok = at != nullptr;
    if (at == nullptr) return "";
    MsvStr s;
    std::memcpy(&s, at, sizeof s);
    return std::string(s.ptr == nullptr ? "" : s.ptr, s.len);
  }
};

Worker::Worker(const Program::Impl& program) : impl_(std::make_unique<Impl>(program)) {}
Worker::~Worker() = default;

std::optional<std::string> Worker::Decode(std::string_view json) {
  auto& w = *impl_;
  w.record = nullptr;
  auto decoded = w.decoder.Decode(json);
  if (decoded.record == nullptr || !decoded.violations.empty()) return std::nullopt;
  w.record = decoded.record;
  return w.KeyOf();
}

std::string Worker::Load(const value::Record& record) {
  auto& w = *impl_;
  w.loaded.Reset();
  w.record = abi::FromValue(*w.program.layouts, *w.program.schema.input, record, data::ArenaAllocate, &w.loaded);
  return w.KeyOf();
}

Outcome Worker::Run(const RunOptions& options) {
  auto& w = *impl_;
  const Program::Impl& p = w.program;
  const lower::Program& ir = p.ir;
  const jit::CompiledProgram& code = *p.code;
  Outcome outcome;
  w.arena.Reset();
  w.ResetContext();
  if (w.record == nullptr) {
    outcome.reject_reasons.push_back("the record could not be held in memory");
    return outcome;
  }
  auto failed = [&] {
    outcome.reject_reasons.push_back(p.Message(w.ctx));
    outcome.channel.clear();
    outcome.print.reset();
    return std::move(outcome);
  };

  // the locale first: rules may format values
  std::string language = "en";
  if (ir.locale >= 0) {
    bool ok = false;
    language = w.Text(ir.locale, &ok);
    if (!ok) return failed();
    if (language.empty()) language = "en";
  }
  w.builder.Start(&w.FormatterFor(language), data::ArenaAllocate, &w.arena);
  w.lets = w.arena.Allocate(ir.lets_size == 0 ? 1 : ir.lets_size, ir.lets_align);
  const std::int32_t status = code.rules()(w.record, w.lets, &w.ctx);
  const auto* lets = static_cast<const std::uint8_t*>(w.lets);
  // a require that failed before a runtime error is the reason that counts
  for (const auto& rule : ir.rules) {
    if (!rule.is_require || lets[rule.slot] == 0) continue;
    MsvStr message;
    std::memcpy(&message, lets + rule.message_slot, sizeof message);
    outcome.reject_reasons.emplace_back(message.ptr == nullptr ? "" : message.ptr, message.len);
  }
  if (options.lets) {  // the lets computed before any runtime error
    const auto done = static_cast<std::size_t>(w.ctx.rules_done);
    for (std::size_t r = 0; r < done && r < ir.rules.size(); ++r) {
      const lower::Rule& rule = ir.rules[r];
      if (!rule.is_require) outcome.lets.emplace_back(rule.name, p.ToValue(rule.type, lets + rule.slot));
    }
  }
  if (status != kMsvOk && outcome.reject_reasons.empty()) {
    outcome.reject_reasons.push_back(p.Message(w.ctx));
    return outcome;
  }
  if (outcome.rejected()) return outcome;

  const lower::Channel* chosen = nullptr;
  for (std::size_t i = 0; i < ir.channels.size(); ++i) {
    const lower::Channel& channel = ir.channels[i];
    if (options.force_channel && *options.force_channel != channel.name) continue;
    if (code.when()(w.record, w.lets, &w.ctx, static_cast<std::int32_t>(i)) != kMsvOk) return failed();
    if (w.ctx.result == 0) {
      std::string why = "channel `" + channel.name + "`: `" + channel.when_text + "` is false";
      if (options.force_channel) {
        outcome.reject_reasons.push_back(std::move(why));
        return outcome;
      }
      outcome.skipped.push_back(std::move(why));
      continue;
    }
    chosen = &channel;
    break;
  }
  if (chosen == nullptr) {
    if (options.force_channel) {
      outcome.reject_reasons.push_back("channel `" + *options.force_channel +
                                       "` is not one of this communication's channels");
    } else if (ir.otherwise >= 0) {
      bool ok = false;
      std::string why = w.Text(ir.otherwise, &ok);
      if (!ok) return failed();
      outcome.reject_reasons.push_back(std::move(why));
    } else {
      outcome.reject_reasons.push_back("no channel applies");
    }
    return outcome;
  }
  outcome.channel = chosen->name;
  if (chosen->name != "print" || !options.build_print) return outcome;
  if (chosen->layout < 0) {
    outcome.reject_reasons.push_back("the communication has no `layout print`");
    outcome.channel.clear();
    return outcome;
  }
  const lower::Layout& layout = ir.layouts[static_cast<std::size_t>(chosen->layout)];
  auto doc = std::make_unique<compose::Document>();
  const lower::PageSpec& page = layout.page;
  doc->page.width = page.width;
  doc->page.height = page.height;
  std::copy(std::begin(page.margin), std::end(page.margin), std::begin(doc->page.margin));
  if (page.duplex >= 0) {
    const void* duplex = w.Compute(page.duplex);
    if (duplex == nullptr) return failed();
    doc->page.duplex = *static_cast<const MsvBool*>(duplex) != 0;
  }
  doc->page.background = page.background;
  doc->base = p.Style(page.base_style);
  doc->language = language;
  doc->storage = p.styles;
  const std::pair<int, std::vector<compose::BlockPtr>*> slots[] = {{layout.body, &doc->body},
                                                                   {layout.header, &doc->page.header},
                                                                   {layout.footer, &doc->page.footer},
                                                                   {layout.first_header, &doc->page.first_header},
                                                                   {layout.first_footer, &doc->page.first_footer}};
  for (const auto& [slot, into] : slots) {
    if (slot < 0) continue;
    w.builder.Target(into);
    if (code.layout()(w.record, w.lets, &w.ctx, slot) != kMsvOk) return failed();
  }
  outcome.print = std::move(doc);
  return outcome;
}

std::optional<value::Value> Worker::Value(int which, std::string* error) {
  auto& w = *impl_;
  w.ResetContext();
  const void* at = w.Compute(which);
  if (at == nullptr) {
    *error = w.program.Message(w.ctx);
    return std::nullopt;
  }
  return w.program.ToValue(w.program.ir.N(w.program.ir.values[static_cast<std::size_t>(which)]).type, at);
}

}  // namespace missive::native

// The native fast path: decode → rules → locale → channel → print layout, all through JIT code.
#include "compiler/native/native.h"

#include <map>

#include "compiler/lower/lower.h"
#include "runtime/abi/to_value.h"
#include "runtime/compose/native_builder.h"
#include "runtime/data/native_decode.h"
#include "runtime/value/format.h"

namespace missive::native {

struct Program::Impl {
  const eval::Program* program = nullptr;
  std::unique_ptr<eval::Worker> styles;  // owns the styles the prototypes point at
  std::unique_ptr<abi::Layouts> layouts;
  lower::RuleProgram ir;
  lower::ProgramLowering lowering;  // prototypes, page, base style (its `program` moved into `ir`)
  std::unique_ptr<jit::CompiledRules> code;
  /// Channel names in declaration order, and `otherwise reject "…"`.
  std::vector<std::string> channels;
  std::optional<std::string> otherwise;
  bool has_channels = false;
  bool has_print = false;
  std::vector<std::string> require_messages;  // messages, by require index
};

Program::Program(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Program::~Program() = default;

const jit::Stats& Program::stats() const { return impl_->code->stats(); }
std::unique_ptr<Worker> Program::NewWorker() const { return std::make_unique<Worker>(*impl_); }

lower::ProgramLowering Lower(const eval::Program& program, eval::Worker& styles, const abi::Layouts& layouts) {
  const lower::StyleFn style_fn = [&styles](const compose::Style* parent, const std::optional<ast::Ident>& name,
                                            std::size_t module, std::string* error) {
    return styles.DeriveStyle(parent, name, module, error);
  };
  return lower::LowerProgram(program.checked(), program.input(), layouts, style_fn);
}

std::unique_ptr<Program> Program::Build(const eval::Program& program, const Options& options, std::string* why) {
  auto impl = std::make_unique<Impl>();
  impl->program = &program;
  impl->styles = program.NewWorker();
  impl->layouts = std::make_unique<abi::Layouts>(program.input());
  impl->lowering = Lower(program, *impl->styles, *impl->layouts);
  if (!impl->lowering.program) {
    *why = "";
    for (const auto& u : impl->lowering.unsupported) *why += (why->empty() ? "" : "; ") + u;
    return nullptr;
  }
  impl->ir = std::move(*impl->lowering.program);
  impl->lowering.program.reset();
  if (const auto problems = lower::Verify(impl->ir); !problems.empty()) {
    *why = "invalid IR: " + problems.front();
    return nullptr;
  }
  jit::Options jit_options;
  jit_options.opt_level = options.opt_level;
  jit_options.use_cache = options.use_cache;
  jit_options.cache_dir = options.cache_dir;
  jit_options.key_extra = program.version_hash();
  auto compiled = jit::Compile(impl->ir, jit_options);
  if (!compiled.rules) {
    *why = "JIT: " + compiled.error;
    return nullptr;
  }
  impl->code = std::move(compiled.rules);
  const ast::Module& main = *program.checked().modules.at(0).ast;
  if (main.channels) {
    impl->has_channels = true;
    for (const auto& entry : main.channels->entries) impl->channels.push_back(entry.channel.name);
    if (main.channels->otherwise_reject) impl->otherwise = main.channels->otherwise_reject->text;
  } else {
    impl->channels = program.channels();
  }
  for (const auto& layout : main.layouts) impl->has_print |= layout.kind == ast::LayoutKind::Print;
  for (const auto& rule : impl->ir.rules)
    if (rule.is_require) impl->require_messages.push_back(rule.message);
  return std::unique_ptr<Program>(new Program(std::move(impl)));
}

struct Worker::Impl {
  const Program::Impl& program;
  data::NativeJsonDecoder decoder;
  data::Arena arena;  // lets and strings made while running the record
  compose::NativeBuilder builder;
  std::map<std::string, std::unique_ptr<value::Formatter>, std::less<>> formatters;
  const void* record = nullptr;

  explicit Impl(const Program::Impl& p)
      : program(p),
        decoder(*p.layouts, p.program->input()),
        builder(p.lowering.protos, const_cast<media::ImageLibrary*>(&p.program->images())) {}
  // ImageLibrary is internally synchronized; eval::Program hands out a const view of it.

  value::Formatter& FormatterFor(std::string_view locale) {
    auto it = formatters.find(locale);
    if (it == formatters.end())
      it = formatters.emplace(std::string(locale), std::make_unique<value::Formatter>(locale)).first;
    return *it->second;
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
  const data::RecordDesc& input = w.program.program->input();
  if (input.key_field < 0) return std::string();
  const auto& field = w.program.layouts->root().fields[static_cast<std::size_t>(input.key_field)];
  if (field.presence_bit >= 0 && !abi::IsPresent(w.record, field.presence_bit)) return std::string();
  const value::Value key =
      abi::ToValue(*w.program.layouts, input.fields[static_cast<std::size_t>(input.key_field)].type,
                   static_cast<const std::uint8_t*>(w.record) + field.offset);
  if (key.is<std::string>()) return key.as<std::string>();
  if (key.is<std::int64_t>()) return std::to_string(key.as<std::int64_t>());
  return std::string();
}

namespace {

data::TypeDesc LetType(const lower::Rule& rule, const lower::Node& shape) {
  data::TypeDesc t;
  auto scalar = [](lower::Ty ty, const data::RecordDesc* record) {
    data::TypeDesc d;
    switch (ty) {
      case lower::Ty::Bool: d.type = data::Type::Bool; break;
      case lower::Ty::Int: d.type = data::Type::Int; break;
      case lower::Ty::Decimal: d.type = data::Type::Decimal; break;
      case lower::Ty::Date: d.type = data::Type::Date; break;
      case lower::Ty::DateTime: d.type = data::Type::DateTime; break;
      case lower::Ty::Ptr:
        d.type = data::Type::Record;
        d.record = record;
        break;
      default: d.type = data::Type::String; break;
    }
    return d;
  };
  if (rule.ty != lower::Ty::List) return scalar(rule.ty, shape.record);
  t.type = data::Type::List;
  t.element = std::make_shared<data::TypeDesc>(scalar(shape.element_ty, shape.record));
  return t;
}

}  // namespace

std::optional<eval::Outcome> Worker::Evaluate(const eval::EvalOptions& options, bool want_lets) {
  auto& w = *impl_;
  const Program::Impl& p = w.program;
  const jit::CompiledRules& code = *p.code;
  eval::Outcome outcome;
  w.arena.Reset();
  void* lets = w.arena.Allocate(p.ir.lets_size == 0 ? 1 : p.ir.lets_size, p.ir.lets_align);
  MsvRuntimeCtx ctx{};
  ctx.error_rule = -1;
  ctx.alloc = data::ArenaAllocate;
  ctx.alloc_state = &w.arena;
  ctx.compose = &w.builder;
  // the locale first, as the evaluator does: rules may format values
  MsvStr locale{nullptr, 0};
  if (code.locale()(w.record, lets, &ctx, &locale) != kMsvOk) return std::nullopt;
  const std::string language = locale.len == 0 ? "en" : std::string(locale.ptr, locale.len);
  value::Formatter& formatter = w.FormatterFor(language);
  w.builder.Start(&formatter, data::ArenaAllocate, &w.arena);
  if (code.fn()(w.record, lets, &ctx) != kMsvOk) return std::nullopt;
  if (want_lets) {
    for (const auto& rule : p.ir.rules) {
      if (rule.is_require) continue;
      const auto* at = static_cast<const std::uint8_t*>(lets) + rule.slot;
      const lower::Node& shape = p.ir.nodes[static_cast<std::size_t>(rule.value)];
      if (rule.ty == lower::Ty::Ptr) {
        outcome.lets.emplace_back(rule.name,
                                  abi::RecordToValue(*p.layouts, *shape.record, *reinterpret_cast<void* const*>(at)));
      } else {
        outcome.lets.emplace_back(rule.name, abi::ToValue(*p.layouts, LetType(rule, shape), at));
      }
    }
  }
  if (ctx.reject_mask != 0) {
    for (std::size_t i = 0; i < p.require_messages.size(); ++i)
      if ((ctx.reject_mask >> i) & 1) outcome.reject_reasons.push_back(p.require_messages[i]);
    return outcome;
  }

  const ast::Module& main = *p.program->checked().modules.at(0).ast;
  if (p.has_channels) {
    for (std::size_t i = 0; i < p.channels.size(); ++i) {
      if (options.force_channel && *options.force_channel != p.channels[i]) continue;
      if (code.when()(w.record, lets, &ctx, static_cast<std::int32_t>(i)) != kMsvOk) return std::nullopt;
      if (ctx.result == 0) {
        const auto& when = *main.channels->entries[i].when;
        std::string why = "channel `" + p.channels[i] + "`: `" + p.program->SourceText(when.span) + "` is false";
        if (options.force_channel) {
          outcome.reject_reasons.push_back(std::move(why));
          return outcome;
        }
        outcome.fallbacks.push_back(std::move(why));
        continue;
      }
      outcome.channel = p.channels[i];
      break;
    }
    if (outcome.channel.empty()) {
      if (options.force_channel) {
        outcome.reject_reasons.push_back("channel `" + *options.force_channel +
                                         "` is not one of this communication's channels");
      } else {
        outcome.reject_reasons.push_back(p.otherwise.value_or("no channel applies"));
      }
      return outcome;
    }
  } else if (!p.channels.empty()) {
    outcome.channel = options.force_channel.value_or(p.channels.front());
  }
  if (outcome.channel != "print" || !options.build_print) return outcome;
  if (!p.has_print) {
    outcome.reject_reasons.push_back("the communication has no `layout print`");
    outcome.channel.clear();
    return outcome;
  }
  auto doc = std::make_unique<compose::Document>();
  const compose::PageTemplate& page = p.lowering.page;
  doc->page.width = page.width;
  doc->page.height = page.height;
  std::copy(std::begin(page.margin), std::end(page.margin), std::begin(doc->page.margin));
  doc->page.duplex = page.duplex;
  doc->page.background = page.background;
  doc->base = p.lowering.base;
  doc->language = language;
  doc->storage = p.styles->StyleStorage();
  std::vector<compose::BlockPtr>* slots[] = {&doc->body, &doc->page.header, &doc->page.footer, &doc->page.first_header,
                                             &doc->page.first_footer};
  for (int slot = 0; slot < 5; ++slot) {
    w.builder.Target(slots[slot]);
    if (code.layout()(w.record, lets, &ctx, slot) != kMsvOk) return std::nullopt;
  }
  outcome.print = std::move(doc);
  return outcome;
}

}  // namespace missive::native

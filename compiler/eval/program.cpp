// Builds a runnable Program from a checked communication, and evaluates one record: rules in order,
// requires, channel choice, and the print document.
#include "compiler/eval/program.h"

#include <openssl/evp.h>

#include <string>

#include "compiler/eval/internal.h"
#include "runtime/data/schema.h"

namespace missive::eval {

using value::Value;

namespace {

const std::unordered_map<std::string, data::Type>& BuiltinTypes() {
  static const std::unordered_map<std::string, data::Type> kTypes = {
      {"String", data::Type::String},     {"Bool", data::Type::Bool},         {"Int", data::Type::Int},
      {"Decimal", data::Type::Decimal},   {"Date", data::Type::Date},         {"DateTime", data::Type::DateTime},
      {"Email", data::Type::Email},       {"Phone", data::Type::Phone},       {"Locale", data::Type::Locale},
      {"Currency", data::Type::Currency}, {"Country", data::Type::Country}};
  return kTypes;
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

class SchemaBuilder {
 public:
  SchemaBuilder(Program::Impl& program, diag::Sink& sink) : program_(program), sink_(sink) {}

  void Build() {
    auto& modules = program_.modules;
    for (std::size_t m = 0; m < modules.size(); ++m) {
      for (const auto& record : modules[m].module->ast->records) {
        auto desc = std::make_unique<data::RecordDesc>();
        desc->name = record.name.name;
        modules[m].records[record.name.name] = desc.get();
        program_.schema.records.push_back(std::move(desc));
      }
    }
    for (std::size_t m = 0; m < modules.size(); ++m) {
      for (const auto& record : modules[m].module->ast->records) {
        auto* desc = const_cast<data::RecordDesc*>(modules[m].records.at(record.name.name));
        for (const auto& field : record.fields) desc->AddField(Field(field, m));
      }
    }
    if (program_.main->input) {
      if (auto t = Type(*program_.main->input, 0); t && t->record) program_.schema.input = t->record;
    }
  }

 private:
  std::optional<data::TypeDesc> Type(const ast::TypeRef& ref, std::size_t module) {
    data::TypeDesc type;
    type.optional = ref.optional;
    if (ref.element) {
      auto element = Type(*ref.element, module);
      if (!element) return std::nullopt;
      type.type = data::Type::List;
      type.element = std::make_shared<const data::TypeDesc>(std::move(*element));
      return type;
    }
    if (ref.path.size() == 1) {
      if (auto b = BuiltinTypes().find(ref.path[0].name); b != BuiltinTypes().end()) {
        type.type = b->second;
        return type;
      }
      if (auto r = program_.modules[module].records.find(ref.path[0].name); r != program_.modules[module].records.end()) {
        type.type = data::Type::Record;
        type.record = r->second;
        return type;
      }
    } else if (ref.path.size() == 2) {
      const auto& aliases = program_.modules[module].module->aliases;
      if (auto a = aliases.find(ref.path[0].name); a != aliases.end()) {
        const auto& records = program_.modules[a->second].records;
        if (auto r = records.find(ref.path[1].name); r != records.end()) {
          type.type = data::Type::Record;
          type.record = r->second;
          return type;
        }
      }
    }
    sink_.report(diag::Kind::UnknownType, ref.span, "unknown type");
    return std::nullopt;
  }

  data::FieldDesc Field(const ast::FieldDecl& field, std::size_t module) {
    data::FieldDesc desc;
    desc.name = field.name.name;
    if (auto t = Type(field.type, module)) desc.type = std::move(*t);
    for (const auto& a : field.annotations) desc.is_key = desc.is_key || a.name.name == "key";
    if (field.default_value) desc.default_value = Default(*field.default_value, desc.type);
    return desc;
  }

  /// A default is a literal of the field's type; strings stand for dates and decimals as in input records.
  std::optional<Value> Default(const ast::Expr& e, const data::TypeDesc& type) {
    const bool numeric = e.kind == ast::ExprKind::Int || e.kind == ast::ExprKind::Decimal;
    std::optional<Value> v;
    switch (type.type) {
      case data::Type::Bool:
        if (e.kind == ast::ExprKind::Bool) v = Value(e.bool_value);
        break;
      case data::Type::Int:
        if (e.kind == ast::ExprKind::Int) {
          if (auto d = value::Decimal::Parse(e.text)) v = Value(static_cast<std::int64_t>(d->mantissa));
        }
        break;
      case data::Type::Decimal:
        if (numeric || e.kind == ast::ExprKind::String) {
          if (auto d = value::Decimal::Parse(e.text)) v = Value(*d);
        }
        break;
      case data::Type::Date:
        if (e.kind == ast::ExprKind::String) {
          if (auto d = value::Date::Parse(e.text)) v = Value(*d);
        }
        break;
      case data::Type::DateTime:
        if (e.kind == ast::ExprKind::String) {
          if (auto d = value::DateTime::Parse(e.text)) v = Value(*d);
        }
        break;
      case data::Type::Record:
      case data::Type::List: break;
      default:
        if (e.kind == ast::ExprKind::String) v = Value(e.text);
    }
    if (e.kind == ast::ExprKind::None && type.optional) v = Value(value::None{});
    if (!v) sink_.report(diag::Kind::InvalidDefault, e.span, "the default is not a valid `" + data::TypeName(type) + "`");
    return v;
  }

  Program::Impl& program_;
  diag::Sink& sink_;
};

}  // namespace

std::string Program::Impl::Where(source::Span span) const {
  if (!span.valid()) return "";
  const auto& file = checked->sources.file(span.file);
  const auto lc = file.line_col(span.begin);
  return file.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

std::string_view Program::Impl::Text(source::Span span) const {
  if (!span.valid()) return {};
  return checked->sources.file(span.file).text().substr(span.begin, span.end - span.begin);
}

Program::Program(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Program::~Program() = default;

std::unique_ptr<Program> Program::Build(std::shared_ptr<const sema::Program> checked, text::FontLibrary& fonts,
                                        diag::Sink& sink) {
  auto impl = std::make_unique<Impl>();
  impl->checked = std::move(checked);
  impl->fonts = &fonts;
  impl->main = impl->checked->modules.at(0).ast.get();
  const std::size_t errors_before = sink.error_count();

  // module scopes: own declarations, then std imports' functions (unqualified)
  for (const auto& module : impl->checked->modules) {
    ModuleScope scope;
    scope.module = &module;
    impl->modules.push_back(std::move(scope));
  }
  for (std::size_t m = 0; m < impl->modules.size(); ++m) {
    auto& scope = impl->modules[m];
    const auto& ast = *scope.module->ast;
    for (const auto& fn : ast.functions) scope.functions[fn.name.name] = {&fn, m};
    for (const auto& c : ast.components) scope.components[c.name.name] = &c;
    for (const auto& s : ast.styles) scope.styles[s.name.name] = &s;
    for (std::size_t imported : scope.module->std_imports) {
      for (const auto& fn : impl->checked->modules[imported].ast->functions) {
        scope.functions.try_emplace(fn.name.name, &fn, imported);
      }
    }
  }
  SchemaBuilder(*impl, sink).Build();
  if (impl->schema.input == nullptr) {
    sink.report(diag::Kind::NoInput, impl->main->span, "the communication has no `input` record");
  }

  for (const auto& layout : impl->main->layouts) {
    if (layout.kind == ast::LayoutKind::Print) impl->print = &layout;
  }
  if (impl->main->channels) {
    for (const auto& entry : impl->main->channels->entries) impl->channel_names.push_back(entry.channel.name);
  } else {
    for (const auto& layout : impl->main->layouts) impl->channel_names.push_back(layout.name.name);
  }

  // the base style: DejaVu Sans 10 pt unless the page's style says otherwise (applied per record)
  std::string error;
  auto font = fonts.Resolve(text::FontRequest{}, &error);
  if (!font) {
    sink.report(diag::Kind::UnknownFont, impl->main->span, error);
  } else {
    impl->base_style.font = *font;
  }

  std::string all_sources = std::string("missive ") + MISSIVE_VERSION_STRING + "\n";
  for (std::size_t i = 0; i < impl->checked->sources.size(); ++i) {
    const auto& file = impl->checked->sources.file(static_cast<source::FileId>(i));
    all_sources += file.path() + "\n" + std::string(file.text()) + "\n";
  }
  impl->version_hash = Sha256Hex(all_sources);

  if (sink.error_count() > errors_before) return nullptr;
  return std::unique_ptr<Program>(new Program(std::move(impl)));
}

const data::Schema& Program::schema() const { return impl_->schema; }
const data::RecordDesc& Program::input() const { return *impl_->schema.input; }
std::vector<std::string> Program::channels() const { return impl_->channel_names; }
const sema::Program& Program::checked() const { return *impl_->checked; }
text::FontLibrary& Program::fonts() const { return *impl_->fonts; }
const std::string& Program::version_hash() const { return impl_->version_hash; }
std::unique_ptr<Worker> Program::NewWorker() const { return std::make_unique<Worker>(*impl_); }

Worker::Worker(const Program::Impl& program) : impl_(std::make_unique<Impl>(program)) {}
Worker::~Worker() = default;

value::Formatter& Worker::Impl::FormatterFor(const std::string& locale) {
  auto& slot = formatters[locale];
  if (!slot) slot = std::make_unique<value::Formatter>(locale);
  return *slot;
}

Outcome Worker::Evaluate(const value::Record& record, const EvalOptions& options) {
  auto& w = *impl_;
  const auto& p = w.program;
  Outcome outcome;
  w.record = &record;
  w.lets.clear();
  Env env;

  auto reject = [&](const EvalError& e) {
    outcome.reject_reasons.push_back(p.Where(e.span) + ": " + e.message);
  };
  try {
    w.language = p.main->locale ? w.Display(w.Eval(*p.main->locale, env), p.main->locale->span) : "en";
  } catch (const EvalError& e) {
    reject(e);
    return outcome;
  }
  if (w.language.empty()) w.language = "en";
  w.formatter = &w.FormatterFor(w.language);

  for (const auto& rule : p.main->rules) {
    try {
      if (rule.kind == ast::RuleKind::Let) {
        Value v = w.Eval(*rule.value, env);
        outcome.lets.emplace_back(rule.name.name, v);
        w.lets[rule.name.name] = std::move(v);
      } else if (!w.EvalBool(*rule.value, env)) {
        Value message = w.Eval(*rule.message, env);
        outcome.reject_reasons.push_back(message.is<std::string>() ? message.as<std::string>() : "rejected");
      }
    } catch (const EvalError& e) {
      // after a failed `require`, later rules may fail because of it: its reason is the one that counts
      if (!outcome.rejected()) reject(e);
    }
  }
  if (outcome.rejected()) return outcome;

  try {
    if (const auto* channels = p.main->channels ? &*p.main->channels : nullptr) {
      for (const auto& entry : channels->entries) {
        const bool forced_other = options.force_channel && *options.force_channel != entry.channel.name;
        if (forced_other) continue;
        if (entry.when && !w.EvalBool(*entry.when, env)) {
          std::string why = "channel `" + entry.channel.name + "`: `" + std::string(p.Text(entry.when->span)) + "` is false";
          if (options.force_channel) {
            outcome.reject_reasons.push_back(why);
            return outcome;
          }
          outcome.fallbacks.push_back(std::move(why));
          continue;
        }
        outcome.channel = entry.channel.name;
        break;
      }
      if (outcome.channel.empty()) {
        if (options.force_channel) {
          outcome.reject_reasons.push_back("channel `" + *options.force_channel + "` is not one of this communication's channels");
        } else if (channels->otherwise_reject) {
          outcome.reject_reasons.push_back(w.Display(w.Eval(*channels->otherwise_reject, env), channels->span));
        } else {
          outcome.reject_reasons.push_back("no channel applies");
        }
        return outcome;
      }
    } else if (!p.channel_names.empty()) {
      outcome.channel = options.force_channel.value_or(p.channel_names.front());
    }
    if (outcome.channel == "print" && options.build_print) {
      if (p.print == nullptr) {
        outcome.reject_reasons.push_back("the communication has no `layout print`");
        return outcome;
      }
      outcome.print = w.BuildPrint(env);
    }
  } catch (const EvalError& e) {
    outcome.channel.clear();
    outcome.print.reset();
    reject(e);
  }
  return outcome;
}

std::string RecordKey(const value::Record& record) {
  if (record.desc == nullptr || record.desc->key_field < 0) return "";
  const Value& v = record.fields[static_cast<std::size_t>(record.desc->key_field)];
  if (v.is<std::string>()) return v.as<std::string>();
  if (v.is<std::int64_t>()) return std::to_string(v.as<std::int64_t>());
  return "";
}

}  // namespace missive::eval

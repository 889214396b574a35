// Builds a runnable Program from a checked communication, and evaluates one record: rules in order,
// requires, channel choice, and the print document.
#include "compiler/eval/program.h"

#include <filesystem>
#include <set>
#include <string>

#include "compiler/eval/block_spec.h"
#include "compiler/eval/internal.h"
#include "runtime/data/schema.h"
#include "runtime/util/util.h"

namespace missive::eval {

using value::Value;

namespace {

const std::unordered_map<std::string, data::Type>& BuiltinTypes() {
  static const std::unordered_map<std::string, data::Type> kTypes = {
      {"String", data::Type::String},     {"Bool", data::Type::Bool},      {"Int", data::Type::Int},
      {"Decimal", data::Type::Decimal},   {"Date", data::Type::Date},      {"DateTime", data::Type::DateTime},
      {"Email", data::Type::Email},       {"Phone", data::Type::Phone},    {"Locale", data::Type::Locale},
      {"Currency", data::Type::Currency}, {"Country", data::Type::Country}};
  return kTypes;
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
      if (auto r = program_.modules[module].records.find(ref.path[0].name);
          r != program_.modules[module].records.end()) {
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
    if (!v)
      sink_.report(diag::Kind::InvalidDefault, e.span, "the default is not a valid `" + data::TypeName(type) + "`");
    return v;
  }

  Program::Impl& program_;
  diag::Sink& sink_;
};

/// Strings a layout shows as whole text spans: plain `text "…"`, literal cells, and the literal parts of
/// lines made only of text and `{page}`/`{pages}` (the number spans split them into spans of their own).
void CollectStaticText(const std::vector<ast::StmtPtr>& stmts, std::set<std::string>& out) {
  auto add = [&](const ast::Expr* e) {
    if (e == nullptr) return;
    if (e->kind == ast::ExprKind::String) out.insert(e->text);
    if (e->kind != ast::ExprKind::Interpolated) return;
    for (const auto& part : e->parts) {
      if (part.expr && !(part.expr->kind == ast::ExprKind::Name &&
                         (part.expr->name.name == "page" || part.expr->name.name == "pages"))) {
        return;
      }
    }
    for (const auto& part : e->parts) {
      if (!part.expr && !part.text.empty()) out.insert(part.text);
    }
  };
  for (const auto& stmt : stmts) {
    if (stmt->kind == ast::StmtKind::Text) add(stmt->value.get());
    if (stmt->table) {
      for (const auto& cell : stmt->table->header) add(cell.value.get());
      for (const auto& cell : stmt->table->row) add(cell.value.get());
    }
    CollectStaticText(stmt->body, out);
    CollectStaticText(stmt->else_body, out);
  }
}

/// Shapes the template's static text once, in every font and size its styles can produce and in the
/// locale its input defaults to (other locales shape on first use, through each thread's cache).
std::unique_ptr<const text::StaticShapes> ShapeStaticText(const Program::Impl& program) {
  std::set<std::string> strings;
  for (const auto& module : program.checked->modules) {
    for (const auto& component : module.ast->components) CollectStaticText(component.body, strings);
  }
  for (const auto& layout : program.main->layouts) {
    if (layout.kind != ast::LayoutKind::Print) continue;
    CollectStaticText(layout.body, strings);
    if (!layout.page) continue;
    for (const auto* slot :
         {&layout.page->header, &layout.page->footer, &layout.page->first_header, &layout.page->first_footer}) {
      if (*slot) CollectStaticText((*slot)->body, strings);
    }
  }
  // every style over the base and over the page's style: the fonts and sizes text can take
  Worker::Impl scratch(program);
  Env env;
  std::set<text::FontId> fonts = {program.base_style.font};
  std::set<frame::Unit> sizes = {program.base_style.size};
  std::vector<const compose::Style*> parents = {&program.base_style};
  try {
    if (program.print && program.print->page && program.print->page->style) {
      parents.push_back(scratch.Derive(&program.base_style, program.print->page->style, env));
    }
    for (std::size_t m = 0; m < program.modules.size(); ++m) {
      env.module = m;
      for (const auto& [name, decl] : program.modules[m].styles) {
        for (const auto* parent : parents) {
          const auto* style = scratch.Derive(parent, ast::Ident{name, decl->span}, env);
          fonts.insert(style->font);
          sizes.insert(style->size);
        }
      }
    }
  } catch (const EvalError&) {
    // a style that cannot be resolved is reported when a record uses it
  }
  std::vector<text::TextStyle> styles;
  for (auto font : fonts) {
    for (auto size : sizes) styles.push_back({font, size, {}});
  }
  std::vector<std::string> languages = {"en"};
  const auto& input = program.schema.input;
  if (input != nullptr && program.main->locale && program.main->locale->kind == ast::ExprKind::Name) {
    const int field = input->Find(program.main->locale->name.name);
    if (field >= 0) {
      const auto& d = input->fields[static_cast<std::size_t>(field)].default_value;
      if (d && d->is<std::string>() && d->as<std::string>() != "en") languages.push_back(d->as<std::string>());
    }
  }
  return text::StaticShapes::Build(*program.fonts,
                                   text::StaticShapes::Combine({strings.begin(), strings.end()}, styles, languages));
}

}  // namespace

std::string Program::Impl::Where(source::Span span) const {
  if (!span.valid()) return "";
  const auto& file = checked->sources.file(span.file);
  const auto lc = file.line_col(span.begin);
  return file.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

std::string Program::Impl::Directory(source::Span span) const { return DirectoryOf(checked->sources, span); }

namespace {

/// Loads every image whose path is a string literal, so a missing or corrupt file is a program error
/// (reported before any record runs) rather than a reject of every record.
void PreloadImages(const Program::Impl& program, const std::vector<ast::StmtPtr>& stmts, diag::Sink& sink) {
  for (const auto& stmt : stmts) {
    if (!stmt) continue;
    if (stmt->kind == ast::StmtKind::Image && stmt->value && stmt->value->kind == ast::ExprKind::String) {
      const media::LoadResult loaded = program.images->Load(stmt->value->text, program.Directory(stmt->span));
      if (loaded.image == nullptr) sink.report(diag::Kind::CannotReadFile, stmt->value->span, loaded.message);
    }
    PreloadImages(program, stmt->body, sink);
    PreloadImages(program, stmt->else_body, sink);
  }
}

}  // namespace

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

  for (const auto& module : impl->checked->modules) {
    for (const auto& layout : module.ast->layouts) {
      if (layout.page) {
        for (const auto* slot :
             {&layout.page->header, &layout.page->footer, &layout.page->first_header, &layout.page->first_footer}) {
          if (*slot) PreloadImages(*impl, (*slot)->body, sink);
        }
      }
      PreloadImages(*impl, layout.body, sink);
    }
    for (const auto& component : module.ast->components) PreloadImages(*impl, component.body, sink);
  }

  // the base style: DejaVu Sans 10 pt unless the page's style says otherwise (applied per record)
  std::string error;
  auto font = fonts.Resolve(text::FontRequest{}, &error);
  if (!font) {
    sink.report(diag::Kind::UnknownFont, impl->main->span, error);
  } else {
    impl->base_style.font = *font;
  }

  // Named as the program sees them (std modules by name, files relative to the main file), so the
  // hash does not depend on the working directory or on how the path was typed.
  std::string all_sources = std::string("missive ") + MISSIVE_VERSION_STRING + "\n";
  const auto& modules = impl->checked->modules;
  std::error_code ignored;
  const auto main_dir =
      std::filesystem::weakly_canonical(impl->checked->sources.file(impl->main->file).path(), ignored).parent_path();
  for (const auto& module : modules) {
    const auto& file = impl->checked->sources.file(module.ast->file);
    const std::string name =
        module.name.rfind("std.", 0) == 0
            ? module.name
            : std::filesystem::weakly_canonical(file.path(), ignored).lexically_relative(main_dir).generic_string();
    all_sources += name + "\n" + std::string(file.text()) + "\n";
  }
  impl->version_hash = util::Sha256Hex(all_sources);

  if (sink.error_count() > errors_before) return nullptr;
  impl->statics = ShapeStaticText(*impl);
  return std::unique_ptr<Program>(new Program(std::move(impl)));
}

const data::Schema& Program::schema() const { return impl_->schema; }
const data::RecordDesc& Program::input() const { return *impl_->schema.input; }
std::vector<std::string> Program::channels() const { return impl_->channel_names; }
const sema::Program& Program::checked() const { return *impl_->checked; }
text::FontLibrary& Program::fonts() const { return *impl_->fonts; }
const media::ImageLibrary& Program::images() const { return *impl_->images; }
const std::string& Program::version_hash() const { return impl_->version_hash; }
const text::StaticShapes* Program::statics() const { return impl_->statics.get(); }
std::string Program::SourceText(source::Span span) const { return std::string(impl_->Text(span)); }
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

  auto reject = [&](const EvalError& e) { outcome.reject_reasons.push_back(p.Where(e.span) + ": " + e.message); };
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
          std::string why =
              "channel `" + entry.channel.name + "`: `" + std::string(p.Text(entry.when->span)) + "` is false";
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
          outcome.reject_reasons.push_back("channel `" + *options.force_channel +
                                           "` is not one of this communication's channels");
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

const compose::Style* Worker::DeriveStyle(const compose::Style* parent, const std::optional<ast::Ident>& name,
                                          std::size_t module, std::string* error) {
  Env env;
  env.module = module;
  if (parent == nullptr && !name) return &impl_->program.base_style;
  try {
    return impl_->Derive(parent == nullptr ? &impl_->program.base_style : parent, name, env);
  } catch (const EvalError& e) {
    *error = impl_->program.Where(e.span) + ": " + e.message;
    return nullptr;
  }
}

std::shared_ptr<const void> Worker::StyleStorage() const { return impl_->styles; }

std::optional<value::Value> Worker::EvaluateExpr(const ast::Expr& expr, std::string* error) {
  Env env;
  try {
    return impl_->Eval(expr, env);
  } catch (const EvalError& e) {
    *error = impl_->program.Where(e.span) + ": " + e.message;
    return std::nullopt;
  }
}

std::string RecordKey(const value::Record& record) {
  if (record.desc == nullptr || record.desc->key_field < 0) return "";
  const Value& v = record.fields[static_cast<std::size_t>(record.desc->key_field)];
  if (v.is<std::string>()) return v.as<std::string>();
  if (v.is<std::int64_t>()) return std::to_string(v.as<std::int64_t>());
  return "";
}

}  // namespace missive::eval

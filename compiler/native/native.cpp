// Builds the compiled program: lowering, JIT compilation, and the runtime's view of the IR's static parts
// (the schema with the layouts the compiler placed, styles with resolved fonts, block prototypes,
// images read once, static text shaped once).
#include "compiler/native/native.h"

#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "compiler/lower/lower.h"
#include "compiler/native/native_internal.h"
#include "compiler/syntax/ast.h"
#include "runtime/util/util.h"
#include "runtime/value/url.h"

#ifndef MISSIVE_VERSION_STRING
#define MISSIVE_VERSION_STRING "dev"
#endif

namespace missive::native {

namespace {

using lower::Kind;

data::Type ScalarOf(Kind kind, const std::string& text_kind) {
  switch (kind) {
    case Kind::Bool: return data::Type::Bool;
    case Kind::Int: return data::Type::Int;
    case Kind::Decimal: return data::Type::Decimal;
    case Kind::Date: return data::Type::Date;
    case Kind::DateTime: return data::Type::DateTime;
    case Kind::Record: return data::Type::Record;
    case Kind::List: return data::Type::List;
    case Kind::Str: break;
  }
  static const std::map<std::string, data::Type> kText = {{"Email", data::Type::Email},
                                                          {"Phone", data::Type::Phone},
                                                          {"Locale", data::Type::Locale},
                                                          {"Currency", data::Type::Currency},
                                                          {"Country", data::Type::Country}};
  auto it = kText.find(text_kind);
  return it == kText.end() ? data::Type::String : it->second;
}

/// The runtime schema and the layouts of every IR record: the decoder writes what codegen reads.
void BuildSchema(Program::Impl& p) {
  const lower::Program& ir = p.ir;
  for (const auto& record : ir.records) {
    auto desc = std::make_unique<data::RecordDesc>();
    desc->name = record.name;
    p.schema.records.push_back(std::move(desc));
  }
  std::function<data::TypeDesc(lower::TypeId, const std::string&)> type_of = [&](lower::TypeId id,
                                                                                 const std::string& text) {
    const lower::Type& t = ir.T(id);
    data::TypeDesc d;
    d.type = ScalarOf(t.kind, text);
    d.optional = t.optional;
    if (t.kind == Kind::Record) d.record = p.schema.records[static_cast<std::size_t>(t.record)].get();
    if (t.kind == Kind::List) d.element = std::make_shared<const data::TypeDesc>(type_of(t.element, text));
    return d;
  };
  std::vector<abi::RecordLayout> layouts;
  for (std::size_t r = 0; r < ir.records.size(); ++r) {
    const lower::Record& record = ir.records[r];
    data::RecordDesc& desc = *p.schema.records[r];
    abi::RecordLayout layout;
    layout.desc = &desc;
    layout.size = record.size;
    layout.align = record.align;
    layout.presence_bytes = record.presence_bytes;
    for (const auto& f : record.fields) {
      data::FieldDesc field;
      field.name = f.name;
      field.type = type_of(f.type, f.text_kind);
      field.is_key = f.key;
      if (f.has_default) field.default_value = data::ParseDefault(f.default_text, field.type);
      desc.AddField(std::move(field));
      layout.fields.push_back(abi::FieldLayout{f.offset, lower::SizeOf(ir, f.type).size, f.presence_bit});
    }
    layouts.push_back(std::move(layout));
  }
  p.schema.input = p.schema.records[static_cast<std::size_t>(ir.input)].get();
  p.layouts = std::make_unique<abi::Layouts>(*p.schema.input, std::move(layouts));
}

compose::Size SizeOf(const lower::SizeSpec& s) {
  return compose::Size{static_cast<compose::Size::Kind>(s.kind), s.fixed, s.fraction_permille};
}

/// Styles with their fonts resolved through fontconfig (one resolution per family, weight, italic).
bool BuildStyles(Program::Impl& p, diag::Sink& sink) {
  std::map<std::tuple<std::string, int, bool>, text::FontId> fonts;
  for (const lower::StyleSpec& spec : p.ir.styles) {
    compose::Style s;
    const auto request_key = std::make_tuple(spec.family, spec.weight, spec.italic);
    auto font = fonts.find(request_key);
    if (font == fonts.end()) {
      text::FontRequest request;
      if (util::IsFontFileName(spec.family)) {
        request.path = spec.family;
      } else {
        request.family = spec.family;
      }
      request.weight = static_cast<std::uint16_t>(spec.weight);
      request.italic = spec.italic;
      std::string error;
      const auto resolved = p.fonts->Resolve(request, &error);
      if (!resolved) {
        sink.report(diag::Kind::UnknownFont, p.checked->modules.at(0).ast->span, error);
        return false;
      }
      font = fonts.emplace(request_key, *resolved).first;
    }
    s.font = font->second;
    s.size = spec.size;
    s.leading_permille = spec.leading_permille;
    s.color = {spec.color.r, spec.color.g, spec.color.b};
    s.align = static_cast<text::Align>(spec.align);
    s.hyphenate = spec.hyphenate;
    if (spec.background) s.background = frame::Color{spec.background->r, spec.background->g, spec.background->b};
    s.border_width = spec.border_width;
    s.border_color = {spec.border_color.r, spec.border_color.g, spec.border_color.b};
    std::memcpy(s.padding, spec.padding, sizeof s.padding);
    s.width = spec.width;
    s.width_fraction_permille = spec.width_fraction_permille;
    s.radius = spec.radius;
    if (spec.role >= 0) s.role = static_cast<frame::Role>(spec.role);
    s.artifact = spec.artifact;
    p.styles->push_back(s);
  }
  return true;
}

void BuildPrototypes(Program::Impl& p) {
  for (const lower::BlockSpec& spec : p.ir.blocks) {
    compose::Prototype proto;
    auto b = std::make_unique<compose::Block>();
    b->kind = static_cast<compose::BlockKind>(spec.kind);
    b->style = p.Style(spec.style);
    if (spec.align >= 0) b->align = static_cast<text::Align>(spec.align);
    b->width = SizeOf(spec.width);
    b->keep_together = spec.keep_together;
    b->height = spec.height;
    b->x = spec.x;
    b->y = spec.y;
    b->place_width = spec.place_width;
    b->overflow = static_cast<compose::Overflow>(spec.overflow);
    b->fit = static_cast<media::Fit>(spec.fit);
    b->alt = spec.alt;
    b->button = spec.button;
    if (spec.kind == lower::BlockKind::Table) {
      b->table = std::make_unique<compose::Table>();
      for (const auto& c : spec.columns) b->table->columns.push_back(SizeOf(c));
      b->table->repeat_header = spec.repeat_header;
    }
    proto.block = std::move(b);
    proto.header_style = spec.header_style >= 0 ? p.Style(spec.header_style) : nullptr;
    proto.row_style = spec.row_style >= 0 ? p.Style(spec.row_style) : nullptr;
    proto.zebra = spec.zebra;
    proto.directory = spec.directory;
    proto.symbology = spec.symbology;
    p.protos.push_back(std::move(proto));
  }
}

/// Statements in every slot, depth first.
void Walk(const std::vector<lower::LStmt>& stmts, const std::function<void(const lower::LStmt&)>& visit) {
  for (const auto& s : stmts) {
    visit(s);
    Walk(s.body, visit);
    Walk(s.else_body, visit);
  }
}

/// Images with a literal path are read before any record runs: a missing or corrupt file is a program
/// error, not a reject of every record.
void PreloadImages(Program::Impl& p, diag::Sink& sink) {
  for (const auto& slot : p.ir.slots) {
    Walk(slot.body, [&](const lower::LStmt& s) {
      if (s.op != lower::LOp::Image || p.ir.N(s.value).op != lower::Op::ConstStr) return;
      if (value::IsWebUrl(p.ir.N(s.value).str)) return;  // an image by address: a message's
      const media::LoadResult loaded =
          p.images->Load(p.ir.N(s.value).str, p.ir.blocks[static_cast<std::size_t>(s.block)].directory);
      if (loaded.image == nullptr)
        sink.report(diag::Kind::CannotReadFile, p.ir.sites[static_cast<std::size_t>(s.site)].span, loaded.message);
    });
  }
}

/// The text of paragraphs made only of literals (and page numbers), in every font and size of the
/// program's styles, in English and the locale its input defaults to.
void ShapeStaticText(Program::Impl& p) {
  std::set<std::string> strings;
  for (const auto& slot : p.ir.slots) {
    Walk(slot.body, [&](const lower::LStmt& s) {
      if (s.op != lower::LOp::Open || s.body.empty()) return;
      std::vector<std::string> texts;
      for (const auto& span : s.body) {
        if (span.op == lower::LOp::PageSpan) continue;
        if (span.op != lower::LOp::Span || p.ir.N(span.value).op != lower::Op::ConstStr) return;
        texts.push_back(p.ir.N(span.value).str);
      }
      for (auto& t : texts) {
        if (!t.empty()) strings.insert(std::move(t));
      }
    });
  }
  std::set<std::pair<text::FontId, frame::Unit>> seen;
  std::vector<text::TextStyle> styles;
  for (const auto& s : *p.styles) {
    if (seen.insert({s.font, s.size}).second) styles.push_back({s.font, s.size, {}});
  }
  std::vector<std::string> languages = {"en"};
  const ast::Module& main = *p.checked->modules.at(0).ast;
  if (main.locale && main.locale->kind == ast::ExprKind::Name) {
    const int field = p.schema.input->Find(main.locale->name.name);
    if (field >= 0) {
      const auto& d = p.schema.input->fields[static_cast<std::size_t>(field)].default_value;
      if (d && d->is<std::string>() && d->as<std::string>() != "en") languages.push_back(d->as<std::string>());
    }
  }
  p.statics = text::StaticShapes::Build(
      *p.fonts, text::StaticShapes::Combine({strings.begin(), strings.end()}, styles, languages));
}

/// Named as the program sees them (std modules by name, files relative to the main file), so the hash
/// does not depend on the working directory or on how the path was typed.
std::string SourcesHash(const sema::Program& checked) {
  std::string all = std::string("missive ") + MISSIVE_VERSION_STRING + "\n";
  std::error_code ignored;
  const auto main_dir =
      std::filesystem::weakly_canonical(checked.sources.file(checked.modules.at(0).ast->file).path(), ignored)
          .parent_path();
  for (const auto& module : checked.modules) {
    const auto& file = checked.sources.file(module.ast->file);
    const std::string name =
        module.name.rfind("std.", 0) == 0
            ? module.name
            : std::filesystem::weakly_canonical(file.path(), ignored).lexically_relative(main_dir).generic_string();
    all += name + "\n" + std::string(file.text()) + "\n";
  }
  return util::Sha256Hex(all);
}

}  // namespace

std::string Program::Impl::Where(source::Span span) const {
  if (!span.valid()) return "";
  const auto& file = checked->sources.file(span.file);
  const auto lc = file.line_col(span.begin);
  return file.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

Program::Program(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Program::~Program() = default;

std::unique_ptr<Program> Program::Build(std::shared_ptr<const sema::Program> checked, text::FontLibrary& fonts,
                                        const Options& options, diag::Sink& sink) {
  auto impl = std::make_unique<Impl>();
  impl->checked = std::move(checked);
  impl->fonts = &fonts;
  const std::size_t errors = sink.error_count();
  auto ir = lower::Lower(*impl->checked, sink);
  if (!ir) return nullptr;
  impl->ir = std::move(*ir);
  if (const auto problems = lower::Verify(impl->ir); !problems.empty()) {
    sink.report(diag::Kind::NotCompiled, impl->checked->modules.at(0).ast->span,
                "the program's IR is invalid (a compiler bug): " + problems.front());
    return nullptr;
  }
  BuildSchema(*impl);
  if (!BuildStyles(*impl, sink)) return nullptr;
  BuildPrototypes(*impl);
  PreloadImages(*impl, sink);
  CheckEmailBudget(*impl, sink);
  if (sink.error_count() > errors) return nullptr;
  impl->version_hash = SourcesHash(*impl->checked);

  jit::Options jit_options;
  jit_options.opt_level = options.opt_level;
  jit_options.use_cache = options.use_cache;
  jit_options.cache_dir = options.cache_dir;
  jit_options.key_extra = impl->version_hash;
  auto compiled = jit::Compile(impl->ir, jit_options);
  if (!compiled.program) {
    sink.report(diag::Kind::NotCompiled, impl->checked->modules.at(0).ast->span,
                "native code generation failed (a compiler bug): " + compiled.error);
    return nullptr;
  }
  impl->code = std::move(compiled.program);
  ShapeStaticText(*impl);
  return std::unique_ptr<Program>(new Program(std::move(impl)));
}

const sema::Program& Program::checked() const { return *impl_->checked; }
const lower::Program& Program::ir() const { return impl_->ir; }
const data::RecordDesc& Program::input() const { return *impl_->schema.input; }
const abi::Layouts& Program::layouts() const { return *impl_->layouts; }
text::FontLibrary& Program::fonts() const { return *impl_->fonts; }
const text::StaticShapes* Program::statics() const { return impl_->statics.get(); }
const media::ImageLibrary& Program::images() const { return *impl_->images; }
const std::string& Program::version_hash() const { return impl_->version_hash; }
const jit::Stats& Program::stats() const { return impl_->code->stats(); }
std::string Program::Where(source::Span span) const { return impl_->Where(span); }
std::unique_ptr<Worker> Program::NewWorker() const { return std::make_unique<Worker>(*impl_); }

std::string RecordKey(const value::Record& record) {
  if (record.desc == nullptr || record.desc->key_field < 0) return "";
  const value::Value& v = record.fields[static_cast<std::size_t>(record.desc->key_field)];
  if (v.is<std::string>()) return v.as<std::string>();
  if (v.is<std::int64_t>()) return std::to_string(v.as<std::int64_t>());
  return "";
}

}  // namespace missive::native

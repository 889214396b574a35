// The checker's driver and declarations: records, functions, the input record, rules and their order.
#include "compiler/sema/check.h"

#include "compiler/sema/checker.h"
#include "runtime/value/date.h"
#include "runtime/value/decimal.h"

namespace missive::sema {

namespace {

std::optional<TypeKind> ScalarKind(const std::string& name) {
  static const std::map<std::string, TypeKind> kScalars = {
      {"String", TypeKind::String},     {"Bool", TypeKind::Bool},       {"Int", TypeKind::Int},
      {"Decimal", TypeKind::Decimal},   {"Date", TypeKind::Date},       {"DateTime", TypeKind::DateTime},
      {"Email", TypeKind::Email},       {"Phone", TypeKind::Phone},     {"Locale", TypeKind::Locale},
      {"Currency", TypeKind::Currency}, {"Country", TypeKind::Country},
  };
  auto found = kScalars.find(name);
  if (found == kScalars.end()) return std::nullopt;
  return found->second;
}

const std::vector<std::string> kScalarNames = {"String", "Bool",  "Int",    "Decimal",  "Date",   "DateTime",
                                               "Email",  "Phone", "Locale", "Currency", "Country"};

}  // namespace

void Checker::ReportDuplicate(const ast::Ident& again, source::Span first, const std::string& what) {
  auto& d = sink_.report(diag::Kind::DuplicateDefinition, again.span, what + " `" + again.name + "` is defined twice");
  d.labels.push_back({first, "first defined here"});
}

Type Checker::ResolveType(const ast::TypeRef& ref, std::size_t module) {
  Type t;
  if (ref.element) {
    Type element = ResolveType(*ref.element, module);
    t = element.is_error() ? element : Type::ListOf(element);
  } else if (ref.path.size() == 1) {
    const std::string& name = ref.path[0].name;
    if (auto kind = ScalarKind(name)) {
      t = Type::Of(*kind);
    } else if (auto rec = decls_[module].records.find(name); rec != decls_[module].records.end()) {
      t = Type::RecordOf(rec->second);
    } else {
      std::vector<std::string> names = kScalarNames;
      for (const auto& [record_name, info] : decls_[module].records) names.push_back(record_name);
      auto& d = sink_.report(diag::Kind::UnknownType, ref.path[0].span, "unknown type `" + name + "`");
      if (auto best = diag::closest_name(name, names)) {
        d.notes.push_back("did you mean `" + *best + "`?");
        d.fixit = diag::FixIt{ref.path[0].span, *best};
      }
      return Type::Error();
    }
  } else if (ref.path.size() == 2) {
    const auto& aliases = program_.modules[module].aliases;
    auto alias = aliases.find(ref.path[0].name);
    if (alias == aliases.end()) {
      sink_.report(diag::Kind::UnknownType, ref.path[0].span, "unknown module alias `" + ref.path[0].name + "`");
      return Type::Error();
    }
    const auto& records = decls_[alias->second].records;
    auto rec = records.find(ref.path[1].name);
    if (rec == records.end()) {
      std::vector<std::string> names;
      for (const auto& [record_name, info] : records) names.push_back(record_name);
      auto& d = sink_.report(diag::Kind::UnknownType, ref.path[1].span,
                             "module `" + alias->first + "` has no record `" + ref.path[1].name + "`");
      if (auto best = diag::closest_name(ref.path[1].name, names)) {
        d.notes.push_back("did you mean `" + *best + "`?");
        d.fixit = diag::FixIt{ref.path[1].span, *best};
      }
      return Type::Error();
    }
    t = Type::RecordOf(rec->second);
  } else {
    return Type::Error();
  }
  return ref.optional ? t.as_optional() : t;
}

void Checker::DeclareRecords(std::size_t module) {
  const ast::Module& m = *program_.modules[module].ast;
  for (const auto& rec : m.records) {
    auto& records = decls_[module].records;
    if (auto first = records.find(rec.name.name); first != records.end()) {
      ReportDuplicate(rec.name, first->second->decl->name.span, "record");
      continue;
    }
    RecordInfo& info = records_.emplace_back();
    info.name = rec.name.name;
    info.module = module;
    info.decl = &rec;
    records.emplace(rec.name.name, &info);
  }
}

void Checker::ResolveRecordFields(std::size_t module) {
  for (auto& [name, info] : decls_[module].records) {
    std::map<std::string, const ast::FieldDecl*> seen;
    for (const auto& field : info->decl->fields) {
      if (auto first = seen.find(field.name.name); first != seen.end()) {
        ReportDuplicate(field.name, first->second->name.span, "field");
        continue;
      }
      seen.emplace(field.name.name, &field);
      FieldInfo f;
      f.name = field.name.name;
      f.type = ResolveType(field.type, module);
      f.has_default = field.default_value != nullptr;
      f.decl = &field;
      for (const auto& a : field.annotations) {
        if (a.name.name == "key" || a.name.name == "@key") f.key = true;
      }
      info->fields.push_back(std::move(f));
    }
  }
}

void Checker::CheckRecordDefaults(std::size_t module) {
  module_ = module;
  for (auto& [name, info] : decls_[module].records) {
    for (const auto& f : info->fields) {
      if (!f.decl->default_value || f.type.is_error()) continue;
      const ast::Expr& value = *f.decl->default_value;
      // A default is a constant: checked without any name in scope.
      const bool constant = value.kind == ast::ExprKind::Int || value.kind == ast::ExprKind::Decimal ||
                            value.kind == ast::ExprKind::String || value.kind == ast::ExprKind::Bool ||
                            value.kind == ast::ExprKind::None || value.kind == ast::ExprKind::List ||
                            (value.kind == ast::ExprKind::Unary && value.op == ast::Op::Neg);
      if (!constant) {
        sink_.report(diag::Kind::InvalidDefault, value.span, "the default of `" + f.name + "` must be a constant");
        continue;
      }
      Type got = Expr(value);
      // as in input records, dates and decimals may be written as strings: "2026-01-31", "10.50"
      if (value.kind == ast::ExprKind::String &&
          (f.type.kind == TypeKind::Date || f.type.kind == TypeKind::DateTime || f.type.kind == TypeKind::Decimal)) {
        const bool valid = f.type.kind == TypeKind::Date       ? value::Date::Parse(value.text).has_value()
                           : f.type.kind == TypeKind::DateTime ? value::DateTime::Parse(value.text).has_value()
                                                               : value::Decimal::Parse(value.text).has_value();
        if (!valid) {
          sink_.report(diag::Kind::InvalidDefault, value.span,
                       "the default of `" + f.name + "` is not " + Article(f.type) + "`" + TypeName(f.type) + "`: \"" +
                           value.text + "\"");
        }
        continue;
      }
      if (!Assignable(got, f.type, value.kind == ast::ExprKind::String)) {
        sink_.report(diag::Kind::InvalidDefault, value.span,
                     "the default of `" + f.name + "` must be " + Article(f.type) + "`" + TypeName(f.type) +
                         "`, found `" + TypeName(got) + "`");
      }
    }
  }
}

void Checker::DeclareOthers(std::size_t module) {
  const ast::Module& m = *program_.modules[module].ast;
  ModuleDecls& d = decls_[module];
  for (const auto& fn : m.functions) {
    if (auto first = d.functions.find(fn.name.name); first != d.functions.end()) {
      ReportDuplicate(fn.name, first->second.decl->name.span, "function");
      continue;
    }
    FnInfo info;
    info.decl = &fn;
    for (const auto& p : fn.params) info.params.push_back(ResolveType(p.type, module));
    if (fn.result) {
      info.result = ResolveType(*fn.result, module);
      info.resolved = true;
    }
    d.functions.emplace(fn.name.name, std::move(info));
  }
  for (const auto& c : m.components) {
    if (auto first = d.components.find(c.name.name); first != d.components.end()) {
      ReportDuplicate(c.name, first->second->name.span, "component");
      continue;
    }
    d.components.emplace(c.name.name, &c);
    std::vector<Type>& params = typing_.component_params[&c];
    for (const auto& p : c.params) params.push_back(ResolveType(p.type, module));
  }
  for (const auto& s : m.styles) {
    if (auto first = d.styles.find(s.name.name); first != d.styles.end()) {
      ReportDuplicate(s.name, first->second->name.span, "style");
      continue;
    }
    d.styles.emplace(s.name.name, &s);
  }
  std::map<std::string, const ast::Import*> aliases;
  for (const auto& imp : m.imports) {
    if (!imp.alias) continue;
    if (auto first = aliases.find(imp.alias->name); first != aliases.end()) {
      ReportDuplicate(*imp.alias, first->second->alias->span, "import alias");
      continue;
    }
    aliases.emplace(imp.alias->name, &imp);
  }
}

void Checker::ResolveFn(FnInfo& fn, std::size_t module) {
  if (fn.resolved || fn.resolving) return;
  // No declared result: infer it from the body (recursion without a declared result is an error).
  fn.resolving = true;
  const std::size_t saved_module = module_;
  auto saved_locals = std::move(locals_);
  auto saved_it = std::move(it_);
  auto saved_narrowed = std::move(narrowed_);
  const bool saved_fn_scope = fn_scope_;
  fn_scope_ = true;
  locals_.clear();
  it_.clear();
  narrowed_.clear();
  module_ = module;
  {
    ScopeGuard scope(*this);
    for (std::size_t i = 0; i < fn.decl->params.size(); ++i) scope.Bind(fn.decl->params[i].name.name, fn.params[i]);
    fn.result = fn.decl->body ? Expr(*fn.decl->body) : Type::Error();
  }
  module_ = saved_module;
  locals_ = std::move(saved_locals);
  it_ = std::move(saved_it);
  narrowed_ = std::move(saved_narrowed);
  fn_scope_ = saved_fn_scope;
  fn.resolving = false;
  fn.resolved = true;
}

void Checker::CheckFunctions(std::size_t module) {
  module_ = module;
  const ast::Module& m = *program_.modules[module].ast;
  for (const auto& fn_decl : m.functions) {
    auto found = decls_[module].functions.find(fn_decl.name.name);
    if (found == decls_[module].functions.end() || found->second.decl != &fn_decl) continue;
    FnInfo& fn = found->second;
    std::map<std::string, const ast::Param*> seen;
    for (const auto& p : fn_decl.params) {
      if (auto first = seen.find(p.name.name); first != seen.end()) {
        ReportDuplicate(p.name, first->second->name.span, "parameter");
      }
      seen.emplace(p.name.name, &p);
    }
    if (!fn_decl.result) {
      ResolveFn(fn, module);
      continue;
    }
    if (!fn_decl.body) continue;
    // Functions see their parameters only: no lets, no input fields.
    fn_scope_ = true;
    {
      ScopeGuard scope(*this);
      for (std::size_t i = 0; i < fn_decl.params.size(); ++i) scope.Bind(fn_decl.params[i].name.name, fn.params[i]);
      Expect(*fn_decl.body, fn.result, "the result of `" + fn_decl.name.name + "`");
    }
    fn_scope_ = false;
  }
}

void Checker::CheckInputAndRules(std::size_t module) {
  module_ = module;
  const ast::Module& m = *program_.modules[module].ast;
  ModuleDecls& d = decls_[module];
  if (m.input) {
    Type t = ResolveType(*m.input, module);
    if (!t.is_error()) {
      if (t.kind != TypeKind::Record || t.optional) {
        sink_.report(diag::Kind::TypeMismatch, m.input->span,
                     "the input must be a record, found `" + TypeName(t) + "`");
      } else {
        d.input = t.record;
        bool has_key = false;
        for (const auto& f : t.record->fields) has_key = has_key || f.key;
        if (!has_key) {
          auto& diag = sink_.report(diag::Kind::MissingKey, m.input->span,
                                    "input record `" + t.record->name + "` has no `@key` field");
          diag.notes.push_back("mark the field that identifies a record with `@key`, so rejects can name it");
        }
      }
    }
  } else if (m.communication && (!m.rules.empty() || !m.layouts.empty())) {
    sink_.report(diag::Kind::NoInput, m.communication->span,
                 "communication `" + m.communication->name + "` has no `input` record");
  }
  // Lets: declared up front so a use before the definition can say so.
  std::size_t order = 0;
  for (const auto& rule : m.rules) {
    ++order;
    if (rule.kind != ast::RuleKind::Let || rule.name.name.empty()) continue;
    if (auto first = d.lets.find(rule.name.name); first != d.lets.end()) {
      ReportDuplicate(rule.name, first->second.rule->name.span, "let");
      continue;
    }
    if (d.input != nullptr && d.input->field(rule.name.name) != nullptr) {
      auto& diag =
          sink_.report(diag::Kind::DuplicateDefinition, rule.name.span,
                       "`" + rule.name.name + "` is already a field of the input record `" + d.input->name + "`");
      diag.labels.push_back({d.input->field(rule.name.name)->decl->name.span, "the field"});
      continue;
    }
    d.lets.emplace(rule.name.name, LetInfo{&rule, order, Type::Error(), false});
  }
  if (m.locale) {
    let_limit_ = 0;
    Expect(*m.locale, Type::Of(TypeKind::Locale), "`locale`");
  }
  order = 0;
  for (const auto& rule : m.rules) {
    ++order;
    let_limit_ = order;
    if (rule.kind == ast::RuleKind::Let) {
      if (!rule.value) continue;
      Type t = Expr(*rule.value);
      if (t.kind == TypeKind::None) {
        sink_.report(diag::Kind::TypeMismatch, rule.value->span, "`" + rule.name.name + "` is always `none`");
        t = Type::Error();
      }
      auto let = d.lets.find(rule.name.name);
      if (let != d.lets.end() && let->second.rule == &rule) let->second.type = t;
    } else {
      if (rule.value) Condition(*rule.value, "a `require` condition");
      if (rule.message) Expect(*rule.message, Type::Of(TypeKind::String), "a reject message");
    }
  }
  let_limit_ = SIZE_MAX;
}

void Checker::ReportUnusedLets(std::size_t module) {
  for (const auto& [name, let] : decls_[module].lets) {
    if (let.used) continue;
    sink_.report(diag::Kind::UnusedLet, let.rule->name.span, "`" + name + "` is never used");
  }
}

void Checker::Run() {
  const std::size_t n = program_.modules.size();
  decls_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (program_.modules[i].ast) DeclareRecords(i);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (program_.modules[i].ast) ResolveRecordFields(i);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (program_.modules[i].ast) DeclareOthers(i);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!program_.modules[i].ast) continue;
    CheckRecordDefaults(i);
    CheckInputAndRules(i);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!program_.modules[i].ast) continue;
    CheckFunctions(i);
    CheckStyles(i);
    CheckComponents(i);
    CheckLayouts(i);
    CheckChannels(i);
    CheckTests(i);
    ReportUnusedLets(i);
  }
  ReportRecursiveComponents();
}

void Check(Program& program, diag::Sink& sink) {
  auto typing = std::make_shared<Typing>();
  Checker checker(program, *typing, sink);
  checker.Run();
  program.typing = std::move(typing);
}

}  // namespace missive::sema

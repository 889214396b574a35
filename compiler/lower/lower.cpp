// The lowering's driver: record types and their layouts, rules, user functions, channels, the locale
// and test expectations; the conversions between types (Coerce).
#include "compiler/lower/lower.h"

#include "compiler/lower/lowerer.h"

namespace missive::lower {

namespace detail {

Lowerer::Lowerer(const sema::Program& checked, diag::Sink& sink)
    : sema_(checked), typing_(*checked.typing), sink_(sink) {}

std::optional<Program> Lowerer::Run() {
  const std::size_t errors = sink_.error_count();
  StyleSpec base;
  p_.styles.push_back(base);
  try {
    Records();
  } catch (const NotCompiled& e) {
    sink_.report(diag::Kind::NotCompiled, e.span, e.what + " cannot be compiled");
    return std::nullopt;
  }
  Rules();
  Layouts();
  Channels();
  Tests();
  if (sink_.error_count() > errors) return std::nullopt;
  return std::move(p_);
}

// ── types ──

TypeId Lowerer::FromSema(const sema::Type& t) {
  using sema::TypeKind;
  Type out;
  out.optional = t.optional;
  switch (t.kind) {
    case TypeKind::Bool: out.kind = Kind::Bool; break;
    case TypeKind::Int: out.kind = Kind::Int; break;
    case TypeKind::Decimal: out.kind = Kind::Decimal; break;
    case TypeKind::Date: out.kind = Kind::Date; break;
    case TypeKind::DateTime: out.kind = Kind::DateTime; break;
    case TypeKind::String:
    case TypeKind::Email:
    case TypeKind::Phone:
    case TypeKind::Locale:
    case TypeKind::Currency:
    case TypeKind::Country: out.kind = Kind::Str; break;
    case TypeKind::List: {
      const TypeId element = FromSema(*t.element);
      if (element < 0) return -1;
      out.kind = Kind::List;
      out.element = element;
      break;
    }
    case TypeKind::Record:
      out.kind = Kind::Record;
      out.record = RecordOf(t.record);
      break;
    default: return -1;  // none, an empty list's element, lengths: typed by their context
  }
  return p_.Intern(out);
}

TypeId Lowerer::Required(TypeId t) {
  Type r = p_.T(t);
  r.optional = false;
  return p_.Intern(r);
}

TypeId Lowerer::Optional(TypeId t) {
  Type r = p_.T(t);
  r.optional = true;
  return p_.Intern(r);
}

int Lowerer::RecordOf(const sema::RecordInfo* info) {
  if (auto it = records_.find(info); it != records_.end()) return it->second;
  const int id = static_cast<int>(p_.records.size());
  records_[info] = id;
  p_.records.emplace_back();
  Record r;
  r.name = info->name;
  for (const auto& f : info->fields) {
    Field field;
    field.name = f.name;
    field.key = f.key;
    field.type = FromSema(f.type);
    const sema::Type* scalar = &f.type;
    while (scalar->kind == sema::TypeKind::List && scalar->element) scalar = scalar->element.get();
    static const std::map<sema::TypeKind, const char*> kTextKinds = {{sema::TypeKind::Email, "Email"},
                                                                     {sema::TypeKind::Phone, "Phone"},
                                                                     {sema::TypeKind::Locale, "Locale"},
                                                                     {sema::TypeKind::Currency, "Currency"},
                                                                     {sema::TypeKind::Country, "Country"}};
    if (auto kind = kTextKinds.find(scalar->kind); kind != kTextKinds.end()) field.text_kind = kind->second;
    if (field.type < 0) Fail(f.decl ? f.decl->span : source::Span{}, "the field `" + f.name + "`");
    if (f.decl != nullptr && f.decl->default_value) {
      const ast::Expr& d = *f.decl->default_value;
      field.has_default = d.kind != ast::ExprKind::None;  // `= none`: absent, as with no default
      field.default_text = d.kind == ast::ExprKind::Bool ? (d.bool_value ? "true" : "false") : d.text;
    }
    r.fields.push_back(std::move(field));
  }
  LayOut(p_, r);
  p_.records[static_cast<std::size_t>(id)] = std::move(r);
  return id;
}

void Lowerer::Records() {
  const sema::RecordInfo* input = typing_.decls.at(0).input;
  if (input == nullptr) Fail(sema_.modules[0].ast->span, "a communication without an `input` record");
  p_.input = RecordOf(input);
}

// ── nodes ──

int Lowerer::Add(Node n) {
  p_.nodes.push_back(std::move(n));
  return static_cast<int>(p_.nodes.size()) - 1;
}

int Lowerer::Make(Op op, TypeId type, std::vector<int> args, source::Span span) {
  Node n;
  n.op = op;
  n.type = type;
  n.args = std::move(args);
  n.span = span;
  return Add(std::move(n));
}

int Lowerer::Site(source::Span span, std::string name, bool decimal) {
  p_.sites.push_back(lower::Site{span, std::move(name), decimal});
  return static_cast<int>(p_.sites.size()) - 1;
}

int Lowerer::ConstStr(std::string text, source::Span span) {
  const int id = Make(Op::ConstStr, Scalar(Kind::Str), {}, span);
  N(id).str = std::move(text);
  return id;
}

int Lowerer::ConstInt(std::int64_t v, source::Span span) {
  const int id = Make(Op::ConstInt, Scalar(Kind::Int), {}, span);
  N(id).imm = v;
  return id;
}

int Lowerer::Coerce(int node, TypeId want) {
  if (want < 0 || N(node).type == want) return node;
  const source::Span span = N(node).span;
  if (N(node).op == Op::MakeList && p_.T(want).kind == Kind::List) {
    if (N(node).args.empty()) {  // `[]` is a list of anything
      N(node).type = want;
      return node;
    }
    std::vector<int> items = N(node).args;  // a new list after its converted items: arguments come first
    for (int& item : items) item = Coerce(item, p_.T(want).element);
    return Make(Op::MakeList, want, std::move(items), span);
  }
  if (N(node).op == Op::None && N(node).type < 0) {
    if (!p_.T(want).optional) Fail(span, "`none` where a value is needed");
    N(node).type = want;
    return node;
  }
  if (N(node).type < 0) Fail(span, "a value without a type");
  const Type have = T(node), target = p_.T(want);
  if (have.optional && !target.optional) {
    const int site = Site(span, "", false);
    const int unwrapped = Make(Op::Unwrap, Required(N(node).type), {node}, span);
    N(unwrapped).site = site;
    return Coerce(unwrapped, want);
  }
  if (!have.optional && target.optional) return Make(Op::Wrap, want, {Coerce(node, Required(want))}, span);
  if (have.kind == Kind::Int && target.kind == Kind::Decimal) {
    if (N(node).op == Op::ConstInt) {  // a constant: no conversion at run time
      Node& n = N(node);
      n.op = Op::ConstDecimal;
      n.type = want;
      n.dec = DecimalLit{n.imm, 0};
      return node;
    }
    return Make(Op::IntToDec, want, {node}, span);
  }
  if (have.kind == Kind::Date && target.kind == Kind::DateTime) return Make(Op::DateToDateTime, want, {node}, span);
  if (have.kind == Kind::List && target.kind == Kind::List) {
    // [Int] where [Decimal] is wanted, and the like: each element converted
    const int loop = NewLoop();
    Node element;
    element.op = Op::Element;
    element.type = have.element;
    element.loop = loop;
    element.span = span;
    const int value = Coerce(Add(std::move(element)), target.element);
    const int map = Make(Op::Map, want, {node, value}, span);
    N(map).loop = loop;
    return map;
  }
  Fail(span, "a `" + TypeName(p_, N(node).type) + "` where a `" + TypeName(p_, want) + "` is needed");
}

// ── rules ──

void Lowerer::Rules() {
  const ast::Module& main = *sema_.modules[0].ast;
  auto place = [&](Size s) {
    p_.lets_size = (p_.lets_size + s.align - 1) / s.align * s.align;
    const std::uint32_t at = p_.lets_size;
    p_.lets_size += s.size;
    return at;
  };
  for (const auto& rule : main.rules) {
    try {
      Scope scope;
      lower::Rule r;
      r.span = rule.span;
      if (rule.kind == ast::RuleKind::Let) {
        r.name = rule.name.name;
        auto let = typing_.decls.at(0).lets.find(r.name);
        r.type = let == typing_.decls[0].lets.end() ? -1 : FromSema(let->second.type);
        if (r.type < 0) Fail(rule.span, "the rule `" + r.name + "`");
        r.value = ExprAs(*rule.value, scope, r.type);
        r.slot = place(SlotOf(p_, r.type));
        lets_[r.name] = {static_cast<int>(p_.rules.size()), r.type};
      } else {
        r.is_require = true;
        r.type = Scalar(Kind::Bool);
        r.value = ExprAs(*rule.value, scope, r.type);
        r.require_index = p_.requires_count++;
        r.slot = place(Size{1, 1});  // 1 when the require failed
        r.message =
            rule.message ? Show(Expr(*rule.message, scope), rule.message->span) : ConstStr("rejected", rule.span);
        r.message_slot = place(SizeOf(p_, Scalar(Kind::Str)));
      }
      p_.rules.push_back(std::move(r));
    } catch (const NotCompiled& e) {
      sink_.report(diag::Kind::NotCompiled, e.span, e.what + " cannot be compiled");
    }
  }
}

int Lowerer::TextOrEmpty(const ast::Expr& e, Scope& scope) {
  int node = Expr(e, scope);
  if (T(node).optional) {
    const int present = Make(Op::IsPresent, Scalar(Kind::Bool), {node}, e.span);
    const int value = Make(Op::Unwrap, Required(N(node).type), {node}, e.span);
    N(value).site = Site(e.span);
    node = Make(Op::If, N(value).type, {present, value, ConstStr("", e.span)}, e.span);
  }
  return Show(node, e.span);
}

int Lowerer::Value(int node) {
  p_.values.push_back(node);
  return static_cast<int>(p_.values.size()) - 1;
}

int Lowerer::FunctionIndex(const ast::FnDecl& fn, std::size_t module) {
  if (auto it = functions_.find(&fn); it != functions_.end()) return it->second;
  const auto& info = typing_.decls.at(module).functions.at(fn.name.name);
  const int index = static_cast<int>(p_.functions.size());
  functions_[&fn] = index;
  Function f;
  f.name = fn.name.name;
  for (const auto& t : info.params) f.params.push_back(FromSema(t));
  f.result = FromSema(info.result);
  f.site = Site(fn.name.span, fn.name.name);
  p_.functions.push_back(f);
  Scope scope;
  scope.module = module;
  scope.rules_visible = false;
  for (std::size_t i = 0; i < fn.params.size(); ++i) {
    const int param = Make(Op::Param, f.params[i], {}, fn.params[i].span);
    N(param).imm = static_cast<std::int64_t>(i);
    scope.locals.emplace_back(fn.params[i].name.name, param);
  }
  const int body = ExprAs(*fn.body, scope, f.result);
  p_.functions[static_cast<std::size_t>(index)].body = body;
  return index;
}

// ── channels, locale, tests ──

void Lowerer::Channels() {
  const ast::Module& main = *sema_.modules[0].ast;
  try {
    Scope scope;
    if (main.locale) {
      p_.locale = Value(TextOrEmpty(*main.locale, scope));  // an absent locale is the default one
    }
    auto layout_of = [&](const std::string& channel) {
      for (std::size_t i = 0; i < main.layouts.size(); ++i)
        if (main.layouts[i].name.name == channel) return static_cast<int>(i);
      return -1;
    };
    if (main.channels) {
      for (const auto& entry : main.channels->entries) {
        Channel c;
        c.name = entry.channel.name;
        c.layout = layout_of(c.name);
        if (entry.when) {
          c.when = ExprAs(*entry.when, scope, Scalar(Kind::Bool));
          const auto& file = sema_.sources.file(entry.when->span.file);
          c.when_text =
              std::string(file.text().substr(entry.when->span.begin, entry.when->span.end - entry.when->span.begin));
        }
        if (entry.to) {
          c.to = Value(TextOrEmpty(*entry.to, scope));
          const auto& file = sema_.sources.file(entry.to->span.file);
          c.to_text = std::string(file.text().substr(entry.to->span.begin, entry.to->span.end - entry.to->span.begin));
        }
        p_.channels.push_back(std::move(c));
      }
      if (main.channels->otherwise_reject)
        p_.otherwise =
            Value(Show(Expr(*main.channels->otherwise_reject, scope), main.channels->otherwise_reject->span));
    } else {
      for (const auto& layout : main.layouts) {
        Channel c;
        c.name = layout.name.name;
        c.layout = layout_of(c.name);
        p_.channels.push_back(std::move(c));
      }
    }
  } catch (const NotCompiled& e) {
    sink_.report(diag::Kind::NotCompiled, e.span, e.what + " cannot be compiled");
  }
}

void Lowerer::Tests() {
  for (const auto& test : sema_.modules[0].ast->tests) {
    std::vector<int>& values = p_.test_values.emplace_back();
    for (const auto& expect : test.expects) {
      int value = -1;
      try {
        Scope scope;
        if (expect.kind == ast::ExpectKind::Value && expect.value)
          value = Value(ExprAs(*expect.value, scope, Scalar(Kind::Bool)));
        if ((expect.kind == ast::ExpectKind::Pages || expect.kind == ast::ExpectKind::Segments) && expect.value)
          value = Value(ExprAs(*expect.value, scope, Scalar(Kind::Int)));
        if (expect.kind == ast::ExpectKind::Encoding && expect.value)
          value = Value(ExprAs(*expect.value, scope, Scalar(Kind::Str)));
      } catch (const NotCompiled& e) {
        sink_.report(diag::Kind::NotCompiled, e.span, e.what + " cannot be compiled");
      }
      values.push_back(value);
    }
  }
}

}  // namespace detail

std::optional<Program> Lower(const sema::Program& checked, diag::Sink& sink) {
  return detail::Lowerer(checked, sink).Run();
}

}  // namespace missive::lower

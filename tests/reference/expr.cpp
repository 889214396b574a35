// Evaluation of expressions: names, members, operators, user functions, interpolation.
#include <charconv>
#include <string>

#include "runtime/data/schema.h"
#include "tests/reference/internal.h"

namespace missive::reference {

using value::Value;

namespace {

using ListPtr = std::shared_ptr<const value::List>;
using RecordPtr = std::shared_ptr<const value::Record>;

const Value* FieldOf(const value::Record& record, std::string_view name) {
  if (record.desc != nullptr) {
    const int i = record.desc->Find(std::string(name));
    return i < 0 ? nullptr : &record.fields[static_cast<std::size_t>(i)];
  }
  for (std::size_t i = 0; i < record.names.size(); ++i) {
    if (record.names[i] == name) return &record.fields[i];
  }
  return nullptr;
}

}  // namespace

Value Worker::Impl::Member(const Value& base, const ast::Ident& name, source::Span span) {
  if (base.is_none()) Fail(span, "`" + std::string(program.Text(span)) + "` is none here");
  if (!base.is<RecordPtr>()) Fail(span, "`" + name.name + "` is not a field of " + TypeOf(base));
  const Value* field = FieldOf(*base.as<RecordPtr>(), name.name);
  if (field == nullptr) Fail(span, "no field `" + name.name + "`");
  return *field;
}

Value Worker::Impl::Lookup(const ast::Ident& name, Env& env) {
  for (auto it = env.locals.rbegin(); it != env.locals.rend(); ++it) {
    if (it->name == name.name) return it->value;
  }
  if (auto let = lets.find(name.name); let != lets.end()) return let->second;
  if (record != nullptr) {
    if (const Value* field = FieldOf(*record, name.name)) return *field;
  }
  if (name.name == "it" && env.it != nullptr) return *env.it;
  Fail(name.span, "unknown name `" + name.name + "`");
}

Value Worker::Impl::CallUser(const ast::FnDecl& fn, std::size_t module, std::vector<Value> args, source::Span span) {
  if (args.size() != fn.params.size()) Fail(span, "wrong number of arguments to `" + fn.name.name + "`");
  CallDepth guard(depth, span);
  Env inner;
  inner.module = module;
  for (std::size_t i = 0; i < args.size(); ++i) inner.locals.push_back({fn.params[i].name.name, std::move(args[i])});
  return Eval(*fn.body, inner);
}

std::string Worker::Impl::Display(const Value& v, source::Span span) {
  if (v.is<std::string>()) return v.as<std::string>();
  if (v.is<std::int64_t>()) return std::to_string(v.as<std::int64_t>());
  if (v.is<value::Decimal>()) return v.as<value::Decimal>().ToString();
  if (v.is<bool>()) return v.as<bool>() ? "true" : "false";
  if (v.is<value::Date>()) return v.as<value::Date>().ToString();
  if (v.is<value::DateTime>()) return v.as<value::DateTime>().ToString();
  if (v.is_none()) return "";
  Fail(span, "cannot show " + TypeOf(v) + " as text; format it first");
}

bool Worker::Impl::EvalBool(const ast::Expr& e, Env& env) {
  const Value v = Eval(e, env);
  if (!v.is<bool>()) Fail(e.span, "expected a condition (true or false), found " + TypeOf(v));
  return v.as<bool>();
}

Value Worker::Impl::Lambda(const ast::Expr& body, const Value& element, Env& env) {
  // restored on every exit, exceptions included: `it` must never point at a destroyed element
  struct Restore {
    Env& env;
    const Value* saved;
    ~Restore() { env.it = saved; }
  } restore{env, env.it};
  env.it = &element;
  return Eval(body, env);
}

Value Worker::Impl::Eval(const ast::Expr& e, Env& env) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Int: {
      std::int64_t v = 0;
      auto [p, ec] = std::from_chars(e.text.data(), e.text.data() + e.text.size(), v);
      if (ec != std::errc()) Fail(e.span, "integer literal out of range");
      return v;
    }
    case K::Decimal: {
      auto d = value::Decimal::Parse(e.text);
      if (!d) Fail(e.span, "invalid decimal literal");
      return *d;
    }
    case K::String: return e.text;
    case K::Interpolated: {
      std::string out;
      for (const auto& part : e.parts) {
        if (!part.expr) {
          out += part.text;
          continue;
        }
        out += Display(Eval(*part.expr, env), part.span);
      }
      return out;
    }
    case K::Bool: return e.bool_value;
    case K::None: return value::None{};
    case K::Length:
    case K::Fraction:
    case K::Color: Fail(e.span, "a length or colour is not a value here");
    case K::Name:
      if (e.name.name == "page" || e.name.name == "pages") {
        Fail(e.span, "`" + e.name.name + "` is only known in page headers and footers");
      }
      return Lookup(e.name, env);
    case K::ImplicitMember:
      if (env.it == nullptr) Fail(e.span, "`." + e.name.name + "` outside a list operation");
      return Member(*env.it, e.name, e.span);
    case K::Member: return Member(Eval(*e.lhs, env), e.name, e.span);
    case K::Index: {
      const Value base = Eval(*e.lhs, env);
      const auto index = ToInt(Eval(*e.rhs, env), e.rhs->span);
      const auto& list = ToList(base, e.lhs->span);
      if (index < 0 || static_cast<std::size_t>(index) >= list.size()) {
        Fail(e.span, "index " + std::to_string(index) + " is out of range (the list has " +
                         std::to_string(list.size()) + " items)");
      }
      return list[static_cast<std::size_t>(index)];
    }
    case K::Call: {
      const ast::Expr& callee = *e.lhs;
      std::size_t module = env.module;
      std::string_view fname;
      if (callee.kind == K::Name) {
        fname = callee.name.name;
      } else if (callee.kind == K::Member && callee.lhs->kind == K::Name) {
        const auto& aliases = program.modules[env.module].module->aliases;
        auto alias = aliases.find(callee.lhs->name.name);
        if (alias == aliases.end()) Fail(callee.span, "unknown module `" + callee.lhs->name.name + "`");
        module = alias->second;
        fname = callee.name.name;
      } else {
        Fail(callee.span, "this cannot be called");
      }
      const auto& fns = program.modules[module].functions;
      if (auto fn = fns.find(std::string(fname)); fn != fns.end()) {
        std::vector<Value> args;
        for (const auto& a : e.args) args.push_back(Eval(*a.value, env));
        return CallUser(*fn->second.first, fn->second.second, std::move(args), e.span);  // runs in its own module
      }
      Value out;
      if (module == env.module && CallBuiltin(e, fname, env, out)) return out;
      Fail(callee.span, "unknown function `" + std::string(fname) + "`");
    }
    case K::Unary: {
      const Value v = Eval(*e.lhs, env);
      if (e.op == ast::Op::Not) {
        if (!v.is<bool>()) Fail(e.span, "`not` needs a condition, found " + TypeOf(v));
        return !v.as<bool>();
      }
      if (v.is<std::int64_t>()) {
        if (v.as<std::int64_t>() == INT64_MIN) Fail(e.span, "integer overflow");
        return -v.as<std::int64_t>();
      }
      auto d = value::Neg(ToDecimal(v, e.span));
      if (!d) Fail(e.span, "decimal overflow");
      return *d;
    }
    case K::Binary: {
      switch (e.op) {
        case ast::Op::And: return EvalBool(*e.lhs, env) && EvalBool(*e.rhs, env);
        case ast::Op::Or: return EvalBool(*e.lhs, env) || EvalBool(*e.rhs, env);
        case ast::Op::Where: {
          const Value list_value = Eval(*e.lhs, env);
          const auto& list = ToList(list_value, e.lhs->span);
          auto out = std::make_shared<value::List>();
          for (const auto& item : list) {
            const Value keep = Lambda(*e.rhs, item, env);
            if (!keep.is<bool>()) Fail(e.rhs->span, "a `where` condition must be true or false");
            if (keep.as<bool>()) out->push_back(item);
          }
          return ListPtr(std::move(out));
        }
        case ast::Op::Eq: return EqualValues(Eval(*e.lhs, env), Eval(*e.rhs, env));
        case ast::Op::Ne: return !EqualValues(Eval(*e.lhs, env), Eval(*e.rhs, env));
        case ast::Op::Lt: return CompareValues(Eval(*e.lhs, env), Eval(*e.rhs, env), e.span) < 0;
        case ast::Op::Le: return CompareValues(Eval(*e.lhs, env), Eval(*e.rhs, env), e.span) <= 0;
        case ast::Op::Gt: return CompareValues(Eval(*e.lhs, env), Eval(*e.rhs, env), e.span) > 0;
        case ast::Op::Ge: return CompareValues(Eval(*e.lhs, env), Eval(*e.rhs, env), e.span) >= 0;
        default: return Arith(e.op, Eval(*e.lhs, env), Eval(*e.rhs, env), e.span);
      }
    }
    case K::If: return EvalBool(*e.cond, env) ? Eval(*e.lhs, env) : Eval(*e.rhs, env);
    case K::Record: {
      auto record = std::make_shared<value::Record>();
      for (const auto& f : e.fields) {
        record->names.push_back(f.name.name);
        record->fields.push_back(Eval(*f.value, env));
      }
      return RecordPtr(std::move(record));
    }
    case K::List: {
      auto list = std::make_shared<value::List>();
      for (const auto& item : e.items) list->push_back(Eval(*item, env));
      return ListPtr(std::move(list));
    }
    case K::Error: Fail(e.span, "this expression has a syntax error");
  }
  Fail(e.span, "unsupported expression");
}

}  // namespace missive::reference

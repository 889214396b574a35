// Expressions → IR nodes: names resolve to locals, lets or input fields; operators get the operand
// types sema decided (numbers widened to Decimal where they mix, optionals wrapped to compare).
#include <charconv>

#include "compiler/lower/lowerer.h"

namespace missive::lower::detail {

namespace {

DecimalLit ParseDecimal(const std::string& text, source::Span span) {
  DecimalLit d;
  bool point = false;
  for (char c : text) {
    if (c == '.') {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') Fail(span, "the decimal literal `" + text + "`");
    if (d.mantissa > (static_cast<__int128>(1) << 120)) Fail(span, "the decimal literal `" + text + "` (too long)");
    d.mantissa = d.mantissa * 10 + (c - '0');
    if (point) ++d.scale;
  }
  if (d.scale > 18) Fail(span, "a decimal literal with more than 18 fractional digits");
  return d;
}

bool IsNumber(Kind k) { return k == Kind::Int || k == Kind::Decimal; }

}  // namespace

int Lowerer::Expr(const ast::Expr& e, Scope& scope) {
  const int node = ExprNode(e, scope);
  const TypeId want = TypeOf(e);
  return want >= 0 ? Coerce(node, want) : node;
}

int Lowerer::Element(int list, int loop, source::Span span) {
  Node n;
  n.op = Op::Element;
  n.type = T(list).element;
  n.loop = loop;
  n.span = span;
  return Add(std::move(n));
}

int Lowerer::Lambda(const ast::Expr& body, int list, int loop, Scope& scope) {
  scope.it.push_back(Element(list, loop, body.span));
  struct Pop {
    Scope& s;
    ~Pop() { s.it.pop_back(); }
  } pop{scope};
  return Expr(body, scope);
}

int Lowerer::Show(int node, source::Span span) {
  const Type& t = T(node);
  if (t.optional || t.kind == Kind::List || t.kind == Kind::Record)
    Fail(span, "showing a `" + TypeName(p_, N(node).type) + "` as text");
  if (t.kind == Kind::Str) return node;
  return Make(Op::Show, Scalar(Kind::Str), {node}, span);
}

int Lowerer::Name(const ast::Expr& e, Scope& scope) {
  const std::string& name = e.name.name;
  for (auto it = scope.locals.rbegin(); it != scope.locals.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  if (scope.rules_visible) {
    if (auto let = lets_.find(name); let != lets_.end()) {
      const int id = Make(Op::LetRef, let->second.second, {}, e.span);
      N(id).imm = let->second.first;
      return id;
    }
    const Record& input = p_.R(p_.input);
    if (const int field = input.Find(name); field >= 0) {
      const int record = Make(Op::Input, p_.Intern(Type{Kind::Record, false, -1, p_.input}), {}, e.span);
      const int id = Make(Op::Field, input.fields[static_cast<std::size_t>(field)].type, {record}, e.span);
      N(id).imm = field;
      return id;
    }
  }
  if (name == "it" && !scope.it.empty()) return scope.it.back();
  Fail(e.span, "the name `" + name + "`");
}

int Lowerer::Compare(const ast::Expr& e, Scope& scope) {
  const bool equality = e.op == ast::Op::Eq || e.op == ast::Op::Ne;
  const TypeId boolean = Scalar(Kind::Bool);
  if (equality && (e.lhs->kind == ast::ExprKind::None || e.rhs->kind == ast::ExprKind::None)) {
    const ast::Expr& other = e.lhs->kind == ast::ExprKind::None ? *e.rhs : *e.lhs;
    const int value = Expr(other, scope);
    int present = 0;
    if (T(value).optional) {
      present = Make(Op::IsPresent, boolean, {value}, e.span);
    } else {  // narrowed already: it has a value
      present = Make(Op::ConstBool, boolean, {}, e.span);
      N(present).imm = 1;
    }
    return e.op == ast::Op::Ne ? present : Make(Op::Not, boolean, {present}, e.span);
  }
  int a = Expr(*e.lhs, scope), b = Expr(*e.rhs, scope);
  TypeId ta = Required(N(a).type), tb = Required(N(b).type);
  if (ta != tb && IsNumber(p_.T(ta).kind) && IsNumber(p_.T(tb).kind)) ta = tb = Scalar(Kind::Decimal);
  if (ta != tb && N(a).op == Op::MakeList) ta = tb;  // `[] == xs`
  if (ta != tb && N(b).op == Op::MakeList) tb = ta;
  if (ta != tb) Fail(e.span, "comparing `" + TypeName(p_, ta) + "` with `" + TypeName(p_, tb) + "`");
  // an optional on either side: both compared as optionals (none equals none)
  const bool optional = T(a).optional || T(b).optional;
  const TypeId common = optional ? Optional(ta) : ta;
  if (optional && !equality) Fail(e.span, "ordering a value that may be none");
  a = Coerce(a, common);
  b = Coerce(b, common);
  static const std::map<ast::Op, Op> kOps{{ast::Op::Eq, Op::Eq}, {ast::Op::Ne, Op::Ne}, {ast::Op::Lt, Op::Lt},
                                          {ast::Op::Le, Op::Le}, {ast::Op::Gt, Op::Gt}, {ast::Op::Ge, Op::Ge}};
  const int id = Make(kOps.at(e.op), boolean, {a, b}, e.span);
  N(id).site = Site(e.span);
  return id;
}

int Lowerer::Binary(const ast::Expr& e, Scope& scope) {
  const TypeId boolean = Scalar(Kind::Bool);
  switch (e.op) {
    case ast::Op::And:
    case ast::Op::Or:
      return Make(e.op == ast::Op::And ? Op::And : Op::Or, boolean,
                  {ExprAs(*e.lhs, scope, boolean), ExprAs(*e.rhs, scope, boolean)}, e.span);
    case ast::Op::Where: {
      const int list = Expr(*e.lhs, scope);
      const int loop = NewLoop();
      const int pred = Coerce(Lambda(*e.rhs, list, loop, scope), boolean);
      const int id = Make(Op::Where, N(list).type, {list, pred}, e.span);
      N(id).loop = loop;
      return id;
    }
    case ast::Op::Eq:
    case ast::Op::Ne:
    case ast::Op::Lt:
    case ast::Op::Le:
    case ast::Op::Gt:
    case ast::Op::Ge: return Compare(e, scope);
    default: break;
  }
  const TypeId result = TypeOf(e);
  if (result < 0 || !IsNumber(p_.T(result).kind)) Fail(e.span, "arithmetic that is not on numbers");
  static const std::map<ast::Op, Op> kOps{{ast::Op::Add, Op::Add},
                                          {ast::Op::Sub, Op::Sub},
                                          {ast::Op::Mul, Op::Mul},
                                          {ast::Op::Div, Op::Div},
                                          {ast::Op::Mod, Op::Mod}};
  const int id = Make(kOps.at(e.op), result, {ExprAs(*e.lhs, scope, result), ExprAs(*e.rhs, scope, result)}, e.span);
  N(id).site = Site(e.span, "", p_.T(result).kind == Kind::Decimal);
  return id;
}

int Lowerer::Call(const ast::Expr& e, Scope& scope) {
  const ast::Expr& callee = *e.lhs;
  std::size_t module = scope.module;
  const std::string& name = callee.name.name;
  std::vector<std::size_t> modules;
  if (callee.kind == ast::ExprKind::Member && callee.lhs && callee.lhs->kind == ast::ExprKind::Name) {
    const auto& aliases = sema_.modules[scope.module].aliases;
    auto alias = aliases.find(callee.lhs->name.name);
    if (alias == aliases.end()) Fail(callee.span, "a call into an unknown module");
    modules.push_back(alias->second);
  } else if (callee.kind == ast::ExprKind::Name) {
    modules.push_back(module);
    const auto& imports = sema_.modules[module].std_imports;
    modules.insert(modules.end(), imports.begin(), imports.end());
  } else {
    Fail(callee.span, "a call of something that is not a function");
  }
  for (std::size_t m : modules) {
    const auto& functions = typing_.decls.at(m).functions;
    auto fn = functions.find(name);
    if (fn == functions.end()) continue;
    const int index = FunctionIndex(*fn->second.decl, m);
    const Function& f = p_.functions[static_cast<std::size_t>(index)];
    if (e.args.size() != f.params.size()) Fail(e.span, "a call with the wrong number of arguments");
    std::vector<int> args;
    for (std::size_t i = 0; i < e.args.size(); ++i) args.push_back(ExprAs(*e.args[i].value, scope, f.params[i]));
    const int id = Make(Op::Call, f.result, std::move(args), e.span);
    N(id).imm = index;
    N(id).site = Site(e.span, name);
    return id;
  }
  if (callee.kind == ast::ExprKind::Name) {
    if (const sema::BuiltinSpec* spec = sema::FindBuiltin(name)) return Builtin(e, *spec, scope);
  }
  Fail(callee.span, "the function `" + name + "`");
}

int Lowerer::ExprNode(const ast::Expr& e, Scope& scope) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Int: {
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(e.text.data(), e.text.data() + e.text.size(), v);
      if (ec != std::errc() || end != e.text.data() + e.text.size()) Fail(e.span, "an integer literal out of range");
      return ConstInt(v, e.span);
    }
    case K::Decimal: {
      const int id = Make(Op::ConstDecimal, Scalar(Kind::Decimal), {}, e.span);
      N(id).dec = ParseDecimal(e.text, e.span);
      return id;
    }
    case K::String: return ConstStr(e.text, e.span);
    case K::Interpolated: {
      int out = -1;
      for (const auto& part : e.parts) {
        const int piece = part.expr ? Show(Expr(*part.expr, scope), part.span) : ConstStr(part.text, part.span);
        out = out < 0 ? piece : Make(Op::Concat, Scalar(Kind::Str), {out, piece}, e.span);
      }
      return out < 0 ? ConstStr("", e.span) : out;
    }
    case K::Bool: {
      const int id = Make(Op::ConstBool, Scalar(Kind::Bool), {}, e.span);
      N(id).imm = e.bool_value ? 1 : 0;
      return id;
    }
    case K::None: return Make(Op::None, -1, {}, e.span);
    case K::Name: return Name(e, scope);
    case K::ImplicitMember: {
      if (scope.it.empty()) Fail(e.span, "`." + e.name.name + "` outside a list function");
      const int element = Coerce(scope.it.back(), Required(N(scope.it.back()).type));
      if (T(element).kind != Kind::Record) Fail(e.span, "`." + e.name.name + "` of a value that is not a record");
      const int field = p_.R(T(element).record).Find(e.name.name);
      if (field < 0) Fail(e.span, "the field `" + e.name.name + "`");
      const int id =
          Make(Op::Field, p_.R(T(element).record).fields[static_cast<std::size_t>(field)].type, {element}, e.span);
      N(id).imm = field;
      return id;
    }
    case K::Member: {
      const int base = Expr(*e.lhs, scope);
      if (T(base).kind != Kind::Record || T(base).optional) Fail(e.span, "a field of a value that is not a record");
      const Record& record = p_.R(T(base).record);
      const int field = record.Find(e.name.name);
      if (field < 0) Fail(e.span, "the field `" + e.name.name + "`");
      const int id = Make(Op::Field, record.fields[static_cast<std::size_t>(field)].type, {base}, e.span);
      N(id).imm = field;
      return id;
    }
    case K::Index: {
      const int list = Expr(*e.lhs, scope);
      if (T(list).kind != Kind::List) Fail(e.span, "indexing a value that is not a list");
      const int id = Make(Op::Index, T(list).element, {list, ExprAs(*e.rhs, scope, Scalar(Kind::Int))}, e.span);
      N(id).site = Site(e.span);
      return id;
    }
    case K::Call: return Call(e, scope);
    case K::Unary: {
      if (e.op == ast::Op::Not)
        return Make(Op::Not, Scalar(Kind::Bool), {ExprAs(*e.lhs, scope, Scalar(Kind::Bool))}, e.span);
      const TypeId result = TypeOf(e);
      if (result < 0 || !IsNumber(p_.T(result).kind)) Fail(e.span, "negating a value that is not a number");
      const int id = Make(Op::Neg, result, {ExprAs(*e.lhs, scope, result)}, e.span);
      N(id).site = Site(e.span, "", p_.T(result).kind == Kind::Decimal);
      return id;
    }
    case K::Binary: return Binary(e, scope);
    case K::If: {
      const TypeId result = TypeOf(e);
      if (result < 0) Fail(e.span, "an `if` without a type");
      const int c = ExprAs(*e.cond, scope, Scalar(Kind::Bool));
      const int a = ExprAs(*e.lhs, scope, result), b = ExprAs(*e.rhs, scope, result);
      return Make(Op::If, result, {c, a, b}, e.span);
    }
    case K::List: {
      // `[]` alone has no element type yet: the context's conversion types it
      const TypeId list = e.items.empty() ? ListOf(Scalar(Kind::Int)) : TypeOf(e);
      if (list < 0) Fail(e.span, "a list without a type");
      std::vector<int> items;
      for (const auto& item : e.items) items.push_back(ExprAs(*item, scope, p_.T(list).element));
      return Make(Op::MakeList, list, std::move(items), e.span);
    }
    case K::Length:
    case K::Fraction:
    case K::Color: Fail(e.span, "a length or colour used as a value");
    case K::Record: Fail(e.span, "a record literal outside a test's `given`");
    case K::Error: Fail(e.span, "an expression with a syntax error");
  }
  Fail(e.span, "this expression");
}

}  // namespace missive::lower::detail

// Builtin calls → IR: arguments bound by the builtin table; list functions with lambdas become loops
// (Count, Sum, Map, …), every other builtin a call of its runtime symbol with its parameters' types.
#include "compiler/lower/lowerer.h"

namespace missive::lower::detail {

namespace {

using sema::Builtin;

}  // namespace

int Lowerer::Builtin(const ast::Expr& e, const sema::BuiltinSpec& spec, Scope& scope) {
  diag::Sink ignored;  // sema reported any problem with the arguments
  const std::vector<const ast::Expr*> args = sema::BindArguments(spec, e, ignored);
  if (args.empty()) Fail(e.span, "a call of `" + spec.name + "` with bad arguments");
  const TypeId result = TypeOf(e);
  const TypeId decimal = Scalar(Kind::Decimal), boolean = Scalar(Kind::Bool);
  auto given = [&](std::size_t i) { return args[i] != nullptr; };
  auto loop_node = [&](Op op, TypeId type, std::vector<int> operands, int loop) {
    const int id = Make(op, type, std::move(operands), e.span);
    N(id).loop = loop;
    return id;
  };
  auto list_of = [&](const ast::Expr& arg) {
    const int list = Expr(arg, scope);
    if (T(list).kind != Kind::List || T(list).optional)
      Fail(arg.span, "`" + spec.name + "` of a value that is not a list");
    return list;
  };
  // the lambda at `i` over `list`'s element, or the element itself when left out
  auto mapped = [&](std::size_t i, int list, int loop) {
    return given(i) ? Lambda(*args[i], list, loop, scope) : Element(list, loop, e.span);
  };

  switch (spec.id) {
    case Builtin::Count:
    case Builtin::Sum: {
      // `count(xs where p)` and `sum(xs where p, f)` filter inside the one loop
      const ast::Expr& source = *args[0];
      const bool filtered = source.kind == ast::ExprKind::Binary && source.op == ast::Op::Where;
      const int loop = NewLoop();
      const int list = list_of(filtered ? *source.lhs : source);
      const int pred = filtered ? Coerce(Lambda(*source.rhs, list, loop, scope), boolean) : -1;
      if (spec.id == Builtin::Count) {
        return loop_node(Op::Count, Scalar(Kind::Int),
                         pred >= 0 ? std::vector<int>{list, pred} : std::vector<int>{list}, loop);
      }
      const int value = Coerce(mapped(1, list, loop), result);
      const int id = loop_node(Op::Sum, result, {list, pred, value}, loop);
      N(id).site = Site(e.span, spec.name, p_.T(result).kind == Kind::Decimal);
      return id;
    }
    case Builtin::Min:
    case Builtin::Max: {
      const int loop = NewLoop();
      const int list = list_of(*args[0]);
      const int id = loop_node(Op::MinMax, result, {list, Coerce(mapped(1, list, loop), result)}, loop);
      N(id).imm = spec.id == Builtin::Max ? 1 : 0;
      N(id).site = Site(e.span, spec.name);
      return id;
    }
    case Builtin::First:
    case Builtin::Last: {
      const int list = list_of(*args[0]);
      const int id = Make(Op::FirstLast, T(list).element, {list}, e.span);
      N(id).imm = spec.id == Builtin::Last ? 1 : 0;
      N(id).site = Site(e.span, spec.name);
      return id;
    }
    case Builtin::Map: {
      const int loop = NewLoop();
      const int list = list_of(*args[0]);
      return loop_node(Op::Map, result, {list, Coerce(mapped(1, list, loop), p_.T(result).element)}, loop);
    }
    case Builtin::SortBy:
    case Builtin::GroupBy: {
      const int loop = NewLoop();
      const int list = list_of(*args[0]);
      const int key = mapped(1, list, loop);
      if (T(key).optional) Fail(args[1]->span, "a key that may be none");
      const int id = loop_node(spec.id == Builtin::SortBy ? Op::SortBy : Op::GroupBy, result, {list, key}, loop);
      N(id).site = Site(e.span, spec.name);
      return id;
    }
    case Builtin::RunningSum: {
      const int loop = NewLoop();
      const int list = list_of(*args[0]);
      const int value = Coerce(mapped(1, list, loop), decimal);
      const int start = given(2) ? ExprAs(*args[2], scope, decimal) : -1;
      const int id = loop_node(Op::RunningSum, result, {list, value, start}, loop);
      N(id).site = Site(e.span, spec.name, true);
      return id;
    }
    case Builtin::Any:
    case Builtin::All: {
      const int loop = NewLoop();
      const int list = list_of(*args[0]);
      const int id = loop_node(Op::AnyAll, boolean, {list, Coerce(Lambda(*args[1], list, loop, scope), boolean)}, loop);
      N(id).imm = spec.id == Builtin::All ? 1 : 0;
      return id;
    }
    case Builtin::StringOf: return Show(Expr(*args[0], scope), e.span);
    default: break;
  }

  // A runtime builtin: each parameter as the table types it, defaults from the table.
  std::vector<int> operands;
  for (std::size_t i = 0; i < spec.params.size(); ++i) {
    const sema::BuiltinParam& param = spec.params[i];
    const source::Span at = given(i) ? args[i]->span : e.span;
    if (param.type == "Rounding") {
      const std::string mode = given(i) ? args[i]->text : param.default_value.substr(1, param.default_value.size() - 2);
      const int code = sema::RoundingMode(mode);
      if (code < 0) Fail(at, "the rounding mode `" + mode + "`");
      operands.push_back(ConstInt(code, at));
      continue;
    }
    TypeId type = -1;
    if (param.type == "String" || param.type == "Currency") type = Scalar(Kind::Str);
    if (param.type == "Int") type = Scalar(Kind::Int);
    if (param.type == "Decimal") type = decimal;
    if (param.type == "Date") type = Scalar(Kind::Date);
    if (param.type == "Bool") type = boolean;
    if (param.type == "[String]") type = ListOf(Scalar(Kind::Str));
    if (param.type == "Date | DateTime") type = Scalar(Kind::DateTime);
    if (type < 0) Fail(at, "the parameter `" + param.name + "` of `" + spec.name + "`");
    if (given(i)) {
      operands.push_back(ExprAs(*args[i], scope, type));
      continue;
    }
    const std::string& d = param.default_value;
    if (d.size() >= 2 && d.front() == '"') {
      operands.push_back(ConstStr(d.substr(1, d.size() - 2), at));
    } else {
      operands.push_back(Coerce(ConstInt(std::stoll(d), at), type));
    }
  }
  if (result < 0) Fail(e.span, "the result of `" + spec.name + "`");
  const int id = Make(Op::Builtin, result, std::move(operands), e.span);
  N(id).imm = static_cast<std::int64_t>(spec.id);
  N(id).site = Site(e.span, spec.name, p_.T(result).kind == Kind::Decimal);
  return id;
}

}  // namespace missive::lower::detail

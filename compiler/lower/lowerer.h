// The lowering's internals, shared by the files of compiler/lower: expressions (lower.cpp) and the
// print layout (lower_layout.cpp) are lowered by one Lowerer so they share names, loops and narrowing.
#pragma once

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>

#include "compiler/lower/lower.h"
#include "compiler/sema/check.h"
#include "runtime/abi/abi.h"

namespace missive::lower::detail {

struct Unsupported {
  std::string what;
};

[[noreturn]] inline void No(std::string what) { throw Unsupported{std::move(what)}; }

struct LetInfo {
  int rule = -1;
  Ty ty = Ty::Bool;
};

inline Ty ScalarTy(data::Type type) {
  switch (type) {
    case data::Type::Bool: return Ty::Bool;
    case data::Type::Int: return Ty::Int;
    case data::Type::Decimal: return Ty::Decimal;
    case data::Type::Date: return Ty::Date;
    case data::Type::DateTime: return Ty::DateTime;
    case data::Type::List: return Ty::List;
    case data::Type::Record: return Ty::Ptr;
    default: return Ty::Str;
  }
}

inline bool IsNum(Ty t) { return t == Ty::Int || t == Ty::Decimal; }

class Lowerer {
 public:
  Lowerer(const data::RecordDesc& input, const abi::Layouts& layouts) : input_(input), layouts_(layouts) {}

  RuleProgram program;

  void Rule(const ast::Rule& rule) {
    const std::size_t mark = program.nodes.size();
    try {
      lower::Rule r;
      r.span = rule.span;
      if (rule.kind == ast::RuleKind::Let) {
        r.name = rule.name.name;
        r.value = Use(Expr(*rule.value));
        r.ty = N(r.value).ty;
        const std::uint32_t size = TySize(r.ty);
        const std::uint32_t align = std::min<std::uint32_t>(size, 8);
        program.lets_size = (program.lets_size + align - 1) / align * align;
        r.slot = program.lets_size;
        program.lets_size += size;
        program.lets_align = std::max(program.lets_align, align);
      } else {
        r.is_require = true;
        r.value = Use(Expr(*rule.value));
        if (N(r.value).ty != Ty::Bool) No("a `require` condition that is not a Bool");
        if (!rule.message || rule.message->kind != ast::ExprKind::String)
          No("a reject message that is not a plain string");
        if (requires_ == 64) No("more than 64 requires");
        r.require_index = requires_++;
        r.message = rule.message->text;
      }
      if (!r.is_require) {
        lets_[r.name] = LetInfo{static_cast<int>(program.rules.size()), r.ty};
        shapes_[r.name] = r.value;  // the node that carries a list's stride and element type
      }
      program.rules.push_back(std::move(r));
    } catch (const Unsupported& u) {
      program.nodes.resize(mark);
      const std::string label = rule.kind == ast::RuleKind::Let ? "rule `" + rule.name.name + "`" : "a `require`";
      unsupported.push_back(label + ": " + u.what + " is not supported");
      if (rule.kind == ast::RuleKind::Let) unavailable_.insert({rule.name.name, true});
    }
  }

  std::vector<std::string> unsupported;

  // ── what lower_layout.cpp and the channel/locale lowering use ──
  const sema::Program* sema = nullptr;              ///< modules for functions and components (null: rules only)
  std::size_t module = 0;                           ///< the module whose names are being lowered
  std::vector<std::pair<std::string, int>> locals;  ///< parameters, loop variables: name → node
  std::vector<std::string> narrowed;                ///< signatures of optional values known to be present
  int depth = 0;                                    ///< inlined calls (bounded like the evaluator's)

  int Expr(const ast::Expr& e);
  int Use(int id) {
    if (N(id).bit >= 0 && std::find(narrowed.begin(), narrowed.end(), Sig(id)) == narrowed.end())
      No("using an optional field's value");
    return id;
  }
  Node& N(int id) { return program.nodes[static_cast<std::size_t>(id)]; }
  int Make(Op op, Ty ty, std::vector<int> args, source::Span span) {
    Node n;
    n.op = op;
    n.ty = ty;
    n.args = std::move(args);
    n.span = span;
    return Add(std::move(n));
  }
  /// A Str node showing `id` as the evaluator's Display does.
  int Show(int id) {
    const Ty ty = N(Use(id)).ty;
    if (ty == Ty::Str) return id;
    if (ty == Ty::List || ty == Ty::Ptr) No("showing a list or record as text");
    return Make(Op::Show, Ty::Str, {id}, N(id).span);
  }
  /// The optional values a condition proves present: `x != none` and its `and` conjuncts.
  void Narrow(const ast::Expr& cond) {
    if (cond.kind == ast::ExprKind::Binary && cond.op == ast::Op::And) {
      Narrow(*cond.lhs);
      Narrow(*cond.rhs);
    } else if (cond.kind == ast::ExprKind::Binary && cond.op == ast::Op::Ne && cond.rhs->kind == ast::ExprKind::None) {
      const std::size_t mark = program.nodes.size();
      try {
        narrowed.push_back(Sig(Expr(*cond.lhs)));
      } catch (const Unsupported&) {
      }
      program.nodes.resize(mark);
    }
  }
  int Element(int loop, int list_id, source::Span span);
  int NewLoop() { return program.loops++; }

  // ── the print layout (lower_layout.cpp) ──
  const StyleFn* styles = nullptr;
  ProgramLowering* out = nullptr;
  bool page_slot = false;  ///< `page`/`pages` are spans here
  void Print(const ast::LayoutDecl& layout);
  void Stmts(const std::vector<ast::StmtPtr>& stmts, const compose::Style* style, std::vector<LStmt>& into);
  void Stmt(const ast::Stmt& stmt, const compose::Style* style, std::vector<LStmt>& into);
  void Spans(const ast::Expr& e, std::vector<LStmt>& into);
  const compose::Style* Derive(const compose::Style* parent, const std::optional<ast::Ident>& name);
  std::uint32_t Proto(compose::Prototype proto);
  std::uint32_t Proto(compose::BlockPtr block);

 private:
  // A structural key of a value's source (input, fields, loop elements, parameters resolved): two
  // nodes with one key read the same field of the same record.
  std::string Sig(int id) {
    const Node& n = N(id);
    std::string key =
        std::to_string(static_cast<int>(n.op)) + ":" + std::to_string(n.imm) + ":" + std::to_string(n.loop);
    for (int a : n.args) key += "(" + (a < 0 ? std::string("-") : Sig(a)) + ")";
    return key;
  }
  const data::RecordDesc& input_;
  const abi::Layouts& layouts_;
  std::map<std::string, LetInfo> lets_;
  std::map<std::string, int> shapes_;
  std::map<std::string, bool> unavailable_;
  struct Loop {
    int id;
    int list;  // node ids, not pointers: the node vector grows
  };
  std::vector<Loop> loops_;
  int requires_ = 0;

  int Add(Node n) {
    program.nodes.push_back(std::move(n));
    return static_cast<int>(program.nodes.size()) - 1;
  }

  int ToDec(int id) {
    if (N(id).ty == Ty::Decimal) return id;
    if (N(id).op == Op::ConstInt) {  // a constant: no conversion at run time
      Node& n = N(id);
      n.op = Op::ConstDecimal;
      n.ty = Ty::Decimal;
      n.dec = value::Decimal::FromInt(n.imm);
      return id;
    }
    return Make(Op::IntToDec, Ty::Decimal, {id}, N(id).span);
  }

  // A field of the record at `base` (a Ptr node): nested records stay addresses, all offsets folded.
  int Field(int base, const std::string& name, source::Span span) {
    const data::RecordDesc* desc = N(base).record;
    if (desc == nullptr) No("a field of a value that is not a record");
    const int i = desc->Find(name);
    if (i < 0) No("an unknown field");
    const data::FieldDesc& f = desc->fields[static_cast<std::size_t>(i)];
    const abi::FieldLayout& fl = layouts_.Of(*desc).fields[static_cast<std::size_t>(i)];
    std::int64_t offset = fl.offset;
    int root = base;
    if (N(base).op == Op::FieldAddr) {
      offset += N(base).imm;
      root = N(base).args[0];
    }
    Node n;
    n.span = span;
    n.args = {root};
    n.imm = offset;
    n.bit = fl.presence_bit;
    n.ty = ScalarTy(f.type.type);
    if (f.type.type == data::Type::Record) {
      n.op = Op::FieldAddr;
      n.record = f.type.record;
    } else {
      n.op = Op::Load;
      if (f.type.type == data::Type::List) {
        const data::TypeDesc& e = *f.type.element;
        if (e.optional) No("a list of optional values");
        n.stride = layouts_.Stride(e);
        n.element_ty = ScalarTy(e.type);
        if (n.element_ty == Ty::List) No("a list of lists");
        n.record = e.record;
      }
    }
    // The presence bit belongs to the record that holds the field: keep that record's address.
    if (n.bit >= 0) {
      n.args = {base};
      n.imm = fl.offset;
    }
    return Add(std::move(n));
  }

  int Literal(const ast::Expr& e) {
    Node n;
    n.span = e.span;
    switch (e.kind) {
      case ast::ExprKind::Int: {
        n.op = Op::ConstInt;
        n.ty = Ty::Int;
        auto [p, ec] = std::from_chars(e.text.data(), e.text.data() + e.text.size(), n.imm);
        if (ec != std::errc() || p != e.text.data() + e.text.size()) No("an integer literal out of range");
        break;
      }
      case ast::ExprKind::Decimal: {
        auto d = value::Decimal::Parse(e.text);
        if (!d) No("an invalid decimal literal");
        n.op = Op::ConstDecimal;
        n.ty = Ty::Decimal;
        n.dec = *d;
        break;
      }
      case ast::ExprKind::String:
        n.op = Op::ConstStr;
        n.ty = Ty::Str;
        n.str = e.text;
        break;
      default:
        n.op = Op::ConstBool;
        n.ty = Ty::Bool;
        n.imm = e.bool_value ? 1 : 0;
        break;
    }
    return Add(std::move(n));
  }

  int Name(const ast::Expr& e) {
    const std::string& name = e.name.name;
    for (auto it = locals.rbegin(); it != locals.rend(); ++it) {
      if (it->first == name) return it->second;
    }
    if (unavailable_.count(name)) No("a rule that depends on `" + name + "`");
    if (auto let = lets_.find(name); let != lets_.end()) {
      const Node& shape = N(shapes_.at(name));
      Node n;
      n.op = Op::LetRef;
      n.ty = let->second.ty;
      n.imm = let->second.rule;
      n.stride = shape.stride;
      n.element_ty = shape.element_ty;
      n.record = shape.record;
      n.span = e.span;
      return Add(std::move(n));
    }
    if (input_.Find(name) >= 0) {
      Node in;
      in.op = Op::Input;
      in.ty = Ty::Ptr;
      in.record = &input_;
      in.span = e.span;
      return Field(Add(std::move(in)), name, e.span);
    }
    No("the name `" + name + "`");
  }

  // The list operand of count/sum/first: `xs` or `xs where pred`; returns (list, predicate or -1).
  std::pair<int, int> ListArg(const ast::Expr& e, int loop) {
    if (e.kind == ast::ExprKind::Binary && e.op == ast::Op::Where) {
      const int list = Use(Expr(*e.lhs));
      if (N(list).ty != Ty::List) No("`where` on a value that is not a list");
      loops_.push_back(Loop{loop, list});
      const int pred = Use(Expr(*e.rhs));
      loops_.pop_back();
      if (N(pred).ty != Ty::Bool) No("a `where` condition that is not a Bool");
      return {list, pred};
    }
    const int list = Use(Expr(e));
    if (N(list).ty != Ty::List) No("a list function on a value that is not a list");
    return {list, -1};
  }

  int Call(const ast::Expr& e) {
    if (const ast::FnDecl* fn = UserFunction(*e.lhs)) return Inline(*fn, e);
    if (e.lhs->kind != ast::ExprKind::Name) No("calling a module function");
    const std::string& f = e.lhs->name.name;
    if (f == "money" || f == "format" || f == "string") return Formatting(e, f);
    if (f != "count" && f != "sum" && f != "first" && f != "running_sum") No("`" + f + "`");
    if (f == "running_sum") return RunningSum(e);
    for (const auto& a : e.args)
      if (a.name) No("`" + f + "` with a named argument");
    if (f == "count" && e.args.size() == 1) {
      const int loop = program.loops++;
      auto [list, pred] = ListArg(*e.args[0].value, loop);
      std::vector<int> args{list};
      if (pred >= 0) args.push_back(pred);
      const int id = Make(Op::Count, Ty::Int, std::move(args), e.span);
      N(id).loop = loop;
      return id;
    }
    if (f == "sum" && (e.args.size() == 1 || e.args.size() == 2)) {
      const int loop = program.loops++;
      auto [list, pred] = ListArg(*e.args[0].value, loop);
      int value = -1;
      loops_.push_back(Loop{loop, list});
      if (e.args.size() == 2) {
        value = Use(Expr(*e.args[1].value));
      } else {
        value = Element(loop, list, e.span);
      }
      loops_.pop_back();
      // The evaluator's sum of Ints is an Int only for a non-empty list: a static type needs Decimal.
      if (N(value).ty != Ty::Decimal) No("`sum` of values that are not Decimal");
      const int id = Make(Op::Sum, Ty::Decimal, {list, pred, value}, e.span);
      N(id).loop = loop;
      return id;
    }
    if (f == "first" && e.args.size() == 1) {
      const int list = Use(Expr(*e.args[0].value));
      if (N(list).ty != Ty::List || N(list).element_ty != Ty::Ptr) No("`first` of a list that is not of records");
      const int id = Make(Op::First, Ty::Ptr, {list}, e.span);
      N(id).record = N(list).record;
      return id;
    }
    No("`" + f + "`");
  }

  // A user function of the module being lowered (own or std-imported), or `alias.fn`.
  const ast::FnDecl* UserFunction(const ast::Expr& callee) {
    if (sema == nullptr) return nullptr;
    std::size_t m = module;
    std::string name;
    if (callee.kind == ast::ExprKind::Name) {
      name = callee.name.name;
    } else if (callee.kind == ast::ExprKind::Member && callee.lhs->kind == ast::ExprKind::Name) {
      const auto& aliases = sema->modules[module].aliases;
      auto alias = aliases.find(callee.lhs->name.name);
      if (alias == aliases.end()) return nullptr;
      m = alias->second;
      name = callee.name.name;
    } else {
      return nullptr;
    }
    std::vector<std::size_t> scopes{m};
    if (callee.kind == ast::ExprKind::Name)
      scopes.insert(scopes.end(), sema->modules[m].std_imports.begin(), sema->modules[m].std_imports.end());
    for (std::size_t s : scopes) {
      for (const auto& fn : sema->modules[s].ast->functions) {
        if (fn.name.name == name) {
          callee_module_ = s;
          return &fn;
        }
      }
    }
    return nullptr;
  }

  // A call inlined: the arguments are bound to the parameters (pure expressions, so re-evaluating
  // an argument where it is used gives the evaluator's result), the body lowered in its own module.
  int Inline(const ast::FnDecl& fn, const ast::Expr& call) {
    if (call.args.size() != fn.params.size()) No("a call with the wrong number of arguments");
    if (++depth > 32) No("calls nested more than 32 deep");
    std::vector<std::pair<std::string, int>> bound;
    for (std::size_t i = 0; i < call.args.size(); ++i)
      bound.emplace_back(fn.params[i].name.name, Use(Expr(*call.args[i].value)));
    const std::size_t saved_module = module;
    module = callee_module_;
    std::swap(locals, bound);
    struct Restore {
      Lowerer& l;
      std::vector<std::pair<std::string, int>>& bound;
      std::size_t saved;
      ~Restore() {
        std::swap(l.locals, bound);
        l.module = saved;
        --l.depth;
      }
    } restore{*this, bound, saved_module};
    return Use(Expr(*fn.body));
  }

  int Formatting(const ast::Expr& e, const std::string& f) {
    for (const auto& a : e.args)
      if (a.name) No("`" + f + "` with a named argument");
    if (f == "string" && e.args.size() == 1) return Show(Expr(*e.args[0].value));
    if (e.args.size() != 2) No("`" + f + "` with this many arguments");
    int a = Use(Expr(*e.args[0].value));
    const int b = Use(Expr(*e.args[1].value));
    if (N(b).ty != Ty::Str) No("`" + f + "` with a second argument that is not a String");
    if (f == "money") {
      if (!IsNum(N(a).ty)) No("`money` of a value that is not a number");
      return Make(Op::Money, Ty::Str, {ToDec(a), b}, e.span);
    }
    if (N(a).ty != Ty::Date && N(a).ty != Ty::DateTime) No("`format` of a value that is not a date");
    return Make(Op::FormatDate, Ty::Str, {a, b}, e.span);
  }

  std::size_t callee_module_ = 0;

  // running_sum(list [, value] [, from: start]): Decimal totals, one per element.
  int RunningSum(const ast::Expr& e) {
    std::vector<const ast::Expr*> positional;
    const ast::Expr* from = nullptr;
    for (const auto& a : e.args) {
      if (!a.name) {
        positional.push_back(a.value.get());
      } else if (a.name->name == "from" && from == nullptr) {
        from = a.value.get();
      } else {
        No("`running_sum` with the named argument `" + a.name->name + "`");
      }
    }
    if (positional.empty() || positional.size() > 2) No("`running_sum` with this many arguments");
    const int loop = program.loops++;
    const int list = Use(Expr(*positional[0]));
    if (N(list).ty != Ty::List) No("`running_sum` of a value that is not a list");
    loops_.push_back(Loop{loop, list});
    int value = positional.size() == 2 ? Use(Expr(*positional[1])) : Element(loop, list, e.span);
    loops_.pop_back();
    if (!IsNum(N(value).ty)) No("`running_sum` of values that are not numbers");
    value = ToDec(value);
    int start = -1;
    if (from != nullptr) {
      start = Use(Expr(*from));
      if (!IsNum(N(start).ty)) No("a `running_sum` start that is not a number");
      start = ToDec(start);
    }
    const int id = Make(Op::RunningSum, Ty::List, {list, value, start}, e.span);
    Node& n = N(id);
    n.loop = loop;
    n.element_ty = Ty::Decimal;
    n.stride = sizeof(MsvDecimal);
    return id;
  }

  int ElementImpl(int loop, int list_id, source::Span span) {
    const Node list = N(list_id);
    Node n;
    n.op = Op::Element;
    n.loop = loop;
    n.ty = list.element_ty;
    n.record = list.record;
    n.span = span;
    return Add(std::move(n));
  }

  int Compare(const ast::Expr& e) {
    const bool eq = e.op == ast::Op::Eq || e.op == ast::Op::Ne;
    if (eq && (e.rhs->kind == ast::ExprKind::None || e.lhs->kind == ast::ExprKind::None)) {
      const ast::Expr& other = e.rhs->kind == ast::ExprKind::None ? *e.lhs : *e.rhs;
      const int v = Expr(other);
      if (N(v).bit < 0) No("comparing a value that is never none with `none`");
      const int present = Make(Op::Present, Ty::Bool, {N(v).args[0]}, e.span);
      N(present).imm = N(v).bit;
      return e.op == ast::Op::Ne ? present : Make(Op::Not, Ty::Bool, {present}, e.span);
    }
    int a = Use(Expr(*e.lhs)), b = Use(Expr(*e.rhs));
    const Ty ta = N(a).ty, tb = N(b).ty;
    if (IsNum(ta) && IsNum(tb)) {
      if (ta != tb) {
        a = ToDec(a);
        b = ToDec(b);
      }
    } else if (ta != tb) {
      No("comparing values of different types");
    } else if (ta == Ty::List || ta == Ty::Ptr) {
      No("comparing lists or records");
    } else if (ta == Ty::Str && !eq) {
      No("ordering strings");
    } else if (ta == Ty::Bool && !eq) {
      No("ordering Bools");
    }
    static const std::map<ast::Op, Op> kOps{{ast::Op::Eq, Op::Eq}, {ast::Op::Ne, Op::Ne}, {ast::Op::Lt, Op::Lt},
                                            {ast::Op::Le, Op::Le}, {ast::Op::Gt, Op::Gt}, {ast::Op::Ge, Op::Ge}};
    return Make(kOps.at(e.op), Ty::Bool, {a, b}, e.span);
  }

  int Arith(const ast::Expr& e) {
    int a = Use(Expr(*e.lhs)), b = Use(Expr(*e.rhs));
    if (!IsNum(N(a).ty) || !IsNum(N(b).ty)) No("arithmetic on values that are not numbers");
    static const std::map<ast::Op, Op> kOps{{ast::Op::Add, Op::Add},
                                            {ast::Op::Sub, Op::Sub},
                                            {ast::Op::Mul, Op::Mul},
                                            {ast::Op::Div, Op::Div},
                                            {ast::Op::Mod, Op::Mod}};
    const Op op = kOps.at(e.op);
    if (N(a).ty == Ty::Int && N(b).ty == Ty::Int && op != Op::Div) return Make(op, Ty::Int, {a, b}, e.span);
    if (op == Op::Mod) No("`%` on Decimals");
    return Make(op, Ty::Decimal, {ToDec(a), ToDec(b)}, e.span);
  }

  int ExprImpl(const ast::Expr& e) {
    using K = ast::ExprKind;
    switch (e.kind) {
      case K::Int:
      case K::Decimal:
      case K::String:
      case K::Bool: return Literal(e);
      case K::Name: return Name(e);
      case K::ImplicitMember: {
        if (loops_.empty()) No("`.field` outside a list operation");
        const Loop loop = loops_.back();
        if (N(loop.list).element_ty != Ty::Ptr) No("`.field` of a list that is not of records");
        return Field(Element(loop.id, loop.list, e.span), e.name.name, e.span);
      }
      case K::Member: {
        if (e.lhs->kind == K::Name && e.lhs->name.name == "it") No("`it`");
        const int base = Use(Expr(*e.lhs));
        if (N(base).ty != Ty::Ptr) No("a member of a value that is not a record");
        return Field(base, e.name.name, e.span);
      }
      case K::Call: return Call(e);
      case K::Unary: {
        const int v = Use(Expr(*e.lhs));
        if (e.op == ast::Op::Not) {
          if (N(v).ty != Ty::Bool) No("`not` of a value that is not a Bool");
          return Make(Op::Not, Ty::Bool, {v}, e.span);
        }
        if (!IsNum(N(v).ty)) No("negating a value that is not a number");
        return Make(Op::Neg, N(v).ty, {v}, e.span);
      }
      case K::Binary:
        switch (e.op) {
          case ast::Op::And:
          case ast::Op::Or: {
            const int a = Use(Expr(*e.lhs)), b = Use(Expr(*e.rhs));
            if (N(a).ty != Ty::Bool || N(b).ty != Ty::Bool) No("`and`/`or` of values that are not Bools");
            return Make(e.op == ast::Op::And ? Op::And : Op::Or, Ty::Bool, {a, b}, e.span);
          }
          case ast::Op::Where: No("a `where` list outside count/sum");
          case ast::Op::Eq:
          case ast::Op::Ne:
          case ast::Op::Lt:
          case ast::Op::Le:
          case ast::Op::Gt:
          case ast::Op::Ge: return Compare(e);
          default: return Arith(e);
        }
      case K::If: {
        const int c = Use(Expr(*e.cond)), a = Use(Expr(*e.lhs)), b = Use(Expr(*e.rhs));
        if (N(c).ty != Ty::Bool) No("an `if` condition that is not a Bool");
        // The evaluator keeps each branch's own type: an Int/Decimal mix has no single static type.
        if (N(a).ty != N(b).ty || N(a).ty == Ty::List || N(a).ty == Ty::Ptr) No("`if` branches of different types");
        return Make(Op::If, N(a).ty, {c, a, b}, e.span);
      }
      case K::None: No("`none` outside a comparison");
      case K::Interpolated: {
        int out = -1;
        for (const auto& part : e.parts) {
          Node text;
          text.op = Op::ConstStr;
          text.ty = Ty::Str;
          text.str = part.text;
          text.span = part.span;
          const int piece = part.expr ? Show(Expr(*part.expr)) : Add(std::move(text));
          out = out < 0 ? piece : Make(Op::Concat, Ty::Str, {out, piece}, e.span);
        }
        if (out < 0) return Literal(e);
        return out;
      }
      case K::Index: {
        const int list = Use(Expr(*e.lhs));
        const int index = Use(Expr(*e.rhs));
        if (N(list).ty != Ty::List || N(index).ty != Ty::Int) No("indexing that is not a list by an Int");
        const Node& l = N(list);
        const Ty element_ty = l.element_ty;
        const data::RecordDesc* record = l.record;
        const int id = Make(Op::Index, element_ty, {list, index}, e.span);
        N(id).record = record;
        return id;
      }
      default: No("this kind of expression");
    }
  }
};

inline int Lowerer::Expr(const ast::Expr& e) { return ExprImpl(e); }
inline int Lowerer::Element(int loop, int list_id, source::Span span) { return ElementImpl(loop, list_id, span); }

}  // namespace missive::lower::detail

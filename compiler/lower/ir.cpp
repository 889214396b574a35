// The IR's names, sizes, text form and verifier.
#include "compiler/lower/ir.h"

#include <string>

#include "runtime/abi/abi.h"

namespace missive::lower {

const char* TyName(Ty ty) {
  switch (ty) {
    case Ty::Bool: return "bool";
    case Ty::Int: return "int";
    case Ty::Decimal: return "decimal";
    case Ty::Date: return "date";
    case Ty::DateTime: return "datetime";
    case Ty::Str: return "str";
    case Ty::List: return "list";
    case Ty::Ptr: return "ptr";
  }
  return "?";
}

const char* OpName(Op op) {
  static const char* const kNames[] = {"const.bool",  "const.int",  "const.decimal",
                                       "const.str",   "input",      "element",
                                       "let",         "fieldaddr",  "load",
                                       "present",     "int2dec",    "not",
                                       "neg",         "add",        "sub",
                                       "mul",         "div",        "mod",
                                       "eq",          "ne",         "lt",
                                       "le",          "gt",         "ge",
                                       "and",         "or",         "if",
                                       "count",       "sum",        "first",
                                       "running_sum", "loop_index", "index",
                                       "show",        "concat",     "money",
                                       "format_date"};
  return kNames[static_cast<int>(op)];
}

std::uint32_t TySize(Ty ty) {
  switch (ty) {
    case Ty::Bool: return 1;
    case Ty::Date: return 4;
    case Ty::Int:
    case Ty::DateTime:
    case Ty::Ptr: return 8;
    case Ty::Str:
    case Ty::List: return 16;
    case Ty::Decimal: return sizeof(MsvDecimal);
  }
  return 8;
}

namespace {

void PrintStmts(const std::vector<LStmt>& stmts, int depth, std::string& out) {
  static const char* const kOps[] = {"open", "leaf", "span",       "page_span", "if",
                                     "for",  "rows", "header_row", "image",     "barcode"};
  for (const LStmt& s : stmts) {
    out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + kOps[static_cast<int>(s.op)];
    if (s.value >= 0) out += " %" + std::to_string(s.value);
    if (s.op == LOp::Open || s.op == LOp::Leaf || s.op == LOp::Image || s.op == LOp::Barcode)
      out += " proto " + std::to_string(s.proto);
    if (s.op == LOp::PageSpan) out += s.imm != 0 ? " total" : " number";
    if (s.loop >= 0) out += " loop " + std::to_string(s.loop);
    out += "\n";
    PrintStmts(s.body, depth + 1, out);
    if (!s.else_body.empty()) {
      out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "else\n";
      PrintStmts(s.else_body, depth + 1, out);
    }
  }
}

}  // namespace

std::string Print(const RuleProgram& program) {
  std::string out = "rules lets_size=" + std::to_string(program.lets_size) +
                    " lets_align=" + std::to_string(program.lets_align) + "\n";
  for (std::size_t i = 0; i < program.nodes.size(); ++i) {
    const Node& n = program.nodes[i];
    out += "  %" + std::to_string(i) + " = " + OpName(n.op);
    for (std::size_t a = 0; a < n.args.size(); ++a) {
      out += a == 0 ? " " : ", ";
      out += n.args[a] < 0 ? std::string("-") : "%" + std::to_string(n.args[a]);
    }
    switch (n.op) {
      case Op::ConstBool: out += n.imm ? " true" : " false"; break;
      case Op::ConstInt: out += " " + std::to_string(n.imm); break;
      case Op::ConstDecimal: out += " " + n.dec.ToString(); break;
      case Op::ConstStr: out += " \"" + n.str + "\""; break;
      case Op::LetRef: out += " rule " + std::to_string(n.imm); break;
      case Op::FieldAddr:
      case Op::Load: out += " +" + std::to_string(n.imm); break;
      case Op::Present: out += " bit " + std::to_string(n.imm); break;
      default: break;
    }
    if (n.op == Op::Load && n.bit >= 0) out += " optional(bit " + std::to_string(n.bit) + ")";
    if (n.loop >= 0) out += " loop " + std::to_string(n.loop);
    out += std::string(" : ") + TyName(n.ty);
    if (n.ty == Ty::List) out += std::string(" of ") + TyName(n.element_ty) + " stride " + std::to_string(n.stride);
    if (n.ty == Ty::Ptr && n.record != nullptr) out += " " + n.record->name;
    out += "\n";
  }
  for (const Rule& r : program.rules) {
    if (r.is_require) {
      out += "  require %" + std::to_string(r.value) + " bit " + std::to_string(r.require_index) + " else \"" +
             r.message + "\"\n";
    } else {
      out += "  let " + r.name + " = %" + std::to_string(r.value) + " @" + std::to_string(r.slot) + " : " +
             TyName(r.ty) + "\n";
    }
  }
  if (program.locale >= 0) out += "  locale %" + std::to_string(program.locale) + "\n";
  for (std::size_t c = 0; c < program.channel_when.size(); ++c) {
    const int when = program.channel_when[c];
    out += "  channel " + std::to_string(c) + (when < 0 ? std::string(" always") : " when %" + std::to_string(when)) +
           "\n";
  }
  static const char* const kSlots[] = {"body", "header", "footer", "first header", "first footer"};
  for (int slot = 0; program.has_layout && slot < 5; ++slot) {
    if (program.layout[slot].empty()) continue;
    out += std::string("  layout ") + kSlots[slot] + "\n";
    PrintStmts(program.layout[slot], 2, out);
  }
  return out;
}

std::vector<std::string> Verify(const RuleProgram& program) {
  std::vector<std::string> problems;
  auto bad = [&](std::size_t i, const std::string& what) {
    problems.push_back("%" + std::to_string(i) + " (" + OpName(program.nodes[i].op) + "): " + what);
  };
  const auto count = static_cast<int>(program.nodes.size());
  for (std::size_t i = 0; i < program.nodes.size(); ++i) {
    const Node& n = program.nodes[i];
    for (std::size_t k = 0; k < n.args.size(); ++k) {
      // the predicate of sum, the start of running_sum
      const bool optional_arg = (n.op == Op::Sum && k == 1) || (n.op == Op::RunningSum && k == 2);
      if (n.args[k] >= static_cast<int>(i) || (n.args[k] < 0 && !optional_arg)) bad(i, "argument out of order");
    }
    bool args_ok = true;
    auto arg_ty = [&](std::size_t k) { return program.nodes[static_cast<std::size_t>(n.args[k])].ty; };
    switch (n.op) {
      case Op::Load:
      case Op::FieldAddr:
      case Op::Present:
      case Op::First: args_ok = n.args.size() == 1 && arg_ty(0) == (n.op == Op::First ? Ty::List : Ty::Ptr); break;
      case Op::IntToDec: args_ok = n.args.size() == 1 && arg_ty(0) == Ty::Int && n.ty == Ty::Decimal; break;
      case Op::Not: args_ok = n.args.size() == 1 && arg_ty(0) == Ty::Bool; break;
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Div:
      case Op::Mod: args_ok = n.args.size() == 2 && arg_ty(0) == n.ty && arg_ty(1) == n.ty; break;
      case Op::Eq:
      case Op::Ne:
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge: args_ok = n.args.size() == 2 && arg_ty(0) == arg_ty(1) && n.ty == Ty::Bool; break;
      case Op::And:
      case Op::Or: args_ok = n.args.size() == 2 && arg_ty(0) == Ty::Bool && arg_ty(1) == Ty::Bool; break;
      case Op::If:
        args_ok = n.args.size() == 3 && arg_ty(0) == Ty::Bool && arg_ty(1) == n.ty && arg_ty(2) == n.ty;
        break;
      case Op::Count: args_ok = !n.args.empty() && n.args[0] >= 0 && arg_ty(0) == Ty::List && n.loop >= 0; break;
      case Op::Sum:
        args_ok = n.args.size() == 3 && n.args[0] >= 0 && n.args[2] >= 0 && arg_ty(0) == Ty::List &&
                  arg_ty(2) == Ty::Decimal && n.loop >= 0;
        break;
      case Op::RunningSum:
        args_ok = n.args.size() == 3 && n.args[0] >= 0 && n.args[1] >= 0 && arg_ty(0) == Ty::List &&
                  arg_ty(1) == Ty::Decimal && (n.args[2] < 0 || arg_ty(2) == Ty::Decimal) && n.loop >= 0 &&
                  n.element_ty == Ty::Decimal;
        break;
      case Op::LoopIndex: args_ok = n.args.empty() && n.loop >= 0 && n.ty == Ty::Int; break;
      case Op::Index: args_ok = n.args.size() == 2 && arg_ty(0) == Ty::List && arg_ty(1) == Ty::Int; break;
      case Op::Show: args_ok = n.args.size() == 1 && arg_ty(0) != Ty::List && arg_ty(0) != Ty::Ptr; break;
      case Op::Concat: args_ok = n.args.size() == 2 && arg_ty(0) == Ty::Str && arg_ty(1) == Ty::Str; break;
      case Op::Money: args_ok = n.args.size() == 2 && arg_ty(0) == Ty::Decimal && arg_ty(1) == Ty::Str; break;
      case Op::FormatDate:
        args_ok = n.args.size() == 2 && (arg_ty(0) == Ty::Date || arg_ty(0) == Ty::DateTime) && arg_ty(1) == Ty::Str;
        break;
      case Op::LetRef:
        args_ok = n.imm >= 0 && n.imm < static_cast<std::int64_t>(program.rules.size()) &&
                  !program.rules[static_cast<std::size_t>(n.imm)].is_require;
        break;
      default: break;
    }
    if (!args_ok) bad(i, "wrong arguments or type");
  }
  for (std::size_t r = 0; r < program.rules.size(); ++r) {
    const Rule& rule = program.rules[r];
    if (rule.value < 0 || rule.value >= count) problems.push_back("rule " + std::to_string(r) + ": no value");
    if (rule.is_require && rule.value >= 0 && rule.value < count &&
        program.nodes[static_cast<std::size_t>(rule.value)].ty != Ty::Bool)
      problems.push_back("rule " + std::to_string(r) + ": a require that is not a Bool");
    if (!rule.is_require && rule.slot + TySize(rule.ty) > program.lets_size)
      problems.push_back("rule " + std::to_string(r) + ": slot outside lets");
  }
  return problems;
}

}  // namespace missive::lower

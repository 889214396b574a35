// The IR's types and record layouts, its text form and its verifier.
#include "compiler/lower/ir.h"

#include <algorithm>

#include "runtime/abi/abi.h"

namespace missive::lower {

namespace {

std::uint32_t AlignUp(std::uint32_t n, std::uint32_t align) { return (n + align - 1) / align * align; }

std::string Int128Text(__int128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  unsigned __int128 u = negative ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
  std::string digits;
  while (u != 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  if (negative) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::string DecimalText(const DecimalLit& d) {
  std::string digits = Int128Text(d.mantissa < 0 ? -d.mantissa : d.mantissa);
  if (d.scale > 0) {
    if (digits.size() <= d.scale) digits.insert(0, d.scale + 1 - digits.size(), '0');
    digits.insert(digits.size() - d.scale, ".");
  }
  return (d.mantissa < 0 ? "-" : "") + digits;
}

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

int Record::Find(std::string_view field) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field) return static_cast<int>(i);
  }
  return -1;
}

TypeId Program::Intern(const Type& t) {
  if (t.optional) {  // codegen finds an optional's value type among the types
    Type required = t;
    required.optional = false;
    Intern(required);
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (types[i] == t) return static_cast<TypeId>(i);
  }
  types.push_back(t);
  return static_cast<TypeId>(types.size() - 1);
}

TypeId Program::Required(TypeId t) const {
  Type required = T(t);
  if (!required.optional) return t;
  required.optional = false;
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (types[i] == required) return static_cast<TypeId>(i);
  }
  return t;  // Intern adds the value type of every optional type
}

Size SizeOf(const Program& program, TypeId type) {
  const Type& t = program.T(type);
  switch (t.kind) {
    case Kind::Bool: return {1, 1};
    case Kind::Int: return {8, 8};
    case Kind::Decimal: return {sizeof(MsvDecimal), alignof(MsvDecimal)};
    case Kind::Date: return {sizeof(MsvDate), alignof(MsvDate)};
    case Kind::DateTime: return {sizeof(MsvDateTime), alignof(MsvDateTime)};
    case Kind::Str: return {sizeof(MsvStr), alignof(MsvStr)};
    case Kind::List: return {sizeof(MsvList), alignof(MsvList)};
    case Kind::Record: {
      const Record& r = program.R(t.record);
      return {r.size, r.align};
    }
  }
  return {8, 8};
}

Size SlotOf(const Program& program, TypeId type) {
  const Size s = SizeOf(program, type);
  if (!program.T(type).optional) return s;
  return {AlignUp(s.size + 1, s.align), s.align};
}

void LayOut(Program& program, Record& record) {
  std::uint32_t optionals = 0;
  for (const auto& f : record.fields) optionals += program.T(f.type).optional ? 1 : 0;
  record.presence_bytes = (optionals + 7) / 8;
  std::uint32_t offset = record.presence_bytes, align = 1;
  std::int32_t bit = 0;
  for (auto& f : record.fields) {
    const Size s = SizeOf(program, f.type);
    offset = AlignUp(offset, s.align);
    f.offset = offset;
    f.presence_bit = program.T(f.type).optional ? bit++ : -1;
    offset += s.size;
    align = std::max(align, s.align);
  }
  record.align = align;
  record.size = AlignUp(std::max<std::uint32_t>(offset, 1), align);
}

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::Bool: return "Bool";
    case Kind::Int: return "Int";
    case Kind::Decimal: return "Decimal";
    case Kind::Date: return "Date";
    case Kind::DateTime: return "DateTime";
    case Kind::Str: return "String";
    case Kind::List: return "List";
    case Kind::Record: return "Record";
  }
  return "?";
}

const char* OpName(Op op) {
  switch (op) {
    case Op::ConstBool: return "const.bool";
    case Op::ConstInt: return "const.int";
    case Op::ConstDecimal: return "const.decimal";
    case Op::ConstStr: return "const.str";
    case Op::None: return "none";
    case Op::Input: return "input";
    case Op::Param: return "param";
    case Op::LetRef: return "let";
    case Op::Element: return "element";
    case Op::LoopIndex: return "loop.index";
    case Op::Field: return "field";
    case Op::IsPresent: return "is_present";
    case Op::Unwrap: return "unwrap";
    case Op::Wrap: return "wrap";
    case Op::IntToDec: return "int_to_dec";
    case Op::DateToDateTime: return "date_to_datetime";
    case Op::Not: return "not";
    case Op::Neg: return "neg";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Div: return "div";
    case Op::Mod: return "mod";
    case Op::Eq: return "eq";
    case Op::Ne: return "ne";
    case Op::Lt: return "lt";
    case Op::Le: return "le";
    case Op::Gt: return "gt";
    case Op::Ge: return "ge";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::If: return "if";
    case Op::MakeList: return "list";
    case Op::Count: return "count";
    case Op::Sum: return "sum";
    case Op::MinMax: return "minmax";
    case Op::Where: return "where";
    case Op::Map: return "map";
    case Op::SortBy: return "sort_by";
    case Op::GroupBy: return "group_by";
    case Op::RunningSum: return "running_sum";
    case Op::AnyAll: return "anyall";
    case Op::FirstLast: return "firstlast";
    case Op::Index: return "index";
    case Op::Show: return "show";
    case Op::Concat: return "concat";
    case Op::Builtin: return "builtin";
    case Op::Call: return "call";
  }
  return "?";
}

std::string TypeName(const Program& program, TypeId type) {
  if (type < 0) return "?";
  const Type& t = program.T(type);
  std::string name;
  if (t.kind == Kind::List) {
    name = "[" + TypeName(program, t.element) + "]";
  } else if (t.kind == Kind::Record) {
    const Record& r = program.R(t.record);
    name = r.name;
    if (name.empty() || name == "group") {
      name = "{";
      for (std::size_t i = 0; i < r.fields.size(); ++i)
        name += (i ? ", " : "") + r.fields[i].name + ": " + TypeName(program, r.fields[i].type);
      name += "}";
    }
  } else {
    name = KindName(t.kind);
  }
  return t.optional ? name + "?" : name;
}

namespace {

const char* LOpName(LOp op) {
  switch (op) {
    case LOp::Open: return "open";
    case LOp::Leaf: return "leaf";
    case LOp::Span: return "span";
    case LOp::PageSpan: return "page";
    case LOp::If: return "if";
    case LOp::For: return "for";
    case LOp::TableRows: return "rows";
    case LOp::HeaderRow: return "header";
    case LOp::Image: return "image";
    case LOp::Barcode: return "barcode";
    case LOp::Link: return "link";
  }
  return "?";
}

void PrintStmts(const std::vector<LStmt>& stmts, int depth, std::string& out) {
  for (const auto& s : stmts) {
    out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + LOpName(s.op);
    if (s.op == LOp::Open || s.op == LOp::Leaf || s.op == LOp::Image || s.op == LOp::Barcode ||
        s.op == LOp::TableRows || s.op == LOp::HeaderRow)
      out += " block " + std::to_string(s.block);
    if (s.value >= 0) out += " %" + std::to_string(s.value);
    if (s.alt >= 0) out += " alt %" + std::to_string(s.alt);
    if (s.loop >= 0) out += " loop " + std::to_string(s.loop);
    if (s.op == LOp::PageSpan) out += s.imm ? " total" : " number";
    out += "\n";
    PrintStmts(s.body, depth + 1, out);
    if (!s.else_body.empty()) {
      out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "else\n";
      PrintStmts(s.else_body, depth + 1, out);
    }
  }
}

}  // namespace

std::string Print(const Program& program) {
  std::string out;
  for (std::size_t i = 0; i < program.records.size(); ++i) {
    const Record& r = program.records[i];
    out += "record " + std::to_string(i) + " " + r.name + " size " + std::to_string(r.size) + " align " +
           std::to_string(r.align) + "\n";
    for (const auto& f : r.fields) {
      out += "  " + f.name + ": " + TypeName(program, f.type) + " +" + std::to_string(f.offset);
      if (f.presence_bit >= 0) out += " bit " + std::to_string(f.presence_bit);
      out += "\n";
    }
  }
  for (std::size_t i = 0; i < program.nodes.size(); ++i) {
    const Node& n = program.nodes[i];
    out += "%" + std::to_string(i) + " = " + OpName(n.op);
    switch (n.op) {
      case Op::ConstBool: out += n.imm ? " true" : " false"; break;
      case Op::ConstDecimal: out += " " + DecimalText(n.dec); break;
      case Op::ConstStr: out += " " + Quoted(n.str); break;
      case Op::ConstInt:
      case Op::Param:
      case Op::LetRef:
      case Op::Field:
      case Op::MinMax:
      case Op::AnyAll:
      case Op::FirstLast:
      case Op::Builtin:
      case Op::Call: out += " " + std::to_string(n.imm); break;
      default: break;
    }
    for (int a : n.args) out += a < 0 ? " -" : " %" + std::to_string(a);
    if (n.loop >= 0) out += " loop " + std::to_string(n.loop);
    if (n.site >= 0) out += " site " + std::to_string(n.site);
    out += " : " + TypeName(program, n.type) + "\n";
  }
  for (const auto& f : program.functions) {
    out += "fn " + f.name + "(";
    for (std::size_t i = 0; i < f.params.size(); ++i) out += (i ? ", " : "") + TypeName(program, f.params[i]);
    out += ") -> " + TypeName(program, f.result) + " = %" + std::to_string(f.body) + "\n";
  }
  for (const auto& r : program.rules) {
    if (r.is_require) {
      out += "require %" + std::to_string(r.value) + " bit " + std::to_string(r.require_index) + " else %" +
             std::to_string(r.message) + "\n";
    } else {
      out += "let " + r.name + " = %" + std::to_string(r.value) + " @" + std::to_string(r.slot) + "\n";
    }
  }
  for (std::size_t i = 0; i < program.values.size(); ++i)
    out += "value " + std::to_string(i) + " = %" + std::to_string(program.values[i]) + "\n";
  for (const auto& c : program.channels)
    out += "channel " + c.name + (c.when >= 0 ? " when %" + std::to_string(c.when) : "") + "\n";
  for (const auto& slot : program.slots) {
    out += "slot " + slot.name + "\n";
    PrintStmts(slot.body, 1, out);
  }
  return out;
}

namespace {

class Verifier {
 public:
  explicit Verifier(const Program& p) : p_(p) {}

  std::vector<std::string> Run() {
    for (std::size_t i = 0; i < p_.nodes.size(); ++i) Node(static_cast<int>(i));
    for (const auto& r : p_.rules) {
      Ref(r.value, "a rule");
      if (r.is_require && r.value >= 0) Expect(r.value, Kind::Bool, "a require");
    }
    for (int v : p_.values) Ref(v, "a value");
    for (const auto& c : p_.channels) {
      if (c.when >= 0) Expect(c.when, Kind::Bool, "a channel condition");
    }
    return std::move(problems_);
  }

 private:
  void Problem(const std::string& what) { problems_.push_back(what); }
  void Ref(int id, const std::string& what) {
    if (id < 0 || static_cast<std::size_t>(id) >= p_.nodes.size()) Problem(what + " refers to a missing node");
  }
  void Expect(int id, Kind kind, const std::string& what) {
    if (id < 0 || static_cast<std::size_t>(id) >= p_.nodes.size()) return;
    const Type& t = p_.T(p_.N(id).type);
    if (t.kind != kind || t.optional) Problem(what + " %" + std::to_string(id) + " is not " + KindName(kind));
  }
  void Node(int id) {
    const lower::Node& n = p_.N(id);
    const std::string at = "%" + std::to_string(id) + " (" + OpName(n.op) + ")";
    if (n.type < 0 || static_cast<std::size_t>(n.type) >= p_.types.size()) {
      Problem(at + " has no type");
      return;
    }
    for (int a : n.args) {
      if (a >= id) Problem(at + " uses %" + std::to_string(a) + " defined after it");
    }
    auto arg_kind = [&](std::size_t i, Kind kind) {
      if (i < n.args.size() && n.args[i] >= 0) Expect(n.args[i], kind, at + " argument");
    };
    switch (n.op) {
      case Op::Not: arg_kind(0, Kind::Bool); break;
      case Op::And:
      case Op::Or:
        arg_kind(0, Kind::Bool);
        arg_kind(1, Kind::Bool);
        break;
      case Op::If: arg_kind(0, Kind::Bool); break;
      case Op::Field:
        if (p_.T(p_.N(n.args[0]).type).kind != Kind::Record)
          Problem(at + " reads a field of a value that is not a record");
        break;
      case Op::Unwrap:
      case Op::IsPresent:
        if (!p_.T(p_.N(n.args[0]).type).optional) Problem(at + " of a value that is never none");
        break;
      case Op::Count:
      case Op::Sum:
      case Op::MinMax:
      case Op::Where:
      case Op::Map:
      case Op::SortBy:
      case Op::GroupBy:
      case Op::RunningSum:
      case Op::AnyAll:
      case Op::FirstLast:
      case Op::Index:
        arg_kind(0, Kind::List);
        if (n.op != Op::FirstLast && n.op != Op::Index && n.loop < 0) Problem(at + " has no loop");
        break;
      case Op::Concat:
        arg_kind(0, Kind::Str);
        arg_kind(1, Kind::Str);
        break;
      default: break;
    }
  }

  const Program& p_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> Verify(const Program& program) { return Verifier(program).Run(); }

}  // namespace missive::lower

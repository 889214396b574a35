// A small typed IR for the RULES section: a tree of typed nodes per rule over native record layouts,
// so field access is a constant offset and every operation has one static type. LLVM IR is made from it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/source/source.h"
#include "runtime/data/schema.h"
#include "runtime/value/decimal.h"

namespace missive::lower {

/// Static types: Ptr is the address of a native record, List an MsvList, Str an MsvStr.
enum class Ty : std::uint8_t { Bool, Int, Decimal, Date, DateTime, Str, List, Ptr };

enum class Op : std::uint8_t {
  ConstBool,     ///< imm
  ConstInt,      ///< imm
  ConstDecimal,  ///< dec
  ConstStr,      ///< str
  Input,         ///< the input record's address
  Element,       ///< the element of loop `loop` (a Ptr, or the element value for scalar lists)
  LetRef,        ///< the value of rule `imm` (a let)
  FieldAddr,     ///< args[0] + imm: a nested record stored inline
  Load,          ///< the field at args[0] + imm
  Present,       ///< presence bit `bit` of the record args[0]
  IntToDec,
  Not,
  Neg,
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or,
  If,          ///< args: cond, then, else
  Count,       ///< args: list [, predicate]; loop
  Sum,         ///< args: list, predicate or -1, value; loop (Decimal)
  First,       ///< args: list → address of its first element (status kMsvEmptyList when empty)
  RunningSum,  ///< args: list, value, start or -1; loop → a list of Decimals (allocated through ctx)
  LoopIndex,   ///< the index (Int) of loop `loop`'s current element
  Index,       ///< args: list, Int → the element (kMsvIndexOutOfRange outside the list)
  Show,        ///< args: a scalar → its text as the evaluator shows it (Str)
  Concat,      ///< args: Str, Str → Str
  Money,       ///< args: Decimal, Str currency → Str (ICU, the record's locale)
  FormatDate,  ///< args: Date or DateTime, Str pattern → Str
};

struct Node {
  Op op = Op::ConstInt;
  Ty ty = Ty::Int;
  std::vector<int> args;
  std::int64_t imm = 0;
  std::int32_t bit = -1;  ///< Load of an optional field: its presence bit (must be narrowed before use)
  value::Decimal dec;
  std::string str;
  std::uint32_t stride = 0;                  ///< List: element stride
  Ty element_ty = Ty::Ptr;                   ///< List: what an element is
  const data::RecordDesc* record = nullptr;  ///< Ptr: the record; List of records: the element record
  int loop = -1;                             ///< Element, Count, Sum
  source::Span span;
};

struct Rule {
  bool is_require = false;
  std::string name;  ///< let name
  int value = -1;    ///< root node: the let's value or the require's condition
  Ty ty = Ty::Bool;
  std::uint32_t slot = 0;  ///< let: offset of its value in lets_out
  int require_index = -1;  ///< require: its bit in MsvRuntimeCtx::reject_mask
  std::string message;     ///< require: the reject message
  source::Span span;
};

/// A statement of the print layout: what the generated layout function does, in order.
enum class LOp : std::uint8_t {
  Open,       ///< a container `proto` (box, row, column, keep, place, paragraph, table); `body`, then close
  Leaf,       ///< a copy of `proto` (space, fill, rule, page break)
  Span,       ///< the Str `value` into the open paragraph
  PageSpan,   ///< the page number (imm 0) or total (imm 1) into the open paragraph
  If,         ///< `value` (Bool): `body`, else `else_body`
  For,        ///< each element of the list `value` as loop `loop`: `body`
  TableRows,  ///< the open table's rows: each element of `value` as loop `loop`, a row of `body` (cells)
  HeaderRow,  ///< the open table's header row: `body` (cells)
  Image,      ///< the image at path `value` (Str), sized by `proto`
  Barcode,    ///< a barcode of `value` (Str), symbology and size from `proto`
};

struct LStmt {
  LOp op = LOp::Leaf;
  int value = -1;
  std::uint32_t proto = 0;
  int loop = -1;
  std::int64_t imm = 0;
  std::vector<LStmt> body, else_body;
  source::Span span;
};

struct RuleProgram {
  std::vector<Node> nodes;  ///< arguments precede their users
  std::vector<Rule> rules;
  /// `locale`: a Str node (-1 = "en"); channel conditions in declaration order (-1 = always).
  int locale = -1;
  std::vector<int> channel_when;
  /// The print layout's body and page slots (header, footer, first header, first footer), when lowered.
  bool has_layout = false;
  std::vector<LStmt> layout[5];
  std::uint32_t lets_size = 0;
  std::uint32_t lets_align = 1;
  int loops = 0;
};

const char* TyName(Ty ty);
const char* OpName(Op op);
/// Bytes and alignment of a value of `ty` in lets_out.
std::uint32_t TySize(Ty ty);

/// Text form, one node per line (`missive check --dump=ir`); deterministic.
std::string Print(const RuleProgram& program);
/// Structural problems (arguments after their users, wrong argument types, unknown lets); empty when valid.
std::vector<std::string> Verify(const RuleProgram& program);

}  // namespace missive::lower

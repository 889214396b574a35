// The typed IR of a whole communication: its types and record layouts, rules, channel conditions,
// values, user functions, layout statements and the static parts of the blocks they add. LLVM IR is
// made from it (compiler/jit); the runtime instantiates its static parts (compiler/native). Plain data:
// from the runtime it knows only the C types of runtime/abi/abi.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/source/source.h"

namespace missive::lower {

// ── types ────────────────────────────────────────────────────────────────

enum class Kind : std::uint8_t { Bool, Int, Decimal, Date, DateTime, Str, List, Record };

/// An index into Program::types; equal types have equal ids (Program::Intern).
using TypeId = std::int32_t;

struct Type {
  Kind kind = Kind::Bool;
  bool optional = false;
  TypeId element = -1;       ///< List
  std::int32_t record = -1;  ///< Record: an index into Program::records
  friend bool operator==(const Type&, const Type&) = default;
};

struct Field {
  std::string name;
  TypeId type = -1;
  std::uint32_t offset = 0;
  std::int32_t presence_bit = -1;  ///< optional fields: their bit in the record's presence bytes
  bool key = false;
  /// For a text field (or a list of them): what the input must hold, checked when decoding — "Email",
  /// "Phone", "Locale", "Currency", "Country", or "" for any String.
  std::string text_kind;
  /// The default of an input field as written in the schema: the text of its String, number or date
  /// literal, "true"/"false", or nothing (`has_default` false, or `= none`).
  bool has_default = false;
  std::string default_text;
};

/// A record's native layout (runtime/abi/abi.h): presence bytes first, then the fields in declaration
/// order at their natural alignment; nested records inline, lists as MsvList.
struct Record {
  std::string name;
  std::vector<Field> fields;
  std::uint32_t size = 1, align = 1, presence_bytes = 0;
  [[nodiscard]] int Find(std::string_view field) const;
};

// ── values ───────────────────────────────────────────────────────────────

enum class Op : std::uint8_t {
  ConstBool,     ///< imm
  ConstInt,      ///< imm
  ConstDecimal,  ///< dec
  ConstStr,      ///< str
  None,          ///< the absent value of an optional type
  Input,         ///< the input record
  Param,         ///< parameter `imm` of the function being defined
  LetRef,        ///< the value of rule `imm`
  Element,       ///< the current element of loop `loop`
  LoopIndex,     ///< the index (Int) of loop `loop`'s current element
  Field,         ///< field `imm` of the record args[0]
  IsPresent,     ///< args[0] (optional) has a value
  Unwrap,        ///< the value of the optional args[0]; `site` fails when it has none
  Wrap,          ///< args[0] as a present optional
  IntToDec,
  DateToDateTime,  ///< a Date as the DateTime of its midnight UTC
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
  And,  ///< short-circuit
  Or,
  If,          ///< args: condition, then, else
  MakeList,    ///< args: the items
  Count,       ///< args: list [, predicate]; loop
  Sum,         ///< args: list, predicate or -1, value; loop
  MinMax,      ///< args: list, value; imm 0 min, 1 max; loop; site (empty list)
  Where,       ///< args: list, predicate; loop → the elements that match
  Map,         ///< args: list, value; loop
  SortBy,      ///< args: list, key; loop → stable order by key
  GroupBy,     ///< args: list, key; loop → records {key, items} in order of first appearance
  RunningSum,  ///< args: list, value, start or -1; loop → Decimals
  AnyAll,      ///< args: list, predicate; imm 0 any, 1 all; loop
  FirstLast,   ///< args: list; imm 0 first, 1 last; site (empty list)
  Index,       ///< args: list, Int; site (out of range)
  Show,        ///< args: a scalar → its text (Decimals with their scale, ISO dates)
  Concat,      ///< args: Str, Str
  Builtin,     ///< a runtime builtin: imm = sema::Builtin id, args in parameter order; site
  Call,        ///< a user function: imm = index into Program::functions; site (too deep)
};

/// A Decimal literal: mantissa / 10^scale.
struct DecimalLit {
  __int128 mantissa = 0;
  std::uint8_t scale = 0;
};

struct Node {
  Op op = Op::ConstInt;
  TypeId type = -1;
  std::vector<int> args;
  std::int64_t imm = 0;
  DecimalLit dec;
  std::string str;
  int loop = -1;
  int site = -1;
  source::Span span;
};

/// Where a runtime error can happen: the record's reject reason names it.
struct Site {
  source::Span span;
  std::string name;      ///< the builtin (`first`), or the source text of an optional (`address`)
  bool decimal = false;  ///< an overflow here is a decimal (not an integer) overflow
};

struct Rule {
  bool is_require = false;
  std::string name;  ///< let name
  int value = -1;    ///< root node: the let's value or the require's condition
  TypeId type = -1;
  std::uint32_t slot = 0;          ///< let: the offset of its value in the lets buffer
  int require_index = -1;          ///< require: its bit in MsvRuntimeCtx::reject_mask
  int message = -1;                ///< require: the reject message (a Str node, evaluated when the condition fails)
  std::uint32_t message_slot = 0;  ///< require: where the message is stored in the lets buffer
  source::Span span;
};

/// A user function, compiled once and called (recursion works; depth is bounded at run time).
struct Function {
  std::string name;
  std::vector<TypeId> params;
  TypeId result = -1;
  int body = -1;
  int site = -1;  ///< where "calls nested too deep" is reported: the function's name
};

// ── layout ───────────────────────────────────────────────────────────────

/// Millipoints (1/1000 pt), as runtime/frame.
using Mpt = std::int32_t;

struct Color {
  std::uint8_t r = 0, g = 0, b = 0;
};

/// A resolved style with its font still a request (the runtime resolves it through fontconfig).
struct StyleSpec {
  std::string family = "DejaVu Sans";  ///< a family, or a font file's path
  int weight = 400;
  bool italic = false;
  Mpt size = 10'000;
  std::uint32_t leading_permille = 1200;
  Color color;
  std::uint8_t align = 4;  ///< text::Align's order: left, right, center, justify, start (default), end
  bool hyphenate = false;
  std::optional<Color> background;
  Mpt border_width = 0;
  Color border_color;
  Mpt padding[4] = {0, 0, 0, 0};
  std::optional<Mpt> width;
  std::uint32_t width_fraction_permille = 0;
  Mpt radius = 0;
  std::int8_t role = -1;  ///< -1 none; else frame::Role's order (Part, P, H1…H6)
  bool artifact = false;
};

struct SizeSpec {
  std::uint8_t kind = 2;  ///< 0 fixed, 1 fraction, 2 auto (compose::Size::Kind's order)
  Mpt fixed = 0;
  std::uint32_t fraction_permille = 1000;
};

enum class BlockKind : std::uint8_t { Paragraph, Stack, Row, Table, Space, Rule, PageBreak, Place, Image, Barcode };

/// The static part of a block a layout statement adds: everything but its content.
struct BlockSpec {
  BlockKind kind = BlockKind::Stack;
  int style = 0;           ///< index into Program::styles
  std::int8_t align = -1;  ///< -1 = from the style; else as StyleSpec::align
  SizeSpec width;
  bool keep_together = false;
  Mpt height = 0;                         ///< Space, Image, Barcode
  Mpt x = 0, y = 0, place_width = 0;      ///< Place
  std::uint8_t overflow = 0;              ///< Place: 0 reject, 1 shrink, 2 clip
  std::uint8_t fit = 0;                   ///< Image: media::Fit's order
  std::vector<SizeSpec> columns;          ///< Table
  bool repeat_header = true;              ///< Table
  int header_style = -1, row_style = -1;  ///< Table rows' styles (-1 none)
  bool zebra = false;
  std::string directory;  ///< Image: the folder its path is relative to
  std::string symbology;  ///< Barcode
  std::string alt;        ///< Image, Barcode: a literal `alt` text
  bool button = false;    ///< Paragraph: a `button` (a `link` is a plain paragraph with a URL)
};

enum class LOp : std::uint8_t {
  Open,       ///< a container `block` (box, row, column, keep, place, paragraph, table); `body`, then close
  Leaf,       ///< a copy of `block` (space, fill, rule, page break)
  Span,       ///< the Str `value` into the open paragraph
  PageSpan,   ///< the page number (imm 0) or total (imm 1) into the open paragraph
  If,         ///< `value` (Bool): `body`, else `else_body`
  For,        ///< each element of the list `value` as loop `loop`: `body`
  TableRows,  ///< the open table's rows: each element of `value` as loop `loop`, a row of `body` (cells)
  HeaderRow,  ///< the open table's header row: `body` (cells)
  Image,      ///< the image at path `value` (Str); `alt` a Str node or -1
  Barcode,    ///< a barcode of `value` (Str); `alt` a Str node or -1
  Link,       ///< the open paragraph points at the URL `value` (Str); `site` names the statement
};

struct LStmt {
  LOp op = LOp::Leaf;
  int value = -1;
  int block = 0;  ///< index into Program::blocks
  int loop = -1;
  int alt = -1;
  std::int64_t imm = 0;
  int site = -1;
  std::vector<LStmt> body, else_body;
  source::Span span;
};

enum class LayoutKind : std::uint8_t { Print, Email, Sms, Push };

/// What a generated layout function fills, per slot: block statements into a part of a document.
struct Slot {
  std::string name;  ///< "print.body", "print.header", "email.body", …
  std::vector<LStmt> body;
};

struct PageSpec {
  Mpt width = 595'276, height = 841'890;
  Mpt margin[4] = {56'693, 56'693, 56'693, 56'693};
  int duplex = -1;         ///< a Bool value (Program::values) or -1 for no duplex
  std::string background;  ///< a letterhead PDF, resolved against the template's folder
  int base_style = 0;
};

struct Layout {
  LayoutKind kind = LayoutKind::Print;
  PageSpec page;  ///< print
  /// Slots (Program::slots) by role: print body, header, footer, first header, first footer; email
  /// and push body; sms text. -1 where the layout has none.
  int body = -1, header = -1, footer = -1, first_header = -1, first_footer = -1;
  // Message fields: Str values (Program::values), -1 where the layout has none.
  int subject = -1;                                                ///< email subject, push title
  int from = -1, reply_to = -1, preheader = -1, unsubscribe = -1;  ///< email
  int attach_name = -1;  ///< email: `attach print as …` (the print layout is the channel `print`'s)
  int collapse = -1;     ///< push
  int ttl = -1;          ///< push: an Int value, seconds
  std::vector<std::pair<std::string, int>> data;  ///< push: custom keys and their Str values
  int max_segments = 0;                           ///< sms: the budget, 0 = none
  bool over_budget_rejects = false;               ///< sms: else the next channel is tried
};

struct Channel {
  std::string name;
  int when = -1;          ///< a Bool node, -1 = always eligible
  std::string when_text;  ///< the condition as written (for "channel `print`: `…` is false")
  int layout = -1;        ///< index into Program::layouts, -1 when the channel has none
  int to = -1;            ///< the recipient: a Str value, "" when absent; -1 for print
  std::string to_text;    ///< the recipient as written
};

// ── the program ──────────────────────────────────────────────────────────

struct Program {
  std::vector<Type> types;
  std::vector<Record> records;
  int input = -1;  ///< the input record (Program::records)
  std::vector<Node> nodes;
  std::vector<Site> sites;
  std::vector<Rule> rules;
  std::vector<Function> functions;
  /// Values computed on demand (`missive_value`): the locale, the `otherwise reject` message, test
  /// expectations, duplex, subjects. Node ids.
  std::vector<int> values;
  int locale = -1;     ///< a Str value, -1 = "en"
  int otherwise = -1;  ///< a Str value, -1 = "no channel applies"
  std::vector<Channel> channels;
  std::vector<Layout> layouts;
  std::vector<Slot> slots;
  std::vector<StyleSpec> styles;  ///< [0] is the base style
  std::vector<BlockSpec> blocks;
  /// Per test of the main module, per expectation: the value (Program::values) a `expect <condition>` or
  /// `expect pages == n` computes, -1 for the others.
  std::vector<std::vector<int>> test_values;
  std::uint32_t lets_size = 0, lets_align = 8;
  int loops = 0;
  int requires_count = 0;

  /// The id of `t`, added when new.
  TypeId Intern(const Type& t);
  /// The id of `t`'s value type (`t` itself when it is not optional).
  [[nodiscard]] TypeId Required(TypeId t) const;
  [[nodiscard]] const Type& T(TypeId id) const { return types[static_cast<std::size_t>(id)]; }
  [[nodiscard]] const Node& N(int id) const { return nodes[static_cast<std::size_t>(id)]; }
  [[nodiscard]] const Record& R(int id) const { return records[static_cast<std::size_t>(id)]; }
};

/// Bytes and alignment of a value of `type` (a record inline, a list or string as a slice); `Slot`
/// adds the presence byte an optional value has after it outside a record.
struct Size {
  std::uint32_t size = 0, align = 1;
};
Size SizeOf(const Program& program, TypeId type);
Size SlotOf(const Program& program, TypeId type);
/// Places the fields of `record` (offsets, presence bits, size); its field types must be known.
void LayOut(Program& program, Record& record);

const char* KindName(Kind kind);
const char* OpName(Op op);
/// `Decimal`, `[Transaction]`, `Email?` (a String), `{key: Decimal, items: [Line]}`.
std::string TypeName(const Program& program, TypeId type);

/// Text form, one node per line (`missive check --dump=ir`); deterministic.
std::string Print(const Program& program);
/// Structural problems (arguments after their users, types that do not fit an operation); empty
/// when valid.
std::vector<std::string> Verify(const Program& program);

}  // namespace missive::lower

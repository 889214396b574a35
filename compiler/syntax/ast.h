// The Missive AST: plain data with a source span on every node. Built by the parser from ANTLR's
// parse tree (which never leaves compiler/syntax), read by sema and the evaluator/lowering.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/source.h"

namespace missive::ast {

using source::Span;

struct Ident {
  std::string name;
  Span span;
};

// ── types ────────────────────────────────────────────────────────────────
/// `String`, `addr.Address`, `[Transaction]`, `Email?`, `[String]?`.
struct TypeRef {
  std::vector<Ident> path;           ///< qualified name; empty when `element` is set (a list)
  std::unique_ptr<TypeRef> element;  ///< set for `[T]`
  bool optional = false;             ///< trailing `?`
  Span span;
};

// ── expressions ──────────────────────────────────────────────────────────
enum class ExprKind : std::uint8_t {
  Int,             ///< 42            (text holds the digits)
  Decimal,         ///< 10.50         (text holds the literal exactly as written)
  String,          ///< "plain"       (text holds the unescaped value)
  Interpolated,    ///< "a {x} b"     (parts)
  Bool,            ///< true / false  (bool_value)
  None,            ///< none
  Length,          ///< 10pt 3mm 1.5cm 2in  (text = number as written, unit = "pt"/"mm"/"cm"/"in")
  Fraction,        ///< 1fr           (text = number)
  Color,           ///< #C0392B       (text = "C0392B")
  Name,            ///< x
  ImplicitMember,  ///< .amount       (name; member of the implicit element `it`)
  Member,          ///< a.b           (lhs, name)
  Index,           ///< a[i]          (lhs, rhs)
  Call,            ///< f(x, from: y) (lhs = callee, args)
  Unary,           ///< -x, not x     (op, lhs)
  Binary,          ///< a + b, a where p, a and b   (op, lhs, rhs)
  If,              ///< if c then a else b  (cond, lhs = then, rhs = else)
  Record,          ///< { a: 1, b: "x" }   (fields)
  List,            ///< [1, 2, 3]          (items)
  Error,           ///< placeholder where a syntax error was recovered
};

enum class Op : std::uint8_t {
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
  Not,
  Neg,
  Where,  ///< `list where predicate` — predicate sees the element as `it` / `.field`
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Argument {
  std::optional<Ident> name;  ///< `from:` in `running_sum(xs, .amount, from: 0)`
  ExprPtr value;
  Span span;
};

struct FieldInit {
  Ident name;
  ExprPtr value;
};

/// One piece of an interpolated string: literal text, or `{expr}`.
struct InterpPart {
  std::string text;  ///< used when expr is null
  ExprPtr expr;
  Span span;
};

struct Expr {
  ExprKind kind = ExprKind::Error;
  Span span;
  std::string text;  ///< literal text (see ExprKind)
  std::string unit;  ///< Length unit
  bool bool_value = false;
  Op op = Op::Add;
  Ident name;  ///< Name, ImplicitMember, Member
  ExprPtr lhs, rhs, cond;
  std::vector<Argument> args;     ///< Call
  std::vector<FieldInit> fields;  ///< Record
  std::vector<ExprPtr> items;     ///< List
  std::vector<InterpPart> parts;  ///< Interpolated
};

// ── schema ───────────────────────────────────────────────────────────────
/// `@key`, `@format("x")`.
struct Annotation {
  Ident name;
  std::vector<ExprPtr> args;
  Span span;
};

struct FieldDecl {
  Ident name;
  TypeRef type;
  ExprPtr default_value;  ///< `= "en"`, may be null
  std::vector<Annotation> annotations;
  Span span;
};

struct RecordDecl {
  Ident name;
  std::vector<FieldDecl> fields;
  Span span;
};

// ── rules and functions ──────────────────────────────────────────────────
enum class RuleKind : std::uint8_t { Let, Require };

/// `let x = e` or `require cond else reject "message"`.
struct Rule {
  RuleKind kind = RuleKind::Let;
  Ident name;       ///< Let
  ExprPtr value;    ///< Let: the value; Require: the condition
  ExprPtr message;  ///< Require: the reject message (a string, possibly interpolated)
  Span span;
};

struct Param {
  Ident name;
  TypeRef type;
  Span span;
};

/// `fn name(a: T, b: U): R = expr`
struct FnDecl {
  Ident name;
  std::vector<Param> params;
  std::optional<TypeRef> result;
  ExprPtr body;
  Span span;
};

// ── styles ───────────────────────────────────────────────────────────────
/// `size: 10pt` or `border: 0.5pt #888888` (several values).
struct StyleProp {
  Ident name;
  std::vector<ExprPtr> values;
  Span span;
};

struct StyleDecl {
  Ident name;
  std::vector<StyleProp> props;
  Span span;
};

// ── layout ───────────────────────────────────────────────────────────────
enum class Align : std::uint8_t { Default, Left, Right, Center, Justify };

enum class StmtKind : std::uint8_t {
  Text,       ///< text [align] expr [style s]; a bare string or interpolation is a Text too
  Row,        ///< row [style s] { … }           (children side by side)
  Column,     ///< column [style s] { … }        (children stacked)
  Box,        ///< box [style s] { … }           (a stack with padding/border/background)
  Keep,       ///< keep { … }                    (kept together on one page)
  Fill,       ///< fill                          (flexible space in a row)
  Space,      ///< space 6mm                     (value)
  Line,       ///< line                          (a horizontal rule)
  PageBreak,  ///< pagebreak
  If,         ///< if cond { … } else { … }
  For,        ///< for x [index i] in list { … }
  Table,      ///< table list as t [index i] { columns […]; header [repeat] {…}; row [zebra] {…} }
  Call,       ///< component call: block(a, b) or addr.block(a, b)   (value holds the Call expr)
  Place,      ///< place at (x, y) width w [overflow reject|shrink|clip] { … }
  Image,      ///< image "path" [width w] [height h] [fit contain|cover|fill]
  Barcode,    ///< barcode qr|code128|datamatrix expr [width w]
  Link,       ///< link "text" to url [style s]       (value: the text, target: the URL)
  Button,     ///< button "text" to url [style s]     (value: the label, target: the URL)
  Error,      ///< a recovered syntax error
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;

/// A table cell in a header or row: `[align] expr [style s]`.
struct Cell {
  Align align = Align::Default;
  ExprPtr value;
  std::optional<Ident> style;
  Span span;
};

struct TableSpec {
  ExprPtr list;                  ///< the rows' source list
  Ident var;                     ///< `as t`
  std::optional<Ident> index;    ///< `index i` (0-based)
  std::vector<ExprPtr> columns;  ///< Length / Fraction / `auto` (Name "auto")
  std::vector<Cell> header;
  bool header_repeat = false;
  std::optional<Ident> header_style;
  std::vector<Cell> row;
  bool zebra = false;
  std::optional<Ident> row_style;  ///< with zebra: the style of every other row
  Span span;
};

/// Named options after a keyword: `width 85mm`, `overflow shrink`, `fit contain`, `height 2cm`.
struct Option {
  Ident name;
  ExprPtr value;
  Span span;
};

struct Stmt {
  StmtKind kind = StmtKind::Error;
  Span span;
  Align align = Align::Default;
  std::optional<Ident> style;
  ExprPtr value;                     ///< Text: the text; Space: the length; If: condition; For: list;
                                     ///< Call: the call; Image: the path; Barcode: the data
  ExprPtr x, y;                      ///< Place: `at (x, y)`
  ExprPtr target;                    ///< Link, Button: the URL
  Ident symbology;                   ///< Barcode: qr / code128 / datamatrix
  std::vector<Option> options;       ///< width/height/overflow/fit
  Ident var;                         ///< For: loop variable
  std::optional<Ident> index;        ///< For: `index i`
  std::vector<StmtPtr> body;         ///< Row/Column/Box/Keep/If(then)/For/Place children
  std::vector<StmtPtr> else_body;    ///< If: else branch (an `else if` is one nested If)
  std::unique_ptr<TableSpec> table;  ///< Table
};

struct ComponentDecl {
  Ident name;
  std::vector<Param> params;
  std::vector<StmtPtr> body;
  Span span;
};

/// `page A4 margin 20mm style body { header … footer … }`; also `page first { … }` for page 1.
struct PageSlot {
  std::optional<Ident> style;
  std::vector<StmtPtr> body;
  Span span;
};

struct PageSetup {
  Ident size;                   ///< A4, A5, Letter, Legal (or `custom` with width/height options)
  std::vector<Option> options;  ///< margin (1, 2 or 4 lengths as items of a List expr or one Length),
                                ///< width, height, duplex (Bool)
  std::optional<Ident> style;   ///< the default style of the whole document
  std::optional<PageSlot> header, footer;
  std::optional<PageSlot> first_header, first_footer;  ///< `first { header … footer … }`
  Span span;
};

enum class LayoutKind : std::uint8_t { Print, Email, Sms, Push };

/// `layout print { page …; stmts }`, `layout email { subject "…"; body { … } }`,
/// `layout sms { "…" }`, `layout push { title "…"; body { … } }`.
struct LayoutDecl {
  LayoutKind kind = LayoutKind::Print;
  Ident name;                     ///< the channel keyword as written
  std::optional<PageSetup> page;  ///< print only
  ExprPtr subject;                ///< email subject / push title
  std::vector<StmtPtr> body;      ///< print flow, email body, sms text, push body
  // email
  ExprPtr from, reply_to, preheader, unsubscribe;
  std::optional<Ident> attach;  ///< `attach print as "statement.pdf"`: the layout attached
  ExprPtr attach_name;          ///< its file name
  // sms: `max 2 segments [else reject]`
  ExprPtr max_segments;
  bool over_budget_rejects = false;  ///< else the next eligible channel is tried
  // push
  std::vector<FieldInit> data;  ///< `data { doc: id }`: string values
  ExprPtr collapse, ttl;        ///< collapse key; time to live in seconds
  Span span;
};

// ── channels and tests ───────────────────────────────────────────────────
struct ChannelEntry {
  Ident channel;  ///< print, email, sms, push
  ExprPtr to;     ///< the recipient (an Email, a Phone, a device token); null for print
  ExprPtr when;   ///< may be null (always eligible)
  Span span;
};

struct ChannelsDecl {
  std::vector<ChannelEntry> entries;
  ExprPtr otherwise_reject;  ///< `otherwise reject "…"`, may be null
  Span span;
};

enum class ExpectKind : std::uint8_t {
  Channel,       ///< expect channel == email
  Value,         ///< expect <bool expression over rules>, e.g. closing == 7.50
  Reject,        ///< expect reject "message"
  TextContains,  ///< expect text contains "…" (also `subject`, `html`, `title` contains)
  Pages,         ///< expect pages == 2
  Segments,      ///< expect segments == 2 (an SMS)
  Encoding,      ///< expect encoding == "GSM-7" (an SMS)
};

struct Expectation {
  ExpectKind kind = ExpectKind::Value;
  Ident channel;  ///< Channel; TextContains: the output searched (`text`, `subject`, `html`, `title`)
  ExprPtr value;  ///< Value: the condition; Reject/TextContains: the string; Pages: the number
  Span span;
};

struct TestDecl {
  std::string name;
  ExprPtr given;  ///< a Record literal, or a String path (relative to the file) to a JSON record
  std::vector<Expectation> expects;
  Span span;
};

// ── the file ─────────────────────────────────────────────────────────────
/// `import std.money` (std_path = {"std","money"}) or `import "parts/a.msv" as a`.
struct Import {
  std::vector<Ident> std_path;
  std::string file_path;
  Span path_span;
  std::optional<Ident> alias;
  Span span;
};

struct Module {
  source::FileId file = source::kNoFile;
  std::optional<Ident> communication;  ///< null for a library module (imported file)
  std::string version;
  std::vector<Import> imports;
  std::vector<RecordDecl> records;  ///< from every `schema { … }` block
  std::optional<TypeRef> input;     ///< `input Customer`
  ExprPtr locale;                   ///< `locale language`
  std::vector<Rule> rules;          ///< from every `rules { … }` block, in order
  std::vector<FnDecl> functions;
  std::vector<StyleDecl> styles;
  std::vector<ComponentDecl> components;
  std::vector<LayoutDecl> layouts;
  std::optional<ChannelsDecl> channels;
  std::vector<TestDecl> tests;
  Span span;
};

}  // namespace missive::ast

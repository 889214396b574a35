// DumpAst: the canonical indented text form of an AST, one node per line (`missive check --dump=ast`).
#include <cstdio>

#include "compiler/syntax/parser.h"

namespace missive::syntax {
namespace {

using namespace ast;

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '{': out += "\\{"; break;
      case '}': out += "\\}"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[12];
          std::snprintf(buffer, sizeof buffer, "\\u{%X}", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

const char* OpName(Op op) {
  switch (op) {
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Mod: return "%";
    case Op::Eq: return "==";
    case Op::Ne: return "!=";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Not: return "not";
    case Op::Neg: return "-";
    case Op::Where: return "where";
  }
  return "?";
}

const char* AlignName(Align align) {
  switch (align) {
    case Align::Default: return "";
    case Align::Left: return " left";
    case Align::Right: return " right";
    case Align::Center: return " center";
    case Align::Justify: return " justify";
  }
  return "";
}

std::string TypeText(const TypeRef& type) {
  std::string out;
  if (type.element) {
    out = "[" + TypeText(*type.element) + "]";
  } else {
    for (std::size_t i = 0; i < type.path.size(); ++i) out += (i ? "." : "") + type.path[i].name;
    if (type.path.empty()) out = "<error>";
  }
  return type.optional ? out + "?" : out;
}

std::string StyleSuffix(const std::optional<Ident>& style) { return style ? " style " + style->name : ""; }

class Dumper {
 public:
  std::string out;

  void Line(int depth, const std::string& text) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    out += text;
    out += '\n';
  }

  /// `label` prefixes the node's line ("then: name x").
  void Expr(int depth, const ExprPtr& e, const std::string& label = "") {
    const std::string prefix = label.empty() ? "" : label + ": ";
    if (!e) {
      Line(depth, prefix + "<none>");
      return;
    }
    switch (e->kind) {
      case ExprKind::Int: Line(depth, prefix + "int " + e->text); break;
      case ExprKind::Decimal: Line(depth, prefix + "decimal " + e->text); break;
      case ExprKind::String: Line(depth, prefix + "string " + Quote(e->text)); break;
      case ExprKind::Interpolated:
        Line(depth, prefix + "interpolated");
        for (const auto& part : e->parts) {
          if (part.expr)
            Expr(depth + 1, part.expr, "expr");
          else
            Line(depth + 1, "text " + Quote(part.text));
        }
        break;
      case ExprKind::Bool: Line(depth, prefix + (e->bool_value ? "bool true" : "bool false")); break;
      case ExprKind::None: Line(depth, prefix + "none"); break;
      case ExprKind::Length: Line(depth, prefix + "length " + e->text + e->unit); break;
      case ExprKind::Fraction: Line(depth, prefix + "fraction " + e->text + "fr"); break;
      case ExprKind::Color: Line(depth, prefix + "color #" + e->text); break;
      case ExprKind::Name: Line(depth, prefix + "name " + e->name.name); break;
      case ExprKind::ImplicitMember: Line(depth, prefix + "implicit ." + e->name.name); break;
      case ExprKind::Member:
        Line(depth, prefix + "member ." + e->name.name);
        Expr(depth + 1, e->lhs);
        break;
      case ExprKind::Index:
        Line(depth, prefix + "index");
        Expr(depth + 1, e->lhs);
        Expr(depth + 1, e->rhs);
        break;
      case ExprKind::Call:
        Line(depth, prefix + "call");
        Expr(depth + 1, e->lhs);
        for (const auto& arg : e->args) Expr(depth + 1, arg.value, arg.name ? "arg " + arg.name->name : "arg");
        break;
      case ExprKind::Unary:
        Line(depth, prefix + "unary " + OpName(e->op));
        Expr(depth + 1, e->lhs);
        break;
      case ExprKind::Binary:
        Line(depth, prefix + "binary " + OpName(e->op));
        Expr(depth + 1, e->lhs);
        Expr(depth + 1, e->rhs);
        break;
      case ExprKind::If:
        Line(depth, prefix + "if");
        Expr(depth + 1, e->cond, "cond");
        Expr(depth + 1, e->lhs, "then");
        Expr(depth + 1, e->rhs, "else");
        break;
      case ExprKind::Record:
        Line(depth, prefix + "record");
        for (const auto& field : e->fields) Expr(depth + 1, field.value, field.name.name);
        break;
      case ExprKind::List:
        Line(depth, prefix + "list");
        for (const auto& item : e->items) Expr(depth + 1, item);
        break;
      case ExprKind::Error: Line(depth, prefix + "error"); break;
    }
  }

  void Options(int depth, const std::vector<Option>& options) {
    for (const auto& option : options) Expr(depth, option.value, "option " + option.name.name);
  }

  void Cells(int depth, const std::vector<Cell>& cells) {
    for (const auto& cell : cells) {
      Line(depth, std::string("cell") + AlignName(cell.align) + StyleSuffix(cell.style));
      Expr(depth + 1, cell.value);
    }
  }

  void Stmts(int depth, const std::vector<StmtPtr>& body) {
    for (const auto& s : body) Stmt(depth, *s);
  }

  void Stmt(int depth, const ast::Stmt& s) {
    const std::string style = StyleSuffix(s.style);
    switch (s.kind) {
      case StmtKind::Text:
        Line(depth, std::string("text") + AlignName(s.align) + style);
        Expr(depth + 1, s.value);
        break;
      case StmtKind::Row:
        Line(depth, "row" + style);
        Stmts(depth + 1, s.body);
        break;
      case StmtKind::Column:
        Line(depth, "column" + style);
        Stmts(depth + 1, s.body);
        break;
      case StmtKind::Box:
        Line(depth, "box" + style);
        Stmts(depth + 1, s.body);
        break;
      case StmtKind::Keep:
        Line(depth, "keep" + style);
        Stmts(depth + 1, s.body);
        break;
      case StmtKind::Fill: Line(depth, "fill"); break;
      case StmtKind::Space:
        Line(depth, "space");
        Expr(depth + 1, s.value);
        break;
      case StmtKind::Line: Line(depth, "line"); break;
      case StmtKind::PageBreak: Line(depth, "pagebreak"); break;
      case StmtKind::If:
        Line(depth, "if");
        Expr(depth + 1, s.value, "cond");
        Line(depth + 1, "then");
        Stmts(depth + 2, s.body);
        if (!s.else_body.empty()) {
          Line(depth + 1, "else");
          Stmts(depth + 2, s.else_body);
        }
        break;
      case StmtKind::For:
        Line(depth, "for " + s.var.name + (s.index ? " index " + s.index->name : ""));
        Expr(depth + 1, s.value, "in");
        Stmts(depth + 1, s.body);
        break;
      case StmtKind::Table: {
        const TableSpec& t = *s.table;
        Line(depth, "table as " + t.var.name + (t.index ? " index " + t.index->name : ""));
        Expr(depth + 1, t.list, "list");
        Line(depth + 1, "columns");
        for (const auto& c : t.columns) Expr(depth + 2, c);
        Line(depth + 1, std::string("header") + (t.header_repeat ? " repeat" : "") + StyleSuffix(t.header_style));
        Cells(depth + 2, t.header);
        Line(depth + 1, std::string("row") + (t.zebra ? " zebra" : "") + StyleSuffix(t.row_style));
        Cells(depth + 2, t.row);
        break;
      }
      case StmtKind::Call:
        Line(depth, "component");
        Expr(depth + 1, s.value);
        break;
      case StmtKind::Place:
        Line(depth, "place");
        Expr(depth + 1, s.x, "x");
        Expr(depth + 1, s.y, "y");
        Options(depth + 1, s.options);
        Stmts(depth + 1, s.body);
        break;
      case StmtKind::Image:
        Line(depth, "image");
        Expr(depth + 1, s.value, "path");
        Options(depth + 1, s.options);
        break;
      case StmtKind::Barcode:
        Line(depth, "barcode " + s.symbology.name);
        Expr(depth + 1, s.value, "data");
        Options(depth + 1, s.options);
        break;
      case StmtKind::Link:
      case StmtKind::Button:
        Line(depth, (s.kind == StmtKind::Link ? "link" : "button") + StyleSuffix(s.style));
        Expr(depth + 1, s.value, "text");
        Expr(depth + 1, s.target, "to");
        break;
      case StmtKind::Error: Line(depth, "error"); break;
    }
  }

  void Slot(int depth, const char* name, const std::optional<PageSlot>& slot) {
    if (!slot) return;
    Line(depth, name + StyleSuffix(slot->style));
    Stmts(depth + 1, slot->body);
  }
};

}  // namespace

std::string DumpAst(const ast::Module& m) {
  Dumper d;
  d.Line(0, "module");
  if (m.communication) d.Line(1, "communication " + m.communication->name + " version " + Quote(m.version));
  for (const auto& imp : m.imports) {
    std::string target;
    for (std::size_t i = 0; i < imp.std_path.size(); ++i) target += (i ? "." : "") + imp.std_path[i].name;
    if (imp.std_path.empty()) target = Quote(imp.file_path);
    d.Line(1, "import " + target + (imp.alias ? " as " + imp.alias->name : ""));
  }
  for (const auto& record : m.records) {
    d.Line(1, "record " + record.name.name);
    for (const auto& field : record.fields) {
      d.Line(2, "field " + field.name.name + ": " + TypeText(field.type));
      if (field.default_value) d.Expr(3, field.default_value, "default");
      for (const auto& a : field.annotations) {
        d.Line(3, "@" + a.name.name);
        for (const auto& arg : a.args) d.Expr(4, arg);
      }
    }
  }
  if (m.input) d.Line(1, "input " + TypeText(*m.input));
  if (m.locale) d.Expr(1, m.locale, "locale");
  for (const auto& rule : m.rules) {
    if (rule.kind == RuleKind::Let) {
      d.Line(1, "let " + rule.name.name);
      d.Expr(2, rule.value);
    } else {
      d.Line(1, "require");
      d.Expr(2, rule.value, "cond");
      d.Expr(2, rule.message, "reject");
    }
  }
  for (const auto& fn : m.functions) {
    std::string params;
    for (const auto& p : fn.params) params += (params.empty() ? "" : ", ") + p.name.name + ": " + TypeText(p.type);
    d.Line(1, "fn " + fn.name.name + "(" + params + ")" + (fn.result ? ": " + TypeText(*fn.result) : ""));
    d.Expr(2, fn.body);
  }
  for (const auto& style : m.styles) {
    d.Line(1, "style " + style.name.name);
    for (const auto& prop : style.props) {
      d.Line(2, "prop " + prop.name.name);
      for (const auto& v : prop.values) d.Expr(3, v);
    }
  }
  for (const auto& c : m.components) {
    std::string params;
    for (const auto& p : c.params) params += (params.empty() ? "" : ", ") + p.name.name + ": " + TypeText(p.type);
    d.Line(1, "component " + c.name.name + "(" + params + ")");
    d.Stmts(2, c.body);
  }
  for (const auto& layout : m.layouts) {
    d.Line(1, "layout " + layout.name.name);
    if (layout.page) {
      const PageSetup& page = *layout.page;
      d.Line(2, "page " + page.size.name + StyleSuffix(page.style));
      d.Options(3, page.options);
      d.Slot(3, "header", page.header);
      d.Slot(3, "footer", page.footer);
      d.Slot(3, "first header", page.first_header);
      d.Slot(3, "first footer", page.first_footer);
    }
    if (layout.max_segments)
      d.Expr(2, layout.max_segments, layout.over_budget_rejects ? "max segments, else reject" : "max segments");
    if (layout.subject) d.Expr(2, layout.subject, "subject");
    if (layout.from) d.Expr(2, layout.from, "from");
    if (layout.reply_to) d.Expr(2, layout.reply_to, "reply_to");
    if (layout.preheader) d.Expr(2, layout.preheader, "preheader");
    if (layout.unsubscribe) d.Expr(2, layout.unsubscribe, "unsubscribe");
    if (layout.attach) d.Expr(2, layout.attach_name, "attach " + layout.attach->name + " as");
    for (const auto& field : layout.data) d.Expr(2, field.value, "data " + field.name.name);
    if (layout.collapse) d.Expr(2, layout.collapse, "collapse");
    if (layout.ttl) d.Expr(2, layout.ttl, "ttl");
    d.Stmts(2, layout.body);
  }
  if (m.channels) {
    d.Line(1, "channels");
    for (const auto& entry : m.channels->entries) {
      d.Line(2, "channel " + entry.channel.name);
      if (entry.to) d.Expr(3, entry.to, "to");
      if (entry.when) d.Expr(3, entry.when, "when");
    }
    if (m.channels->otherwise_reject) d.Expr(2, m.channels->otherwise_reject, "otherwise reject");
  }
  for (const auto& test : m.tests) {
    d.Line(1, "test " + Quote(test.name));
    if (test.given) d.Expr(2, test.given, "given");
    for (const auto& e : test.expects) {
      switch (e.kind) {
        case ExpectKind::Channel: d.Line(2, "expect channel " + e.channel.name); break;
        case ExpectKind::Value: d.Expr(2, e.value, "expect"); break;
        case ExpectKind::Reject: d.Expr(2, e.value, "expect reject"); break;
        case ExpectKind::TextContains: d.Expr(2, e.value, "expect " + e.channel.name + " contains"); break;
        case ExpectKind::Pages: d.Expr(2, e.value, "expect pages"); break;
        case ExpectKind::Segments: d.Expr(2, e.value, "expect segments"); break;
        case ExpectKind::Encoding: d.Expr(2, e.value, "expect encoding"); break;
      }
    }
  }
  return d.out;
}

}  // namespace missive::syntax

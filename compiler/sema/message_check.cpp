// What each layout may hold for its channel: the fields of an email, an SMS or a push message, the
// statements a channel can render (through components too), an SMS's fixed text against its budget.
#include <algorithm>
#include <map>
#include <set>

#include "compiler/sema/checker.h"
#include "runtime/value/sms.h"
#include "runtime/value/url.h"

namespace missive::sema {

namespace {

const char* ChannelNoun(ast::LayoutKind kind) {
  switch (kind) {
    case ast::LayoutKind::Print: return "a printed document";
    case ast::LayoutKind::Email: return "an email";
    case ast::LayoutKind::Sms: return "an SMS";
    case ast::LayoutKind::Push: return "a push message";
  }
  return "";
}

const char* StmtName(ast::StmtKind kind) {
  switch (kind) {
    case ast::StmtKind::Table: return "a `table`";
    case ast::StmtKind::Image: return "an `image`";
    case ast::StmtKind::Barcode: return "a `barcode`";
    case ast::StmtKind::Place: return "a `place`";
    case ast::StmtKind::Link: return "a `link`";
    case ast::StmtKind::Button: return "a `button`";
    case ast::StmtKind::Line: return "a `line`";
    case ast::StmtKind::PageBreak: return "a `pagebreak`";
    default: return "this statement";
  }
}

/// Whether a channel can render a statement. SMS and push carry text only; email has no absolute
/// positions and no barcodes (page breaks are ignored there, so components shared with print work).
bool Renders(ast::LayoutKind channel, ast::StmtKind stmt) {
  switch (channel) {
    case ast::LayoutKind::Print: return true;
    case ast::LayoutKind::Email: return stmt != ast::StmtKind::Place && stmt != ast::StmtKind::Barcode;
    case ast::LayoutKind::Sms:
    case ast::LayoutKind::Push:
      switch (stmt) {
        case ast::StmtKind::Table:
        case ast::StmtKind::Image:
        case ast::StmtKind::Barcode:
        case ast::StmtKind::Place:
        case ast::StmtKind::Link:
        case ast::StmtKind::Button:
        case ast::StmtKind::Line:
        case ast::StmtKind::PageBreak: return false;
        default: return true;
      }
  }
  return true;
}

/// The text an SMS has whatever the record: literal text outside conditions and loops, a line each.
void FixedText(const std::vector<ast::StmtPtr>& body, std::string& out) {
  for (const auto& s : body) {
    if (!s) continue;
    if (s->kind == ast::StmtKind::Text && s->value) {
      if (!out.empty()) out += '\n';
      if (s->value->kind == ast::ExprKind::String) out += s->value->text;
      if (s->value->kind == ast::ExprKind::Interpolated)
        for (const auto& part : s->value->parts)
          if (!part.expr) out += part.text;
    } else if (s->kind == ast::StmtKind::Column || s->kind == ast::StmtKind::Box || s->kind == ast::StmtKind::Row ||
               s->kind == ast::StmtKind::Keep) {
      FixedText(s->body, out);
    }
  }
}

}  // namespace

void Checker::CheckUrlLiteral(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::String) return;
  if (const std::string why = value::CheckUrl(e.text); !why.empty()) sink_.report(diag::Kind::InvalidUrl, e.span, why);
}

void Checker::CheckChannelContent(const std::vector<ast::StmtPtr>& body, ast::LayoutKind channel,
                                  const ast::LayoutDecl& layout, std::optional<source::Span> via,
                                  std::set<const ast::ComponentDecl*>& seen) {
  for (const auto& s : body) {
    if (!s) continue;
    if (!Renders(channel, s->kind)) {
      auto& d = sink_.report(diag::Kind::NotOnChannel, s->span,
                             std::string(StmtName(s->kind)) + " cannot go into " + ChannelNoun(channel));
      if (via) d.labels.push_back({*via, "used in `layout " + layout.name.name + "` here"});
      if (channel == ast::LayoutKind::Sms || channel == ast::LayoutKind::Push)
        d.notes.push_back("`layout " + layout.name.name + "` carries text only");
      continue;
    }
    if (s->kind == ast::StmtKind::Image && s->value && s->value->kind == ast::ExprKind::String &&
        value::IsWebUrl(s->value->text)) {
      if (channel == ast::LayoutKind::Print) {
        auto& d = sink_.report(diag::Kind::NotOnChannel, s->value->span,
                               "an image by address cannot be printed: print needs the image file");
        if (via) d.labels.push_back({*via, "used in `layout " + layout.name.name + "` here"});
      } else {
        CheckUrlLiteral(*s->value);
      }
    }
    if (s->kind == ast::StmtKind::Call && s->value && s->value->kind == ast::ExprKind::Call && s->value->lhs) {
      const ast::Expr& callee = *s->value->lhs;
      const ast::ComponentDecl* component = nullptr;
      if (callee.kind == ast::ExprKind::Name) {
        auto& comps = decls_[module_].components;
        if (auto found = comps.find(callee.name.name); found != comps.end()) component = found->second;
      } else if (callee.kind == ast::ExprKind::Member && callee.lhs && callee.lhs->kind == ast::ExprKind::Name) {
        const auto& aliases = program_.modules[module_].aliases;
        if (auto alias = aliases.find(callee.lhs->name.name); alias != aliases.end()) {
          auto& comps = decls_[alias->second].components;
          if (auto found = comps.find(callee.name.name); found != comps.end()) component = found->second;
        }
      }
      if (component != nullptr && seen.insert(component).second)
        CheckChannelContent(component->body, channel, layout, via ? via : s->span, seen);
    }
    CheckChannelContent(s->body, channel, layout, via, seen);
    CheckChannelContent(s->else_body, channel, layout, via, seen);
  }
}

void Checker::CheckMessageFields(const ast::LayoutDecl& layout) {
  const ast::LayoutKind kind = layout.kind;
  auto misplaced = [&](const ast::ExprPtr& field, const char* name, const char* belongs) {
    if (!field) return false;
    sink_.report(diag::Kind::NotOnChannel, field->span,
                 std::string("`") + name + "` belongs in " + belongs + ", not in `layout " + layout.name.name + "`");
    return true;
  };
  const bool email = kind == ast::LayoutKind::Email, sms = kind == ast::LayoutKind::Sms,
             push = kind == ast::LayoutKind::Push;
  if (layout.subject && (kind == ast::LayoutKind::Print || kind == ast::LayoutKind::Sms)) {
    sink_.report(diag::Kind::NotOnChannel, layout.subject->span,
                 "`layout " + layout.name.name + "` has no subject or title: they belong to email and push");
  }
  // email fields
  for (const auto& [field, name] :
       {std::pair{&layout.from, "from"}, std::pair{&layout.reply_to, "reply_to"},
        std::pair{&layout.preheader, "preheader"}, std::pair{&layout.unsubscribe, "unsubscribe"}}) {
    if (!email) {
      misplaced(*field, name, "`layout email`");
      continue;
    }
    if (!*field) continue;
    const std::string n = name;
    if (n == "from" || n == "reply_to") {
      const Type t = Expr(**field);
      if (!t.is_error() && t.optional) {
        ReportOptional(**field);
      } else if (!t.is_error() && t.kind != TypeKind::Email && t.kind != TypeKind::String) {
        sink_.report(diag::Kind::TypeMismatch, (*field)->span,
                     "`" + n + "` expects an address (`Email` or `String`), found `" + TypeName(t) + "`");
      }
    } else {
      CheckScalarText(**field);
    }
    if (n == "unsubscribe") CheckUrlLiteral(**field);
  }
  if (email && !layout.from) {
    auto& d = sink_.report(diag::Kind::MissingSender, layout.name.span, "`layout email` needs a `from` address");
    d.notes.push_back("e.g. `from \"Northwind Bank <statements@northwind.example>\"`");
  }
  if (layout.attach) {
    if (!email) {
      sink_.report(diag::Kind::NotOnChannel, layout.attach->span,
                   "`attach` belongs in `layout email`, not in `layout " + layout.name.name + "`");
    } else if (layout.attach->name != "print") {
      sink_.report(diag::Kind::NotOnChannel, layout.attach->span,
                   "an email attaches `print` (the record's printed document), not `" + layout.attach->name + "`");
    } else {
      const auto& layouts = program_.modules[module_].ast->layouts;
      const auto print = std::find_if(layouts.begin(), layouts.end(),
                                      [](const ast::LayoutDecl& l) { return l.kind == ast::LayoutKind::Print; });
      if (print == layouts.end())
        sink_.report(diag::Kind::NotOnChannel, layout.attach->span, "`attach print` needs a `layout print`");
    }
    if (layout.attach_name) Expect(*layout.attach_name, Type::Of(TypeKind::String), "the attachment's file name");
  }
  // sms budget
  if (layout.max_segments) {
    if (!sms) {
      sink_.report(diag::Kind::NotOnChannel, layout.max_segments->span,
                   "a segment budget belongs to `layout sms`, not `layout " + layout.name.name + "`");
    } else if (layout.max_segments->kind != ast::ExprKind::Int || std::stoll(layout.max_segments->text) < 1 ||
               layout.max_segments->text.size() > 3) {
      sink_.report(diag::Kind::TypeMismatch, layout.max_segments->span,
                   "a segment budget is a whole number from 1 to 255, e.g. `max 2 segments`");
    } else {
      const auto budget = static_cast<std::size_t>(std::stoll(layout.max_segments->text));
      std::string fixed;
      FixedText(layout.body, fixed);
      const value::SmsCount count = value::CountSms(fixed);
      if (count.segments > budget) {
        auto& d = sink_.report(diag::Kind::SmsOverBudget, layout.max_segments->span,
                               "the SMS's fixed text alone takes " + std::to_string(count.segments) +
                                   " segments, over its budget of " + std::to_string(budget));
        d.notes.push_back(std::to_string(count.units) +
                          (count.encoding == value::SmsEncoding::Gsm7
                               ? " GSM-7 septets: 160 fit in one segment, 153 in each of several"
                               : " UCS-2 units: 70 fit in one segment, 67 in each of several"));
        if (count.encoding == value::SmsEncoding::Ucs2)
          d.notes.push_back("`" + count.trigger + "` is not in the GSM-7 alphabet and makes the whole message UCS-2");
      }
    }
  }
  // push fields
  for (const auto& [field, name] : {std::pair{&layout.collapse, "collapse"}, std::pair{&layout.ttl, "ttl"}}) {
    if (!push) {
      misplaced(*field, name, "`layout push`");
      continue;
    }
    if (!*field) continue;
    if (std::string(name) == "ttl") {
      Expect(**field, Type::Of(TypeKind::Int), "`ttl` (seconds)");
    } else {
      CheckScalarText(**field);
    }
  }
  if (!layout.data.empty()) {
    if (!push) {
      sink_.report(diag::Kind::NotOnChannel, layout.data.front().name.span,
                   "`data` belongs in `layout push`, not in `layout " + layout.name.name + "`");
    } else {
      std::map<std::string, source::Span> keys;
      for (const auto& entry : layout.data) {
        const std::string& key = entry.name.name;
        if (auto [first, added] = keys.emplace(key, entry.name.span); !added)
          ReportDuplicate(entry.name, first->second, "data key");
        if (key == "from" || key == "message_type" || key.rfind("google", 0) == 0 || key.rfind("gcm", 0) == 0) {
          sink_.report(diag::Kind::NotOnChannel, entry.name.span,
                       "FCM reserves the data key `" + key + "`: no `from`, `message_type`, `google…` or `gcm…` keys");
        }
        if (entry.value) CheckScalarText(*entry.value);
      }
    }
  }
  std::set<const ast::ComponentDecl*> seen;
  CheckChannelContent(layout.body, kind, layout, std::nullopt, seen);
}

}  // namespace missive::sema

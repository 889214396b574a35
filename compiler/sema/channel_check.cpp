// Channels (each needs its layout, order and reachability) and tests (`given` records, expectations).
#include <algorithm>

#include "compiler/sema/checker.h"

namespace missive::sema {

namespace {

const std::vector<std::string> kChannels = {"print", "email", "sms", "push"};

bool IsChannel(const std::string& name) {
  return std::find(kChannels.begin(), kChannels.end(), name) != kChannels.end();
}

const ast::LayoutDecl* FindLayout(const ast::Module& m, const std::string& channel) {
  for (const auto& l : m.layouts) {
    if (l.name.name == channel) return &l;
  }
  return nullptr;
}

}  // namespace

void Checker::CheckChannels(std::size_t module) {
  module_ = module;
  const ast::Module& m = *program_.modules[module].ast;
  if (!m.channels) {
    for (const auto& layout : m.layouts) {
      if (layout.kind == ast::LayoutKind::Print) continue;
      auto& d = sink_.report(diag::Kind::MissingRecipient, layout.name.span,
                             "`layout " + layout.name.name + "` needs a channel that names its recipient");
      d.notes.push_back("add `channels { " + layout.name.name + " to <field> }`");
    }
    if (m.layouts.size() > 1) {
      auto& d = sink_.report(diag::Kind::NoChannels, m.layouts[1].name.span,
                             "several layouts but no `channels` block to choose between them");
      d.labels.push_back({m.layouts[0].name.span, "first layout"});
      d.notes.push_back("add `channels { " + m.layouts[0].name.name + " when … }`");
    }
    return;
  }
  std::map<std::string, const ast::ChannelEntry*> seen;
  const ast::ChannelEntry* unconditional = nullptr;
  for (const auto& entry : m.channels->entries) {
    const std::string& name = entry.channel.name;
    if (entry.when) Condition(*entry.when, "a channel condition");
    if (IsChannel(name)) CheckRecipient(entry);
    if (!IsChannel(name)) {
      auto& d = sink_.report(diag::Kind::UnknownChannel, entry.channel.span, "unknown channel `" + name + "`");
      if (auto best = diag::closest_name(name, kChannels)) {
        d.notes.push_back("did you mean `" + *best + "`?");
        d.fixit = diag::FixIt{entry.channel.span, *best};
      } else {
        d.notes.push_back("channels are `print`, `email`, `sms` and `push`");
      }
      continue;
    }
    if (auto first = seen.find(name); first != seen.end()) {
      auto& d =
          sink_.report(diag::Kind::DuplicateChannel, entry.channel.span, "channel `" + name + "` is listed twice");
      d.labels.push_back({first->second->channel.span, "first listed here"});
      continue;
    }
    seen.emplace(name, &entry);
    if (unconditional != nullptr) {
      auto& d = sink_.report(diag::Kind::UnreachableChannel, entry.span.valid() ? entry.span : entry.channel.span,
                             "channel `" + name + "` is never chosen");
      d.labels.push_back({unconditional->channel.span, "`" + unconditional->channel.name + "` is always chosen first"});
    }
    if (!entry.when && unconditional == nullptr && AlwaysEligible(m, entry)) unconditional = &entry;
    if (FindLayout(m, name) == nullptr) {
      sink_.report(diag::Kind::ChannelWithoutLayout, entry.channel.span,
                   "channel `" + name + "` has no `layout " + name + "`");
    }
  }
  if (m.channels->otherwise_reject) {
    Expect(*m.channels->otherwise_reject, Type::Of(TypeKind::String), "a reject message");
  }
}

bool Checker::AlwaysEligible(const ast::Module& m, const ast::ChannelEntry& entry) {
  if (entry.channel.name == "print") return true;
  // a message channel falls through when its recipient is absent or invalid, or an SMS over budget
  if (!entry.to) return false;
  const Type& t = typing_.TypeOf(*entry.to);
  if (t.optional || (t.kind != TypeKind::Email && t.kind != TypeKind::Phone)) return false;
  const ast::LayoutDecl* layout = FindLayout(m, entry.channel.name);
  return layout == nullptr || !layout->max_segments || layout->over_budget_rejects;
}

void Checker::CheckRecipient(const ast::ChannelEntry& entry) {
  const std::string& name = entry.channel.name;
  if (name == "print") {
    if (entry.to) {
      sink_.report(diag::Kind::MissingRecipient, entry.to->span,
                   "`print` has no recipient: the printed document goes to the record's postal address");
    }
    return;
  }
  const char* want = name == "email" ? "an `Email` (or a `String` holding an address)"
                     : name == "sms" ? "a `Phone` (or a `String` holding an E.164 number)"
                                     : "a `String` (the device token)";
  if (!entry.to) {
    auto& d = sink_.report(diag::Kind::MissingRecipient, entry.channel.span,
                           "channel `" + name + "` needs a recipient: " + want);
    const std::string field = name == "email" ? "email" : name == "sms" ? "phone" : "device.token";
    d.notes.push_back("e.g. `" + name + " to " + field + " when …`");
    return;
  }
  const Type t = Expr(*entry.to);  // optional is fine: no recipient makes the channel ineligible
  if (t.is_error()) return;
  const bool ok = t.kind == TypeKind::String || (name == "email" && t.kind == TypeKind::Email) ||
                  (name == "sms" && t.kind == TypeKind::Phone);
  if (!ok) {
    sink_.report(diag::Kind::TypeMismatch, entry.to->span,
                 "the recipient of `" + name + "` is " + want + ", found `" + TypeName(t) + "`");
  }
}

void Checker::CheckGiven(const ast::Expr& e, const Type& want) {
  if (want.is_error()) return;
  if (e.kind == ast::ExprKind::None) {
    if (!want.optional) {
      sink_.report(diag::Kind::TypeMismatch, e.span, "`none` given for " + Article(want) + "`" + TypeName(want) + "`");
    }
    return;
  }
  const Type w = want.required();
  auto mismatch = [&](const char* found) {
    sink_.report(diag::Kind::TypeMismatch, e.span, "expected `" + TypeName(want) + "`, found " + found);
  };
  if (w.kind == TypeKind::Record) {
    if (e.kind != ast::ExprKind::Record) return mismatch("a value that is not a record");
    std::map<std::string, const ast::FieldInit*> seen;
    for (const auto& f : e.fields) {
      if (auto first = seen.find(f.name.name); first != seen.end()) {
        ReportDuplicate(f.name, first->second->name.span, "field");
        continue;
      }
      seen.emplace(f.name.name, &f);
      const FieldInfo* field = w.record->field(f.name.name);
      if (field == nullptr) {
        auto& d = sink_.report(diag::Kind::UnknownField, f.name.span,
                               "record `" + w.record->name + "` has no field `" + f.name.name + "`");
        if (auto best = diag::closest_name(f.name.name, w.record->field_names())) {
          d.notes.push_back("did you mean `" + *best + "`?");
          d.fixit = diag::FixIt{f.name.span, *best};
        }
        continue;
      }
      if (f.value) CheckGiven(*f.value, field->type);
    }
    return;
  }
  if (w.kind == TypeKind::List) {
    if (e.kind != ast::ExprKind::List) return mismatch("a value that is not a list");
    for (const auto& item : e.items) {
      if (item) CheckGiven(*item, *w.element);
    }
    return;
  }
  // Scalars are written as in the JSON input: strings for decimals and dates are fine.
  switch (e.kind) {
    case ast::ExprKind::String: return;
    case ast::ExprKind::Int:
    case ast::ExprKind::Decimal:
      if (!IsNumeric(w)) mismatch("a number");
      return;
    case ast::ExprKind::Bool:
      if (w.kind != TypeKind::Bool) mismatch("a `Bool`");
      return;
    case ast::ExprKind::Unary:
      if (!IsNumeric(w)) mismatch("a number");
      return;
    case ast::ExprKind::Record: return mismatch("a record");
    case ast::ExprKind::List: return mismatch("a list");
    default: mismatch("an expression (a test's `given` holds literal values only)");
  }
}

void Checker::CheckExpectedChannel(const ast::Module& m, const ast::Ident& channel) {
  if (!IsChannel(channel.name)) {
    auto& d = sink_.report(diag::Kind::InvalidExpectation, channel.span, "`" + channel.name + "` is not a channel");
    if (auto best = diag::closest_name(channel.name, kChannels)) {
      d.notes.push_back("did you mean `" + *best + "`?");
      d.fixit = diag::FixIt{channel.span, *best};
    }
  } else if (FindLayout(m, channel.name) == nullptr) {
    sink_.report(diag::Kind::InvalidExpectation, channel.span,
                 "channel `" + channel.name + "` can never be chosen: there is no `layout " + channel.name + "`");
  }
}

void Checker::CheckTests(std::size_t module) {
  module_ = module;
  const ast::Module& m = *program_.modules[module].ast;
  const ModuleDecls& d = decls_[module];
  std::map<std::string, const ast::TestDecl*> seen;
  for (const auto& test : m.tests) {
    if (auto first = seen.find(test.name); first != seen.end()) {
      auto& diag =
          sink_.report(diag::Kind::DuplicateDefinition, test.span, "test \"" + test.name + "\" is defined twice");
      diag.labels.push_back({first->second->span, "first defined here"});
    }
    seen.emplace(test.name, &test);
    if (test.given && test.given->kind == ast::ExprKind::Record && d.input != nullptr) {
      CheckGiven(*test.given, Type::RecordOf(d.input));
    } else if (test.given && test.given->kind != ast::ExprKind::String && test.given->kind != ast::ExprKind::Record) {
      sink_.report(diag::Kind::InvalidExpectation, test.given->span,
                   "`given` is a record `{ … }` or the path of a JSON file");
    }
    for (const auto& ex : test.expects) {
      switch (ex.kind) {
        case ast::ExpectKind::Channel: CheckExpectedChannel(m, ex.channel); break;
        case ast::ExpectKind::Value: {
          if (!ex.value) break;
          // `expect channel == x` and `expect pages == n` when the parser left them as plain conditions.
          const ast::Expr& v = *ex.value;
          if (v.kind == ast::ExprKind::Binary && v.op == ast::Op::Eq && v.lhs && v.rhs &&
              v.lhs->kind == ast::ExprKind::Name && d.lets.count(v.lhs->name.name) == 0 &&
              (d.input == nullptr || d.input->field(v.lhs->name.name) == nullptr)) {
            if (v.lhs->name.name == "channel" && v.rhs->kind == ast::ExprKind::Name) {
              CheckExpectedChannel(m, v.rhs->name);
              break;
            }
            if (v.lhs->name.name == "pages") {
              Expect(*v.rhs, Type::Of(TypeKind::Int), "`expect pages`");
              break;
            }
          }
          Type t = Expr(v);
          if (!t.is_error() && (t.kind != TypeKind::Bool || t.optional)) {
            sink_.report(diag::Kind::InvalidExpectation, ex.value->span,
                         "an expectation must be a `Bool` condition, found `" + TypeName(t) + "`");
          }
          break;
        }
        case ast::ExpectKind::TextContains: {
          const std::string& what = ex.channel.name;
          if (what != "text" && what != "subject" && what != "title" && what != "html") {
            sink_.report(diag::Kind::InvalidExpectation, ex.channel.span,
                         "`expect " + what + " contains`: a test searches `text`, `subject`, `title` or `html`");
          }
          if (ex.value && ex.value->kind != ast::ExprKind::String) {
            sink_.report(diag::Kind::InvalidExpectation, ex.value->span, "`contains` takes a string in quotes");
          }
          break;
        }
        case ast::ExpectKind::Reject:
          if (ex.value) Expect(*ex.value, Type::Of(TypeKind::String), "this expectation");
          break;
        case ast::ExpectKind::Pages:
        case ast::ExpectKind::Segments:
          if (ex.value) Expect(*ex.value, Type::Of(TypeKind::Int), "this expectation");
          break;
        case ast::ExpectKind::Encoding:
          if (ex.value) Expect(*ex.value, Type::Of(TypeKind::String), "`expect encoding`");
          break;
      }
    }
  }
}

}  // namespace missive::sema

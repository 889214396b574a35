// One thread's records through the compiled program: decode (or load a CSV row) into the native layout,
// run the rules, choose the channel, build the chosen channel's document. The one place channels are
// selected.
#include <cstring>
#include <map>

#include "compiler/native/native_internal.h"
#include "runtime/abi/to_value.h"
#include "runtime/data/native_decode.h"
#include "runtime/render/text/plain_text.h"
#include "runtime/value/format.h"
#include "runtime/value/sms.h"
#include "runtime/value/url.h"

namespace missive::native {

struct Worker::Impl {
  const Program::Impl& program;
  data::NativeJsonDecoder decoder;
  data::Arena arena;   // lets and everything the record's calls make
  data::Arena loaded;  // records written from values (CSV rows)
  compose::NativeBuilder builder;
  std::map<std::string, std::unique_ptr<value::Formatter>, std::less<>> formatters;
  const void* record = nullptr;
  void* lets = nullptr;
  MsvRuntimeCtx ctx{};

  explicit Impl(const Program::Impl& p)
      : program(p), decoder(*p.layouts, *p.schema.input), builder(p.protos, p.images.get()) {}

  value::Formatter& FormatterFor(std::string_view locale) {
    auto it = formatters.find(locale);
    if (it == formatters.end())
      it = formatters.emplace(std::string(locale), std::make_unique<value::Formatter>(locale)).first;
    return *it->second;
  }

  void ResetContext() {
    ctx = MsvRuntimeCtx{};
    ctx.alloc = data::ArenaAllocate;
    ctx.alloc_state = &arena;
    ctx.state = &builder;
    ctx.error_site = -1;
  }

  std::string KeyOf() const {
    const data::RecordDesc& input = *program.schema.input;
    if (input.key_field < 0 || record == nullptr) return "";
    const auto& field = program.layouts->root().fields[static_cast<std::size_t>(input.key_field)];
    if (field.presence_bit >= 0 && !abi::IsPresent(record, field.presence_bit)) return "";
    const value::Value key =
        abi::ToValue(*program.layouts, input.fields[static_cast<std::size_t>(input.key_field)].type,
                     static_cast<const std::uint8_t*>(record) + field.offset);
    if (key.is<std::string>()) return key.as<std::string>();
    if (key.is<std::int64_t>()) return std::to_string(key.as<std::int64_t>());
    return "";
  }

  /// Value `which` into arena memory; null after a runtime error (ctx says which).
  const void* Compute(int which) {
    const lower::Program& ir = program.ir;
    const int node = ir.values[static_cast<std::size_t>(which)];
    const lower::Size slot = lower::SlotOf(ir, ir.N(node).type);
    void* out = arena.Allocate(slot.size, slot.align);
    if (program.code->value()(record, lets, &ctx, which, out) != kMsvOk) return nullptr;
    return out;
  }

  /// Fills `into` from layout slot `slot`; false after a runtime error.
  bool Fill(int slot, std::vector<compose::BlockPtr>* into) {
    if (slot < 0) return true;
    builder.Target(into);
    return program.code->layout()(record, lets, &ctx, slot) == kMsvOk;
  }

  /// The print document of `layout`; null after a runtime error.
  std::unique_ptr<compose::Document> Print(const lower::Layout& layout, const std::string& language) {
    auto doc = std::make_unique<compose::Document>();
    const lower::PageSpec& page = layout.page;
    doc->page.width = page.width;
    doc->page.height = page.height;
    std::copy(std::begin(page.margin), std::end(page.margin), std::begin(doc->page.margin));
    if (page.duplex >= 0) {
      const void* duplex = Compute(page.duplex);
      if (duplex == nullptr) return nullptr;
      doc->page.duplex = *static_cast<const MsvBool*>(duplex) != 0;
    }
    doc->page.background = page.background;
    doc->base = program.Style(page.base_style);
    doc->language = language;
    doc->storage = program.styles;
    builder.AllowImageAddresses(false);
    const std::pair<int, std::vector<compose::BlockPtr>*> slots[] = {{layout.body, &doc->body},
                                                                     {layout.header, &doc->page.header},
                                                                     {layout.footer, &doc->page.footer},
                                                                     {layout.first_header, &doc->page.first_header},
                                                                     {layout.first_footer, &doc->page.first_footer}};
    for (const auto& [slot, into] : slots)
      if (!Fill(slot, into)) return nullptr;
    return doc;
  }

  /// The message of a digital layout (without its recipient); null after a runtime error. With
  /// `attachment`, an email's `attach print` document is built too.
  std::unique_ptr<compose::Message> Message(const lower::Layout& layout, const std::string& language, bool attachment) {
    auto m = std::make_unique<compose::Message>();
    m->channel = layout.kind == lower::LayoutKind::Email ? compose::Channel::Email
                 : layout.kind == lower::LayoutKind::Sms ? compose::Channel::Sms
                                                         : compose::Channel::Push;
    m->base = program.Style(0);
    m->language = language;
    m->storage = program.styles;
    bool ok = true;
    auto text = [&](int value, std::string& into) {
      if (ok && value >= 0) into = Text(value, &ok);
    };
    text(layout.subject, m->subject);
    text(layout.from, m->from);
    text(layout.reply_to, m->reply_to);
    text(layout.preheader, m->preheader);
    text(layout.unsubscribe, m->unsubscribe);
    text(layout.attach_name, m->attach_name);
    text(layout.collapse, m->collapse);
    for (const auto& [key, value] : layout.data) text(value, m->data.emplace_back(key, "").second);
    if (!ok) return nullptr;
    if (layout.ttl >= 0) {
      const void* ttl = Compute(layout.ttl);
      if (ttl == nullptr) return nullptr;
      std::int64_t seconds = 0;
      std::memcpy(&seconds, ttl, sizeof seconds);
      m->ttl = seconds;
    }
    if (!m->unsubscribe.empty()) {
      if (const std::string why = value::CheckUrl(m->unsubscribe); !why.empty()) {
        const std::string message = "`unsubscribe`: " + why;
        const char* kept = builder.Keep(message);
        ctx.error_site = -1;
        ctx.error_status = kMsvFailed;
        ctx.error_text = MsvStr{kept, kept == nullptr ? 0 : message.size()};
        return nullptr;
      }
    }
    builder.AllowImageAddresses(true);
    if (!Fill(layout.body, &m->body)) return nullptr;
    if (m->channel == compose::Channel::Sms) m->text = render::PlainText(m->body, render::PlainTextOptions{0, false});
    if (attachment && layout.attach_name >= 0) {
      for (const auto& print : program.ir.layouts) {
        if (print.kind != lower::LayoutKind::Print) continue;
        m->attachment = Print(print, language);
        if (!m->attachment) return nullptr;
        break;
      }
    }
    return m;
  }

  std::string Text(int which, bool* ok) {
    const void* at = Compute(which);
    *ok = at != nullptr;
    if (at == nullptr) return "";
    MsvStr s;
    std::memcpy(&s, at, sizeof s);
    return std::string(s.ptr == nullptr ? "" : s.ptr, s.len);
  }
};

Worker::Worker(const Program::Impl& program) : impl_(std::make_unique<Impl>(program)) {}
Worker::~Worker() = default;

std::optional<std::string> Worker::Decode(std::string_view json) {
  auto& w = *impl_;
  w.record = nullptr;
  auto decoded = w.decoder.Decode(json);
  if (decoded.record == nullptr || !decoded.violations.empty()) return std::nullopt;
  w.record = decoded.record;
  return w.KeyOf();
}

std::string Worker::Load(const value::Record& record) {
  auto& w = *impl_;
  w.loaded.Reset();
  w.record = abi::FromValue(*w.program.layouts, *w.program.schema.input, record, data::ArenaAllocate, &w.loaded);
  return w.KeyOf();
}

namespace {

/// Why `to` cannot receive a message on `channel` ("" when it can). Email and Phone fields were
/// checked when the record was decoded; a String recipient is checked here.
std::string RecipientProblem(std::string_view channel, std::string_view to) {
  if (to.find_first_of(" \t\r\n") != std::string_view::npos) return "`" + std::string(to) + "` contains white space";
  if (channel == "email") {
    const auto at = to.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == to.size() ||
        to.find('@', at + 1) != std::string_view::npos || to.find('.', at) == std::string_view::npos)
      return "`" + std::string(to) + "` is not an email address";
  } else if (channel == "sms") {
    const bool digits = to.size() >= 8 && to.size() <= 16 && to[0] == '+' && to[1] != '0' &&
                        to.substr(1).find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits) return "`" + std::string(to) + "` is not an E.164 phone number (+ and 7 to 15 digits)";
  }
  return "";
}

}  // namespace

Outcome Worker::Run(const RunOptions& options) {
  auto& w = *impl_;
  const Program::Impl& p = w.program;
  const lower::Program& ir = p.ir;
  const jit::CompiledProgram& code = *p.code;
  Outcome outcome;
  w.arena.Reset();
  w.ResetContext();
  if (w.record == nullptr) {
    outcome.reject_reasons.push_back("the record could not be held in memory");
    return outcome;
  }
  auto failed = [&] {
    outcome.reject_reasons.push_back(p.Message(w.ctx));
    outcome.channel.clear();
    outcome.print.reset();
    outcome.message.reset();
    return std::move(outcome);
  };

  // the locale first: rules may format values
  std::string language = "en";
  if (ir.locale >= 0) {
    bool ok = false;
    language = w.Text(ir.locale, &ok);
    if (!ok) return failed();
    if (language.empty()) language = "en";
  }
  w.builder.Start(&w.FormatterFor(language), data::ArenaAllocate, &w.arena);
  w.lets = w.arena.Allocate(ir.lets_size == 0 ? 1 : ir.lets_size, ir.lets_align);
  const std::int32_t status = code.rules()(w.record, w.lets, &w.ctx);
  const auto* lets = static_cast<const std::uint8_t*>(w.lets);
  // a require that failed before a runtime error is the reason that counts
  for (const auto& rule : ir.rules) {
    if (!rule.is_require || lets[rule.slot] == 0) continue;
    MsvStr message;
    std::memcpy(&message, lets + rule.message_slot, sizeof message);
    outcome.reject_reasons.emplace_back(message.ptr == nullptr ? "" : message.ptr, message.len);
  }
  if (options.lets) {  // the lets computed before any runtime error
    const auto done = static_cast<std::size_t>(w.ctx.rules_done);
    for (std::size_t r = 0; r < done && r < ir.rules.size(); ++r) {
      const lower::Rule& rule = ir.rules[r];
      if (!rule.is_require) outcome.lets.emplace_back(rule.name, p.ToValue(rule.type, lets + rule.slot));
    }
  }
  if (status != kMsvOk && outcome.reject_reasons.empty()) {
    outcome.reject_reasons.push_back(p.Message(w.ctx));
    return outcome;
  }
  if (outcome.rejected()) return outcome;

  // The channels in order: the first whose condition holds, whose recipient is there and valid, and
  // whose message keeps within its budget.
  const lower::Channel* chosen = nullptr;
  for (std::size_t i = 0; i < ir.channels.size() && chosen == nullptr; ++i) {
    const lower::Channel& channel = ir.channels[i];
    if (options.force_channel && *options.force_channel != channel.name) continue;
    auto skip = [&](std::string why) {
      why = "channel `" + channel.name + "`: " + why;
      if (options.force_channel) {
        outcome.reject_reasons.push_back(std::move(why));
        return false;
      }
      outcome.skipped.push_back(std::move(why));
      return true;
    };
    if (code.when()(w.record, w.lets, &w.ctx, static_cast<std::int32_t>(i)) != kMsvOk) return failed();
    if (w.ctx.result == 0) {
      if (!skip("`" + channel.when_text + "` is false")) return outcome;
      continue;
    }
    if (channel.layout < 0) {
      outcome.reject_reasons.push_back("the communication has no `layout " + channel.name + "`");
      return outcome;
    }
    const lower::Layout& layout = ir.layouts[static_cast<std::size_t>(channel.layout)];
    if (layout.kind == lower::LayoutKind::Print) {
      chosen = &channel;
      if (options.build_print) {
        outcome.print = w.Print(layout, language);
        if (!outcome.print) return failed();
      }
      break;
    }
    bool ok = true;
    std::string to = channel.to >= 0 ? w.Text(channel.to, &ok) : "";
    if (!ok) return failed();
    if (to.empty()) {
      if (!skip("no recipient (`" + channel.to_text + "` is none)")) return outcome;
      continue;
    }
    if (const std::string why = RecipientProblem(channel.name, to); !why.empty()) {
      if (!skip(why)) return outcome;
      continue;
    }
    auto message = w.Message(layout, language, options.build_print);
    if (!message) return failed();
    message->to = std::move(to);
    if (layout.kind == lower::LayoutKind::Sms && layout.max_segments > 0) {
      const value::SmsCount count = value::CountSms(message->text);
      if (count.segments > static_cast<std::size_t>(layout.max_segments)) {
        std::string why = std::to_string(count.segments) + " segments (" + std::to_string(count.units) + " " +
                          (count.encoding == value::SmsEncoding::Gsm7 ? "GSM-7 septets" : "UCS-2 units") +
                          ") over the budget of " + std::to_string(layout.max_segments);
        if (count.encoding == value::SmsEncoding::Ucs2) why += "; `" + count.trigger + "` made it UCS-2";
        if (layout.over_budget_rejects) {
          outcome.reject_reasons.push_back("channel `sms`: " + why);
          return outcome;
        }
        if (!skip(why)) return outcome;
        continue;
      }
    }
    chosen = &channel;
    outcome.message = std::move(message);
  }
  if (chosen == nullptr) {
    if (!outcome.reject_reasons.empty()) return outcome;
    if (options.force_channel) {
      outcome.reject_reasons.push_back("channel `" + *options.force_channel +
                                       "` is not one of this communication's channels");
    } else if (ir.otherwise >= 0) {
      bool ok = false;
      std::string why = w.Text(ir.otherwise, &ok);
      if (!ok) return failed();
      outcome.reject_reasons.push_back(std::move(why));
    } else {
      outcome.reject_reasons.push_back("no channel applies");
    }
    return outcome;
  }
  outcome.channel = chosen->name;
  return outcome;
}

std::optional<value::Value> Worker::Value(int which, std::string* error) {
  auto& w = *impl_;
  w.ResetContext();
  const void* at = w.Compute(which);
  if (at == nullptr) {
    *error = w.program.Message(w.ctx);
    return std::nullopt;
  }
  return w.program.ToValue(w.program.ir.N(w.program.ir.values[static_cast<std::size_t>(which)]).type, at);
}

}  // namespace missive::native

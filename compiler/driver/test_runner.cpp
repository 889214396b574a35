// Runs a template's tests through the same program, layout and text engine as `missive run`.
#include "compiler/driver/test_runner.h"

#include <filesystem>
#include <iostream>

#include "compiler/driver/build.h"
#include "compiler/native/native.h"
#include "compiler/sema/check.h"
#include "runtime/data/decode.h"
#include "runtime/data/value_json.h"
#include "runtime/layout/layout.h"
#include "runtime/render/message/message.h"
#include "runtime/util/util.h"

namespace missive::driver {

namespace {

/// A `given { … }` literal as the JSON of an input line, so it is decoded exactly like real input.
bool GivenToJson(const ast::Expr& e, std::string& out, std::string& error) {
  switch (e.kind) {
    case ast::ExprKind::String: out += data::ValueToJson(value::Value(e.text)); return true;
    case ast::ExprKind::Int:
    case ast::ExprKind::Decimal: out += e.text; return true;
    case ast::ExprKind::Bool: out += e.bool_value ? "true" : "false"; return true;
    case ast::ExprKind::None: out += "null"; return true;
    case ast::ExprKind::Unary:
      if (e.op == ast::Op::Neg && e.lhs &&
          (e.lhs->kind == ast::ExprKind::Int || e.lhs->kind == ast::ExprKind::Decimal)) {
        out += "-" + e.lhs->text;
        return true;
      }
      break;
    case ast::ExprKind::Record:
      out += '{';
      for (std::size_t i = 0; i < e.fields.size(); ++i) {
        if (i) out += ", ";
        out += data::ValueToJson(value::Value(e.fields[i].name.name)) + ": ";
        if (!GivenToJson(*e.fields[i].value, out, error)) return false;
      }
      out += '}';
      return true;
    case ast::ExprKind::List:
      out += '[';
      for (std::size_t i = 0; i < e.items.size(); ++i) {
        if (i) out += ", ";
        if (!GivenToJson(*e.items[i], out, error)) return false;
      }
      out += ']';
      return true;
    default: break;
  }
  error = "a `given` record holds only literals";
  return false;
}

std::string SourceText(const native::Program& program, source::Span span) {
  const auto text = program.checked().sources.file(span.file).text();
  return std::string(text.substr(span.begin, span.end - span.begin));
}

/// Counts the pages and gathers the text a reader would extract.
class TextSink final : public layout::PageSink {
 public:
  void OnPage(frame::Page&& page) override {
    ++pages;
    for (const auto& item : page.items) {
      if (const auto* run = std::get_if<frame::GlyphRun>(&item)) text += (*run)->text + " ";
    }
  }
  std::uint32_t pages = 0;
  std::string text;
};

/// Runs test `index` of the main module; returns "" when it passes, else why it failed.
std::string RunOne(std::size_t index, const native::Program& program, const std::string& dir) {
  const ast::TestDecl& test = program.checked().modules[0].ast->tests[index];
  const std::vector<int>& values = program.ir().test_values[index];
  std::string json, error;
  if (test.given && test.given->kind == ast::ExprKind::String) {
    const std::string path = (std::filesystem::path(dir) / test.given->text).string();
    if (!util::ReadFile(path, json)) return "cannot read " + path;
    while (!json.empty() && (json.back() == '\n' || json.back() == '\r')) json.pop_back();
  } else if (!test.given || !GivenToJson(*test.given, json, error)) {
    return error.empty() ? "the test has no `given` record" : error;
  }
  auto worker = program.NewWorker();
  if (!worker->Decode(json)) {
    data::JsonDecoder decoder(program.input());  // names every violation
    std::string why = "the given record does not match the schema:";
    for (const auto& v : decoder.Decode(json).violations) why += " " + v.ToString() + ";";
    return why;
  }
  const auto outcome = worker->Run(native::RunOptions{});
  std::optional<render::RenderedMessage> message;  // rendered on first need
  auto rendered = [&]() -> const render::RenderedMessage* {
    if (!outcome.message) return nullptr;
    if (!message) {
      render::MessageContext context;
      context.idempotency_key = render::IdempotencyKey("test", test.name, outcome.channel);
      context.fonts = &program.fonts();
      context.images = &program.images();
      message = render::RenderMessage(*outcome.message, context);
    }
    return &*message;
  };
  std::optional<TextSink> pages;  // laid out on first need
  auto laid_out = [&]() -> const TextSink* {
    if (pages) return &*pages;
    if (!outcome.print) return nullptr;
    pages.emplace();
    text::TextEngine engine(program.fonts(), program.statics());
    const auto result = layout::LayoutDocument(*outcome.print, engine, *pages);
    if (result.error) pages.reset();
    return pages ? &*pages : nullptr;
  };
  auto reasons = [&] {
    std::string r;
    for (const auto& reason : outcome.reject_reasons) r += (r.empty() ? "" : "; ") + reason;
    return r;
  };
  for (std::size_t e = 0; e < test.expects.size(); ++e) {
    const ast::Expectation& expect = test.expects[e];
    switch (expect.kind) {
      case ast::ExpectKind::Channel:
        if (outcome.rejected())
          return "expected channel `" + expect.channel.name + "`, the record was rejected: " + reasons();
        if (outcome.channel != expect.channel.name) {
          return "expected channel `" + expect.channel.name + "`, got `" + outcome.channel + "`";
        }
        break;
      case ast::ExpectKind::Reject: {
        const std::string want = expect.value ? expect.value->text : "";
        if (!outcome.rejected())
          return "expected a reject \"" + want + "\", the record went to `" + outcome.channel + "`";
        bool found = false;
        for (const auto& reason : outcome.reject_reasons) found = found || reason == want;
        if (!found) return "expected the reject reason \"" + want + "\", got: " + reasons();
        break;
      }
      case ast::ExpectKind::Value: {
        if (outcome.rejected()) return "the record was rejected: " + reasons();
        const auto v = worker->Value(values[e], &error);
        if (!v) return error;
        if (!v->is<bool>() || !v->as<bool>())
          return "expectation `" + SourceText(program, expect.value->span) + "` is false";
        break;
      }
      case ast::ExpectKind::Segments:
      case ast::ExpectKind::Encoding: {
        if (outcome.rejected()) return "the record was rejected: " + reasons();
        const render::RenderedMessage* m = rendered();
        if (m == nullptr || !m->sms) return "the record chose `" + outcome.channel + "`, not `sms`";
        const auto want = values[e] >= 0 ? worker->Value(values[e], &error) : std::nullopt;
        if (!want) return error.empty() ? "the expectation has no value" : error;
        if (expect.kind == ast::ExpectKind::Segments) {
          if (!want->is<std::int64_t>() || static_cast<std::size_t>(want->as<std::int64_t>()) != m->sms->segments)
            return "expected " + data::ValueToJson(*want) + " segments, got " + std::to_string(m->sms->segments) +
                   " (" + std::string(value::SmsEncodingName(m->sms->encoding)) + ", " + std::to_string(m->sms->units) +
                   " units)";
        } else if (!want->is<std::string>() || want->as<std::string>() != value::SmsEncodingName(m->sms->encoding)) {
          return "expected the encoding " + data::ValueToJson(*want) + ", got " +
                 std::string(value::SmsEncodingName(m->sms->encoding)) +
                 (m->sms->trigger.empty() ? "" : " (`" + m->sms->trigger + "` is not in GSM-7)");
        }
        break;
      }
      case ast::ExpectKind::TextContains:
        if (outcome.message) {
          if (outcome.rejected()) return "the record was rejected: " + reasons();
          const render::RenderedMessage* m = rendered();
          if (!m->error.empty()) return "the message cannot be made: " + m->error;
          const std::string& what = expect.channel.name;
          const std::string want = expect.value ? expect.value->text : "";
          const std::string& searched = what == "html"                         ? m->html
                                        : what == "subject" || what == "title" ? outcome.message->subject
                                                                               : m->text;
          if (searched.find(want) == std::string::npos)
            return "the " + std::string(what == "text" ? "text" : what) + " of the " + outcome.channel +
                   " does not contain \"" + want + "\"";
          break;
        }
        if (expect.channel.name != "text")
          return "the record chose `" + outcome.channel + "`: it has no " + expect.channel.name;
        [[fallthrough]];
      case ast::ExpectKind::Pages: {
        if (outcome.rejected()) return "the record was rejected: " + reasons();
        const TextSink* sink = laid_out();
        if (sink == nullptr) return "the record chose `" + outcome.channel + "`: no pages to look at";
        if (expect.kind == ast::ExpectKind::TextContains) {
          const std::string want = expect.value ? expect.value->text : "";
          if (sink->text.find(want) == std::string::npos) return "the pages do not contain \"" + want + "\"";
        } else {
          const auto want = values[e] >= 0 ? worker->Value(values[e], &error) : std::nullopt;
          if (!want || !want->is<std::int64_t>()) return "`expect pages ==` needs a number";
          if (sink->pages != want->as<std::int64_t>()) {
            return "expected " + std::to_string(want->as<std::int64_t>()) + " pages, got " +
                   std::to_string(sink->pages);
          }
        }
        break;
      }
    }
  }
  return "";
}

}  // namespace

int RunTemplateTests(const std::vector<std::string>& files, const native::Options& options, bool verbose) {
  int exit = kExitOk;
  std::size_t passed = 0, failed = 0;
  for (const auto& file : files) {
    text::FontLibrary fonts;
    int build_exit = kExitOk;
    auto program = BuildProgram(file, fonts, options, build_exit, verbose);
    if (build_exit == kExitUsage) return kExitUsage;
    if (!program) {
      exit = kExitErrors;
      continue;
    }
    const std::string dir = std::filesystem::path(file).parent_path().string();
    std::cout << file << "\n";
    const auto& tests = program->checked().modules[0].ast->tests;
    for (std::size_t t = 0; t < tests.size(); ++t) {
      const ast::TestDecl& test = tests[t];
      const std::string why = RunOne(t, *program, dir.empty() ? "." : dir);
      if (why.empty()) {
        ++passed;
        std::cout << "  ok    " << test.name << "\n";
      } else {
        ++failed;
        exit = 1;
        std::cout << "  FAIL  " << test.name << "\n        " << why << "\n";
      }
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return exit;
}

}  // namespace missive::driver

// The `missive` command line: check, eval, run, preview, test, manifest merge.

#include <CLI/CLI.hpp>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "compiler/driver/build.h"
#include "compiler/driver/preview.h"
#include "compiler/driver/test_runner.h"
#include "compiler/jit/jit.h"
#include "compiler/lower/lower.h"
#include "compiler/native/native.h"
#include "compiler/sema/check.h"
#include "runtime/batch/merge.h"
#include "runtime/batch/run.h"
#include "runtime/data/decode.h"
#include "runtime/data/value_json.h"
#include "runtime/render/message/message.h"
#include "runtime/render/pdf/letterhead.h"
#include "runtime/render/pdf/pdfa.h"
#include "runtime/util/util.h"

namespace missive::driver {

namespace {

/// `--dump=ir|llvm`: the program lowered to the typed IR, or the LLVM IR the JIT compiles (O2).
int DumpNative(const std::string& file, const std::string& dump) {
  std::ostringstream ignored;
  const Loaded loaded = LoadAndCheck(file, Format::Text, ignored, "");
  if (loaded.errors > 0 || !loaded.program) return loaded.io_error ? kExitUsage : kExitErrors;
  diag::Sink sink;
  const auto ir = lower::Lower(*loaded.program, sink);
  for (const auto& d : sink.all()) std::cerr << diag::render_text(d, loaded.program->sources, {});
  if (!ir) return kExitErrors;
  const char* level = std::getenv("MISSIVE_DUMP_OPT");  // for compiler work: the unoptimised module
  std::cout << (dump == "ir" ? lower::Print(*ir) : jit::LlvmIrText(*ir, level ? std::atoi(level) : 2));
  return kExitOk;
}

/// `--no-cache` and `--verbose`: how the program is compiled.
struct CompileOptions {
  bool no_cache = false;
  bool verbose = false;  ///< say how the native code was made: functions compiled, cache, time
  [[nodiscard]] native::Options Native() const {
    native::Options options;
    options.use_cache = !no_cache;
    return options;
  }
};

int Check(const std::vector<std::string>& files, const std::string& format, bool deny_warnings,
          const std::string& dump) {
  int exit = kExitOk;
  for (const auto& file : files) {
    const Loaded loaded = LoadAndCheck(file, format == "json" ? Format::Json : Format::Text, std::cout, dump);
    if (loaded.io_error) {
      exit = kExitUsage;
    } else if (loaded.errors > 0 || (deny_warnings && loaded.warnings > 0)) {
      exit = std::max(exit, kExitErrors);
    }
  }
  return exit;
}

int Eval(const std::string& file, const std::string& data_path, const std::string& channel,
         const CompileOptions& compile) {
  text::FontLibrary fonts;
  int exit = kExitOk;
  auto program = BuildProgram(file, fonts, compile.Native(), exit, compile.verbose);
  if (!program) return exit;
  std::string data;
  if (!util::ReadFile(data_path, data)) {
    std::cerr << "missive eval: cannot read " << data_path << "\n";
    return kExitUsage;
  }
  while (!data.empty() && (data.back() == '\n' || data.back() == '\r')) data.pop_back();
  auto reasons_json = [](const std::vector<std::string>& reasons) {
    std::string r = "[";
    for (std::size_t i = 0; i < reasons.size(); ++i) r += (i ? ", " : "") + data::ValueToJson(value::Value(reasons[i]));
    return r + "]";
  };
  auto worker = program->NewWorker();
  const std::optional<std::string> key = worker->Decode(data);
  std::string out = "{\n";
  if (!key) {
    data::JsonDecoder decoder(program->input());  // names every violation
    std::vector<std::string> reasons;
    for (const auto& v : decoder.Decode(data).violations) reasons.push_back(v.ToString());
    out += "  \"rejected\": true,\n  \"channel\": \"reject\",\n  \"reasons\": " + reasons_json(reasons) + "\n}\n";
    std::cout << out;
    return kExitOk;
  }
  native::RunOptions options;
  options.build_print = false;
  options.lets = true;
  if (!channel.empty()) options.force_channel = channel;
  const native::Outcome outcome = worker->Run(options);
  out += "  \"key\": " + data::ValueToJson(value::Value(*key)) + ",\n";
  out += "  \"rules\": {";
  for (std::size_t i = 0; i < outcome.lets.size(); ++i) {
    out += std::string(i ? "," : "") + "\n    " + data::ValueToJson(value::Value(outcome.lets[i].first)) + ": " +
           data::ValueToJson(outcome.lets[i].second);
  }
  out += outcome.lets.empty() ? "},\n" : "\n  },\n";
  out += "  \"channel\": " + data::ValueToJson(value::Value(outcome.rejected() ? "reject" : outcome.channel)) + ",\n";
  out += "  \"fallbacks\": " + reasons_json(outcome.skipped) + ",\n";
  if (outcome.message && !outcome.rejected()) {
    // the chosen channel's rendered text, as the spool would hold it
    render::MessageContext context;
    context.idempotency_key = render::IdempotencyKey(util::Sha256Hex(data), *key, outcome.channel);
    context.fonts = &program->fonts();
    context.images = &program->images();
    const render::RenderedMessage m = render::RenderMessage(*outcome.message, context);
    auto json = [](const std::string& s) { return data::ValueToJson(value::Value(s)); };
    out += "  \"message\": {\"to\": " + json(outcome.message->to);
    if (!outcome.message->subject.empty()) out += ", \"subject\": " + json(outcome.message->subject);
    out += ", \"text\": " + json(m.text);
    if (m.sms) {
      out += ", \"encoding\": " + json(std::string(value::SmsEncodingName(m.sms->encoding))) +
             ", \"segments\": " + std::to_string(m.sms->segments);
    }
    if (!m.error.empty()) out += ", \"error\": " + json(m.error);
    out += "},\n";
  }
  out += std::string("  \"rejected\": ") + (outcome.rejected() ? "true" : "false") + ",\n";
  out += "  \"reasons\": " + reasons_json(outcome.reject_reasons) + "\n}\n";
  std::cout << out;
  return kExitOk;
}

/// The batch runner's view of the compiled program (the runtime does not include the compiler).
class Records final : public batch::RecordEvaluator {
 public:
  explicit Records(std::unique_ptr<native::Worker> worker) : worker_(std::move(worker)) {}
  std::optional<std::string> DecodeJson(std::string_view json) override { return worker_->Decode(json); }
  std::string Load(const value::Record& record) override { return worker_->Load(record); }
  batch::Evaluated Evaluate(const std::optional<std::string>& force_channel) override {
    native::RunOptions options;
    options.force_channel = force_channel;
    native::Outcome outcome = worker_->Run(options);
    batch::Evaluated e;
    e.channel = std::move(outcome.channel);
    e.fallbacks = std::move(outcome.skipped);
    e.reasons = std::move(outcome.reject_reasons);
    e.print = std::move(outcome.print);
    e.message = std::move(outcome.message);
    return e;
  }

 private:
  std::unique_ptr<native::Worker> worker_;
};

/// Reads the letterheads the print layout's page block names (`background "x.pdf"`, relative to the
/// template's folder) before any record runs: a missing or broken file stops the run, naming it. With
/// `pdfa`, a letterhead whose fonts are not embedded gets a warning: the files will not be PDF/A.
bool LoadLetterheads(const native::Program& program, bool pdfa, pdf::BackgroundLibrary& library) {
  const sema::Program& checked = program.checked();
  for (const auto& layout : checked.modules.at(0).ast->layouts) {
    if (layout.kind != ast::LayoutKind::Print || !layout.page) continue;
    for (const auto& option : layout.page->options) {
      if (option.name.name != "background" || !option.value || option.value->kind != ast::ExprKind::String) continue;
      const auto& source = checked.sources.file(option.span.file);
      std::string dir = std::filesystem::path(source.path()).parent_path().string();
      if (dir.empty()) dir = ".";
      const std::string& name = option.value->text;
      std::string error;
      const std::uint32_t id = library.Load(!name.empty() && name[0] == '/' ? name : dir + "/" + name, &error);
      const auto at = source.line_col(option.value->span.begin);
      const std::string where = source.path() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
      if (id == 0) {
        std::cerr << where << ": error: " << error << "\n";
        return false;
      }
      const auto& unembedded = library.Get(id)->unembedded_fonts;
      if (pdfa && !unembedded.empty()) {
        std::cerr << where << ": warning: the letterhead " << library.Get(id)->path << " does not embed the font "
                  << unembedded.front() << ": the files will not be PDF/A-2b\n";
      }
    }
  }
  return true;
}

int Run(const std::string& file, batch::RunOptions options, const CompileOptions& compile) {
  text::FontLibrary fonts;
  int exit = kExitOk;
  auto program = BuildProgram(file, fonts, compile.Native(), exit, compile.verbose);
  if (!program) return exit;
  if (!options.print_stream && !options.pdf_per_record) options.pdf_per_record = true;
  std::string profile_error;
  if (options.pdfa && pdf::SrgbProfile(&profile_error) == nullptr) {
    std::cerr << "missive run: " << profile_error << "\n";
    return kExitUsage;
  }
  pdf::BackgroundLibrary backgrounds;
  if (!LoadLetterheads(*program, options.pdfa, backgrounds)) return kExitErrors;
  batch::ProgramInfo info;
  info.backgrounds = &backgrounds;
  info.input = &program->input();
  info.fonts = &fonts;
  info.statics = program->statics();
  info.images = &program->images();
  info.version_hash = program->version_hash();
  for (const auto& layout : program->ir().layouts)
    info.messages = info.messages || layout.kind != lower::LayoutKind::Print;
  info.new_evaluator = [&program]() { return std::make_unique<Records>(program->NewWorker()); };
  return batch::Run(info, options);
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"Missive: compiles customer communications (.msv) and composes records into PDF and messages"};
  app.set_version_flag("--version", std::string("missive ") + MISSIVE_VERSION);
  app.require_subcommand(1);

  std::vector<std::string> check_files;
  std::string format = "text", dump;
  bool deny_warnings = false;
  auto* check = app.add_subcommand("check", "check templates and report diagnostics");
  check->add_option("files", check_files, "template files (.msv)")->required()->check(CLI::ExistingFile);
  check->add_option("--format", format, "diagnostic format")->check(CLI::IsMember({"text", "json"}));
  check->add_flag("--deny-warnings", deny_warnings, "exit 1 when there are warnings");
  check->add_option("--dump", dump, "print a stage's result: the AST, the rules' IR, or their LLVM IR")
      ->check(CLI::IsMember({"ast", "ir", "llvm"}));

  CompileOptions compile;
  auto compile_options = [&compile](CLI::App* cmd) {
    cmd->add_flag("--no-cache", compile.no_cache, "compile afresh: neither read nor write the object cache");
    cmd->add_flag("--verbose", compile.verbose, "say how the program was compiled (functions, cache, time)");
  };

  std::string eval_file, eval_data, eval_channel;
  auto* eval_cmd = app.add_subcommand("eval", "evaluate one record: every rule value and the chosen channel as JSON");
  eval_cmd->add_option("file", eval_file, "template file (.msv)")->required()->check(CLI::ExistingFile);
  eval_cmd->add_option("--data", eval_data, "one record (a JSON object)")->required();
  eval_cmd->add_option("--channel", eval_channel, "force a channel");
  compile_options(eval_cmd);

  PreviewOptions preview_options;
  auto* preview = app.add_subcommand(
      "preview", "render one record's print pages as PNG images, or its email (HTML + PNG), SMS or push message");
  preview->add_option("file", preview_options.file, "template file (.msv)")->required()->check(CLI::ExistingFile);
  preview->add_option("--data", preview_options.data_path, "one record (a JSON object)")->required();
  preview->add_option("--page", preview_options.page, "page number, or `all` (OUT-1.png, OUT-2.png, …)");
  preview->add_option("--dpi", preview_options.dpi, "resolution (default 96)")->check(CLI::Range(1.0, 2400.0));
  preview->add_option("--png", preview_options.png_path, "output PNG file (an email: OUT.html beside it)");
  preview->add_option("--channel", preview_options.channel, "print (default), email, sms or push")
      ->check(CLI::IsMember({"print", "email", "sms", "push"}));
  preview->add_option("--width", preview_options.width, "an email's window width in CSS pixels (default 600)")
      ->check(CLI::Range(200, 2000));
  compile_options(preview);

  std::string run_file, shard, progress = "auto";
  bool quiet = false;
  batch::RunOptions run_options;
  auto* run = app.add_subcommand("run", "compose every record of a data file");
  run->add_option("file", run_file, "template file (.msv)")->required()->check(CLI::ExistingFile);
  run->add_option("--data", run_options.data_path, "records: .jsonl, .csv, or - for standard input")->required();
  run->add_option("--out", run_options.out_dir, "output folder")->required();
  run->add_option("--threads", run_options.threads, "worker threads")->check(CLI::Range(1u, 256u));
  run->add_option("--shard", shard, "take only shard K of N (K/N, 0-based)");
  run->add_flag("--resume", run_options.resume, "finish an interrupted run in --out");
  run->add_option("--max-rejects", run_options.max_rejects, "rejects allowed before the exit code is 1 (default 0)");
  run->add_flag("--print-stream", run_options.print_stream, "one combined PDF for the print shop (chunked)");
  run->add_flag("--pdf-per-record", run_options.pdf_per_record, "one PDF per record (archive copies)");
  run->add_option("--channel", run_options.channel, "force one channel for every record (e.g. print)");
  run->add_option("--run-id", run_options.run_id,
                  "names the communication cycle (e.g. 2026-10-statements); messages' idempotency keys derive from "
                  "it (default: the SHA-256 of the input)");
  run->add_option("--stream-max-pages", run_options.stream_max_pages, "pages per print-stream chunk")
      ->check(CLI::Range(1u, 10'000'000u));
  run->add_option("--progress", progress, "progress display")->check(CLI::IsMember({"auto", "plain", "quiet"}));
  run->add_flag("--quiet", quiet, "no progress, only the summary when totals do not reconcile");
  run->add_option("--deflate-level", run_options.deflate_level, "PDF stream compression (0-12)")
      ->check(CLI::Range(0, 12));
  run->add_flag("--pdfa", run_options.pdfa, "PDF/A-2b output: XMP metadata and an sRGB output intent");
  run->add_flag("--tagged", run_options.tagged,
                "tagged PDF (PDF/UA): structure tree with headings, paragraphs, tables and figures' alt text");
  compile_options(run);

  std::vector<std::string> test_files;
  auto* test_cmd = app.add_subcommand("test", "run the `test` blocks of templates");
  test_cmd->add_option("files", test_files, "template files (.msv)")->required()->check(CLI::ExistingFile);
  compile_options(test_cmd);

  std::vector<std::string> merge_inputs;
  std::string merge_out;
  auto* manifest = app.add_subcommand("manifest", "work with run manifests");
  manifest->require_subcommand(1);
  auto* merge = manifest->add_subcommand("merge", "combine the manifests of a run's shards and check the totals");
  merge->add_option("manifests", merge_inputs, "each shard's manifest.jsonl")->required()->check(CLI::ExistingFile);
  merge->add_option("--out", merge_out, "the merged manifest")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  if (check->parsed()) {
    const int checked = Check(check_files, format, deny_warnings, dump == "ast" ? dump : "");
    if (checked != kExitOk || (dump != "ir" && dump != "llvm")) return checked;
    return DumpNative(check_files.front(), dump);
  }
  if (eval_cmd->parsed()) return Eval(eval_file, eval_data, eval_channel, compile);
  if (preview->parsed()) return Preview(preview_options, compile.Native(), compile.verbose);
  if (merge->parsed()) return batch::MergeManifests(merge_inputs, merge_out);
  if (test_cmd->parsed()) return RunTemplateTests(test_files, compile.Native(), compile.verbose);
  if (!shard.empty()) {
    // K/N, digits only, 0 <= K < N <= 2^32 - 1
    std::uint32_t k = 0, n = 0;
    const char* end = shard.data() + shard.size();
    const auto [k_end, k_error] = std::from_chars(shard.data(), end, k);
    const bool slash = k_error == std::errc() && k_end != end && *k_end == '/';
    const auto [n_end, n_error] =
        slash ? std::from_chars(k_end + 1, end, n) : std::from_chars_result{end, std::errc::invalid_argument};
    if (!slash || n_error != std::errc() || n_end != end || n == 0 || k >= n) {
      std::cerr << "missive run: --shard wants K/N with 0 <= K < N, found `" << shard << "`\n";
      return kExitUsage;
    }
    run_options.shard = std::make_pair(k, n);
  }
  run_options.progress = quiet                 ? batch::Progress::Quiet
                         : progress == "plain" ? batch::Progress::Plain
                         : progress == "quiet" ? batch::Progress::Quiet
                                               : batch::Progress::Auto;
  return Run(run_file, run_options, compile);
}

}  // namespace missive::driver

int main(int argc, char** argv) { return missive::driver::Main(argc, argv); }

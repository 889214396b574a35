// The `missive` command line: check, eval, run, preview, test, manifest merge.

#include <CLI/CLI.hpp>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "compiler/driver/build.h"
#include "compiler/driver/preview.h"
#include "compiler/driver/test_runner.h"
#include "compiler/eval/program.h"
#include "compiler/jit/jit.h"
#include "compiler/lower/lower.h"
#include "compiler/native/native.h"
#include "compiler/sema/check.h"
#include "runtime/batch/merge.h"
#include "runtime/batch/run.h"
#include "runtime/data/decode.h"
#include "runtime/render/pdf/letterhead.h"
#include "runtime/render/pdf/pdfa.h"
#include "runtime/util/util.h"

namespace missive::driver {

namespace {

/// `--dump=ir|llvm`: the rules lowered to the typed IR, or the LLVM IR the JIT compiles (O2).
int DumpNative(const std::string& file, const std::string& dump) {
  text::FontLibrary fonts;
  int exit = kExitOk;
  auto program = BuildProgram(file, fonts, exit);
  if (!program) return exit;
  auto styles = program->NewWorker();
  const abi::Layouts layouts(program->input());
  auto lowered = native::Lower(*program, *styles, layouts);
  std::optional<lower::RuleProgram> ir = std::move(lowered.program);
  if (!ir) {
    // the rules alone, as far as they go
    for (const auto& why : lowered.unsupported) std::cerr << "not compiled natively: " << why << "\n";
    ir = lower::LowerRules(*program->checked().modules[0].ast, program->input(), layouts, true).program;
  }
  if (!ir) return kExitErrors;
  std::cout << (dump == "ir" ? lower::Print(*ir) : jit::LlvmIrText(*ir, 2));
  return kExitOk;
}

/// `--engine` and `--no-cache`: how records run.
struct EngineOptions {
  std::string engine = "native";  ///< native (falls back to the evaluator when not covered) or evaluator
  bool no_cache = false;
  bool verbose = false;  ///< say which engine runs, and the JIT's cache use
};

/// The native program, or null (with a note on stderr) when the evaluator runs the records.
std::unique_ptr<native::Program> BuildNative(const eval::Program& program, const EngineOptions& engine,
                                             const char* command) {
  if (engine.engine != "native") return nullptr;
  native::Options options;
  options.use_cache = !engine.no_cache;
  std::string why;
  auto built = native::Program::Build(program, options, &why);
  if (!built) {
    std::cerr << "missive " << command << ": note: records run in the evaluator, not as native code: " << why << "\n";
  } else if (engine.verbose) {
    const auto& stats = built->stats();
    std::cerr << "missive " << command << ": native code: " << stats.compiled_functions << " functions compiled, "
              << (stats.cache_hit ? "from the cache" : "cache miss") << ", " << stats.compile_ms << " ms\n";
  }
  return built;
}

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
         const EngineOptions& engine) {
  text::FontLibrary fonts;
  int exit = kExitOk;
  auto program = BuildProgram(file, fonts, exit);
  if (!program) return exit;
  std::string data;
  if (!util::ReadFile(data_path, data)) {
    std::cerr << "missive eval: cannot read " << data_path << "\n";
    return kExitUsage;
  }
  while (!data.empty() && (data.back() == '\n' || data.back() == '\r')) data.pop_back();
  data::JsonDecoder decoder(program->input());
  const auto decoded = decoder.Decode(data);
  std::string out = "{\n";
  auto reasons_json = [](const std::vector<std::string>& reasons) {
    std::string r = "[";
    for (std::size_t i = 0; i < reasons.size(); ++i) r += (i ? ", " : "") + eval::ValueToJson(value::Value(reasons[i]));
    return r + "]";
  };
  if (!decoded.record) {
    std::vector<std::string> reasons;
    for (const auto& v : decoded.violations) reasons.push_back(v.ToString());
    out += "  \"rejected\": true,\n  \"channel\": \"reject\",\n  \"reasons\": " + reasons_json(reasons) + "\n}\n";
    std::cout << out;
    return kExitOk;
  }
  eval::EvalOptions options;
  options.build_print = false;
  if (!channel.empty()) options.force_channel = channel;
  std::optional<eval::Outcome> native_outcome;
  if (auto native = BuildNative(*program, engine, "eval")) {
    auto native_worker = native->NewWorker();
    if (native_worker->Decode(data)) native_outcome = native_worker->Evaluate(options, true);
  }
  const eval::Outcome outcome =
      native_outcome ? std::move(*native_outcome) : program->NewWorker()->Evaluate(*decoded.record, options);
  out += "  \"key\": " + eval::ValueToJson(value::Value(eval::RecordKey(*decoded.record))) + ",\n";
  out += "  \"rules\": {";
  for (std::size_t i = 0; i < outcome.lets.size(); ++i) {
    out += std::string(i ? "," : "") + "\n    " + eval::ValueToJson(value::Value(outcome.lets[i].first)) + ": " +
           eval::ValueToJson(outcome.lets[i].second);
  }
  out += outcome.lets.empty() ? "},\n" : "\n  },\n";
  out += "  \"channel\": " + eval::ValueToJson(value::Value(outcome.rejected() ? "reject" : outcome.channel)) + ",\n";
  out += "  \"fallbacks\": " + reasons_json(outcome.fallbacks) + ",\n";
  out += std::string("  \"rejected\": ") + (outcome.rejected() ? "true" : "false") + ",\n";
  out += "  \"reasons\": " + reasons_json(outcome.reject_reasons) + "\n}\n";
  std::cout << out;
  return kExitOk;
}

/// Adapts the evaluator to the batch runner's interface (the runtime does not include the compiler).
/// Native code first when the program has it; the evaluator for what native code hands back.
class Evaluator final : public batch::RecordEvaluator {
 public:
  Evaluator(std::unique_ptr<eval::Worker> worker, std::unique_ptr<native::Worker> native)
      : worker_(std::move(worker)), native_(std::move(native)) {}
  batch::Evaluated Evaluate(const value::Record& record, const std::optional<std::string>& force_channel) override {
    eval::EvalOptions options;
    options.force_channel = force_channel;
    return Convert(worker_->Evaluate(record, options));
  }
  std::optional<std::string> DecodeJson(std::string_view json) override {
    return native_ ? native_->Decode(json) : std::nullopt;
  }
  std::optional<batch::Evaluated> EvaluateDecoded(const std::optional<std::string>& force_channel) override {
    eval::EvalOptions options;
    options.force_channel = force_channel;
    auto outcome = native_->Evaluate(options);
    if (!outcome) return std::nullopt;
    return Convert(std::move(*outcome));
  }

 private:
  static batch::Evaluated Convert(eval::Outcome outcome) {
    batch::Evaluated e;
    e.channel = std::move(outcome.channel);
    e.fallbacks = std::move(outcome.fallbacks);
    e.reasons = std::move(outcome.reject_reasons);
    e.print = std::move(outcome.print);
    return e;
  }
  std::unique_ptr<eval::Worker> worker_;
  std::unique_ptr<native::Worker> native_;
};

/// Reads the letterheads the print layout's page block names (`background "x.pdf"`, relative to the
/// template's folder) before any record runs: a missing or broken file stops the run, naming it. With
/// `pdfa`, a letterhead whose fonts are not embedded gets a warning: the files will not be PDF/A.
bool LoadLetterheads(const eval::Program& program, bool pdfa, pdf::BackgroundLibrary& library) {
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

int Run(const std::string& file, batch::RunOptions options, const EngineOptions& engine) {
  text::FontLibrary fonts;
  int exit = kExitOk;
  auto program = BuildProgram(file, fonts, exit);
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
  const std::unique_ptr<native::Program> native = BuildNative(*program, engine, "run");
  info.new_evaluator = [&program, &native]() {
    return std::make_unique<Evaluator>(program->NewWorker(), native ? native->NewWorker() : nullptr);
  };
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

  std::string eval_file, eval_data, eval_channel;
  auto* eval_cmd = app.add_subcommand("eval", "evaluate one record: every rule value and the chosen channel as JSON");
  eval_cmd->add_option("file", eval_file, "template file (.msv)")->required()->check(CLI::ExistingFile);
  eval_cmd->add_option("--data", eval_data, "one record (a JSON object)")->required();
  eval_cmd->add_option("--channel", eval_channel, "force a channel");
  EngineOptions engine;
  auto engine_options = [&engine](CLI::App* cmd) {
    cmd->add_option("--engine", engine.engine,
                    "native code (default; the evaluator where not covered) or the evaluator")
        ->check(CLI::IsMember({"native", "evaluator"}));
    cmd->add_flag("--no-cache", engine.no_cache, "compile afresh: neither read nor write the object cache");
    cmd->add_flag("--verbose", engine.verbose, "say how the program was compiled (functions, cache, time)");
  };
  engine_options(eval_cmd);

  PreviewOptions preview_options;
  auto* preview = app.add_subcommand("preview", "render one record's print pages as PNG images");
  preview->add_option("file", preview_options.file, "template file (.msv)")->required()->check(CLI::ExistingFile);
  preview->add_option("--data", preview_options.data_path, "one record (a JSON object)")->required();
  preview->add_option("--page", preview_options.page, "page number, or `all` (OUT-1.png, OUT-2.png, …)");
  preview->add_option("--dpi", preview_options.dpi, "resolution (default 96)")->check(CLI::Range(1.0, 2400.0));
  preview->add_option("--png", preview_options.png_path, "output PNG file")->required();

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
  run->add_option("--stream-max-pages", run_options.stream_max_pages, "pages per print-stream chunk")
      ->check(CLI::Range(1u, 10'000'000u));
  run->add_option("--progress", progress, "progress display")->check(CLI::IsMember({"auto", "plain", "quiet"}));
  run->add_flag("--quiet", quiet, "no progress, only the summary when totals do not reconcile");
  run->add_option("--deflate-level", run_options.deflate_level, "PDF stream compression (0-12)")
      ->check(CLI::Range(0, 12));
  run->add_flag("--pdfa", run_options.pdfa, "PDF/A-2b output: XMP metadata and an sRGB output intent");
  run->add_flag("--tagged", run_options.tagged,
                "tagged PDF (PDF/UA): structure tree with headings, paragraphs, tables and figures' alt text");
  engine_options(run);

  std::vector<std::string> test_files;
  auto* test_cmd = app.add_subcommand("test", "run the `test` blocks of templates");
  test_cmd->add_option("files", test_files, "template files (.msv)")->required()->check(CLI::ExistingFile);

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
  if (eval_cmd->parsed()) return Eval(eval_file, eval_data, eval_channel, engine);
  if (preview->parsed()) return Preview(preview_options);
  if (merge->parsed()) return batch::MergeManifests(merge_inputs, merge_out);
  if (test_cmd->parsed()) return RunTemplateTests(test_files);
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
  return Run(run_file, run_options, engine);
}

}  // namespace missive::driver

int main(int argc, char** argv) { return missive::driver::Main(argc, argv); }

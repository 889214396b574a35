// The batch run: an ordered parallel pipeline (oneTBB) of read → compose → commit, with the print
// stream, per-record PDFs, manifest and rejects written in input order by the commit stage.
#include "runtime/batch/run.h"

#include <openssl/evp.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "runtime/batch/journal.h"
#include "runtime/batch/progress.h"
#include "runtime/data/decode.h"
#include "runtime/layout/layout.h"
#include "runtime/render/message/message.h"
#include "runtime/render/pdf/letterhead.h"
#include "runtime/render/pdf/writer.h"
#include "runtime/util/tsan.h"
#include "runtime/util/util.h"

namespace missive::batch {

namespace fs = std::filesystem;

std::uint32_t ShardOf(std::string_view key, std::uint32_t n) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(key.data(), key.size(), digest, &size, EVP_sha256(), nullptr);
  std::uint64_t first = 0;
  for (int i = 0; i < 8; ++i) first = (first << 8) | digest[i];
  return static_cast<std::uint32_t>(first % n);
}

namespace {

constexpr const char* kManifest = "manifest.jsonl";
constexpr const char* kRejects = "rejects.jsonl";
constexpr const char* kState = ".missive-run.json";

/// One input record on its way through the pipeline.
struct Work {
  std::uint64_t line = 0;
  std::string text;
  bool replay = false;   ///< already in the manifest: composed again only to rebuild the print stream
  bool skipped = false;  ///< another shard's record
  std::string key;
  std::string channel;
  std::vector<std::string> fallbacks;
  std::vector<std::string> reasons;
  std::vector<std::string> warnings;  ///< e.g. a character no font has
  std::vector<pdf::RenderedPage> pages;
  std::string record_pdf;
  // a message: its spool file's bytes and what the manifest says of it
  std::string message;
  std::string message_extension;
  std::string idempotency_key;
  std::optional<SmsFacts> sms;
};

/// Per-thread composition state.
struct ThreadState {
  std::unique_ptr<RecordEvaluator> evaluator;
  std::unique_ptr<text::TextEngine> text;
  std::unique_ptr<pdf::PageRenderer> renderer;
  std::unique_ptr<data::JsonDecoder> json;
  std::unique_ptr<data::CsvDecoder> csv;
};

class CollectPages final : public layout::PageSink {
 public:
  CollectPages(pdf::PageRenderer& renderer, std::vector<pdf::RenderedPage>& pages, std::uint32_t background)
      : renderer_(renderer), pages_(pages), background_(background) {
    renderer_.BeginRecord();  // a record's pages all go to one file (print-stream chunks end between records)
  }
  void OnPage(frame::Page&& page) override {
    page.background = background_;
    pages_.push_back(renderer_.Render(page));
  }

 private:
  pdf::PageRenderer& renderer_;
  std::vector<pdf::RenderedPage>& pages_;
  std::uint32_t background_;  ///< the letterhead drawn under every page (0 = none)
};

/// The first 8 bytes of the key's SHA-256 (as for shards): stable everywhere and not collidable by design.
std::uint64_t KeyHash(std::string_view key) {
  const std::string hex = util::Sha256Hex(key);
  return std::stoull(hex.substr(0, 16), nullptr, 16);
}

/// A file name for a record's PDF. A key that is not already a safe, short name gets the first 12 hex
/// digits of its SHA-256 appended, so two keys never share a file (`k/1` and `k_1` stay apart) and a
/// long key never exceeds the file system's limit.
std::string SafeFileName(std::string_view key) {
  constexpr std::size_t kMaxKept = 80;
  std::string out;
  for (char c : key.substr(0, kMaxKept)) {
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  }
  if (out == key && !out.empty() && out[0] != '.') return out;
  if (out.empty() || out[0] == '.') out.insert(0, "_");
  return out + "-" + util::Sha256Hex(key).substr(0, 12);
}

std::string ChunkName(std::uint32_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "print/stream-%04u.pdf", index);
  return name;
}

/// The print stream: chunks of at most `max_pages` pages, each a complete PDF ending at a record
/// boundary, written to `<name>.partial` and renamed when finished.
class Stream {
 public:
  Stream(const ProgramInfo& program, const RunOptions& options, std::string out_dir)
      : program_(program), options_(options), out_dir_(std::move(out_dir)) {}

  void Start(std::uint32_t index) {
    index_ = index;
    pages_ = 0;
    pdf::Options o;
    o.deflate_level = options_.deflate_level;
    o.pdfa = options_.pdfa;
    o.tagged = options_.tagged;
    o.backgrounds = program_.backgrounds;
    o.images = program_.images;
    o.title = "Missive print stream";
    writer_ = std::make_unique<pdf::DocumentWriter>(*program_.fonts, o);
    file_.reset(std::fopen((out_dir_ + "/" + ChunkName(index_) + ".partial").c_str(), "wb"));
    if (!file_) throw std::runtime_error("cannot write " + ChunkName(index_) + ".partial");
  }

  /// Adds a record's pages (moved: the commit stage needs them no more).
  StreamPlace Add(const std::string& key, std::vector<pdf::RenderedPage>&& pages) {
    if (writer_ && pages_ > 0 && pages_ + pages.size() > options_.stream_max_pages) Finish();
    if (!writer_) Start(index_ + (started_ ? 1 : 0));
    started_ = true;
    StreamPlace place{ChunkName(index_), pages_ + 1, static_cast<std::uint32_t>(pages.size())};
    writer_->BeginRecord(key);
    for (auto& page : pages) writer_->AddPage(std::move(page));
    writer_->EndRecord();
    pages_ += static_cast<std::uint32_t>(pages.size());
    Flush();
    return place;
  }

  void Finish() {
    if (!writer_) return;
    writer_->Finish();
    Flush();
    // a chunk is renamed into place only when every byte reached the file (a full disk fails the run)
    const bool flushed = std::fflush(file_.get()) == 0;
    const bool closed = std::fclose(file_.release()) == 0;
    if (!flushed || !closed)
      throw std::runtime_error("cannot finish " + ChunkName(index_) + ": " + std::strerror(errno));
    writer_.reset();
    const std::string final_path = out_dir_ + "/" + ChunkName(index_);
    fs::rename(final_path + ".partial", final_path);
  }

  /// Resume: continue numbering after `index` (finished) or rebuild chunk `index` (unfinished).
  void ResumeAt(std::uint32_t index, bool finished) {
    index_ = finished ? index + 1 : index;
    started_ = false;
    if (!finished) {
      Start(index_);
      started_ = true;
    }
  }

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  void Flush() {
    const std::string bytes = writer_->TakeBytes();
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) != bytes.size()) {
      throw std::runtime_error("cannot write the print stream");
    }
  }

  const ProgramInfo& program_;
  const RunOptions& options_;
  std::string out_dir_;
  std::unique_ptr<pdf::DocumentWriter> writer_;
  std::unique_ptr<std::FILE, Closer> file_;
  std::uint32_t index_ = 1;
  std::uint32_t pages_ = 0;
  bool started_ = false;
};

class Runner {
 public:
  Runner(const ProgramInfo& program, const RunOptions& options) : program_(program), options_(options) {
    // Crash tests: MISSIVE_FAULT=after-manifest:K (or before-manifest:K) kills the process like
    // kill -9 would, right after (before) the K-th record of this process is recorded.
    if (const char* fault = std::getenv("MISSIVE_FAULT")) {
      const std::string spec = fault;
      const auto colon = spec.find(':');
      if (colon != std::string::npos) {
        fault_point_ = spec.substr(0, colon);
        fault_after_ = std::stoull(spec.substr(colon + 1));
      }
    }
  }

  int Execute() {
    try {
      return ExecuteOrThrow();
    } catch (const std::exception& e) {
      std::cerr << "missive run: " << e.what() << "\n";
      return 2;
    }
  }

 private:
  int ExecuteOrThrow() {
    const auto& out = options_.out_dir;
    fs::create_directories(out);
    if (options_.print_stream) fs::create_directories(out + "/print");
    if (options_.pdf_per_record) fs::create_directories(out + "/records");

    const bool from_stdin = options_.data_path == "-";
    if (options_.resume && from_stdin) throw std::runtime_error("--resume needs a data file, not standard input");
    std::string input_hash = "stdin";
    if (!from_stdin) {
      if (!util::Sha256File(options_.data_path, input_hash))
        throw std::runtime_error("cannot read " + options_.data_path);
    }
    if (from_stdin && options_.run_id.empty() && program_.messages)
      throw std::runtime_error("messages read from standard input need --run-id to name their cycle");
    run_id_ = options_.run_id.empty() ? input_hash : options_.run_id;
    nlohmann::ordered_json state = {
        {"input_sha256", input_hash},
        {"run_id", run_id_},
        {"program", program_.version_hash},
        {"shard",
         options_.shard ? std::to_string(options_.shard->first) + "/" + std::to_string(options_.shard->second) : ""},
        {"channel", options_.channel.value_or("")},
        {"print_stream", options_.print_stream},
        {"pdf_per_record", options_.pdf_per_record}};
    std::string error;
    const std::string state_path = out + "/" + kState;
    bool truncate = true;
    if (options_.resume && fs::exists(state_path)) {
      std::ifstream in(state_path);
      const auto previous = nlohmann::ordered_json::parse(in, nullptr, false);
      if (previous != state) {
        throw std::runtime_error(
            "cannot resume: the input, the program or the options differ from the interrupted run");
      }
      if (!Recover()) return 2;
      if (complete_) {
        std::cerr << "missive run: the run in " << out << " is already complete\n";
        return ExitCode();
      }
      truncate = false;
    } else {
      if (!options_.resume && fs::exists(out + "/" + kManifest)) {
        throw std::runtime_error(out + " already holds a run: use --resume to finish it, or another --out");
      }
      if (!WriteAtomically(state_path, state.dump() + "\n", &error)) throw std::runtime_error(error);
    }
    if (!manifest_.Open(out + "/" + kManifest, truncate, &error)) throw std::runtime_error(error);
    if (!rejects_.Open(out + "/" + kRejects, truncate, &error)) throw std::runtime_error(error);

    std::ifstream file;
    std::istream* in = &std::cin;
    if (!from_stdin) {
      file.open(options_.data_path, std::ios::binary);
      in = &file;
    }
    csv_ = options_.data_path.size() > 4 && options_.data_path.ends_with(".csv");
    if (csv_ && !std::getline(*in, csv_header_)) throw std::runtime_error("the CSV file has no header row");
    if (csv_) {
      data::CsvDecoder check(*program_.input, csv_header_);
      for (const auto& v : check.HeaderErrors()) throw std::runtime_error("CSV header: " + v.ToString());
    }

    std::error_code size_error;
    const auto input_size = from_stdin ? 0 : fs::file_size(options_.data_path, size_error);
    progress_ = std::make_unique<ProgressReporter>(options_.progress, size_error ? 0 : input_size);
    Pipeline(*in);
    if (in->bad())
      throw std::runtime_error("cannot read " + options_.data_path + " to its end: " + std::strerror(errno));
    if (stream_) stream_->Finish();
    // a chunk started just before a crash and never given a record is no output
    if (options_.print_stream) {
      for (const auto& entry : fs::directory_iterator(out + "/print")) {
        if (entry.path().extension() == ".partial") fs::remove(entry.path());
      }
    }
    manifest_.Append(
        TotalsLine(totals_, RunIdentity{input_hash, program_.version_hash, state["shard"].get<std::string>()}));
    progress_->Finish(totals_);
    return ExitCode();
  }

  int ExitCode() const {
    if (!totals_.Reconciles()) return 3;
    return totals_.rejected > options_.max_rejects ? 1 : 0;
  }

  /// Reads back what the interrupted run recorded.
  bool Recover() {
    std::string error;
    const auto recovered = RecoverManifest(options_.out_dir + "/" + kManifest, &error);
    if (!recovered) {
      std::cerr << "missive run: " << error << "\n";
      return false;
    }
    complete_ = recovered->complete;
    for (const auto& e : recovered->entries) {
      totals_.Count(e);
      if (!e.key.empty()) seen_.emplace(KeyHash(e.key), e.line);
      resume_after_ = e.line;
      if (e.stream) last_stream_ = e;
    }
    if (!TrimRejects(options_.out_dir + "/" + kRejects, resume_after_, &error)) {
      std::cerr << "missive run: " << error << "\n";
      return false;
    }
    if (last_stream_ && !complete_) {
      const std::string chunk = last_stream_->stream->file;
      const auto index = static_cast<std::uint32_t>(std::stoul(chunk.substr(chunk.find('-') + 1)));
      const bool finished = fs::exists(options_.out_dir + "/" + chunk);
      stream_ = std::make_unique<Stream>(program_, options_, options_.out_dir);
      stream_->ResumeAt(index, finished);
      if (!finished) {
        for (const auto& e : recovered->entries) {
          if (e.stream && e.stream->file == chunk) {
            if (!replay_from_) replay_from_ = e.line;
            replay_lines_.insert(e.line);
          }
        }
      }
    }
    return true;
  }

  void Pipeline(std::istream& in) {
    const unsigned threads = std::max(1u, options_.threads);
    tbb::global_control control(tbb::global_control::max_allowed_parallelism, threads);
    tbb::enumerable_thread_specific<ThreadState> states;
    std::uint64_t line_no = csv_ ? 1 : 0;
    tbb::parallel_pipeline(
        threads * 4,
        tbb::make_filter<void, Work*>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> Work* {
          // the serial stages run on any thread, one call at a time: each call happens after the last
          util::TsanAcquire(&line_no);
          struct Release {
            const void* token;
            ~Release() { util::TsanRelease(token); }
          } reading{&line_no};
          std::string text;
          while (std::getline(in, text)) {
            ++line_no;
            bytes_read_ += text.size() + 1;
            if (!text.empty() && text.back() == '\r') text.pop_back();
            if (text.find_first_not_of(" \t") == std::string::npos) continue;
            const bool done = line_no <= resume_after_;
            if (done && !(replay_from_ && line_no >= *replay_from_)) continue;
            auto* work = new Work;
            work->line = line_no;
            work->text = std::move(text);
            work->replay = done;
            util::TsanRelease(work);
            return work;
          }
          fc.stop();
          return nullptr;
        }) & tbb::make_filter<Work*, Work*>(tbb::filter_mode::parallel, [&](Work* work) {
          util::TsanAcquire(work);
          ThreadState& state = states.local();
          Compose(state, *work);
          util::TsanRelease(work);
          util::TsanRelease(&state);
          return work;
        }) & tbb::make_filter<Work*, void>(tbb::filter_mode::serial_in_order, [&](Work* work) {
          util::TsanAcquire(work);
          util::TsanAcquire(&commits_);
          std::unique_ptr<Work> owned(work);
          Commit(*owned);
          util::TsanRelease(&commits_);
        }));
    // the pipeline has joined: its stages' work happens before what follows
    util::TsanAcquire(&line_no);
    util::TsanAcquire(&commits_);
    for (const ThreadState& state : states) util::TsanAcquire(&state);
  }

  void Compose(ThreadState& state, Work& work) {
    try {
      if (!state.evaluator) {
        state.evaluator = program_.new_evaluator();
        state.text = std::make_unique<text::TextEngine>(*program_.fonts, program_.statics);
        pdf::Options o;
        o.deflate_level = options_.deflate_level;
        o.pdfa = options_.pdfa;
        o.tagged = options_.tagged;
        o.backgrounds = program_.backgrounds;
        o.images = program_.images;
        state.renderer = std::make_unique<pdf::PageRenderer>(*program_.fonts, o);
        if (csv_) {
          state.csv = std::make_unique<data::CsvDecoder>(*program_.input, csv_header_);
        } else {
          state.json = std::make_unique<data::JsonDecoder>(*program_.input);
        }
      }
      // A record not in this shard is skipped before anything is evaluated.
      auto skip = [&] {
        if (!options_.shard) return false;
        const auto [k, n] = *options_.shard;
        const std::uint32_t shard = work.key.empty() ? static_cast<std::uint32_t>(work.line % n) : ShardOf(work.key, n);
        work.skipped = shard != k;
        return work.skipped;
      };
      auto reject_violations = [&](const data::DecodeResult& decoded) {
        for (const auto& v : decoded.violations)
          work.reasons.push_back("line " + std::to_string(work.line) + ": " + v.ToString());
        if (decoded.record && program_.input->key_field >= 0) {
          const auto& k = decoded.record->fields[static_cast<std::size_t>(program_.input->key_field)];
          if (k.is<std::string>()) work.key = k.as<std::string>();
          if (k.is<std::int64_t>()) work.key = std::to_string(k.as<std::int64_t>());
        }
      };
      if (csv_) {
        const auto decoded = state.csv->Decode(work.text);
        reject_violations(decoded);
        if (skip() || !decoded.record) return;
        work.key = state.evaluator->Load(*decoded.record);
      } else if (auto key = state.evaluator->DecodeJson(work.text)) {
        work.key = std::move(*key);
        if (skip()) return;
      } else {
        const auto decoded = state.json->Decode(work.text);  // names every violation
        reject_violations(decoded);
        if (work.reasons.empty())
          work.reasons.push_back("line " + std::to_string(work.line) +
                                 ": internal error: the record decodes as values but not natively");
        skip();
        return;
      }
      Evaluated evaluated = state.evaluator->Evaluate(options_.channel);
      work.fallbacks = std::move(evaluated.fallbacks);
      if (!evaluated.reasons.empty()) {
        work.reasons = std::move(evaluated.reasons);
        return;
      }
      work.channel = evaluated.channel;
      if (evaluated.message) {
        ComposeMessage(state, work, *evaluated.message);
        return;
      }
      if (work.channel != "print" || !evaluated.print) return;
      std::uint32_t background = 0;
      if (const std::string& letterhead = evaluated.print->page.background; !letterhead.empty()) {
        background = program_.backgrounds ? program_.backgrounds->Find(letterhead) : 0;
        if (background == 0) {
          work.reasons.push_back("the letterhead " + letterhead + " was not loaded before the run");
          work.channel.clear();
          return;
        }
      }
      CollectPages sink(*state.renderer, work.pages, background);
      const auto result = layout::LayoutDocument(*evaluated.print, *state.text, sink, options_.tagged);
      work.warnings = state.text->TakeWarnings();
      if (result.error) {
        work.reasons.push_back("layout: " + *result.error);
        work.pages.clear();
        work.channel.clear();
        return;
      }
      if (options_.pdf_per_record && !work.replay)
        work.record_pdf = RecordPdf(work.pages, work.key, evaluated.print->language);
    } catch (const std::exception& e) {
      work.reasons.push_back("line " + std::to_string(work.line) + ": internal error: " + e.what());
      work.pages.clear();
      work.channel.clear();
      if (state.text) state.text->TakeWarnings();  // never attach this record's warnings to the next one
    }
  }

  /// One record's pages as a PDF file of its own.
  std::string RecordPdf(const std::vector<pdf::RenderedPage>& pages, const std::string& title,
                        const std::string& language) const {
    pdf::Options o;
    o.deflate_level = options_.deflate_level;
    o.pdfa = options_.pdfa;
    o.tagged = options_.tagged;
    o.backgrounds = program_.backgrounds;
    o.images = program_.images;
    o.prepared_fonts = true;  // a run's one-record files share each font's prepared subset
    o.title = title;
    o.language = language;
    pdf::DocumentWriter writer(*program_.fonts, o);
    writer.BeginRecord("");
    for (const auto& page : pages) writer.AddPage(page);
    writer.EndRecord();
    writer.Finish();
    return writer.TakeBytes();
  }

  /// The spool file of a record's message; an email with `attach print` gets its print rendition.
  void ComposeMessage(ThreadState& state, Work& work, const compose::Message& message) {
    render::MessageContext context;
    context.idempotency_key = render::IdempotencyKey(run_id_, RecordName(work), work.channel);
    context.fonts = program_.fonts;
    context.images = program_.images;
    if (message.attachment) {
      std::vector<pdf::RenderedPage> pages;
      CollectPages sink(*state.renderer, pages, 0);
      const auto result = layout::LayoutDocument(*message.attachment, *state.text, sink, options_.tagged);
      if (result.error) {
        work.reasons.push_back("layout of the attached " + message.attach_name + ": " + *result.error);
        work.channel.clear();
        return;
      }
      context.attachment_pdf = RecordPdf(pages, work.key, message.attachment->language);
    }
    work.warnings = state.text->TakeWarnings();
    render::RenderedMessage rendered = render::RenderMessage(message, context);
    if (!rendered.error.empty()) {
      work.reasons.push_back(std::move(rendered.error));
      work.channel.clear();
      return;
    }
    for (auto& warning : rendered.warnings) work.warnings.push_back(std::move(warning));
    work.message = std::move(rendered.bytes);
    work.message_extension = std::move(rendered.extension);
    work.idempotency_key = std::move(context.idempotency_key);
    if (rendered.sms) {
      work.sms = SmsFacts{std::move(rendered.text), std::string(value::SmsEncodingName(rendered.sms->encoding)),
                          rendered.sms->segments};
    }
  }

  /// The record's key, or `#line-N` for a schema without one: what its files are named after.
  static std::string RecordName(const Work& work) {
    return work.key.empty() ? "#line-" + std::to_string(work.line) : work.key;
  }

  /// Writes `bytes` as `<folder>/<first two hex of the name's SHA-256>/<name><extension>`.
  OutputFile WriteOutput(const std::string& folder, const Work& work, const std::string& extension,
                         const std::string& bytes, std::uint32_t pages) {
    const std::string name = RecordName(work);
    const std::string dir = folder + "/" + util::Sha256Hex(name).substr(0, 2);
    const std::string rel = dir + "/" + SafeFileName(name) + extension;
    fs::create_directories(options_.out_dir + "/" + dir);
    std::string error;
    if (!WriteAtomically(options_.out_dir + "/" + rel, bytes, &error)) throw std::runtime_error(error);
    return {rel, pages, bytes.size(), util::Sha256Hex(bytes)};
  }

  void Commit(Work& work) {
    if (work.skipped) return;
    if (work.replay) {
      // already accounted for: only the unfinished print-stream chunk is rebuilt from it
      if (replay_lines_.count(work.line) != 0 && !work.pages.empty()) stream_->Add(work.key, std::move(work.pages));
      return;
    }
    Entry entry;
    entry.line = work.line;
    entry.key = work.key;
    entry.fallbacks = std::move(work.fallbacks);
    entry.warnings = std::move(work.warnings);
    if (!work.key.empty()) {
      auto [first, inserted] = seen_.emplace(KeyHash(work.key), work.line);
      if (!inserted && work.reasons.empty()) {
        work.reasons.push_back("duplicate key `" + work.key + "` (first seen on line " + std::to_string(first->second) +
                               ")");
      }
    }
    if (!work.reasons.empty()) {
      entry.status = Status::Rejected;
      entry.reasons = std::move(work.reasons);
      if (!rejects_.Append(RejectLine(entry))) throw std::runtime_error("cannot write the rejects file");
    } else if (work.channel == "print") {
      entry.status = Status::Delivered;
      entry.channel = "print";
      entry.pages = static_cast<std::uint32_t>(work.pages.size());
      if (options_.pdf_per_record)
        entry.outputs.push_back(WriteOutput("records", work, ".pdf", work.record_pdf, entry.pages));
      if (options_.print_stream) {
        if (!stream_) stream_ = std::make_unique<Stream>(program_, options_, options_.out_dir);
        entry.stream = stream_->Add(work.key, std::move(work.pages));
      }
    } else {
      entry.status = Status::Delivered;  // into the spool: the delivery adapters send from there
      entry.channel = work.channel;
      entry.outputs.push_back(WriteOutput(work.channel, work, work.message_extension, work.message, 0));
      entry.idempotency_key = std::move(work.idempotency_key);
      entry.sms = std::move(work.sms);
    }
    ++committed_;
    if (fault_point_ == "before-manifest" && committed_ == fault_after_) std::_Exit(86);
    totals_.Count(entry);
    if (!manifest_.Append(ManifestLine(entry, program_.version_hash)))
      throw std::runtime_error("cannot write the manifest");
    if (fault_point_ == "after-manifest" && committed_ == fault_after_) std::_Exit(86);
    progress_->Update(totals_, bytes_read_);
  }

  const ProgramInfo& program_;
  const RunOptions& options_;
  std::string run_id_;
  AppendFile manifest_, rejects_;
  Totals totals_;
  /// Keys seen so far, as 64-bit hashes (16 bytes a record: a million-record run holds 16 MB, not the
  /// keys themselves); a collision would need ~4 billion keys to become likely.
  std::unordered_map<std::uint64_t, std::uint64_t> seen_;
  std::unique_ptr<Stream> stream_;
  std::unique_ptr<ProgressReporter> progress_;
  char commits_ = 0;  ///< the Commit stage's happens-before token for ThreadSanitizer (util/tsan.h)
  bool csv_ = false;
  std::string csv_header_;
  bool complete_ = false;
  std::uint64_t resume_after_ = 0;
  std::optional<std::uint64_t> replay_from_;
  std::optional<Entry> last_stream_;
  std::unordered_set<std::uint64_t> replay_lines_;
  /// Written by the input stage, read by the commit stage: each is serial, but they run concurrently.
  std::atomic<std::uint64_t> bytes_read_{0};
  std::string fault_point_;
  std::uint64_t fault_after_ = 0;
  std::uint64_t committed_ = 0;  ///< records of the unfinished chunk, rebuilt on resume
};

}  // namespace

int Run(const ProgramInfo& program, const RunOptions& options) { return Runner(program, options).Execute(); }

}  // namespace missive::batch

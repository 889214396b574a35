// `missive run`: streams records from a file (or stdin) through decode → rules → layout → render in
// parallel, writes outputs in input order (bytes independent of the thread count) — PDFs, and each
// email, SMS and push message into the spool — accounts for every record in the manifest or the
// rejects file, and resumes after a crash.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/compose/block.h"
#include "runtime/compose/message.h"
#include "runtime/data/schema.h"
#include "runtime/text/text.h"
#include "runtime/value/value.h"

namespace missive::media {
class ImageLibrary;
}

namespace missive::pdf {
class BackgroundLibrary;
}

namespace missive::text {
class StaticShapes;
}

namespace missive::batch {

/// What the program made of one decoded record.
struct Evaluated {
  std::string channel;                        ///< empty when rejected
  std::vector<std::string> fallbacks;         ///< channels skipped (their condition was false), and why
  std::vector<std::string> reasons;           ///< reject reasons
  std::unique_ptr<compose::Document> print;   ///< when channel == "print"
  std::unique_ptr<compose::Message> message;  ///< when the channel is email, sms or push
};

/// One per thread: the compiled program's records (the runtime does not include the compiler).
class RecordEvaluator {
 public:
  virtual ~RecordEvaluator() = default;
  /// A JSON Lines record into its native layout: its key, or nullopt when the line violates the schema
  /// (the batch then decodes it to values, which names every violation).
  virtual std::optional<std::string> DecodeJson(std::string_view json) = 0;
  /// A record decoded to values (a CSV row) into its native layout: its key.
  virtual std::string Load(const value::Record& record) = 0;
  /// Runs the record decoded or loaded last.
  virtual Evaluated Evaluate(const std::optional<std::string>& force_channel) = 0;
};

struct ProgramInfo {
  const data::RecordDesc* input = nullptr;
  text::FontLibrary* fonts = nullptr;
  const text::StaticShapes* statics = nullptr;  ///< the program's static text, shaped once (may be null)
  const media::ImageLibrary* images = nullptr;  ///< image XObjects drawn by the PDF writer (may be null)
  /// Letterheads of `background` page options, loaded before the run (may be null: none drawn).
  const pdf::BackgroundLibrary* backgrounds = nullptr;
  std::string version_hash;
  bool messages = false;  ///< the program has email, SMS or push layouts
  std::function<std::unique_ptr<RecordEvaluator>()> new_evaluator;
};

enum class Progress : std::uint8_t { Auto, Plain, Quiet };

struct RunOptions {
  std::string data_path;  ///< .jsonl, .csv, or "-" for stdin (JSON Lines)
  std::string out_dir;
  unsigned threads = 1;
  std::optional<std::pair<std::uint32_t, std::uint32_t>> shard;  ///< K, N
  bool resume = false;
  std::uint64_t max_rejects = 0;
  bool print_stream = false;
  bool pdf_per_record = false;
  std::optional<std::string> channel;
  std::uint32_t stream_max_pages = 50000;
  Progress progress = Progress::Auto;
  int deflate_level = 1;  // as pdf::WriterOptions
  bool pdfa = false;      ///< PDF/A-2b files (XMP metadata, sRGB output intent)
  bool tagged = false;    ///< tagged PDF (PDF/UA): structure tree, alt text, language
  /// Names the communication cycle: messages' idempotency keys derive from it. Empty = the SHA-256 of
  /// the input's bytes.
  std::string run_id;
};

/// Exit codes (DECISIONS.md): 0 totals reconcile and rejects ≤ max; 1 too many rejects;
/// 2 usage or I/O error; 3 totals do not reconcile.
int Run(const ProgramInfo& program, const RunOptions& options);

/// The shard of a key: first 8 bytes of SHA-256 of its UTF-8, big-endian, mod n.
std::uint32_t ShardOf(std::string_view key, std::uint32_t n);

}  // namespace missive::batch

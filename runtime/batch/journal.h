// The run's journal on disk: manifest and rejects (JSON Lines, in input order, deterministic), the
// run state that --resume checks, and atomic file writes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace missive::batch {

struct OutputFile {
  std::string file;  ///< relative to the output folder
  std::uint32_t pages = 0;
  std::uint64_t bytes = 0;
  std::string sha256;
};

struct StreamPlace {
  std::string file;
  std::uint32_t first_page = 0;  ///< 1-based within the chunk
  std::uint32_t pages = 0;
};

/// Delivered: the record's output is written (its PDF, or its message in the spool). Rejected: it has
/// none, with its reasons in the rejects file.
enum class Status : std::uint8_t { Delivered, Rejected };
/// The status a manifest line names.
Status StatusNamed(std::string_view name);

/// What the manifest says of an SMS: its text, encoding and segments, as the carrier counts them.
struct SmsFacts {
  std::string text;
  std::string encoding;  ///< "GSM-7" or "UCS-2"
  std::uint64_t segments = 0;
};

struct Entry {
  std::uint64_t line = 0;
  std::string key;
  Status status = Status::Rejected;
  std::string channel;
  std::vector<std::string> fallbacks;
  std::vector<std::string> reasons;
  std::vector<std::string> warnings;
  std::vector<OutputFile> outputs;
  std::optional<StreamPlace> stream;
  std::uint32_t pages = 0;
  std::string idempotency_key;  ///< a message: SHA-256 of (run id, record key, channel)
  std::optional<SmsFacts> sms;
};

struct Totals {
  std::uint64_t read = 0, delivered = 0, rejected = 0;
  std::map<std::string, std::uint64_t> pages;     ///< per channel (print)
  std::map<std::string, std::uint64_t> messages;  ///< messages written per channel (email, sms, push)
  void Count(const Entry& entry);
  [[nodiscard]] bool Reconciles() const { return read == delivered + rejected; }
};

std::string ManifestLine(const Entry& entry, const std::string& program_hash);
std::string RejectLine(const Entry& entry);
/// What a run was: its input, its program and its shard ("K/N", or "" unsharded). Written with the
/// totals so that `manifest merge` can tell a complete set of shards of one run from anything else.
struct RunIdentity {
  std::string input_sha256;
  std::string program;
  std::string shard;
};

std::string TotalsLine(const Totals& totals, const RunIdentity& run);

/// What an interrupted run left: the entries it recorded (its manifest, complete lines only).
struct Recovered {
  std::vector<Entry> entries;
  bool complete = false;  ///< the totals line was written: nothing to resume
};

/// Reads the manifest, truncating a partly written last line. nullopt when it cannot be read.
std::optional<Recovered> RecoverManifest(const std::string& path, std::string* error);
/// Keeps only the complete reject lines whose input line is ≤ `last_line`.
bool TrimRejects(const std::string& path, std::uint64_t last_line, std::string* error);

/// Writes `bytes` to `path` through a temporary file and a rename (never a half-written output).
bool WriteAtomically(const std::string& path, const std::string& bytes, std::string* error);

/// An append-only file: each Append is one write() of whole lines.
class AppendFile {
 public:
  AppendFile() = default;
  ~AppendFile();
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;
  bool Open(const std::string& path, bool truncate, std::string* error);
  bool Append(const std::string& bytes);
  void Close();

 private:
  int fd_ = -1;
};

}  // namespace missive::batch

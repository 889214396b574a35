// Manifest, rejects and totals as JSON Lines; recovery of an interrupted run's journal.
#include "runtime/batch/journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "runtime/util/util.h"

namespace missive::batch {

namespace {

using Json = nlohmann::ordered_json;

const char* StatusName(Status s) {
  switch (s) {
    case Status::Delivered: return "delivered";
    case Status::Rejected: return "rejected";
  }
  return "rejected";
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n"; }

}  // namespace

Status StatusNamed(std::string_view name) { return name == "delivered" ? Status::Delivered : Status::Rejected; }

void Totals::Count(const Entry& entry) {
  ++read;
  switch (entry.status) {
    case Status::Delivered:
      ++delivered;
      if (entry.channel == "print") {
        pages[entry.channel] += entry.pages;
      } else {
        ++messages[entry.channel];
      }
      break;
    case Status::Rejected: ++rejected; break;
  }
}

std::string ManifestLine(const Entry& e, const std::string& program_hash) {
  Json j;
  j["line"] = e.line;
  j["key"] = e.key;
  j["status"] = StatusName(e.status);
  j["channel"] = e.channel.empty() ? Json(nullptr) : Json(e.channel);
  j["fallbacks"] = e.fallbacks;
  if (!e.reasons.empty()) j["reasons"] = e.reasons;
  if (!e.warnings.empty()) j["warnings"] = e.warnings;
  j["pages"] = e.pages;
  Json outputs = Json::array();
  for (const auto& o : e.outputs) {
    outputs.push_back({{"file", o.file}, {"pages", o.pages}, {"bytes", o.bytes}, {"sha256", o.sha256}});
  }
  j["outputs"] = outputs;
  if (e.stream)
    j["stream"] = {{"file", e.stream->file}, {"first_page", e.stream->first_page}, {"pages", e.stream->pages}};
  if (!e.idempotency_key.empty()) j["idempotency_key"] = e.idempotency_key;
  if (e.sms) {
    j["text"] = e.sms->text;
    j["encoding"] = e.sms->encoding;
    j["segments"] = e.sms->segments;
  }
  j["program"] = program_hash;
  return Dump(j);
}

std::string RejectLine(const Entry& e) {
  Json j;
  j["line"] = e.line;
  j["key"] = e.key;
  j["reasons"] = e.reasons;
  return Dump(j);
}

std::string TotalsLine(const Totals& t, const RunIdentity& run) {
  Json j;
  j["totals"] = {{"read", t.read},   {"delivered", t.delivered}, {"rejected", t.rejected},
                 {"pages", t.pages}, {"messages", t.messages},   {"reconciled", t.Reconciles()}};
  j["run"] = {{"input_sha256", run.input_sha256}, {"program", run.program}, {"shard", run.shard}};
  return Dump(j);
}

std::optional<Recovered> RecoverManifest(const std::string& path, std::string* error) {
  Recovered out;
  std::string text;
  if (!util::ReadFile(path, text)) return out;  // no manifest yet: nothing was recorded
  const auto complete_size = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  if (complete_size != text.size()) {
    std::error_code ec;
    std::filesystem::resize_file(path, complete_size, ec);
    if (ec) {
      *error = "cannot repair " + path + ": " + ec.message();
      return std::nullopt;
    }
    text.resize(complete_size);
  }
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      *error = path + " has a line that is not JSON";
      return std::nullopt;
    }
    if (j.contains("totals")) {
      out.complete = true;
      continue;
    }
    Entry e;
    e.line = j.value("line", std::uint64_t{0});
    e.key = j.value("key", std::string());
    const std::string status = j.value("status", std::string());
    e.status = StatusNamed(status);
    if (j.contains("channel") && j["channel"].is_string()) e.channel = j["channel"].get<std::string>();
    e.pages = j.value("pages", std::uint32_t{0});
    if (j.contains("stream")) {
      e.stream = StreamPlace{j["stream"].value("file", std::string()), j["stream"].value("first_page", 0u),
                             j["stream"].value("pages", 0u)};
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

bool TrimRejects(const std::string& path, std::uint64_t last_line, std::string* error) {
  std::string text;
  if (!util::ReadFile(path, text)) return true;
  std::istringstream lines(text.substr(0, text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1));
  std::string kept, line;
  while (std::getline(lines, line)) {
    const Json j = Json::parse(line, nullptr, false);
    if (!j.is_discarded() && j.value("line", std::uint64_t{0}) <= last_line) kept += line + "\n";
  }
  return WriteAtomically(path, kept, error);
}

bool WriteAtomically(const std::string& path, const std::string& bytes, std::string* error) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();  // the close flushes: a full disk shows here, before the rename
    if (!out) {
      *error = "cannot write " + tmp + ": " + std::strerror(errno);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    *error = "cannot rename " + tmp + ": " + ec.message();
    return false;
  }
  return true;
}

AppendFile::~AppendFile() { Close(); }

bool AppendFile::Open(const std::string& path, bool truncate, std::string* error) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0644);
  if (fd_ < 0) *error = "cannot open " + path + ": " + std::strerror(errno);
  return fd_ >= 0;
}

bool AppendFile::Append(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void AppendFile::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace missive::batch

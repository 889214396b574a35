// The on-disk object cache's files: one entry per key, written atomically and checksummed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace missive::jit {

/// SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

class ObjectStore {
 public:
  explicit ObjectStore(std::string dir) : dir_(std::move(dir)) {}
  [[nodiscard]] std::string PathOf(const std::string& key) const;
  /// The object bytes, or nullopt when absent or corrupt (`corrupt` says which).
  std::optional<std::string> Load(const std::string& key, bool& corrupt) const;
  /// Temp file + rename, so a reader never sees half an entry; false when the cache cannot be written
  /// (the run goes on without it).
  bool Store(const std::string& key, std::string_view object) const;

 private:
  std::string dir_;
};

}  // namespace missive::jit

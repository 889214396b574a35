// A bounded cache of layout results keyed by their inputs as bytes (the text engine's paragraphs and
// measurements): one hash per lookup, admission from the second sighting, an approximate LRU.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace missive::text {

template <typename Value>
class LayoutCache {
 public:
  /// Every `kPerGeneration` insertions start a new generation; entries used in neither the current nor
  /// the previous one are swept then. Should more than `kMax` still be in use, the cache starts afresh.
  static constexpr std::size_t kPerGeneration = 4096;
  static constexpr std::size_t kMax = 4 * kPerGeneration;

  /// The key buffer to fill with the inputs (reused; its first bytes are reserved for the hash).
  std::string& StartKey() {
    key_.assign(sizeof(std::size_t), '\0');
    return key_;
  }

  /// The value cached for the key built since StartKey, or null (remembered as seen for Admit).
  const Value* Find() {
    hash_ = std::hash<std::string_view>{}(std::string_view(key_).substr(sizeof hash_));
    std::memcpy(key_.data(), &hash_, sizeof hash_);
    auto it = entries_.find(key_);
    if (it == entries_.end()) return nullptr;
    it->second.generation = generation_;
    return &it->second.value;
  }

  /// After a Find that missed: keeps `value` if this key was missed recently already. Most inputs
  /// missed once are never seen again (amounts, running balances): keeping them only to sweep them
  /// later costs more than it saves, so the hashes of recent misses sit in a small table first.
  void Admit(const Value& value) {
    std::size_t& seen = seen_once_[hash_ % seen_once_.size()];
    const bool again = seen == hash_;
    seen = hash_;
    if (!again) return;
    entries_.emplace(key_, Entry{value, generation_});
    if (++inserted_ == kPerGeneration) Sweep();
  }

  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    Value value;
    std::uint32_t generation = 0;
  };
  struct KeyHash {  // the hash stored in the key's first bytes
    std::size_t operator()(const std::string& key) const {
      std::size_t hash = 0;
      std::memcpy(&hash, key.data(), sizeof hash);
      return hash;
    }
  };

  void Sweep() {
    std::erase_if(entries_, [this](const auto& entry) { return entry.second.generation + 1 < generation_; });
    if (entries_.size() > kMax) entries_.clear();
    ++generation_;
    inserted_ = 0;
  }

  std::unordered_map<std::string, Entry, KeyHash> entries_;
  std::vector<std::size_t> seen_once_ = std::vector<std::size_t>(16'384);
  std::string key_;
  std::size_t hash_ = 0;
  std::uint32_t generation_ = 0;
  std::size_t inserted_ = 0;
};

}  // namespace missive::text

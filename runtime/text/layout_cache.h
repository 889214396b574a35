// A bounded cache of layout results keyed by their inputs as bytes (the text engine's paragraphs): one
// hash per lookup, admission from the second sighting, an approximate LRU.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace missive::text {

template <typename Value>
class LayoutCache {
 public:
  /// Every `kPerGeneration` insertions start a new generation; entries used in neither the current nor
  /// the previous one are swept then. Should more than `kMax` still be in use, the cache starts afresh.
  /// Small on purpose: every lookup probes the slot table and most misses write the admission table,
  /// and at 4× these sizes (320 KB) those probes missed the CPU caches, 5 % of a statement run's time.
  /// A quarter keeps the same hit rate on the statement (56 % of cells reused).
  static constexpr std::size_t kPerGeneration = 1024;
  static constexpr std::size_t kMax = 4 * kPerGeneration;

  /// The key buffer to fill with the inputs (reused).
  std::string& StartKey() {
    key_.clear();
    return key_;
  }

  /// The value cached for the key built since StartKey, or null (remembered as seen for Admit). The
  /// pointer is valid until the next Admit.
  const Value* Find() {
    hash_ = std::hash<std::string_view>{}(key_);
    const auto tag = static_cast<std::uint32_t>(hash_ >> 32);
    for (std::size_t i = hash_ & kMask;; i = (i + 1) & kMask) {
      const Slot& slot = slots_[i];
      if (slot.entry == 0) return nullptr;
      if (slot.tag != tag) continue;
      Entry& entry = entries_[slot.entry - 1];
      if (entry.key != key_) continue;
      entry.generation = generation_;
      return &entry.value;
    }
  }

  /// After a Find that missed: keeps `value` if this key was missed recently already. Most inputs
  /// missed once are never seen again (amounts, running balances): keeping them only to sweep them
  /// later costs more than it saves, so the hashes of recent misses sit in a small table first.
  void Admit(const Value& value) {
    std::uint32_t& seen = seen_once_[hash_ & (kSeen - 1)];
    const auto tag = static_cast<std::uint32_t>(hash_ >> 32);
    const bool again = seen == tag;
    seen = tag;
    if (!again) return;
    entries_.push_back(Entry{key_, value, hash_, generation_});
    Place(hash_, static_cast<std::uint32_t>(entries_.size()));
    if (++inserted_ == kPerGeneration) Sweep();
  }

  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  // Open addressing over a power-of-two table of (32 bits of the hash, entry index + 1): a lookup
  // compares tags in one 64 KB array and touches an entry only on a match (no division, no node
  // chasing). At most kMax + kPerGeneration entries, so the table is never more than 5/8 full.
  static constexpr std::size_t kSlots = 2 * kMax;
  static constexpr std::size_t kMask = kSlots - 1;
  static_assert((kSlots & kMask) == 0 && kMax + kPerGeneration < kSlots * 5 / 8 + 1);
  struct Slot {
    std::uint32_t tag = 0;    ///< the hash's high 32 bits (its low bits chose the slot)
    std::uint32_t entry = 0;  ///< 1-based index into entries_, 0 = empty
  };
  struct Entry {
    std::string key;
    Value value;
    std::size_t hash = 0;
    std::uint32_t generation = 0;
  };
  static constexpr std::size_t kSeen = 4096;  ///< recent misses remembered for admission

  void Place(std::size_t hash, std::uint32_t entry) {
    std::size_t i = hash & kMask;
    while (slots_[i].entry != 0) i = (i + 1) & kMask;
    slots_[i] = {static_cast<std::uint32_t>(hash >> 32), entry};
  }

  void Sweep() {
    std::vector<Entry> kept;
    for (Entry& entry : entries_) {
      if (entry.generation + 1 >= generation_) kept.push_back(std::move(entry));
    }
    if (kept.size() > kMax) kept.clear();
    entries_ = std::move(kept);
    slots_.assign(kSlots, Slot{});
    for (std::size_t e = 0; e < entries_.size(); ++e) {
      Place(entries_[e].hash, static_cast<std::uint32_t>(e + 1));
    }
    ++generation_;
    inserted_ = 0;
  }

  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> seen_once_ = std::vector<std::uint32_t>(kSeen);  ///< tags of recent misses
  std::string key_;
  std::size_t hash_ = 0;
  std::uint32_t generation_ = 0;
  std::size_t inserted_ = 0;
};

}  // namespace missive::text

// Shaping of single-font, single-direction runs: HarfBuzz behind a bounded cache, plus a table-driven
// fast path for numbers (PERFORMANCE.md). Internal to the text engine; exposed for tests.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/text/text.h"
#include "runtime/text/utf8.h"

struct hb_buffer_t;  // HarfBuzz's, declared as in hb-buffer.h

namespace missive::text {

/// Glyphs in visual order with advances in millipoints; clusters are byte offsets into the shaped text.
struct ShapedRun {
  std::vector<std::uint32_t> glyphs;
  std::vector<Unit> advances;
  std::vector<Unit> x_offsets;  ///< empty when all zero
  std::vector<Unit> y_offsets;  ///< empty when all zero; positive = up
  std::vector<std::uint32_t> clusters;
  Unit width = 0;
};

struct ShapeRequest {
  FontId font = 0;
  Unit size = 0;
  bool rtl = false;
  std::uint32_t script = 0;  ///< hb_script_t
  std::string_view language;
  std::string_view text;  ///< UTF-8
};

/// Font units to millipoints at `size`, rounded half away from zero (integer arithmetic only).
Unit ScaleToUnits(std::int64_t font_units, Unit size, int units_per_em);

/// The cache key of a request: font, size, direction, script, language and text (shared with StaticShapes).
void ShapeKey(const ShapeRequest& request, std::string* out);

/// Approximate heap bytes of a cached run and its key (what the cache's byte bound counts).
std::size_t CachedBytes(const std::string& key, const ShapedRun& run);

class Shaper {
 public:
  explicit Shaper(FontLibrary& fonts, const StaticShapes* statics = nullptr) : fonts_(fonts), statics_(statics) {}
  ~Shaper();
  Shaper(const Shaper&) = delete;
  Shaper& operator=(const Shaper&) = delete;

  /// The shaped run; the reference stays valid until the next BeginBatch().
  const ShapedRun& Shape(const ShapeRequest& request);
  /// Always through HarfBuzz, never cached (the reference the fast path is tested against).
  ShapedRun ShapeWithHarfBuzz(const ShapeRequest& request);
  /// Whether the number fast path would take this request.
  bool FastPathApplies(const ShapeRequest& request);
  /// Drops scratch results and, when the current cache generation is full, retires it (see cache_).
  void BeginBatch();
  /// Runs held by the cache (both generations).
  [[nodiscard]] std::size_t CachedRuns() const { return cache_.size() + previous_.size(); }
  /// Approximate heap bytes held by the cache (both generations).
  [[nodiscard]] std::size_t CachedBytes() const { return cache_bytes_ + previous_bytes_; }

  std::uint64_t shape_calls = 0;
  std::uint64_t cache_hits = 0;
  std::uint64_t static_hits = 0;
  std::uint64_t fast_path_runs = 0;
  /// A generation is retired once it holds this many runs or bytes; at most two generations are held.
  static constexpr std::size_t kGenerationEntries = 16'384;
  static constexpr std::size_t kGenerationBytes = 4u << 20;

 private:
  // Per (font, script, language): the glyph and advance of each code point of the number alphabet,
  // valid only if HarfBuzz applies no kerning or substitution among them.
  struct FastTable {
    bool usable = false;
    std::map<char32_t, std::pair<std::uint32_t, std::int32_t>> glyphs;  // code point -> glyph, advance (font units)
    std::array<std::int32_t, 128> ascii_glyph{};                        // the same for ASCII, -1 = not in the table
    std::array<std::int32_t, 128> ascii_advance{};
  };
  const FastTable& TableFor(const ShapeRequest& request);
  FastTable BuildTable(const ShapeRequest& request);
  bool BuildFast(const ShapeRequest& request, ShapedRun* out);

  FontLibrary& fonts_;
  const StaticShapes* statics_ = nullptr;  // read-only, shared: consulted after the fast path, before the cache
  // Two generations approximate LRU at the cost of a hash lookup: runs used since the last retirement live
  // in cache_; a hit in previous_ moves the node (its address stays) back into cache_. Retiring drops
  // previous_ whole, so the cache never exceeds two generations however many distinct texts a batch has.
  using Cache = std::unordered_map<std::string, ShapedRun>;
  Cache cache_;
  Cache previous_;
  std::size_t cache_bytes_ = 0;
  std::size_t previous_bytes_ = 0;
  std::string key_;
  std::deque<ShapedRun> scratch_;  // a deque: slots stay put while more are added
  std::size_t scratch_used_ = 0;
  std::map<std::string, FastTable> fast_tables_;
  std::string last_table_key_;
  FontId last_font_ = 0;
  std::uint32_t last_script_ = 0;
  DecodedText fast_char_;  // one non-ASCII character of a fast-path run, decoded without allocating
  std::string controls_as_spaces_;
  hb_buffer_t* buffer_ = nullptr;  // reused between calls
  const FastTable* last_table_ = nullptr;
};

}  // namespace missive::text

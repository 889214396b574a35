// Text: fonts (fontconfig, FreeType), shaping (HarfBuzz, with a cache), line breaking (ICU, UAX #14),
// bidi (ICU, UAX #9) and paragraph layout into positioned glyph runs. No HarfBuzz/ICU types leak here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/frame/frame.h"

namespace missive::text {

using frame::FontId;
using frame::Unit;

struct FontRequest {
  std::string family = "DejaVu Sans";
  std::uint16_t weight = 400;  ///< 400 regular, 700 bold
  bool italic = false;
  std::string path;  ///< a font file instead of a family (relative paths already resolved)
};

/// Metrics in font units (divide by units_per_em, multiply by size).
struct FontInfo {
  std::string family;
  std::string path;
  std::uint32_t face_index = 0;
  int units_per_em = 2048;
  int ascender = 0;   ///< positive, above the baseline
  int descender = 0;  ///< negative, below the baseline
  int line_gap = 0;
  std::uint16_t weight = 400;  ///< OS/2 weight class: 400 regular, 700 bold
  bool italic = false;
};

/// The fonts of a program: resolved once (fontconfig), shared read-only by all threads.
class FontLibrary {
 public:
  FontLibrary();
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  /// Exact family match (a family fontconfig substitutes is an error), or a file path.
  /// Thread-safe. On failure returns nullopt and sets `error` to a message naming the font.
  std::optional<FontId> Resolve(const FontRequest& request, std::string* error);
  [[nodiscard]] const FontInfo& Info(FontId id) const;
  /// The font file's bytes (for subsetting and embedding).
  [[nodiscard]] std::string_view FileBytes(FontId id) const;
  /// Fallback fonts tried, in order, for characters the chosen font lacks (e.g. Noto Sans Arabic).
  [[nodiscard]] const std::vector<FontId>& Fallbacks() const;
  /// Opaque handle for the text engine and renderers (hb_font_t*).
  [[nodiscard]] void* HbFont(FontId id) const;
  /// Whether the font maps this code point to a glyph.
  [[nodiscard]] bool HasGlyph(FontId id, char32_t cp) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

enum class Align : std::uint8_t { Left, Right, Center, Justify, Start, End };

struct TextStyle {
  FontId font = 0;
  Unit size = 10 * frame::kPt;
  frame::Color color;
};

/// A piece of a paragraph in one style. Page numbers are substituted before layout.
struct StyledSpan {
  std::string_view text;
  TextStyle style;
};

/// One laid-out line: runs positioned with x from the line's left edge, y = 0 at the baseline.
struct Line {
  Unit width = 0;    ///< natural width of the content
  Unit ascent = 0;   ///< above the baseline (positive)
  Unit descent = 0;  ///< below the baseline (positive)
  Unit height = 0;   ///< line box height (leading applied)
  std::vector<frame::GlyphRun> runs;
};

struct Paragraph {
  std::vector<Line> lines;
  Unit height = 0;  ///< sum of line heights
  Unit width = 0;   ///< widest line
};

struct ParagraphOptions {
  Unit max_width = 0;  ///< 0 = no wrapping
  Align align = Align::Start;
  std::uint32_t leading_permille = 1200;  ///< line height = size × leading
  std::string language;                   ///< BCP 47, for hyphenation and locale-sensitive breaking
  bool hyphenate = false;                 ///< hyphenate words that do not fit (needs `language`'s dictionary)
};

class StaticShapes;  // runtime/text/static_shapes.h: runs of a program's static text, shaped once

/// Per-thread text engine (owns caches). Cheap to create; not thread-safe; many may share a FontLibrary.
class TextEngine {
 public:
  explicit TextEngine(FontLibrary& fonts);
  /// With a read-only store of pre-shaped static text, shared by all threads' engines; it must outlive the
  /// engine. It is consulted after the number fast path and before the engine's own cache.
  TextEngine(FontLibrary& fonts, const StaticShapes* statics);
  ~TextEngine();
  TextEngine(const TextEngine&) = delete;
  TextEngine& operator=(const TextEngine&) = delete;

  /// Bidi (UAX #9), line breaking (UAX #14), shaping (cached), alignment. Never fails: missing
  /// glyphs fall back along the library's chain; if none has the glyph, a warning is recorded.
  /// The result is immutable and may be shared with the engine's cache (never null).
  std::shared_ptr<const Paragraph> Layout(const std::vector<StyledSpan>& spans, const ParagraphOptions& options);
  /// Width of the text on one line (no wrapping), shaped for `language` (BCP 47; pass the one the
  /// text will be laid out in, so that both share the shaping cache).
  Unit Measure(const std::vector<StyledSpan>& spans, std::string_view language = "");
  /// Width of the widest unbreakable piece (for auto table columns).
  Unit MinContentWidth(const std::vector<StyledSpan>& spans);

  /// The direct path for one-span, one-line paragraphs of plain Latin text (on by default). Off, every
  /// paragraph takes the general path: tests compare the two.
  void set_one_line_path(bool enabled);

  /// Warnings since the last call (e.g. "no font has a glyph for U+0F00"); clears them.
  std::vector<std::string> TakeWarnings();

  struct Stats {
    std::uint64_t shape_calls = 0;
    std::uint64_t cache_hits = 0;
    std::uint64_t fast_path_runs = 0;       ///< runs laid out from the number table, without HarfBuzz
    std::uint64_t static_hits = 0;          ///< runs found in the StaticShapes store (not counted in cache_hits)
    std::uint64_t cached_runs = 0;          ///< runs held by the engine's cache now (bounded)
    std::uint64_t cached_bytes = 0;         ///< approximate heap bytes of those runs (bounded)
    std::uint64_t paragraph_hits = 0;       ///< whole one-span paragraphs reused (table cells repeat)
    std::uint64_t one_line_paragraphs = 0;  ///< laid out by the direct one-line path (set_one_line_path)
  };
  [[nodiscard]] Stats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The digits of a record's page count for a frame::PageTotal placeholder, shaped left to right and
/// placed in the reserved box by its `align`: x from the box's left edge, y = 0 on the baseline. The
/// PDF writer and the PNG preview draw the same run.
frame::GlyphRun ShapePageTotal(FontLibrary& fonts, const frame::PageTotal& total, std::uint32_t count);

}  // namespace missive::text

// The page display list: what layout produces and every renderer (PDF, PNG) consumes.
// Coordinates are integer millipoints (1/1000 pt), origin at the page's top-left, y downwards.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace missive::frame {

/// 1/1000 of a PostScript point. A4 is 595'276 × 841'890.
using Unit = std::int32_t;
inline constexpr Unit kPt = 1000;
/// 1 mm in Units (rounded): 72/25.4 pt.
inline constexpr Unit MmToUnit(double mm) { return static_cast<Unit>(mm * 72000.0 / 25.4 + (mm >= 0 ? 0.5 : -0.5)); }

struct Color {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Color&, const Color&) = default;
};

using FontId = std::uint16_t;

/// What an item is in a tagged PDF's logical structure (ISO 32000-1 §14.8.4 standard structure types).
/// Part is a record's root; TH cells are column headers.
enum class Role : std::uint8_t { Part, P, H1, H2, H3, H4, H5, H6, Table, TR, TH, TD, Figure };

/// A node of a record's structure tree, built by layout in reading order (the block tree's flow order).
/// Items point at their node by `structure` (0 = an artifact: decoration, page furniture, repeated headers).
struct StructNode {
  std::uint32_t id = 0;      ///< 1-based within the record, in creation order (a parent before its children)
  std::uint32_t parent = 0;  ///< 0 for the record's root (a Part)
  Role role = Role::P;
  std::string alt;   ///< Figure: the alternate description (/Alt)
  std::string lang;  ///< BCP 47 (the root: the record's language)
};

/// What a run draws: glyph ids with their positions and the logical text they stand for.
/// `clusters[i]` is the byte offset in `text` where glyph i's cluster starts; the text of a cluster is
/// what ToUnicode/ActualText map it back to (ligatures and Arabic included).
struct Shaped {
  std::vector<std::uint32_t> glyphs;    ///< glyph ids of the font
  std::vector<Unit> advances;           ///< x advance of each glyph
  std::vector<Unit> x_offsets;          ///< optional (empty = all zero)
  std::vector<Unit> y_offsets;          ///< optional (empty = all zero), positive = up
  std::vector<std::uint32_t> clusters;  ///< per glyph, byte offset into text
  std::string text;                     ///< the logical source text of this run (UTF-8)
};

/// Shaped glyphs on one baseline, in visual (left-to-right) order.
/// The glyphs are shared, immutable, between the text engine's caches and every page that draws them
/// (a table cell's "2026-10-07" is laid out once and drawn on many pages): copying a run copies a
/// pointer. `Edit()` gives a private copy to change.
struct GlyphRun {
  FontId font = 0;
  Unit size = 10 * kPt;
  Color color;
  Unit x = 0, y = 0;  ///< pen start, baseline
  std::shared_ptr<const Shaped> shaped = EmptyShaped();
  bool rtl = false;             ///< glyphs are in visual order of right-to-left text
  std::uint32_t structure = 0;  ///< its StructNode (0 = artifact)

  const Shaped& operator*() const { return *shaped; }
  const Shaped* operator->() const { return shaped.get(); }
  /// The glyphs to change, copied first when another run shares them.
  Shaped& Edit() {
    if (shaped.use_count() != 1) shaped = std::make_shared<Shaped>(*shaped);
    return const_cast<Shaped&>(*shaped);  // NOLINT: owned alone, created non-const above or by the engine
  }
  static const std::shared_ptr<const Shaped>& EmptyShaped() {
    static const std::shared_ptr<const Shaped> empty = std::make_shared<const Shaped>();
    return empty;
  }
};

struct Rect {
  Unit x = 0, y = 0, width = 0, height = 0;
  bool has_fill = false;
  Color fill;
  Unit stroke_width = 0;  ///< 0 = no stroke
  Color stroke;
  Unit radius = 0;
  std::uint32_t structure = 0;  ///< its StructNode (0 = artifact: backgrounds, borders, zebra fills)
};

struct Line {
  Unit x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  Unit width = 500;
  Color color;
  std::uint32_t structure = 0;  ///< 0 = artifact (rules)
};

/// An image resource (PNG/JPEG) registered once per program, drawn into a box.
struct Image {
  std::uint32_t resource = 0;
  Unit x = 0, y = 0, width = 0, height = 0;
  /// When `clip`: only the part inside this box shows (fit cover).
  bool clip = false;
  Unit clip_x = 0, clip_y = 0, clip_width = 0, clip_height = 0;
  std::uint32_t structure = 0;  ///< its Figure (0 = artifact)
};

/// The total page count of the current record, not known until its last page: the renderer draws it
/// (e.g. through one Form XObject written after the record's last page). `width` is reserved.
struct PageTotal {
  FontId font = 0;
  Unit size = 10 * kPt;
  Color color;
  Unit x = 0, y = 0;       ///< left of the reserved box, baseline
  Unit width = 0;          ///< reserved width
  std::uint8_t align = 0;  ///< 0 left, 1 right, 2 center within the reserved width
  std::uint32_t structure = 0;
};

using Item = std::variant<GlyphRun, Rect, Line, Image, PageTotal>;

struct Page {
  Unit width = 0, height = 0;
  std::vector<Item> items;   ///< in painting order
  std::uint32_t number = 1;  ///< 1-based within its record
  /// A letterhead (page 1 of an existing PDF) drawn under everything: its id in the run's
  /// pdf::BackgroundLibrary, 0 = none.
  std::uint32_t background = 0;
  /// The structure nodes created while this page was laid out (their content may continue on later
  /// pages); a record's pages together hold its whole tree.
  std::vector<StructNode> structure;
};

}  // namespace missive::frame

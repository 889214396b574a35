// Internals shared by the layout files: the per-document context, fragments and the block builders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/compose/block.h"
#include "runtime/frame/frame.h"
#include "runtime/text/text.h"

namespace missive::layout {

using compose::Block;
using compose::Style;
using frame::Unit;

/// State of one LayoutDocument call that every builder reads.
struct Context {
  const compose::Document& document;
  text::TextEngine& text;
  std::uint32_t page_number = 1;        ///< what PageNumber spans print while laying out the current page
  std::uint32_t scale_permille = 1000;  ///< font scale, lowered by Place's shrink policy
  std::optional<std::string> error;     ///< the first record-level failure
  /// Reserved page-total widths measured so far, by (font, size): the footer asks on every page.
  struct TotalWidth {
    text::FontId font;
    Unit size;
    Unit width;
  };
  std::vector<TotalWidth> total_widths = {};
  // The structure tree (structure.cpp), built whether or not the PDF is tagged: a node per paragraph,
  // table, row, cell and figure, in reading order.
  std::vector<frame::StructNode> nodes = {};      ///< created since the last finished page
  std::uint32_t next_node = 1;                    ///< id of the next node
  std::uint32_t parent_node = 0;                  ///< where new nodes go
  std::optional<frame::Role> role_override = {};  ///< an enclosing box's `role`, for the paragraphs inside
  bool artifact = false;                          ///< inside page furniture or a `role: artifact` box
  bool structure = true;                          ///< build structure nodes at all (tagged output)
  std::uint32_t absorb = 0;                       ///< a paragraph here adds its text to this node (a cell, a figure)
};

/// Items laid out outside the page, relative to the fragment's origin, to be placed (moved) later.
struct Fragment {
  std::vector<frame::Item> items;
  std::vector<frame::Item> absolute;  ///< Place content: page coordinates, never translated
  Unit height = 0;
  Unit right = 0;            ///< rightmost edge of any line's natural content (in fragment coordinates), for overflow
  std::vector<Unit> breaks;  ///< tops of text lines: where a fragment taller than a page may be cut
  void Clear() {
    items.clear();
    absolute.clear();
    height = 0;
    right = 0;
    breaks.clear();
  }
};

void Translate(frame::Item& item, Unit dx, Unit dy);
/// Top and bottom of an item's ink box (approximate for text), for splitting an over-tall fragment.
void VerticalExtent(const frame::Item& item, Unit* top, Unit* bottom);

// ---- paragraph.cpp ----

/// A paragraph shaped for one width (shared with the text engine's cache); lines are placed one by one.
struct ShapedParagraph {
  std::shared_ptr<const text::Paragraph> para = std::make_shared<const text::Paragraph>();
  struct TotalSlot {
    frame::Color color;
    Unit width = 0;
  };
  std::vector<TotalSlot> totals;  ///< PageTotal spans in logical order
  frame::Color sentinel;          ///< colour marking the placeholder runs of the totals
  std::size_t totals_placed = 0;
  Unit content_x = 0;           ///< left padding + border inside the paragraph's box
  std::uint32_t structure = 0;  ///< the paragraph's structure node (0 = artifact)
};

ShapedParagraph ShapeParagraph(Context& ctx, const Block& block, Unit width);
/// Copies line `index`'s runs into `out`, the line box's top at `top`, the paragraph box's left at `x`.
void PlaceLine(ShapedParagraph& shaped, std::size_t index, Unit x, Unit top, std::vector<frame::Item>& out);
/// Natural one-line width of a paragraph's text (no wrapping), padding included.
Unit MeasureParagraph(Context& ctx, const Block& block);
/// Widest unbreakable piece of a paragraph's text, padding included.
Unit MinParagraphWidth(Context& ctx, const Block& block);

// ---- box.cpp ----

Unit PadTop(const Style* s);
Unit PadBottom(const Style* s);
Unit PadLeft(const Style* s);
Unit PadRight(const Style* s);
bool Decorated(const Style* s);
/// The Rect behind a box (height filled in when the box or its page fragment ends).
frame::Rect BoxRect(const Style& style, Unit x, Unit y, Unit width);
/// Width of a box in `available`: the style's fixed width (capped) or all of it.
Unit BoxWidth(const Style* s, Unit available);

// ---- measure.cpp ----

/// The content's own width (no wrapping), for Auto sizes.
Unit NaturalWidth(Context& ctx, const Block& block);
/// The narrowest width the content can take without overflowing.
Unit MinWidth(Context& ctx, const Block& block);
/// Widths of a Row's children in `width`: Fixed, then Auto (capped), then Fractions share the rest.
std::vector<Unit> RowWidths(Context& ctx, const Block& row, Unit width);

// ---- fragment.cpp ----

/// Lays `block` out unbroken at (x, y) of `out` in `width`; returns its height.
Unit BuildBlock(Context& ctx, const Block& block, Unit x, Unit y, Unit width, Fragment& out);
/// Lays the children out top to bottom; returns their total height.
Unit BuildBlocks(Context& ctx, const std::vector<compose::BlockPtr>& blocks, Unit x, Unit y, Unit width, Fragment& out);

// ---- table.cpp ----

std::vector<Unit> ColumnWidths(Context& ctx, const compose::Table& table, Unit width);
/// One table row at (x, y): the row's rect, then each cell's content in its column; returns its height.
/// Its structure: a TR under ctx.parent_node with a TH (`header`) or TD per cell.
Unit BuildTableRow(Context& ctx, const compose::Table& table, const compose::TableRow& row,
                   const std::vector<Unit>& widths, Unit x, Unit y, Fragment& out, bool header);

// ---- structure.cpp ----

/// Saves the structure state of the context and restores it at the end of the scope.
class StructScope {
 public:
  explicit StructScope(Context& ctx)
      : ctx_(ctx), parent_(ctx.parent_node), role_(ctx.role_override), artifact_(ctx.artifact), absorb_(ctx.absorb) {}
  ~StructScope() {
    ctx_.parent_node = parent_;
    ctx_.role_override = role_;
    ctx_.artifact = artifact_;
    ctx_.absorb = absorb_;
  }
  StructScope(const StructScope&) = delete;
  StructScope& operator=(const StructScope&) = delete;

 private:
  Context& ctx_;
  std::uint32_t parent_;
  std::optional<frame::Role> role_;
  bool artifact_;
  std::uint32_t absorb_;
};

/// A new node under ctx.parent_node; 0 (none) inside an artifact.
std::uint32_t NewNode(Context& ctx, frame::Role role, std::string alt = {});
/// The node a paragraph's text belongs to: the absorbing cell or figure, a new P/H<n>, or 0 (artifact).
std::uint32_t ParagraphNode(Context& ctx, const Block& block);
/// The Figure of an Image or Barcode block (0 when it is an artifact).
std::uint32_t FigureNode(Context& ctx, const Block& block);
/// A box's `role` for what it holds (call inside a StructScope).
void ApplyBoxRole(Context& ctx, const Style* style);
/// Forgets the nodes from id `first` on (a layout attempt thrown away).
void DropNodes(Context& ctx, std::uint32_t first);
void SetStructure(frame::Item& item, std::uint32_t node);

// ---- place.cpp ----

/// Lays a Place block out at its absolute position, applying its overflow policy; sets ctx.error on reject.
void BuildPlace(Context& ctx, const Block& block, Fragment& out);

}  // namespace missive::layout

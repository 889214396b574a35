// Place: content at an absolute position in a fixed area, with the area's overflow policy.
#include <algorithm>
#include <string>
#include <utility>
#include <variant>

#include "runtime/layout/context.h"

namespace missive::layout {
namespace {

// Millimetres with one decimal (the unit fixed areas such as envelope windows are declared in).
std::string Mm(Unit u) {
  const std::int64_t tenths = (static_cast<std::int64_t>(u) * 254 + (u >= 0 ? 36000 : -36000)) / 72000;
  std::string s = std::to_string(tenths / 10);
  if (tenths % 10 != 0) {
    s.push_back('.');
    s.push_back(static_cast<char>('0' + (tenths < 0 ? -tenths : tenths) % 10));
  }
  s.append("mm");
  return s;
}

std::string OverflowMessage(const Block& block, Unit width) {
  std::string m = "text does not fit the area at (";
  m.append(Mm(block.x)).append(", ").append(Mm(block.y)).append(") width ").append(Mm(width));
  return m;
}

// The text engine breaks a word wider than the line between graphemes, so "too wide" means a word
// (the widest unbreakable piece) wider than the area, not a line running past its edge.
bool Fits(Context& ctx, const Block& block, Unit width, const Fragment& frag, Unit height) {
  if (frag.right > block.x + width) return false;
  for (const auto& child : block.children) {
    if (MinWidth(ctx, *child) > width) return false;
  }
  return block.height <= 0 || height <= block.height;
}

// Drops what lies below the area and the glyphs that run past its right edge.
void Clip(const Block& block, Unit width, Fragment& frag) {
  const Unit right = block.x + width;
  const Unit bottom = block.height > 0 ? block.y + block.height : INT32_MAX;
  std::vector<frame::Item> kept;
  kept.reserve(frag.items.size());
  for (auto& item : frag.items) {
    Unit top = 0, bot = 0;
    VerticalExtent(item, &top, &bot);
    if (bot > bottom && !std::holds_alternative<frame::Rect>(item)) continue;
    if (auto* run = std::get_if<frame::GlyphRun>(&item)) {
      Unit pen = run->x;
      const std::vector<Unit>& advances = (*run)->advances;
      std::size_t n = 0;
      while (n < advances.size() && pen + advances[n] <= right) pen += advances[n++];
      if (n == 0) continue;
      if (n < advances.size()) {
        frame::Shaped& kept_glyphs = run->Edit();
        kept_glyphs.glyphs.resize(n);
        kept_glyphs.advances.resize(n);
        if (kept_glyphs.x_offsets.size() > n) kept_glyphs.x_offsets.resize(n);
        if (kept_glyphs.y_offsets.size() > n) kept_glyphs.y_offsets.resize(n);
        if (kept_glyphs.clusters.size() > n) kept_glyphs.clusters.resize(n);
      }
    } else if (auto* rect = std::get_if<frame::Rect>(&item)) {
      rect->height = std::min(rect->height, bottom - rect->y);
    }
    kept.push_back(std::move(item));
  }
  frag.items = std::move(kept);
}

}  // namespace

void BuildPlace(Context& ctx, const Block& block, Fragment& out) {
  // Without a declared width the area runs to the right margin.
  const auto& page = ctx.document.page;
  const Unit width = block.place_width > 0 ? block.place_width : std::max(0, page.width - page.margin[1] - block.x);
  Fragment frag;
  const std::uint32_t saved_scale = ctx.scale_permille;
  const std::uint32_t first_node = ctx.next_node;
  Unit height = BuildBlocks(ctx, block.children, block.x, block.y, width, frag);
  if (!Fits(ctx, block, width, frag, height)) {
    switch (block.overflow) {
      case compose::Overflow::Reject:
        if (!ctx.error) {
          ctx.error = OverflowMessage(block, width);
        }
        return;
      case compose::Overflow::Shrink: {
        // 5% steps down to 40% of the declared sizes; below that the text is unreadable, so reject.
        bool fitted = false;
        for (std::uint32_t scale = saved_scale * 95 / 100; scale >= saved_scale * 40 / 100 && !fitted;
             scale = scale * 95 / 100) {
          ctx.scale_permille = scale;
          frag.Clear();
          DropNodes(ctx, first_node);
          height = BuildBlocks(ctx, block.children, block.x, block.y, width, frag);
          fitted = Fits(ctx, block, width, frag, height);
        }
        ctx.scale_permille = saved_scale;
        if (!fitted) {
          if (!ctx.error) {
            ctx.error = OverflowMessage(block, width);
            ctx.error->append(" even when shrunk");
          }
          return;
        }
        break;
      }
      case compose::Overflow::Clip: Clip(block, width, frag); break;
    }
  }
  for (auto& item : frag.items) out.absolute.push_back(std::move(item));
  for (auto& item : frag.absolute) out.absolute.push_back(std::move(item));
}

}  // namespace missive::layout

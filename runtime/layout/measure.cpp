// Intrinsic widths of blocks (for Auto sizes and table columns) and the width distribution of rows.
#include <algorithm>

#include "runtime/layout/context.h"
#include "runtime/layout/media_blocks.h"

namespace missive::layout {
namespace {

Unit BoxExtra(const Style* s) { return PadLeft(s) + PadRight(s) + 2 * (s ? s->border_width : 0); }

Unit Intrinsic(Context& ctx, const Block& block, bool minimum) {
  switch (block.kind) {
    case compose::BlockKind::Paragraph: return minimum ? MinParagraphWidth(ctx, block) : MeasureParagraph(ctx, block);
    case compose::BlockKind::Stack: {
      if (block.style && block.style->width) return *block.style->width;
      Unit w = 0;
      for (const auto& child : block.children) w = std::max(w, Intrinsic(ctx, *child, minimum));
      return w + BoxExtra(block.style);
    }
    case compose::BlockKind::Row: {
      Unit w = 0;
      for (const auto& child : block.children) {
        if (child->width.kind == compose::Size::Kind::Fixed) {
          w += child->width.fixed;
        } else {
          w += Intrinsic(ctx, *child, minimum);
        }
      }
      return w + BoxExtra(block.style);
    }
    case compose::BlockKind::Table: {
      const compose::Table& t = *block.table;
      Unit w = 0;
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        if (t.columns[c].kind == compose::Size::Kind::Fixed) {
          w += t.columns[c].fixed;
          continue;
        }
        Unit col = 0;
        auto scan = [&](const std::vector<compose::TableRow>& rows) {
          for (const auto& r : rows) {
            if (c < r.cells.size() && r.cells[c]) col = std::max(col, Intrinsic(ctx, *r.cells[c], minimum));
          }
        };
        scan(t.header);
        scan(t.rows);
        w += col + t.cell_padding[1] + t.cell_padding[3];
      }
      return w;
    }
    case compose::BlockKind::Image:
    case compose::BlockKind::Barcode: return MediaNaturalWidth(block);
    case compose::BlockKind::Space:
    case compose::BlockKind::Rule:
    case compose::BlockKind::PageBreak:
    case compose::BlockKind::Place: return 0;
  }
  return 0;
}

}  // namespace

Unit NaturalWidth(Context& ctx, const Block& block) { return Intrinsic(ctx, block, false); }
Unit MinWidth(Context& ctx, const Block& block) { return Intrinsic(ctx, block, true); }

std::vector<Unit> RowWidths(Context& ctx, const Block& row, Unit width) {
  const auto& children = row.children;
  std::vector<Unit> widths(children.size(), 0);
  Unit used = 0;
  std::uint64_t fractions = 0;
  for (std::size_t i = 0; i < children.size(); ++i) {
    const compose::Size& size = children[i]->width;
    if (size.kind == compose::Size::Kind::Fixed) {
      widths[i] = size.fixed;
      used += size.fixed;
    } else if (size.kind == compose::Size::Kind::Fraction) {
      fractions += size.fraction_permille;
    }
  }
  for (std::size_t i = 0; i < children.size(); ++i) {
    if (children[i]->width.kind != compose::Size::Kind::Auto) continue;
    widths[i] = std::clamp(NaturalWidth(ctx, *children[i]), 0, std::max(0, width - used));
    used += widths[i];
  }
  const Unit rest = std::max(0, width - used);
  if (fractions > 0) {
    // Shares are floored; the last fraction child takes the rounding remainder so the row ends exactly
    // at the right edge.
    Unit given = 0;
    std::size_t last = children.size();
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (children[i]->width.kind != compose::Size::Kind::Fraction) continue;
      widths[i] =
          static_cast<Unit>(static_cast<std::uint64_t>(rest) * children[i]->width.fraction_permille / fractions);
      given += widths[i];
      last = i;
    }
    widths[last] += rest - given;
  }
  return widths;
}

}  // namespace missive::layout

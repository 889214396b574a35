// Unbroken layout of a block into a fragment: rows, table rows, keep-together boxes, headers, footers.
#include <algorithm>
#include <utility>
#include <variant>

#include "runtime/layout/context.h"
#include "runtime/layout/media_blocks.h"

namespace missive::layout {
namespace {

Unit BuildParagraph(Context& ctx, const Block& block, Unit x, Unit y, Unit available, Fragment& out) {
  const Unit width = BoxWidth(block.style, available);
  ShapedParagraph shaped = ShapeParagraph(ctx, block, width);
  const Style* s = block.style;
  const Unit bw = s ? s->border_width : 0;
  std::size_t rect_index = out.items.size();
  if (Decorated(s)) out.items.emplace_back(BoxRect(*s, x, y, width));
  Unit cursor = y + PadTop(s) + bw;
  for (std::size_t i = 0; i < shaped.para->lines.size(); ++i) {
    out.right = std::max(out.right, x + shaped.content_x + shaped.para->lines[i].width);
    const Unit h = shaped.para->lines[i].height;
    if (i > 0) out.breaks.push_back(cursor);
    PlaceLine(shaped, i, x, cursor, out.items);
    cursor += h;
  }
  cursor += PadBottom(s) + bw;
  if (Decorated(s)) std::get<frame::Rect>(out.items[rect_index]).height = cursor - y;
  return cursor - y;
}

Unit BuildStack(Context& ctx, const Block& block, Unit x, Unit y, Unit width, Fragment& out) {
  const Style* s = block.style;
  StructScope scope(ctx);
  ApplyBoxRole(ctx, s);
  const Unit bw = s ? s->border_width : 0;
  const Unit box_w = BoxWidth(s, width);
  std::size_t rect_index = out.items.size();
  if (Decorated(s)) out.items.emplace_back(BoxRect(*s, x, y, box_w));
  const Unit inner_x = x + PadLeft(s) + bw;
  const Unit inner_w = std::max(0, box_w - PadLeft(s) - PadRight(s) - 2 * bw);
  Unit cursor = y + PadTop(s) + bw;
  cursor += BuildBlocks(ctx, block.children, inner_x, cursor, inner_w, out);
  cursor += PadBottom(s) + bw;
  if (Decorated(s)) std::get<frame::Rect>(out.items[rect_index]).height = cursor - y;
  return cursor - y;
}

Unit BuildRow(Context& ctx, const Block& block, Unit x, Unit y, Unit width, Fragment& out) {
  const Style* s = block.style;
  StructScope scope(ctx);
  ApplyBoxRole(ctx, s);
  const Unit bw = s ? s->border_width : 0;
  std::size_t rect_index = out.items.size();
  if (Decorated(s)) out.items.emplace_back(BoxRect(*s, x, y, width));
  const Unit inner_w = std::max(0, width - PadLeft(s) - PadRight(s) - 2 * bw);
  const std::vector<Unit> widths = RowWidths(ctx, block, inner_w);
  Unit cx = x + PadLeft(s) + bw;
  const Unit top = y + PadTop(s) + bw;
  Unit tallest = 0;
  for (std::size_t i = 0; i < block.children.size(); ++i) {
    tallest = std::max(tallest, BuildBlock(ctx, *block.children[i], cx, top, widths[i], out));
    cx += widths[i];
  }
  const Unit h = tallest + PadTop(s) + PadBottom(s) + 2 * bw;
  if (Decorated(s)) std::get<frame::Rect>(out.items[rect_index]).height = h;
  return h;
}

Unit BuildTable(Context& ctx, const Block& block, Unit x, Unit y, Unit width, Fragment& out) {
  const compose::Table& table = *block.table;
  const std::vector<Unit> widths = ColumnWidths(ctx, table, width);
  StructScope scope(ctx);
  ApplyBoxRole(ctx, block.style);
  ctx.parent_node = NewNode(ctx, frame::Role::Table);
  Unit cursor = y;
  for (const auto& row : table.header) cursor += BuildTableRow(ctx, table, row, widths, x, cursor, out, true);
  for (const auto& row : table.rows) cursor += BuildTableRow(ctx, table, row, widths, x, cursor, out, false);
  return cursor - y;
}

}  // namespace

Unit BuildBlock(Context& ctx, const Block& block, Unit x, Unit y, Unit width, Fragment& out) {
  switch (block.kind) {
    case compose::BlockKind::Paragraph: return BuildParagraph(ctx, block, x, y, width, out);
    case compose::BlockKind::Stack: return BuildStack(ctx, block, x, y, width, out);
    case compose::BlockKind::Row: return BuildRow(ctx, block, x, y, width, out);
    case compose::BlockKind::Table: return BuildTable(ctx, block, x, y, width, out);
    case compose::BlockKind::Space: return block.height;
    case compose::BlockKind::Rule: {
      frame::Line line;
      const bool styled = block.style && block.style->border_width > 0;
      line.width = styled ? block.style->border_width : 500;
      if (styled) line.color = block.style->border_color;
      line.x1 = x;
      line.x2 = x + width;
      line.y1 = line.y2 = y + line.width / 2;
      out.items.emplace_back(line);
      return line.width;
    }
    case compose::BlockKind::PageBreak: return 0;
    case compose::BlockKind::Place: BuildPlace(ctx, block, out); return 0;
    case compose::BlockKind::Image: return BuildImage(ctx, block, x, y, width, out);
    case compose::BlockKind::Barcode: return BuildBarcode(ctx, block, x, y, width, out);
  }
  return 0;
}

Unit BuildBlocks(Context& ctx, const std::vector<compose::BlockPtr>& blocks, Unit x, Unit y, Unit width,
                 Fragment& out) {
  Unit cursor = y;
  for (const auto& block : blocks) cursor += BuildBlock(ctx, *block, x, cursor, width, out);
  return cursor - y;
}

}  // namespace missive::layout

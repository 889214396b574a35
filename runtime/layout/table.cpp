// Tables: column widths and the unbroken layout of one row (its background, then each cell).
#include <algorithm>
#include <variant>

#include "runtime/layout/context.h"

namespace missive::layout {
namespace {

Unit AutoColumn(Context& ctx, const compose::Table& table, std::size_t c, bool minimum) {
  Unit w = 0;
  auto scan = [&](const std::vector<compose::TableRow>& rows) {
    for (const auto& row : rows) {
      if (c >= row.cells.size() || !row.cells[c]) continue;
      w = std::max(w, minimum ? MinWidth(ctx, *row.cells[c]) : NaturalWidth(ctx, *row.cells[c]));
    }
  };
  scan(table.header);
  scan(table.rows);
  return w + table.cell_padding[1] + table.cell_padding[3];
}

}  // namespace

std::vector<Unit> ColumnWidths(Context& ctx, const compose::Table& table, Unit width) {
  // A table declared without columns gets one equal share per cell of its widest row.
  std::vector<compose::Size> implicit;
  if (table.columns.empty()) {
    std::size_t n = 0;
    for (const auto* rows : {&table.header, &table.rows}) {
      for (const auto& row : *rows) n = std::max(n, row.cells.size());
    }
    implicit.assign(n, compose::Size{compose::Size::Kind::Fraction, 0, 1000});
  }
  const auto& cols = table.columns.empty() ? implicit : table.columns;
  std::vector<Unit> widths(cols.size(), 0);
  Unit fixed = 0;
  std::uint64_t fractions = 0;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (cols[c].kind == compose::Size::Kind::Fixed) {
      widths[c] = cols[c].fixed;
      fixed += cols[c].fixed;
    } else if (cols[c].kind == compose::Size::Kind::Fraction) {
      fractions += cols[c].fraction_permille;
    }
  }
  // Auto columns take their content's width; when that is too much together, each gets its share of
  // the room but never less than its widest unbreakable word.
  Unit natural_sum = 0;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (cols[c].kind != compose::Size::Kind::Auto) continue;
    widths[c] = AutoColumn(ctx, table, c, false);
    natural_sum += widths[c];
  }
  const Unit room = std::max(0, width - fixed);
  if (natural_sum > room) {
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (cols[c].kind != compose::Size::Kind::Auto) continue;
      const Unit share = static_cast<Unit>(static_cast<std::int64_t>(widths[c]) * room / natural_sum);
      widths[c] = std::max(share, AutoColumn(ctx, table, c, true));
    }
  }
  Unit used = 0;
  for (Unit w : widths) used += w;
  const Unit rest = std::max(0, width - used);
  if (fractions > 0) {
    Unit given = 0;
    std::size_t last = 0;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (cols[c].kind != compose::Size::Kind::Fraction) continue;
      widths[c] = static_cast<Unit>(static_cast<std::uint64_t>(rest) * cols[c].fraction_permille / fractions);
      given += widths[c];
      last = c;
    }
    widths[last] += rest - given;
  }
  return widths;
}

Unit BuildTableRow(Context& ctx, const compose::Table& table, const compose::TableRow& row,
                   const std::vector<Unit>& widths, Unit x, Unit y, Fragment& out, bool header) {
  const Unit* pad = table.cell_padding;
  StructScope scope(ctx);
  ctx.parent_node = NewNode(ctx, frame::Role::TR);
  const std::uint32_t row_node = ctx.parent_node;
  Unit total_w = 0;
  for (Unit w : widths) total_w += w;
  const std::size_t rect_index = out.items.size();
  const bool decorated = Decorated(row.style);
  if (decorated) out.items.emplace_back(BoxRect(*row.style, x, y, total_w));
  Unit tallest = 0;
  Unit cx = x;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    if (c < row.cells.size() && row.cells[c]) {
      const Unit inner = std::max(0, widths[c] - pad[1] - pad[3]);
      // TH cells head their column (ISO 32000-1 §14.8.5.7, /Scope /Column); a one-paragraph cell holds
      // its text itself, a cell with more gets P children.
      ctx.parent_node = row_node;
      ctx.absorb = 0;
      ctx.parent_node = NewNode(ctx, header ? frame::Role::TH : frame::Role::TD);
      if (row.cells[c]->kind == compose::BlockKind::Paragraph) ctx.absorb = ctx.parent_node;
      tallest = std::max(tallest, BuildBlock(ctx, *row.cells[c], cx + pad[3], y + pad[0], inner, out));
    }
    cx += widths[c];
  }
  const Unit h = tallest + pad[0] + pad[2];
  if (decorated) std::get<frame::Rect>(out.items[rect_index]).height = h;
  return h;
}

}  // namespace missive::layout

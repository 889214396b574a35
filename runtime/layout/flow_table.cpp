// Tables in the flow: rows never split (unless taller than a page), header rows repeat on every page.
#include <utility>

#include "runtime/layout/flow.h"

namespace missive::layout {

void Flow::FlowTable(const Block& block, Unit x, Unit width) {
  const compose::Table& table = *block.table;
  const std::vector<Unit> widths = ColumnWidths(ctx_, table, width);
  StructScope scope(ctx_);
  ApplyBoxRole(ctx_, block.style);
  ctx_.parent_node = NewNode(ctx_, frame::Role::Table);
  Fragment header;
  for (const auto& row : table.header) {
    header.height += BuildTableRow(ctx_, table, row, widths, 0, header.height, header, true);
  }
  Fragment row_frag;
  auto build_row = [&](const compose::TableRow& row) {
    row_frag.Clear();
    row_frag.height = BuildTableRow(ctx_, table, row, widths, 0, 0, row_frag, false);
  };
  // The header never stands alone at the foot of a page: it moves on with the first row.
  if (!table.rows.empty()) build_row(table.rows.front());
  const Unit first_h = table.rows.empty() ? 0 : row_frag.height;
  if (!AtPageStart() && cursor_ + header.height + first_h > bottom_ && header.height + first_h <= Capacity()) NewPage();
  if (!header.items.empty() || header.height > 0) {
    Fragment copy = header;
    Append(copy, x);
  }
  const bool repeat = table.repeat_header && header.height > 0;
  if (repeat) {
    repeat_header_ = &header;
    repeat_header_x_ = x;
  }
  const Unit room = Capacity() - (repeat ? header.height : 0);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (ctx_.error) break;
    if (r > 0) build_row(table.rows[r]);
    if (cursor_ + row_frag.height <= bottom_) {
      Append(row_frag, x);
    } else if (row_frag.height <= room) {
      NewPage();
      Append(row_frag, x);
    } else {
      AppendSliced(row_frag, x);
    }
  }
  repeat_header_ = nullptr;
}

}  // namespace missive::layout

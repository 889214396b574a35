// The paginator: places blocks on the current page, starts new pages and streams finished ones.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/layout/context.h"
#include "runtime/layout/layout.h"

namespace missive::layout {

class Flow {
 public:
  Flow(Context& ctx, PageSink& sink);
  void Run(const std::vector<compose::BlockPtr>& body);
  /// Emits the last page (and the duplex blank); returns the page count.
  std::uint32_t Finish();

 private:
  // A decorated box open across the flow: its rect on the current page is closed at every page break.
  struct OpenBox {
    const Style* style;
    Unit x, width;
    std::size_t rect_index;
    Unit top;
    Unit inset;          ///< top padding + border: where its content starts below `top`
    bool empty = false;  ///< nothing of it was placed on the page it was closed on
  };

  void StartPage();
  void FinishPage();
  void NewPage();
  /// Header (top) or footer band blocks onto the page; `slot` indexes bands_.
  void PlaceBand(const std::vector<compose::BlockPtr>& blocks, int slot, bool top);
  void OpenBoxAt(const Style* style, Unit x, Unit width, Unit inset);
  void CloseBox();
  [[nodiscard]] Unit Capacity() const { return bottom_ - top_; }
  /// Nothing of the flow placed on this page yet, apart from what every page repeats.
  [[nodiscard]] bool AtPageStart() const { return fresh_ || cursor_ == start_cursor_; }

  void FlowBlock(const Block& block, Unit x, Unit width);
  void FlowParagraph(const Block& block, Unit x, Unit width);
  void FlowStack(const Block& block, Unit x, Unit width);
  void FlowTable(const Block& block, Unit x, Unit width);
  /// A block that never splits: next page when it does not fit, sliced only when taller than a page.
  void FlowUnbreakable(const Block& block, Unit x, Unit width);
  /// Moves a fragment built at the origin onto the page at (x, cursor); advances the cursor.
  void Append(Fragment& frag, Unit x);
  /// Appends a fragment taller than the room left, slicing it across pages between its items.
  void AppendSliced(Fragment& frag, Unit x);
  void TakeAbsolute(Fragment& frag);

  Context& ctx_;
  PageSink& sink_;
  frame::Page page_;
  bool page_open_ = false;
  bool fresh_ = true;  ///< nothing placed on the page yet
  std::uint32_t emitted_ = 0;
  std::size_t last_items_ = 0;
  Unit top_ = 0, bottom_ = 0, cursor_ = 0;
  Unit start_cursor_ = 0;  ///< the cursor once the page's repeated parts (boxes, table header) are placed
  Unit content_x_ = 0, content_w_ = 0;
  std::vector<OpenBox> boxes_;
  std::vector<std::size_t> dropped_rects_;  ///< rects of boxes that moved on before showing content
  Fragment scratch_;
  // first header, header, first footer, footer: laid out once unless they show the page number.
  struct Band {
    bool checked = false, cached = false;
    std::vector<frame::Item> items;
  };
  Band bands_[4];
  // A table continuing onto the next page redraws its header rows there.
  const Fragment* repeat_header_ = nullptr;
  Unit repeat_header_x_ = 0;
};

}  // namespace missive::layout

// The paginator: pages, open boxes across page breaks, paragraphs split with widow/orphan control.
#include "runtime/layout/flow.h"

#include <algorithm>
#include <utility>
#include <variant>

namespace missive::layout {
namespace {

constexpr Unit kBandGap = 4 * frame::kPt;  // between the header/footer bands and the content area

bool ShowsPageNumber(const std::vector<compose::BlockPtr>& blocks);

bool ShowsPageNumber(const Block& block) {
  for (const auto& span : block.spans) {
    if (span.kind == compose::SpanKind::PageNumber) return true;
  }
  if (ShowsPageNumber(block.children)) return true;
  if (block.table) {
    for (const auto* rows : {&block.table->header, &block.table->rows}) {
      for (const auto& row : *rows) {
        if (ShowsPageNumber(row.cells)) return true;
      }
    }
  }
  return false;
}

bool ShowsPageNumber(const std::vector<compose::BlockPtr>& blocks) {
  for (const auto& block : blocks) {
    if (block && ShowsPageNumber(*block)) return true;
  }
  return false;
}

}  // namespace

Flow::Flow(Context& ctx, PageSink& sink) : ctx_(ctx), sink_(sink) {
  const auto& page = ctx_.document.page;
  content_x_ = page.margin[3];
  content_w_ = std::max(0, page.width - page.margin[1] - page.margin[3]);
}

void Flow::Run(const std::vector<compose::BlockPtr>& body) {
  if (!page_open_) StartPage();
  const Unit x = content_x_;
  for (const auto& block : body) {
    if (ctx_.error) return;
    FlowBlock(*block, x, content_w_);
  }
}

std::uint32_t Flow::Finish() {
  if (!page_open_) StartPage();
  FinishPage();
  if (ctx_.document.page.duplex && emitted_ % 2 == 1 && !ctx_.error) {
    frame::Page blank;
    blank.width = ctx_.document.page.width;
    blank.height = ctx_.document.page.height;
    blank.number = emitted_ + 1;
    sink_.OnPage(std::move(blank));
    ++emitted_;
  }
  return emitted_;
}

void Flow::StartPage() {
  const auto& tpl = ctx_.document.page;
  // Pages of a record are alike: start with room for as many items as the last one had.
  const std::size_t expected = last_items_;
  page_ = frame::Page{};
  page_.items.reserve(expected);
  page_.width = tpl.width;
  page_.height = tpl.height;
  page_.number = emitted_ + 1;
  page_open_ = true;
  ctx_.page_number = page_.number;
  top_ = tpl.margin[0];
  bottom_ = tpl.height - tpl.margin[2];
  cursor_ = top_;
  for (auto& box : boxes_) {
    box.rect_index = page_.items.size();
    box.top = cursor_;
    page_.items.emplace_back(BoxRect(*box.style, box.x, cursor_, box.width));
    // A box that moved on whole starts with its padding again; a continued one runs on flush.
    if (box.empty) cursor_ += box.inset;
  }
  if (repeat_header_) {
    // The header row repeated on a continuation page is page furniture: the structure has it once.
    Fragment copy = *repeat_header_;
    for (auto& item : copy.items) SetStructure(item, 0);
    Append(copy, repeat_header_x_);
  }
  fresh_ = true;
  start_cursor_ = cursor_;
}

void Flow::FinishPage() {
  const auto& tpl = ctx_.document.page;
  ctx_.page_number = page_.number;
  const bool first = page_.number == 1;
  const auto& header = first && !tpl.first_header.empty() ? tpl.first_header : tpl.header;
  const auto& footer = first && !tpl.first_footer.empty() ? tpl.first_footer : tpl.footer;
  // Erase from the back so the indices stay valid.
  for (auto it = dropped_rects_.rbegin(); it != dropped_rects_.rend(); ++it) {
    page_.items.erase(page_.items.begin() + static_cast<std::ptrdiff_t>(*it));
  }
  dropped_rects_.clear();
  if (!header.empty()) PlaceBand(header, first && !tpl.first_header.empty() ? 0 : 1, true);
  if (!footer.empty()) PlaceBand(footer, first && !tpl.first_footer.empty() ? 2 : 3, false);
  page_.structure = std::move(ctx_.nodes);
  ctx_.nodes.clear();
  page_open_ = false;
  last_items_ = page_.items.size();
  ++emitted_;
  sink_.OnPage(std::move(page_));
}

void Flow::PlaceBand(const std::vector<compose::BlockPtr>& blocks, int slot, bool top) {
  Band& band = bands_[slot];
  if (band.cached) {
    page_.items.insert(page_.items.end(), band.items.begin(), band.items.end());
    return;
  }
  const auto& tpl = ctx_.document.page;
  scratch_.Clear();
  StructScope scope(ctx_);
  ctx_.artifact = true;  // headers and footers are page furniture (pagination artifacts)
  if (top) {
    const Unit h = BuildBlocks(ctx_, blocks, content_x_, 0, content_w_, scratch_);
    for (auto& item : scratch_.items) Translate(item, 0, tpl.margin[0] - kBandGap - h);
  } else {
    BuildBlocks(ctx_, blocks, content_x_, tpl.height - tpl.margin[2] + kBandGap, content_w_, scratch_);
  }
  for (auto& item : scratch_.absolute) scratch_.items.push_back(std::move(item));
  scratch_.absolute.clear();
  // Bands without a page number are the same on every page: lay them out once, copy them after.
  if (!band.checked) {
    band.checked = true;
    band.cached = !ShowsPageNumber(blocks);
    if (band.cached) band.items = scratch_.items;
  }
  for (auto& item : scratch_.items) page_.items.push_back(std::move(item));
}

void Flow::NewPage() {
  for (auto& box : boxes_) {
    box.empty = cursor_ <= box.top + box.inset;
    if (box.empty) {
      dropped_rects_.push_back(box.rect_index);
    } else {
      std::get<frame::Rect>(page_.items[box.rect_index]).height = std::min(cursor_, bottom_) - box.top;
    }
  }
  FinishPage();
  StartPage();
}

void Flow::OpenBoxAt(const Style* style, Unit x, Unit width, Unit inset) {
  boxes_.push_back(OpenBox{style, x, width, page_.items.size(), cursor_, inset, false});
  page_.items.emplace_back(BoxRect(*style, x, cursor_, width));
}

void Flow::CloseBox() {
  const OpenBox& box = boxes_.back();
  std::get<frame::Rect>(page_.items[box.rect_index]).height = cursor_ - box.top;
  boxes_.pop_back();
}

void Flow::FlowBlock(const Block& block, Unit x, Unit width) {
  switch (block.kind) {
    case compose::BlockKind::Paragraph: FlowParagraph(block, x, width); return;
    case compose::BlockKind::Stack:
      if (block.keep_together) {
        FlowUnbreakable(block, x, width);
      } else {
        FlowStack(block, x, width);
      }
      return;
    case compose::BlockKind::Table: FlowTable(block, x, width); return;
    case compose::BlockKind::Space:
      // Space that does not fit ends the page and is not carried over to the next one.
      if (cursor_ + block.height > bottom_ && !AtPageStart()) {
        NewPage();
      } else {
        cursor_ = std::min(cursor_ + block.height, bottom_);
        fresh_ = fresh_ && block.height <= 0;
      }
      return;
    case compose::BlockKind::PageBreak: NewPage(); return;
    case compose::BlockKind::Place:
      scratch_.Clear();
      BuildPlace(ctx_, block, scratch_);
      TakeAbsolute(scratch_);
      return;
    case compose::BlockKind::Row:
    case compose::BlockKind::Rule:
    case compose::BlockKind::Image:
    case compose::BlockKind::Barcode: FlowUnbreakable(block, x, width); return;
  }
}

void Flow::FlowParagraph(const Block& block, Unit x, Unit available) {
  const Unit width = BoxWidth(block.style, available);
  ShapedParagraph shaped = ShapeParagraph(ctx_, block, width);
  const Style* s = block.style;
  const Unit bw = s ? s->border_width : 0;
  const bool decorated = Decorated(s);
  const auto& lines = shaped.para->lines;
  const std::size_t n = lines.size();
  // Lines [i, i+k) to put on this page from `y`: as many as fit, keeping ≥ 2 lines on each side of a
  // break in paragraphs of 4+ lines; 0 = move on to the next page.
  auto chunk = [&](std::size_t i, Unit y) {
    std::size_t fit = 0;
    for (Unit h = 0; i + fit < n && y + h + lines[i + fit].height <= bottom_; ++fit) h += lines[i + fit].height;
    std::size_t k = fit;
    if (i + k < n && n >= 4) {
      if (n - (i + k) < 2) k = n - i >= 2 ? n - i - 2 : 0;
      if (i == 0 && k < 2) k = 0;
    }
    return std::pair{k, fit};
  };
  if (n > 0 && !AtPageStart() && chunk(0, cursor_ + PadTop(s) + bw).first == 0) NewPage();
  if (decorated) OpenBoxAt(s, x, width, PadTop(s) + bw);
  cursor_ += PadTop(s) + bw;
  std::size_t i = 0;
  while (i < n) {
    auto [k, fit] = chunk(i, cursor_);
    if (k == 0 && AtPageStart()) k = std::max<std::size_t>(1, fit);
    for (std::size_t j = i; j < i + k; ++j) {
      const Unit h = lines[j].height;
      PlaceLine(shaped, j, x, cursor_, page_.items);
      cursor_ += h;
    }
    if (k > 0) fresh_ = false;
    i += k;
    if (i < n) NewPage();
  }
  cursor_ += PadBottom(s) + bw;
  if (decorated) CloseBox();
}

void Flow::FlowStack(const Block& block, Unit x, Unit width) {
  const Style* s = block.style;
  StructScope scope(ctx_);
  ApplyBoxRole(ctx_, s);
  const Unit bw = s ? s->border_width : 0;
  const Unit box_w = BoxWidth(s, width);
  const bool decorated = Decorated(s);
  if (decorated) OpenBoxAt(s, x, box_w, PadTop(s) + bw);
  cursor_ += PadTop(s) + bw;
  const Unit inner_x = x + PadLeft(s) + bw;
  const Unit inner_w = std::max(0, box_w - PadLeft(s) - PadRight(s) - 2 * bw);
  for (const auto& child : block.children) {
    if (ctx_.error) return;
    FlowBlock(*child, inner_x, inner_w);
  }
  cursor_ += PadBottom(s) + bw;
  if (decorated) CloseBox();
}

void Flow::FlowUnbreakable(const Block& block, Unit x, Unit width) {
  const std::uint32_t first_node = ctx_.next_node;
  Fragment frag;
  frag.height = BuildBlock(ctx_, block, 0, 0, width, frag);
  if (cursor_ + frag.height <= bottom_) {
    Append(frag, x);
    return;
  }
  if (!AtPageStart() && frag.height <= Capacity()) {
    NewPage();
    Append(frag, x);
    return;
  }
  if (block.kind == compose::BlockKind::Stack) {
    // Taller than a page: keep_together cannot hold, so it flows (and splits) like any box — laid out
    // again, so the structure nodes of the first attempt go.
    DropNodes(ctx_, first_node);
    FlowStack(block, x, width);
    return;
  }
  AppendSliced(frag, x);
}

void Flow::Append(Fragment& frag, Unit x) {
  for (auto& item : frag.items) {
    Translate(item, x, cursor_);
    page_.items.push_back(std::move(item));
  }
  frag.items.clear();
  cursor_ += frag.height;
  TakeAbsolute(frag);
  fresh_ = false;
}

void Flow::AppendSliced(Fragment& frag, Unit x) {
  while (cursor_ + frag.height > bottom_) {
    const Unit room = bottom_ - cursor_;
    // Cut at the lowest line top that fits, so every line lands whole on one page or the next.
    Unit cut = 0;
    for (Unit b : frag.breaks) {
      if (b <= room) cut = std::max(cut, b);
    }
    if (cut == 0) {
      if (AtPageStart()) break;  // nothing can be cut off here: let it overflow
      NewPage();
      continue;
    }
    Fragment now, later;
    for (auto& item : frag.items) {
      Unit top = 0, bot = 0;
      VerticalExtent(item, &top, &bot);
      if (auto* rect = std::get_if<frame::Rect>(&item)) {
        if (top < cut && bot > cut) {
          frame::Rect rest = *rect;
          rect->height = cut - top;
          rest.y = cut;
          rest.height = bot - cut;
          now.items.push_back(std::move(item));
          later.items.emplace_back(rest);
        } else if (top < cut) {
          now.items.push_back(std::move(item));
        } else {
          later.items.push_back(std::move(item));
        }
      } else if (bot <= cut) {
        now.items.push_back(std::move(item));
      } else {
        later.items.push_back(std::move(item));
      }
    }
    for (auto& item : later.items) Translate(item, 0, -cut);
    for (Unit b : frag.breaks) {
      if (b > cut) later.breaks.push_back(b - cut);
    }
    later.height = frag.height - cut;
    later.absolute = std::move(frag.absolute);
    now.height = cut;
    Append(now, x);
    frag = std::move(later);
    NewPage();
  }
  Append(frag, x);
}

void Flow::TakeAbsolute(Fragment& frag) {
  for (auto& item : frag.absolute) page_.items.push_back(std::move(item));
  frag.absolute.clear();
}

}  // namespace missive::layout

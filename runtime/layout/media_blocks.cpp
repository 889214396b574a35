// Image and Barcode blocks. A barcode is drawn as vector rectangles (one per horizontal run of dark
// modules) so it stays sharp at any resolution and costs a few bytes per row in the content stream.
#include "runtime/layout/media_blocks.h"

#include <algorithm>
#include <utility>

namespace missive::layout {

namespace {

/// Default module sizes when the template gives no width: 2 pt (2-D) and 1 pt (Code 128) are readable
/// by common scanners.
constexpr Unit kMatrixModule = 2 * frame::kPt;
constexpr Unit kLinearModule = 1 * frame::kPt;
/// Default bar height of a linear code (without its text).
constexpr Unit kLinearHeight = 36 * frame::kPt;

Unit GivenWidth(const Block& block) {
  if (block.width.kind == compose::Size::Kind::Fixed) return block.width.fixed;
  if (block.style && block.style->width) return *block.style->width;
  return 0;
}

Unit BarcodeWidth(const Block& block, Unit available) {
  if (const Unit given = GivenWidth(block); given > 0) return given;
  const Unit natural = MediaNaturalWidth(block);
  return available > 0 ? std::min(natural, available) : natural;
}

Unit BarcodeHeight(const Block& block, Unit width) {
  if (block.height > 0) return block.height;
  const media::BarcodeMatrix* m = block.barcode.get();
  if (m == nullptr || !m->linear) return width;  // square box for 2-D symbols
  return kLinearHeight + (m->text.empty() ? 0 : (block.style ? block.style->size : 10 * frame::kPt) * 3 / 2);
}

}  // namespace

Unit MediaNaturalWidth(const Block& block) {
  if (const Unit given = GivenWidth(block); given > 0) return given;
  if (block.kind == compose::BlockKind::Image) {
    return media::ImageBox(0, block.height, block.pixel_width, block.pixel_height, 0).width;
  }
  const media::BarcodeMatrix* m = block.barcode.get();
  if (m == nullptr) return 0;
  const Unit modules = static_cast<Unit>(m->columns + 2 * m->quiet_zone);
  return modules * (m->linear ? kLinearModule : kMatrixModule);
}

Unit BuildImage(Context& ctx, const Block& block, Unit x, Unit y, Unit available, Fragment& out) {
  const media::Size box =
      media::ImageBox(GivenWidth(block), block.height, block.pixel_width, block.pixel_height, available);
  if (block.resource != 0 && box.width > 0 && box.height > 0) {
    const media::Placement p = media::FitImage(block.fit, x, y, box, block.pixel_width, block.pixel_height);
    frame::Image image;
    image.structure = FigureNode(ctx, block);
    image.resource = block.resource;
    image.x = p.x;
    image.y = p.y;
    image.width = p.width;
    image.height = p.height;
    if (p.clip) {
      image.clip = true;
      image.clip_x = x;
      image.clip_y = y;
      image.clip_width = box.width;
      image.clip_height = box.height;
    }
    out.items.emplace_back(image);
  }
  out.right = std::max(out.right, x + box.width);
  return box.height;
}

Unit BuildBarcode(Context& ctx, const Block& block, Unit x, Unit y, Unit available, Fragment& out) {
  const Unit width = BarcodeWidth(block, available);
  const Unit height = BarcodeHeight(block, width);
  out.right = std::max(out.right, x + width);
  const media::BarcodeMatrix* m = block.barcode.get();
  if (m == nullptr || m->columns == 0 || m->rows == 0) return height;
  StructScope scope(ctx);
  const std::uint32_t figure = FigureNode(ctx, block);
  ctx.absorb = figure;
  ctx.artifact = ctx.artifact || figure == 0;

  Unit bars_height = height;
  Fragment label;
  if (m->linear && !m->text.empty()) {
    // The human-readable line, centred under the bars, when it leaves the bars at least half the box.
    Block paragraph;
    paragraph.kind = compose::BlockKind::Paragraph;
    paragraph.style = block.style;
    paragraph.align = text::Align::Center;
    paragraph.spans.push_back({compose::SpanKind::Text, m->text, block.style});
    const Unit text_height = BuildBlock(ctx, paragraph, x, 0, width, label);
    if (text_height * 2 <= height) {
      bars_height = height - text_height;
      for (frame::Item& item : label.items) {
        Translate(item, 0, y + bars_height);
        out.items.push_back(std::move(item));
      }
    }
  }

  const Unit across = static_cast<Unit>(m->columns + 2 * m->quiet_zone);
  Unit module = width / across;
  Unit left = x + m->quiet_zone * module, top = y, row_height = bars_height;
  if (!m->linear) {
    const Unit down = static_cast<Unit>(m->rows + 2 * m->quiet_zone);
    module = std::min(module, height / down);
    left = x + m->quiet_zone * module;
    top = y + m->quiet_zone * module;
    row_height = module;
  }
  if (module <= 0) return height;
  for (std::uint32_t r = 0; r < (m->linear ? 1u : m->rows); ++r) {
    std::uint32_t c = 0;
    while (c < m->columns) {
      if (!m->Dark(r, c)) {
        ++c;
        continue;
      }
      const std::uint32_t start = c;
      while (c < m->columns && m->Dark(r, c)) ++c;
      frame::Rect bar;
      bar.x = left + static_cast<Unit>(start) * module;
      bar.y = top + static_cast<Unit>(r) * row_height;
      bar.width = static_cast<Unit>(c - start) * module;
      bar.height = row_height;
      bar.has_fill = true;
      bar.structure = figure;
      out.items.emplace_back(bar);
    }
  }
  return height;
}

}  // namespace missive::layout

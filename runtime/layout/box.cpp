// Box model helpers: padding, borders and the rect drawn behind a decorated block.
#include <algorithm>
#include <variant>

#include "runtime/layout/context.h"

namespace missive::layout {

Unit PadTop(const Style* s) { return s ? s->padding[0] : 0; }
Unit PadRight(const Style* s) { return s ? s->padding[1] : 0; }
Unit PadBottom(const Style* s) { return s ? s->padding[2] : 0; }
Unit PadLeft(const Style* s) { return s ? s->padding[3] : 0; }

bool Decorated(const Style* s) { return s && (s->background.has_value() || s->border_width > 0); }

frame::Rect BoxRect(const Style& style, Unit x, Unit y, Unit width) {
  frame::Rect rect;
  rect.x = x;
  rect.y = y;
  rect.width = width;
  rect.has_fill = style.background.has_value();
  if (style.background) rect.fill = *style.background;
  rect.stroke_width = style.border_width;
  rect.stroke = style.border_color;
  rect.radius = style.radius;
  return rect;
}

Unit BoxWidth(const Style* s, Unit available) {
  if (s && s->width) return std::min(*s->width, available);
  return available;
}

void Translate(frame::Item& item, Unit dx, Unit dy) {
  std::visit(
      [&](auto& it) {
        using T = std::decay_t<decltype(it)>;
        if constexpr (std::is_same_v<T, frame::Line>) {
          it.x1 += dx;
          it.x2 += dx;
          it.y1 += dy;
          it.y2 += dy;
        } else {
          it.x += dx;
          it.y += dy;
          if constexpr (std::is_same_v<T, frame::Image>) {  // the clip box moves with the image
            it.clip_x += dx;
            it.clip_y += dy;
          }
        }
      },
      item);
}

void VerticalExtent(const frame::Item& item, Unit* top, Unit* bottom) {
  std::visit(
      [&](const auto& it) {
        using T = std::decay_t<decltype(it)>;
        if constexpr (std::is_same_v<T, frame::Line>) {
          *top = std::min(it.y1, it.y2);
          *bottom = std::max(it.y1, it.y2);
        } else if constexpr (std::is_same_v<T, frame::GlyphRun> || std::is_same_v<T, frame::PageTotal>) {
          // Ascent/descent of common text faces (DejaVu: 0.93/0.24 em), relative to the size.
          *top = it.y - it.size * 93 / 100;
          *bottom = it.y + it.size * 24 / 100;
        } else {
          *top = it.y;
          *bottom = it.y + it.height;
        }
      },
      item);
}

}  // namespace missive::layout

// Image box sizes and fit modes in integer arithmetic (rounded half away from zero).
#include "runtime/media/fit.h"

#include <algorithm>

namespace missive::media {

namespace {

/// round(a × b / c) for non-negative a, b and positive c.
frame::Unit MulDiv(std::int64_t a, std::int64_t b, std::int64_t c) {
  if (c <= 0) return 0;
  return static_cast<frame::Unit>((a * b + c / 2) / c);
}

}  // namespace

Size ImageBox(frame::Unit width, frame::Unit height, std::uint32_t pixel_width, std::uint32_t pixel_height,
              frame::Unit available) {
  if (pixel_width == 0 || pixel_height == 0) return {width > 0 ? width : available, height};
  if (width > 0 && height > 0) return {width, height};
  if (width > 0) return {width, MulDiv(width, pixel_height, pixel_width)};
  Size box;
  if (height > 0) {
    box = {MulDiv(height, pixel_width, pixel_height), height};
  } else {
    box = {static_cast<frame::Unit>(std::min<std::int64_t>(std::int64_t{pixel_width} * kUnitsPerPixel, 1 << 30)),
           static_cast<frame::Unit>(std::min<std::int64_t>(std::int64_t{pixel_height} * kUnitsPerPixel, 1 << 30))};
  }
  if (available > 0 && box.width > available) {
    box = {available, MulDiv(available, pixel_height, pixel_width)};
  }
  return box;
}

Placement FitImage(Fit fit, frame::Unit x, frame::Unit y, Size box, std::uint32_t pixel_width,
                   std::uint32_t pixel_height) {
  Placement p{x, y, box.width, box.height, false};
  if (fit == Fit::Fill || pixel_width == 0 || pixel_height == 0) return p;
  // Width-limited when box.width / box.height <= pixel_width / pixel_height.
  const bool wider_image = std::int64_t{box.width} * pixel_height <= std::int64_t{box.height} * pixel_width;
  const bool match_width = fit == Fit::Contain ? wider_image : !wider_image;
  if (match_width) {
    p.height = MulDiv(box.width, pixel_height, pixel_width);
    p.y = y + (box.height - p.height) / 2;
  } else {
    p.width = MulDiv(box.height, pixel_width, pixel_height);
    p.x = x + (box.width - p.width) / 2;
  }
  p.clip = fit == Fit::Cover && (p.width > box.width || p.height > box.height);
  return p;
}

}  // namespace missive::media

// Image box geometry: the size of an image's box from the template's width/height and the image's pixel
// size, and where the image lands in it for each fit mode. Exact integer millipoints.
#pragma once

#include <cstdint>

#include "runtime/frame/frame.h"

namespace missive::media {

enum class Fit : std::uint8_t {
  Contain,  ///< whole image, aspect kept, centred in the box (default)
  Cover,    ///< box covered, aspect kept, centred and clipped to the box
  Fill,     ///< stretched to the box
};

/// An image's natural size: 96 pixels per inch (0.75 pt per pixel), as CSS.
inline constexpr frame::Unit kUnitsPerPixel = 750;

struct Size {
  frame::Unit width = 0, height = 0;
};

/// The box of an image given `width`/`height` from the template (0 = not given) and `available` width:
/// both given → as given; one given → the other from the aspect ratio; none → the natural size. A box
/// wider than `available` is scaled down (aspect kept) unless its width was given.
Size ImageBox(frame::Unit width, frame::Unit height, std::uint32_t pixel_width, std::uint32_t pixel_height,
              frame::Unit available);

/// Where the image is drawn for a box at (x, y) of `box` size; `clip` when it extends past the box (cover).
struct Placement {
  frame::Unit x = 0, y = 0, width = 0, height = 0;
  bool clip = false;
};
Placement FitImage(Fit fit, frame::Unit x, frame::Unit y, Size box, std::uint32_t pixel_width,
                   std::uint32_t pixel_height);

}  // namespace missive::media

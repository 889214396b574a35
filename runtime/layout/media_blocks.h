// Layout of Image and Barcode blocks: the image's box and fit, the barcode's modules as rectangles.
#pragma once

#include "runtime/layout/context.h"

namespace missive::layout {

/// The image at (x, y) in `available`: its frame::Image (clipped for `fit cover`); returns the box height.
Unit BuildImage(Context& ctx, const Block& block, Unit x, Unit y, Unit available, Fragment& out);
/// The barcode's dark modules as filled rects (one per horizontal run), inside the quiet zone; Code 128
/// also gets its human-readable text below the bars. Returns the box height.
Unit BuildBarcode(Context& ctx, const Block& block, Unit x, Unit y, Unit available, Fragment& out);
/// Width an Image or Barcode block takes when nothing else decides it (for Auto sizes).
Unit MediaNaturalWidth(const Block& block);

}  // namespace missive::layout

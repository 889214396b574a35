// PNG preview of a page: rasterises a frame::Page (the display list) with cairo, for `missive preview`
// and the golden image tests. Images (frame::Image) are not drawn.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "runtime/frame/frame.h"
#include "runtime/text/text.h"

namespace missive::png {

struct RenderOptions {
  double dpi = 96;
  /// The record's page count, drawn where the page holds frame::PageTotal placeholders.
  std::uint32_t page_total = 1;
};

/// Pixel size of a page at a DPI: ceil(points × dpi / 72), like poppler's pdftoppm, so a preview and
/// a rasterised PDF of the same page line up pixel for pixel.
struct PixelSize {
  int width = 0, height = 0;
};
PixelSize PagePixels(const frame::Page& page, double dpi);

/// Not thread-safe; one per thread. Font faces are created on first use and cached per FontId.
class PageRasterizer {
 public:
  explicit PageRasterizer(text::FontLibrary& fonts);
  ~PageRasterizer();
  PageRasterizer(const PageRasterizer&) = delete;
  PageRasterizer& operator=(const PageRasterizer&) = delete;

  /// The page as PNG bytes (RGB, opaque white background). The bytes depend only on the page, the
  /// fonts and the options. On failure returns nullopt and sets `error`.
  std::optional<std::string> RenderPng(const frame::Page& page, const RenderOptions& options, std::string* error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace missive::png

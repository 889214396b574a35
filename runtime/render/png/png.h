// PNG preview of a page: rasterises a frame::Page (the display list) with cairo, for `missive preview`
// and the golden image tests. A page's letterhead (frame::Page::background) is not drawn: that needs a
// PDF rasteriser.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/frame/frame.h"
#include "runtime/text/text.h"

namespace missive::media {
class ImageLibrary;
}

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

/// Not thread-safe; one per thread. Font faces are created on first use and cached per FontId; images
/// are decoded on first use and cached per resource id, for the rasteriser's lifetime.
class PageRasterizer {
 public:
  /// `images`: where frame::Image resources come from, as for the PDF writer; without it (or for an
  /// id it does not hold) images are not drawn.
  explicit PageRasterizer(text::FontLibrary& fonts, const media::ImageLibrary* images = nullptr);
  ~PageRasterizer();
  PageRasterizer(const PageRasterizer&) = delete;
  PageRasterizer& operator=(const PageRasterizer&) = delete;

  /// The page as PNG bytes (RGB, opaque white background). The bytes depend only on the page, the
  /// fonts, the images and the options. On failure (a resolution out of range, a page too large, an
  /// image whose samples do not decode) returns nullopt and sets `error`.
  std::optional<std::string> RenderPng(const frame::Page& page, const RenderOptions& options, std::string* error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A screenshot with the rows at its bottom that repeat its last row cut away, keeping `margin` of
/// them (a browser's tall window around a shorter email). nullopt with `error` when it cannot be read.
std::optional<std::string> TrimBottom(std::string_view png, int margin, std::string* error);

}  // namespace missive::png

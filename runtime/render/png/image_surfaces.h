// The program's images as cairo surfaces for the PNG preview: decoded once per resource id and kept for
// the rasteriser's lifetime.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <map>
#include <string>

#include "runtime/media/image.h"

namespace missive::png {

/// Not thread-safe; owned by one PageRasterizer.
class ImageSurfaces {
 public:
  ImageSurfaces() = default;
  ~ImageSurfaces();
  ImageSurfaces(const ImageSurfaces&) = delete;
  ImageSurfaces& operator=(const ImageSurfaces&) = delete;

  /// The image as a surface: RGB24 when opaque, premultiplied ARGB32 with its alpha (drawn OVER what is
  /// beneath, as the PDF's /SMask is). Gray is spread to RGB and CMYK converted to RGB. Null with
  /// `error` when the samples do not decode; a failure is kept, so it is reported again.
  cairo_surface_t* Get(const media::Image& image, std::string* error);

 private:
  struct Entry {
    cairo_surface_t* surface = nullptr;
    std::string error;
  };
  std::map<std::uint32_t, Entry> entries_;  ///< by resource id
};

}  // namespace missive::png

// Decoded image samples (media::DecodeSamples) turned into cairo surfaces, cached per resource id.
#include "runtime/render/png/image_surfaces.h"

#include <algorithm>
#include <exception>

namespace missive::png {

namespace {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

std::uint8_t Byte(char c) { return static_cast<std::uint8_t>(c); }

/// DeviceCMYK → DeviceRGB as ISO 32000-1 §10.3.5 gives it without a colour profile:
/// red = 1 − min(1, cyan + black), and so on. Adobe's CMYK JPEGs store inverted samples, which the PDF
/// undoes with its /Decode array; here they are undone first.
Rgb CmykToRgb(const char* sample, bool inverted) {
  int cmyk[4];
  for (int i = 0; i < 4; ++i) cmyk[i] = inverted ? 255 - Byte(sample[i]) : Byte(sample[i]);
  auto channel = [&](int ink) { return static_cast<std::uint8_t>(255 - std::min(255, ink + cmyk[3])); };
  return {channel(cmyk[0]), channel(cmyk[1]), channel(cmyk[2])};
}

Rgb PixelRgb(const media::Image& image, const std::string& samples, std::size_t pixel) {
  const char* s = samples.data() + pixel * image.components;
  switch (image.components) {
    case 1: return {Byte(s[0]), Byte(s[0]), Byte(s[0])};
    case 4: return CmykToRgb(s, image.inverted_cmyk);
    default: return {Byte(s[0]), Byte(s[1]), Byte(s[2])};
  }
}

/// cairo's ARGB32 is premultiplied: each colour channel scaled by alpha, rounded.
std::uint32_t Premultiplied(Rgb c, std::uint32_t alpha) {
  auto scale = [alpha](std::uint32_t v) { return (v * alpha + 127) / 255; };
  return alpha << 24 | scale(c.r) << 16 | scale(c.g) << 8 | scale(c.b);
}

cairo_surface_t* MakeSurface(const media::Image& image, const std::string& samples, std::string* error) {
  const bool alpha = image.has_alpha();
  const std::size_t pixels = static_cast<std::size_t>(image.width) * image.height;
  if (image.width == 0 || image.height == 0 || samples.size() != pixels * image.components ||
      (alpha && image.alpha.size() != pixels)) {
    *error = "image `" + image.path + "` has no samples to draw";
    return nullptr;
  }
  cairo_surface_t* surface = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                                        static_cast<int>(image.width), static_cast<int>(image.height));
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    *error = "image `" + image.path + "` is too large to draw in a preview";
    return nullptr;
  }
  cairo_surface_flush(surface);
  unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (std::uint32_t y = 0; y < image.height; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::size_t pixel = static_cast<std::size_t>(y) * image.width + x;
      const Rgb c = PixelRgb(image, samples, pixel);
      row[x] = alpha ? Premultiplied(c, Byte(image.alpha[pixel]))
                     : 0xFF000000u | std::uint32_t{c.r} << 16 | std::uint32_t{c.g} << 8 | c.b;
    }
  }
  cairo_surface_mark_dirty(surface);
  return surface;
}

}  // namespace

ImageSurfaces::~ImageSurfaces() {
  for (auto& [id, entry] : entries_) {
    if (entry.surface != nullptr) cairo_surface_destroy(entry.surface);
  }
}

cairo_surface_t* ImageSurfaces::Get(const media::Image& image, std::string* error) {
  auto found = entries_.find(image.id);
  if (found == entries_.end()) {
    Entry entry;
    try {
      std::string samples;
      if (media::DecodeSamples(image, &samples, &entry.error))
        entry.surface = MakeSurface(image, samples, &entry.error);
    } catch (const std::exception&) {
      entry.error = "image `" + image.path + "` is too large to draw in a preview";
    }
    found = entries_.emplace(image.id, std::move(entry)).first;
  }
  if (found->second.surface == nullptr && error != nullptr) *error = found->second.error;
  return found->second.surface;
}

}  // namespace missive::png

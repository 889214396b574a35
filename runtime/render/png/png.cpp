// Rasterising a page's display list with cairo: glyph runs, rectangles, lines, images and page totals.
#include "runtime/render/png/png.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>
#include <variant>
#include <vector>

#include "runtime/media/image.h"
#include "runtime/render/png/font_faces.h"
#include "runtime/render/png/image_surfaces.h"

namespace missive::png {

namespace {

constexpr double kPi = 3.14159265358979323846;

void SetColor(cairo_t* cr, frame::Color c) { cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0); }

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

/// An axis-aligned box in millipoints (x0 ≤ x1, y0 ≤ y1 when not empty).
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  [[nodiscard]] bool empty() const { return !(x0 < x1 && y0 < y1); }
  [[nodiscard]] Box Intersect(const Box& o) const {
    return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
  }
};

class Painter {
 public:
  Painter(cairo_t* cr, FontFaces& faces, text::FontLibrary& fonts, const media::ImageLibrary* images,
          ImageSurfaces& surfaces, Box page)
      : cr_(cr), faces_(faces), fonts_(fonts), images_(images), surfaces_(surfaces), page_(page) {}

  /// The first image that failed to decode (empty when all drew).
  [[nodiscard]] const std::string& error() const { return error_; }

  void Draw(const frame::GlyphRun& run) {
    if (run->glyphs.empty()) return;
    cairo_font_face_t* face = faces_.Get(run.font);
    if (face == nullptr) return;
    glyphs_.clear();
    double pen = run.x;
    for (std::size_t i = 0; i < run->glyphs.size(); ++i) {
      const double dx = i < run->x_offsets.size() ? run->x_offsets[i] : 0;
      const double dy = i < run->y_offsets.size() ? run->y_offsets[i] : 0;
      glyphs_.push_back(cairo_glyph_t{run->glyphs[i], pen + dx, run.y - dy});
      pen += i < run->advances.size() ? run->advances[i] : 0;
    }
    cairo_set_font_face(cr_, face);
    cairo_set_font_size(cr_, run.size);
    SetColor(cr_, run.color);
    cairo_show_glyphs(cr_, glyphs_.data(), static_cast<int>(glyphs_.size()));
  }

  void Draw(const frame::Rect& rect) {
    const bool stroke = rect.stroke_width > 0;
    if (!rect.has_fill && !stroke) return;
    const double x0 = std::min(rect.x, rect.x + rect.width), x1 = std::max(rect.x, rect.x + rect.width);
    const double y0 = std::min(rect.y, rect.y + rect.height), y1 = std::max(rect.y, rect.y + rect.height);
    const double r = std::max(0.0, std::min({static_cast<double>(rect.radius), (x1 - x0) / 2, (y1 - y0) / 2}));
    cairo_new_path(cr_);
    if (r > 0) {
      cairo_arc(cr_, x1 - r, y0 + r, r, -kPi / 2, 0);
      cairo_arc(cr_, x1 - r, y1 - r, r, 0, kPi / 2);
      cairo_arc(cr_, x0 + r, y1 - r, r, kPi / 2, kPi);
      cairo_arc(cr_, x0 + r, y0 + r, r, kPi, 3 * kPi / 2);
      cairo_close_path(cr_);
    } else {
      cairo_rectangle(cr_, x0, y0, x1 - x0, y1 - y0);
    }
    if (rect.has_fill) {
      SetColor(cr_, rect.fill);
      if (stroke) {
        cairo_fill_preserve(cr_);
      } else {
        cairo_fill(cr_);
      }
    }
    if (stroke) {
      SetColor(cr_, rect.stroke);
      cairo_set_line_width(cr_, rect.stroke_width);
      cairo_stroke(cr_);
    }
  }

  void Draw(const frame::Line& line) {
    if (line.width <= 0) return;
    cairo_new_path(cr_);
    cairo_move_to(cr_, line.x1, line.y1);
    cairo_line_to(cr_, line.x2, line.y2);
    SetColor(cr_, line.color);
    cairo_set_line_width(cr_, line.width);
    cairo_stroke(cr_);
  }

  /// The image's pixels stretched over its box, as the PDF's image matrix does, cut to the clip box
  /// (fit cover) and to the page. Filter: cairo's GOOD, i.e. bilinear when enlarging and a box filter
  /// when shrinking, as poppler's Splash averages the source pixels a device pixel covers; either way
  /// the bytes depend only on the image and the box.
  void Draw(const frame::Image& item) {
    if (images_ == nullptr || item.width <= 0 || item.height <= 0) return;
    const media::Image* image = images_->Find(item.resource);
    if (image == nullptr) return;  // as in the PDF writer: an id the library does not hold draws nothing
    const Box box{static_cast<double>(item.x), static_cast<double>(item.y), static_cast<double>(item.x) + item.width,
                  static_cast<double>(item.y) + item.height};
    Box visible = box.Intersect(page_);
    if (item.clip) {
      const double cx = item.clip_x, cy = item.clip_y;
      visible = visible.Intersect({cx, cy, cx + item.clip_width, cy + item.clip_height});
    }
    if (visible.empty()) return;
    std::string why;
    cairo_surface_t* surface = surfaces_.Get(*image, &why);
    if (surface == nullptr) {
      if (error_.empty()) error_ = why;
      return;
    }
    cairo_pattern_t* pattern = cairo_pattern_create_for_surface(surface);
    // The pattern matrix maps user space (millipoints) to image pixels: the box's corners to the image's.
    cairo_matrix_t matrix;
    cairo_matrix_init_scale(&matrix, image->width / (box.x1 - box.x0), image->height / (box.y1 - box.y0));
    cairo_matrix_translate(&matrix, -box.x0, -box.y0);
    cairo_pattern_set_matrix(pattern, &matrix);
    cairo_pattern_set_filter(pattern, CAIRO_FILTER_GOOD);
    // Edge pixels repeat outwards, so the box's border is not blended with transparent black.
    cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD);
    cairo_new_path(cr_);
    cairo_rectangle(cr_, visible.x0, visible.y0, visible.x1 - visible.x0, visible.y1 - visible.y0);
    cairo_set_source(cr_, pattern);
    cairo_fill(cr_);
    cairo_pattern_destroy(pattern);
  }

  void Draw(const frame::PageTotal& total, std::uint32_t count) {
    frame::GlyphRun run = text::ShapePageTotal(fonts_, total, count);
    run.x += total.x;
    run.y = total.y;
    Draw(run);
  }

 private:
  cairo_t* cr_;
  FontFaces& faces_;
  text::FontLibrary& fonts_;
  const media::ImageLibrary* images_;
  ImageSurfaces& surfaces_;
  Box page_;
  std::vector<cairo_glyph_t> glyphs_;
  std::string error_;
};

}  // namespace

PixelSize PagePixels(const frame::Page& page, double dpi) {
  auto pixels = [dpi](frame::Unit units) {
    return std::max(1, static_cast<int>(std::ceil(static_cast<double>(units) / 1000.0 * dpi / 72.0)));
  };
  return {pixels(page.width), pixels(page.height)};
}

struct PageRasterizer::Impl {
  Impl(text::FontLibrary& f, const media::ImageLibrary* i) : fonts(f), faces(f), images(i) {}
  text::FontLibrary& fonts;
  FontFaces faces;
  const media::ImageLibrary* images;
  ImageSurfaces surfaces;
};

PageRasterizer::PageRasterizer(text::FontLibrary& fonts, const media::ImageLibrary* images)
    : impl_(std::make_unique<Impl>(fonts, images)) {}
PageRasterizer::~PageRasterizer() = default;

std::optional<std::string> PageRasterizer::RenderPng(const frame::Page& page, const RenderOptions& options,
                                                     std::string* error) {
  if (!(options.dpi > 0 && options.dpi <= 2400)) {
    if (error) *error = "the resolution must be between 1 and 2400 dpi";
    return std::nullopt;
  }
  const PixelSize size = PagePixels(page, options.dpi);
  if (std::int64_t{size.width} * size.height > 400'000'000) {
    if (error) *error = "the page is too large to rasterise at this resolution";
    return std::nullopt;
  }
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, size.width, size.height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  // Draw in millipoints. Hinting off: glyphs keep the outlines and positions the PDF has.
  const double scale = options.dpi / 72000.0;
  cairo_scale(cr, scale, scale);
  cairo_font_options_t* font_options = cairo_font_options_create();
  cairo_font_options_set_hint_style(font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(font_options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr, font_options);
  cairo_font_options_destroy(font_options);

  const Box page_box{0, 0, static_cast<double>(page.width), static_cast<double>(page.height)};
  Painter painter(cr, impl_->faces, impl_->fonts, impl_->images, impl_->surfaces, page_box);
  for (const frame::Item& item : page.items) {
    if (const auto* total = std::get_if<frame::PageTotal>(&item)) {
      painter.Draw(*total, options.page_total);
    } else {
      std::visit(
          [&](const auto& v) {
            if constexpr (!std::is_same_v<std::decay_t<decltype(v)>, frame::PageTotal>) painter.Draw(v);
          },
          item);
    }
  }
  cairo_destroy(cr);
  if (!painter.error().empty()) {
    cairo_surface_destroy(surface);
    if (error) *error = painter.error();
    return std::nullopt;
  }
  cairo_surface_flush(surface);
  std::string bytes;
  const cairo_status_t status = cairo_surface_write_to_png_stream(surface, AppendBytes, &bytes);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    if (error) *error = std::string("cannot encode the PNG: ") + cairo_status_to_string(status);
    return std::nullopt;
  }
  return bytes;
}

}  // namespace missive::png

namespace missive::png {

namespace {

struct ReadState {
  std::string_view bytes;
  std::size_t at = 0;
};

cairo_status_t ReadBytes(void* closure, unsigned char* data, unsigned int length) {
  auto* state = static_cast<ReadState*>(closure);
  if (state->bytes.size() - state->at < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, state->bytes.data() + state->at, length);
  state->at += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::optional<std::string> TrimBottom(std::string_view png, int margin, std::string* error) {
  ReadState state{png, 0};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(ReadBytes, &state);
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    if (error) *error = std::string("cannot read the PNG: ") + cairo_status_to_string(cairo_surface_status(image));
    cairo_surface_destroy(image);
    return std::nullopt;
  }
  cairo_surface_flush(image);
  const int width = cairo_image_surface_get_width(image);
  const int height = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  const auto row = [&](int y) { return data + static_cast<std::ptrdiff_t>(y) * stride; };
  const auto pixels = static_cast<std::size_t>(width) * 4;
  int last = height - 1;  // the last row that differs from the bottom one
  while (last > 0 && std::memcmp(row(last), row(height - 1), pixels) == 0) --last;
  const int keep = std::min(height, last + 1 + margin);
  cairo_surface_t* cropped = cairo_image_surface_create(cairo_image_surface_get_format(image), width, keep);
  cairo_t* cr = cairo_create(cropped);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(image);
  std::string bytes;
  const cairo_status_t status = cairo_surface_write_to_png_stream(cropped, AppendBytes, &bytes);
  cairo_surface_destroy(cropped);
  if (status != CAIRO_STATUS_SUCCESS) {
    if (error) *error = std::string("cannot encode the PNG: ") + cairo_status_to_string(status);
    return std::nullopt;
  }
  return bytes;
}

}  // namespace missive::png

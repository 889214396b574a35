// Rasterising a page's display list with cairo: glyph runs, rectangles, lines and page totals.
#include "runtime/render/png/png.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <variant>
#include <vector>

#include "runtime/render/png/font_faces.h"

namespace missive::png {

namespace {

constexpr double kPi = 3.14159265358979323846;

void SetColor(cairo_t* cr, frame::Color c) { cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0); }

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

class Painter {
 public:
  Painter(cairo_t* cr, FontFaces& faces, text::FontLibrary& fonts) : cr_(cr), faces_(faces), fonts_(fonts) {}

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

  // Images come from the program's image library, which previews do not load yet: nothing is drawn.
  void Draw(const frame::Image&) {}

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
  std::vector<cairo_glyph_t> glyphs_;
};

}  // namespace

PixelSize PagePixels(const frame::Page& page, double dpi) {
  auto pixels = [dpi](frame::Unit units) {
    return std::max(1, static_cast<int>(std::ceil(static_cast<double>(units) / 1000.0 * dpi / 72.0)));
  };
  return {pixels(page.width), pixels(page.height)};
}

struct PageRasterizer::Impl {
  explicit Impl(text::FontLibrary& f) : fonts(f), faces(f) {}
  text::FontLibrary& fonts;
  FontFaces faces;
};

PageRasterizer::PageRasterizer(text::FontLibrary& fonts) : impl_(std::make_unique<Impl>(fonts)) {}
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

  Painter painter(cr, impl_->faces, impl_->fonts);
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

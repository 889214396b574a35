// Test support for the render tests: in-process composition of the examples, previews, PNG decoding,
// differences, poppler.
#include "tests/render/render_support.h"

#include <cairo.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "compiler/sema/check.h"
#include "runtime/data/decode.h"
#include "runtime/layout/layout.h"
#include "runtime/render/pdf/writer.h"
#include "runtime/render/png/png.h"

namespace missive::render_test {

namespace fs = std::filesystem;

std::string SourceDir() {
  const char* dir = std::getenv("MISSIVE_SOURCE_DIR");
  return dir != nullptr ? dir : MISSIVE_SOURCE_DIR_FALLBACK;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  INFO("reading " << path);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  INFO("writing " << path);
  REQUIRE(out);
}

namespace {

/// The process's folder of temporary files, removed when the tests end.
struct ProcessTemp {
  fs::path root = fs::temp_directory_path() / ("missive-render-" + std::to_string(::getpid()));
  ~ProcessTemp() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
};

}  // namespace

std::string TempDir(const std::string& name) {
  static ProcessTemp temp;
  const fs::path dir = temp.root / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

Example& Example::Get(const std::string& name) {
  // Never freed: the programs live as long as the test process (cached native code, fonts).
  static std::map<std::string, Example*> built;
  Example*& example = built[name];
  if (example == nullptr) {
    auto* e = new Example;
    diag::Sink sink;
    std::shared_ptr<sema::Program> checked =
        sema::Load(SourceDir() + "/examples/" + name + "/" + name + ".msv", sema::Options{}, sink);
    REQUIRE(checked);
    sema::Check(*checked, sink);
    REQUIRE(sink.error_count() == 0);
    native::Options options;
    options.use_cache = false;  // test processes run in parallel: no shared cache
    e->program = native::Program::Build(checked, e->fonts, options, sink);
    REQUIRE(e->program);
    example = e;
  }
  return *example;
}

namespace {

class CollectFrames final : public layout::PageSink {
 public:
  void OnPage(frame::Page&& page) override { pages.push_back(std::move(page)); }
  std::vector<frame::Page> pages;
};

}  // namespace

std::vector<frame::Page> Example::Compose(const std::string& record_json) {
  std::string json = record_json;
  while (!json.empty() && (json.back() == '\n' || json.back() == '\r')) json.pop_back();
  auto worker = program->NewWorker();
  REQUIRE(worker->Decode(json));
  native::RunOptions options;
  options.force_channel = "print";
  const auto outcome = worker->Run(options);
  REQUIRE(outcome.reject_reasons.empty());
  REQUIRE(outcome.print);
  text::TextEngine engine(fonts);
  CollectFrames frames;
  const auto result = layout::LayoutDocument(*outcome.print, engine, frames);
  REQUIRE_FALSE(result.error);
  return std::move(frames.pages);
}

std::vector<frame::Page> RecordPages(const GoldenRecord& record) {
  return Example::Get(record.example).Compose(ReadFile(SourceDir() + "/tests/render/records/" + record.name + ".json"));
}

const GoldenRecord& Record(const std::string& name) {
  for (const GoldenRecord& record : kRecords) {
    if (name == record.name) return record;
  }
  FAIL("no golden record " << name);
  return kRecords[0];
}

std::string PreviewPng(Example& example, const frame::Page& page, std::uint32_t total, double dpi) {
  png::PageRasterizer rasterizer(example.fonts, &example.images());
  std::string error;
  auto bytes = rasterizer.RenderPng(page, {dpi, total}, &error);
  INFO(error);
  REQUIRE(bytes);
  return *bytes;
}

namespace {

struct ReadState {
  const std::string* bytes;
  std::size_t offset = 0;
};

cairo_status_t ReadBytes(void* closure, unsigned char* data, unsigned int length) {
  auto* state = static_cast<ReadState*>(closure);
  if (state->offset + length > state->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(state->bytes->data() + state->offset, length, data);
  state->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::optional<Raster> DecodePng(const std::string& bytes) {
  ReadState state{&bytes};
  cairo_surface_t* surface = cairo_image_surface_create_from_png_stream(ReadBytes, &state);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return std::nullopt;
  }
  // Draw onto white, so that an image with alpha compares as it would be seen.
  Raster raster;
  raster.width = cairo_image_surface_get_width(surface);
  raster.height = cairo_image_surface_get_height(surface);
  cairo_surface_t* flat = cairo_image_surface_create(CAIRO_FORMAT_RGB24, raster.width, raster.height);
  cairo_t* cr = cairo_create(flat);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_surface(cr, surface, 0, 0);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(flat);
  const unsigned char* data = cairo_image_surface_get_data(flat);
  const int stride = cairo_image_surface_get_stride(flat);
  raster.rgb.reserve(static_cast<std::size_t>(raster.width) * raster.height * 3);
  for (int y = 0; y < raster.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < raster.width; ++x) {
      raster.rgb.push_back(static_cast<std::uint8_t>(row[x] >> 16));
      raster.rgb.push_back(static_cast<std::uint8_t>(row[x] >> 8));
      raster.rgb.push_back(static_cast<std::uint8_t>(row[x]));
    }
  }
  cairo_surface_destroy(flat);
  cairo_surface_destroy(surface);
  return raster;
}

namespace {

/// Ink (255 − luminance, Rec. 601 weights) averaged over a (2r+1)² box, clamped at the edges.
std::vector<double> BlurredInk(const Raster& r, int radius) {
  const int w = r.width, h = r.height;
  std::vector<double> ink(static_cast<std::size_t>(w) * h), rows(ink.size()), out(ink.size());
  for (std::size_t i = 0; i < ink.size(); ++i) {
    ink[i] = 255.0 - (0.299 * r.rgb[i * 3] + 0.587 * r.rgb[i * 3 + 1] + 0.114 * r.rgb[i * 3 + 2]);
  }
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      double sum = 0;
      for (int k = -radius; k <= radius; ++k) sum += ink[static_cast<std::size_t>(y) * w + std::clamp(x + k, 0, w - 1)];
      rows[static_cast<std::size_t>(y) * w + x] = sum / (2 * radius + 1);
    }
  }
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      double sum = 0;
      for (int k = -radius; k <= radius; ++k)
        sum += rows[static_cast<std::size_t>(std::clamp(y + k, 0, h - 1)) * w + x];
      out[static_cast<std::size_t>(y) * w + x] = sum / (2 * radius + 1);
    }
  }
  return out;
}

void CompareBlurred(const Raster& a, const Raster& b, Difference& d) {
  constexpr int kTile = 16;
  const std::vector<double> ia = BlurredInk(a, 2), ib = BlurredInk(b, 2);
  const int tiles_x = (a.width + kTile - 1) / kTile, tiles_y = (a.height + kTile - 1) / kTile;
  std::vector<double> tile_sum(static_cast<std::size_t>(tiles_x) * tiles_y, 0);
  std::vector<std::uint32_t> tile_count(tile_sum.size(), 0);
  double sum = 0;
  std::uint64_t differing = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * a.width + x;
      const double diff = std::abs(ia[i] - ib[i]);
      sum += diff;
      if (diff > 32) ++differing;
      const std::size_t tile = static_cast<std::size_t>(y / kTile) * tiles_x + x / kTile;
      tile_sum[tile] += diff;
      ++tile_count[tile];
    }
  }
  const double pixels = static_cast<double>(a.width) * a.height;
  d.blurred_mean = sum / pixels;
  d.blurred_differing = static_cast<double>(differing) / pixels;
  for (std::size_t t = 0; t < tile_sum.size(); ++t) {
    d.blurred_worst_tile = std::max(d.blurred_worst_tile, tile_sum[t] / tile_count[t]);
  }
}

std::vector<int> Luminance(const Raster& r) {
  std::vector<int> out(static_cast<std::size_t>(r.width) * r.height);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = (299 * r.rgb[i * 3] + 587 * r.rgb[i * 3 + 1] + 114 * r.rgb[i * 3 + 2]) / 1000;
  }
  return out;
}

/// Counts `from`'s strong-ink pixels that have no inked pixel within one pixel in `to`, per tile.
void CountUnmatched(const std::vector<int>& from, const std::vector<int>& to, int w, int h, std::vector<int>& tiles,
                    int tiles_x, std::uint64_t& total) {
  constexpr int kTile = 16;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (from[static_cast<std::size_t>(y) * w + x] >= 128) continue;
      bool matched = false;
      for (int dy = -1; dy <= 1 && !matched; ++dy) {
        for (int dx = -1; dx <= 1 && !matched; ++dx) {
          const int yy = y + dy, xx = x + dx;
          if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
          matched = to[static_cast<std::size_t>(yy) * w + xx] < 224;
        }
      }
      if (matched) continue;
      ++total;
      ++tiles[static_cast<std::size_t>(y / kTile) * tiles_x + x / kTile];
    }
  }
}

void CompareInk(const Raster& a, const Raster& b, Difference& d) {
  constexpr int kTile = 16;
  const auto la = Luminance(a), lb = Luminance(b);
  const int tiles_x = (a.width + kTile - 1) / kTile, tiles_y = (a.height + kTile - 1) / kTile;
  std::vector<int> tiles(static_cast<std::size_t>(tiles_x) * tiles_y, 0);
  std::uint64_t total = 0;
  CountUnmatched(la, lb, a.width, a.height, tiles, tiles_x, total);
  CountUnmatched(lb, la, a.width, a.height, tiles, tiles_x, total);
  d.unmatched = static_cast<double>(total) / (static_cast<double>(a.width) * a.height);
  for (int count : tiles) d.unmatched_worst_tile = std::max(d.unmatched_worst_tile, count);
}

}  // namespace

Difference Compare(const Raster& a, const Raster& b) {
  Difference d;
  d.same_size = a.width == b.width && a.height == b.height;
  if (!d.same_size || a.width == 0 || a.height == 0) return d;
  constexpr int kTile = 16;
  const int tiles_x = (a.width + kTile - 1) / kTile, tiles_y = (a.height + kTile - 1) / kTile;
  std::vector<std::uint64_t> tile_sum(static_cast<std::size_t>(tiles_x) * tiles_y, 0);
  std::vector<std::uint32_t> tile_count(tile_sum.size(), 0);
  std::uint64_t sum = 0, differing = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * a.width + x) * 3;
      int pixel_sum = 0, pixel_max = 0;
      for (int c = 0; c < 3; ++c) {
        const int diff = std::abs(int{a.rgb[i + c]} - int{b.rgb[i + c]});
        pixel_sum += diff;
        pixel_max = std::max(pixel_max, diff);
      }
      sum += pixel_sum;
      if (pixel_max > 64) ++differing;
      const std::size_t tile = static_cast<std::size_t>(y / kTile) * tiles_x + x / kTile;
      tile_sum[tile] += pixel_sum;
      tile_count[tile] += 3;
    }
  }
  const double pixels = static_cast<double>(a.width) * a.height;
  d.mean = static_cast<double>(sum) / (pixels * 3);
  d.differing = static_cast<double>(differing) / pixels;
  for (std::size_t t = 0; t < tile_sum.size(); ++t) {
    d.worst_tile = std::max(d.worst_tile, static_cast<double>(tile_sum[t]) / tile_count[t]);
  }
  CompareBlurred(a, b, d);
  CompareInk(a, b, d);
  return d;
}

std::string Describe(const Difference& d) {
  std::ostringstream s;
  s << "mean " << d.mean << ", differing " << d.differing << ", worst tile " << d.worst_tile << "; blurred: mean "
    << d.blurred_mean << ", differing " << d.blurred_differing << ", worst tile " << d.blurred_worst_tile
    << "; unmatched ink " << d.unmatched << ", worst tile " << d.unmatched_worst_tile;
  return s.str();
}

void ShiftLongestRun(frame::Page& page, frame::Unit dx, frame::Unit dy) {
  frame::GlyphRun* longest = nullptr;
  for (auto& item : page.items) {
    if (auto* run = std::get_if<frame::GlyphRun>(&item)) {
      if (longest == nullptr || (*run)->glyphs.size() > (*longest)->glyphs.size()) longest = run;
    }
  }
  REQUIRE(longest != nullptr);
  longest->x += dx;
  longest->y += dy;
}

void MoveFirstImage(frame::Page& page, frame::Unit dx, frame::Unit dy, bool remove) {
  const auto image = std::find_if(page.items.begin(), page.items.end(),
                                  [](const frame::Item& item) { return std::holds_alternative<frame::Image>(item); });
  REQUIRE(image != page.items.end());
  if (remove) {
    page.items.erase(image);
    return;
  }
  auto& moved = std::get<frame::Image>(*image);
  moved.x += dx;
  moved.y += dy;
  moved.clip_x += dx;
  moved.clip_y += dy;
}

std::string PdfOf(Example& example, const std::vector<frame::Page>& pages) {
  pdf::Options options;
  options.images = &example.images();
  pdf::PageRenderer renderer(example.fonts, options);
  pdf::DocumentWriter writer(example.fonts, options);
  writer.BeginRecord("");
  for (const auto& page : pages) writer.AddPage(renderer.Render(page));
  writer.EndRecord();
  writer.Finish();
  return writer.TakeBytes();
}

std::vector<std::string> RasterizeWithPoppler(const std::string& pdf, double dpi, const std::string& work_dir) {
  const std::string pdf_path = work_dir + "/doc.pdf";
  WriteFile(pdf_path, pdf);
  std::ostringstream command;
  command << "pdftoppm -r " << dpi << " -png '" << pdf_path << "' '" << work_dir << "/page'";
  INFO(command.str());
  REQUIRE(std::system(command.str().c_str()) == 0);
  // pdftoppm pads page numbers to the width of the page count: page-1.png, or page-01.png past 9 pages.
  std::vector<std::string> out;
  for (int n = 1;; ++n) {
    std::string found;
    for (const char* format : {"%s/page-%d.png", "%s/page-%02d.png", "%s/page-%03d.png"}) {
      char name[4096];
      std::snprintf(name, sizeof name, format, work_dir.c_str(), n);
      if (fs::exists(name)) found = name;
    }
    if (found.empty()) break;
    out.push_back(ReadFile(found));
  }
  return out;
}

}  // namespace missive::render_test

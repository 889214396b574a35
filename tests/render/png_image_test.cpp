// The PNG renderer's images on hand-made pages: small images of known pixels in known boxes, checked
// pixel by pixel inside, at the edges and outside; alpha, gray, CMYK, clipping, and decoding failures.
#include <catch2/catch.hpp>

#include "runtime/render/png/png.h"
#include "tests/media/media_test_util.h"
#include "tests/render/render_support.h"

namespace missive::render_test {
namespace {

using media::testing::MakeJpeg;
using media::testing::MakePng;

constexpr frame::Color kWhite{255, 255, 255};
constexpr frame::Color kRed{200, 10, 20}, kGreen{10, 150, 30}, kBlue{20, 30, 220}, kGray{100, 100, 100};

frame::Color At(const Raster& r, int x, int y) {
  const std::size_t i = (static_cast<std::size_t>(y) * r.width + x) * 3;
  return {r.rgb[i], r.rgb[i + 1], r.rgb[i + 2]};
}

std::string Samples(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out.push_back(static_cast<char>(v));
  return out;
}

text::FontLibrary& Fonts() {
  static text::FontLibrary fonts;
  return fonts;
}

/// An image file written to a fresh folder and loaded into `library`.
const media::Image& Load(media::ImageLibrary& library, const std::string& name, const std::string& bytes) {
  const std::string dir = TempDir("image-" + name);
  WriteFile(dir + "/" + name, bytes);
  const media::LoadResult loaded = library.Load(name, dir);
  INFO(loaded.message);
  REQUIRE(loaded.image != nullptr);
  return *loaded.image;
}

/// A 2×2 RGB image: red, green on the top row; blue, gray below.
const std::string& Quad() {
  static const std::string png = MakePng(2, 2, 3, Samples({200, 10, 20, 10, 150, 30, 20, 30, 220, 100, 100, 100}));
  return png;
}

/// An image item; at 72 dpi a point is a pixel, so boxes in whole points fall on pixel edges.
frame::Image Item(std::uint32_t resource, int x, int y, int width, int height) {
  frame::Image image;
  image.resource = resource;
  image.x = x * frame::kPt;
  image.y = y * frame::kPt;
  image.width = width * frame::kPt;
  image.height = height * frame::kPt;
  return image;
}

frame::Page Page(int width = 200, int height = 200) {
  frame::Page page;
  page.width = width * frame::kPt;
  page.height = height * frame::kPt;
  return page;
}

Raster Render(const media::ImageLibrary& library, const frame::Page& page, double dpi = 72) {
  png::PageRasterizer rasterizer(Fonts(), &library);
  std::string error;
  const auto bytes = rasterizer.RenderPng(page, {dpi, 1}, &error);
  INFO(error);
  REQUIRE(bytes);
  auto raster = DecodePng(*bytes);
  REQUIRE(raster);
  return *raster;
}

TEST_CASE("an image fills its box: each source pixel a 20-pixel square, white outside", "[png][image]") {
  media::ImageLibrary library;
  const media::Image& quad = Load(library, "quad.png", Quad());
  frame::Page page = Page();
  page.items.emplace_back(Item(quad.id, 10, 20, 40, 40));
  const Raster r = Render(library, page);
  // Inside, away from the middle where bilinear enlarging blends neighbours: the exact source colours.
  CHECK(At(r, 15, 25) == kRed);
  CHECK(At(r, 45, 25) == kGreen);
  CHECK(At(r, 15, 55) == kBlue);
  CHECK(At(r, 45, 55) == kGray);
  // The box's edge pixels, corners included, keep the edge colours (no blending with the outside).
  CHECK(At(r, 10, 20) == kRed);
  CHECK(At(r, 49, 20) == kGreen);
  CHECK(At(r, 10, 59) == kBlue);
  CHECK(At(r, 49, 59) == kGray);
  CHECK(At(r, 19, 29) == kRed);  // the last pixels whose centres lie before the first source pixel's centre
  CHECK(At(r, 19, 20) == kRed);
  // Just outside the box on every side: white.
  CHECK(At(r, 9, 30) == kWhite);
  CHECK(At(r, 50, 30) == kWhite);
  CHECK(At(r, 30, 19) == kWhite);
  CHECK(At(r, 30, 60) == kWhite);
  // In the middle the four colours mix.
  const frame::Color middle = At(r, 30, 40);
  CHECK(middle != kRed);
  CHECK(middle != kGray);
  CHECK(middle != kWhite);
}

TEST_CASE("an image shrunk into its box averages the pixels each box pixel covers", "[png][image]") {
  // 4×2 source pixels into 2×1 device pixels: each device pixel is the mean of a 2×2 block.
  media::ImageLibrary library;
  const media::Image& image =
      Load(library, "shrink.png", MakePng(4, 2, 1, Samples({0, 100, 200, 200, 100, 200, 200, 200})));
  frame::Page page = Page();
  page.items.emplace_back(Item(image.id, 10, 10, 2, 1));
  const Raster r = Render(library, page);
  CHECK(At(r, 10, 10) == frame::Color{100, 100, 100});
  CHECK(At(r, 11, 10) == frame::Color{200, 200, 200});
  CHECK(At(r, 9, 10) == kWhite);
  CHECK(At(r, 12, 10) == kWhite);
  CHECK(At(r, 10, 11) == kWhite);
}

TEST_CASE("an image moves and scales with its box and the resolution", "[png][image]") {
  media::ImageLibrary library;
  const media::Image& quad = Load(library, "quad.png", Quad());
  frame::Page page = Page();
  page.items.emplace_back(Item(quad.id, 10, 20, 40, 40));
  const Raster r = Render(library, page, 144);
  CHECK(At(r, 20, 40) == kRed);
  CHECK(At(r, 99, 119) == kGray);
  CHECK(At(r, 19, 40) == kWhite);
  CHECK(At(r, 100, 119) == kWhite);
}

TEST_CASE("a gray image is drawn in gray; alpha is blended over what is beneath", "[png][image]") {
  media::ImageLibrary library;
  const media::Image& gray = Load(library, "gray.png", MakePng(1, 1, 1, Samples({90})));
  // Gray + alpha: 60 at alpha 128, 60 at alpha 0 (transparent), over a blue rectangle.
  const media::Image& ga = Load(library, "ga.png", MakePng(2, 1, 2, Samples({60, 128, 60, 0})));
  frame::Page page = Page();
  page.items.emplace_back(Item(gray.id, 10, 10, 10, 10));
  frame::Rect blue;
  blue.x = 30 * frame::kPt;
  blue.y = 10 * frame::kPt;
  blue.width = 5 * frame::kPt;
  blue.height = 10 * frame::kPt;
  blue.has_fill = true;
  blue.fill = kBlue;
  page.items.emplace_back(blue);
  page.items.emplace_back(Item(ga.id, 30, 10, 40, 10));
  const Raster r = Render(library, page);
  CHECK(At(r, 15, 15) == frame::Color{90, 90, 90});
  // 60 × 128/255 (premultiplied: 30) + beneath × 127/255: over blue (20, 30, 220) → (40, 45, 140);
  // over white → (157, 157, 157).
  CHECK(At(r, 31, 15) == frame::Color{40, 45, 140});
  CHECK(At(r, 37, 15) == frame::Color{157, 157, 157});  // past the blue, in the image's left half
  CHECK(At(r, 65, 15) == kWhite);                       // the transparent half
  CHECK(At(r, 70, 15) == kWhite);
}

TEST_CASE("a CMYK JPEG is converted to RGB, Adobe's inverted samples undone", "[png][image]") {
  // Stored inverted (libjpeg writes an Adobe marker): C 0, M 127, Y 255, K 55 → R 200, G 73, B 0
  // (red = 255 − min(255, C + K), ISO 32000-1 §10.3.5). Flat areas survive JPEG's DCT exactly.
  std::string samples;
  for (int i = 0; i < 16 * 8; ++i) samples += Samples({255, 128, 0, 200});
  media::ImageLibrary library;
  const media::Image& cmyk = Load(library, "cmyk.jpg", MakeJpeg(16, 8, 4, samples));
  REQUIRE(cmyk.inverted_cmyk);
  frame::Page page = Page();
  page.items.emplace_back(Item(cmyk.id, 10, 10, 16, 8));
  const Raster r = Render(library, page);
  CHECK(At(r, 14, 13) == frame::Color{200, 73, 0});
}

TEST_CASE("an image is cut to its clip box and to the page", "[png][image]") {
  media::ImageLibrary library;
  const media::Image& quad = Load(library, "quad.png", Quad());
  frame::Page page = Page(100, 100);
  // fit cover: an 80-point image box (40 points a source pixel) of which only 5..20 shows each way
  frame::Image cover = Item(quad.id, 0, 0, 80, 80);
  cover.clip = true;
  cover.clip_x = cover.clip_y = 5 * frame::kPt;
  cover.clip_width = cover.clip_height = 15 * frame::kPt;
  page.items.emplace_back(cover);
  // past the page's right and bottom edges (its red corner shows), and wholly off the page
  page.items.emplace_back(Item(quad.id, 90, 90, 40, 40));
  page.items.emplace_back(Item(quad.id, 150, 10, 40, 40));
  const Raster r = Render(library, page);
  CHECK(At(r, 5, 5) == kRed);
  CHECK(At(r, 19, 19) == kRed);
  CHECK(At(r, 4, 10) == kWhite);  // in the image box, outside the clip
  CHECK(At(r, 20, 10) == kWhite);
  CHECK(At(r, 10, 4) == kWhite);
  CHECK(At(r, 10, 20) == kWhite);
  CHECK(At(r, 40, 40) == kWhite);
  CHECK(At(r, 90, 90) == kRed);
  CHECK(At(r, 99, 99) == kRed);
  CHECK(At(r, 89, 95) == kWhite);
  CHECK(At(r, 95, 89) == kWhite);
}

TEST_CASE("an image the library does not hold, or an empty box, draws nothing", "[png][image]") {
  media::ImageLibrary library;
  const media::Image& quad = Load(library, "quad.png", Quad());
  frame::Page page = Page();
  page.items.emplace_back(Item(quad.id + 1, 10, 10, 40, 40));
  page.items.emplace_back(Item(quad.id, 60, 10, 0, 40));
  const Raster r = Render(library, page);
  for (std::size_t i = 0; i < r.rgb.size(); ++i) REQUIRE(r.rgb[i] == 255);
}

TEST_CASE("a JPEG whose samples do not decode fails the page, every time", "[png][image]") {
  // The library reads a JPEG's header only, up to its scan; a second scan header after the scan of a
  // baseline JPEG is an error (libjpeg's JERR_EOI_EXPECTED) that only a full decode meets.
  std::string jpeg = MakeJpeg(16, 8, 3, std::string(16 * 8 * 3, '\x40'));
  const std::size_t sos = jpeg.find("\xFF\xDA");
  REQUIRE(sos != std::string::npos);
  const std::size_t length =
      static_cast<unsigned char>(jpeg[sos + 2]) * 256u + static_cast<unsigned char>(jpeg[sos + 3]);
  REQUIRE(jpeg.compare(jpeg.size() - 2, 2, "\xFF\xD9") == 0);
  jpeg.insert(jpeg.size() - 2, jpeg.substr(sos, 2 + length));
  media::ImageLibrary library;
  const media::Image& broken = Load(library, "cut.jpg", jpeg);
  frame::Page page = Page();
  page.items.emplace_back(Item(broken.id, 10, 10, 40, 40));
  png::PageRasterizer rasterizer(Fonts(), &library);
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string error;
    CHECK_FALSE(rasterizer.RenderPng(page, {72, 1}, &error));
    CHECK(error == "image `" + broken.path + "` does not decode: Didn't expect more than one scan");
  }
}

TEST_CASE("a rasteriser reused across pages draws its cached images the same", "[png][image]") {
  media::ImageLibrary library;
  const media::Image& quad = Load(library, "quad.png", Quad());
  frame::Page page = Page();
  page.items.emplace_back(Item(quad.id, 10, 20, 40, 40));
  png::PageRasterizer reused(Fonts(), &library), fresh(Fonts(), &library);
  std::string error;
  const auto first = reused.RenderPng(page, {72, 1}, &error);
  const auto again = reused.RenderPng(page, {72, 1}, &error);
  const auto other = fresh.RenderPng(page, {72, 1}, &error);
  REQUIRE(first);
  CHECK(*first == *again);
  CHECK(*first == *other);
}

}  // namespace
}  // namespace missive::render_test

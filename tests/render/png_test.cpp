// The PNG renderer on hand-made pages: sizes, colours and positions of rectangles, lines, glyph runs
// and page totals, checked pixel by pixel.
#include "runtime/render/png/png.h"

#include <catch2/catch.hpp>

#include "tests/render/render_support.h"

namespace missive::render_test {
namespace {

constexpr frame::Color kWhite{255, 255, 255};
constexpr frame::Color kRed{200, 10, 20};

frame::Color At(const Raster& r, int x, int y) {
  const std::size_t i = (static_cast<std::size_t>(y) * r.width + x) * 3;
  return {r.rgb[i], r.rgb[i + 1], r.rgb[i + 2]};
}

struct Ink {
  int left = 1 << 30, top = 1 << 30, right = -1, bottom = -1;  // inclusive pixel bounds of non-white
  [[nodiscard]] bool empty() const { return right < 0; }
};

Ink InkOf(const Raster& r) {
  Ink ink;
  for (int y = 0; y < r.height; ++y) {
    for (int x = 0; x < r.width; ++x) {
      if (At(r, x, y) == kWhite) continue;
      ink.left = std::min(ink.left, x);
      ink.right = std::max(ink.right, x);
      ink.top = std::min(ink.top, y);
      ink.bottom = std::max(ink.bottom, y);
    }
  }
  return ink;
}

frame::Page A4() {
  frame::Page page;
  page.width = 595'276;
  page.height = 841'890;
  return page;
}

Raster Render(text::FontLibrary& fonts, const frame::Page& page, double dpi = 72, std::uint32_t total = 1) {
  png::PageRasterizer rasterizer(fonts);
  std::string error;
  const auto bytes = rasterizer.RenderPng(page, {dpi, total}, &error);
  INFO(error);
  REQUIRE(bytes);
  auto raster = DecodePng(*bytes);
  REQUIRE(raster);
  return *raster;
}

text::FontLibrary& Fonts() {
  static text::FontLibrary fonts;
  return fonts;
}

frame::FontId DejaVu() {
  std::string error;
  const auto id = Fonts().Resolve({"DejaVu Sans", 400, false, ""}, &error);
  INFO(error);
  REQUIRE(id);
  return *id;
}

/// "HH" in DejaVu Sans at `size`, with the font's own advances (H is glyph 43, 1563/2048 em wide).
frame::GlyphRun Hs(frame::FontId font, frame::Unit x, frame::Unit y, frame::Unit size) {
  frame::GlyphRun run;
  run.font = font;
  run.size = size;
  run.x = x;
  run.y = y;
  run.Edit().text = "HH";
  const auto advance = static_cast<frame::Unit>(std::llround(1563.0 * size / 2048));
  run.Edit().glyphs = {43, 43};
  run.Edit().advances = {advance, advance};
  run.Edit().clusters = {0, 1};
  return run;
}

TEST_CASE("page size in pixels rounds up like pdftoppm", "[png]") {
  CHECK(png::PagePixels(A4(), 72).width == 596);
  CHECK(png::PagePixels(A4(), 72).height == 842);
  CHECK(png::PagePixels(A4(), 50).width == 414);
  CHECK(png::PagePixels(A4(), 50).height == 585);
  CHECK(png::PagePixels(A4(), 96).width == 794);
  CHECK(png::PagePixels(A4(), 96).height == 1123);
}

TEST_CASE("an empty page is white", "[png]") {
  const Raster r = Render(Fonts(), A4());
  CHECK(r.width == 596);
  CHECK(r.height == 842);
  CHECK(InkOf(r).empty());
}

TEST_CASE("a filled rectangle covers exactly its pixels", "[png]") {
  frame::Page page = A4();
  frame::Rect rect;
  rect.x = 10 * frame::kPt;
  rect.y = 20 * frame::kPt;
  rect.width = 30 * frame::kPt;
  rect.height = 5 * frame::kPt;
  rect.has_fill = true;
  rect.fill = kRed;
  page.items.emplace_back(rect);
  const Raster r = Render(Fonts(), page);
  const Ink ink = InkOf(r);
  CHECK(ink.left == 10);
  CHECK(ink.right == 39);
  CHECK(ink.top == 20);
  CHECK(ink.bottom == 24);
  CHECK(At(r, 10, 20) == kRed);
  CHECK(At(r, 39, 24) == kRed);
  CHECK(At(r, 40, 24) == kWhite);
}

TEST_CASE("at 144 dpi the same rectangle is twice as large", "[png]") {
  frame::Page page = A4();
  frame::Rect rect;
  rect.x = 10 * frame::kPt;
  rect.y = 20 * frame::kPt;
  rect.width = 30 * frame::kPt;
  rect.height = 5 * frame::kPt;
  rect.has_fill = true;
  rect.fill = kRed;
  page.items.emplace_back(rect);
  const Ink ink = InkOf(Render(Fonts(), page, 144));
  CHECK(ink.left == 20);
  CHECK(ink.right == 79);
  CHECK(ink.top == 40);
  CHECK(ink.bottom == 49);
}

TEST_CASE("a stroked rectangle is centred on its edges and hollow", "[png]") {
  frame::Page page = A4();
  frame::Rect rect;
  rect.x = 100 * frame::kPt;
  rect.y = 100 * frame::kPt;
  rect.width = 50 * frame::kPt;
  rect.height = 40 * frame::kPt;
  rect.stroke_width = 2 * frame::kPt;
  rect.stroke = kRed;
  page.items.emplace_back(rect);
  const Raster r = Render(Fonts(), page);
  const Ink ink = InkOf(r);
  CHECK(ink.left == 99);
  CHECK(ink.right == 150);
  CHECK(ink.top == 99);
  CHECK(ink.bottom == 140);
  CHECK(At(r, 99, 120) == kRed);
  CHECK(At(r, 100, 120) == kRed);
  CHECK(At(r, 101, 120) == kWhite);
  CHECK(At(r, 125, 120) == kWhite);
}

TEST_CASE("a rounded rectangle leaves its corners white", "[png]") {
  frame::Page page = A4();
  frame::Rect rect;
  rect.x = 100 * frame::kPt;
  rect.y = 100 * frame::kPt;
  rect.width = 60 * frame::kPt;
  rect.height = 60 * frame::kPt;
  rect.has_fill = true;
  rect.fill = kRed;
  rect.radius = 20 * frame::kPt;
  page.items.emplace_back(rect);
  const Raster r = Render(Fonts(), page);
  CHECK(At(r, 100, 100) == kWhite);
  CHECK(At(r, 159, 159) == kWhite);
  CHECK(At(r, 130, 100) == kRed);  // the middle of the top edge is straight
  CHECK(At(r, 130, 130) == kRed);
  CHECK(At(r, 106, 106) == kRed);  // inside the arc (centre 120,120; radius 20)
}

TEST_CASE("a line is stroked with its width and butt caps", "[png]") {
  frame::Page page = A4();
  frame::Line line;
  line.x1 = 50 * frame::kPt;
  line.x2 = 150 * frame::kPt;
  line.y1 = line.y2 = 300 * frame::kPt;
  line.width = 2 * frame::kPt;
  line.color = {0, 0, 255};
  page.items.emplace_back(line);
  const Raster r = Render(Fonts(), page);
  const Ink ink = InkOf(r);
  CHECK(ink.left == 50);
  CHECK(ink.right == 149);
  CHECK(ink.top == 299);
  CHECK(ink.bottom == 300);
  CHECK(At(r, 100, 299) == frame::Color{0, 0, 255});
}

TEST_CASE("glyph runs sit on their baseline and move with their position", "[png]") {
  const frame::FontId font = DejaVu();
  frame::Page page = A4();
  page.items.emplace_back(Hs(font, 100 * frame::kPt, 200 * frame::kPt, 20 * frame::kPt));
  const Ink ink = InkOf(Render(Fonts(), page));
  REQUIRE_FALSE(ink.empty());
  // DejaVu's H: stem from x 201/2048 em, cap height 1493/2048 em; 20 pt → left ≈ 102, top ≈ 185.4.
  CHECK(ink.left == 101);
  CHECK(ink.bottom == 199);
  CHECK(ink.top == 185);
  // two H side by side: right edge of the second ≈ 100 + 15.26 + (1362/2048 × 20)
  CHECK(ink.right == 128);

  frame::Page moved = A4();
  moved.items.emplace_back(Hs(font, 110 * frame::kPt, 230 * frame::kPt, 20 * frame::kPt));
  const Ink moved_ink = InkOf(Render(Fonts(), moved));
  CHECK(moved_ink.left == ink.left + 10);
  CHECK(moved_ink.right == ink.right + 10);
  CHECK(moved_ink.top == ink.top + 30);
  CHECK(moved_ink.bottom == ink.bottom + 30);
}

TEST_CASE("glyph offsets move single glyphs; positive y offsets go up", "[png]") {
  const frame::FontId font = DejaVu();
  frame::Page page = A4();
  frame::GlyphRun run = Hs(font, 100 * frame::kPt, 200 * frame::kPt, 20 * frame::kPt);
  run.Edit().glyphs.resize(1);
  run.Edit().advances.resize(1);
  run.Edit().x_offsets = {5 * frame::kPt};
  run.Edit().y_offsets = {10 * frame::kPt};
  page.items.emplace_back(run);
  const Ink ink = InkOf(Render(Fonts(), page));
  CHECK(ink.left == 106);
  CHECK(ink.bottom == 189);
}

TEST_CASE("text takes its run's colour", "[png]") {
  const frame::FontId font = DejaVu();
  frame::Page page = A4();
  frame::GlyphRun run = Hs(font, 100 * frame::kPt, 200 * frame::kPt, 40 * frame::kPt);
  run.color = kRed;
  page.items.emplace_back(run);
  const Raster r = Render(Fonts(), page);
  // the middle of the first H's left stem (x 201..402/2048 em at 40 pt: 103.9..107.9 px)
  CHECK(At(r, 105, 190) == kRed);
}

TEST_CASE("page totals draw the count given by the caller, aligned in their box", "[png]") {
  const frame::FontId font = DejaVu();
  frame::Page page = A4();
  frame::PageTotal total;
  total.font = font;
  total.size = 20 * frame::kPt;
  total.x = 100 * frame::kPt;
  total.y = 200 * frame::kPt;
  total.width = 100 * frame::kPt;
  total.align = 1;
  page.items.emplace_back(total);
  // DejaVu digits advance 1303/2048 em: "7" is 12.7 pt wide, "12" 25.4 pt, ending at the box's right.
  const Ink seven = InkOf(Render(Fonts(), page, 72, 7));
  const Ink twelve = InkOf(Render(Fonts(), page, 72, 12));
  REQUIRE_FALSE(seven.empty());
  REQUIRE_FALSE(twelve.empty());
  CHECK(seven.right <= 199);
  CHECK(seven.right >= 196);
  CHECK(twelve.right <= 199);  // "2" and "7" end a pixel or two before the box's edge
  CHECK(twelve.right >= 196);
  CHECK(twelve.left < seven.left - 10);
  CHECK(seven.bottom == 199);

  std::get<frame::PageTotal>(page.items[0]).align = 0;
  const Ink left = InkOf(Render(Fonts(), page, 72, 7));
  CHECK(left.left >= 100);
  CHECK(left.left <= 103);
}

TEST_CASE("without an image library images are not drawn", "[png]") {
  frame::Page page = A4();
  frame::Image image;
  image.resource = 7;
  image.x = image.y = 10 * frame::kPt;
  image.width = image.height = 100 * frame::kPt;
  page.items.emplace_back(image);
  CHECK(InkOf(Render(Fonts(), page)).empty());
}

TEST_CASE("the same page gives the same bytes", "[png]") {
  const frame::FontId font = DejaVu();
  frame::Page page = A4();
  page.items.emplace_back(Hs(font, 100 * frame::kPt, 200 * frame::kPt, 12 * frame::kPt));
  png::PageRasterizer a(Fonts()), b(Fonts());
  std::string error;
  const auto first = a.RenderPng(page, {96, 1}, &error);
  const auto again = a.RenderPng(page, {96, 1}, &error);
  const auto other = b.RenderPng(page, {96, 1}, &error);
  REQUIRE(first);
  CHECK(*first == *again);
  CHECK(*first == *other);
  CHECK(first->substr(1, 3) == "PNG");
}

TEST_CASE("a resolution out of range is an error, not an image", "[png]") {
  png::PageRasterizer rasterizer(Fonts());
  std::string error;
  CHECK_FALSE(rasterizer.RenderPng(A4(), {0, 1}, &error));
  CHECK(error == "the resolution must be between 1 and 2400 dpi");
}

}  // namespace
}  // namespace missive::render_test

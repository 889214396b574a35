// Image boxes and fit modes (exact millipoints), directly and through the layout of a document.
#include "runtime/media/fit.h"

#include <catch2/catch.hpp>
#include <variant>

#include "runtime/compose/block.h"
#include "runtime/layout/layout.h"
#include "runtime/text/text.h"

namespace missive::media {
namespace {

TEST_CASE("the image box follows the given sizes and the aspect ratio", "[fit]") {
  // natural size: 0.75 pt per pixel
  CHECK(ImageBox(0, 0, 200, 100, 500'000).width == 150'000);
  CHECK(ImageBox(0, 0, 200, 100, 500'000).height == 75'000);
  // wider than the space: scaled down, aspect kept
  CHECK(ImageBox(0, 0, 200, 100, 100'000).width == 100'000);
  CHECK(ImageBox(0, 0, 200, 100, 100'000).height == 50'000);
  // width only (40 mm = 113386): height from the aspect ratio
  CHECK(ImageBox(113'386, 0, 200, 100, 500'000).height == 56'693);
  // 3×7 pixels, width 10 pt: 23333.3 → 23333
  CHECK(ImageBox(10'000, 0, 3, 7, 500'000).height == 23'333);
  // height only: width from the aspect ratio
  CHECK(ImageBox(0, 30'000, 200, 100, 500'000).width == 60'000);
  CHECK(ImageBox(0, 30'000, 200, 100, 500'000).height == 30'000);
  // both: as given
  CHECK(ImageBox(10'000, 20'000, 200, 100, 500'000).width == 10'000);
  CHECK(ImageBox(10'000, 20'000, 200, 100, 500'000).height == 20'000);
}

TEST_CASE("contain, cover and fill place the image in its box", "[fit]") {
  const Size square{100'000, 100'000};
  Placement p = FitImage(Fit::Contain, 10, 20, square, 200, 100);
  CHECK((p.x == 10 && p.y == 25'020 && p.width == 100'000 && p.height == 50'000 && !p.clip));
  p = FitImage(Fit::Cover, 10, 20, square, 200, 100);
  CHECK((p.x == -49'990 && p.y == 20 && p.width == 200'000 && p.height == 100'000 && p.clip));
  p = FitImage(Fit::Fill, 10, 20, square, 200, 100);
  CHECK((p.x == 10 && p.y == 20 && p.width == 100'000 && p.height == 100'000 && !p.clip));
  // a tall image: contain centres it horizontally; 10000 × 3/7 = 4285.7 → 4286, (10000 − 4286)/2 = 2857
  p = FitImage(Fit::Contain, 0, 0, Size{10'000, 10'000}, 3, 7);
  CHECK((p.x == 2'857 && p.y == 0 && p.width == 4'286 && p.height == 10'000));
  p = FitImage(Fit::Cover, 0, 0, Size{10'000, 10'000}, 3, 7);
  // (10000 − 23333) / 2 = −6666.5, truncated towards zero
  CHECK((p.x == 0 && p.y == -6'666 && p.width == 10'000 && p.height == 23'333 && p.clip));
  // same aspect ratio: cover needs no clip
  p = FitImage(Fit::Cover, 0, 0, Size{20'000, 10'000}, 200, 100);
  CHECK((p.width == 20'000 && p.height == 10'000 && !p.clip));
}

struct Collect : layout::PageSink {
  std::vector<frame::Page> pages;
  void OnPage(frame::Page&& page) override { pages.push_back(std::move(page)); }
};

compose::BlockPtr ImageBlock(const compose::Style* style, frame::Unit width, frame::Unit height, Fit fit) {
  auto b = std::make_unique<compose::Block>();
  b->kind = compose::BlockKind::Image;
  b->style = style;
  b->resource = 77;
  b->pixel_width = 200;
  b->pixel_height = 100;
  if (width > 0) b->width = {compose::Size::Kind::Fixed, width, 1000};
  b->height = height;
  b->fit = fit;
  return b;
}

TEST_CASE("layout draws images at their fitted place and moves the clip box with them", "[fit][layout]") {
  text::FontLibrary fonts;
  text::TextEngine engine(fonts);
  compose::Style style;
  compose::Document doc;
  doc.base = &style;
  doc.body.push_back(ImageBlock(&style, 113'386, 0, Fit::Contain));      // 40 mm wide
  doc.body.push_back(ImageBlock(&style, 100'000, 100'000, Fit::Cover));  // square, clipped
  doc.body.push_back(ImageBlock(&style, 0, 30'000, Fit::Fill));          // height only
  Collect sink;
  const layout::Result r = layout::LayoutDocument(doc, engine, sink);
  REQUIRE_FALSE(r.error);
  REQUIRE(sink.pages.size() == 1);
  const auto& items = sink.pages[0].items;
  REQUIRE(items.size() == 3);
  const frame::Unit m = frame::MmToUnit(20);  // 56693
  const auto& a = std::get<frame::Image>(items[0]);
  CHECK((a.resource == 77 && a.x == m && a.y == m && a.width == 113'386 && a.height == 56'693 && !a.clip));
  const auto& b = std::get<frame::Image>(items[1]);
  CHECK((b.x == m - 50'000 && b.y == m + 56'693 && b.width == 200'000 && b.height == 100'000));
  CHECK((b.clip && b.clip_x == m && b.clip_y == m + 56'693 && b.clip_width == 100'000 && b.clip_height == 100'000));
  const auto& c = std::get<frame::Image>(items[2]);
  CHECK((c.x == m && c.y == m + 156'693 && c.width == 60'000 && c.height == 30'000 && !c.clip));
}

}  // namespace
}  // namespace missive::media

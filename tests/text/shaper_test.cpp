// Shaper: advances in millipoints, the cache, and the number fast path against HarfBuzz itself.
#include "runtime/text/shaper.h"

#include <hb.h>

#include <catch2/catch.hpp>
#include <random>

using namespace missive::text;

namespace {

ShapeRequest Latin(std::string_view text, Unit size = 10'000) {
  ShapeRequest r;
  r.font = 0;
  r.size = size;
  r.script = HB_SCRIPT_LATIN;
  r.text = text;
  return r;
}

}  // namespace

TEST_CASE("font units scale to millipoints, rounding half away from zero") {
  CHECK(ScaleToUnits(1303, 10'000, 2048) == 6362);  // 6362.30
  CHECK(ScaleToUnits(1024, 1'000, 2048) == 500);
  CHECK(ScaleToUnits(1, 1'024, 2048) == 1);    // 0.5 -> 1
  CHECK(ScaleToUnits(-1, 1'024, 2048) == -1);  // -0.5 -> -1
  CHECK(ScaleToUnits(3, 1'000, 2048) == 1);    // 1.46
  CHECK(ScaleToUnits(2048, 12'000, 2048) == 12'000);
}

TEST_CASE("shaping DejaVu Sans: glyphs, advances and byte clusters") {
  FontLibrary fonts;
  Shaper shaper(fonts);
  ShapedRun run = shaper.ShapeWithHarfBuzz(Latin("Café"));
  REQUIRE(run.glyphs.size() == 4);
  // DejaVu Sans advances: C 1430, a 1255, f 721, é 1260 font units (2048/em) at 10 pt.
  CHECK(run.advances == std::vector<Unit>{6982, 6128, 3521, 6152});
  CHECK(run.clusters == std::vector<std::uint32_t>{0, 1, 2, 3});
  CHECK(run.width == 6982 + 6128 + 3521 + 6152);
  CHECK(run.x_offsets.empty());
}

TEST_CASE("the cache shapes each (font, size, direction, script, text) once") {
  FontLibrary fonts;
  Shaper shaper(fonts);
  const ShapedRun& a = shaper.Shape(Latin("Café de Flore"));
  CHECK(shaper.shape_calls == 1);
  CHECK(shaper.cache_hits == 0);
  const ShapedRun& b = shaper.Shape(Latin("Café de Flore"));
  CHECK(&a == &b);
  CHECK(shaper.shape_calls == 1);
  CHECK(shaper.cache_hits == 1);
  shaper.Shape(Latin("Café de Flore", 12'000));  // another size is another entry
  CHECK(shaper.shape_calls == 2);
  CHECK(shaper.cache_hits == 1);
}

TEST_CASE("the number fast path equals HarfBuzz on every string tried") {
  FontLibrary fonts;
  Shaper shaper(fonts);
  CHECK(shaper.FastPathApplies(Latin("1,234.50")));
  CHECK(shaper.FastPathApplies(Latin("2026-10-07")));
  CHECK(shaper.FastPathApplies(Latin("€ 12,00")));
  CHECK_FALSE(shaper.FastPathApplies(Latin("12 EUR")));
  ShapeRequest rtl = Latin("123");
  rtl.rtl = true;
  CHECK_FALSE(shaper.FastPathApplies(rtl));

  const std::u32string alphabet = U"0123456789.,:-+/%'()# \u00A0\u202F\u2212$€£";
  std::mt19937 rng(42);
  int compared = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    int len = 1 + static_cast<int>(rng() % 14);
    for (int k = 0; k < len; ++k) {
      char32_t cp = alphabet[rng() % alphabet.size()];
      if (cp < 0x80) {
        text.push_back(static_cast<char>(cp));
      } else if (cp < 0x800) {
        text.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        text.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else {
        text.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        text.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        text.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
    }
    for (Unit size : {7'000, 9'500, 10'000, 12'345}) {
      ShapeRequest request = Latin(text, size);
      if (!shaper.FastPathApplies(request)) continue;
      ++compared;
      ShapedRun fast = shaper.Shape(request);
      ShapedRun slow = shaper.ShapeWithHarfBuzz(request);
      INFO(text << " at " << size);
      REQUIRE(fast.glyphs == slow.glyphs);
      REQUIRE(fast.advances == slow.advances);
      REQUIRE(fast.clusters == slow.clusters);
      REQUIRE(slow.x_offsets.empty());
      REQUIRE(fast.width == slow.width);
    }
    shaper.BeginBatch();
  }
  CHECK(compared > 7000);  // nearly all: DejaVu Sans kerns none of these characters
  CHECK(shaper.fast_path_runs == static_cast<std::uint64_t>(compared));
}

TEST_CASE("the cache is bounded: two generations, a full one retired at the next paragraph") {
  FontLibrary fonts;
  Shaper shaper(fonts);
  auto word = [](std::size_t i) {
    std::string text = std::to_string(i);
    text.insert(text.begin(), 'w');  // (operator+ here trips a GCC 12 -Wrestrict false positive)
    return text;
  };
  const std::size_t n = Shaper::kGenerationEntries;
  for (std::size_t i = 0; i < n; ++i) shaper.Shape(Latin(word(i)));
  CHECK(shaper.shape_calls == n);
  CHECK(shaper.CachedRuns() == n);
  shaper.BeginBatch();        // generation 1 retired, still held
  shaper.Shape(Latin("w0"));  // used again: moves back into the current generation
  CHECK(shaper.cache_hits == 1);
  CHECK(shaper.shape_calls == n);
  for (std::size_t i = n; i < 2 * n; ++i) shaper.Shape(Latin(word(i)));
  CHECK(shaper.CachedRuns() == 2 * n);
  shaper.BeginBatch();  // generation 1 (but w0) dropped
  CHECK(shaper.CachedRuns() == n + 1);
  shaper.Shape(Latin("w0"));
  shaper.Shape(Latin(word(n)));
  CHECK(shaper.cache_hits == 3);
  CHECK(shaper.shape_calls == 2 * n);
  shaper.Shape(Latin("w1"));  // in the dropped generation: shaped again
  CHECK(shaper.cache_hits == 3);
  CHECK(shaper.shape_calls == 2 * n + 1);
}

TEST_CASE("a byte bound retires a generation of long runs before its entry bound") {
  FontLibrary fonts;
  Shaper shaper(fonts);
  const std::string filler(400, 'x');
  std::size_t shaped = 0;
  while (shaper.CachedBytes() < Shaper::kGenerationBytes) {
    std::string text = std::to_string(shaped++);
    text += filler;
    shaper.Shape(Latin(text));
  }
  CHECK(shaped < Shaper::kGenerationEntries);
  shaper.BeginBatch();
  for (std::size_t i = 0; i < shaped; ++i) shaper.Shape(Latin(std::to_string(shaped + i) + filler));
  shaper.BeginBatch();
  // Never more than two generations, each at most the bound plus one paragraph's runs.
  CHECK(shaper.CachedBytes() <= 2 * Shaper::kGenerationBytes + 4096);
  CHECK(shaper.CachedRuns() <= 2 * shaped);
}

TEST_CASE("Arabic-Indic amounts take the number fast path and equal HarfBuzz") {
  FontLibrary fonts;
  Shaper shaper(fonts);
  // the font itemisation gives Arabic-Indic digits: the first of the chain that has them
  FontId font = 0;
  for (FontId f : fonts.Fallbacks()) {
    if (!fonts.HasGlyph(font, 0x0661) && fonts.HasGlyph(f, 0x0661)) font = f;
  }
  REQUIRE(fonts.HasGlyph(font, 0x0661));
  auto arabic = [&](std::string_view text, Unit size) {
    ShapeRequest r;
    r.font = font;
    r.size = size;
    r.script = HB_SCRIPT_ARABIC;
    r.language = "ar";
    r.text = text;
    return r;
  };
  CHECK(shaper.FastPathApplies(arabic("٤٬٦٣٣٫٧٢", 10'000)));
  const std::u32string alphabet = U"٠١٢٣٤٥٦٧٨٩٫٬٪";
  std::mt19937 rng(7);
  int compared = 0;
  for (int i = 0; i < 500; ++i) {
    std::string text;
    for (int k = 0, len = 1 + static_cast<int>(rng() % 10); k < len; ++k) {
      const char32_t cp = alphabet[rng() % alphabet.size()];
      text.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      text.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    for (Unit size : {9'000, 10'000}) {
      const ShapeRequest request = arabic(text, size);
      if (!shaper.FastPathApplies(request)) continue;
      ++compared;
      const ShapedRun fast = shaper.Shape(request);
      const ShapedRun slow = shaper.ShapeWithHarfBuzz(request);
      INFO(text << " at " << size);
      REQUIRE(fast.glyphs == slow.glyphs);
      REQUIRE(fast.advances == slow.advances);
      REQUIRE(fast.clusters == slow.clusters);
      REQUIRE(slow.x_offsets.empty());
    }
    shaper.BeginBatch();
  }
  CHECK(compared > 900);
}

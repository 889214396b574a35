// FontLibrary: exact family matching through fontconfig, file paths, metrics, fallbacks.
#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "runtime/text/text.h"

using missive::text::FontLibrary;
using missive::text::FontRequest;

namespace {
constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kDejaVuBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
}  // namespace

TEST_CASE("the default request is FontId 0, DejaVu Sans Book") {
  FontLibrary fonts;
  std::string error;
  auto id = fonts.Resolve(FontRequest{}, &error);
  REQUIRE(id.has_value());
  CHECK(*id == 0);
  CHECK(error.empty());
  const auto& info = fonts.Info(*id);
  CHECK(info.path == kDejaVu);
  CHECK(info.family == "DejaVu Sans");
  CHECK(info.face_index == 0);
  CHECK(info.units_per_em == 2048);
  CHECK(info.ascender == 1901);
  CHECK(info.descender == -483);
  CHECK(info.line_gap == 0);
  CHECK(fonts.FileBytes(*id).size() == std::filesystem::file_size(kDejaVu));
  CHECK(fonts.FileBytes(*id).substr(0, 4) == std::string_view("\0\1\0\0", 4));
  CHECK(fonts.HbFont(*id) != nullptr);
}

TEST_CASE("weight and slant select the face - the same request gives the same id") {
  FontLibrary fonts;
  std::string error;
  FontRequest bold;
  bold.weight = 700;
  auto b = fonts.Resolve(bold, &error);
  REQUIRE(b.has_value());
  CHECK(fonts.Info(*b).path == kDejaVuBold);
  CHECK(fonts.Resolve(bold, &error) == b);
  FontRequest italic;
  italic.italic = true;
  auto i = fonts.Resolve(italic, &error);
  REQUIRE(i.has_value());
  CHECK(fonts.Info(*i).path == "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf");
  // The family is matched case-insensitively.
  FontRequest lower;
  lower.family = "dejavu sans";
  CHECK(fonts.Resolve(lower, &error) == fonts.Resolve(FontRequest{}, &error));
}

TEST_CASE("a family fontconfig would substitute is an error naming both") {
  FontLibrary fonts;
  std::string error;
  FontRequest request;
  request.family = "Helvetica Neue Imaginary";
  CHECK_FALSE(fonts.Resolve(request, &error).has_value());
  CHECK(error.rfind("font `Helvetica Neue Imaginary` is not installed (fontconfig offers `", 0) == 0);
  CHECK(error.back() == ')');
}

TEST_CASE("a font by path is loaded once and named from its name table") {
  FontLibrary fonts;
  std::string error;
  FontRequest request;
  request.path = kDejaVuBold;
  auto id = fonts.Resolve(request, &error);
  REQUIRE(id.has_value());
  CHECK(fonts.Info(*id).family == "DejaVu Sans");
  CHECK(fonts.Info(*id).path == kDejaVuBold);
  FontRequest by_family;
  by_family.weight = 700;
  CHECK(fonts.Resolve(by_family, &error) == id);  // same file, same id

  request.path = "/nonexistent/font.ttf";
  CHECK_FALSE(fonts.Resolve(request, &error).has_value());
  CHECK(error == "cannot read font file `/nonexistent/font.ttf`");
  request.path = "/etc/hostname";
  CHECK_FALSE(fonts.Resolve(request, &error).has_value());
  CHECK(error == "`/etc/hostname` is not a font file HarfBuzz can read");
}

TEST_CASE("fallbacks: Noto Sans Arabic first, DejaVu Sans last - glyph coverage") {
  FontLibrary fonts;
  const auto& chain = fonts.Fallbacks();
  REQUIRE(chain.size() >= 2);
  CHECK(fonts.Info(chain.front()).family == "Noto Sans Arabic");
  CHECK(fonts.Info(chain.back()).family == "DejaVu Sans");
  CHECK(chain.back() == 0);  // DejaVu Sans is the default font, resolved once
  CHECK(fonts.HasGlyph(0, U'A'));
  CHECK(fonts.HasGlyph(0, 0x20AC));
  CHECK(fonts.HasGlyph(0, 0x0628));  // DejaVu Sans has basic Arabic too
  CHECK(fonts.HasGlyph(chain.front(), 0x0628));
  CHECK_FALSE(fonts.HasGlyph(chain.front(), 0x0F00));
}

TEST_CASE("concurrent resolves agree and readers need no lock") {
  FontLibrary fonts;
  std::vector<std::optional<missive::text::FontId>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::string error;
      for (int i = 0; i < 50; ++i) {
        FontRequest request;
        request.weight = (i + t) % 2 ? 700 : 400;
        request.italic = (i / 2 + t) % 2 == 1;
        auto id = fonts.Resolve(request, &error);
        if (id && fonts.Info(*id).units_per_em != 2048) id.reset();
        if (i == 49) got[static_cast<std::size_t>(t)] = id;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& id : got) CHECK(id.has_value());
  std::string error;
  FontRequest bold_italic;
  bold_italic.weight = 700;
  bold_italic.italic = true;
  auto id = fonts.Resolve(bold_italic, &error);
  REQUIRE(id.has_value());
  CHECK(fonts.Info(*id).path == "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf");
}

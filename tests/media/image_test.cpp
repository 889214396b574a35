// The image library: PNG decoding (sizes, colour, alpha), JPEG headers, resource ids, paths and errors.
#include "runtime/media/image.h"

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "tests/media/media_test_util.h"

namespace missive::media {
namespace {

using testing::Inflate;
using testing::MakeJpeg;
using testing::MakePng;
using testing::TempDir;
using testing::WriteFile;

std::string Samples(std::initializer_list<int> values) {
  std::string s;
  for (int v : values) s.push_back(static_cast<char>(v));
  return s;
}

TEST_CASE("an RGBA PNG splits into RGB samples and an alpha soft mask", "[image]") {
  // 2×2: red opaque, green half transparent, blue transparent, white opaque.
  const std::string rgba = Samples({255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 255, 255, 255, 255});
  Image image;
  const LoadResult r = DecodeImage(MakePng(2, 2, 4, rgba), "dots.png", image);
  REQUIRE(r.error == LoadError::None);
  CHECK(image.format == ImageFormat::Png);
  CHECK(image.width == 2);
  CHECK(image.height == 2);
  CHECK(image.components == 3);
  CHECK(image.has_alpha());
  CHECK(image.pixels == Samples({255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255}));
  CHECK(image.alpha == Samples({255, 128, 0, 255}));
  CHECK(Inflate(image.encoded, 12) == image.pixels);
  CHECK(Inflate(image.encoded_alpha, 4) == image.alpha);
}

TEST_CASE("an opaque alpha channel needs no soft mask; gray stays gray", "[image]") {
  Image rgba;
  REQUIRE(DecodeImage(MakePng(1, 2, 4, Samples({10, 20, 30, 255, 40, 50, 60, 255})), "a.png", rgba).error ==
          LoadError::None);
  CHECK(rgba.components == 3);
  CHECK_FALSE(rgba.has_alpha());
  CHECK(rgba.encoded_alpha.empty());
  CHECK(rgba.pixels == Samples({10, 20, 30, 40, 50, 60}));

  Image gray;
  REQUIRE(DecodeImage(MakePng(3, 1, 1, Samples({0, 128, 255})), "g.png", gray).error == LoadError::None);
  CHECK(gray.components == 1);
  CHECK(gray.width == 3);
  CHECK(gray.height == 1);
  CHECK(gray.pixels == Samples({0, 128, 255}));
  CHECK_FALSE(gray.has_alpha());

  Image gray_alpha;
  REQUIRE(DecodeImage(MakePng(2, 1, 2, Samples({7, 0, 9, 200})), "ga.png", gray_alpha).error == LoadError::None);
  CHECK(gray_alpha.components == 1);
  CHECK(gray_alpha.pixels == Samples({7, 9}));
  CHECK(gray_alpha.alpha == Samples({0, 200}));
}

TEST_CASE("a JPEG is embedded as is: only its header is read", "[image]") {
  const std::string rgb(17 * 9 * 3, static_cast<char>(90));
  const std::string jpeg = MakeJpeg(17, 9, 3, rgb);
  Image image;
  REQUIRE(DecodeImage(jpeg, "photo.jpg", image).error == LoadError::None);
  CHECK(image.format == ImageFormat::Jpeg);
  CHECK(image.width == 17);
  CHECK(image.height == 9);
  CHECK(image.components == 3);
  CHECK_FALSE(image.inverted_cmyk);
  CHECK(image.encoded == jpeg);
  CHECK(image.pixels.empty());
  CHECK_FALSE(image.has_alpha());

  Image gray;
  REQUIRE(DecodeImage(MakeJpeg(5, 4, 1, std::string(20, 'x')), "g.jpg", gray).error == LoadError::None);
  CHECK(gray.components == 1);
  CHECK(gray.width == 5);
  CHECK(gray.height == 4);
}

TEST_CASE("samples for raster renderers: PNG as decoded, JPEG decoded on request", "[image]") {
  Image png;
  REQUIRE(DecodeImage(MakePng(2, 1, 3, Samples({1, 2, 3, 4, 5, 6})), "p.png", png).error == LoadError::None);
  std::string samples, error;
  REQUIRE(DecodeSamples(png, &samples, &error));
  CHECK(samples == Samples({1, 2, 3, 4, 5, 6}));

  // a flat gray JPEG decodes back to the same gray (flat areas survive DCT exactly at quality 90)
  Image jpeg;
  REQUIRE(DecodeImage(MakeJpeg(16, 8, 1, std::string(128, '\x64')), "g.jpg", jpeg).error == LoadError::None);
  REQUIRE(DecodeSamples(jpeg, &samples, &error));
  CHECK(samples == std::string(128, '\x64'));

  Image broken = jpeg;
  broken.encoded.resize(broken.encoded.size() / 2);
  broken.path = "/x/b.jpg";
  CHECK_FALSE(DecodeSamples(broken, &samples, &error));
  CHECK(error.rfind("image `/x/b.jpg` does not decode: ", 0) == 0);
  CHECK(samples.empty());
}

TEST_CASE("an Adobe CMYK JPEG is marked inverted and written with a /Decode array", "[image]") {
  Image image;
  REQUIRE(DecodeImage(MakeJpeg(3, 2, 4, std::string(24, '\x10')), "cmyk.jpg", image).error == LoadError::None);
  CHECK(image.components == 4);
  CHECK(image.inverted_cmyk);
}

TEST_CASE("corrupt and unknown files are refused with a message naming them", "[image]") {
  Image image;
  std::string png = MakePng(2, 2, 3, std::string(12, 'a'));
  png.resize(40);  // cut in the middle of the IDAT chunk
  LoadResult r = DecodeImage(png, "cut.png", image);
  CHECK(r.error == LoadError::Corrupt);
  CHECK(r.message.rfind("image `cut.png` is not a valid PNG: ", 0) == 0);

  std::string jpeg = MakeJpeg(4, 4, 1, std::string(16, 'a'));
  r = DecodeImage(jpeg.substr(0, 30), "cut.jpg", image);
  CHECK(r.error == LoadError::Corrupt);
  CHECK(r.message.rfind("image `cut.jpg` is not a valid JPEG: ", 0) == 0);

  r = DecodeImage("GIF89a....", "anim.gif", image);
  CHECK(r.error == LoadError::Unsupported);
  CHECK(r.message == "image `anim.gif` is neither PNG nor JPEG");
}

TEST_CASE("the library resolves paths against the template's directory and caches", "[image]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "img");
  const std::string png = MakePng(4, 3, 3, std::string(36, 'z'));
  WriteFile(dir.path() / "img" / "logo.png", png);
  WriteFile(dir.path() / "copy.png", png);
  WriteFile(dir.path() / "other.png", MakePng(4, 3, 3, std::string(36, 'y')));

  ImageLibrary library;
  const LoadResult a = library.Load("img/logo.png", dir.path().string());
  REQUIRE(a.image != nullptr);
  CHECK(a.image->width == 4);
  CHECK(a.image->height == 3);
  CHECK(a.image->id != 0);
  CHECK(a.image->path == (dir.path() / "img" / "logo.png").string());
  CHECK(library.Find(a.image->id) == a.image);
  // The same file by another spelling, and a byte-identical copy: one image, one id.
  CHECK(library.Load("./img/../img/logo.png", dir.path().string()).image == a.image);
  CHECK(library.Load((dir.path() / "copy.png").string(), "/nowhere").image == a.image);
  const LoadResult other = library.Load("other.png", dir.path().string());
  REQUIRE(other.image != nullptr);
  CHECK(other.image->id != a.image->id);
  CHECK(library.size() == 2);
  CHECK(library.Find(12345) == nullptr);

  const LoadResult missing = library.Load("nope.png", (dir.path() / "img").string());
  CHECK(missing.image == nullptr);
  CHECK(missing.error == LoadError::NotFound);
  CHECK(missing.message == "image `nope.png` not found (looked in " + (dir.path() / "img").string() + ")");
}

TEST_CASE("resource ids depend on the bytes only, not on load order", "[image]") {
  TempDir dir;
  WriteFile(dir.path() / "a.png", MakePng(1, 1, 1, Samples({1})));
  WriteFile(dir.path() / "b.png", MakePng(1, 1, 1, Samples({2})));
  ImageLibrary first, second;
  const auto a1 = first.Load("a.png", dir.path().string()).image->id;
  const auto b1 = first.Load("b.png", dir.path().string()).image->id;
  const auto b2 = second.Load("b.png", dir.path().string()).image->id;
  const auto a2 = second.Load("a.png", dir.path().string()).image->id;
  CHECK(a1 == a2);
  CHECK(b1 == b2);
  CHECK(a1 != b1);
}

TEST_CASE("threads loading the same image at once get one image", "[image]") {
  TempDir dir;
  WriteFile(dir.path() / "p.png", MakePng(64, 64, 4, std::string(64 * 64 * 4, '\x40')));
  ImageLibrary library;
  std::vector<const Image*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] { seen[i] = library.Load("p.png", dir.path().string()).image; });
  }
  for (auto& t : threads) t.join();
  REQUIRE(seen[0] != nullptr);
  for (const Image* image : seen) CHECK(image == seen[0]);
  CHECK(library.size() == 1);
}

}  // namespace
}  // namespace missive::media

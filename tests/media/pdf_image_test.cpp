// Image XObjects in PDF files: drawn with `cm … Do`, written once per file however many pages use them,
// checked with qpdf and poppler's pdfimages.
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "runtime/media/image.h"
#include "runtime/render/pdf/writer.h"
#include "runtime/text/text.h"
#include "tests/media/media_test_util.h"

namespace missive::media {
namespace {

using testing::MakeJpeg;
using testing::MakePng;
using testing::Run;
using testing::TempDir;
using testing::WriteFile;

std::size_t Count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

frame::Page PageWith(std::vector<frame::Image> images) {
  frame::Page page;
  page.width = 595'276;
  page.height = 841'890;
  for (auto& image : images) page.items.emplace_back(image);
  return page;
}

frame::Image Draw(std::uint32_t resource, frame::Unit x, frame::Unit y, frame::Unit w, frame::Unit h) {
  frame::Image image;
  image.resource = resource;
  image.x = x;
  image.y = y;
  image.width = w;
  image.height = h;
  return image;
}

struct Fixture {
  TempDir dir;
  ImageLibrary library;
  const Image* logo = nullptr;
  const Image* photo = nullptr;
  Fixture() {
    std::string rgba;
    for (int y = 0; y < 48; ++y) {
      for (int x = 0; x < 160; ++x) {
        rgba += static_cast<char>(x);
        rgba += static_cast<char>(y * 5);
        rgba += static_cast<char>(200);
        rgba += static_cast<char>(x < 80 ? 255 : 96);  // right half translucent
      }
    }
    WriteFile(dir.path() / "logo.png", MakePng(160, 48, 4, rgba));
    WriteFile(dir.path() / "photo.jpg", MakeJpeg(200, 60, 1, std::string(200 * 60, '\x80')));
    logo = library.Load("logo.png", dir.path().string()).image;
    photo = library.Load("photo.jpg", dir.path().string()).image;
  }
};

std::string WriteDocument(text::FontLibrary& fonts, const pdf::Options& options,
                          const std::vector<std::vector<frame::Page>>& records) {
  pdf::PageRenderer renderer(fonts, options);
  pdf::DocumentWriter writer(fonts, options);
  for (const auto& record : records) {
    writer.BeginRecord("");
    for (const auto& page : record) writer.AddPage(renderer.Render(page));
    writer.EndRecord();
  }
  writer.Finish();
  return writer.TakeBytes();
}

TEST_CASE("an image is drawn through its XObject, scaled into its box", "[pdf]") {
  Fixture f;
  REQUIRE(f.logo != nullptr);
  text::FontLibrary fonts;
  pdf::Options options;
  options.deflate_level = 0;
  options.images = &f.library;
  pdf::PageRenderer renderer(fonts, options);
  frame::Image clipped = Draw(f.logo->id, 6'693, 100'000, 200'000, 60'000);
  clipped.clip = true;
  clipped.clip_x = 56'693;
  clipped.clip_y = 100'000;
  clipped.clip_width = 100'000;
  clipped.clip_height = 60'000;
  const pdf::RenderedPage page = renderer.Render(
      PageWith({Draw(f.logo->id, 56'693, 56'693, 113'386, 34'016), clipped, Draw(999, 0, 0, 10'000, 10'000)}));
  const std::string id = std::to_string(f.logo->id);
  // y: 841.89 − 56.693 − 34.016 = 751.181; the unknown resource 999 is not drawn
  CHECK(page.content == "q 113.386 0 0 34.016 56.693 751.181 cm /Im" + id + " Do Q\n" +
                            "q 56.693 681.89 100 60 re W n 200 0 0 60 6.693 681.89 cm /Im" + id + " Do Q\n");
  CHECK(page.images == std::vector<std::uint32_t>{f.logo->id});
}

TEST_CASE("a print stream holds each image once, however many pages and records draw it", "[pdf]") {
  Fixture f;
  REQUIRE(f.logo != nullptr);
  REQUIRE(f.photo != nullptr);
  text::FontLibrary fonts;
  pdf::Options options;
  options.images = &f.library;
  const frame::Image logo = Draw(f.logo->id, 56'693, 56'693, 113'386, 34'016);
  const frame::Image photo = Draw(f.photo->id, 56'693, 400'000, 150'000, 45'000);
  const std::vector<std::vector<frame::Page>> records = {{PageWith({logo}), PageWith({logo})},
                                                         {PageWith({logo, photo})}};
  const std::string bytes = WriteDocument(fonts, options, records);
  CHECK(bytes == WriteDocument(fonts, options, records));  // deterministic
  // the logo, its soft mask and the JPEG: three image objects in a three-page file
  CHECK(Count(bytes, "/Subtype/Image") == 3);
  CHECK(Count(bytes, "/Filter/DCTDecode") == 1);
  CHECK(Count(bytes, "/SMask ") == 1);

  TempDir dir;
  const auto path = dir.path() / "stream.pdf";
  WriteFile(path, bytes);
  const auto check = Run("qpdf --check '" + path.string() + "'");
  CHECK(check.status == 0);
  CHECK(check.output.find("No syntax or stream encoding errors found") != std::string::npos);
  CHECK(check.output.find("WARNING") == std::string::npos);
  CHECK(Run("qpdf --show-npages '" + path.string() + "'").output == "3\n");

  // page num type width height color comp bpc enc interp object ID ...
  const auto list = Run("pdfimages -list '" + path.string() + "'");
  REQUIRE(list.status == 0);
  std::istringstream lines(list.output);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);  // header and rule
  struct Row {
    int page, num;
    std::string type;
    int width, height;
    std::string color;
    int comp, bpc;
    std::string enc, interp;
    int object;
  };
  std::vector<Row> rows;
  while (std::getline(lines, line)) {
    std::istringstream in(line);
    Row r;
    in >> r.page >> r.num >> r.type >> r.width >> r.height >> r.color >> r.comp >> r.bpc >> r.enc >> r.interp >>
        r.object;
    rows.push_back(r);
  }
  INFO(list.output);
  REQUIRE(rows.size() == 7);  // 3 × logo and its smask, then the photo
  const int logo_object = rows[0].object;
  for (int i : {0, 2, 4}) {
    CHECK(rows[i].type == "image");
    CHECK(rows[i].width == 160);
    CHECK(rows[i].height == 48);
    CHECK(rows[i].color == "rgb");
    CHECK(rows[i].bpc == 8);
    CHECK(rows[i].object == logo_object);
    CHECK(rows[i + 1].type == "smask");
    CHECK(rows[i + 1].color == "gray");
    CHECK(rows[i + 1].object == logo_object);  // pdfimages names a mask by the image it belongs to
  }
  CHECK(rows[0].page == 1);
  CHECK(rows[2].page == 2);
  CHECK(rows[4].page == 3);
  CHECK(rows[6].page == 3);
  CHECK(rows[6].type == "image");
  CHECK(rows[6].width == 200);
  CHECK(rows[6].height == 60);
  CHECK(rows[6].color == "gray");
  CHECK(rows[6].enc == "jpeg");
  CHECK(rows[6].object != logo_object);

  // mupdf renders it without complaint (a build without ICC support says so; that is not about the file)
  const auto draw = Run("mutool draw -q -o '" + (dir.path() / "p%d.png").string() + "' '" + path.string() +
                        "' 2>&1 | grep -v 'ICC support is not available'");
  CHECK(draw.output.empty());
  CHECK(std::filesystem::exists(dir.path() / "p3.png"));
}

TEST_CASE("image dictionaries name their colour space, filter and mask", "[pdf]") {
  TempDir dir;
  WriteFile(dir.path() / "cmyk.jpg", MakeJpeg(3, 2, 4, std::string(24, '\x10')));
  WriteFile(dir.path() / "gray.png", MakePng(2, 1, 1, std::string("\x00\xff", 2)));
  ImageLibrary library;
  const Image* cmyk = library.Load("cmyk.jpg", dir.path().string()).image;
  const Image* gray = library.Load("gray.png", dir.path().string()).image;
  REQUIRE(cmyk != nullptr);
  REQUIRE(gray != nullptr);
  text::FontLibrary fonts;
  pdf::Options options;
  options.images = &library;
  const std::string bytes = WriteDocument(
      fonts, options, {{PageWith({Draw(cmyk->id, 0, 0, 3'000, 2'000), Draw(gray->id, 0, 5'000, 2'000, 1'000)})}});
  CHECK(Count(bytes,
              "<</Type/XObject/Subtype/Image/Width 3/Height 2/ColorSpace/DeviceCMYK/BitsPerComponent 8"
              "/Decode[1 0 1 0 1 0 1 0]/Filter/DCTDecode/Length ") == 1);
  CHECK(Count(bytes,
              "<</Type/XObject/Subtype/Image/Width 2/Height 1/ColorSpace/DeviceGray/BitsPerComponent 8"
              "/Length ") == 1);
  CHECK(Count(bytes, "/SMask") == 0);
  CHECK(Count(bytes, "/XObject<</Im" + std::to_string(std::min(cmyk->id, gray->id)) + " ") == 1);
  TempDir out;
  WriteFile(out.path() / "f.pdf", bytes);
  const auto check = Run("qpdf --check '" + (out.path() / "f.pdf").string() + "'");
  CHECK(check.status == 0);
  CHECK(check.output.find("WARNING") == std::string::npos);
}

TEST_CASE("per-record files each carry the image they draw", "[pdf]") {
  Fixture f;
  text::FontLibrary fonts;
  pdf::Options options;
  options.images = &f.library;
  const frame::Image logo = Draw(f.logo->id, 56'693, 56'693, 113'386, 34'016);
  const std::string one = WriteDocument(fonts, options, {{PageWith({logo})}});
  const std::string two = WriteDocument(fonts, options, {{PageWith({logo})}});
  CHECK(one == two);
  CHECK(Count(one, "/Subtype/Image") == 2);
  // without an image library nothing is drawn or embedded
  pdf::Options plain;
  const std::string none = WriteDocument(fonts, plain, {{PageWith({logo})}});
  CHECK(Count(none, "/Subtype/Image") == 0);
  CHECK(Count(none, "/Im") == 0);
}

}  // namespace
}  // namespace missive::media

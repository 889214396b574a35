// `missive preview` as users run it: files written, bytes equal to the renderer's, exit codes and messages.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "runtime/render/png/png.h"
#include "tests/render/render_support.h"

namespace missive::render_test {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit = -1;
  std::string out, err;
};

Outcome Missive(const std::string& args, const std::string& dir) {
  const std::string command =
      std::string("'") + MISSIVE_BIN + "' " + args + " >'" + dir + "/stdout' 2>'" + dir + "/stderr'";
  const int status = std::system(command.c_str());
  Outcome o;
  o.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = ReadFile(dir + "/stdout");
  o.err = ReadFile(dir + "/stderr");
  return o;
}

std::string Template(const std::string& example = "statement") {
  return "'" + SourceDir() + "/examples/" + example + "/" + example + ".msv'";
}
std::string RecordPath(const std::string& name) {
  return "'" + SourceDir() + "/tests/render/records/" + name + ".json'";
}

std::string Expected(const std::string& name, std::size_t page, double dpi) {
  const GoldenRecord& record = Record(name);
  const auto pages = RecordPages(record);
  REQUIRE(page <= pages.size());
  return PreviewPng(Example::Get(record.example), pages[page - 1], static_cast<std::uint32_t>(pages.size()), dpi);
}

/// A copy of examples/<example> in `dir` whose template has its first `from` replaced by `to`; its path.
std::string CopyExample(const std::string& example, const std::string& dir, const std::string& from,
                        const std::string& to) {
  fs::copy(SourceDir() + "/examples/" + example, dir + "/" + example, fs::copy_options::recursive);
  const std::string path = dir + "/" + example + "/" + example + ".msv";
  std::string text = ReadFile(path);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  WriteFile(path, text);
  return path;
}

TEST_CASE("preview --page all writes OUT-1.png, OUT-2.png", "[cli]") {
  const std::string dir = TempDir("cli-all");
  const auto o = Missive("preview " + Template() + " --data " + RecordPath("de_two_pages") +
                             " --page all --dpi 50 --png '" + dir + "/out.png'",
                         dir);
  INFO(o.err);
  REQUIRE(o.exit == 0);
  CHECK(o.out == dir + "/out-1.png\n" + dir + "/out-2.png\n");
  CHECK(o.err.empty());
  CHECK_FALSE(fs::exists(dir + "/out.png"));
  CHECK(ReadFile(dir + "/out-1.png") == Expected("de_two_pages", 1, 50));
  CHECK(ReadFile(dir + "/out-2.png") == Expected("de_two_pages", 2, 50));
}

TEST_CASE("preview writes the first page at 96 dpi by default", "[cli]") {
  const std::string dir = TempDir("cli-default");
  const auto o =
      Missive("preview " + Template() + " --data " + RecordPath("en_one_page") + " --png '" + dir + "/p.png'", dir);
  INFO(o.err);
  REQUIRE(o.exit == 0);
  const std::string bytes = ReadFile(dir + "/p.png");
  CHECK(bytes == Expected("en_one_page", 1, 96));
  const auto raster = DecodePng(bytes);
  REQUIRE(raster);
  CHECK(raster->width == 794);
  CHECK(raster->height == 1123);
}

TEST_CASE("preview --page N writes that page only", "[cli]") {
  const std::string dir = TempDir("cli-page");
  const auto o = Missive("preview " + Template() + " --data " + RecordPath("ar_two_pages") +
                             " --page 2 --dpi 50 --png '" + dir + "/second.png'",
                         dir);
  INFO(o.err);
  REQUIRE(o.exit == 0);
  CHECK(o.out == dir + "/second.png\n");
  CHECK(ReadFile(dir + "/second.png") == Expected("ar_two_pages", 2, 50));
  CHECK_FALSE(fs::exists(dir + "/second-1.png"));
}

TEST_CASE("preview of a page the record does not have is a usage error", "[cli]") {
  const std::string dir = TempDir("cli-no-page");
  const auto o = Missive(
      "preview " + Template() + " --data " + RecordPath("de_two_pages") + " --page 3 --png '" + dir + "/x.png'", dir);
  CHECK(o.exit == 2);
  CHECK(o.err == "missive preview: the record has 2 pages, not page 3\n");
  CHECK_FALSE(fs::exists(dir + "/x.png"));
  const auto zero = Missive(
      "preview " + Template() + " --data " + RecordPath("de_two_pages") + " --page 0 --png '" + dir + "/x.png'", dir);
  CHECK(zero.exit == 2);
  CHECK(zero.err == "missive preview: --page wants a page number (1, 2, …) or `all`, found `0`\n");
}

TEST_CASE("a rejected record prints its reasons and exits 1", "[cli]") {
  const std::string dir = TempDir("cli-reject");
  WriteFile(dir + "/bad.json", "{\"id\": \"X\", \"name\": \"A\", \"language\": \"en\"}\n");
  const auto o = Missive("preview " + Template() + " --data '" + dir + "/bad.json' --png '" + dir + "/x.png'", dir);
  CHECK(o.exit == 1);
  CHECK(o.out.empty());
  CHECK(o.err ==
        "missive preview: the record is rejected:\n"
        "  missing required field `consent`\n"
        "  missing required field `account`\n");
  CHECK_FALSE(fs::exists(dir + "/x.png"));
}

TEST_CASE("a template with errors prints its diagnostics and exits 1", "[cli]") {
  const std::string dir = TempDir("cli-bad-template");
  WriteFile(dir + "/bad.msv", "garbage here\n");
  const auto o =
      Missive("preview '" + dir + "/bad.msv' --data " + RecordPath("en_one_page") + " --png '" + dir + "/x.png'", dir);
  CHECK(o.exit == 1);
  CHECK(o.err.find("error[M0101]: unexpected `garbage` at the top level") != std::string::npos);
  CHECK_FALSE(fs::exists(dir + "/x.png"));
}

TEST_CASE("preview draws a letter's images, as the renderer does with the program's library", "[cli]") {
  const std::string dir = TempDir("cli-letter");
  const auto o = Missive("preview " + Template("letter") + " --data " + RecordPath("letter_de_second") +
                             " --dpi 50 --png '" + dir + "/l.png'",
                         dir);
  INFO(o.err);
  REQUIRE(o.exit == 0);
  CHECK(o.err.empty());
  const std::string bytes = ReadFile(dir + "/l.png");
  CHECK(bytes == Expected("letter_de_second", 1, 50));
  // The same page without its library draws no images: the bytes differ.
  const auto pages = RecordPages(Record("letter_de_second"));
  png::PageRasterizer without(Example::Get("letter").fonts);
  std::string error;
  const auto plain = without.RenderPng(pages[0], {50, 1}, &error);
  REQUIRE(plain);
  CHECK(bytes != *plain);
}

TEST_CASE("a missing image stops the preview as it stops the template check", "[cli]") {
  const std::string dir = TempDir("cli-missing-image");
  const std::string letter = CopyExample("letter", dir, "images/signature.jpg", "images/gone.jpg");
  const auto o =
      Missive("preview '" + letter + "' --data " + RecordPath("letter_en_first") + " --png '" + dir + "/x.png'", dir);
  CHECK(o.exit == 1);
  CHECK(o.out.empty());
  CHECK(o.err.rfind(letter + ":", 0) == 0);
  CHECK(o.err.find(": error[M0901]: image `images/gone.jpg` not found (looked in " + dir + "/letter/images)\n") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir + "/x.png"));
}

TEST_CASE("a page background is noted on stderr, not drawn", "[cli]") {
  // Letterheads are PDF pages: drawing them needs a PDF rasteriser, so the preview says it leaves them out.
  const std::string dir = TempDir("cli-background");
  const std::string statement =
      CopyExample("statement", dir, "page A4 margin 20mm ", "page A4 margin 20mm background \"letterhead.pdf\" ");
  const auto o = Missive(
      "preview '" + statement + "' --data " + RecordPath("en_one_page") + " --dpi 50 --png '" + dir + "/p.png'", dir);
  CHECK(o.exit == 0);
  CHECK(o.out == dir + "/p.png\n");
  CHECK(o.err == "missive preview: note: the page background `" + dir +
                     "/statement/letterhead.pdf` is not drawn in previews (the PDF from `missive run` has it)\n");
  CHECK(ReadFile(dir + "/p.png") == Expected("en_one_page", 1, 50));
}

TEST_CASE("an unreadable record file is a usage error", "[cli]") {
  const std::string dir = TempDir("cli-no-data");
  const auto o = Missive("preview " + Template() + " --data '" + dir + "/none.json' --png '" + dir + "/x.png'", dir);
  CHECK(o.exit == 2);
  CHECK(o.err == "missive preview: cannot read " + dir + "/none.json\n");
}

}  // namespace
}  // namespace missive::render_test

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

std::string Template() { return "'" + SourceDir() + "/examples/statement/statement.msv'"; }
std::string Record(const std::string& name) { return "'" + SourceDir() + "/tests/render/records/" + name + ".json'"; }

std::string Expected(const std::string& name, std::size_t page, double dpi) {
  const auto pages = Statement::Get().Compose(ReadFile(SourceDir() + "/tests/render/records/" + name + ".json"));
  REQUIRE(page <= pages.size());
  png::PageRasterizer rasterizer(Statement::Get().fonts);
  std::string error;
  const auto bytes = rasterizer.RenderPng(pages[page - 1], {dpi, static_cast<std::uint32_t>(pages.size())}, &error);
  REQUIRE(bytes);
  return *bytes;
}

TEST_CASE("preview --page all writes OUT-1.png, OUT-2.png", "[cli]") {
  const std::string dir = TempDir("cli-all");
  const auto o = Missive("preview " + Template() + " --data " + Record("de_two_pages") +
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
      Missive("preview " + Template() + " --data " + Record("en_one_page") + " --png '" + dir + "/p.png'", dir);
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
  const auto o = Missive("preview " + Template() + " --data " + Record("ar_two_pages") + " --page 2 --dpi 50 --png '" +
                             dir + "/second.png'",
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
      "preview " + Template() + " --data " + Record("de_two_pages") + " --page 3 --png '" + dir + "/x.png'", dir);
  CHECK(o.exit == 2);
  CHECK(o.err == "missive preview: the record has 2 pages, not page 3\n");
  CHECK_FALSE(fs::exists(dir + "/x.png"));
  const auto zero = Missive(
      "preview " + Template() + " --data " + Record("de_two_pages") + " --page 0 --png '" + dir + "/x.png'", dir);
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
      Missive("preview '" + dir + "/bad.msv' --data " + Record("en_one_page") + " --png '" + dir + "/x.png'", dir);
  CHECK(o.exit == 1);
  CHECK(o.err.find("error[M0101]: unexpected `garbage` at the top level") != std::string::npos);
  CHECK_FALSE(fs::exists(dir + "/x.png"));
}

TEST_CASE("an unreadable record file is a usage error", "[cli]") {
  const std::string dir = TempDir("cli-no-data");
  const auto o = Missive("preview " + Template() + " --data '" + dir + "/none.json' --png '" + dir + "/x.png'", dir);
  CHECK(o.exit == 2);
  CHECK(o.err == "missive preview: cannot read " + dir + "/none.json\n");
}

}  // namespace
}  // namespace missive::render_test

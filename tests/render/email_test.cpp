// The statement email as headless Chromium (Debian's package) draws it at 600 and 375 CSS pixels:
// screenshots against golden images in tests/render/golden/ (MISSIVE_UPDATE=1 rewrites them), and no
// text wider than the window. Chromium updates move pixels, so the comparison is on blurred ink and on
// ink with no counterpart, as for poppler; a missing button fails it.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "tests/render/render_support.h"
#include "tests/support.h"

namespace missive::render_test {
namespace {

namespace fs = std::filesystem;

bool Updating() {
  const char* update = std::getenv("MISSIVE_UPDATE");
  return update != nullptr && std::string(update) == "1";
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

/// `missive preview --channel email` of a record: the PNG's bytes; the HTML beside it.
std::string PreviewEmail(const std::string& tpl, const std::string& record, int width, const fs::path& png) {
  const auto r = testing::Run(Quote(MISSIVE_BIN) + " preview " + Quote(tpl) + " --data " +
                              Quote(SourceDir() + "/tests/render/records/" + record + ".json") +
                              " --channel email --width " + std::to_string(width) + " --png " + Quote(png.string()));
  INFO(r.output);
  REQUIRE(r.status == 0);
  return ReadFile(png.string());
}

std::string Statement() { return SourceDir() + "/examples/statement/statement.msv"; }

std::string Chromium() {
  const char* set = std::getenv("MISSIVE_CHROMIUM");
  return set != nullptr && *set != '\0' ? set : "chromium";
}

/// Chromium's verdict on overflow at `width`: every element whose box reaches past the window or whose
/// content is wider than its box, as "tag.class:text" (empty when none).
std::string Overflowing(const fs::path& html, int width, const fs::path& dir) {
  std::string page = ReadFile(html.string());
  const std::string probe =
      "<script>window.addEventListener('load',()=>{const bad=[];const w=document.documentElement.clientWidth;"
      "for(const e of document.body.querySelectorAll('*')){const r=e.getBoundingClientRect();"
      "if(getComputedStyle(e).display==='none'||r.width===0)continue;"
      "if(r.right>w+0.5||r.left<-0.5||e.scrollWidth>e.clientWidth+1&&e.clientWidth>0)"
      "bad.push(e.tagName+':'+(e.textContent||'').trim().slice(0,30));}"
      "document.body.setAttribute('data-overflow',bad.join('|'));});</script>";
  page.insert(page.rfind("</body>"), probe);
  const fs::path probed = dir / "probed.html";
  WriteFile(probed.string(), page);
  const auto r = testing::Run(Chromium() +
                              " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
                              "--user-data-dir=" +
                              Quote((dir / "profile").string()) + " --window-size=" + std::to_string(width) +
                              ",3000 --dump-dom " + Quote("file://" + probed.string()) + " 2>/dev/null");
  REQUIRE(r.status == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.output, m, std::regex("data-overflow=\"([^\"]*)\"")));
  return m[1];
}

/// Ink moved or missing (blurred and unmatched ink), or colour changed over more than 1 % of the
/// pixels (a recoloured button: 1.7 %); glyph antialiasing drift stays below both.
bool WithinEmailTolerance(const Difference& d) {
  return d.same_size && d.blurred_mean < kPopplerMaxBlurredMean && d.blurred_worst_tile < 40 && d.unmatched < 0.0002 &&
         d.differing < 0.01;
}

}  // namespace

TEST_CASE("the statement email drawn by Chromium matches its golden images at 600 and 375 px", "[email]") {
  testing::TempDir dir;
  for (const auto& [record, width] : std::vector<std::pair<std::string, int>>{
           {"email_en", 600}, {"email_en", 375}, {"email_de", 375}, {"email_ar", 600}, {"email_ar", 375}}) {
    const std::string name = record + "-" + std::to_string(width);
    INFO(name);
    const fs::path png = dir.path() / (name + ".png");
    const std::string bytes = PreviewEmail(Statement(), record, width, png);
    const std::string golden_path = SourceDir() + "/tests/render/golden/" + name + ".png";
    if (Updating()) WriteFile(golden_path, bytes);
    const auto ours = DecodePng(bytes);
    const auto golden = DecodePng(ReadFile(golden_path));
    REQUIRE(ours);
    REQUIRE(golden);
    CHECK(ours->width == width);
    const Difference d = Compare(*ours, *golden);
    INFO(Describe(d));
    CHECK(WithinEmailTolerance(d));
    // nothing wider than the window: not the table of transactions, not the summary box
    CHECK(Overflowing(dir.path() / (name + ".html"), width, dir.path()) == "");
  }
}

TEST_CASE("an email without its button, or with a button of another colour, fails the comparison", "[email]") {
  testing::TempDir dir;
  fs::copy(SourceDir() + "/examples/statement", dir.path() / "statement", fs::copy_options::recursive);
  const fs::path tpl = dir.path() / "statement" / "statement.msv";
  const std::string original = ReadFile(tpl.string());
  const auto golden = DecodePng(ReadFile(SourceDir() + "/tests/render/golden/email_en-600.png"));
  REQUIRE(golden);
  for (const bool remove : {true, false}) {
    std::string text = original;
    if (remove) {
      const auto at = text.find("    button \"View your account\"");
      REQUIRE(at != std::string::npos);
      text.erase(at, text.find('\n', at) - at);
    } else {
      const auto at = text.find("style cta    { background: #1F6FB2");
      REQUIRE(at != std::string::npos);
      text.replace(at, 34, "style cta    { background: #C0392B");
    }
    WriteFile(tpl.string(), text);
    const auto ours = DecodePng(PreviewEmail(tpl.string(), "email_en", 600, dir.path() / "x.png"));
    REQUIRE(ours);
    const Difference d = Compare(*ours, *golden);
    INFO((remove ? "removed: " : "recoloured: ") << Describe(d));
    CHECK(d.same_size != remove);
    CHECK_FALSE(WithinEmailTolerance(d));
  }
}

TEST_CASE("text wider than the window is found", "[email]") {
  testing::TempDir dir;
  const fs::path html = dir.path() / "wide.html";
  WriteFile(html.string(), "<!doctype html><html><body><table><tr><td style=\"white-space:nowrap\">" +
                               std::string(120, 'W') + "</td></tr></table></body></html>");
  CHECK(Overflowing(html, 375, dir.path()) != "");
}

}  // namespace missive::render_test

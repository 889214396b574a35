// Content streams: exact operators for text, paths and page totals; glyph positions replayed
// independently; the glyph/text pairs collected for ToUnicode.
#include <hb.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>

#include "runtime/render/pdf/writer.h"
#include "tests/pdf/pdf_test_util.h"

namespace missive::pdf {
namespace {

using testing::Shape;

constexpr frame::Unit kA4Width = 595'276, kA4Height = 841'890;

using testing::Fonts;

std::uint32_t GlyphOf(frame::FontId font, char32_t cp) {
  hb_codepoint_t glyph = 0;
  hb_font_get_nominal_glyph(static_cast<hb_font_t*>(Fonts().HbFont(font)), cp, &glyph);
  return glyph;
}

/// The font's advance in millipoints at `size`, computed in floating point (independently of the writer).
double AdvanceMp(frame::FontId font, std::uint32_t glyph, frame::Unit size) {
  auto* hb_font = static_cast<hb_font_t*>(Fonts().HbFont(font));
  int x_scale = 0, y_scale = 0;
  hb_font_get_scale(hb_font, &x_scale, &y_scale);
  return static_cast<double>(hb_font_get_glyph_h_advance(hb_font, glyph)) * size / x_scale;
}

frame::Page PageWith(std::vector<frame::Item> items) {
  frame::Page page;
  page.width = kA4Width;
  page.height = kA4Height;
  page.items = std::move(items);
  return page;
}

RenderedPage RenderPlain(const frame::Page& page) {
  Options options;
  options.deflate_level = 0;
  PageRenderer renderer(Fonts(), options);
  return renderer.Render(page);
}

/// The codes of glyphs in DejaVu Sans's compact encoding, as the writer puts them into literal strings
/// (for ids needing no escape): 0x80 + id below 128, else two bytes (id - 128 below 256, else id).
std::string Codes(std::initializer_list<std::uint32_t> glyphs) {
  std::string out;
  for (std::uint32_t g : glyphs) {
    if (g < 0x80) {
      out += static_cast<char>(0x80 + g);
      continue;
    }
    const std::uint32_t code = g < 0x100 ? g - 0x80 : g;
    out += static_cast<char>(code >> 8);
    out += static_cast<char>(code & 0xFF);
  }
  return out;
}

/// Replays one "[(…)n(…)]TJ" array of compact codes: origin x (mp, relative to the run start) of every
/// glyph drawn.
std::vector<double> ReplayTj(std::string_view tj, frame::FontId font, frame::Unit size) {
  std::vector<double> origins;
  double pen = 0;
  std::size_t i = 0;
  while (i < tj.size()) {
    char c = tj[i];
    if (c == '(') {
      std::string bytes;
      for (++i; tj[i] != ')'; ++i) {
        if (tj[i] == '\\') {
          ++i;
          bytes += tj[i] == 'r' ? '\r' : tj[i];
        } else {
          bytes += tj[i];
        }
      }
      ++i;
      for (std::size_t k = 0; k < bytes.size();) {
        const auto lead = static_cast<unsigned char>(bytes[k]);
        std::uint32_t glyph = lead - 0x80u;  // a one-byte code
        if (lead < 0x80) {
          if (k + 1 == bytes.size()) break;
          const auto code = static_cast<std::uint32_t>(lead << 8 | static_cast<unsigned char>(bytes[k + 1]));
          glyph = code < 0x80 ? code + 0x80 : code;
          ++k;
        }
        ++k;
        origins.push_back(pen);
        pen += AdvanceMp(font, glyph, size);
      }
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < tj.size() && (tj[end] == '-' || tj[end] == '.' || (tj[end] >= '0' && tj[end] <= '9'))) ++end;
      double adjust = std::strtod(std::string(tj.substr(i, end - i)).c_str(), nullptr);
      pen -= adjust / 1000.0 * size;
      i = end;
    } else {
      ++i;
    }
  }
  return origins;
}

TEST_CASE("a run with the font's own advances is one TJ string, placed by Td in PDF space") {
  std::uint32_t a = GlyphOf(0, 'A'), v = GlyphOf(0, 'V');
  REQUIRE(a == 36);
  REQUIRE(v == 57);
  frame::GlyphRun run;
  run.font = 0;
  run.size = 10'000;
  run.x = 72'000;
  run.y = 100'000;
  run.Edit().glyphs = {a, v, a};
  for (std::uint32_t g : run->glyphs)
    run.Edit().advances.push_back(static_cast<frame::Unit>(std::lround(AdvanceMp(0, g, 10'000))));
  run.Edit().clusters = {0, 1, 2};
  run.Edit().text = "AVA";
  RenderedPage page = RenderPlain(PageWith({run}));
  CHECK_FALSE(page.compressed);
  CHECK(page.content == "BT\n/F0 10 Tf\n72 741.89 Td\n[(" + Codes({36, 57, 36}) + ")]TJ\nET\n");
  CHECK(page.uncompressed_size == page.content.size());
  REQUIRE(page.fonts == std::vector<frame::FontId>{0});
  REQUIRE(page.glyphs.size() == 2);
  CHECK(page.glyphs[0].glyph == 36);
  CHECK(page.glyphs[0].text == "A");
  CHECK(page.glyphs[1].glyph == 57);
  CHECK(page.glyphs[1].text == "V");
  CHECK_FALSE(page.uses_page_total);
}

TEST_CASE("TJ adjustments put every glyph on the frame's position to a hundredth of a point") {
  frame::GlyphRun run = Shape(Fonts(), 0, "AVAVA Typography, kerning: To Wa.", 11'500, 56'693, 200'000);
  // Spread some glyphs apart by odd amounts, as justification or letter spacing would.
  for (std::size_t i = 0; i < run.Edit().advances.size(); i += 3) run.Edit().advances[i] += 1'237;
  RenderedPage page = RenderPlain(PageWith({run}));
  std::size_t open = page.content.find('['), close = page.content.find("]TJ");
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  CHECK(page.content.find("56.693 641.89 Td\n") != std::string::npos);
  std::vector<double> origins = ReplayTj(std::string_view(page.content).substr(open, close - open), 0, 11'500);
  REQUIRE(origins.size() == run->glyphs.size());
  // Within kPenTolerance (10 mp) of the writer's integer model, whose widths are rounded to 1e-6 em
  // (at most 0.006 mp per glyph at this size).
  double expected = 0;
  for (std::size_t i = 0; i < origins.size(); ++i) {
    INFO("glyph " << i);
    CHECK(std::abs(origins[i] - expected) <= 10 + 0.006 * static_cast<double>(i));
    expected += run->advances[i];
  }
}

TEST_CASE("advances that only round the font's widths to millipoints need no TJ adjustment") {
  // Digits have no kerning: the frame's advances are the widths rounded (6.362 pt for 6.3623). With
  // a half-millipoint bound every second digit carried a `0.06` adjustment undoing that rounding.
  frame::GlyphRun run = Shape(Fonts(), 0, "2026-10-07 1234567890", 10'000, 56'693, 200'000);
  RenderedPage page = RenderPlain(PageWith({run}));
  std::size_t open = page.content.find('['), close = page.content.find("]TJ");
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  std::string_view array = std::string_view(page.content).substr(open + 1, close - open - 1);
  CHECK(array.front() == '(');
  CHECK(array.back() == ')');
  CHECK(array.find(")") == array.size() - 1);  // one string: no number between glyphs
}

TEST_CASE("glyph codes escape string delimiters, backslash and carriage return") {
  frame::GlyphRun run;
  run.font = 0;
  run.size = 10'000;
  run.y = kA4Height;
  run.Edit().glyphs = {0x2829, 0x5C0D, 0x0A41};
  RenderedPage page = RenderPlain(PageWith({run}));
  CHECK(page.content == "BT\n/F0 10 Tf\n[(\\(\\)\\\\\\r\nA)]TJ\nET\n");
}

TEST_CASE("glyph offsets: x through TJ numbers, y through text rise reset afterwards") {
  frame::GlyphRun run;
  run.font = 0;
  run.size = 10'000;
  run.x = 0;
  run.y = kA4Height;
  std::uint32_t a = GlyphOf(0, 'A');
  run.Edit().glyphs = {a, a, a};
  auto width = static_cast<frame::Unit>(std::lround(AdvanceMp(0, a, 10'000)));
  run.Edit().advances = {width, 0, width};
  run.Edit().x_offsets = {0, -3'000, 0};
  run.Edit().y_offsets = {0, 2'500, 0};
  run.Edit().clusters = {0, 0, 1};
  run.Edit().text = "AB";
  RenderedPage page = RenderPlain(PageWith({run}));
  // 'A' is 1401/2048 em: 6840.82 mp at 10 pt, rounded to 6841 in the frame. The second glyph sits
  // 3 pt left of the pen (at 3841) and 2.5 pt up; the third back on the pen (at 6841). The exact
  // adjustments are 299.982 and 384.082: whole numbers land within the tolerance and are shorter.
  REQUIRE(width == 6'841);
  const std::string a_code = Codes({36});
  CHECK(page.content ==
        "BT\n/F0 10 Tf\n[(" + a_code + ")]TJ\n2.5 Ts\n[300(" + a_code + ")]TJ\n0 Ts\n[384(" + a_code + ")]TJ\nET\n");
  std::vector<double> origins = ReplayTj("[(" + a_code + ")300(" + a_code + ")384(" + a_code + ")]", 0, 10'000);
  CHECK(std::abs(origins[1] - 3'841) <= 10);
  CHECK(std::abs(origins[2] - 6'841) <= 10);
  // Both glyphs of the cluster "A" are glyph 36: it maps to the cluster's text once.
  REQUIRE(page.glyphs.size() == 1);
  CHECK(page.glyphs[0].text == "A");
}

TEST_CASE("runs keep font, size and colour state and move by relative Td") {
  frame::GlyphRun first = Shape(Fonts(), 0, "Hi", 10'000, 72'000, 100'000);
  frame::GlyphRun second = Shape(Fonts(), 0, "Hi", 10'000, 72'000, 112'000);
  second.color = {255, 0, 0};
  frame::GlyphRun third = Shape(Fonts(), 0, "Hi", 12'000, 172'000, 112'000);
  third.color = {128, 64, 255};
  RenderedPage page = RenderPlain(PageWith({first, second, third}));
  const std::string hi = "[(" + Codes({43, 76}) + ")]TJ\n";
  CHECK(page.content == "BT\n/F0 10 Tf\n72 741.89 Td\n" + hi + "1 0 0 rg\n0 -12 Td\n" + hi +
                            "/F0 12 Tf\n0.502 0.251 1 rg\n100 0 Td\n" + hi + "ET\n");
}

TEST_CASE("runs on one baseline in one font, size and colour share a TJ array: a gap is one number") {
  // A table row: three cells, then the next row's first cell (a new line: Td) and a red cell.
  frame::GlyphRun date = Shape(Fonts(), 0, "2026-10-07", 10'000, 60'693, 100'000);
  frame::GlyphRun text = Shape(Fonts(), 0, "Typography", 10'000, 128'724, 100'000);
  frame::GlyphRun amount = Shape(Fonts(), 0, "12.50", 10'000, 500'000, 100'000);
  frame::GlyphRun next = Shape(Fonts(), 0, "2026-10-08", 10'000, 60'693, 118'000);
  frame::GlyphRun red = Shape(Fonts(), 0, "Hi", 10'000, 128'724, 118'000);
  red.color = {255, 0, 0};
  RenderedPage page = RenderPlain(PageWith({date, text, amount, next, red}));
  const std::string& c = page.content;
  REQUIRE(c.rfind("BT\n/F0 10 Tf\n60.693 741.89 Td\n[(", 0) == 0);
  const std::size_t first_end = c.find("]TJ\n");
  REQUIRE(first_end != std::string::npos);
  CHECK(c.substr(first_end) == "]TJ\n0 -18 Td\n[(" + Codes({21, 19, 21, 25, 16, 20, 19, 16, 19, 27}) +
                                   ")]TJ\n1 0 0 rg\n68.031 0 Td\n[(" + Codes({43, 76}) + ")]TJ\nET\n");
  // Replayed, every glyph of the row is where the frame put it (to the 10 mp tolerance).
  const std::size_t open = c.find('[');
  std::vector<double> origins = ReplayTj(std::string_view(c).substr(open, first_end - open), 0, 10'000);
  std::vector<double> expected;
  for (const frame::GlyphRun* run : {&date, &text, &amount}) {
    double x = run->x - date.x;
    for (frame::Unit advance : (*run)->advances) {
      expected.push_back(x);
      x += advance;
    }
  }
  REQUIRE(origins.size() == expected.size());
  for (std::size_t i = 0; i < origins.size(); ++i) {
    INFO("glyph " << i);
    CHECK(std::abs(origins[i] - expected[i]) <= 10 + 0.006 * static_cast<double>(i));
  }
}

TEST_CASE("a run starting where the previous one started is drawn there, not after it") {
  // A default-ignorable character shapes as a space glyph with no advance: the next run starts at
  // the same x, while a reader's pen has moved by the space's width.
  frame::GlyphRun mark = Shape(Fonts(), 0, " ", 10'000, 100'000, 100'000);
  mark.Edit().advances = {0};
  frame::GlyphRun word = Shape(Fonts(), 0, "Hi", 10'000, 100'000, 100'000);
  frame::GlyphRun red = word;
  red.color = {255, 0, 0};
  RenderedPage page = RenderPlain(PageWith({mark, word}));
  std::size_t open = page.content.find('['), close = page.content.find("]TJ");
  std::vector<double> origins = ReplayTj(std::string_view(page.content).substr(open, close - open), 0, 10'000);
  REQUIRE(origins.size() == 3);
  CHECK(std::abs(origins[1]) <= 10);  // 'H' on the mark's origin
  // In another colour the array closes; `0 0 Td` brings the pen back to the line's start.
  page = RenderPlain(PageWith({mark, red}));
  CHECK(page.content.find(")]TJ\n1 0 0 rg\n0 0 Td\n[(") != std::string::npos);
}

TEST_CASE("rectangles: fill, stroke, both, rounded corners; lines") {
  frame::Rect fill;
  fill.x = 72'000;
  fill.y = 50'000;
  fill.width = 100'000;
  fill.height = 50'000;
  fill.has_fill = true;
  fill.fill = {255, 0, 0};
  frame::Rect stroke = fill;
  stroke.has_fill = false;
  stroke.stroke_width = 250;
  stroke.stroke = {0, 0, 255};
  frame::Rect rounded = fill;
  rounded.stroke_width = 1'000;
  rounded.radius = 10'000;
  frame::Line line;
  line.x1 = 72'000;
  line.y1 = 841'890;
  line.x2 = 172'000;
  line.y2 = 0;
  line.width = 500;
  RenderedPage page = RenderPlain(PageWith({fill, stroke, rounded, line}));
  CHECK(page.content ==
        "1 0 0 rg\n72 741.89 100 50 re\nf\n"
        "0 0 1 RG\n0.25 w\n72 741.89 100 50 re\nS\n"
        "0 0 0 RG\n1 w\n82 741.89 m\n162 741.89 l\n167.523 741.89 172 746.367 172 751.89 c\n"
        "172 781.89 l\n172 787.413 167.523 791.89 162 791.89 c\n"
        "82 791.89 l\n76.477 791.89 72 787.413 72 781.89 c\n"
        "72 751.89 l\n72 746.367 76.477 741.89 82 741.89 c\nh\nB\n"
        "0.5 w\n72 0 m 172 841.89 l S\n");
}

TEST_CASE("text is closed before paths, and page totals draw the record's form") {
  frame::GlyphRun run = Shape(Fonts(), 0, "Page 1 of ", 9'000, 400'000, 800'000);
  frame::PageTotal total;
  total.font = 0;
  total.size = 9'000;
  total.x = 400'000 + testing::RunWidth(run);
  total.y = 800'000;
  total.width = 20'000;
  frame::PageTotal other = total;
  other.align = 1;
  frame::Rect box;
  box.width = box.height = 1'000;
  box.has_fill = true;
  RenderedPage page = RenderPlain(PageWith({run, total, box, total, other}));
  REQUIRE(total.x == 444'771);
  CHECK(page.content.find("]TJ\nET\nq 1 0 0 1 444.771 41.89 cm /Tot0 Do Q\n0 840.89 1 1 re\nf\n") != std::string::npos);
  CHECK(page.content.find("/Tot1 Do Q\n") != std::string::npos);
  CHECK(page.uses_page_total);
  REQUIRE(page.page_totals.size() == 2);
  CHECK(page.page_totals[1].align == 1);
}

TEST_CASE("cluster text: ligatures, multi-glyph clusters and right-to-left runs") {
  frame::GlyphRun rtl;
  rtl.font = 0;
  rtl.size = 10'000;
  rtl.Edit().glyphs = {101, 102, 103, 104};
  rtl.Edit().advances = {1, 1, 1, 1};
  rtl.Edit().clusters = {4, 2, 2, 0};  // visual order of a right-to-left text
  rtl.Edit().text = "abcdef";
  rtl.rtl = true;
  RenderedPage page = RenderPlain(PageWith({rtl, rtl}));
  // Right-to-left cluster texts are mapped in visual order (readers reverse the line back).
  REQUIRE(page.glyphs.size() == 4);
  CHECK(page.glyphs[0].text == "fe");
  CHECK(page.glyphs[1].text == "dc");
  CHECK(page.glyphs[2].text.empty());
  CHECK(page.glyphs[3].text == "ba");

  frame::GlyphRun lam_alef = rtl;
  lam_alef.Edit().glyphs = {200};
  lam_alef.Edit().advances = {1};
  lam_alef.Edit().clusters = {0};
  lam_alef.Edit().text = "\u0644\u0627\U0001F600";  // lam, alef and a 4-byte code point in one cluster
  RenderedPage arabic = RenderPlain(PageWith({lam_alef}));
  REQUIRE(arabic.glyphs.size() == 1);
  CHECK(arabic.glyphs[0].text == "\U0001F600\u0627\u0644");

  frame::GlyphRun office = Shape(Fonts(), 0, "office", 10'000, 0, 0);
  RenderedPage ligature = RenderPlain(PageWith({office}));
  std::string texts;
  for (const auto& use : ligature.glyphs) texts += "[" + use.text + "]";
  // DejaVu Sans has an "ffi" ligature; without one the letters stay apart.
  if (office->glyphs.size() == 4) {
    CHECK(texts == "[o][ffi][c][e]");
  } else {
    CHECK(texts == "[o][f][i][c][e]");
  }
}

TEST_CASE("content is deflated when a level is given") {
  frame::GlyphRun run = Shape(Fonts(), 0, "Compressed content stream, compressed content stream.", 10'000, 0, 0);
  PageRenderer plain(Fonts(), Options{0, {}, {}});
  PageRenderer deflating(Fonts(), Options{3, {}, {}});
  RenderedPage a = plain.Render(PageWith({run}));
  RenderedPage b = deflating.Render(PageWith({run}));
  CHECK(b.compressed);
  CHECK(static_cast<unsigned char>(b.content[0]) == 0x78);
  CHECK(b.uncompressed_size == a.content.size());
  CHECK(b.content.size() < a.content.size());
}

TEST_CASE("glyphs are listed on every page, or once per record after BeginRecord") {
  Options options;
  options.deflate_level = 0;
  auto glyph_ids = [](const RenderedPage& page) {
    std::vector<std::uint32_t> ids;
    for (const auto& use : page.glyphs) ids.push_back(use.glyph);
    return ids;
  };
  const frame::Page hi = PageWith({Shape(Fonts(), 0, "Hi", 10'000, 72'000, 100'000)});
  const frame::Page him = PageWith({Shape(Fonts(), 0, "Him", 10'000, 72'000, 100'000)});
  const std::uint32_t h = GlyphOf(0, 'H'), i = GlyphOf(0, 'i'), m = GlyphOf(0, 'm');

  PageRenderer per_page(Fonts(), options);
  CHECK(glyph_ids(per_page.Render(hi)) == std::vector<std::uint32_t>{h, i});
  CHECK(glyph_ids(per_page.Render(him)) == std::vector<std::uint32_t>{h, i, m});

  PageRenderer per_record(Fonts(), options);
  per_record.BeginRecord();
  CHECK(glyph_ids(per_record.Render(hi)) == std::vector<std::uint32_t>{h, i});
  CHECK(glyph_ids(per_record.Render(him)) == std::vector<std::uint32_t>{m});  // the record's file has H and i
  per_record.BeginRecord();
  CHECK(glyph_ids(per_record.Render(him)) == std::vector<std::uint32_t>{h, i, m});  // a new record, maybe a new file
}

}  // namespace
}  // namespace missive::pdf

// TextEngine: exact widths, line breaks, alignment, bidi runs, fallback, warnings, cache counts.
#include <hb.h>

#include <catch2/catch.hpp>
#include <thread>

#include "runtime/text/text.h"

using namespace missive::text;

namespace {

constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// The reference width, computed from the font file with HarfBuzz directly: per-glyph font units
// scaled to millipoints and rounded half away from zero.
Unit HbWidth(const char* path, std::string_view text, Unit size = 10'000) {
  hb_blob_t* blob = hb_blob_create_from_file(path);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* font = hb_font_create(face);
  const auto upem = static_cast<std::int64_t>(hb_face_get_upem(face));
  hb_font_set_scale(font, static_cast<int>(upem), static_cast<int>(upem));
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
  hb_buffer_guess_segment_properties(buffer);
  hb_shape(font, buffer, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  std::int64_t total = 0;
  for (unsigned i = 0; i < count; ++i) {
    std::int64_t v = static_cast<std::int64_t>(pos[i].x_advance) * size;
    total += v >= 0 ? (2 * v + upem) / (2 * upem) : -((-2 * v + upem) / (2 * upem));
  }
  hb_buffer_destroy(buffer);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return static_cast<Unit>(total);
}

std::string LineText(const Line& line) {
  std::string out;
  for (const auto& run : line.runs) out += run->text;
  return out;
}

Unit RunWidth(const missive::frame::GlyphRun& run) {
  Unit w = 0;
  for (Unit a : run->advances) w += a;
  return w;
}

StyledSpan Span(std::string_view text, Unit size = 10'000) {
  StyledSpan span;
  span.text = text;
  span.style.size = size;
  return span;
}

ParagraphOptions Wrap(Unit width, Align align = Align::Start) {
  ParagraphOptions options;
  options.max_width = width;
  options.align = align;
  return options;
}

constexpr const char* kFox = "The quick brown fox jumps over the lazy dog";

}  // namespace

TEST_CASE("one line: exact width, metrics and run") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  Paragraph p = *engine.Layout({Span("Hello world")}, ParagraphOptions{});
  REQUIRE(p.lines.size() == 1);
  const Line& line = p.lines[0];
  CHECK(line.width == HbWidth(kDejaVu, "Hello world"));
  CHECK(line.width == 56'059);   // the sum of hmtx advances (no kerning in this text), checked by hand
  CHECK(line.ascent == 9'282);   // 1901 / 2048 em
  CHECK(line.descent == 2'358);  // 483 / 2048 em
  CHECK(line.height == 12'000);  // 10 pt × 1.2
  CHECK(p.height == 12'000);
  CHECK(p.width == line.width);
  REQUIRE(line.runs.size() == 1);
  const auto& run = line.runs[0];
  CHECK(run->text == "Hello world");
  CHECK(run.x == 0);
  CHECK(run.y == 0);
  CHECK(run.font == 0);
  CHECK(run.size == 10'000);
  CHECK_FALSE(run.rtl);
  CHECK(run->clusters == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  CHECK(RunWidth(run) == line.width);
  CHECK(engine.Measure({Span("Hello world")}) == line.width);
  CHECK(engine.Measure({Span("Hello world", 12'000)}) == HbWidth(kDejaVu, "Hello world", 12'000));
}

TEST_CASE("greedy breaking at UAX #14 opportunities, trailing spaces hang") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  const Unit width = HbWidth(kDejaVu, "The quick brown fox");
  // The checks below hold for these widths; make sure the expectation itself is sound.
  REQUIRE(HbWidth(kDejaVu, "The quick brown fox jumps") > width);
  REQUIRE(HbWidth(kDejaVu, "jumps over the lazy") <= width);
  REQUIRE(HbWidth(kDejaVu, "jumps over the lazy dog") > width);
  Paragraph p = *engine.Layout({Span(kFox)}, Wrap(width));
  REQUIRE(p.lines.size() == 3);
  CHECK(LineText(p.lines[0]) == "The quick brown fox");
  CHECK(LineText(p.lines[1]) == "jumps over the lazy");
  CHECK(LineText(p.lines[2]) == "dog");
  CHECK(p.lines[0].width == width);
  CHECK(p.lines[1].width == HbWidth(kDejaVu, "jumps over the lazy"));
  CHECK(p.lines[2].width == HbWidth(kDejaVu, "dog"));
  CHECK(p.height == 36'000);
  CHECK(p.width == width);
  // One millipoint less and "fox" moves down.
  Paragraph q = *engine.Layout({Span(kFox)}, Wrap(width - 1));
  REQUIRE(q.lines.size() >= 2);
  CHECK(LineText(q.lines[0]) == "The quick brown");
  CHECK(LineText(q.lines[1]).rfind("fox", 0) == 0);
}

TEST_CASE("newlines break lines - hyphens offer a break") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  Paragraph p = *engine.Layout({Span("one\ntwo\n\nthree")}, ParagraphOptions{});
  REQUIRE(p.lines.size() == 4);
  CHECK(LineText(p.lines[0]) == "one");
  CHECK(LineText(p.lines[1]) == "two");
  CHECK(p.lines[2].runs.empty());
  CHECK(p.lines[2].height == 12'000);
  CHECK(p.lines[2].ascent == 9'282);
  CHECK(LineText(p.lines[3]) == "three");
  CHECK(p.width == HbWidth(kDejaVu, "three"));

  const Unit width = HbWidth(kDejaVu, "known");
  REQUIRE(width >= HbWidth(kDejaVu, "well-"));
  REQUIRE(width < HbWidth(kDejaVu, "well-known"));
  Paragraph h = *engine.Layout({Span("well-known")}, Wrap(width));
  REQUIRE(h.lines.size() == 2);
  CHECK(LineText(h.lines[0]) == "well-");
  CHECK(LineText(h.lines[1]) == "known");
}

TEST_CASE("a word longer than the line is cut at grapheme boundaries") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  const Unit width = HbWidth(kDejaVu, "abcd");
  REQUIRE(HbWidth(kDejaVu, "abcde") > width);
  // "e" + combining acute is one grapheme and stays together.
  Paragraph p = *engine.Layout({Span("abcde\u0301fghij")}, Wrap(width));
  REQUIRE(p.lines.size() == 3);
  CHECK(LineText(p.lines[0]) == "abcd");
  CHECK(LineText(p.lines[1]).rfind("e\u0301", 0) == 0);
  for (const Line& line : p.lines) CHECK(line.width <= width);
}

TEST_CASE("alignment offsets: right, center, end, justify") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  const Unit box = 100'000;
  const Unit natural = HbWidth(kDejaVu, "Hello world");
  auto x_of = [&](Align align) { return engine.Layout({Span("Hello world")}, Wrap(box, align))->lines[0].runs[0].x; };
  CHECK(x_of(Align::Left) == 0);
  CHECK(x_of(Align::Start) == 0);
  CHECK(x_of(Align::Right) == box - natural);
  CHECK(x_of(Align::End) == box - natural);
  CHECK(x_of(Align::Center) == (box - natural) / 2);
  CHECK(x_of(Align::Justify) == 0);  // a single (last) line is not stretched

  const Unit width = HbWidth(kDejaVu, "The quick brown fox");
  Paragraph p = *engine.Layout({Span(kFox)}, Wrap(width + 5'000, Align::Justify));
  REQUIRE(p.lines.size() == 3);
  CHECK(LineText(p.lines[0]) == "The quick brown fox");
  // The three spaces share 5,000 mp: 1,667 + 1,667 + 1,666.
  const auto& run = p.lines[0].runs[0];
  CHECK(RunWidth(run) == width + 5'000);
  CHECK(run->advances[3] == HbWidth(kDejaVu, " ") + 1'667);
  CHECK(run->advances[9] == HbWidth(kDejaVu, " ") + 1'667);
  CHECK(run->advances[15] == HbWidth(kDejaVu, " ") + 1'666);
  CHECK(p.lines[0].width == width);                                // the natural width is reported
  CHECK(RunWidth(p.lines[2].runs[0]) == HbWidth(kDejaVu, "dog"));  // last line untouched
  CHECK(p.lines[2].runs[0].x == 0);
}

TEST_CASE("an Arabic word inside Latin text: its own RTL run, visually ordered") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  const std::string arabic = "\u0645\u0631\u062D\u0628\u0627";  // مرحبا
  const std::string text = "Hello " + arabic + " world";
  Paragraph p = *engine.Layout({Span(text)}, ParagraphOptions{});
  REQUIRE(p.lines.size() == 1);
  const Line& line = p.lines[0];
  REQUIRE(line.runs.size() == 3);
  CHECK(line.runs[0]->text == "Hello ");
  CHECK_FALSE(line.runs[0].rtl);
  CHECK(line.runs[1]->text == arabic);
  CHECK(line.runs[1].rtl);
  CHECK(line.runs[2]->text == " world");
  // Glyphs of the RTL run in visual order: the last letter (byte 8) comes first.
  CHECK(line.runs[1]->clusters.front() == 8);
  CHECK(line.runs[1]->clusters.back() == 0);
  CHECK(line.runs[1].x == HbWidth(kDejaVu, "Hello "));
  CHECK(line.runs[2].x == line.runs[1].x + HbWidth(kDejaVu, arabic));
  CHECK(line.width == HbWidth(kDejaVu, "Hello ") + HbWidth(kDejaVu, arabic) + HbWidth(kDejaVu, " world"));
}

TEST_CASE("a paragraph starting with Arabic is RTL: runs reversed, Start aligns right") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  const std::string arabic = "\u0645\u0631\u062D\u0628\u0627";
  Paragraph p = *engine.Layout({Span(arabic + " world")}, Wrap(100'000));
  REQUIRE(p.lines.size() == 1);
  const Line& line = p.lines[0];
  REQUIRE(line.runs.size() == 2);
  CHECK(line.runs[0]->text == "world");
  CHECK_FALSE(line.runs[0].rtl);
  CHECK(line.runs[1]->text == arabic + " ");
  CHECK(line.runs[1].rtl);
  CHECK(line.runs[0].x == 100'000 - line.width);
  CHECK(line.runs[1].x == line.runs[0].x + HbWidth(kDejaVu, "world"));
}

TEST_CASE("fallback: a letter DejaVu Sans lacks comes from Noto Sans Arabic") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  const FontId noto_arabic = fonts.Fallbacks().front();
  Paragraph p = *engine.Layout({Span("A\u0750B")}, ParagraphOptions{});  // ݐ, Arabic Supplement
  REQUIRE(p.lines.size() == 1);
  REQUIRE(p.lines[0].runs.size() == 3);
  CHECK(p.lines[0].runs[0].font == 0);
  CHECK(p.lines[0].runs[1].font == noto_arabic);
  CHECK(p.lines[0].runs[1]->text == "\u0750");
  CHECK(p.lines[0].runs[2].font == 0);
  CHECK(p.lines[0].runs[1].x == HbWidth(kDejaVu, "A"));
  CHECK(p.lines[0].width ==
        HbWidth(kDejaVu, "A") + HbWidth(fonts.Info(noto_arabic).path.c_str(), "\u0750") + HbWidth(kDejaVu, "B"));
  // The taller fallback font raises the line's ascent.
  const auto& info = fonts.Info(noto_arabic);
  CHECK(p.lines[0].ascent ==
        std::max<Unit>(
            9'282, static_cast<Unit>((info.ascender * 10'000LL * 2 + info.units_per_em) / (2LL * info.units_per_em))));
  CHECK(engine.TakeWarnings().empty());
}

TEST_CASE("a character no font has warns once - invisible controls never warn") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  Paragraph p = *engine.Layout({Span("a\u0F00b\u0F00")}, ParagraphOptions{});
  REQUIRE(p.lines.size() == 1);
  REQUIRE(p.lines[0].runs.size() == 4);  // split by script, all in the primary font (its .notdef)
  for (const auto& run : p.lines[0].runs) CHECK(run.font == 0);
  CHECK(p.lines[0].runs[1]->glyphs == std::vector<std::uint32_t>{0});
  CHECK(engine.TakeWarnings() == std::vector<std::string>{"no font has a glyph for U+0F00 `\u0F00`"});
  CHECK(engine.TakeWarnings().empty());
  engine.Layout({Span("a\u200Fb\u200Dc\u061Cd\u2066e\u2069")}, ParagraphOptions{});
  CHECK(engine.TakeWarnings().empty());
}

TEST_CASE("spans: sizes and colours per run, line height from the largest") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  StyledSpan big = Span("Big ", 20'000);
  big.style.color = {200, 0, 0};
  Paragraph p = *engine.Layout({Span("small "), big, Span("small")}, ParagraphOptions{});
  REQUIRE(p.lines.size() == 1);
  const Line& line = p.lines[0];
  REQUIRE(line.runs.size() == 3);
  CHECK(line.runs[1].size == 20'000);
  CHECK(line.runs[1].color == missive::frame::Color{200, 0, 0});
  CHECK(line.runs[1].x == HbWidth(kDejaVu, "small "));
  CHECK(line.runs[2].x == HbWidth(kDejaVu, "small ") + HbWidth(kDejaVu, "Big ", 20'000));
  CHECK(line.height == 24'000);
  CHECK(line.ascent == 18'564);  // 1901 / 2048 × 20 pt
}

TEST_CASE("min-content width is the widest word - shaping is cached across calls") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  CHECK(engine.MinContentWidth({Span("a bb extraordinary c")}) == HbWidth(kDejaVu, "extraordinary"));
  CHECK(engine.MinContentWidth({Span("")}) == 0);
  CHECK(engine.Layout({Span("")}, ParagraphOptions{})->lines.empty());

  TextEngine fresh(fonts);
  fresh.Layout({Span("Café de Flore")}, ParagraphOptions{});
  CHECK(fresh.stats().shape_calls == 1);
  CHECK(fresh.stats().cache_hits == 0);
  // at other widths the paragraph is laid out again, from the cached shaping
  for (int i = 0; i < 5; ++i) {
    ParagraphOptions narrow;
    narrow.max_width = 200 * missive::frame::kPt + i;
    fresh.Layout({Span("Café de Flore")}, narrow);
  }
  CHECK(fresh.stats().shape_calls == 1);
  CHECK(fresh.stats().cache_hits == 5);
  // the same paragraph a second time is laid out again (from the cached shaping) and kept: a
  // paragraph is cached from its second sighting on; the third time it is reused whole, and equal to
  // a fresh layout
  fresh.Layout({Span("Café de Flore")}, ParagraphOptions{});
  CHECK(fresh.stats().paragraph_hits == 0);
  CHECK(fresh.stats().cache_hits == 6);
  const Paragraph again = *fresh.Layout({Span("Café de Flore")}, ParagraphOptions{});
  CHECK(fresh.stats().paragraph_hits == 1);
  CHECK(fresh.stats().cache_hits == 6);
  TextEngine other(fonts);
  const Paragraph reference = *other.Layout({Span("Café de Flore")}, ParagraphOptions{});
  REQUIRE(again.lines.size() == reference.lines.size());
  CHECK(again.lines[0].runs[0]->glyphs == reference.lines[0].runs[0]->glyphs);
  CHECK(again.lines[0].runs[0]->advances == reference.lines[0].runs[0]->advances);
  CHECK(again.lines[0].width == reference.lines[0].width);
  // Amounts take the fast path: no HarfBuzz call, no cache entry.
  Paragraph amount = *fresh.Layout({Span("1,234.50")}, ParagraphOptions{});
  CHECK(amount.width == HbWidth(kDejaVu, "1,234.50"));
  CHECK(fresh.stats().shape_calls == 1);
  CHECK(fresh.stats().fast_path_runs == 1);
}

TEST_CASE("hyphenation with the language's dictionary - none without a language") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  const Unit width = HbWidth(kDejaVu, "The hyphen-");
  REQUIRE(HbWidth(kDejaVu, "The hyphena") > width);
  ParagraphOptions en = Wrap(width);
  en.language = "en-US";
  en.hyphenate = true;
  Paragraph p = *engine.Layout({Span("The hyphenation")}, en);
  REQUIRE(p.lines.size() == 2);
  CHECK(LineText(p.lines[0]) == "The hyphen-");
  CHECK(p.lines[0].width == width);
  const auto& run = p.lines[0].runs.back();
  CHECK(run->clusters.back() == run->text.size() - 1);  // the hyphen maps to the "-" appended to the text
  CHECK(LineText(p.lines[1]) == "ation");

  Paragraph plain = *engine.Layout({Span("The hyphenation")}, Wrap(width));
  CHECK(LineText(plain.lines[0]) == "The");
  en.hyphenate = false;  // a language alone does not hyphenate
  CHECK(LineText(engine.Layout({Span("The hyphenation")}, en)->lines[0]) == "The");

  const Unit de_width = HbWidth(kDejaVu, "Kontoaus-");
  ParagraphOptions de = Wrap(de_width);
  de.language = "de-DE";  // German's dictionary takes seconds to load, once per process
  de.hyphenate = true;
  Paragraph k = *engine.Layout({Span("Kontoauszug")}, de);
  REQUIRE(k.lines.size() == 2);
  CHECK(LineText(k.lines[0]) == "Kontoaus-");
  CHECK(LineText(k.lines[1]) == "zug");
  // A language without a dictionary falls back to cutting the word at graphemes.
  de.language = "xx";
  Paragraph x = *engine.Layout({Span("Kontoauszug")}, de);
  REQUIRE(x.lines.size() == 2);
  CHECK(LineText(x.lines[0]).find('-') == std::string::npos);
}

TEST_CASE("an RTL paragraph wraps in logical order, each line right-aligned and reordered") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  // "مرحبا بالعالم مرحبا بالعالم" (hello world, twice)
  const std::string word1 = "\u0645\u0631\u062D\u0628\u0627";
  const std::string word2 = "\u0628\u0627\u0644\u0639\u0627\u0644\u0645";
  const std::string text = word1 + " " + word2 + " " + word1 + " " + word2;
  const Unit box = HbWidth(kDejaVu, word1 + " " + word2);
  REQUIRE(HbWidth(kDejaVu, word1 + " " + word2 + " " + word1) > box);
  Paragraph p = *engine.Layout({Span(text)}, Wrap(box));
  REQUIRE(p.lines.size() == 2);
  for (const Line& line : p.lines) {
    REQUIRE(line.runs.size() == 1);
    CHECK(line.runs[0].rtl);
    CHECK(line.runs[0]->text == word1 + " " + word2);
    CHECK(line.width == box);
    CHECK(line.runs[0].x == 0);
    // Visual order: the first logical letter's glyph is drawn last (rightmost).
    CHECK(line.runs[0]->clusters.back() == 0);
  }
  Paragraph narrow = *engine.Layout({Span(word1 + " " + word2)}, Wrap(box + 10'000, Align::Start));
  REQUIRE(narrow.lines.size() == 1);
  CHECK(narrow.lines[0].runs[0].x == 10'000);  // Start is the right edge in an RTL paragraph
  Paragraph left = *engine.Layout({Span(word1 + " " + word2)}, Wrap(box + 10'000, Align::End));
  CHECK(left.lines[0].runs[0].x == 0);
}

TEST_CASE("a tab shapes as a space - a font id never resolved does not crash") {
  FontLibrary fonts;
  TextEngine engine(fonts);
  Paragraph p = *engine.Layout({Span("a\tb")}, ParagraphOptions{});
  REQUIRE(p.lines.size() == 1);
  CHECK(p.lines[0].width == HbWidth(kDejaVu, "a b"));
  CHECK(engine.TakeWarnings().empty());
  StyledSpan bad = Span("x");
  bad.style.font = 999;
  Paragraph q = *engine.Layout({bad}, ParagraphOptions{});
  REQUIRE(q.lines.size() == 1);
  // The empty font has no glyphs, so the fallback chain supplies one.
  REQUIRE(q.lines[0].runs.size() == 1);
  CHECK(q.lines[0].runs[0].font != 999);
  CHECK(fonts.HasGlyph(q.lines[0].runs[0].font, U'x'));
  CHECK(fonts.Info(999).family == "(no font)");
}

TEST_CASE("results do not depend on what the engine shaped before") {
  FontLibrary fonts;
  const std::string text = "Statement 2026-10-07 \u0645\u0631\u062D\u0628\u0627 1,234.50 EUR Café";
  ParagraphOptions options = Wrap(60'000, Align::Justify);
  options.language = "en";
  options.hyphenate = true;
  TextEngine cold(fonts);
  Paragraph a = *cold.Layout({Span(text)}, options);
  TextEngine warm(fonts);
  for (const char* other : {"State", "2026", "Café de Flore", "1,234.50", "EUR Café"}) {
    warm.Layout({Span(other)}, options);
  }
  Paragraph b = *warm.Layout({Span(text)}, options);
  Paragraph c = *warm.Layout({Span(text)}, options);
  REQUIRE(a.lines.size() == b.lines.size());
  REQUIRE(a.lines.size() == c.lines.size());
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    REQUIRE(a.lines[i].runs.size() == b.lines[i].runs.size());
    CHECK(a.lines[i].width == b.lines[i].width);
    CHECK(a.lines[i].width == c.lines[i].width);
    for (std::size_t r = 0; r < a.lines[i].runs.size(); ++r) {
      CHECK(a.lines[i].runs[r]->glyphs == b.lines[i].runs[r]->glyphs);
      CHECK(a.lines[i].runs[r]->advances == b.lines[i].runs[r]->advances);
      CHECK(a.lines[i].runs[r]->advances == c.lines[i].runs[r]->advances);
      CHECK(a.lines[i].runs[r].x == b.lines[i].runs[r].x);
      CHECK(a.lines[i].runs[r]->text == b.lines[i].runs[r]->text);
    }
  }
  CHECK(warm.stats().cache_hits > 0);
}

TEST_CASE("engines on several threads share one FontLibrary and agree") {
  FontLibrary fonts;
  const std::string text = "Statement \u0645\u0631\u062D\u0628\u0627 2026-10-07 1,234.50 \u0750 Café de Flore";
  std::vector<std::vector<Unit>> widths(3);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < widths.size(); ++t) {
    threads.emplace_back([&, t] {
      TextEngine engine(fonts);
      for (int i = 0; i < 200; ++i) {
        Paragraph p = *engine.Layout({Span(text)}, Wrap(40'000 + 1'000 * (i % 20)));
        Unit sum = 0;
        for (const Line& line : p.lines) sum += line.width * static_cast<Unit>(p.lines.size());
        widths[t].push_back(sum);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(widths[0].size() == 200);
  CHECK(widths[1] == widths[0]);
  CHECK(widths[2] == widths[0]);
}

TEST_CASE("the direct one-line path lays out and measures exactly what the general path does") {
  FontLibrary fonts;
  TextEngine direct(fonts);
  TextEngine general(fonts);
  general.set_one_line_path(false);
  // Plain Latin cells (the direct path's) and their neighbours that must leave it: other scripts,
  // marks, controls, invisible characters, trailing spaces, text wider than the box.
  const std::vector<std::string> texts = {"2026-10-07",
                                          "-1,234.56",
                                          "1.234,56\u00A0€",
                                          "\u221275,21 €",
                                          "2\u202F875,89\u202F€",
                                          "a\u202Ab",
                                          "Café de Flore",
                                          "Straße 12",
                                          "Œuvre ǅ ª º µ × ÷",
                                          "Total: 100 %",
                                          "“quoted” — dash … ‰ ₤ ₹",
                                          "AVAVA To Wa.",
                                          "x",
                                          "a  b",
                                          " leading",
                                          "trailing ",
                                          "non-breaking\u00A0",
                                          "tab\there",
                                          "line\nbreak",
                                          "Ελληνικά",
                                          "Mix Ελλ",
                                          "مرحبا 12",
                                          "soft\u00ADhyphen",
                                          "zero\u200Bwidth",
                                          "ﬁ ligature",
                                          "e\u0301",
                                          "ỹ",
                                          "\u0F00",
                                          "ok \u2066iso\u2069"};
  const Align aligns[] = {Align::Start, Align::End, Align::Center, Align::Justify, Align::Left, Align::Right};
  for (const std::string& text : texts) {
    for (Unit size : {10'000, 8'500}) {
      INFO(text << " size " << size);
      CHECK(direct.Measure({Span(text, size)}) == general.Measure({Span(text, size)}));
    }
    for (Unit width : {0, 30'000, 400'000}) {
      for (Align align : aligns) {
        for (Unit size : {10'000, 8'500}) {
          ParagraphOptions options = Wrap(width, align);
          options.language = "en";
          INFO(text << " width " << width << " align " << static_cast<int>(align) << " size " << size);
          const Paragraph a = *direct.Layout({Span(text, size)}, options);
          const Paragraph b = *general.Layout({Span(text, size)}, options);
          CHECK(a.height == b.height);
          CHECK(a.width == b.width);
          REQUIRE(a.lines.size() == b.lines.size());
          for (std::size_t i = 0; i < a.lines.size(); ++i) {
            const Line& x = a.lines[i];
            const Line& y = b.lines[i];
            CHECK(x.width == y.width);
            CHECK(x.ascent == y.ascent);
            CHECK(x.descent == y.descent);
            CHECK(x.height == y.height);
            REQUIRE(x.runs.size() == y.runs.size());
            for (std::size_t r = 0; r < x.runs.size(); ++r) {
              CHECK(x.runs[r].font == y.runs[r].font);
              CHECK(x.runs[r].size == y.runs[r].size);
              CHECK(x.runs[r].x == y.runs[r].x);
              CHECK(x.runs[r].y == y.runs[r].y);
              CHECK(x.runs[r].rtl == y.runs[r].rtl);
              CHECK(x.runs[r]->glyphs == y.runs[r]->glyphs);
              CHECK(x.runs[r]->advances == y.runs[r]->advances);
              CHECK(x.runs[r]->x_offsets == y.runs[r]->x_offsets);
              CHECK(x.runs[r]->y_offsets == y.runs[r]->y_offsets);
              CHECK(x.runs[r]->clusters == y.runs[r]->clusters);
              CHECK(x.runs[r]->text == y.runs[r]->text);
            }
          }
        }
      }
    }
  }
  // The direct path did take the plain cells that fit (and only those), the general one none.
  CHECK(direct.stats().one_line_paragraphs > 150);
  CHECK(direct.stats().one_line_paragraphs < texts.size() * 3 * 6 * 2 / 2);
  CHECK(general.stats().one_line_paragraphs == 0);
}

// The static-text store: labels shaped once at program build, shared read-only by every engine.
#include "runtime/text/static_shapes.h"

#include <catch2/catch.hpp>
#include <thread>

#include "tests/layout/helpers.h"

namespace missive::layout::testing {
namespace {

// A summary row as statement.msv lays it out (`row { text "Opening balance"; fill; … }`: the label is
// measured for its Auto width, then laid out), and the label once more as a paragraph of its own.
compose::Document LabelDocument(const char* label) {
  auto doc = NewDocument();
  auto row = Kind(BlockKind::Row);
  row->children.push_back(Sized(Para(label), Auto()));
  row->children.push_back(Sized(Kind(BlockKind::Stack), Fr()));
  doc.body.push_back(std::move(row));
  doc.body.push_back(Para(label));
  return doc;
}

std::vector<text::StaticText> Labels(const std::string& language) {
  const Style* base = E().Base();
  return text::StaticShapes::Combine({"Opening balance", "Money in", "Closing balance", "رصيد افتتاحي"},
                                     {text::TextStyle{base->font, base->size, {}}}, {language});
}

TEST_CASE("two engines sharing the static store lay a static label out without calling HarfBuzz") {
  auto store = text::StaticShapes::Build(E().fonts, Labels("en"));
  // Each of the 4 labels under "en" and "" (Measure's language); "GBP" is not static.
  CHECK(store->size() == 8);
  auto doc = LabelDocument("Opening balance");
  Collect reference;
  text::TextEngine plain(E().fonts);
  REQUIRE(LayoutDocument(doc, plain, reference).pages == 1);
  for (int e = 0; e < 2; ++e) {
    text::TextEngine engine(E().fonts, store.get());
    Collect sink;
    REQUIRE(LayoutDocument(doc, engine, sink).pages == 1);
    const auto stats = engine.stats();
    INFO("engine " << e);
    // The label is measured once (language "") and laid out twice (language "en"), all from the store.
    CHECK(stats.static_hits == 3);
    CHECK(stats.shape_calls == 0);
    CHECK(stats.cache_hits == 0);
    // The same glyphs, advances and positions as an engine shaping everything itself.
    const auto ours = Find(sink.pages[0], "Opening balance");
    const auto theirs = Find(reference.pages[0], "Opening balance");
    REQUIRE(ours.size() == 2);
    REQUIRE(theirs.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK((*ours[i])->glyphs == (*theirs[i])->glyphs);
      CHECK((*ours[i])->advances == (*theirs[i])->advances);
      CHECK((*ours[i])->clusters == (*theirs[i])->clusters);
      CHECK(ours[i]->x == theirs[i]->x);
      CHECK(ours[i]->y == theirs[i]->y);
    }
  }
}

TEST_CASE("engines on two threads read the store at once and lay out the same pages") {
  auto store = text::StaticShapes::Build(E().fonts, Labels("en"));
  auto doc = LabelDocument("Closing balance");
  std::vector<frame::Page> first(2);
  std::uint64_t shaped[2] = {0, 0}, hits[2] = {0, 0}, reused[2] = {0, 0};
  auto work = [&](int t) {
    text::TextEngine engine(E().fonts, store.get());
    for (int i = 0; i < 200; ++i) {
      Collect sink;
      LayoutDocument(doc, engine, sink);
      if (i == 0) first[t] = std::move(sink.pages.at(0));
    }
    shaped[t] = engine.stats().shape_calls;
    hits[t] = engine.stats().static_hits;
    reused[t] = engine.stats().paragraph_hits;
  };
  std::thread a(work, 0), b(work, 1);
  a.join();
  b.join();
  for (int t = 0; t < 2; ++t) {
    CHECK(shaped[t] == 0);
    // the label's two paragraphs (in the row and alone) read the store on their first two sightings
    // (the paragraph cache keeps what it sees twice), then come from the cache; its measurement (the
    // row's automatic column) reads the store on every layout
    CHECK(hits[t] == 2 * 2 + 200);
    CHECK(reused[t] == 2 * 198);
  }
  const auto x = Find(first[0], "Closing balance"), y = Find(first[1], "Closing balance");
  REQUIRE(x.size() == 2);
  REQUIRE(y.size() == 2);
  CHECK((*x[0])->glyphs == (*y[0])->glyphs);
  CHECK(x[1]->x == y[1]->x);
}

TEST_CASE("text that is not in the store goes through the engine's own cache") {
  auto store = text::StaticShapes::Build(E().fonts, Labels("en"));
  text::TextEngine engine(E().fonts, store.get());
  auto doc = LabelDocument("Opening balance");
  doc.body.push_back(Para("Card payment 1"));
  doc.body.push_back(Para("Card payment 1"));
  doc.body.push_back(Para("Card payment 1"));
  Collect sink;
  REQUIRE(LayoutDocument(doc, engine, sink).pages == 1);
  CHECK(engine.stats().static_hits == 3);
  CHECK(engine.stats().shape_calls == 1);
  // the second "Card payment 1" is laid out again from the cached run and kept; the third reuses it
  CHECK(engine.stats().paragraph_hits == 1);
  CHECK(engine.stats().cached_runs == 1);
}

TEST_CASE("static runs are keyed by locale: another language shapes through the engine's cache") {
  auto store = text::StaticShapes::Build(E().fonts, Labels("de"));
  text::TextEngine engine(E().fonts, store.get());
  text::ParagraphOptions options;
  options.language = "en";
  const Style* base = E().Base();
  const std::vector<text::StyledSpan> spans = {{"Money in", {base->font, base->size, {}}}};
  engine.Layout(spans, options);
  CHECK(engine.stats().static_hits == 0);
  CHECK(engine.stats().shape_calls == 1);
  options.language = "de";
  engine.Layout(spans, options);
  CHECK(engine.stats().static_hits == 1);
  CHECK(engine.stats().shape_calls == 1);
  // Measuring uses no language: stored too.
  engine.Measure(spans);
  CHECK(engine.stats().static_hits == 2);
}

TEST_CASE("a right-to-left static label is stored as its rtl run and reproduces the engine's output") {
  auto store = text::StaticShapes::Build(E().fonts, Labels("ar"));
  text::TextEngine with_store(E().fonts, store.get());
  text::TextEngine plain(E().fonts);
  text::ParagraphOptions options;
  options.language = "ar";
  const Style* base = E().Base();
  const std::vector<text::StyledSpan> spans = {{"رصيد افتتاحي", {base->font, base->size, {}}}};
  text::Paragraph a = *with_store.Layout(spans, options);
  text::Paragraph b = *plain.Layout(spans, options);
  CHECK(with_store.stats().shape_calls == 0);
  CHECK(with_store.stats().static_hits >= 1);
  REQUIRE(a.lines.size() == 1);
  REQUIRE(b.lines.size() == 1);
  REQUIRE(a.lines[0].runs.size() == b.lines[0].runs.size());
  for (std::size_t i = 0; i < a.lines[0].runs.size(); ++i) {
    CHECK(a.lines[0].runs[i].rtl);
    CHECK(a.lines[0].runs[i]->glyphs == b.lines[0].runs[i]->glyphs);
    CHECK(a.lines[0].runs[i]->advances == b.lines[0].runs[i]->advances);
  }
}

TEST_CASE("an empty static list builds an empty store that changes nothing") {
  auto store = text::StaticShapes::Build(E().fonts, {});
  CHECK(store->size() == 0);
  text::TextEngine engine(E().fonts, store.get());
  const Style* base = E().Base();
  CHECK(engine.Measure({{"Money out", {base->font, base->size, {}}}}) == E().Width("Money out", base));
  CHECK(engine.stats().static_hits == 0);
  CHECK(engine.stats().shape_calls == 1);
}

}  // namespace
}  // namespace missive::layout::testing

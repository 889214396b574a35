// Barcode matrices from libzint and their layout as run-length rectangles.
#include "runtime/media/barcode.h"

#include <catch2/catch.hpp>
#include <string>
#include <variant>

#include "runtime/compose/block.h"
#include "runtime/layout/layout.h"
#include "runtime/text/text.h"

namespace missive::media {
namespace {

std::string Row(const BarcodeMatrix& m, std::uint32_t row, std::uint32_t from, std::uint32_t count) {
  std::string bits;
  for (std::uint32_t c = from; c < from + count; ++c) bits += m.Dark(row, c) ? '1' : '0';
  return bits;
}

std::string Column(const BarcodeMatrix& m, std::uint32_t column) {
  std::string bits;
  for (std::uint32_t r = 0; r < m.rows; ++r) bits += m.Dark(r, column) ? '1' : '0';
  return bits;
}

TEST_CASE("a QR code of a short text is version 1 (21×21) with its finder patterns", "[barcode]") {
  std::string error;
  const auto m = EncodeBarcode(Symbology::Qr, "HELLO WORLD", &error);
  REQUIRE(m);
  CHECK(error.empty());
  CHECK(m->rows == 21);
  CHECK(m->columns == 21);
  CHECK(m->quiet_zone == 4);
  CHECK_FALSE(m->linear);
  // finder patterns at three corners, separators, timing pattern on row 6
  CHECK(Row(*m, 0, 0, 8) == "11111110");
  CHECK(Row(*m, 1, 0, 8) == "10000010");
  CHECK(Row(*m, 2, 0, 8) == "10111010");
  CHECK(Row(*m, 0, 13, 8) == "01111111");
  CHECK(Row(*m, 20, 0, 8) == "11111110");
  CHECK(Row(*m, 6, 8, 5) == "10101");
  // a longer text needs a larger version: 4 modules more per version
  const auto big = EncodeBarcode(Symbology::Qr, std::string(60, 'A'), &error);
  REQUIRE(big);
  CHECK(big->rows == big->columns);
  CHECK((big->columns - 21) % 4 == 0);
  CHECK(big->columns > 21);
}

TEST_CASE("Code 128 is one row: start B, data, check symbol, stop", "[barcode]") {
  std::string error;
  const auto m = EncodeBarcode(Symbology::Code128, "NWE-123", &error);
  REQUIRE(m);
  CHECK(m->linear);
  CHECK(m->rows == 1);
  CHECK(m->quiet_zone == 10);
  CHECK(m->text == "NWE-123");
  // 11 modules per symbol: start + 7 characters + check, and the 13-module stop
  CHECK(m->columns == 11 + 7 * 11 + 11 + 13);
  CHECK(Row(*m, 0, 0, 11) == "11010010000");
  CHECK(Row(*m, 0, m->columns - 13, 13) == "1100011101011");
}

TEST_CASE("DataMatrix has its L finder and clock track", "[barcode]") {
  std::string error;
  const auto m = EncodeBarcode(Symbology::DataMatrix, "Missive", &error);
  REQUIRE(m);
  CHECK(m->rows == 14);
  CHECK(m->columns == 14);
  CHECK(m->quiet_zone == 1);
  CHECK(Column(*m, 0) == std::string(14, '1'));
  CHECK(Row(*m, 13, 0, 14) == std::string(14, '1'));
  CHECK(Row(*m, 0, 0, 14) == "10101010101010");
  CHECK(Column(*m, 13) == "01010101010101");
}

TEST_CASE("data the symbology cannot carry gives zint's error", "[barcode]") {
  std::string error;
  CHECK_FALSE(EncodeBarcode(Symbology::Code128, "Price 5 \xE2\x82\xAC", &error));  // € is not Latin-1
  CHECK(error == "Error 204: Invalid character in input data (ISO/IEC 8859-1 only)");
  error.clear();
  CHECK_FALSE(EncodeBarcode(Symbology::Qr, "", &error));
  CHECK(error == "barcode data is empty");
  CHECK(SymbologyNamed("qr") == Symbology::Qr);
  CHECK(SymbologyNamed("code128") == Symbology::Code128);
  CHECK(SymbologyNamed("datamatrix") == Symbology::DataMatrix);
  CHECK_FALSE(SymbologyNamed("ean13"));
}

struct Collect : layout::PageSink {
  std::vector<frame::Page> pages;
  void OnPage(frame::Page&& page) override { pages.push_back(std::move(page)); }
};

/// Horizontal runs of dark modules in the matrix (what layout draws as one rect each).
std::size_t Runs(const BarcodeMatrix& m) {
  std::size_t runs = 0;
  for (std::uint32_t r = 0; r < m.rows; ++r) {
    for (std::uint32_t c = 0; c < m.columns; ++c) {
      if (m.Dark(r, c) && (c == 0 || !m.Dark(r, c - 1))) ++runs;
    }
  }
  return runs;
}

TEST_CASE("layout draws one rect per horizontal run inside the quiet zone", "[barcode][layout]") {
  text::FontLibrary fonts;
  text::TextEngine engine(fonts);
  compose::Style style;
  compose::Document doc;
  doc.base = &style;
  std::string error;
  auto qr = std::make_unique<compose::Block>();
  qr->kind = compose::BlockKind::Barcode;
  qr->style = &style;
  qr->width = {compose::Size::Kind::Fixed, 50'000, 1000};
  qr->barcode = std::make_shared<const BarcodeMatrix>(*EncodeBarcode(Symbology::Qr, "HELLO WORLD", &error));
  const BarcodeMatrix& qm = *qr->barcode;
  auto code = std::make_unique<compose::Block>();
  code->kind = compose::BlockKind::Barcode;
  code->style = &style;
  code->width = {compose::Size::Kind::Fixed, 200'000, 1000};
  code->height = 10'000;  // too low for the text line: bars only
  code->barcode = std::make_shared<const BarcodeMatrix>(*EncodeBarcode(Symbology::Code128, "NWE-123", &error));
  const BarcodeMatrix& cm = *code->barcode;
  doc.body.push_back(std::move(qr));
  doc.body.push_back(std::move(code));
  Collect sink;
  REQUIRE_FALSE(layout::LayoutDocument(doc, engine, sink).error);
  REQUIRE(sink.pages.size() == 1);
  const auto& items = sink.pages[0].items;
  REQUIRE(items.size() == Runs(qm) + Runs(cm));
  const frame::Unit m = frame::MmToUnit(20);
  // QR: 29 modules across (21 + 2 × 4) in 50 pt → 1724 each; the box is square (50 pt high)
  const auto& first = std::get<frame::Rect>(items[0]);
  CHECK((first.x == m + 4 * 1724 && first.y == m + 4 * 1724 && first.width == 7 * 1724 && first.height == 1724));
  CHECK((first.has_fill && first.fill == frame::Color{0, 0, 0} && first.stroke_width == 0));
  // Code 128 below it: 132 modules (112 + 2 × 10) in 200 pt → 1515 each, bars the full 10 pt
  const auto& bar = std::get<frame::Rect>(items[Runs(qm)]);
  CHECK((bar.x == m + 10 * 1515 && bar.y == m + 50'000 && bar.width == 2 * 1515 && bar.height == 10'000));
  const auto& last = std::get<frame::Rect>(items.back());
  CHECK(last.x + last.width == m + (10 + 112) * 1515);  // the stop pattern ends on a bar
  frame::Unit dark = 0;
  for (std::size_t i = Runs(qm); i < items.size(); ++i) dark += std::get<frame::Rect>(items[i]).width;
  std::uint32_t dark_modules = 0;
  for (std::uint32_t c = 0; c < cm.columns; ++c) dark_modules += cm.Dark(0, c) ? 1 : 0;
  CHECK(dark == static_cast<frame::Unit>(dark_modules) * 1515);
}

TEST_CASE("Code 128 shows its text under the bars when the box has room", "[barcode][layout]") {
  text::FontLibrary fonts;
  text::TextEngine engine(fonts);
  compose::Style style;
  compose::Document doc;
  doc.base = &style;
  std::string error;
  auto code = std::make_unique<compose::Block>();
  code->kind = compose::BlockKind::Barcode;
  code->style = &style;
  code->width = {compose::Size::Kind::Fixed, 200'000, 1000};
  code->height = 60'000;
  code->barcode = std::make_shared<const BarcodeMatrix>(*EncodeBarcode(Symbology::Code128, "NWE-123", &error));
  doc.body.push_back(std::move(code));
  Collect sink;
  REQUIRE_FALSE(layout::LayoutDocument(doc, engine, sink).error);
  const auto& items = sink.pages.at(0).items;
  const frame::GlyphRun* label = nullptr;
  frame::Unit bars = 0;
  for (const auto& item : items) {
    if (const auto* run = std::get_if<frame::GlyphRun>(&item)) label = run;
    if (const auto* rect = std::get_if<frame::Rect>(&item)) bars = rect->height;
  }
  REQUIRE(label != nullptr);
  CHECK((*label)->text == "NWE-123");
  // 10 pt text at leading 1.2: a 12 pt line under 48 pt of bars
  CHECK(bars == 48'000);
  const frame::Unit m = frame::MmToUnit(20);
  CHECK(label->y > m + bars);
  CHECK(label->y < m + 60'000);
}

}  // namespace
}  // namespace missive::media

// The plain-text rendition: wrapping, rows, tables, links as numbered references.
#include "runtime/render/text/plain_text.h"

#include <catch2/catch.hpp>

#include "tests/message/message_helpers.h"

using namespace missive;
using namespace missive::message_test;

TEST_CASE("paragraphs wrap at 72 columns, a URL is never broken, blocks are separated by a blank line") {
  Tree t;
  const std::string words =
      "Your statement for October 2026 is ready and attached to this email as a PDF file you can keep.";
  const std::string url = "https://northwind.example/a/very/long/path/that/does/not/fit/on/one/line/at/all/x";
  auto blocks = List(t.Paragraph("Dear Ada,"), t.Paragraph(words), t.Paragraph("See " + url + " now"));
  CHECK(render::PlainText(blocks, {}) ==
        "Dear Ada,\n\n"
        "Your statement for October 2026 is ready and attached to this email as a\n"
        "PDF file you can keep.\n\n"
        "See\n" +
            url + "\nnow\n");
}

TEST_CASE("a row with a fill puts what follows it at the right edge") {
  Tree t;
  auto row = t.Container(BlockKind::Row, List(t.Paragraph("Closing balance"), t.Fill(), t.Paragraph("£7.50")));
  auto blocks = List(t.Container(BlockKind::Stack, List(std::move(row))));
  const std::string text = render::PlainText(blocks, {});
  CHECK(text == "Closing balance" + std::string(72 - 15 - 5, ' ') + "£7.50\n");
  // without wrapping (SMS, push) the parts are joined by a space
  CHECK(render::PlainText(blocks, {0, false}) == "Closing balance £7.50");
}

TEST_CASE("tables as aligned columns, amounts on the right; too wide, one line per cell") {
  Tree t;
  auto table = std::make_unique<Block>();
  table->kind = BlockKind::Table;
  table->style = t.base();
  table->table = std::make_unique<compose::Table>();
  auto row = [&](std::vector<std::string> cells, bool header) {
    compose::TableRow r;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      auto cell = t.Paragraph(cells[i]);
      if (i == 2) cell->align = text::Align::Right;
      r.cells.push_back(std::move(cell));
    }
    (header ? table->table->header : table->table->rows).push_back(std::move(r));
  };
  row({"Date", "Description", "Amount"}, true);
  row({"2026-10-02", "Café de Flore", "-£2.50"}, false);
  row({"2026-10-31", "Salary", "£3,946.25"}, false);
  auto blocks = List(std::move(table));
  CHECK(render::PlainText(blocks, {}) ==
        "Date        Description       Amount\n"
        "------------------------------------\n"
        "2026-10-02  Café de Flore     -£2.50\n"
        "2026-10-31  Salary         £3,946.25\n");
  // a description too long for 78 columns: each row as `Header: value` lines
  blocks[0]->table->rows[1].cells[1]->spans[0].text = std::string(70, 'x');
  CHECK(render::PlainText(blocks, {}) ==
        "Date: 2026-10-02\nDescription: Café de Flore\nAmount: -£2.50\n\n"
        "Date: 2026-10-31\nDescription:\n" +
            std::string(70, 'x') + "\nAmount: £3,946.25\n");
}

TEST_CASE("links and buttons are numbered references listed at the end") {
  Tree t;
  auto blocks = List(t.Link("View your account", "https://northwind.example/a/1", true),
                     t.Link("Write to us", "mailto:help@northwind.example"));
  CHECK(render::PlainText(blocks, {}) ==
        "View your account [1]\n\nWrite to us [2]\n\n"
        "[1] https://northwind.example/a/1\n[2] mailto:help@northwind.example\n");
  CHECK(render::PlainText(blocks, {0, false}) == "View your account\nWrite to us");
}

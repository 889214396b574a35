// The native layout path below the CLI: the block-tree calls generated code makes (abi.h msv_open, …)
// building blocks from prototypes; failures at run time rejecting the record with their site; a
// throwing image decoder turned into a status, never an exception through generated code.
#include <stdexcept>

#include "runtime/abi/abi.h"
#include "runtime/compose/native_builder.h"
#include "runtime/data/native_decode.h"
#include "runtime/media/image.h"
#include "runtime/value/format.h"
#include "tests/native/native_helpers.h"

using namespace missive;
using namespace missive::native::testing;

namespace {

compose::Prototype Proto(compose::BlockKind kind, const compose::Style* style) {
  compose::Prototype p;
  p.block = std::make_unique<compose::Block>();
  p.block->kind = kind;
  p.block->style = style;
  return p;
}

/// A builder and the context generated code would hand to the calls.
struct Rig {
  compose::Style style;
  std::vector<compose::Prototype> protos;
  data::Arena arena{4096};
  value::Formatter formatter{"en"};
  std::unique_ptr<compose::NativeBuilder> builder;
  MsvRuntimeCtx ctx{};
  std::vector<compose::BlockPtr> root;

  explicit Rig(compose::ImageLoader loader = {}) {
    protos.push_back(Proto(compose::BlockKind::Paragraph, &style));  // 0
    protos.push_back(Proto(compose::BlockKind::Stack, &style));      // 1
    protos.push_back(Proto(compose::BlockKind::Rule, &style));       // 2
    protos.push_back(Proto(compose::BlockKind::Table, &style));      // 3
    protos.back().block->table = std::make_unique<compose::Table>();
    protos.back().zebra = true;
    protos.back().row_style = &style;
    protos.push_back(Proto(compose::BlockKind::Image, &style));  // 4
    protos.back().directory = "/nowhere";
    builder = std::make_unique<compose::NativeBuilder>(protos, nullptr, std::move(loader));
    builder->Start(&formatter, data::ArenaAllocate, &arena);
    builder->Target(&root);
    ctx.alloc = data::ArenaAllocate;
    ctx.alloc_state = &arena;
    ctx.state = builder.get();
    ctx.error_site = -1;
  }
};

MsvStr S(const char* text) { return MsvStr{text, std::char_traits<char>::length(text)}; }

}  // namespace

TEST_CASE("the block-tree calls build blocks from prototypes: containers, paragraphs, leaves, table rows") {
  Rig rig;
  MsvRuntimeCtx* ctx = &rig.ctx;
  const MsvStr hello = S("Hello, "), name = S("Ada");
  CHECK(msv_open(ctx, 1) == kMsvOk);  // a stack
  CHECK(msv_open(ctx, 0) == kMsvOk);  // a paragraph in it
  CHECK(msv_span(ctx, &hello) == kMsvOk);
  CHECK(msv_span(ctx, &name) == kMsvOk);  // adjacent text spans join
  CHECK(msv_span_page(ctx, 1) == kMsvOk);
  CHECK(msv_close(ctx) == kMsvOk);
  CHECK(msv_leaf(ctx, 2) == kMsvOk);
  CHECK(msv_close(ctx) == kMsvOk);
  CHECK(msv_open(ctx, 3) == kMsvOk);  // a table with a header and two zebra rows
  CHECK(msv_table_row(ctx, 3, 1, 0) == kMsvOk);
  CHECK(msv_open(ctx, 0) == kMsvOk);
  CHECK(msv_span(ctx, &name) == kMsvOk);
  CHECK(msv_close(ctx) == kMsvOk);
  CHECK(msv_close(ctx) == kMsvOk);
  for (int row = 0; row < 2; ++row) {
    CHECK(msv_table_row(ctx, 3, 0, row) == kMsvOk);
    CHECK(msv_close(ctx) == kMsvOk);
  }
  CHECK(msv_close(ctx) == kMsvOk);
  CHECK(ctx->error_status == kMsvOk);

  REQUIRE(rig.root.size() == 2);
  const compose::Block& stack = *rig.root[0];
  CHECK(stack.kind == compose::BlockKind::Stack);
  REQUIRE(stack.children.size() == 2);
  const compose::Block& paragraph = *stack.children[0];
  REQUIRE(paragraph.spans.size() == 2);
  CHECK(paragraph.spans[0].text == "Hello, Ada");
  CHECK(paragraph.spans[1].kind == compose::SpanKind::PageTotal);
  CHECK(stack.children[1]->kind == compose::BlockKind::Rule);
  const compose::Table& table = *rig.root[1]->table;
  REQUIRE(table.header.size() == 1);
  CHECK(table.header[0].cells.size() == 1);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].style == nullptr);  // zebra: every other row has the row style
  CHECK(table.rows[1].style == &rig.style);
}

TEST_CASE("a throwing image decoder is a status with its message, never an exception through the calls") {
  Rig rig(
      [](std::string_view, std::string_view) -> media::LoadResult { throw std::runtime_error("decoder exploded"); });
  const MsvStr path = S("logo.png");
  CHECK(msv_image(&rig.ctx, 4, &path, nullptr) == kMsvFailed);
  CHECK(std::string(rig.ctx.error_text.ptr, rig.ctx.error_text.len) == "internal error: decoder exploded");
  CHECK(rig.ctx.error_status == kMsvFailed);
  CHECK(rig.root.empty());
  // a decoder's own failure is a status too, with its message
  Rig missing;
  CHECK(msv_image(&missing.ctx, 4, &path, nullptr) == kMsvFailed);
  CHECK(std::string(missing.ctx.error_text.ptr, missing.ctx.error_text.len) == "images cannot be loaded here");
}

TEST_CASE("an image or barcode that fails at run time rejects the record at its site") {
  auto b = BuildText(R"(communication T version "1"
schema { record R { id: String @key; logo: String; code: String } }
input R
layout print {
  text "before"
  image "{logo}.png" width 20mm
  barcode code128 code
}
)");
  INFO(b.diagnostics);
  REQUIRE(b.program);
  auto missing = RunJson(*b.program, R"({"id": "1", "logo": "nowhere", "code": "ok"})");
  REQUIRE(missing.reject_reasons.size() == 1);
  CHECK(missing.reject_reasons[0].rfind("t.msv:6:9: image `nowhere.png` not found (looked in ", 0) == 0);
  CHECK_FALSE(missing.print);
  auto bad = RunJson(*b.program, R"({"id": "1", "logo": "x", "code": "\u00e9\u4e2d"})");
  REQUIRE(bad.reject_reasons.size() == 1);
  CHECK(bad.reject_reasons[0].find("image `x.png` not found") != std::string::npos);  // the first failure wins
}

TEST_CASE("a barcode whose data the symbology cannot encode rejects at its site") {
  auto b = BuildText(R"(communication T version "1"
schema { record R { id: String @key; code: String } }
input R
layout print { barcode code128 code }
)");
  INFO(b.diagnostics);
  REQUIRE(b.program);
  auto ok = RunJson(*b.program, R"({"id": "1", "code": "NWE-2026-001"})");
  CHECK_FALSE(ok.rejected());
  REQUIRE(ok.print);
  REQUIRE(ok.print->body.size() == 1);
  CHECK(ok.print->body[0]->kind == compose::BlockKind::Barcode);
  CHECK(ok.print->body[0]->source_text == "NWE-2026-001");
  auto bad = RunJson(*b.program, R"({"id": "1", "code": "\u4e2d\u6587"})");
  REQUIRE(bad.reject_reasons.size() == 1);
  CHECK(bad.reject_reasons[0].rfind("t.msv:4:32: cannot encode \"中文\" as code128: ", 0) == 0);
}

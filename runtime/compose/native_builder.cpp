// The layout program's runtime calls: block tree building and value formatting for JIT code.
// No C++ exception leaves these functions: failures are statuses with a message in the builder.
#include "runtime/compose/native_builder.h"

#include <cstring>

#include "runtime/abi/abi.h"
#include "runtime/media/image.h"
#include "runtime/value/url.h"

namespace missive::compose {

BlockPtr CloneStatic(const Block& p) {
  auto b = std::make_unique<Block>();
  b->kind = p.kind;
  b->style = p.style;
  b->align = p.align;
  b->width = p.width;
  b->keep_together = p.keep_together;
  b->height = p.height;
  b->x = p.x;
  b->y = p.y;
  b->place_width = p.place_width;
  b->overflow = p.overflow;
  b->resource = p.resource;
  b->source_text = p.source_text;
  b->alt = p.alt;
  b->fit = p.fit;
  b->pixel_width = p.pixel_width;
  b->pixel_height = p.pixel_height;
  b->barcode = p.barcode;
  b->button = p.button;
  if (p.table) {
    b->table = std::make_unique<Table>();
    b->table->columns = p.table->columns;
    b->table->repeat_header = p.table->repeat_header;
    std::memcpy(b->table->cell_padding, p.table->cell_padding, sizeof p.table->cell_padding);
  }
  return b;
}

NativeBuilder::NativeBuilder(const std::vector<Prototype>& protos, media::ImageLibrary* images, ImageLoader loader)
    : protos_(protos), load_image_(std::move(loader)) {
  if (!load_image_ && images != nullptr) {
    load_image_ = [images](std::string_view path, std::string_view directory) { return images->Load(path, directory); };
  }
}
NativeBuilder::~NativeBuilder() = default;

void NativeBuilder::Start(value::Formatter* formatter, void* (*alloc)(void*, std::uint64_t, std::uint64_t),
                          void* alloc_state) {
  formatter_ = formatter;
  alloc_ = alloc;
  alloc_state_ = alloc_state;
  stack_.clear();
}

void NativeBuilder::Target(std::vector<BlockPtr>* root) {
  root_ = root;
  stack_.clear();
}

void NativeBuilder::Add(BlockPtr block, bool open) {
  Block* raw = block.get();
  if (stack_.empty()) {
    root_->push_back(std::move(block));
  } else if (stack_.back().row != nullptr) {
    stack_.back().row->cells.push_back(std::move(block));
  } else {
    stack_.back().block->children.push_back(std::move(block));
  }
  if (open) stack_.push_back({raw, nullptr});
}

void NativeBuilder::Open(std::uint32_t proto) { Add(CloneStatic(*protos_[proto].block), true); }

void NativeBuilder::Close() { stack_.pop_back(); }

void NativeBuilder::Leaf(std::uint32_t proto) { Add(CloneStatic(*protos_[proto].block), false); }

void NativeBuilder::Span(std::string_view text) {
  Block& p = *stack_.back().block;
  if (!p.spans.empty() && p.spans.back().kind == SpanKind::Text) {
    p.spans.back().text += text;
  } else {
    p.spans.push_back({SpanKind::Text, std::string(text), p.style});
  }
}

void NativeBuilder::PageSpan(bool total) {
  Block& p = *stack_.back().block;
  p.spans.push_back({total ? SpanKind::PageTotal : SpanKind::PageNumber, "", p.style});
}

void NativeBuilder::TableRow(std::uint32_t proto, bool header, std::int64_t index) {
  Block& t = *stack_.back().block;
  const Prototype& p = protos_[proto];
  compose::TableRow row;
  auto& rows = header ? t.table->header : t.table->rows;
  row.style = header ? p.header_style : p.zebra && index % 2 == 0 ? nullptr : p.row_style;
  rows.push_back(std::move(row));
  stack_.push_back({&t, &rows.back()});
}

std::string NativeBuilder::Image(std::uint32_t proto, std::string_view path,
                                 const std::optional<std::string_view>& alt) {
  const Prototype& p = protos_[proto];
  if (value::IsWebUrl(path)) {  // an image by address: only a message can show it
    if (!allow_addresses_) return "the image `" + std::string(path) + "` is an address: print needs the image's file";
    if (std::string why = value::CheckUrl(path); !why.empty()) return why;
    auto b = CloneStatic(*p.block);
    b->source_text = std::string(path);
    if (alt) b->alt = std::string(*alt);
    Add(std::move(b), false);
    return "";
  }
  if (!load_image_) return "images cannot be loaded here";
  const media::LoadResult loaded = load_image_(path, p.directory);
  if (loaded.image == nullptr) return loaded.message;
  auto b = CloneStatic(*p.block);
  b->resource = loaded.image->id;
  b->pixel_width = loaded.image->width;
  b->pixel_height = loaded.image->height;
  b->source_text = std::string(path);
  if (alt) b->alt = std::string(*alt);
  Add(std::move(b), false);
  return "";
}

std::string NativeBuilder::Barcode(std::uint32_t proto, std::string_view data,
                                   const std::optional<std::string_view>& alt) {
  const Prototype& p = protos_[proto];
  auto b = CloneStatic(*p.block);
  if (auto it = barcodes_.find(data); it != barcodes_.end()) {
    b->barcode = it->second;
  } else {
    std::string why;
    auto matrix = media::EncodeBarcode(*media::SymbologyNamed(p.symbology), data, &why);
    if (!matrix) return "cannot encode \"" + std::string(data) + "\" as " + p.symbology + ": " + why;
    b->barcode = std::make_shared<const media::BarcodeMatrix>(std::move(*matrix));
    if (barcodes_.size() > 256) barcodes_.clear();  // data differs per record: a small memo, not a cache
    barcodes_.emplace(std::string(data), b->barcode);
  }
  b->source_text = std::string(data);
  if (alt) b->alt = std::string(*alt);
  Add(std::move(b), false);
  return "";
}

std::string NativeBuilder::Link(std::string_view url) {
  if (std::string why = value::CheckUrl(url); !why.empty()) return why;
  stack_.back().block->url = std::string(url);
  return "";
}

const char* NativeBuilder::Keep(std::string_view text) {
  if (text.empty()) return "";
  auto* out = static_cast<char*>(alloc_(alloc_state_, text.size(), 1));
  if (out != nullptr) std::memcpy(out, text.data(), text.size());
  return out;
}

}  // namespace missive::compose

namespace {

using missive::compose::NativeBuilder;

NativeBuilder& B(MsvRuntimeCtx* ctx) { return *static_cast<NativeBuilder*>(ctx->state); }
std::string_view View(const MsvStr* s) { return {s->ptr == nullptr ? "" : s->ptr, s->len}; }

/// Runs a builder call; an exception (memory) or a message becomes kMsvFailed, recorded in ctx with its
/// message (generated code checks the block-tree calls' record once per slot).
template <class F>
int32_t Guard(MsvRuntimeCtx* ctx, F call) {
  std::string message;
  try {
    message = call();
  } catch (const std::exception& e) {
    message = std::string("internal error: ") + e.what();
  }
  if (message.empty()) return kMsvOk;
  if (ctx->error_status == kMsvOk) {  // the first failure is the one reported (later calls may follow it)
    const char* kept = B(ctx).Keep(message);
    ctx->error_text = MsvStr{kept == nullptr ? "" : kept, kept == nullptr ? 0 : message.size()};
    ctx->error_status = kMsvFailed;
  }
  return kMsvFailed;
}

/// The same for a call that cannot refuse.
template <class F>
int32_t Do(MsvRuntimeCtx* ctx, F call) {
  return Guard(ctx, [&] {
    call();
    return std::string();
  });
}

std::optional<std::string_view> Alt(const MsvStr* alt) {
  if (alt == nullptr) return std::nullopt;
  return View(alt);
}

}  // namespace

extern "C" {

int32_t msv_open(MsvRuntimeCtx* ctx, uint32_t block) {
  return Do(ctx, [&] { B(ctx).Open(block); });
}
int32_t msv_close(MsvRuntimeCtx* ctx) {
  return Do(ctx, [&] { B(ctx).Close(); });
}
int32_t msv_leaf(MsvRuntimeCtx* ctx, uint32_t block) {
  return Do(ctx, [&] { B(ctx).Leaf(block); });
}
int32_t msv_span(MsvRuntimeCtx* ctx, const MsvStr* text) {
  return Do(ctx, [&] { B(ctx).Span(View(text)); });
}
int32_t msv_span_page(MsvRuntimeCtx* ctx, int32_t total) {
  return Do(ctx, [&] { B(ctx).PageSpan(total != 0); });
}
int32_t msv_table_row(MsvRuntimeCtx* ctx, uint32_t block, int32_t header, int64_t index) {
  return Do(ctx, [&] { B(ctx).TableRow(block, header != 0, index); });
}
int32_t msv_image(MsvRuntimeCtx* ctx, uint32_t block, const MsvStr* path, const MsvStr* alt) {
  return Guard(ctx, [&] { return B(ctx).Image(block, View(path), Alt(alt)); });
}
int32_t msv_barcode(MsvRuntimeCtx* ctx, uint32_t block, const MsvStr* data, const MsvStr* alt) {
  return Guard(ctx, [&] { return B(ctx).Barcode(block, View(data), Alt(alt)); });
}
int32_t msv_link(MsvRuntimeCtx* ctx, const MsvStr* url) {
  return Guard(ctx, [&] { return B(ctx).Link(View(url)); });
}

}  // extern "C"

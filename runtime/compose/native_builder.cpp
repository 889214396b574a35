// The layout program's runtime calls: block tree building and value formatting for JIT code.
// No C++ exception leaves these functions: failures are statuses with a message in the builder.
#include "runtime/compose/native_builder.h"

#include <cstring>

#include "runtime/abi/abi.h"
#include "runtime/abi/layout.h"
#include "runtime/media/image.h"
#include "runtime/value/format.h"

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
  if (p.table) {
    b->table = std::make_unique<Table>();
    b->table->columns = p.table->columns;
    b->table->repeat_header = p.table->repeat_header;
    std::memcpy(b->table->cell_padding, p.table->cell_padding, sizeof p.table->cell_padding);
  }
  return b;
}

NativeBuilder::NativeBuilder(const std::vector<Prototype>& protos, media::ImageLibrary* images)
    : protos_(protos), images_(images) {}
NativeBuilder::~NativeBuilder() = default;

void NativeBuilder::Start(value::Formatter* formatter, void* (*alloc)(void*, std::uint64_t, std::uint64_t),
                          void* alloc_state) {
  formatter_ = formatter;
  alloc_ = alloc;
  alloc_state_ = alloc_state;
  stack_.clear();
  error.clear();
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

bool NativeBuilder::Image(std::uint32_t proto, std::string_view path) {
  const Prototype& p = protos_[proto];
  const media::LoadResult loaded = images_->Load(path, p.directory);
  if (loaded.image == nullptr) {
    error = loaded.message;
    return false;
  }
  auto b = CloneStatic(*p.block);
  b->resource = loaded.image->id;
  b->pixel_width = loaded.image->width;
  b->pixel_height = loaded.image->height;
  b->source_text = std::string(path);
  Add(std::move(b), false);
  return true;
}

bool NativeBuilder::Barcode(std::uint32_t proto, std::string_view data) {
  const Prototype& p = protos_[proto];
  auto b = CloneStatic(*p.block);
  if (auto it = barcodes_.find(data); it != barcodes_.end()) {
    b->barcode = it->second;
  } else {
    std::string why;
    auto matrix = media::EncodeBarcode(*media::SymbologyNamed(p.symbology), data, &why);
    if (!matrix) {
      error = "cannot encode \"" + std::string(data) + "\" as " + p.symbology + ": " + why;
      return false;
    }
    b->barcode = std::make_shared<const media::BarcodeMatrix>(std::move(*matrix));
    if (barcodes_.size() > 256) barcodes_.clear();  // data differs per record: a small memo, not a cache
    barcodes_.emplace(std::string(data), b->barcode);
  }
  b->source_text = std::string(data);
  Add(std::move(b), false);
  return true;
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

NativeBuilder& B(MsvRuntimeCtx* ctx) { return *static_cast<NativeBuilder*>(ctx->compose); }
std::string_view View(const MsvStr* s) { return {s->ptr, s->len}; }

template <class F>
int32_t Text(MsvRuntimeCtx* ctx, MsvStr* out, F make) {
  try {
    const std::string text = make(B(ctx).formatter());
    const char* kept = B(ctx).Keep(text);
    if (kept == nullptr) return kMsvOutOfMemory;
    *out = MsvStr{kept, text.size()};
    return kMsvOk;
  } catch (const std::exception& e) {
    B(ctx).error = e.what();
    return kMsvFailed;
  }
}

}  // namespace

extern "C" {

int32_t msv_show_int(MsvRuntimeCtx* ctx, int64_t v, MsvStr* out) {
  return Text(ctx, out, [&](auto&) { return std::to_string(v); });
}
int32_t msv_show_dec(MsvRuntimeCtx* ctx, const MsvDecimal* v, MsvStr* out) {
  return Text(ctx, out, [&](auto&) { return missive::abi::FromAbi(*v).ToString(); });
}
int32_t msv_show_date(MsvRuntimeCtx* ctx, MsvDate v, MsvStr* out) {
  return Text(ctx, out, [&](auto&) { return missive::value::Date{v}.ToString(); });
}
int32_t msv_show_datetime(MsvRuntimeCtx* ctx, MsvDateTime v, MsvStr* out) {
  return Text(ctx, out, [&](auto&) { return missive::value::DateTime{v}.ToString(); });
}
int32_t msv_show_bool(MsvRuntimeCtx* ctx, int32_t v, MsvStr* out) {
  *out = v != 0 ? MsvStr{"true", 4} : MsvStr{"false", 5};
  (void)ctx;
  return kMsvOk;
}
int32_t msv_concat(MsvRuntimeCtx* ctx, const MsvStr* a, const MsvStr* b, MsvStr* out) {
  return Text(ctx, out, [&](auto&) { return std::string(View(a)) + std::string(View(b)); });
}
int32_t msv_fmt_money(MsvRuntimeCtx* ctx, const MsvDecimal* amount, const MsvStr* currency, MsvStr* out) {
  return Text(ctx, out,
              [&](missive::value::Formatter& f) { return f.Money(missive::abi::FromAbi(*amount), View(currency)); });
}
int32_t msv_fmt_date(MsvRuntimeCtx* ctx, MsvDate date, const MsvStr* pattern, MsvStr* out) {
  return Text(ctx, out,
              [&](missive::value::Formatter& f) { return f.FormatDate(missive::value::Date{date}, View(pattern)); });
}
int32_t msv_fmt_datetime(MsvRuntimeCtx* ctx, MsvDateTime value, const MsvStr* pattern, MsvStr* out) {
  return Text(ctx, out, [&](missive::value::Formatter& f) {
    return f.FormatDateTime(missive::value::DateTime{value}, View(pattern));
  });
}

void msv_open(MsvRuntimeCtx* ctx, uint32_t proto) { B(ctx).Open(proto); }
void msv_close(MsvRuntimeCtx* ctx) { B(ctx).Close(); }
void msv_leaf(MsvRuntimeCtx* ctx, uint32_t proto) { B(ctx).Leaf(proto); }
void msv_span(MsvRuntimeCtx* ctx, const MsvStr* text) { B(ctx).Span(View(text)); }
void msv_span_page(MsvRuntimeCtx* ctx, int32_t total) { B(ctx).PageSpan(total != 0); }
void msv_table_row(MsvRuntimeCtx* ctx, uint32_t proto, int32_t header, int64_t index) {
  B(ctx).TableRow(proto, header != 0, index);
}
int32_t msv_image(MsvRuntimeCtx* ctx, uint32_t proto, const MsvStr* path) {
  return B(ctx).Image(proto, View(path)) ? kMsvOk : kMsvFailed;
}
int32_t msv_barcode(MsvRuntimeCtx* ctx, uint32_t proto, const MsvStr* data) {
  return B(ctx).Barcode(proto, View(data)) ? kMsvOk : kMsvFailed;
}

}  // extern "C"

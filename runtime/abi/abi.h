/* The boundary between generated code and the runtime: plain C types only (native record pieces,
   status codes, the runtime calls generated code makes, the ABI version that keys the object cache). */
#pragma once

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a layout rule, a type below or a runtime call's signature changes. */
enum { kMissiveAbiVersion = 2 };

/* A Decimal: the 128-bit two's-complement mantissa split in halves, value = mantissa / 10^scale.
   24 bytes, 8-aligned; `pad` is always zero so records can be compared bytewise. */
typedef struct MsvDecimal {
  uint64_t lo;
  int64_t hi;
  uint8_t scale;
  uint8_t pad[7];
} MsvDecimal;

/* Validated UTF-8, not NUL-terminated; points into the record's arena or the program's constants. */
typedef struct MsvStr {
  const char* ptr;
  uint64_t len;
} MsvStr;

/* Elements stored contiguously with the element layout's stride. */
typedef struct MsvList {
  void* ptr;
  uint64_t len;
} MsvList;

typedef int32_t MsvDate;     /* days since 1970-01-01 */
typedef int64_t MsvDateTime; /* milliseconds since 1970-01-01T00:00:00Z */
typedef uint8_t MsvBool;     /* 0 or 1 */

/* Optional fields: bit i of the presence bytes at offset 0 of their record (bit i % 8 of byte i / 8). */

/* What a runtime call or a rules function returns. */
typedef enum MsvStatus {
  kMsvOk = 0,
  kMsvOverflow = 1, /* decimal or integer overflow */
  kMsvDivisionByZero = 2,
  kMsvIndexOutOfRange = 3,
  kMsvEmptyList = 4,   /* first/last of an empty list */
  kMsvNoneValue = 5,   /* an optional without a value was used */
  kMsvOutOfMemory = 6, /* the allocator of MsvRuntimeCtx returned null */
  kMsvFailed = 7,      /* a runtime call failed; its message is in the compose state (e.g. a missing image) */
} MsvStatus;

/* Per-call state of a rules function: which requires failed, and where a runtime error happened. */
typedef struct MsvRuntimeCtx {
  uint64_t reject_mask; /* bit i: the i-th `require` of the rule set was false */
  int32_t error_rule;   /* index of the rule that returned a non-zero status, -1 when none */
  int32_t error_status; /* that status */
  /* Memory for list results (running_sum), valid as long as the caller keeps the lets: zeroed,
     `align`-aligned bytes, or null when exhausted. */
  void* (*alloc)(void* state, uint64_t size, uint64_t align);
  void* alloc_state;
  /* The layout functions' state (a compose::NativeBuilder): formatting and the block tree being built. */
  void* compose;
  int32_t result;     /* missive_when: 1 when the channel's condition holds */
  int32_t error_site; /* layout: the site (IR node or statement) of the failed call, -1 when none */
} MsvRuntimeCtx;

/* Exact decimal operations (the semantics of value::Decimal); results through `out`. */
int32_t msv_dec_add(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out);
int32_t msv_dec_sub(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out);
int32_t msv_dec_mul(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out);
int32_t msv_dec_div(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out);
int32_t msv_dec_neg(const MsvDecimal* a, MsvDecimal* out);
/* -1, 0, 1 regardless of scale. */
int32_t msv_dec_cmp(const MsvDecimal* a, const MsvDecimal* b);
/* 1 when equal bytes, else 0. */
int32_t msv_str_eq(const char* a, uint64_t a_len, const char* b, uint64_t b_len);

/* ── the layout program's calls (runtime/compose/native_builder.cpp); `ctx->compose` is the builder ── */

/* Text of a value in the record's locale, as the evaluator shows it; results live in the record's arena. */
int32_t msv_show_int(MsvRuntimeCtx* ctx, int64_t v, MsvStr* out);
int32_t msv_show_dec(MsvRuntimeCtx* ctx, const MsvDecimal* v, MsvStr* out);
int32_t msv_show_date(MsvRuntimeCtx* ctx, MsvDate v, MsvStr* out);
int32_t msv_show_datetime(MsvRuntimeCtx* ctx, MsvDateTime v, MsvStr* out);
int32_t msv_show_bool(MsvRuntimeCtx* ctx, int32_t v, MsvStr* out);
int32_t msv_concat(MsvRuntimeCtx* ctx, const MsvStr* a, const MsvStr* b, MsvStr* out);
/* money(amount, currency) and format(date, pattern) through ICU for the record's locale. */
int32_t msv_fmt_money(MsvRuntimeCtx* ctx, const MsvDecimal* amount, const MsvStr* currency, MsvStr* out);
int32_t msv_fmt_date(MsvRuntimeCtx* ctx, MsvDate date, const MsvStr* pattern, MsvStr* out);
int32_t msv_fmt_datetime(MsvRuntimeCtx* ctx, MsvDateTime value, const MsvStr* pattern, MsvStr* out);

/* Block tree: `proto` indexes the program's prototypes (static kind, style, sizes). */
void msv_open(MsvRuntimeCtx* ctx, uint32_t proto);     /* a container: children follow until msv_close */
void msv_close(MsvRuntimeCtx* ctx);                    /* ends the innermost container, paragraph, table or row */
void msv_leaf(MsvRuntimeCtx* ctx, uint32_t proto);     /* space, fill, rule, page break: a copy of the prototype */
void msv_span(MsvRuntimeCtx* ctx, const MsvStr* text); /* text into the open paragraph */
void msv_span_page(MsvRuntimeCtx* ctx, int32_t total); /* the page number (0) or the page total (1) */
/* opens a row (header 1, or body row `index`) of the open table, whose prototype is `proto` */
void msv_table_row(MsvRuntimeCtx* ctx, uint32_t proto, int32_t header, int64_t index);
int32_t msv_image(MsvRuntimeCtx* ctx, uint32_t proto, const MsvStr* path);
int32_t msv_barcode(MsvRuntimeCtx* ctx, uint32_t proto, const MsvStr* data);

#ifdef __cplusplus
}
#endif

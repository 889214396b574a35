/* The boundary between generated code and the runtime: plain C types only (native record pieces,
   status codes, the per-call context, every runtime call generated code makes, and the ABI version
   that keys the object cache). The compiler's IR and codegen include nothing else of the runtime. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a layout rule, a type below or a runtime call's signature changes. */
enum { kMissiveAbiVersion = 3 };

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

/* Elements stored contiguously, each in its slot: the value, then for an optional element a byte that
   says whether it is present, padded to the value's alignment. */
typedef struct MsvList {
  void* ptr;
  uint64_t len;
} MsvList;

typedef int32_t MsvDate;     /* days since 1970-01-01 */
typedef int64_t MsvDateTime; /* milliseconds since 1970-01-01T00:00:00Z */
typedef uint8_t MsvBool;     /* 0 or 1 */

/* Records: presence bytes at offset 0 (bit i % 8 of byte i / 8 for the i-th optional field), then the
   fields in declaration order at their natural alignment; nested records inline. */

/* What a runtime call or a generated function returns. */
typedef enum MsvStatus {
  kMsvOk = 0,
  kMsvOverflow = 1, /* decimal or integer overflow */
  kMsvDivisionByZero = 2,
  kMsvIndexOutOfRange = 3, /* error_args: the index and the list's length */
  kMsvEmptyList = 4,       /* first/last/min/max of an empty list */
  kMsvNoneValue = 5,       /* an optional without a value was used */
  kMsvOutOfMemory = 6,     /* the allocator returned null */
  kMsvFailed = 7,          /* a runtime call failed; error_text says why (a missing image, a bad separator) */
  kMsvTooDeep = 8,         /* user functions nested deeper than kMsvMaxDepth */
} MsvStatus;

enum { kMsvMaxDepth = 256 };

/* The state of one call of a generated function. The runtime zeroes it and sets error_site to -1. */
typedef struct MsvRuntimeCtx {
  /* Memory valid as long as the record's results are used: zeroed, `align`-aligned, or null. */
  void* (*alloc)(void* alloc_state, uint64_t size, uint64_t align);
  void* alloc_state;
  void* state;           /* the record's runtime state: its formatter, the block tree being built */
  int32_t error_site;    /* the site (IR) of the failed operation, -1 when none */
  int32_t error_status;  /* its MsvStatus */
  int64_t error_args[2]; /* details of the failure (see MsvStatus) */
  MsvStr error_text;     /* kMsvFailed: the runtime's message */
  int32_t result;        /* missive_when: 1 when the channel's condition holds */
  int32_t rules_done;    /* missive_rules: the rules computed so far (those before a runtime error) */
  int32_t depth;         /* user-function calls in progress */
} MsvRuntimeCtx;

/* ── arithmetic and comparison (no context: they cannot fail other than by their status) ── */
int32_t msv_dec_add(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out);
int32_t msv_dec_sub(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out);
int32_t msv_dec_mul(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out);
int32_t msv_dec_div(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out);
int32_t msv_dec_mod(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out);
int32_t msv_dec_neg(const MsvDecimal* a, MsvDecimal* out);
int32_t msv_dec_cmp(const MsvDecimal* a, const MsvDecimal* b);                    /* -1, 0, 1 regardless of scale */
int32_t msv_str_eq(const char* a, uint64_t a_len, const char* b, uint64_t b_len); /* 1 when equal bytes */
int32_t msv_str_cmp(const MsvStr* a, const MsvStr* b);                            /* -1, 0, 1 by bytes */

/* ── text of values; results live in the record's arena ── */
int32_t msv_show_int(MsvRuntimeCtx* ctx, int64_t v, MsvStr* out);
int32_t msv_show_dec(MsvRuntimeCtx* ctx, const MsvDecimal* v, MsvStr* out);
int32_t msv_show_date(MsvRuntimeCtx* ctx, MsvDate v, MsvStr* out);
int32_t msv_show_datetime(MsvRuntimeCtx* ctx, MsvDateTime v, MsvStr* out);
int32_t msv_show_bool(MsvRuntimeCtx* ctx, int32_t v, MsvStr* out);
int32_t msv_concat(MsvRuntimeCtx* ctx, const MsvStr* a, const MsvStr* b, MsvStr* out);

/* ── the builtins with a runtime symbol (compiler/sema/builtins.def): parameters in order (Int as
   int64_t, Date as MsvDate, DateTime as MsvDateTime, Decimal, String and lists by address, a rounding
   mode as int64_t in value::Rounding's order), the result through the last argument ── */
int32_t msv_money(MsvRuntimeCtx* ctx, const MsvDecimal* amount, const MsvStr* currency, int64_t mode, MsvStr* out);
int32_t msv_number(MsvRuntimeCtx* ctx, const MsvDecimal* x, int64_t decimals, int64_t mode, MsvStr* out);
int32_t msv_percent(MsvRuntimeCtx* ctx, const MsvDecimal* x, int64_t decimals, int64_t mode, MsvStr* out);
int32_t msv_format(MsvRuntimeCtx* ctx, MsvDateTime d, const MsvStr* pattern, MsvStr* out);
int32_t msv_date(MsvRuntimeCtx* ctx, MsvDate d, MsvStr* out);
int32_t msv_upper(MsvRuntimeCtx* ctx, const MsvStr* s, MsvStr* out);
int32_t msv_lower(MsvRuntimeCtx* ctx, const MsvStr* s, MsvStr* out);
int32_t msv_title(MsvRuntimeCtx* ctx, const MsvStr* s, MsvStr* out);
int32_t msv_trim(MsvRuntimeCtx* ctx, const MsvStr* s, MsvStr* out);
int32_t msv_split(MsvRuntimeCtx* ctx, const MsvStr* s, const MsvStr* sep, MsvList* out);
int32_t msv_join(MsvRuntimeCtx* ctx, const MsvList* parts, const MsvStr* sep, MsvStr* out);
int32_t msv_replace(MsvRuntimeCtx* ctx, const MsvStr* s, const MsvStr* from, const MsvStr* to, MsvStr* out);
int32_t msv_pad_left(MsvRuntimeCtx* ctx, const MsvStr* s, int64_t width, const MsvStr* fill, MsvStr* out);
int32_t msv_pad_right(MsvRuntimeCtx* ctx, const MsvStr* s, int64_t width, const MsvStr* fill, MsvStr* out);
int32_t msv_truncate(MsvRuntimeCtx* ctx, const MsvStr* s, int64_t width, MsvStr* out);
int32_t msv_len(MsvRuntimeCtx* ctx, const MsvStr* s, int64_t* out);
int32_t msv_contains(MsvRuntimeCtx* ctx, const MsvStr* s, const MsvStr* part, MsvBool* out);
int32_t msv_starts_with(MsvRuntimeCtx* ctx, const MsvStr* s, const MsvStr* prefix, MsvBool* out);
int32_t msv_ends_with(MsvRuntimeCtx* ctx, const MsvStr* s, const MsvStr* suffix, MsvBool* out);
int32_t msv_round(MsvRuntimeCtx* ctx, const MsvDecimal* x, int64_t digits, int64_t mode, MsvDecimal* out);
int32_t msv_plural(MsvRuntimeCtx* ctx, int64_t n, const MsvStr* pattern, MsvStr* out);
int32_t msv_add_days(MsvRuntimeCtx* ctx, MsvDate d, int64_t n, MsvDate* out);
int32_t msv_add_months(MsvRuntimeCtx* ctx, MsvDate d, int64_t n, MsvDate* out);
int32_t msv_days_between(MsvRuntimeCtx* ctx, MsvDate a, MsvDate b, int64_t* out);
int32_t msv_year(MsvRuntimeCtx* ctx, MsvDate d, int64_t* out);
int32_t msv_month(MsvRuntimeCtx* ctx, MsvDate d, int64_t* out);
int32_t msv_day(MsvRuntimeCtx* ctx, MsvDate d, int64_t* out);

/* The order of `n` keys of one kind (0 Int, 1 Decimal, 2 Date, 3 DateTime, 4 String) stored `stride`
   bytes apart: perm[i] is the index of the i-th smallest; equal keys keep their order. */
int32_t msv_sort(MsvRuntimeCtx* ctx, const void* keys, uint64_t n, int32_t kind, uint64_t stride, uint64_t* perm);

/* ── the block tree (runtime/compose): `block` indexes the program's block specs. A failure is also
   recorded in ctx (error_status, error_text) when none is yet: generated code may check once. ── */
int32_t msv_open(MsvRuntimeCtx* ctx, uint32_t block); /* a container: children follow until msv_close */
int32_t msv_close(MsvRuntimeCtx* ctx);                /* ends the innermost container, paragraph, table or row */
int32_t msv_leaf(MsvRuntimeCtx* ctx, uint32_t block); /* space, fill, rule, page break */
int32_t msv_span(MsvRuntimeCtx* ctx, const MsvStr* text);
int32_t msv_span_page(MsvRuntimeCtx* ctx, int32_t total); /* the page number (0) or the page total (1) */
/* opens a row (header 1, or body row `index`) of the open table, whose spec is `block` */
int32_t msv_table_row(MsvRuntimeCtx* ctx, uint32_t block, int32_t header, int64_t index);
/* `alt` may be null: the spec's own alt text applies */
int32_t msv_image(MsvRuntimeCtx* ctx, uint32_t block, const MsvStr* path, const MsvStr* alt);
int32_t msv_barcode(MsvRuntimeCtx* ctx, uint32_t block, const MsvStr* data, const MsvStr* alt);
/* the open paragraph (a `link` or `button`) points at `url`; refuses a scheme other than http(s), mailto, tel */
int32_t msv_link(MsvRuntimeCtx* ctx, const MsvStr* url);

/* Every function above by name, for the JIT to resolve generated code's calls. */
typedef struct MsvSymbol {
  const char* name;
  void* address;
} MsvSymbol;
const MsvSymbol* msv_runtime_symbols(size_t* count);

#ifdef __cplusplus
}
#endif

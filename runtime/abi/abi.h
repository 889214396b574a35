/* The boundary between generated code and the runtime: plain C types only (native record pieces,
   status codes, the runtime calls generated code makes, the ABI version that keys the object cache). */
#pragma once

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a layout rule, a type below or a runtime call's signature changes. */
enum { kMissiveAbiVersion = 1 };

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

#ifdef __cplusplus
}
#endif

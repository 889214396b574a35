// The runtime calls of abi.h that need no record state: exact decimal arithmetic through value::Decimal
// (one definition of rescaling, rounding and overflow) and byte-wise string comparison.
#include <cstring>
#include <string_view>

#include "runtime/abi/abi.h"
#include "runtime/abi/layout.h"

using missive::abi::FromAbi;
using missive::abi::ToAbi;
using missive::value::Decimal;

namespace {

int32_t Store(std::optional<Decimal> r, MsvDecimal* out) {
  if (!r) return kMsvOverflow;
  *out = ToAbi(*r);
  return kMsvOk;
}

}  // namespace

extern "C" {

int32_t msv_dec_add(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out) {
  return Store(missive::value::Add(FromAbi(*a), FromAbi(*b)), out);
}
int32_t msv_dec_sub(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out) {
  return Store(missive::value::Sub(FromAbi(*a), FromAbi(*b)), out);
}
int32_t msv_dec_mul(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out) {
  return Store(missive::value::Mul(FromAbi(*a), FromAbi(*b)), out);
}
int32_t msv_dec_div(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out) {
  const Decimal y = FromAbi(*b);
  if (y.Sign() == 0) return kMsvDivisionByZero;
  return Store(missive::value::Div(FromAbi(*a), y), out);
}
int32_t msv_dec_mod(const MsvDecimal* a, const MsvDecimal* b, MsvDecimal* out) {
  const Decimal y = FromAbi(*b);
  if (y.Sign() == 0) return kMsvDivisionByZero;
  return Store(missive::value::Mod(FromAbi(*a), y), out);
}
int32_t msv_dec_neg(const MsvDecimal* a, MsvDecimal* out) { return Store(missive::value::Neg(FromAbi(*a)), out); }
int32_t msv_dec_cmp(const MsvDecimal* a, const MsvDecimal* b) {
  return missive::value::Compare(FromAbi(*a), FromAbi(*b));
}
int32_t msv_str_eq(const char* a, uint64_t a_len, const char* b, uint64_t b_len) {
  return a_len == b_len && (a_len == 0 || std::memcmp(a, b, a_len) == 0) ? 1 : 0;
}
int32_t msv_str_cmp(const MsvStr* a, const MsvStr* b) {
  const int c = std::string_view(a->ptr == nullptr ? "" : a->ptr, a->len)
                    .compare(std::string_view(b->ptr == nullptr ? "" : b->ptr, b->len));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // extern "C"

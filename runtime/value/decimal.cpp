// Exact decimal arithmetic on a 128-bit mantissa (DECISIONS.md, Numbers).
#include "runtime/value/decimal.h"

#include <algorithm>

namespace missive::value {
namespace {

using u128 = unsigned __int128;

constexpr u128 kInt128Max = (u128(1) << 127) - 1;

// 10^0 … 10^38: every power that fits in an unsigned 128-bit integer.
constexpr auto kPow10 = [] {
  struct Table {
    u128 v[39];
  } t{};
  t.v[0] = 1;
  for (int i = 1; i < 39; ++i) t.v[i] = t.v[i - 1] * 10;
  return t;
}();

u128 Magnitude(__int128 m) { return m < 0 ? u128(0) - u128(m) : u128(m); }

// Signs a magnitude; nullopt when it does not fit (−2^127 is allowed).
std::optional<__int128> Signed(u128 mag, bool negative) {
  if (negative) {
    if (mag > kInt128Max + 1) return std::nullopt;
    return static_cast<__int128>(u128(0) - mag);
  }
  if (mag > kInt128Max) return std::nullopt;
  return static_cast<__int128>(mag);
}

std::optional<__int128> ScaleUp(__int128 m, int digits) {
  __int128 out = 0;
  if (digits > 38 || __builtin_mul_overflow(m, static_cast<__int128>(kPow10.v[digits]), &out)) {
    if (m == 0) return 0;
    return std::nullopt;
  }
  return out;
}

// Whether a quotient magnitude q with remainder rem (of divisor d) moves away from zero under `mode`.
bool RoundsAway(u128 q, u128 rem, u128 d, bool negative, Rounding mode) {
  if (rem == 0) return false;
  // Compare rem with d/2 without overflow: rem > d - rem ⇔ rem > d/2.
  int half = rem > d - rem ? 1 : (rem == d - rem ? 0 : -1);
  switch (mode) {
    case Rounding::HalfEven: return half > 0 || (half == 0 && (q & 1) != 0);
    case Rounding::HalfUp: return half >= 0;
    case Rounding::HalfDown: return half > 0;
    case Rounding::Down: return false;
    case Rounding::Up: return true;
    case Rounding::Floor: return negative;
    case Rounding::Ceiling: return !negative;
  }
  return false;
}

// Divides a signed mantissa by 10^digits (digits ≥ 1) with the given rounding.
std::optional<__int128> ScaleDown(__int128 m, int digits, Rounding mode) {
  bool negative = m < 0;
  u128 mag = Magnitude(m);
  if (digits > 38) return RoundsAway(0, mag, ~u128(0), negative, mode) && mag != 0 ? Signed(1, negative) : 0;
  u128 d = kPow10.v[digits];
  u128 q = mag / d;
  if (RoundsAway(q, mag % d, d, negative, mode)) ++q;
  return Signed(q, negative);
}

// 128 × 128 → 256-bit unsigned product as (hi, lo).
void Mul256(u128 a, u128 b, u128& hi, u128& lo) {
  const u128 mask = ~std::uint64_t{0};
  u128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
  u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  u128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
  lo = (p00 & mask) | (mid << 64);
  hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

// (hi, lo) / d by shift-and-subtract: division is rare, clarity beats speed here.
// Returns false when the quotient does not fit in 128 bits.
bool Div256(u128 hi, u128 lo, u128 d, u128& q, u128& rem) {
  if (hi >= d) return false;
  u128 r = hi;
  q = 0;
  for (int i = 127; i >= 0; --i) {
    bool carry = (r >> 127) != 0;
    r = (r << 1) | ((lo >> i) & 1);
    q <<= 1;
    if (carry || r >= d) {
      r -= d;
      q |= 1;
    }
  }
  rem = r;
  return true;
}

void AppendMagnitude(std::string& out, u128 mag, int scale) {
  char buf[48];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + static_cast<int>(mag % 10));
    mag /= 10;
  } while (mag != 0);
  while (n <= scale) buf[n++] = '0';
  for (int i = n - 1; i >= 0; --i) {
    out.push_back(buf[i]);
    if (i == scale && scale > 0) out.push_back('.');
  }
}

}  // namespace

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  u128 mag = 0;
  int int_digits = 0, frac_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    if (mag > (~u128(0) - 9) / 10) return std::nullopt;
    mag = mag * 10 + static_cast<unsigned>(text[i] - '0');
  }
  if (int_digits == 0) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits == kMaxScale || mag > (~u128(0) - 9) / 10) return std::nullopt;
      mag = mag * 10 + static_cast<unsigned>(text[i] - '0');
    }
    if (frac_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  auto m = Signed(mag, negative);
  if (!m) return std::nullopt;
  return Decimal{*m, static_cast<std::uint8_t>(frac_digits)};
}

std::string Decimal::ToString() const {
  std::string out;
  if (mantissa < 0) out.push_back('-');
  AppendMagnitude(out, Magnitude(mantissa), scale);
  return out;
}

std::string Decimal::ToCanonicalString() const {
  Decimal d = *this;
  while (d.scale > 0 && d.mantissa % 10 == 0) {
    d.mantissa /= 10;
    --d.scale;
  }
  return d.ToString();
}

std::optional<Decimal> Add(Decimal a, Decimal b) {
  std::uint8_t scale = std::max(a.scale, b.scale);
  auto am = ScaleUp(a.mantissa, scale - a.scale);
  auto bm = ScaleUp(b.mantissa, scale - b.scale);
  __int128 sum = 0;
  if (!am || !bm || __builtin_add_overflow(*am, *bm, &sum)) return std::nullopt;
  return Decimal{sum, scale};
}

std::optional<Decimal> Sub(Decimal a, Decimal b) {
  std::uint8_t scale = std::max(a.scale, b.scale);
  auto am = ScaleUp(a.mantissa, scale - a.scale);
  auto bm = ScaleUp(b.mantissa, scale - b.scale);
  __int128 diff = 0;
  if (!am || !bm || __builtin_sub_overflow(*am, *bm, &diff)) return std::nullopt;
  return Decimal{diff, scale};
}

std::optional<Decimal> Mul(Decimal a, Decimal b) {
  int scale = a.scale + b.scale;
  if (scale <= Decimal::kMaxScale) {
    __int128 product = 0;
    if (__builtin_mul_overflow(a.mantissa, b.mantissa, &product)) return std::nullopt;
    return Decimal{product, static_cast<std::uint8_t>(scale)};
  }
  // The exact product may exceed 128 bits before it is rounded back to 18 digits.
  bool negative = (a.mantissa < 0) != (b.mantissa < 0);
  u128 hi = 0, lo = 0, q = 0, rem = 0;
  Mul256(Magnitude(a.mantissa), Magnitude(b.mantissa), hi, lo);
  u128 d = kPow10.v[scale - Decimal::kMaxScale];
  if (!Div256(hi, lo, d, q, rem)) return std::nullopt;
  if (RoundsAway(q, rem, d, negative, Rounding::HalfEven)) ++q;
  if (q == 0) negative = false;
  auto m = Signed(q, negative);
  if (!m) return std::nullopt;
  return Decimal{*m, Decimal::kMaxScale};
}

std::optional<Decimal> Div(Decimal a, Decimal b) {
  if (b.mantissa == 0) return std::nullopt;
  // a/b at scale 18: a.m · 10^(18 − a.scale + b.scale) / b.m in 256 bits; the quotient may need more than
  // 128 bits at scale 18 and still fit once its trailing zeros are stripped.
  int shift = Decimal::kMaxScale - a.scale + b.scale;
  bool negative = (a.mantissa < 0) != (b.mantissa < 0);
  u128 hi = 0, lo = 0, q_lo = 0, rem = 0;
  u128 d = Magnitude(b.mantissa);
  Mul256(Magnitude(a.mantissa), kPow10.v[shift], hi, lo);
  u128 q_hi = hi / d;
  Div256(hi % d, lo, d, q_lo, rem);
  if (RoundsAway(q_lo, rem, d, negative, Rounding::HalfEven) && ++q_lo == 0) ++q_hi;
  int scale = Decimal::kMaxScale;
  const int floor_scale = std::max(a.scale, b.scale);
  while (scale > floor_scale) {
    u128 next_lo = 0, digit = 0;
    Div256(q_hi % 10, q_lo, 10, next_lo, digit);
    if (digit != 0) break;
    q_hi /= 10;
    q_lo = next_lo;
    --scale;
  }
  if (q_hi != 0) return std::nullopt;
  if (q_lo == 0) negative = false;
  auto m = Signed(q_lo, negative);
  if (!m) return std::nullopt;
  return Decimal{*m, static_cast<std::uint8_t>(scale)};
}

std::optional<Decimal> Neg(Decimal a) {
  __int128 out = 0;
  if (__builtin_sub_overflow(static_cast<__int128>(0), a.mantissa, &out)) return std::nullopt;
  return Decimal{out, a.scale};
}

std::optional<Decimal> Round(Decimal a, int digits, Rounding mode) {
  if (digits > Decimal::kMaxScale || digits < -38) return std::nullopt;
  if (digits >= a.scale) {
    auto m = ScaleUp(a.mantissa, digits - a.scale);
    if (!m) return std::nullopt;
    return Decimal{*m, static_cast<std::uint8_t>(digits)};
  }
  // Negative digits round to tens, hundreds, …; the result keeps scale 0.
  auto m = ScaleDown(a.mantissa, a.scale - digits, mode);
  if (!m) return std::nullopt;
  if (digits >= 0) return Decimal{*m, static_cast<std::uint8_t>(digits)};
  auto back = ScaleUp(*m, -digits);
  if (!back) return std::nullopt;
  return Decimal{*back, 0};
}

std::optional<Decimal> Mod(Decimal a, Decimal b) {
  const std::uint8_t scale = std::max(a.scale, b.scale);
  auto am = ScaleUp(a.mantissa, scale - a.scale);
  auto bm = ScaleUp(b.mantissa, scale - b.scale);
  if (!am || !bm || *bm == 0) return std::nullopt;
  return Decimal{*am % *bm, scale};  // the sign of the dividend, as for Ints
}

int Compare(Decimal a, Decimal b) {
  std::uint8_t scale = std::max(a.scale, b.scale);
  auto am = ScaleUp(a.mantissa, scale - a.scale);
  auto bm = ScaleUp(b.mantissa, scale - b.scale);
  // A side that overflows when aligned is larger in magnitude than any 128-bit value.
  if (!am) return a.Sign();
  if (!bm) return -b.Sign();
  return *am < *bm ? -1 : (*am > *bm ? 1 : 0);
}

}  // namespace missive::value

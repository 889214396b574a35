// Exact decimal numbers: a 128-bit integer mantissa with a scale of 0–18 fractional digits.
// + - * are exact (overflow is reported, never undefined); / rounds half-even to 18 digits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace missive::value {

enum class Rounding : std::uint8_t { HalfEven, HalfUp, HalfDown, Down, Up, Floor, Ceiling };

struct Decimal {
  __int128 mantissa = 0;
  std::uint8_t scale = 0;  ///< value = mantissa / 10^scale, scale ≤ 18

  static constexpr std::uint8_t kMaxScale = 18;

  /// Parses "-123.45", "0", "1e3" is rejected; no binary floating point involved.
  static std::optional<Decimal> Parse(std::string_view text);
  static Decimal FromInt(std::int64_t v) { return Decimal{v, 0}; }

  /// Canonical text: the scale as stored ("7.50" stays "7.50"), '-' for negatives.
  [[nodiscard]] std::string ToString() const;
  /// Without trailing fractional zeros ("7.5").
  [[nodiscard]] std::string ToCanonicalString() const;
  [[nodiscard]] int Sign() const { return mantissa < 0 ? -1 : mantissa > 0 ? 1 : 0; }
};

/// Exact operations: nullopt on overflow of the 128-bit mantissa (or division by zero).
std::optional<Decimal> Add(Decimal a, Decimal b);
std::optional<Decimal> Sub(Decimal a, Decimal b);
std::optional<Decimal> Mul(Decimal a, Decimal b);
/// Rounds half-even to 18 fractional digits (then trailing zeros are removed down to max(scales)).
std::optional<Decimal> Div(Decimal a, Decimal b);
std::optional<Decimal> Neg(Decimal a);
/// The remainder of a / b truncated toward zero (its sign is a's), exact at the larger scale; nullopt
/// when b is zero or the operands cannot be aligned.
std::optional<Decimal> Mod(Decimal a, Decimal b);
/// Rescale to `digits` fractional digits with the given rounding.
std::optional<Decimal> Round(Decimal a, int digits, Rounding mode = Rounding::HalfEven);
/// Numeric comparison regardless of scale: -1, 0, 1.
int Compare(Decimal a, Decimal b);
inline bool operator==(Decimal a, Decimal b) { return Compare(a, b) == 0; }

}  // namespace missive::value

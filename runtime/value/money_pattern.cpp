// Learns ICU's currency output per (locale, currency) from probe values and replays it without ICU.
#include "runtime/value/money_pattern.h"

#include <vector>

namespace missive::value {
namespace {

using u128 = unsigned __int128;

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Length of the common prefix of all strings, backed off to a UTF-8 boundary.
std::size_t CommonPrefix(const std::vector<std::string>& v) {
  std::size_t n = v[0].size();
  for (const auto& s : v) {
    std::size_t i = 0;
    while (i < n && i < s.size() && s[i] == v[0][i]) ++i;
    n = i;
  }
  while (n > 0 && n < v[0].size() && IsContinuation(v[0][n])) --n;
  return n;
}

std::size_t CommonSuffix(const std::vector<std::string>& v) {
  std::size_t n = v[0].size();
  for (const auto& s : v) {
    std::size_t i = 0;
    while (i < n && i < s.size() && s[s.size() - 1 - i] == v[0][v[0].size() - 1 - i]) ++i;
    n = i;
  }
  while (n > 0 && IsContinuation(v[0][v[0].size() - n])) --n;
  return n;
}

// Which digit starts at s[pos], or -1.
int DigitAt(const MoneyPattern& p, std::string_view s, std::size_t pos, std::size_t& len) {
  for (int d = 0; d < 10; ++d) {
    if (StartsWith(s.substr(pos), p.digits[d])) {
      len = p.digits[d].size();
      return d;
    }
  }
  return -1;
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

bool LearnGrouping(MoneyPattern& p, const std::function<std::string(std::string_view)>& icu_format,
                   const std::string& frac_tail) {
  static constexpr std::string_view kProbe = "1234567890123456789";
  std::string s = icu_format(kProbe);
  if (!StartsWith(s, p.pos_prefix) || !EndsWith(s, p.pos_suffix) ||
      !EndsWith(std::string_view(s).substr(0, s.size() - p.pos_suffix.size()), frac_tail))
    return false;
  std::string_view body(s);
  body = body.substr(p.pos_prefix.size(), body.size() - p.pos_prefix.size() - frac_tail.size() - p.pos_suffix.size());
  std::string seen_digits;
  std::vector<int> groups{0};
  std::string sep;
  for (std::size_t i = 0; i < body.size();) {
    std::size_t len = 0;
    int d = DigitAt(p, body, i, len);
    if (d >= 0) {
      seen_digits.push_back(static_cast<char>('0' + d));
      ++groups.back();
      i += len;
      continue;
    }
    std::size_t j = i;
    while (j < body.size() && DigitAt(p, body, j, len) < 0) ++j;
    std::string chunk(body.substr(i, j - i));
    if (!sep.empty() && chunk != sep) return false;
    sep = chunk;
    groups.push_back(0);
    i = j;
  }
  if (seen_digits != kProbe) return false;
  if (groups.size() == 1) return true;  // no grouping
  const std::size_t tail_size = frac_tail.size() + p.pos_suffix.size();
  p.group_sep = sep;
  p.primary = groups.back();
  p.secondary = groups[groups.size() - 2];
  for (std::size_t i = 1; i + 1 < groups.size(); ++i)
    if (groups[i] != p.secondary) return false;
  if (groups.front() > p.secondary || p.primary <= 0 || p.secondary <= 0) return false;
  for (int extra = 1; extra <= 3; ++extra) {
    std::string probe(static_cast<std::size_t>(p.primary + extra), '0');
    probe[0] = '1';
    std::string out = icu_format(probe);
    if (!StartsWith(out, p.pos_prefix) || out.size() < p.pos_prefix.size() + tail_size) return false;
    // Only the integer part counts: the separator may also occur in the suffix (pl: "1000,00 €").
    if (out.substr(p.pos_prefix.size(), out.size() - p.pos_prefix.size() - tail_size).find(p.group_sep) !=
        std::string::npos) {
      p.min_grouping = extra;
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> MoneyPattern::Format(Decimal amount) const {
  auto rounded = amount.scale == minor ? std::optional<Decimal>(amount) : Round(amount, minor, Rounding::HalfEven);
  if (!rounded) return std::nullopt;
  bool negative = rounded->mantissa < 0 || (amount.mantissa < 0 && neg_zero_minus);
  u128 mag = rounded->mantissa < 0 ? u128(0) - u128(rounded->mantissa) : u128(rounded->mantissa);
  char buf[48];
  int n = 0;
  // 128-bit division is a library call; amounts nearly always fit 64 bits.
  while (mag > ~std::uint64_t{0}) {
    buf[n++] = static_cast<char>('0' + static_cast<int>(mag % 10));
    mag /= 10;
  }
  auto small = static_cast<std::uint64_t>(mag);
  do {
    buf[n++] = static_cast<char>('0' + static_cast<int>(small % 10));
    small /= 10;
  } while (small != 0);
  while (n <= minor) buf[n++] = '0';
  // buf holds the digits least significant first; the integer part is buf[minor..n).
  int int_digits = n - minor;
  bool grouped = primary > 0 && int_digits >= primary + min_grouping;
  std::string out;
  out.reserve(48);
  out += negative ? neg_prefix : pos_prefix;
  for (int i = n - 1; i >= minor; --i) {
    out += digits[buf[i] - '0'];
    int left = i - minor;  // integer digits still to come after this one
    if (grouped && left > 0 && (left == primary || (left > primary && (left - primary) % secondary == 0)))
      out += group_sep;
  }
  if (minor > 0) {
    out += decimal_sep;
    for (int i = minor - 1; i >= 0; --i) out += digits[buf[i] - '0'];
  }
  out += negative ? neg_suffix : pos_suffix;
  return out;
}

std::optional<MoneyPattern> LearnMoneyPattern(const std::function<std::string(std::string_view)>& icu_format,
                                              int minor) {
  MoneyPattern p;
  p.minor = minor;
  std::vector<std::string> singles;
  singles.reserve(10);
  for (int d = 0; d < 10; ++d) singles.push_back(icu_format(std::string(1, static_cast<char>('0' + d))));
  std::size_t pre = CommonPrefix(singles), suf = CommonSuffix(singles);
  for (int d = 0; d < 10; ++d) {
    const std::string& s = singles[static_cast<std::size_t>(d)];
    if (pre + suf >= s.size()) return std::nullopt;
    p.digits[d] = s.substr(pre, s.size() - pre - suf);
  }
  p.pos_prefix = singles[0].substr(0, pre);
  std::string tail = singles[0].substr(singles[0].size() - suf);
  std::string frac_tail;
  if (minor > 0) {
    std::size_t z = tail.find(p.digits[0]);
    if (z == std::string::npos || z == 0) return std::nullopt;
    p.decimal_sep = tail.substr(0, z);
    std::string zeros = Repeat(p.digits[0], minor);
    if (tail.compare(z, zeros.size(), zeros) != 0) return std::nullopt;
    frac_tail = p.decimal_sep;
    frac_tail.append(zeros);
    p.pos_suffix = tail.substr(z + zeros.size());
  } else {
    p.pos_suffix = tail;
  }
  if (!LearnGrouping(p, icu_format, frac_tail)) return std::nullopt;

  std::string neg = icu_format("-1");
  std::string body = p.digits[1];
  body.append(frac_tail);
  std::size_t at = neg.find(body);
  if (at == std::string::npos || neg.find(body, at + 1) != std::string::npos) return std::nullopt;
  p.neg_prefix = neg.substr(0, at);
  p.neg_suffix = neg.substr(at + body.size());
  p.neg_zero_minus = icu_format("-0.000000001") != icu_format("0");

  // Measured correctness: the learned pattern must reproduce ICU on values that exercise every part.
  static constexpr std::string_view kChecks[] = {
      "0",
      "-0.000000001",
      "0.005",
      "0.015",
      "-0.025",
      "1",
      "-1",
      "12.345",
      "999.995",
      "-999.995",
      "1000",
      "-1234.5",
      "12345.67",
      "123456.785",
      "1234567.89",
      "-98765432.1",
      "100000000000000000.5",
      "-12345678901234567890.12",
      "7.5",
      "8.5",
  };
  for (std::string_view check : kChecks) {
    auto d = Decimal::Parse(check);
    if (!d) return std::nullopt;
    auto fast = p.Format(*d);
    if (!fast || *fast != icu_format(check)) return std::nullopt;
  }
  return p;
}

}  // namespace missive::value

// Checks Decimal against Python's decimal module (prec 60, half-even) on the cases in decimal_cases.txt.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "runtime/value/decimal.h"

namespace missive::value {
namespace {

Decimal D(const std::string& s) {
  auto d = Decimal::Parse(s);
  INFO("parse " << s);
  REQUIRE(d.has_value());
  return *d;
}

std::string Show(const std::optional<Decimal>& d) { return d ? d->ToString() : "overflow"; }

std::optional<Rounding> ModeNamed(const std::string& name) {
  if (name == "half_even") return Rounding::HalfEven;
  if (name == "half_up") return Rounding::HalfUp;
  if (name == "half_down") return Rounding::HalfDown;
  if (name == "down") return Rounding::Down;
  if (name == "up") return Rounding::Up;
  if (name == "floor") return Rounding::Floor;
  if (name == "ceiling") return Rounding::Ceiling;
  return std::nullopt;
}

// The amounts of gen_decimal_cases.py's lcg_amounts, bit for bit.
std::optional<Decimal> LcgSum(std::uint64_t seed, int count) {
  std::uint64_t x = seed;
  std::optional<Decimal> total = Decimal{};
  for (int i = 0; i < count && total; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    auto mant = static_cast<std::int64_t>((x >> 11) % 10000000000000ULL) - 5000000000000LL;
    total = Add(*total, Decimal{mant, static_cast<std::uint8_t>((x >> 60) % 4)});
  }
  return total;
}

TEST_CASE("decimal agrees exactly with Python's decimal", "[decimal]") {
  std::string path = std::string(std::getenv("MISSIVE_SOURCE_DIR")) + "/tests/value/decimal_cases.txt";
  std::ifstream in(path);
  REQUIRE(in.good());
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string op, a, b, expected;
    fields >> op >> a >> b >> expected;
    INFO(line);
    std::string got;
    if (op == "add") {
      got = Show(Add(D(a), D(b)));
    } else if (op == "sub") {
      got = Show(Sub(D(a), D(b)));
    } else if (op == "mul") {
      got = Show(Mul(D(a), D(b)));
    } else if (op == "div") {
      got = Show(Div(D(a), D(b)));
    } else if (op == "cmp") {
      got = std::to_string(Compare(D(a), D(b)));
    } else if (op.rfind("round_", 0) == 0) {
      auto mode = ModeNamed(op.substr(6));
      REQUIRE(mode.has_value());
      got = Show(Round(D(a), std::stoi(b), *mode));
    } else if (op == "sum") {
      got = Show(LcgSum(std::stoull(a), std::stoi(b)));
    } else {
      FAIL("unknown op " << op);
    }
    CHECK(got == expected);
    ++cases;
  }
  CHECK(cases > 3000);
}

}  // namespace
}  // namespace missive::value

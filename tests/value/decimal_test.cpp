// Decimal: parsing, printing, exact arithmetic, ties, mixed scales and overflow.
#include "runtime/value/decimal.h"

#include <catch2/catch.hpp>

namespace missive::value {
namespace {

Decimal D(std::string_view s) { return Decimal::Parse(s).value(); }

std::string Show(const std::optional<Decimal>& d) { return d ? d->ToString() : "overflow"; }

TEST_CASE("parse accepts plain decimal text only", "[decimal]") {
  CHECK(D("-0.50").ToString() == "-0.50");
  CHECK(D("-0.50").scale == 2);
  CHECK(D("+3").ToString() == "3");
  CHECK(D("12").mantissa == 12);
  CHECK(D("0.5").ToString() == "0.5");
  CHECK(D("000123.4500").ToString() == "123.4500");
  CHECK(D("0.123456789012345678").scale == 18);
  for (std::string_view bad : {"", "-", "+", ".5", "5.", "1e3", "12,5O", " 1", "1 ", "--1", "1.2.3", "0x10",
                               "0.1234567890123456789", "1234567890123456789012345678901234567890"}) {
    INFO(bad);
    CHECK_FALSE(Decimal::Parse(bad).has_value());
  }
}

TEST_CASE("printing keeps the scale; canonical form drops trailing zeros", "[decimal]") {
  CHECK(D("7.50").ToString() == "7.50");
  CHECK(D("7.50").ToCanonicalString() == "7.5");
  CHECK(D("-0.001").ToString() == "-0.001");
  CHECK(D("100").ToCanonicalString() == "100");
  CHECK(D("2.000").ToCanonicalString() == "2");
  CHECK(Decimal{static_cast<__int128>(static_cast<unsigned __int128>(1) << 127), 0}.ToString() ==
        "-170141183460469231731687303715884105728");
}

TEST_CASE("0.1 + 0.2 is exactly 0.3", "[decimal]") {
  auto sum = Add(D("0.1"), D("0.2"));
  REQUIRE(sum);
  CHECK(sum->ToString() == "0.3");
  CHECK(*sum == D("0.3"));
  CHECK(*sum == D("0.30000"));
}

TEST_CASE("values above 2^53 minor units stay exact", "[decimal]") {
  // 2^53 + 1 cents: a double cannot hold it.
  CHECK(Show(Add(D("90071992547409.93"), D("0.01"))) == "90071992547409.94");
  CHECK(Show(Mul(D("12345678901234567.89"), D("1000"))) == "12345678901234567890.00");
  CHECK(Show(Sub(D("100000000000000000.01"), D("0.02"))) == "99999999999999999.99");
}

TEST_CASE("mixed scales align to the larger scale", "[decimal]") {
  CHECK(Show(Add(D("1.5"), D("2.25"))) == "3.75");
  CHECK(Show(Sub(D("10"), D("0.001"))) == "9.999");
  CHECK(Show(Mul(D("1.5"), D("2.25"))) == "3.375");
  CHECK(Compare(D("1.50"), D("1.5")) == 0);
  CHECK(Compare(D("-1.51"), D("-1.5")) == -1);
}

TEST_CASE("rounding ties by mode", "[decimal]") {
  CHECK(Show(Round(D("2.5"), 0)) == "2");
  CHECK(Show(Round(D("3.5"), 0)) == "4");
  CHECK(Show(Round(D("-2.5"), 0)) == "-2");
  CHECK(Show(Round(D("-2.5"), 0, Rounding::HalfUp)) == "-3");
  CHECK(Show(Round(D("-2.5"), 0, Rounding::HalfDown)) == "-2");
  CHECK(Show(Round(D("-2.1"), 0, Rounding::Down)) == "-2");
  CHECK(Show(Round(D("-2.1"), 0, Rounding::Up)) == "-3");
  CHECK(Show(Round(D("-2.1"), 0, Rounding::Floor)) == "-3");
  CHECK(Show(Round(D("-2.9"), 0, Rounding::Ceiling)) == "-2");
  CHECK(Show(Round(D("1.005"), 2)) == "1.00");
  CHECK(Show(Round(D("1.015"), 2)) == "1.02");
  CHECK(Show(Round(D("1.5"), 3)) == "1.500");
  CHECK(Show(Round(D("1250"), -2)) == "1200");
  CHECK(Show(Round(D("1350"), -2)) == "1400");
}

TEST_CASE("overflow is reported, never wrapped", "[decimal]") {
  Decimal max{~(static_cast<__int128>(1) << 127), 0};
  CHECK_FALSE(Add(max, D("1")).has_value());
  CHECK_FALSE(Sub(Decimal{-max.mantissa - 1, 0}, D("1")).has_value());
  CHECK_FALSE(Mul(max, D("2")).has_value());
  CHECK_FALSE(Neg(Decimal{-max.mantissa - 1, 0}).has_value());
  CHECK_FALSE(Add(max, D("0.1")).has_value());  // aligning the scale overflows
  CHECK_FALSE(Round(max, 1).has_value());
  CHECK(Compare(max, D("0.5")) == 1);
  CHECK(Compare(D("-0.5"), max) == -1);
}

TEST_CASE("multiplication beyond 18 digits rounds half-even", "[decimal]") {
  CHECK(Show(Mul(D("0.000000001"), D("0.0000000015"))) == "0.000000000000000002");
  CHECK(Show(Mul(D("0.000000001"), D("0.0000000025"))) == "0.000000000000000002");
  CHECK(Show(Mul(D("-0.000000001"), D("0.0000000035"))) == "-0.000000000000000004");
}

TEST_CASE("division rounds half-even to 18 digits and strips zeros to the operands' scale", "[decimal]") {
  CHECK(Show(Div(D("1"), D("3"))) == "0.333333333333333333");
  CHECK(Show(Div(D("2"), D("3"))) == "0.666666666666666667");
  CHECK(Show(Div(D("10.00"), D("4"))) == "2.50");
  CHECK(Show(Div(D("10"), D("4"))) == "2.5");
  CHECK(Show(Div(D("-7"), D("2"))) == "-3.5");
  CHECK(Show(Div(D("6"), D("3"))) == "2");
  CHECK_FALSE(Div(D("1"), D("0")).has_value());
}

}  // namespace
}  // namespace missive::value

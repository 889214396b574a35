// SMS encoding and segments against a reference table of the cases that trip counters up, and URLs.
#include "runtime/value/sms.h"

#include <catch2/catch.hpp>
#include <string>

#include "runtime/value/url.h"

using missive::value::CountSms;
using missive::value::SmsEncoding;
using missive::value::SplitSms;

namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Case {
  const char* what;
  std::string text;
  SmsEncoding encoding;
  std::size_t units, segments;
};

}  // namespace

TEST_CASE("SMS segments: a reference table of tricky cases") {
  const Case cases[] = {
      {"empty", "", SmsEncoding::Gsm7, 0, 1},
      {"160 GSM-7 characters fit one segment", Repeat("a", 160), SmsEncoding::Gsm7, 160, 1},
      {"161 take two (153 + 8)", Repeat("a", 161), SmsEncoding::Gsm7, 161, 2},
      {"306 fill two", Repeat("a", 306), SmsEncoding::Gsm7, 306, 2},
      {"307 take three", Repeat("a", 307), SmsEncoding::Gsm7, 307, 3},
      {"basic-table accents stay GSM-7", "àÄéÉñÑöØüÜ£¥§¿¡ΔΩ", SmsEncoding::Gsm7, 17, 1},
      {"each extension character counts two", "€^{}[]~\\|", SmsEncoding::Gsm7, 18, 1},
      {"80 euro signs are 160 septets", Repeat("€", 80), SmsEncoding::Gsm7, 160, 1},
      {"81 euro signs: 162 septets, two segments", Repeat("€", 81), SmsEncoding::Gsm7, 162, 2},
      {"70 UCS-2 characters fit one segment", Repeat("ж", 70), SmsEncoding::Ucs2, 70, 1},
      {"71 take two (67 + 4)", Repeat("ж", 71), SmsEncoding::Ucs2, 71, 2},
      {"one curly quote makes the message UCS-2", "It’s ready" + Repeat("a", 60), SmsEncoding::Ucs2, 70, 1},
      {"…and doubles the cost", "It’s ready" + Repeat("a", 100), SmsEncoding::Ucs2, 110, 2},
      {"an emoji is a surrogate pair: two units", "Paid 👍", SmsEncoding::Ucs2, 7, 1},
      {"Arabic is UCS-2", "رصيدك ١٠٠ درهم", SmsEncoding::Ucs2, 14, 1},
      {"ç (lower case) is not in GSM-7", "façade", SmsEncoding::Ucs2, 6, 1},
      {"CR LF counts two septets", "a\r\nb", SmsEncoding::Gsm7, 4, 1},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const auto count = CountSms(c.text);
    CHECK(count.encoding == c.encoding);
    CHECK(count.units == c.units);
    CHECK(count.segments == c.segments);
  }
  CHECK(CountSms("It’s").trigger == "’");
  CHECK(CountSms("It’s").trigger_offset == 2);
  CHECK(CountSms("plain").trigger.empty());
}

TEST_CASE("SMS segments never split an escape pair, a surrogate pair or a grapheme cluster") {
  // 152 septets then a euro sign (2): the sign goes whole into the second segment
  const std::string escape = Repeat("a", 152) + "€" + Repeat("b", 10);
  auto parts = SplitSms(escape);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0] == Repeat("a", 152));
  CHECK(parts[1] == "€" + Repeat("b", 10));
  CHECK(CountSms(escape).segments == 2);

  // 66 units then an emoji (2 units): it moves to the second segment rather than being cut in half
  const std::string surrogate = Repeat("ж", 66) + "😀" + Repeat("ж", 10);
  parts = SplitSms(surrogate);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0] == Repeat("ж", 66));
  CHECK(parts[1].rfind("😀", 0) == 0);

  // a family emoji is one grapheme cluster of 11 units: it is never spread over two segments
  const std::string family = "👨‍👩‍👧‍👦";
  const std::string cluster = Repeat("ж", 60) + family + Repeat("ж", 20);
  parts = SplitSms(cluster);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0] == Repeat("ж", 60));
  CHECK(parts[1].rfind(family, 0) == 0);
  // 60 + 11 = 71 units would fit two segments of 67 only if the cluster were cut; here the second
  // segment begins with it and the count stays exact
  CHECK(CountSms(cluster).units == 91);
  CHECK(CountSms(cluster).segments == 2);
}

TEST_CASE("URLs a message may carry") {
  using missive::value::CheckUrl;
  CHECK(CheckUrl("https://northwind.example/pay?x=1").empty());
  CHECK(CheckUrl("http://northwind.example").empty());
  CHECK(CheckUrl("mailto:help@northwind.example").empty());
  CHECK(CheckUrl("tel:+442079460000").empty());
  CHECK(CheckUrl("HTTPS://NORTHWIND.EXAMPLE").empty());
  CHECK(CheckUrl("javascript:alert(1)") ==
        "the URL `javascript:alert(1)` has the scheme `javascript:`; links may use https:, http:, mailto: or tel:");
  CHECK(CheckUrl("data:text/html,x").find("`data:`") != std::string::npos);
  CHECK(CheckUrl("northwind.example/pay").find("has no scheme") != std::string::npos);
  CHECK(CheckUrl("https://a.example/x y").find("space") != std::string::npos);
  CHECK(CheckUrl("https://a.example/\"><script>").find("contains `\"`") != std::string::npos);
  CHECK(CheckUrl("https:///path").find("no host") != std::string::npos);
  CHECK(CheckUrl("").find("empty") != std::string::npos);
}

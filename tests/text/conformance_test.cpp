// Unicode conformance: LineBreakTest.txt (UAX #14) and BidiCharacterTest.txt (UAX #9) through the engine's
// own breaking and bidi functions.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "runtime/text/bidi.h"
#include "runtime/text/breaker.h"

using namespace missive::text;

namespace {

constexpr const char* kLineBreakTest = "/usr/share/unicode/auxiliary/LineBreakTest.txt";
constexpr const char* kBidiCharacterTest = "/usr/share/unicode/BidiCharacterTest.txt";

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, sep)) out.push_back(item);
  return out;
}

}  // namespace

TEST_CASE("UAX #14: LineBreakTest.txt") {
  std::ifstream in(kLineBreakTest);
  REQUIRE(in.good());
  std::string line;
  int total = 0, passed = 0;
  std::vector<std::string> failures;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream tokens(line);
    std::string token;
    std::u32string text;
    std::vector<bool> expected;  // break before code point i
    while (tokens >> token) {
      if (token == "\u00D7") {
        expected.push_back(false);
      } else if (token == "\u00F7") {
        expected.push_back(true);
      } else {
        text.push_back(static_cast<char32_t>(std::stoul(token, nullptr, 16)));
      }
    }
    if (text.empty()) continue;
    ++total;
    std::vector<BreakKind> got = LineBreaks(text, "");
    bool ok = expected.size() == text.size() + 1;
    for (std::size_t i = 1; ok && i <= text.size(); ++i) ok = (got[i] != BreakKind::None) == expected[i];
    if (ok) {
      ++passed;
    } else if (failures.size() < 5) {
      failures.push_back(line);
    }
  }
  const double rate = 100.0 * passed / total;
  std::printf("LineBreakTest.txt: %d of %d pass (%.2f %%)\n", passed, total, rate);
  for (const auto& f : failures) std::printf("  fails: %s\n", f.c_str());
  CHECK(total == 7654);
  CHECK(rate >= 99.0);
}

TEST_CASE("UAX #9: BidiCharacterTest.txt") {
  std::ifstream in(kBidiCharacterTest);
  REQUIRE(in.good());
  std::string line;
  int total = 0, levels_ok = 0, order_ok = 0;
  std::vector<std::string> failures;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = Split(line, ';');
    if (fields.size() < 5) continue;
    std::u32string text;
    for (const std::string& cp : Split(fields[0], ' ')) {
      if (!cp.empty()) text.push_back(static_cast<char32_t>(std::stoul(cp, nullptr, 16)));
    }
    const int dir = std::stoi(fields[1]);
    const int para = std::stoi(fields[2]);
    std::vector<std::string> want_levels;
    for (const std::string& l : Split(fields[3], ' ')) {
      if (!l.empty()) want_levels.push_back(l);
    }
    std::vector<int> want_order;
    for (const std::string& o : Split(fields[4], ' ')) {
      if (!o.empty()) want_order.push_back(std::stoi(o));
    }
    ++total;
    BidiLevels got = ResolveBidi(text, dir == 0   ? BaseDirection::Ltr
                                       : dir == 1 ? BaseDirection::Rtl
                                                  : BaseDirection::Auto);
    bool ok = got.paragraph_level == para && want_levels.size() == text.size();
    std::vector<std::uint8_t> kept_levels;
    std::vector<int> kept_index;
    for (std::size_t i = 0; ok && i < text.size(); ++i) {
      if (want_levels[i] == "x") continue;
      ok = std::stoi(want_levels[i]) == got.levels[i];
      kept_levels.push_back(got.levels[i]);
      kept_index.push_back(static_cast<int>(i));
    }
    if (ok) ++levels_ok;
    bool order = ok;
    if (ok) {
      std::vector<std::int32_t> visual = VisualOrder(kept_levels);
      order = visual.size() == want_order.size();
      for (std::size_t i = 0; order && i < visual.size(); ++i) order = kept_index[visual[i]] == want_order[i];
    }
    if (order) {
      ++order_ok;
    } else if (failures.size() < 5) {
      failures.push_back(line);
    }
  }
  const double level_rate = 100.0 * levels_ok / total;
  const double order_rate = 100.0 * order_ok / total;
  std::printf("BidiCharacterTest.txt: levels %d of %d (%.2f %%), levels and order %d (%.2f %%)\n", levels_ok, total,
              level_rate, order_ok, order_rate);
  for (const auto& f : failures) std::printf("  fails: %s\n", f.c_str());
  CHECK(total == 91707);
  CHECK(level_rate >= 99.0);
  CHECK(order_rate >= 99.0);
}

// Deflater: every level gives a zlib stream that inflates back to the input, incompressible input too.
#include "runtime/render/pdf/deflate.h"

#include <libdeflate.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <thread>

namespace missive::pdf {
namespace {

std::string Inflate(std::string_view zlib, std::size_t size) {
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  std::string out(size, '\0');
  std::size_t got = 0;
  const auto result = libdeflate_zlib_decompress(d, zlib.data(), zlib.size(), out.data(), out.size(), &got);
  libdeflate_free_decompressor(d);
  REQUIRE(result == LIBDEFLATE_SUCCESS);
  out.resize(got);
  return out;
}

std::string ContentLike(std::size_t lines) {
  std::string s;
  for (std::size_t i = 0; i < lines; ++i) s += "68.031 0 Td\n[(\x00\x24\x00P\x00H" + std::to_string(i % 97) + ")]TJ\n";
  return s;
}

/// Leaves `value` in every 16-bit word of the stack below the caller, where the next call's frame goes.
[[gnu::noinline]] void FillStack(std::uint16_t value) {
  volatile std::uint16_t words[128 * 1024];
  for (auto& word : words) word = value;
}

[[gnu::noinline]] std::string CompressAfterFilling(std::uint16_t value, std::string_view before,
                                                   std::string_view input) {
  FillStack(value);
  Deflater deflater(1);
  deflater.Compress(before);
  return std::string(deflater.Compress(input));
}

}  // namespace

TEST_CASE("level 1 gives the same bytes whatever was on the stack or compressed before") {
  // ISA-L, our level 1 until session 4, failed this now and then: valid zlib, other bytes.
  const std::string content = ContentLike(400), other = ContentLike(37);
  const std::string clean = CompressAfterFilling(0, "", content);
  for (std::uint16_t value : {1, 3, 12, 0xFFFF}) {
    INFO("stack filled with " << value);
    CHECK(CompressAfterFilling(value, other, content) == clean);
  }
  std::string on_thread;
  std::thread([&] { on_thread = CompressAfterFilling(3, content, content); }).join();
  CHECK(on_thread == clean);
}

TEST_CASE("deflate levels round-trip; level 1 compresses within 10 % of level 2") {
  std::mt19937 random(7);
  std::string noise(200'000, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  const std::string content = ContentLike(400);
  std::size_t sizes[13] = {};
  for (int level : {1, 2, 3, 6, 12}) {
    Deflater deflater(level);
    REQUIRE(deflater.enabled());
    for (const std::string* input : {&content, static_cast<const std::string*>(&noise)}) {
      INFO("level " << level << " input " << input->size());
      const std::string zlib(deflater.Compress(*input));
      REQUIRE_FALSE(zlib.empty());
      CHECK(Inflate(zlib, input->size()) == *input);
      if (input == &content) sizes[level] = zlib.size();
    }
    CHECK(deflater.Compress("").size() > 0);  // an empty stream is still a zlib stream
  }
  CHECK(sizes[1] < content.size() / 4);
  CHECK(sizes[1] < sizes[2] * 11 / 10);
  CHECK(sizes[12] <= sizes[2]);
  Deflater off(0);
  CHECK_FALSE(off.enabled());
  CHECK(off.Compress(content).empty());
}

}  // namespace missive::pdf

// A reusable zlib-format compressor for FlateDecode streams: ISA-L at level 1, libdeflate otherwise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct libdeflate_compressor;

namespace missive::pdf {

class Deflater {
 public:
  /// level 0 = streams are stored uncompressed; 1 = ISA-L's level 1 (SIMD: ~1.4× libdeflate's level 1
  /// on content streams, ~4 % more bytes); 2–12 = libdeflate's levels.
  explicit Deflater(int level);
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  [[nodiscard]] bool enabled() const { return level_ > 0; }
  [[nodiscard]] int level() const { return level_; }
  /// The zlib stream of `in`, valid until the next call; empty when disabled or failing.
  std::string_view Compress(std::string_view in);

 private:
  /// libdeflate at `level_`, or at level 1 where ISA-L is not used (input over 2 GiB, a failure).
  std::string_view CompressWithLibdeflate(std::string_view in);

  int level_ = 0;
  libdeflate_compressor* compressor_ = nullptr;
  std::vector<std::uint8_t> isal_level_buffer_;  ///< ISA-L's level-1 hash tables (level 1 only)
  std::string buffer_;                           ///< reused: sized to the bound once, not per stream
};

}  // namespace missive::pdf

// A reusable zlib-format compressor for FlateDecode streams (libdeflate).
#pragma once

#include <string>
#include <string_view>

struct libdeflate_compressor;

namespace missive::pdf {

class Deflater {
 public:
  /// level 0 = streams are stored uncompressed; 1–12 = libdeflate's levels.
  explicit Deflater(int level);
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  [[nodiscard]] bool enabled() const { return level_ > 0; }
  [[nodiscard]] int level() const { return level_; }
  /// The zlib stream of `in`, valid until the next call; empty when disabled or failing.
  std::string_view Compress(std::string_view in);

 private:
  int level_ = 0;
  libdeflate_compressor* compressor_ = nullptr;
  std::string buffer_;  ///< reused: sized to the bound once, not per stream
};

}  // namespace missive::pdf

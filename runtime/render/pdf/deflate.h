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

  [[nodiscard]] bool enabled() const { return compressor_ != nullptr; }
  /// The zlib stream of `in`, valid until the next call; empty when disabled or failing.
  std::string_view Compress(std::string_view in);

 private:
  libdeflate_compressor* compressor_ = nullptr;  ///< null at level 0
  std::string buffer_;                           ///< reused: sized to the bound once, not per stream
};

}  // namespace missive::pdf

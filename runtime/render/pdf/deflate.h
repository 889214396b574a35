// A reusable zlib-format compressor (libdeflate) for FlateDecode streams.
#pragma once

#include <string>
#include <string_view>

struct libdeflate_compressor;

namespace missive::pdf {

class Deflater {
 public:
  /// level 0 = streams are stored uncompressed.
  explicit Deflater(int level);
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  [[nodiscard]] bool enabled() const { return compressor_ != nullptr; }
  [[nodiscard]] int level() const { return level_; }
  /// The zlib stream of `in`, valid until the next call; empty when disabled or failing.
  std::string_view Compress(std::string_view in);

 private:
  libdeflate_compressor* compressor_ = nullptr;
  int level_ = 0;
  std::string buffer_;  ///< reused: sized to the bound once, not per stream
};

}  // namespace missive::pdf

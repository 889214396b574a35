// libdeflate behind a small class: one compressor per thread, reused for every stream.
#include "runtime/render/pdf/deflate.h"

#include <libdeflate.h>

#include <algorithm>

namespace missive::pdf {

Deflater::Deflater(int level) : level_(std::clamp(level, 0, 12)) {
  if (level_ > 0) compressor_ = libdeflate_alloc_compressor(level_);
}

Deflater::~Deflater() {
  if (compressor_ != nullptr) libdeflate_free_compressor(compressor_);
}

std::string_view Deflater::Compress(std::string_view in) {
  if (compressor_ == nullptr) return {};
  std::size_t bound = libdeflate_zlib_compress_bound(compressor_, in.size());
  if (buffer_.size() < bound) buffer_.resize(bound);
  std::size_t size = libdeflate_zlib_compress(compressor_, in.data(), in.size(), buffer_.data(), bound);
  return std::string_view(buffer_.data(), size);
}

}  // namespace missive::pdf

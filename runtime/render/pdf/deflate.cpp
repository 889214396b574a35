// libdeflate behind a small class: one compressor per thread, reused for every stream.
//
// Intel's ISA-L did level 1 until session 4 (~6 µs a page faster), but its output for the same input
// changed now and then with the process's state — valid zlib, different bytes — which broke the
// promise that a run's bytes never depend on threads or restarts (docs/pdf.md). libdeflate's output
// is a function of the input and the level only.
#include "runtime/render/pdf/deflate.h"

#include <libdeflate.h>

#include <algorithm>

namespace missive::pdf {

Deflater::Deflater(int level) {
  if (level > 0) compressor_ = libdeflate_alloc_compressor(std::min(level, 12));
}

Deflater::~Deflater() {
  if (compressor_ != nullptr) libdeflate_free_compressor(compressor_);
}

std::string_view Deflater::Compress(std::string_view in) {
  if (compressor_ == nullptr) return {};
  const std::size_t bound = libdeflate_zlib_compress_bound(compressor_, in.size());
  if (buffer_.size() < bound) buffer_.resize(bound);
  const std::size_t size = libdeflate_zlib_compress(compressor_, in.data(), in.size(), buffer_.data(), bound);
  return std::string_view(buffer_.data(), size);
}

}  // namespace missive::pdf

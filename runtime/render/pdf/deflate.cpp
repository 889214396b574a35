// ISA-L and libdeflate behind a small class: one compressor per thread, reused for every stream.
#include "runtime/render/pdf/deflate.h"

#include <isa-l/igzip_lib.h>
#include <libdeflate.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <limits>

namespace missive::pdf {

Deflater::Deflater(int level) : level_(std::clamp(level, 0, 12)) {
  if (level_ == 1) isal_level_buffer_.resize(ISAL_DEF_LVL1_DEFAULT);
  if (level_ > 0) compressor_ = libdeflate_alloc_compressor(level_);
}

Deflater::~Deflater() {
  if (compressor_ != nullptr) libdeflate_free_compressor(compressor_);
}

std::string_view Deflater::CompressWithLibdeflate(std::string_view in) {
  if (compressor_ == nullptr) return {};
  std::size_t bound = libdeflate_zlib_compress_bound(compressor_, in.size());
  if (buffer_.size() < bound) buffer_.resize(bound);
  std::size_t size = libdeflate_zlib_compress(compressor_, in.data(), in.size(), buffer_.data(), bound);
  return std::string_view(buffer_.data(), size);
}

std::string_view Deflater::Compress(std::string_view in) {
  if (level_ != 1 || in.size() > std::numeric_limits<std::uint32_t>::max() / 2) return CompressWithLibdeflate(in);
  // Stateless: the whole input at once; the output bound is libdeflate's (stored blocks at worst).
  const std::size_t bound = in.size() + in.size() / 16 + 1024;
  if (buffer_.size() < bound) buffer_.resize(bound);
  // isal_deflate_stateless_init leaves fields such as hist_bits and the level-buffer flags alone, so
  // a stream on the stack compressed with whatever garbage was there: valid zlib, but not always the
  // same bytes. The fields before the internal buffers are cleared first (not all 80 KB of the struct).
  isal_zstream stream;
  std::memset(&stream, 0, offsetof(isal_zstream, internal_state) + offsetof(isal_zstate, buffer));
  isal_deflate_stateless_init(&stream);
  stream.level = 1;
  stream.level_buf = isal_level_buffer_.data();
  stream.level_buf_size = static_cast<std::uint32_t>(isal_level_buffer_.size());
  stream.gzip_flag = IGZIP_ZLIB;
  stream.end_of_stream = 1;
  stream.flush = NO_FLUSH;
  stream.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<std::uint32_t>(in.size());
  stream.next_out = reinterpret_cast<std::uint8_t*>(buffer_.data());
  stream.avail_out = static_cast<std::uint32_t>(bound);
  if (isal_deflate_stateless(&stream) != COMP_OK) return CompressWithLibdeflate(in);
  return std::string_view(buffer_.data(), stream.total_out);
}

}  // namespace missive::pdf

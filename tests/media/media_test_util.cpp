// Test helpers: encoders for test images (libpng simplified API, libjpeg), libdeflate inflation,
// temp dirs and shell commands.
#include "tests/media/media_test_util.h"

#include <jpeglib.h>
#include <libdeflate.h>
#include <png.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace missive::media::testing {

std::string MakePng(std::uint32_t width, std::uint32_t height, int channels, std::string_view samples) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = width;
  png.height = height;
  png.format = channels == 1   ? PNG_FORMAT_GRAY
               : channels == 2 ? PNG_FORMAT_GA
               : channels == 3 ? PNG_FORMAT_RGB
                               : PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&png, nullptr, &size, 0, samples.data(), 0, nullptr)) throw std::runtime_error("png");
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&png, out.data(), &size, 0, samples.data(), 0, nullptr))
    throw std::runtime_error("png");
  out.resize(size);
  return out;
}

std::string MakeJpeg(std::uint32_t width, std::uint32_t height, int channels, std::string_view samples) {
  jpeg_compress_struct info;
  jpeg_error_mgr error;
  info.err = jpeg_std_error(&error);
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = width;
  info.image_height = height;
  info.input_components = channels;
  info.in_color_space = channels == 1 ? JCS_GRAYSCALE : channels == 4 ? JCS_CMYK : JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, 90, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    auto* row = reinterpret_cast<JSAMPROW>(const_cast<char*>(samples.data()) +
                                           static_cast<std::size_t>(info.next_scanline) * width * channels);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::string out(reinterpret_cast<char*>(buffer), size);
  std::free(buffer);
  return out;
}

std::string Inflate(std::string_view zlib, std::size_t size) {
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  std::string out(size, '\0');
  std::size_t actual = 0;
  const auto result = libdeflate_zlib_decompress(d, zlib.data(), zlib.size(), out.data(), out.size(), &actual);
  libdeflate_free_decompressor(d);
  if (result != LIBDEFLATE_SUCCESS) return {};
  out.resize(actual);
  return out;
}

}  // namespace missive::media::testing

// Image loading: PNG decoded with libpng's simplified API, JPEG inspected (header only) with libjpeg;
// both turned into the stream the PDF embeds, once per library.
#include "runtime/media/image.h"

#include <libdeflate.h>
#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>

namespace missive::media {

namespace {

constexpr int kDeflateLevel = 6;

std::string Zlib(std::string_view in) {
  libdeflate_compressor* compressor = libdeflate_alloc_compressor(kDeflateLevel);
  if (compressor == nullptr) return {};
  std::string out(libdeflate_zlib_compress_bound(compressor, in.size()), '\0');
  const std::size_t size = libdeflate_zlib_compress(compressor, in.data(), in.size(), out.data(), out.size());
  libdeflate_free_compressor(compressor);
  out.resize(size);
  return out;
}

/// FNV-1a over the bytes: the resource id depends on the file's content only (not on the path, the
/// working directory or the order threads load images in).
std::uint32_t ContentId(std::string_view bytes) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 16777619u;
  }
  return h == 0 ? 1 : h;
}

LoadResult Failure(LoadError error, std::string message) {
  LoadResult r;
  r.error = error;
  r.message = std::move(message);
  return r;
}

LoadResult DecodePng(std::string_view bytes, std::string_view name, Image& out) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_memory(&png, bytes.data(), bytes.size()) == 0) {
    std::string why = png.message;
    png_image_free(&png);
    return Failure(LoadError::Corrupt, "image `" + std::string(name) + "` is not a valid PNG: " + why);
  }
  const bool color = (png.format & PNG_FORMAT_FLAG_COLOR) != 0;
  const bool alpha = (png.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  png.format = color ? (alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB) : (alpha ? PNG_FORMAT_GA : PNG_FORMAT_GRAY);
  const std::size_t channels = PNG_IMAGE_SAMPLE_CHANNELS(png.format);
  std::string samples(PNG_IMAGE_SIZE(png), '\0');
  if (png_image_finish_read(&png, nullptr, samples.data(), 0, nullptr) == 0) {
    std::string why = png.message;
    png_image_free(&png);
    return Failure(LoadError::Corrupt, "image `" + std::string(name) + "` is not a valid PNG: " + why);
  }
  out.format = ImageFormat::Png;
  out.width = png.width;
  out.height = png.height;
  out.components = color ? 3 : 1;
  const std::size_t pixels = static_cast<std::size_t>(png.width) * png.height;
  if (!alpha) {
    out.pixels = std::move(samples);
  } else {
    // Split interleaved colour+alpha into the image samples and the soft mask.
    out.pixels.resize(pixels * out.components);
    out.alpha.resize(pixels);
    bool opaque = true;
    for (std::size_t i = 0; i < pixels; ++i) {
      for (std::size_t c = 0; c < out.components; ++c) out.pixels[i * out.components + c] = samples[i * channels + c];
      out.alpha[i] = samples[i * channels + out.components];
      opaque = opaque && static_cast<unsigned char>(out.alpha[i]) == 255;
    }
    if (opaque) out.alpha.clear();  // an all-opaque alpha channel needs no /SMask
  }
  out.encoded = Zlib(out.pixels);
  if (!out.alpha.empty()) out.encoded_alpha = Zlib(out.alpha);
  return {};
}

struct JpegError {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void JpegFail(j_common_ptr info) {
  auto* error = reinterpret_cast<JpegError*>(info->err);
  (*info->err->format_message)(info, error->message);
  std::longjmp(error->jump, 1);
}

void JpegSilence(j_common_ptr, int) {}

/// Reads only the header (frame size, components, Adobe marker): the file itself is embedded as is.
/// Plain C state only between setjmp and longjmp (no destructors are skipped).
bool JpegHeader(std::string_view bytes, Image& out, char* message) {
  jpeg_decompress_struct info;
  JpegError error;
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = JpegFail;
  error.manager.emit_message = JpegSilence;
  error.message[0] = '\0';
  if (setjmp(error.jump) != 0) {
    std::snprintf(message, JMSG_LENGTH_MAX, "%s", error.message);
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  out.width = info.image_width;
  out.height = info.image_height;
  out.components = static_cast<std::uint8_t>(info.num_components);
  out.inverted_cmyk = info.num_components == 4 && info.saw_Adobe_marker;
  jpeg_destroy_decompress(&info);
  return true;
}

/// Full decode of a JPEG into `out` (plain C state between setjmp and longjmp, as JpegHeader).
bool JpegSamples(std::string_view bytes, unsigned char* out, std::size_t size, char* message) {
  jpeg_decompress_struct info;
  JpegError error;
  info.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = JpegFail;
  error.manager.emit_message = JpegSilence;
  error.message[0] = '\0';
  if (setjmp(error.jump) != 0) {
    std::snprintf(message, JMSG_LENGTH_MAX, "%s", error.message);
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  jpeg_start_decompress(&info);
  const std::size_t stride = static_cast<std::size_t>(info.output_width) * info.output_components;
  if (stride * info.output_height != size) {
    std::snprintf(message, JMSG_LENGTH_MAX, "unexpected size after decoding");
    jpeg_destroy_decompress(&info);
    return false;
  }
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = out + static_cast<std::size_t>(info.output_scanline) * stride;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return true;
}

LoadResult DecodeJpeg(std::string_view bytes, std::string_view name, Image& out) {
  char message[JMSG_LENGTH_MAX] = {0};
  if (!JpegHeader(bytes, out, message)) {
    return Failure(LoadError::Corrupt, "image `" + std::string(name) + "` is not a valid JPEG: " + message);
  }
  if (out.components != 1 && out.components != 3 && out.components != 4) {
    return Failure(LoadError::Unsupported, "image `" + std::string(name) + "` has " + std::to_string(out.components) +
                                               " colour components (1, 3 or 4 expected)");
  }
  out.format = ImageFormat::Jpeg;
  out.encoded.assign(bytes);
  return {};
}

bool SameImage(const Image& a, const Image& b) {
  return a.format == b.format && a.width == b.width && a.height == b.height && a.components == b.components &&
         a.encoded == b.encoded && a.encoded_alpha == b.encoded_alpha;
}

}  // namespace

LoadResult DecodeImage(std::string_view bytes, std::string_view name, Image& out) {
  try {
    static constexpr unsigned char kPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (bytes.size() >= 8 && std::equal(kPng, kPng + 8, reinterpret_cast<const unsigned char*>(bytes.data()))) {
      return DecodePng(bytes, name, out);
    }
    if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
        static_cast<unsigned char>(bytes[1]) == 0xD8 && static_cast<unsigned char>(bytes[2]) == 0xFF) {
      return DecodeJpeg(bytes, name, out);
    }
    return Failure(LoadError::Unsupported, "image `" + std::string(name) + "` is neither PNG nor JPEG");
  } catch (const std::exception&) {
    return Failure(LoadError::Corrupt, "image `" + std::string(name) + "` is too large to load");
  }
}

bool DecodeSamples(const Image& image, std::string* samples, std::string* error) {
  try {
    if (image.format == ImageFormat::Png) {
      *samples = image.pixels;
      return true;
    }
    samples->assign(static_cast<std::size_t>(image.width) * image.height * image.components, '\0');
    char message[JMSG_LENGTH_MAX] = {0};
    if (JpegSamples(image.encoded, reinterpret_cast<unsigned char*>(samples->data()), samples->size(), message)) {
      return true;
    }
    if (error) *error = "image `" + image.path + "` does not decode: " + message;
  } catch (const std::exception&) {
    if (error) *error = "image `" + image.path + "` is too large to decode";
  }
  samples->clear();
  return false;
}

LoadResult ImageLibrary::Load(std::string_view path, std::string_view base_dir) {
  try {
    std::string request;
    request.reserve(base_dir.size() + 1 + path.size());
    request.append(base_dir).append(1, '\0').append(path);
    {
      std::lock_guard lock(mutex_);
      if (auto found = by_request_.find(request); found != by_request_.end()) {
        LoadResult r;
        r.image = found->second;
        return r;
      }
    }
    LoadResult result = Resolve(path, base_dir);
    if (result.image != nullptr) {
      std::lock_guard lock(mutex_);
      by_request_.emplace(std::move(request), result.image);
    }
    return result;
  } catch (const std::exception&) {
    return Failure(LoadError::Corrupt, "image `" + std::string(path) + "` could not be loaded (out of memory)");
  }
}

/// Reads and decodes outside the lock (other threads keep drawing images already loaded); may throw
/// std::bad_alloc, which Load turns into a failure.
LoadResult ImageLibrary::Resolve(std::string_view path, std::string_view base_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path resolved(path);
  if (!resolved.is_absolute()) resolved = fs::path(base_dir) / resolved;
  resolved = fs::absolute(resolved, ec).lexically_normal();
  const std::string key = resolved.string();
  {
    std::lock_guard lock(mutex_);
    if (auto found = by_path_.find(key); found != by_path_.end()) {
      LoadResult r;
      r.image = found->second;
      return r;
    }
    if (auto failed = failures_.find(key); failed != failures_.end()) return failed->second;
  }
  std::string bytes;
  LoadResult result;
  Image image;
  if (!fs::is_regular_file(resolved, ec)) {
    result = Failure(LoadError::NotFound,
                     "image `" + std::string(path) + "` not found (looked in " + resolved.parent_path().string() + ")");
  } else {
    std::ifstream in(resolved, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      result = Failure(LoadError::NotFound, "image `" + std::string(path) + "` cannot be read (" + key + ")");
    } else {
      result = DecodeImage(bytes, path, image);
    }
  }
  std::lock_guard lock(mutex_);
  if (auto found = by_path_.find(key); found != by_path_.end()) {  // another thread got there first
    LoadResult r;
    r.image = found->second;
    return r;
  }
  if (result.error != LoadError::None) {
    failures_.emplace(key, result);
    return result;
  }
  std::uint32_t id = ContentId(bytes);
  for (;;) {
    auto taken = by_id_.find(id);
    if (taken == by_id_.end()) break;
    if (SameImage(*taken->second, image)) {  // identical bytes under another path
      by_path_.emplace(key, taken->second);
      result.image = taken->second;
      return result;
    }
    id = id == 0xFFFFFFFFu ? 1 : id + 1;
  }
  image.id = id;
  image.path = key;
  images_.push_back(std::move(image));
  const Image* stored = &images_.back();
  by_path_.emplace(key, stored);
  by_id_.emplace(id, stored);
  result.image = stored;
  return result;
}

const Image* ImageLibrary::Find(std::uint32_t id) const {
  std::lock_guard lock(mutex_);
  auto found = by_id_.find(id);
  return found == by_id_.end() ? nullptr : found->second;
}

std::size_t ImageLibrary::size() const {
  std::lock_guard lock(mutex_);
  return images_.size();
}

}  // namespace missive::media

// The program's read-only image library: PNG and JPEG files loaded once, each with a stable resource id,
// shared by every thread (layout reads sizes, the PDF writer reads the encoded samples).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace missive::media {

enum class ImageFormat : std::uint8_t { Png, Jpeg };

/// One decoded (PNG) or inspected (JPEG) image. Immutable once in the library.
struct Image {
  std::uint32_t id = 0;  ///< resource id: derived from the file's bytes, never 0
  std::string path;      ///< absolute path it was first loaded from
  ImageFormat format = ImageFormat::Png;
  std::uint32_t width = 0, height = 0;  ///< pixels
  std::uint8_t components = 3;          ///< 1 = gray, 3 = RGB, 4 = CMYK (JPEG only)
  bool inverted_cmyk = false;           ///< Adobe CMYK JPEG: samples are stored inverted
  /// PNG: 8-bit samples, row by row (`components` per pixel). Empty for JPEG.
  std::string pixels;
  /// PNG: 8-bit alpha per pixel; empty when the image is opaque.
  std::string alpha;
  /// The stream the PDF embeds: JPEG = the file's bytes (DCTDecode); PNG = zlib of `pixels` (FlateDecode).
  std::string encoded;
  /// PNG with alpha: zlib of `alpha` (the /SMask stream).
  std::string encoded_alpha;
  [[nodiscard]] bool has_alpha() const { return !alpha.empty(); }
};

/// Why a load failed.
enum class LoadError : std::uint8_t { None, NotFound, Corrupt, Unsupported };

struct LoadResult {
  const Image* image = nullptr;  ///< null on failure
  LoadError error = LoadError::None;
  std::string message;  ///< e.g. "image `x.png` not found (looked in /abs/dir)"
};

/// Decodes a PNG or JPEG held in memory (format from its signature). `name` only appears in messages.
LoadResult DecodeImage(std::string_view bytes, std::string_view name, Image& out);

/// The image's 8-bit samples (`components` per pixel, row by row; CMYK as stored, un-inverted) for
/// raster renderers such as previews: a PNG's decoded pixels, or a JPEG decoded now (the library keeps
/// only its bytes). Returns false (with `error`) for a JPEG that does not decode.
bool DecodeSamples(const Image& image, std::string* samples, std::string* error);

/// Thread-safe, append-only: images are never removed or changed, so returned pointers stay valid for
/// the library's lifetime.
class ImageLibrary {
 public:
  ImageLibrary() = default;
  ImageLibrary(const ImageLibrary&) = delete;
  ImageLibrary& operator=(const ImageLibrary&) = delete;

  /// Loads `path` (relative to `base_dir` unless absolute), or returns the image already loaded from
  /// there. Files with identical bytes share one image (and one id). Never throws.
  LoadResult Load(std::string_view path, std::string_view base_dir);
  /// The image with resource id `id`, or null.
  [[nodiscard]] const Image* Find(std::uint32_t id) const;
  [[nodiscard]] std::size_t size() const;

 private:
  LoadResult Resolve(std::string_view path, std::string_view base_dir);

  mutable std::mutex mutex_;
  std::deque<Image> images_;                     ///< stable addresses
  std::map<std::string, const Image*> by_path_;  ///< absolute path → image
  /// base_dir + '\0' + path as asked → image: the per-record lookup skips resolving the path again.
  std::map<std::string, const Image*, std::less<>> by_request_;
  std::map<std::uint32_t, const Image*> by_id_;
  std::map<std::string, LoadResult> failures_;  ///< absolute path → the failure, reported once per file
};

}  // namespace missive::media

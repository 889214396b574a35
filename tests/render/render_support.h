// Shared by the render tests: composing the examples' records into frames in-process, PNG decoding with
// cairo, image differences, and rasterising our PDF with poppler's pdftoppm.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/native/native.h"
#include "runtime/frame/frame.h"
#include "runtime/media/image.h"
#include "runtime/text/text.h"

namespace missive::render_test {

/// The resolution of every golden image and of the PDF comparison.
inline constexpr double kGoldenDpi = 50;

std::string SourceDir();
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& bytes);
/// A fresh folder under the system's temporary folder, unique to this process.
std::string TempDir(const std::string& name);

/// An example template (examples/<name>/<name>.msv), built once per test process, with its fonts and
/// images (the PDF writer and the preview draw the same image library).
struct Example {
  text::FontLibrary fonts;
  std::unique_ptr<native::Program> program;
  static Example& Get(const std::string& name);
  [[nodiscard]] const media::ImageLibrary& images() const { return program->images(); }
  /// A record (one JSON object) composed for print: its pages in order. Fails the test on a reject.
  std::vector<frame::Page> Compose(const std::string& record_json);
};

/// A golden record: tests/render/records/<name>.json, composed with examples/<example>, with the page
/// count it was chosen for; its references are tests/render/golden/<name>-<page>.png. `barcodes`: its
/// pages draw barcodes, which poppler and cairo draw differently at 50 dpi (kPopplerMaxBlurredTileBarcodes).
struct GoldenRecord {
  const char* example;
  const char* name;
  std::size_t pages;
  bool barcodes = false;
};
/// The statement (a table that breaks across pages, Arabic right to left) and the letter (a PNG logo
/// with alpha, a JPEG signature, QR and Code 128 barcodes). The letter cannot take two pages: only the
/// name grows, and it also fills the fixed address window.
inline constexpr GoldenRecord kRecords[] = {
    {"statement", "en_one_page", 1},         {"statement", "de_two_pages", 2},
    {"statement", "ar_two_pages", 2},        {"letter", "letter_en_first", 1, true},
    {"letter", "letter_de_second", 1, true}, {"letter", "letter_fr_final", 1, true},
};
/// The record's pages, composed with its example.
std::vector<frame::Page> RecordPages(const GoldenRecord& record);
/// The golden record called `name` (fails the test when there is none).
const GoldenRecord& Record(const std::string& name);

/// A page previewed as PNG bytes with the example's fonts and images, at kGoldenDpi unless told.
std::string PreviewPng(Example& example, const frame::Page& page, std::uint32_t total, double dpi = kGoldenDpi);

struct Raster {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgb;  ///< row by row, 3 bytes a pixel
};
/// Decodes PNG bytes with cairo; nullopt when they are not a PNG.
std::optional<Raster> DecodePng(const std::string& bytes);

struct Difference {
  bool same_size = false;
  double mean = 0;        ///< mean absolute difference per channel, 0..255, over the page
  double differing = 0;   ///< fraction of pixels with a channel differing by more than 64
  double worst_tile = 0;  ///< the largest mean absolute difference of a 16×16-pixel tile
  /// The same three on ink (255 − luminance) blurred over 5×5 pixels (2.5 mm at 50 dpi), where
  /// sub-pixel placement and antialiasing differences fade but a run moved by millimetres does not;
  /// `blurred_differing` counts pixels differing by more than 32.
  double blurred_mean = 0, blurred_differing = 0, blurred_worst_tile = 0;
  /// Strong ink (luminance below 128) in one image with no ink at all (luminance 224 or more) within
  /// one pixel in the other, counted both ways: what neither antialiasing nor a sub-pixel placement
  /// can cause, but a glyph drawn somewhere else does. As a fraction of the page's pixels, and the
  /// largest count in a 16×16-pixel tile.
  double unmatched = 0;
  int unmatched_worst_tile = 0;
};
Difference Compare(const Raster& a, const Raster& b);
/// "mean …, differing …, worst tile …; blurred: …" for failure messages.
std::string Describe(const Difference& d);

/// Preview against golden preview: the same renderer, so only library upgrades (cairo, pixman,
/// FreeType) may move pixels. A little antialiasing drift passes; a run moved by 2 mm (measured: mean
/// 0.21, differing 0.0014, worst tile 14.2 when moved right) fails each of the three bounds.
inline constexpr double kGoldenMaxMean = 0.1, kGoldenMaxDiffering = 0.0005, kGoldenMaxTile = 8;
/// Preview against poppler's rendering of our PDF. The two antialias glyphs and snap thin lines
/// differently, so raw pixels differ a lot (mean 1.1–7.7 on good pages); the bounds are on blurred ink
/// and on unmatched ink. Measured on the five good statement pages: blurred mean ≤ 2.93, blurred worst
/// tile ≤ 17.6, unmatched ink 0 pixels; a run moved by 2 mm: 16–24 unmatched pixels (right) or
/// 215–232 (down). See docs/preview.md.
inline constexpr double kPopplerMaxBlurredMean = 3.5, kPopplerMaxBlurredTile = 20;
inline constexpr double kPopplerMaxUnmatched = 4.0 / (414 * 585);  // 4 pixels of an A4 page at 50 dpi
inline constexpr int kPopplerMaxUnmatchedTile = 2;
/// Pages with barcodes: poppler snaps each bar's edges to whole pixels (stroke adjustment), cairo
/// antialiases them; a Code 128 module is half a pixel at 50 dpi, so bars merge differently and the
/// blurred ink of a barcode tile differs by up to 49.7 on the good letter pages (their images: ≤ 7.6).
/// Unmatched ink stays 0 there, and still catches a bar, a glyph or an image out of place.
inline constexpr double kPopplerMaxBlurredTileBarcodes = 60;

inline bool WithinGoldenTolerance(const Difference& d) {
  return d.same_size && d.mean < kGoldenMaxMean && d.differing < kGoldenMaxDiffering && d.worst_tile < kGoldenMaxTile;
}
inline bool WithinPopplerTolerance(const Difference& d, bool barcodes = false) {
  const double max_tile = barcodes ? kPopplerMaxBlurredTileBarcodes : kPopplerMaxBlurredTile;
  return d.same_size && d.blurred_mean < kPopplerMaxBlurredMean && d.blurred_worst_tile < max_tile &&
         d.unmatched < kPopplerMaxUnmatched && d.unmatched_worst_tile <= kPopplerMaxUnmatchedTile;
}

/// Moves the page's longest glyph run (most glyphs) by dx, dy: a deliberate layout or PDF bug.
void ShiftLongestRun(frame::Page& page, frame::Unit dx, frame::Unit dy);

/// Moves the page's first image (in painting order) by dx, dy; `remove` drops it instead.
void MoveFirstImage(frame::Page& page, frame::Unit dx, frame::Unit dy, bool remove = false);

/// Our PDF of a record's pages (like `missive run --pdf-per-record`), images drawn from the example's library.
std::string PdfOf(Example& example, const std::vector<frame::Page>& pages);
/// The PDF's pages rasterised by poppler (`pdftoppm -r dpi -png`), as PNG bytes.
std::vector<std::string> RasterizeWithPoppler(const std::string& pdf, double dpi, const std::string& work_dir);

}  // namespace missive::render_test

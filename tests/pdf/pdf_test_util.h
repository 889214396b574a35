// Helpers for the PDF writer's tests: shaping text into glyph runs, writing files, running real readers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/frame/frame.h"
#include "runtime/render/pdf/writer.h"
#include "runtime/text/text.h"

namespace missive::pdf::testing {

/// Shapes `text` with HarfBuzz on the library's font (RTL: glyphs come out in visual order, clusters
/// pointing at the logical text). Positions are in millipoints at `size`.
frame::GlyphRun Shape(text::FontLibrary& fonts, frame::FontId font, std::string_view text, frame::Unit size,
                      frame::Unit x, frame::Unit y, bool rtl = false);

/// Sum of a run's advances.
frame::Unit RunWidth(const frame::GlyphRun& run);

/// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int status = -1;     ///< exit status (-1 when it did not exit normally)
  std::string output;  ///< stdout and stderr together
};

/// The fonts every PDF test shares (loaded once per test process).
text::FontLibrary& Fonts();

/// Runs a shell command, capturing its output.
CommandResult Run(const std::string& command);

/// Renders the pages (one record per inner vector, bookmarked "Record <n>") and writes the file.
std::string WriteDocument(text::FontLibrary& fonts, const std::vector<std::vector<frame::Page>>& records,
                          const Options& options = {});

void WriteFile(const std::filesystem::path& path, std::string_view bytes);
std::string ReadFile(const std::filesystem::path& path);

/// NFC and without bidi control characters (LRM, RLM, ALM, embeddings, isolates), for comparing
/// extracted text.
std::string NormalizeForCompare(std::string_view utf8);

}  // namespace missive::pdf::testing

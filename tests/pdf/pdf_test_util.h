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
#include "tests/support.h"

namespace missive::pdf::testing {

using missive::testing::CommandResult;
using missive::testing::ReadFile;
using missive::testing::Run;
using missive::testing::TempDir;
using missive::testing::WriteFile;

/// Shapes `text` with HarfBuzz on the library's font (RTL: glyphs come out in visual order, clusters
/// pointing at the logical text). Positions are in millipoints at `size`.
frame::GlyphRun Shape(text::FontLibrary& fonts, frame::FontId font, std::string_view text, frame::Unit size,
                      frame::Unit x, frame::Unit y, bool rtl = false);

/// Sum of a run's advances.
frame::Unit RunWidth(const frame::GlyphRun& run);

/// The fonts every PDF test shares (loaded once per test process).
text::FontLibrary& Fonts();

/// Renders the pages (one record per inner vector, bookmarked "Record <n>") and writes the file.
std::string WriteDocument(text::FontLibrary& fonts, const std::vector<std::vector<frame::Page>>& records,
                          const Options& options = {});

/// NFC and without bidi control characters (LRM, RLM, ALM, embeddings, isolates), for comparing
/// extracted text.
std::string NormalizeForCompare(std::string_view utf8);

}  // namespace missive::pdf::testing

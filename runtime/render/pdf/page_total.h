// The record's page total drawn through a Form XObject written once the record's last page is known.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/frame/frame.h"
#include "runtime/render/pdf/content.h"
#include "runtime/text/text.h"

namespace missive::pdf {

/// Same font, size, colour, reserved width and alignment (position does not matter).
bool SamePageTotalStyle(const frame::PageTotal& a, const frame::PageTotal& b);

/// The total's digits shaped (HarfBuzz) and placed in the reserved width, in form space
/// (origin = left end of the reserved box on the baseline).
struct TotalForm {
  frame::GlyphRun run;
  frame::Unit bbox[4] = {0, 0, 0, 0};  ///< x0 y0 x1 y1 in millipoints, y up
};

TotalForm LayOutTotal(text::FontLibrary& fonts, const frame::PageTotal& style, std::uint32_t count);

}  // namespace missive::pdf

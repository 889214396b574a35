// cairo font faces for the program's fonts: one FreeType face per FontId, made from the font file's
// bytes the first time a page uses it.
#pragma once

#include <cairo.h>

#include <vector>

#include "runtime/text/text.h"

namespace missive::png {

class FontFaces {
 public:
  explicit FontFaces(text::FontLibrary& fonts) : fonts_(fonts) {}
  ~FontFaces();
  FontFaces(const FontFaces&) = delete;
  FontFaces& operator=(const FontFaces&) = delete;

  /// The face of `id`, or null when FreeType cannot open the font's bytes. Owned by this cache.
  cairo_font_face_t* Get(text::FontId id);

 private:
  text::FontLibrary& fonts_;
  std::vector<cairo_font_face_t*> faces_;  ///< by FontId; null = not made yet
  std::vector<bool> failed_;
};

}  // namespace missive::png

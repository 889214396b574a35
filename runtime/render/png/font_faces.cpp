// cairo FreeType font faces from FontLibrary bytes, with FreeType state that outlives cairo's caches.
#include "runtime/render/png/font_faces.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <mutex>
#include <string>

namespace missive::png {

namespace {

// cairo keeps recently used scaled fonts (and so their faces) alive after we drop our references, so
// the FT_Face, its bytes and the FT_Library must live until cairo's destroy callback runs: one library
// for the process, faces released from the callback. FreeType needs creating and freeing faces on a
// shared library serialised.
std::mutex& FreeTypeMutex() {
  static std::mutex mutex;
  return mutex;
}

FT_Library FreeType() {
  static FT_Library library = [] {
    FT_Library l = nullptr;
    if (FT_Init_FreeType(&l) != 0) return static_cast<FT_Library>(nullptr);
    return l;
  }();
  return library;
}

struct FaceData {
  std::string bytes;  // FreeType reads memory faces in place
  FT_Face face = nullptr;
};

void DestroyFaceData(void* p) {
  auto* data = static_cast<FaceData*>(p);
  {
    std::lock_guard<std::mutex> lock(FreeTypeMutex());
    FT_Done_Face(data->face);
  }
  delete data;
}

const cairo_user_data_key_t kFaceKey{};

}  // namespace

FontFaces::~FontFaces() {
  for (cairo_font_face_t* face : faces_) {
    if (face != nullptr) cairo_font_face_destroy(face);
  }
}

cairo_font_face_t* FontFaces::Get(text::FontId id) {
  if (id >= faces_.size()) {
    faces_.resize(std::size_t{id} + 1, nullptr);
    failed_.resize(std::size_t{id} + 1, false);
  }
  if (faces_[id] != nullptr || failed_[id]) return faces_[id];
  failed_[id] = true;
  FT_Library library = FreeType();
  if (library == nullptr) return nullptr;
  auto* data = new FaceData;
  data->bytes = std::string(fonts_.FileBytes(id));
  {
    std::lock_guard<std::mutex> lock(FreeTypeMutex());
    if (FT_New_Memory_Face(library, reinterpret_cast<const FT_Byte*>(data->bytes.data()),
                           static_cast<FT_Long>(data->bytes.size()), static_cast<FT_Long>(fonts_.Info(id).face_index),
                           &data->face) != 0) {
      delete data;
      return nullptr;
    }
  }
  cairo_font_face_t* face = cairo_ft_font_face_create_for_ft_face(data->face, 0);
  if (cairo_font_face_set_user_data(face, &kFaceKey, data, DestroyFaceData) != CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(face);
    DestroyFaceData(data);
    return nullptr;
  }
  faces_[id] = face;
  failed_[id] = false;
  return face;
}

}  // namespace missive::png

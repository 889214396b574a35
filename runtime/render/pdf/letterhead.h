// Letterheads and pre-printed forms: page 1 of an existing PDF, read once with PoDoFo and copied
// into each of our files as one Form XObject (with the fonts, images… it needs, renumbered).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace missive::pdf {

class ObjectWriter;

/// Page 1 of a PDF, prepared as objects in a local numbering: object 0 is the Form XObject.
struct ImportedPage {
  struct Object {
    std::string body;  ///< the value; for a stream, its dictionary's entries without << >> and /Length
    std::vector<std::pair<std::size_t, std::uint32_t>> refs;  ///< (offset in body, local object) of references
    bool stream = false;
    std::string data;  ///< a stream's bytes, still encoded with its own /Filter
  };
  std::string path;
  std::vector<Object> objects;
  /// BaseFont names of the fonts whose programs the source does not embed (such a letterhead makes
  /// a file non-conforming to PDF/A), in the order they were copied.
  std::vector<std::string> unembedded_fonts;
};

/// The program's letterheads, loaded before any record runs; read-only (and thread-safe) after.
class BackgroundLibrary {
 public:
  /// Loads page 1 of the PDF at `path`; the same path again gives the same id (ids start at 1).
  /// Returns 0 and sets `error` (naming the file) when it cannot be read.
  std::uint32_t Load(const std::string& path, std::string* error);
  /// The id of a loaded path, 0 when it was not loaded.
  [[nodiscard]] std::uint32_t Find(std::string_view path) const;
  [[nodiscard]] const ImportedPage* Get(std::uint32_t id) const;

 private:
  std::vector<std::unique_ptr<ImportedPage>> pages_;
};

/// Page 1 of the PDF at `path`; null and `error` (naming the file) when it cannot be read.
std::unique_ptr<ImportedPage> ImportFirstPage(const std::string& path, std::string* error);

/// Writes the page's objects (a new object number each, in local order) and returns the form's.
std::uint32_t WriteImportedPage(ObjectWriter& objects, const ImportedPage& page);

}  // namespace missive::pdf

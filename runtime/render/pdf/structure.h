// Tagged PDF (PDF/UA): the logical structure of a file, from the records' structure nodes (layout) and
// the marked content of their pages (PageRenderer). ISO 32000-1 §14.7–14.8.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/frame/frame.h"

namespace missive::pdf {

class Deflater;
class ObjectWriter;

/// The standard structure type of a role (ISO 32000-1 §14.8.4), also the tag of its marked content.
const char* RoleName(frame::Role role);

/// One file's structure tree: a Document element with one Part per record, each record's elements
/// written when the record ends (so only the open record is held), the ParentTree and the
/// StructTreeRoot at the end. Elements and ParentTree arrays go into compressed object streams: a
/// statement has an element per table cell, and plain objects would make the file six times larger.
class StructureWriter {
 public:
  StructureWriter(ObjectWriter& objects, Deflater& deflater);

  /// A page of the open record: the nodes first laid out on it and its marked content (the node of
  /// each MCID). Returns the page's /StructParents key.
  std::uint32_t AddPage(std::uint32_t page_object, std::vector<frame::StructNode>&& nodes,
                        std::vector<std::uint32_t>&& marked);
  /// Writes the record's StructElems (P/H elements left without content are dropped) and its pages'
  /// ParentTree arrays.
  void EndRecord();
  /// Writes the Document element and the StructTreeRoot; returns the catalog's entries for them
  /// (/StructTreeRoot, /MarkInfo, /ViewerPreferences).
  std::string Finish();
  /// The language of the first record ("" = none yet).
  [[nodiscard]] const std::string& first_language() const { return first_language_; }

 private:
  struct MarkedPage {
    std::uint32_t page_object = 0;
    std::uint32_t key = 0;
    std::vector<std::uint32_t> marked;
  };

  /// Queues an element or array for the next object stream (written when full, and at the end).
  void Add(std::uint32_t number, std::string&& body);
  void Flush();

  ObjectWriter& objects_;
  Deflater& deflater_;
  std::vector<std::pair<std::uint32_t, std::string>> pending_;
  std::uint32_t document_ = 0, root_ = 0;
  std::vector<std::uint32_t> parts_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> parent_tree_;  ///< key → array object
  std::uint32_t next_key_ = 0;
  std::vector<frame::StructNode> nodes_;  ///< of the open record
  std::vector<MarkedPage> pages_;         ///< of the open record
  std::string first_language_;
};

}  // namespace missive::pdf

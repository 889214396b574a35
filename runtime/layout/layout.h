// Pagination: lays a record's block tree out into pages (frames), streaming each page to a sink as
// soon as it is final, so a 500-page record never has to be held whole.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/compose/block.h"
#include "runtime/frame/frame.h"
#include "runtime/text/text.h"

namespace missive::layout {

class PageSink {
 public:
  virtual ~PageSink() = default;
  /// Called once per finished page, in order. page.number is 1-based within the document.
  virtual void OnPage(frame::Page&& page) = 0;
};

struct Result {
  std::uint32_t pages = 0;
  std::optional<std::string> error;  ///< a record-level failure (e.g. overflow of a fixed area)
};

/// One pass: the page total is emitted as frame::PageTotal placeholders, never re-laid out.
/// `structure`: build the record's structure tree (a tagged PDF needs it); without it pages carry no
/// structure nodes and every item's node is 0, which untagged output ignores anyway.
Result LayoutDocument(const compose::Document& document, text::TextEngine& text, PageSink& sink, bool structure = true);

}  // namespace missive::layout

// A block tree as plain text: the text alternative of an email (paragraphs wrapped, tables as aligned
// columns, links as numbered references listed at the end) and the text of an SMS or a push message
// (no wrapping, no references).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "runtime/compose/block.h"

namespace missive::render {

struct PlainTextOptions {
  /// Columns to wrap paragraphs at; 0 = no wrapping, blocks on lines of their own, no blank lines.
  std::size_t width = 72;
  /// Links as `text [1]` with `[1] https://…` at the end; false = the link's text alone.
  bool references = true;
};

/// The text of `blocks`, lines ending in "\n" (none after the last when `width` is 0).
std::string PlainText(const std::vector<compose::BlockPtr>& blocks, const PlainTextOptions& options);

/// A paragraph's text: its spans in order (page numbers, which messages do not have, as nothing).
std::string ParagraphText(const compose::Block& paragraph);

/// Columns a string takes in a fixed-width font: its code points (a fair count for the scripts of
/// statements; wide CJK characters count one).
std::size_t Columns(std::string_view text);

}  // namespace missive::render

// The semantic block tree of one record's document or message: built per record by the compiled
// program, channel-neutral: laid out into pages by runtime/layout, walked into HTML and plain text by
// runtime/render/email and runtime/render/text.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/frame/frame.h"
#include "runtime/media/barcode.h"
#include "runtime/media/fit.h"
#include "runtime/text/text.h"

namespace missive::compose {

using frame::Color;
using frame::Unit;

/// A fully resolved style (inheritance already applied by whoever built the tree).
/// Text properties apply to text inside; box properties apply to the block that carries the style.
struct Style {
  // text
  text::FontId font = 0;  ///< resolved in the program's FontLibrary
  Unit size = 10 * frame::kPt;
  std::uint32_t leading_permille = 1200;
  Color color;
  text::Align align = text::Align::Start;
  bool hyphenate = false;  ///< break words at hyphenation points (libhyphen, the record's language)
  // box
  std::optional<Color> background;
  Unit border_width = 0;
  Color border_color;
  Unit padding[4] = {0, 0, 0, 0};             ///< top, right, bottom, left
  std::optional<Unit> width;                  ///< fixed width of the box
  std::uint32_t width_fraction_permille = 0;  ///< `width: 1fr`: a share of a row's free space (1fr = 1000)
  Unit radius = 0;
  /// `role`: the block's structure type in a tagged PDF (h1…h6, p; nullopt = P for text) or, when
  /// `artifact`, nothing of it is structure. A box's role applies to the paragraphs inside. Not inherited.
  std::optional<frame::Role> role;
  bool artifact = false;
};

/// Fixed size, a fraction of the remaining space, or the content's own size.
struct Size {
  enum class Kind : std::uint8_t { Fixed, Fraction, Auto } kind = Kind::Auto;
  Unit fixed = 0;
  std::uint32_t fraction_permille = 1000;  ///< 1fr = 1000
};

enum class SpanKind : std::uint8_t { Text, PageNumber, PageTotal };

struct TextSpan {
  SpanKind kind = SpanKind::Text;
  std::string text;
  const Style* style = nullptr;
};

enum class Overflow : std::uint8_t { Reject, Shrink, Clip };

enum class BlockKind : std::uint8_t {
  Paragraph,  ///< spans, align from style (or `align` below)
  Stack,      ///< children top to bottom (column, box)
  Row,        ///< children left to right, each with a `width` Size; `fill` is an empty Fraction child
  Table,
  Space,  ///< vertical space of `height`
  Rule,   ///< horizontal line across the available width (style: border_width/colour or 0.5pt black)
  PageBreak,
  Place,  ///< absolute position on the current page (x, y from the page's top-left), width, overflow
  Image,
  Barcode,
};

struct Block;
using BlockPtr = std::unique_ptr<Block>;

struct TableRow {
  std::vector<BlockPtr> cells;   ///< one per column (each usually a Paragraph)
  const Style* style = nullptr;  ///< row style (background for zebra/header), may be null
};

struct Table {
  std::vector<Size> columns;
  std::vector<TableRow> header;  ///< repeated on every page when `repeat_header`
  bool repeat_header = true;
  std::vector<TableRow> rows;
  Unit cell_padding[4] = {3 * frame::kPt, 4 * frame::kPt, 3 * frame::kPt, 4 * frame::kPt};
};

struct Block {
  BlockKind kind = BlockKind::Stack;
  const Style* style = nullptr;  ///< never null once built
  std::optional<text::Align> align;
  Size width;                      ///< as a child of a Row
  bool keep_together = false;      ///< Stack: move to the next page rather than split
  std::vector<TextSpan> spans;     ///< Paragraph
  std::vector<BlockPtr> children;  ///< Stack, Row, Place
  std::unique_ptr<Table> table;    ///< Table
  Unit height = 0;                 ///< Space; Image/Barcode height
  Unit x = 0, y = 0;               ///< Place
  Unit place_width = 0;            ///< Place
  Overflow overflow = Overflow::Reject;
  std::uint32_t resource = 0;  ///< Image / Barcode resource id
  std::string source_text;     ///< Barcode data / image path
  std::string alt;  ///< Image / Barcode: the `alt` text of a tagged PDF's Figure (a barcode's data when empty)
  // Image: `resource` is the id in the program's media::ImageLibrary; `height` 0 = from the aspect ratio.
  media::Fit fit = media::Fit::Contain;
  std::uint32_t pixel_width = 0, pixel_height = 0;  ///< Image: the image's own size
  /// Barcode: the encoded modules, drawn as rectangles in the box (width × height).
  std::shared_ptr<const media::BarcodeMatrix> barcode;
  /// Paragraph of a `link` or `button`: where the whole paragraph points (a checked http, https,
  /// mailto or tel URL). Print shows the text; email makes it a link or a button.
  std::string url;
  bool button = false;
};

struct PageTemplate {
  Unit width = frame::MmToUnit(210), height = frame::MmToUnit(297);
  Unit margin[4] = {frame::MmToUnit(20), frame::MmToUnit(20), frame::MmToUnit(20), frame::MmToUnit(20)};
  std::vector<BlockPtr> header, footer;              ///< laid out in the top/bottom margin band
  std::vector<BlockPtr> first_header, first_footer;  ///< page 1 when non-empty
  bool duplex = false;                               ///< pad to an even page count
  /// `background "letterhead.pdf"`: page 1 of that PDF is drawn under every page. The path as
  /// resolved against the template's folder ("" = none).
  std::string background;
};

/// One record's print document.
struct Document {
  PageTemplate page;
  std::vector<BlockPtr> body;
  const Style* base = nullptr;
  std::string language;  ///< BCP 47 of the record's locale
  /// Keeps alive what the blocks' `style` pointers point at (the builder's style store).
  std::shared_ptr<const void> storage;
};

}  // namespace missive::compose

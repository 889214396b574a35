// Content-stream operators for frame items, appended to a reused buffer (shared by page content and
// the page-total forms). Frame coordinates (top-left origin, y down, millipoints) become PDF user space.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/frame/frame.h"
#include "runtime/render/pdf/glyph_widths.h"
#include "runtime/render/pdf/writer.h"

namespace missive::pdf {

/// Pen positions in a content stream may differ from the frame's by at most this (in 1e-9 pt):
/// 0.01 pt (3.5 µm, far below any printer's dot). The frame's advances are rounded to a millipoint
/// each, the font's widths are exact: a tighter bound makes every few glyphs carry a TJ adjustment
/// that only undoes that rounding (a quarter of a statement page's content bytes, compressed per page).
inline constexpr std::int64_t kPenTolerance = 10'000'000;

class ContentEncoder {
 public:
  explicit ContentEncoder(GlyphWidths& widths) : widths_(widths) {}

  /// Starts a stream in `out` (cleared) for a page `page_height` tall (0 for a form: y = baseline).
  /// A page starts from the default graphics state; a form inherits whatever state the page has
  /// where it is drawn (`inherited_state`), so it first resets what it relies on.
  void Begin(std::string* out, frame::Unit page_height, bool inherited_state = false);
  void Text(const frame::GlyphRun& run);
  void Rect(const frame::Rect& rect);
  void Line(const frame::Line& line);
  /// Draws the form XObject `name` (without slash) with its origin at frame point (x, y).
  void Form(std::string_view name, frame::Unit x, frame::Unit y);
  /// Draws image XObject /Im<resource> scaled into its box (clipped to the clip box when set).
  void Image(const frame::Image& image);
  /// Opens marked content for structure content item `mcid` (`/P <</MCID 0>> BDC`) or, with no tag, an
  /// artifact (`/Artifact BMC`); EndMarked closes it. Text objects never straddle the boundary.
  void BeginMarked(std::string_view tag, std::uint32_t mcid);
  void BeginArtifact();
  void EndMarked();
  /// Closes an open text object.
  void End();

 private:
  void EndText();
  /// Closes the open TJ array (and its string), if any.
  void EndArray();
  void Fill(frame::Color color);
  void Stroke(frame::Color color);
  void LineWidth(frame::Unit width);
  void Point(frame::Unit x, frame::Unit pdf_y);
  [[nodiscard]] frame::Unit PdfY(frame::Unit y) const { return page_height_ - y; }

  GlyphWidths& widths_;
  std::string* out_ = nullptr;
  frame::Unit page_height_ = 0;
  bool in_text_ = false;
  int font_ = -1;
  frame::Unit size_ = 0;
  frame::Unit rise_ = 0;
  frame::Unit line_x_ = 0, line_y_ = 0;  ///< text line matrix origin (PDF user space, millipoints)
  bool moved_ = false;                   ///< a TJ moved the text matrix off the line matrix origin
  // A run's TJ array stays open for the next run on the same baseline in the same font, size and
  // colour: the gap becomes one TJ number instead of closing the array, a Td and a new array (a
  // table row is one array; a statement page's content is a fifth smaller and deflates faster).
  bool array_open_ = false, string_open_ = false;
  std::int64_t array_pen_ = 0;  ///< where a reader's pen is in the open array, from line_x_ (1e-9 pt)
  frame::Color fill_, stroke_;
  frame::Unit line_width_ = 1000;
};

/// Collects the glyphs a page uses with the text of their clusters, each (font, glyph) once per page.
class GlyphUseCollector {
 public:
  void Add(const frame::GlyphRun& run, std::vector<RenderedPage::GlyphUse>& uses);
  /// Forgets the glyphs seen (call between pages).
  void Clear();

 private:
  std::vector<std::vector<std::uint8_t>> seen_;  ///< [font][glyph]: 0 unseen, 1 without text, 2 with text
  std::vector<std::uint64_t> marked_;            ///< (font << 32 | glyph) set in `seen_`, to clear cheaply
  std::vector<std::uint32_t> starts_;            ///< sorted distinct cluster starts of the current run
};

}  // namespace missive::pdf

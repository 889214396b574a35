// Our PDF writer: page display lists → PDF bytes. Content streams are written from glyph ids
// (Type0/CIDFontType2, Identity-H) with ToUnicode maps; fonts are subset with hb-subset; streams are
// deflated with libdeflate. Deterministic: fixed document ID derived from the content, no dates.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/frame/frame.h"
#include "runtime/text/text.h"

namespace missive::media {
class ImageLibrary;
}

namespace missive::pdf {

class BackgroundLibrary;

struct Options {
  int deflate_level = 1;  ///< 0 = no compression; 1 by default: libdeflate's fastest (docs/pdf.md)
  std::string title;      ///< document info /Title (optional)
  std::string language;   ///< /Lang, BCP 47 (optional)
  /// PDF/A-2b: XMP metadata and an sRGB output intent (the profile from kSrgbProfilePath; check
  /// SrgbProfile() before writing, a file without it has no output intent).
  bool pdfa = false;
  /// Where `frame::Page::background` letterheads come from (letterhead.h); without it (or for an
  /// unknown id) none is drawn. Each is written once per file, as form /BG<id>.
  const BackgroundLibrary* backgrounds = nullptr;
  /// For one-record files: a font whose glyphs all lie in its prepared subset (font_embed.h: Latin,
  /// punctuation, currency symbols) embeds that subset, made once per process, instead of subsetting
  /// per file. Bytes still depend on the record and the program only.
  bool prepared_fonts = false;
  /// Where `frame::Image` resources come from; without it (or for an unknown id) images are not drawn.
  /// Each image is written once per file, as /Im<id>, the first time a page draws it.
  const media::ImageLibrary* images = nullptr;
  /// Tagged PDF (PDF/UA): marked content per structure node and artifacts, the structure tree
  /// (structure.h), /MarkInfo, /ViewerPreferences /DisplayDocTitle, and XMP with pdfuaid:part 1.
  bool tagged = false;
};

/// A page rendered to its (compressed) content stream, independently of any file: done in parallel
/// by worker threads, then handed to a DocumentWriter in order.
struct RenderedPage {
  frame::Unit width = 0, height = 0;
  std::string content;  ///< the content stream (deflated when `compressed`)
  bool compressed = false;
  std::uint32_t uncompressed_size = 0;
  /// Glyphs used, per font, with the text each glyph stands for (for subsets and ToUnicode).
  struct GlyphUse {
    frame::FontId font;
    std::uint32_t glyph;
    std::string text;
  };
  std::vector<GlyphUse> glyphs;
  std::vector<frame::FontId> fonts;  ///< fonts referenced (resource names /F<id>)
  bool uses_page_total = false;      ///< draws the record's /Tot form XObject
  /// The page-total styles drawn (x and y ignored), in order of first use on this page: the i-th is
  /// drawn as form /Tot<i>, which the writer maps to its record's form for that style.
  std::vector<frame::PageTotal> page_totals;
  /// Image resources drawn (as /Im<id>), each once, in increasing id order.
  std::vector<std::uint32_t> images;
  std::uint32_t background = 0;  ///< letterhead drawn first (as /BG<id>), 0 = none
  /// Tagged: the structure node of each MCID of the page, and the nodes the page brought (frame::Page).
  std::vector<std::uint32_t> marked;
  std::vector<frame::StructNode> structure;
};

/// Thread-safe if each thread has its own PageRenderer.
class PageRenderer {
 public:
  PageRenderer(text::FontLibrary& fonts, const Options& options);
  ~PageRenderer();
  /// The pages rendered from now until the next BeginRecord are one record's, written to one file in
  /// order: each glyph is listed in RenderedPage::glyphs once, on the first page that uses it, instead
  /// of on every page. Without it every page lists all its glyphs.
  void BeginRecord();
  RenderedPage Render(const frame::Page& page);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// One PDF file: a record's archive copy, or a print-stream chunk with many records in order.
/// Bytes are produced incrementally: call TakeBytes() to move what is final to a file.
class DocumentWriter {
 public:
  DocumentWriter(text::FontLibrary& fonts, const Options& options);
  ~DocumentWriter();
  DocumentWriter(const DocumentWriter&) = delete;
  DocumentWriter& operator=(const DocumentWriter&) = delete;

  /// Starts a record; `bookmark` titles its outline entry (empty = no outline entry).
  void BeginRecord(std::string_view bookmark);
  void AddPage(RenderedPage page);
  /// Ends the record: writes the form that draws its page total (known now).
  void EndRecord();
  /// Writes fonts (subsets of the glyphs used), outlines, cross-reference stream and trailer.
  void Finish();
  /// Moves the bytes written so far out of the writer (append them to the file).
  std::string TakeBytes();
  [[nodiscard]] std::uint64_t bytes_written() const;
  [[nodiscard]] std::uint32_t page_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace missive::pdf

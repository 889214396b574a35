// Content-stream encoding: glyph runs as TJ arrays of glyph codes (glyph_codes.h) positioned exactly,
// paths, form calls.
#include "runtime/render/pdf/content.h"

#include <algorithm>

#include "runtime/render/pdf/glyph_codes.h"
#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

namespace {

/// A colour component 0–255 as 0–1 with three decimals.
void AppendComponent(std::string& out, std::uint8_t value) { AppendMilli(out, RoundDiv(value * 1000, 255)); }

void AppendColor(std::string& out, frame::Color color, const char* op) {
  AppendComponent(out, color.r);
  out += ' ';
  AppendComponent(out, color.g);
  out += ' ';
  AppendComponent(out, color.b);
  out += op;
}

/// Copies a literal (without its terminating NUL) to `p`.
template <std::size_t N>
char* WriteText(char* p, const char (&text)[N]) {
  for (std::size_t i = 0; i + 1 < N; ++i) *p++ = text[i];
  return p;
}

/// Reverses the order of the code points of a UTF-8 string (each code point's bytes kept in order).
void ReverseCodePoints(std::string& text) {
  if (text.size() < 2) return;
  std::reverse(text.begin(), text.end());
  // Each sequence is now backwards: its continuation bytes precede its lead byte.
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      std::reverse(text.begin() + static_cast<std::ptrdiff_t>(start),
                   text.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      start = i + 1;
    }
  }
}

/// The cubic Bézier control distance for a quarter circle of radius r (0.5523 r).
frame::Unit Kappa(frame::Unit r) { return static_cast<frame::Unit>(RoundDiv(std::int64_t{r} * 552'285, 1'000'000)); }

}  // namespace

void ContentEncoder::Begin(std::string* out, frame::Unit page_height, bool inherited_state) {
  out_ = out;
  out_->clear();
  page_height_ = page_height;
  in_text_ = false;
  font_ = -1;
  size_ = 0;
  rise_ = 0;
  line_x_ = line_y_ = 0;
  moved_ = array_open_ = string_open_ = false;
  fill_ = stroke_ = frame::Color{};
  line_width_ = 1000;
  if (inherited_state) *out_ += "0 g 0 G 1 w 0 Ts\n";
}

void ContentEncoder::End() { EndText(); }

void ContentEncoder::BeginMarked(std::string_view tag, std::uint32_t mcid) {
  EndText();
  *out_ += '/';
  *out_ += tag;
  *out_ += "<</MCID ";
  AppendInt(*out_, mcid);
  *out_ += ">>BDC\n";
}

void ContentEncoder::BeginArtifact() {
  EndText();
  *out_ += "/Artifact BMC\n";
}

void ContentEncoder::EndMarked() {
  EndText();
  *out_ += "EMC\n";
}

void ContentEncoder::EndArray() {
  if (string_open_) *out_ += ')';
  if (array_open_) *out_ += "]TJ\n";
  string_open_ = array_open_ = false;
}

void ContentEncoder::EndText() {
  EndArray();
  if (in_text_) {
    *out_ += "ET\n";
    in_text_ = false;
  }
}

void ContentEncoder::Fill(frame::Color color) {
  if (color == fill_) return;
  fill_ = color;
  AppendColor(*out_, color, " rg\n");
}

void ContentEncoder::Stroke(frame::Color color) {
  if (color == stroke_) return;
  stroke_ = color;
  AppendColor(*out_, color, " RG\n");
}

void ContentEncoder::LineWidth(frame::Unit width) {
  if (width == line_width_) return;
  line_width_ = width;
  AppendMilli(*out_, width);
  *out_ += " w\n";
}

void ContentEncoder::Point(frame::Unit x, frame::Unit pdf_y) {
  AppendMilli(*out_, x);
  *out_ += ' ';
  AppendMilli(*out_, pdf_y);
  *out_ += ' ';
}

void ContentEncoder::Text(const frame::GlyphRun& run) {
  const frame::Shaped& shaped = *run;
  if (shaped.glyphs.empty() || run.size <= 0) return;
  std::string& out = *out_;
  const frame::Unit x = run.x, y = PdfY(run.y);
  // Positions in 1e-9 pt relative to the run's start: where the frame puts each glyph's origin
  // (`frame_pen` + x offset) and where a reader will have its pen (`pen`: the font's own advances
  // and our adjustments). A run continuing the open array starts with the pen where that left it.
  std::int64_t pen = 0;
  if (array_open_ && font_ == run.font && size_ == run.size && fill_ == run.color && y == line_y_) {
    pen = array_pen_ - (std::int64_t{x} - line_x_) * 1'000'000;
  } else {
    EndArray();
    if (!in_text_) {
      out += "BT\n";
      in_text_ = true;
      line_x_ = line_y_ = 0;  // BT resets the text line matrix
      moved_ = false;
    }
    if (font_ != run.font || size_ != run.size) {
      font_ = run.font;
      size_ = run.size;
      out += "/F";
      AppendInt(out, run.font);
      out += ' ';
      AppendMilli(out, run.size);
      out += " Tf\n";
    }
    Fill(run.color);
    if (x != line_x_ || y != line_y_ || moved_) {
      AppendMilli(out, std::int64_t{x} - line_x_);
      out += ' ';
      AppendMilli(out, std::int64_t{y} - line_y_);
      out += " Td\n";
      line_x_ = x;
      line_y_ = y;
    }
  }
  moved_ = true;

  // Glyphs are written through a small stack buffer: no per-byte checks.
  const bool compact = widths_.Compact(run.font);
  const std::int64_t size = run.size;
  std::int64_t frame_pen = 0;
  bool array_open = array_open_, string_open = string_open_;
  // Per glyph at most 53 bytes (a rise change with an int32 value, a 25-character adjustment, an
  // escaped code).
  constexpr std::size_t kChunk = 512, kMaxPerGlyph = 64;
  char chunk[kChunk];
  char* p = chunk;
  const std::size_t n = shaped.glyphs.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (p + kMaxPerGlyph > chunk + kChunk) {
      out.append(chunk, p);
      p = chunk;
    }
    std::uint32_t glyph = shaped.glyphs[i];
    frame::Unit x_offset = i < shaped.x_offsets.size() ? shaped.x_offsets[i] : 0;
    frame::Unit y_offset = i < shaped.y_offsets.size() ? shaped.y_offsets[i] : 0;
    std::int64_t width = widths_.MicroEm(run.font, glyph);
    std::int64_t advance = i < shaped.advances.size() ? std::int64_t{shaped.advances[i]} * 1'000'000 : width * size;

    if (y_offset != rise_) {
      if (string_open) *p++ = ')';
      if (array_open) p = WriteText(p, "]TJ\n");
      string_open = array_open = false;
      rise_ = y_offset;
      p = WriteMilli(p, rise_);
      p = WriteText(p, " Ts\n");
    }
    if (!array_open) {
      *p++ = '[';
      array_open = true;
    }
    std::int64_t error = frame_pen + std::int64_t{x_offset} * 1'000'000 - pen;
    if (error > kPenTolerance || error < -kPenTolerance) {
      // A TJ number a moves the pen by -a/1000 em: a (in thousandths, written to 3 decimals) = -error/size.
      // A whole number is shorter and usually lands within the tolerance too.
      std::int64_t adjust = RoundDiv(-error, size);
      const std::int64_t whole = RoundDiv(adjust, 1000) * 1000;
      const std::int64_t left = error + whole * size;
      if (left <= kPenTolerance && left >= -kPenTolerance) adjust = whole;
      if (adjust != 0) {
        if (string_open) *p++ = ')';
        string_open = false;
        p = WriteMilli(p, adjust);
        pen -= adjust * size;
      }
    }
    if (!string_open) {
      *p++ = '(';
      string_open = true;
    }
    p = WriteGlyphCode(p, glyph, compact);
    pen += width * size;
    frame_pen += advance;
  }
  out.append(chunk, p);
  array_open_ = array_open;
  string_open_ = string_open;
  array_pen_ = pen + (std::int64_t{x} - line_x_) * 1'000'000;
}

void ContentEncoder::Rect(const frame::Rect& rect) {
  bool stroke = rect.stroke_width > 0;
  if (!rect.has_fill && !stroke) return;
  EndText();
  std::string& out = *out_;
  if (rect.has_fill) Fill(rect.fill);
  if (stroke) {
    Stroke(rect.stroke);
    LineWidth(rect.stroke_width);
  }
  frame::Unit x0 = std::min(rect.x, rect.x + rect.width), x1 = std::max(rect.x, rect.x + rect.width);
  frame::Unit y0 = PdfY(std::max(rect.y, rect.y + rect.height)), y1 = PdfY(std::min(rect.y, rect.y + rect.height));
  frame::Unit r = std::min({rect.radius, (x1 - x0) / 2, (y1 - y0) / 2});
  if (r <= 0) {
    Point(x0, y0);
    AppendMilli(out, x1 - x0);
    out += ' ';
    AppendMilli(out, y1 - y0);
    out += " re\n";
  } else {
    frame::Unit k = Kappa(r);
    auto curve = [&](frame::Unit ax, frame::Unit ay, frame::Unit bx, frame::Unit by, frame::Unit cx, frame::Unit cy) {
      Point(ax, ay);
      Point(bx, by);
      Point(cx, cy);
      out += "c\n";
    };
    Point(x0 + r, y0);
    out += "m\n";
    Point(x1 - r, y0);
    out += "l\n";
    curve(x1 - r + k, y0, x1, y0 + r - k, x1, y0 + r);
    Point(x1, y1 - r);
    out += "l\n";
    curve(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1);
    Point(x0 + r, y1);
    out += "l\n";
    curve(x0 + r - k, y1, x0, y1 - r + k, x0, y1 - r);
    Point(x0, y0 + r);
    out += "l\n";
    curve(x0, y0 + r - k, x0 + r - k, y0, x0 + r, y0);
    out += "h\n";
  }
  out += rect.has_fill ? (stroke ? "B\n" : "f\n") : "S\n";
}

void ContentEncoder::Line(const frame::Line& line) {
  if (line.width <= 0) return;
  EndText();
  Stroke(line.color);
  LineWidth(line.width);
  Point(line.x1, PdfY(line.y1));
  *out_ += "m ";
  Point(line.x2, PdfY(line.y2));
  *out_ += "l S\n";
}

void ContentEncoder::Form(std::string_view name, frame::Unit x, frame::Unit y) {
  EndText();
  std::string& out = *out_;
  out += "q 1 0 0 1 ";
  Point(x, PdfY(y));
  out += "cm /";
  out += name;
  out += " Do Q\n";
}

void ContentEncoder::Image(const frame::Image& image) {
  EndText();
  std::string& out = *out_;
  // q/Q keeps the clip and the matrix to this image; the tracked colours and text state are untouched.
  out += "q ";
  if (image.clip) {
    Point(image.clip_x, PdfY(image.clip_y + image.clip_height));
    AppendMilli(out, image.clip_width);
    out += ' ';
    AppendMilli(out, image.clip_height);
    out += " re W n ";
  }
  AppendMilli(out, image.width);
  out += " 0 0 ";
  AppendMilli(out, image.height);
  out += ' ';
  Point(image.x, PdfY(image.y + image.height));
  out += "cm /Im";
  AppendInt(out, image.resource);
  out += " Do Q\n";
}

void GlyphUseCollector::Clear() {
  for (std::uint64_t key : marked_) seen_[key >> 32][key & 0xFFFFFFFFu] = 0;
  marked_.clear();
}

void GlyphUseCollector::Add(const frame::GlyphRun& run, std::vector<RenderedPage::GlyphUse>& uses) {
  const frame::Shaped& shaped = *run;
  const std::size_t n = shaped.glyphs.size();
  if (n == 0) return;
  if (run.font >= seen_.size()) seen_.resize(run.font + 1u);
  auto& seen = seen_[run.font];
  bool starts_ready = false;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t glyph = shaped.glyphs[i];
    if (glyph < seen.size() && seen[glyph] == 2) continue;  // most glyphs of a page repeat
    std::string_view text;
    if (i < shaped.clusters.size()) {
      std::uint32_t start = shaped.clusters[i];
      // Later glyphs of a multi-glyph cluster (in visual order) map to no text.
      bool first_of_cluster = i == 0 || shaped.clusters[i - 1] != start;
      if (first_of_cluster && start < shaped.text.size()) {
        // A cluster's text runs from its start to the next larger cluster start, whatever the
        // visual order.
        if (!starts_ready) {
          starts_.assign(shaped.clusters.begin(), shaped.clusters.end());
          std::sort(starts_.begin(), starts_.end());
          starts_.erase(std::unique(starts_.begin(), starts_.end()), starts_.end());
          starts_ready = true;
        }
        auto next = std::upper_bound(starts_.begin(), starts_.end(), start);
        std::size_t end = next == starts_.end() ? shaped.text.size() : std::min<std::size_t>(*next, shaped.text.size());
        text = std::string_view(shaped.text).substr(start, end - start);
      }
    }
    if (glyph >= seen.size()) seen.resize(glyph + 1u, 0);
    std::uint8_t state = text.empty() ? 1 : 2;
    if (seen[glyph] >= state) continue;
    if (seen[glyph] == 0) marked_.push_back(std::uint64_t{run.font} << 32 | glyph);
    seen[glyph] = state;
    uses.push_back(RenderedPage::GlyphUse{run.font, glyph, std::string(text)});
    // Readers turn a right-to-left line back into logical order code point by code point, which
    // would also reverse a ligature's text (lam-alef "لا" → "ال"): so map it in visual order.
    if (run.rtl) ReverseCodePoints(uses.back().text);
  }
}

}  // namespace missive::pdf

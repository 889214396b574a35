// TextEngine: shapes itemised text, breaks it into lines (UAX #14), reorders runs (UAX #9) and aligns them.
#include <hb.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "runtime/text/bidi.h"
#include "runtime/text/breaker.h"
#include "runtime/text/hyphenate.h"
#include "runtime/text/itemize.h"
#include "runtime/text/layout_cache.h"
#include "runtime/text/shaper.h"
#include "runtime/text/text.h"
#include "runtime/util/util.h"

namespace missive::text {
namespace {

struct LineRange {
  std::size_t start = 0, end = 0;  ///< code points, trailing spaces and the newline included
  bool mandatory = false;          ///< ended by a newline or the end of the text
  bool hyphen = false;             ///< ends inside a word, where a hyphen is drawn
};

std::string MissingGlyphWarning(char32_t cp) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  std::string out = "no font has a glyph for ";
  out += code;
  out += " `";
  util::AppendUtf8(out, cp);
  out += "`";
  return out;
}

// Code points that itemise as Latin or Common, left to right, in the span's font, with no special
// handling: ASCII and Latin-1 to Latin Extended-B without controls, the soft hyphen or marks; general
// punctuation without the invisible and bidi controls (the narrow no-break space of French amounts
// included); currency signs; the minus sign.
bool IsPlainLatin(char32_t cp) {
  if (cp < 0x80) return cp >= 0x20 && cp != 0x7F;
  if (cp >= 0xA0 && cp <= 0x24F) return cp != 0xAD;
  return (cp >= 0x2010 && cp <= 0x2027) || cp == 0x202F || (cp >= 0x2030 && cp <= 0x205E) ||
         (cp >= 0x20A0 && cp <= 0x20CF) || cp == 0x2212;
}

// Where a line `width` wide starts in a box `box` wide, for `align` with Justify already resolved.
Unit LineStart(Align align, bool rtl, Unit box, Unit width) {
  if (align == Align::Start) align = rtl ? Align::Right : Align::Left;
  if (align == Align::End) align = rtl ? Align::Left : Align::Right;
  if (align == Align::Right) return box - width;
  if (align == Align::Center) return (box - width) / 2;
  return 0;
}

// A line's run of `shaped` (its glyphs copied once into the shared, immutable frame::Shaped).
frame::GlyphRun RunOf(const ShapedRun& shaped, FontId font, const TextStyle& style, std::string_view text) {
  frame::GlyphRun run;
  run.font = font;
  run.size = style.size;
  run.color = style.color;
  auto glyphs = std::make_shared<frame::Shaped>();
  glyphs->glyphs = shaped.glyphs;
  glyphs->advances = shaped.advances;
  glyphs->x_offsets = shaped.x_offsets;
  glyphs->y_offsets = shaped.y_offsets;
  glyphs->clusters = shaped.clusters;
  glyphs->text = text;
  run.shaped = std::move(glyphs);
  return run;
}

}  // namespace

struct TextEngine::Impl {
  Impl(FontLibrary& f, const StaticShapes* statics) : fonts(f), shaper(f, statics) {}

  FontLibrary& fonts;
  Shaper shaper;
  std::vector<std::string> warnings;

  // Whole paragraphs of one span laid out before: table cells repeat (dates, merchant names, labels) and
  // a hit skips itemisation, shaping, line breaking and line building.
  LayoutCache<std::shared_ptr<const Paragraph>> paragraphs;
  std::uint64_t paragraph_hits = 0;
  std::uint64_t one_line_paragraphs = 0;

  // One paragraph's itemisation and shaping; per-code-point advances drive line breaking.
  struct Prepared {
    Itemized itemized;
    std::vector<const ShapedRun*> item_runs;
    std::vector<Unit> advances;  ///< per code point (a cluster's advance on its first code point)
    Unit total = 0;
  };

  ShapeRequest RequestFor(const Prepared& p, const std::vector<StyledSpan>& spans, const Item& item, std::size_t start,
                          std::size_t end, std::string_view language) const {
    const auto& offsets = p.itemized.decoded.offsets;
    ShapeRequest request;
    request.font = item.font;
    request.size = spans[item.span].style.size;
    request.rtl = (item.level & 1) != 0;
    request.script = item.script;
    request.language = language;
    request.text = std::string_view(p.itemized.text).substr(offsets[start], offsets[end] - offsets[start]);
    return request;
  }

  bool one_line_path = true;  // LayoutOneLine; off in tests that compare it with the general path
  Prepared prepared;          // reused: a warm engine lays out a cell without allocating for itemisation
  // Reused by Layout (never re-entered) for the same reason.
  std::vector<BreakKind> breaks_scratch;
  std::vector<LineRange> ranges_scratch;
  std::vector<std::uint8_t> line_levels_scratch;

  Prepared& Prepare(const std::vector<StyledSpan>& spans, std::string_view language) {
    shaper.BeginBatch();
    Prepared& p = prepared;
    p.item_runs.clear();
    p.total = 0;
    Itemize(spans, fonts, &p.itemized);
    for (char32_t cp : p.itemized.missing) warnings.push_back(MissingGlyphWarning(cp));
    const auto& offsets = p.itemized.decoded.offsets;
    p.advances.assign(p.itemized.decoded.cps.size(), 0);
    for (const Item& item : p.itemized.items) {
      const ShapedRun& run = shaper.Shape(RequestFor(p, spans, item, item.start, item.end, language));
      p.item_runs.push_back(&run);
      // Clusters are byte offsets into the item; find each one's first code point.
      const std::uint32_t base = offsets[item.start];
      const auto first = offsets.begin() + static_cast<std::ptrdiff_t>(item.start);
      const auto last = offsets.begin() + static_cast<std::ptrdiff_t>(item.end);
      for (std::size_t g = 0; g < run.glyphs.size(); ++g) {
        const auto at = std::upper_bound(first, last, base + run.clusters[g]) - 1;
        p.advances[static_cast<std::size_t>(at - offsets.begin())] += run.advances[g];
      }
      p.total += run.width;
    }
    return p;
  }

  // Break opportunities: only newlines when nothing wraps, otherwise UAX #14.
  const std::vector<BreakKind>& Breaks(const Prepared& p, Unit max_width, std::string_view language) {
    const std::u32string& cps = p.itemized.decoded.cps;
    const std::size_t n = cps.size();
    bool has_newline = std::any_of(cps.begin(), cps.end(), IsMandatoryBreakChar);
    std::vector<BreakKind>& out = breaks_scratch;
    if (max_width > 0 && (p.total > max_width || has_newline)) return out = LineBreaks(cps, language);
    out.assign(n + 1, BreakKind::None);
    out[n] = BreakKind::Mandatory;
    if (has_newline) {
      for (std::size_t i = 1; i < n; ++i) {
        if (IsMandatoryBreakChar(cps[i - 1]) && !(cps[i - 1] == U'\r' && cps[i] == U'\n'))
          out[i] = BreakKind::Mandatory;
      }
    }
    return out;
  }

  // The hyphen drawn at the end of a hyphenated line, in the font and size of the character before it.
  ShapeRequest HyphenRequest(const Prepared& p, const std::vector<StyledSpan>& spans, std::size_t before,
                             std::string_view language) const {
    const Item* item = &p.itemized.items.front();
    for (const Item& candidate : p.itemized.items) {
      if (candidate.start <= before && before < candidate.end) item = &candidate;
    }
    ShapeRequest request;
    request.font = item->font;
    request.size = spans[item->span].style.size;
    request.script = item->script;
    request.language = language;
    request.text = "-";
    return request;
  }

  // The last hyphenation point k in [from, content_end) with width(from..k) + hyphen <= available, or 0.
  std::size_t HyphenBreak(const Prepared& p, const std::vector<StyledSpan>& spans, std::size_t from,
                          std::size_t content_end, Unit available, std::string_view language) {
    const std::u32string& cps = p.itemized.decoded.cps;
    std::size_t word_start = from;
    while (word_start < content_end && !u_isalpha(static_cast<UChar32>(cps[word_start]))) ++word_start;
    std::size_t word_end = word_start;
    while (word_end < content_end && u_isalpha(static_cast<UChar32>(cps[word_end]))) ++word_end;
    std::vector<std::size_t> points =
        HyphenationPoints(std::u32string_view(cps).substr(word_start, word_end - word_start), language);
    for (auto point = points.rbegin(); point != points.rend(); ++point) {
      const std::size_t k = word_start + *point;
      Unit width = shaper.Shape(HyphenRequest(p, spans, k - 1, language)).width;
      for (std::size_t i = from; i < k; ++i) width += p.advances[i];
      if (width <= available) return k;
    }
    return 0;
  }

  // Greedy line filling. A word that does not fit is hyphenated when asked and the language has a dictionary; a
  // piece wider than the line on its own is then cut at grapheme boundaries.
  const std::vector<LineRange>& BreakLines(const Prepared& p, const std::vector<StyledSpan>& spans, Unit max_width,
                                           const std::vector<BreakKind>& breaks, std::string_view language,
                                           bool hyphenation) {
    const std::u32string& cps = p.itemized.decoded.cps;
    const std::size_t n = cps.size();
    // Hyphens are placed for left-to-right text only.
    const bool hyphenate =
        hyphenation && max_width > 0 && !language.empty() &&
        std::all_of(p.itemized.items.begin(), p.itemized.items.end(), [](const Item& item) { return item.level == 0; });
    std::vector<LineRange>& lines = ranges_scratch;
    lines.clear();
    std::size_t line_start = 0;
    Unit line_width = 0;
    bool line_empty = true;
    std::size_t seg_start = 0;
    std::vector<bool> graphemes;
    for (std::size_t b = 1; b <= n; ++b) {
      if (breaks[b] == BreakKind::None) continue;
      std::size_t content_end = b;
      while (content_end > seg_start && IsTrailingSpace(cps[content_end - 1])) --content_end;
      std::size_t from = seg_start;
      Unit content = 0, full = 0;
      auto measure = [&] {
        content = full = 0;
        for (std::size_t i = from; i < b; ++i) {
          full += p.advances[i];
          if (i < content_end) content = full;
        }
      };
      measure();
      if (max_width > 0 && !line_empty && line_width + content > max_width) {
        std::size_t k = hyphenate ? HyphenBreak(p, spans, from, content_end, max_width - line_width, language) : 0;
        lines.push_back({line_start, k != 0 ? k : from, false, k != 0});
        line_start = from = k != 0 ? k : from;
        line_width = 0;
        line_empty = true;
        measure();
      }
      while (hyphenate && line_empty && content > max_width) {
        std::size_t k = HyphenBreak(p, spans, from, content_end, max_width, language);
        if (k == 0) break;
        lines.push_back({line_start, k, false, true});
        line_start = from = k;
        measure();
      }
      if (max_width > 0 && line_empty && content > max_width) {
        if (graphemes.empty()) graphemes = GraphemeBoundaries(cps);
        Unit acc = 0;
        std::size_t g = from;
        while (g < content_end) {
          std::size_t g_end = g + 1;
          while (g_end < n && !graphemes[g_end]) ++g_end;
          Unit width = 0;
          for (std::size_t i = g; i < g_end; ++i) width += p.advances[i];
          if (acc > 0 && acc + width > max_width) {
            lines.push_back({line_start, g, false});
            line_start = g;
            acc = 0;
          }
          acc += width;
          g = g_end;
        }
        line_width = acc + (full - content);
      } else {
        line_width += full;
      }
      line_empty = false;
      if (breaks[b] == BreakKind::Mandatory) {
        lines.push_back({line_start, b, true});
        line_start = b;
        line_width = 0;
        line_empty = true;
      }
      seg_start = b;
    }
    return lines;
  }

  Line BuildLine(const Prepared& p, const std::vector<StyledSpan>& spans, const LineRange& range,
                 const ParagraphOptions& options) {
    const Itemized& it = p.itemized;
    const std::u32string& cps = it.decoded.cps;
    const auto& offsets = it.decoded.offsets;
    Line line;
    std::size_t content_end = range.end;
    while (content_end > range.start && IsTrailingSpace(cps[content_end - 1])) --content_end;

    std::vector<frame::GlyphRun> runs;
    std::vector<std::uint8_t> levels;
    for (std::size_t k = 0; k < it.items.size(); ++k) {
      const Item& item = it.items[k];
      std::size_t start = std::max(item.start, range.start);
      std::size_t end = std::min(item.end, content_end);
      if (start >= end) continue;
      const ShapedRun& shaped = (start == item.start && end == item.end)
                                    ? *p.item_runs[k]
                                    : shaper.Shape(RequestFor(p, spans, item, start, end, options.language));
      const TextStyle& style = spans[item.span].style;
      frame::GlyphRun run = RunOf(shaped, item.font, style,
                                  std::string_view(it.text).substr(offsets[start], offsets[end] - offsets[start]));
      run.rtl = (item.level & 1) != 0;
      line.width += shaped.width;
      const FontInfo& info = fonts.Info(item.font);
      line.ascent = std::max(line.ascent, ScaleToUnits(info.ascender, style.size, info.units_per_em));
      line.descent = std::max(line.descent, ScaleToUnits(-info.descender, style.size, info.units_per_em));
      runs.push_back(std::move(run));
      levels.push_back(item.level);
    }
    // Line height from every span the line touches (its newline included); an empty line takes the
    // metrics of the span it stands in.
    std::size_t last = std::max(range.start + 1, range.end);
    for (std::size_t i = range.start; i < last && i < cps.size(); ++i) {
      const TextStyle& style = spans[it.span_of[i]].style;
      line.height = std::max(line.height, ScaleToUnits(options.leading_permille, style.size, 1000));
      if (runs.empty()) {
        const FontInfo& info = fonts.Info(style.font);
        line.ascent = std::max(line.ascent, ScaleToUnits(info.ascender, style.size, info.units_per_em));
        line.descent = std::max(line.descent, ScaleToUnits(-info.descender, style.size, info.units_per_em));
      }
    }
    if (range.hyphen && !runs.empty()) {
      // Hyphenated lines are left-to-right: the logically last run is the rightmost. Its text gains the
      // hyphen so that extracted text reads as printed.
      frame::Shaped& run = runs.back().Edit();
      const ShapedRun& hyphen = shaper.Shape(HyphenRequest(p, spans, content_end - 1, options.language));
      for (std::size_t g = 0; g < hyphen.glyphs.size(); ++g) {
        run.glyphs.push_back(hyphen.glyphs[g]);
        run.advances.push_back(hyphen.advances[g]);
        run.clusters.push_back(static_cast<std::uint32_t>(run.text.size()));
        if (!run.x_offsets.empty()) {
          run.x_offsets.push_back(0);
          run.y_offsets.push_back(0);
        }
      }
      run.text += "-";
      line.width += hyphen.width;
    }
    bool any_rtl = std::any_of(levels.begin(), levels.end(), [](std::uint8_t l) { return l != 0; });
    if (any_rtl) {
      std::vector<std::int32_t> order = VisualOrder(levels);
      line.runs.reserve(runs.size());
      for (std::int32_t logical : order) line.runs.push_back(std::move(runs[static_cast<std::size_t>(logical)]));
    } else {
      line.runs = std::move(runs);
    }
    return line;
  }

  // Stretches the spaces of a line to `target` (integer shares, the first spaces in visual order get the
  // remainder) and returns whether it did.
  static bool Justify(Line& line, Unit target) {
    Unit extra = target - line.width;
    if (extra <= 0) return false;
    std::size_t spaces = 0;
    for (const frame::GlyphRun& run : line.runs) {
      for (std::uint32_t c : run->clusters) spaces += run->text[c] == ' ';
    }
    if (spaces == 0) return false;
    const Unit share = extra / static_cast<Unit>(spaces);
    Unit remainder = extra % static_cast<Unit>(spaces);
    for (frame::GlyphRun& line_run : line.runs) {
      frame::Shaped& run = line_run.Edit();
      for (std::size_t g = 0; g < run.glyphs.size(); ++g) {
        if (run.text[run.clusters[g]] != ' ') continue;
        run.advances[g] += share + (remainder > 0 ? 1 : 0);
        if (remainder > 0) --remainder;
      }
    }
    return true;
  }

  // The shaping request of a one-line span of plain Latin text, as itemisation would make it: null for
  // any other text (a fallback font, another script, a control, a trailing space, no text).
  std::optional<ShapeRequest> PlainRequest(const StyledSpan& span, std::string_view language) const {
    const std::string_view text = span.text;
    hb_unicode_funcs_t* unicode = nullptr;
    std::uint32_t script = HB_SCRIPT_COMMON;
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    char32_t last = 0;
    for (std::size_t i = 0; i < text.size();) {
      char32_t cp = s[i];
      std::size_t len = 1;
      if (cp >= 0x80) {
        // only two- and three-byte sequences can be plain; DecodeUtf8's checks, inline
        if ((cp & 0xE0) == 0xC0 && cp >= 0xC2 && i + 1 < text.size() && (s[i + 1] & 0xC0) == 0x80) {
          cp = ((cp & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
          len = 2;
        } else if ((cp & 0xF0) == 0xE0 && i + 2 < text.size() && (s[i + 1] & 0xC0) == 0x80 &&
                   (s[i + 2] & 0xC0) == 0x80) {
          cp = ((cp & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
          len = 3;
        } else {
          return std::nullopt;
        }
      }
      if (!IsPlainLatin(cp) || !fonts.HasGlyph(span.style.font, cp)) return std::nullopt;
      if (cp < 0x80 ? (cp | 0x20) >= U'a' && (cp | 0x20) <= U'z'
                    : (unicode = unicode ? unicode : hb_unicode_funcs_get_default(),
                       hb_unicode_script(unicode, cp) == HB_SCRIPT_LATIN)) {
        script = HB_SCRIPT_LATIN;
      }
      last = cp;
      i += len;
    }
    if (last == 0 || IsTrailingSpace(last)) return std::nullopt;
    ShapeRequest request;
    request.font = span.style.font;
    request.size = span.style.size;
    request.script = script;
    request.language = language;
    request.text = text;
    return request;
  }

  // Most table cells are one span of plain Latin text that fits its width. Itemisation then gives one
  // item in the span's font (Latin if any letter is, otherwise Common, level 0), breaking gives one
  // line, and the general path's result is one run of that item's shaping: built here directly,
  // without the per-code-point passes. Anything else (a fallback font, a trailing space, a line too
  // long) returns false and takes the general path; a test compares the two.
  bool LayoutOneLine(const StyledSpan& span, const ParagraphOptions& options, Paragraph* out) {
    const std::optional<ShapeRequest> request = PlainRequest(span, options.language);
    if (!request) return false;
    const std::string_view text = span.text;
    const TextStyle& style = span.style;
    shaper.BeginBatch();
    const ShapedRun& shaped = shaper.Shape(*request);
    if (options.max_width > 0 && shaped.width > options.max_width) return false;

    Line& line = out->lines.emplace_back();
    frame::GlyphRun& run = line.runs.emplace_back(RunOf(shaped, style.font, style, text));
    const FontInfo& info = fonts.Info(style.font);
    line.width = shaped.width;
    line.ascent = std::max<Unit>(0, ScaleToUnits(info.ascender, style.size, info.units_per_em));
    line.descent = std::max<Unit>(0, ScaleToUnits(-info.descender, style.size, info.units_per_em));
    line.height = std::max<Unit>(0, ScaleToUnits(options.leading_permille, style.size, 1000));
    out->height = line.height;
    out->width = line.width;
    const Unit box = options.max_width > 0 ? options.max_width : line.width;
    // the paragraph's only line is its last: never justified
    const Align align = options.align == Align::Justify ? Align::Start : options.align;
    run.x = LineStart(align, /*rtl=*/false, box, line.width);
    ++one_line_paragraphs;
    return true;
  }

  Paragraph Layout(const std::vector<StyledSpan>& spans, const ParagraphOptions& options) {
    Paragraph paragraph;
    Prepared& p = Prepare(spans, options.language);
    if (p.itemized.decoded.cps.empty()) return paragraph;
    const std::vector<BreakKind>& breaks = Breaks(p, options.max_width, options.language);
    const std::vector<LineRange>& ranges =
        BreakLines(p, spans, options.max_width, breaks, options.language, options.hyphenate);
    std::vector<std::uint8_t>& line_levels = line_levels_scratch;
    line_levels.clear();
    paragraph.lines.reserve(ranges.size());
    for (const LineRange& range : ranges) {
      paragraph.lines.push_back(BuildLine(p, spans, range, options));
      line_levels.push_back(p.itemized.paragraph_levels.empty() ? 0 : p.itemized.paragraph_levels[range.start]);
      paragraph.height += paragraph.lines.back().height;
      paragraph.width = std::max(paragraph.width, paragraph.lines.back().width);
    }
    const Unit box = options.max_width > 0 ? options.max_width : paragraph.width;
    for (std::size_t i = 0; i < paragraph.lines.size(); ++i) {
      Line& line = paragraph.lines[i];
      const bool rtl = (line_levels[i] & 1) != 0;
      Align align = options.align;
      if (align == Align::Justify) {
        bool justified = !ranges[i].mandatory && Justify(line, box);
        align = justified ? Align::Left : Align::Start;
      }
      Unit x = LineStart(align, rtl, box, line.width);
      for (frame::GlyphRun& run : line.runs) {
        run.x = x;
        for (Unit a : run->advances) x += a;
      }
    }
    return paragraph;
  }

  std::shared_ptr<const Paragraph> CachedLayout(const std::vector<StyledSpan>& spans, const ParagraphOptions& options) {
    if (spans.size() != 1 || spans[0].text.size() > 512)
      return std::make_shared<const Paragraph>(Layout(spans, options));
    // every input of Layout, as bytes
    const TextStyle& style = spans[0].style;
    std::string& key = paragraphs.StartKey();
    auto put = [&key](const auto& v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
    put(style.font);
    put(style.size);
    put(style.color.r);
    put(style.color.g);
    put(style.color.b);
    put(options.max_width);
    put(options.align);
    put(options.leading_permille);
    put(options.hyphenate);
    put(options.language.size());
    key += options.language;
    key += spans[0].text;
    if (const auto* cached = paragraphs.Find()) {
      ++paragraph_hits;
      return *cached;
    }
    const std::size_t warnings_before = warnings.size();
    Paragraph laid_out;
    if (!one_line_path || !LayoutOneLine(spans[0], options, &laid_out)) laid_out = Layout(spans, options);
    auto paragraph = std::make_shared<const Paragraph>(std::move(laid_out));
    // a paragraph with warnings (a missing glyph) is laid out again next time, so each record reports it
    if (warnings.size() == warnings_before) paragraphs.Admit(paragraph);
    return paragraph;
  }

  // The widest line between newlines, without building glyph runs. Plain Latin text without newlines
  // measures as its one shaping request's width (the direct path's reasoning: the same run).
  Unit Measure(const std::vector<StyledSpan>& spans, std::string_view language) {
    if (spans.size() == 1 && one_line_path) {
      if (const std::optional<ShapeRequest> request = PlainRequest(spans[0], language)) {
        shaper.BeginBatch();
        return shaper.Shape(*request).width;
      }
    }
    Prepared& p = Prepare(spans, language);
    const std::u32string& cps = p.itemized.decoded.cps;
    Unit widest = 0, width = 0, content = 0;
    for (std::size_t i = 0; i < cps.size(); ++i) {
      if (IsMandatoryBreakChar(cps[i])) {
        widest = std::max(widest, content);
        width = content = 0;
        continue;
      }
      width += p.advances[i];
      if (!IsTrailingSpace(cps[i])) content = width;
    }
    return std::max(widest, content);
  }

  Unit MinContentWidth(const std::vector<StyledSpan>& spans) {
    Prepared& p = Prepare(spans, "");
    const std::u32string& cps = p.itemized.decoded.cps;
    if (cps.empty()) return 0;
    std::vector<BreakKind> breaks = LineBreaks(cps, "");
    Unit widest = 0;
    std::size_t seg_start = 0;
    for (std::size_t b = 1; b <= cps.size(); ++b) {
      if (breaks[b] == BreakKind::None) continue;
      std::size_t content_end = b;
      while (content_end > seg_start && IsTrailingSpace(cps[content_end - 1])) --content_end;
      Unit width = 0;
      for (std::size_t i = seg_start; i < content_end; ++i) width += p.advances[i];
      widest = std::max(widest, width);
      seg_start = b;
    }
    return widest;
  }
};

TextEngine::TextEngine(FontLibrary& fonts) : impl_(std::make_unique<Impl>(fonts, nullptr)) {}
TextEngine::TextEngine(FontLibrary& fonts, const StaticShapes* statics)
    : impl_(std::make_unique<Impl>(fonts, statics)) {}
TextEngine::~TextEngine() = default;

std::shared_ptr<const Paragraph> TextEngine::Layout(const std::vector<StyledSpan>& spans,
                                                    const ParagraphOptions& options) {
  try {
    return impl_->CachedLayout(spans, options);
  } catch (const std::exception& e) {
    impl_->warnings.push_back(std::string("text layout failed: ") + e.what());
    return std::make_shared<const Paragraph>();
  }
}

Unit TextEngine::Measure(const std::vector<StyledSpan>& spans, std::string_view language) {
  try {
    return impl_->Measure(spans, language);
  } catch (const std::exception& e) {
    impl_->warnings.push_back(std::string("text measuring failed: ") + e.what());
    return 0;
  }
}

Unit TextEngine::MinContentWidth(const std::vector<StyledSpan>& spans) {
  try {
    return impl_->MinContentWidth(spans);
  } catch (const std::exception& e) {
    impl_->warnings.push_back(std::string("text measuring failed: ") + e.what());
    return 0;
  }
}

std::vector<std::string> TextEngine::TakeWarnings() {
  std::vector<std::string> out;
  out.swap(impl_->warnings);
  return out;
}

void TextEngine::set_one_line_path(bool enabled) { impl_->one_line_path = enabled; }

TextEngine::Stats TextEngine::stats() const {
  Stats stats;
  stats.shape_calls = impl_->shaper.shape_calls;
  stats.cache_hits = impl_->shaper.cache_hits;
  stats.fast_path_runs = impl_->shaper.fast_path_runs;
  stats.static_hits = impl_->shaper.static_hits;
  stats.cached_runs = impl_->shaper.CachedRuns();
  stats.cached_bytes = impl_->shaper.CachedBytes();
  stats.paragraph_hits = impl_->paragraph_hits;
  stats.one_line_paragraphs = impl_->one_line_paragraphs;
  return stats;
}

}  // namespace missive::text

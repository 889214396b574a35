#include "runtime/render/email/html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "runtime/render/text/plain_text.h"

namespace missive::render {
namespace {

using compose::Block;
using compose::BlockKind;
using compose::BlockPtr;
using compose::Style;

constexpr int kPageWidth = 600;
constexpr int kPadding = (kPageWidth - kContentWidth) / 2;
constexpr const char* kLinkColor = "#1a5fb4";

/// Millipoints to whole CSS pixels (96 per inch, 72 points per inch).
int Px(frame::Unit u) { return static_cast<int>(std::lround(u / 750.0)); }
std::string PxText(frame::Unit u) { return std::to_string(Px(u)) + "px"; }

std::string Hex(const frame::Color& c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

/// The CSS font stack of a family: itself, then what mail clients have of its kind.
std::string FontStack(std::string family) {
  family.erase(std::remove_if(family.begin(), family.end(),
                              [](char c) { return c == '\'' || c == '"' || c == ';' || c == '<' || c == '>'; }),
               family.end());
  const bool mono = family.find("Mono") != std::string::npos;
  const bool serif = !mono && family.find("Serif") != std::string::npos && family.find("Sans") == std::string::npos;
  return "'" + family + "'," +
         (mono    ? "Menlo,Consolas,monospace"
          : serif ? "Georgia,'Times New Roman',serif"
                  : "Verdana,Arial,sans-serif");
}

class Writer {
 public:
  explicit Writer(const HtmlOptions& options) : options_(options), rtl_(IsRightToLeft(options.language)) {}

  std::string Document(const std::vector<BlockPtr>& body, const Style* base) {
    base_ = base;
    const std::string lang = EscapeHtml(options_.language.empty() ? "und" : options_.language);
    const std::string dir = rtl_ ? "rtl" : "ltr";
    out_ += "<!doctype html>\n<html lang=\"" + lang + "\" dir=\"" + dir +
            "\" xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:v=\"urn:schemas-microsoft-com:vml\" "
            "xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n<head>\n<title>" +
            EscapeHtml(options_.title) +
            "</title>\n"
            "<!--[if !mso]><!--><meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\"><!--<![endif]-->\n"
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"color-scheme\" content=\"light dark\">\n"
            "<meta name=\"supported-color-schemes\" content=\"light dark\">\n"
            "<style type=\"text/css\">\n"
            "#outlook a{padding:0;}\n"
            "body{margin:0;padding:0;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%;}\n"
            "table,td{border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt;}\n"
            "img{border:0;height:auto;line-height:100%;outline:none;text-decoration:none;"
            "-ms-interpolation-mode:bicubic;}\n"
            ":root{color-scheme:light dark;supported-color-schemes:light dark;}\n"
            "</style>\n"
            "<!--[if mso]><noscript><xml><o:OfficeDocumentSettings><o:AllowPNG/>"
            "<o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript><![endif]-->\n"
            "<style type=\"text/css\">\n"
            "@media only screen and (max-width:479px){\n"
            ".mv-stack>tbody>tr>td{display:block!important;width:100%!important;}\n"
            ".mv-body{padding-left:16px!important;padding-right:16px!important;}\n"
            "}\n"
            "</style>\n</head>\n";
    const std::string page = base != nullptr && base->background ? Hex(*base->background) : "#f4f4f4";
    out_ += "<body style=\"word-spacing:normal;background-color:" + page + ";\">\n";
    if (!options_.preheader.empty()) {
      out_ +=
          "<div style=\"display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;"
          "opacity:0;overflow:hidden;\">" +
          EscapeHtml(options_.preheader) + "</div>\n";
    }
    out_ += "<div role=\"article\" aria-roledescription=\"email\" lang=\"" + lang + "\" dir=\"" + dir +
            "\" style=\"background-color:" + page + ";\">\n";
    out_ +=
        "<!--[if mso | IE]><table align=\"center\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" "
        "role=\"presentation\" style=\"width:600px;\" width=\"600\"><tr><td style=\"line-height:0px;"
        "font-size:0px;mso-line-height-rule:exactly;\"><![endif]-->\n";
    out_ += "<div style=\"margin:0px auto;max-width:600px;background:#ffffff;background-color:#ffffff;\">\n";
    out_ +=
        "<table align=\"center\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" "
        "style=\"background:#ffffff;background-color:#ffffff;width:100%;\"><tbody>\n";
    for (const auto& block : body) {
      if (block->kind == BlockKind::PageBreak) continue;
      out_ += "<tr><td class=\"mv-body\" style=\"direction:" + dir +
              ";padding:" + (&block == &body.front() ? "24px" : "0px") + " " + std::to_string(kPadding) + "px " +
              (&block == &body.back() ? "24px" : "12px") + " " + std::to_string(kPadding) +
              "px;text-align:" + Side(text::Align::Start) + ";" + Font(base) + "\">\n";
      One(*block, base, kContentWidth);
      out_ += "</td></tr>\n";
    }
    out_ += "</tbody></table>\n</div>\n<!--[if mso | IE]></td></tr></table><![endif]-->\n</div>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  /// CSS text-align of an alignment in the document's direction.
  std::string Side(text::Align a) const {
    switch (a) {
      case text::Align::Left: return "left";
      case text::Align::Right: return "right";
      case text::Align::Center: return "center";
      case text::Align::Justify: return "justify";
      case text::Align::Start: return rtl_ ? "right" : "left";
      case text::Align::End: return rtl_ ? "left" : "right";
    }
    return "left";
  }

  /// The text properties of `s` that differ from those `inherited` gives, inline ("" when none do;
  /// all of them when `inherited` is null).
  std::string Font(const Style* s, const Style* inherited = nullptr) const {
    if (s == nullptr || s == inherited) return "";
    std::string css;
    const text::FontInfo* info = options_.fonts != nullptr ? &options_.fonts->Info(s->font) : nullptr;
    const text::FontInfo* was =
        options_.fonts != nullptr && inherited != nullptr ? &options_.fonts->Info(inherited->font) : nullptr;
    if (info != nullptr) {
      if (was == nullptr || was->family != info->family) css += "font-family:" + FontStack(info->family) + ";";
      if (was == nullptr || (was->weight >= 600) != (info->weight >= 600))
        css += info->weight >= 600 ? "font-weight:bold;" : "font-weight:normal;";
      if (was == nullptr || was->italic != info->italic)
        css += info->italic ? "font-style:italic;" : "font-style:normal;";
    }
    const auto line = [](const Style* t) {
      return static_cast<frame::Unit>(static_cast<std::int64_t>(t->size) * t->leading_permille / 1000);
    };
    if (inherited == nullptr || Px(inherited->size) != Px(s->size)) css += "font-size:" + PxText(s->size) + ";";
    if (inherited == nullptr || Px(line(inherited)) != Px(line(s))) css += "line-height:" + PxText(line(s)) + ";";
    if (inherited == nullptr || !(inherited->color == s->color)) css += "color:" + Hex(s->color) + ";";
    return css;
  }

  /// CSS padding of top, right, bottom, left, in its shortest form.
  static std::string Padding(const frame::Unit (&p)[4]) {
    const std::string t = PxText(p[0]), r = PxText(p[1]), b = PxText(p[2]), l = PxText(p[3]);
    if (t == b && r == l) return t == r ? t : t + " " + r;
    return t + " " + r + " " + b + " " + l;
  }

  /// The box properties of a style, inline: background, border, padding, rounded corners.
  static std::string Box(const Style* s) {
    if (s == nullptr) return "";
    std::string css;
    if (s->background) css += "background:" + Hex(*s->background) + ";background-color:" + Hex(*s->background) + ";";
    if (s->border_width > 0)
      css += "border:" + std::to_string(std::max(1, Px(s->border_width))) + "px solid " + Hex(s->border_color) + ";";
    if (s->padding[0] || s->padding[1] || s->padding[2] || s->padding[3]) css += "padding:" + Padding(s->padding) + ";";
    if (s->radius > 0) css += "border-radius:" + PxText(s->radius) + ";";
    return css;
  }

  static bool HasBox(const Style* s) {
    return s != nullptr && (s->background || s->border_width > 0 || s->padding[0] || s->padding[1] || s->padding[2] ||
                            s->padding[3] || s->width);
  }

  static bool IsFill(const Block& b) {
    return b.kind == BlockKind::Stack && b.children.empty() && b.width.kind == compose::Size::Kind::Fraction;
  }

  text::Align AlignOf(const Block& b) const {
    return b.align ? *b.align : b.style != nullptr ? b.style->align : text::Align::Start;
  }

  /// One block in a column `width` pixels wide, where the HTML around it already sets the text
  /// properties of `inherited`.
  void One(const Block& b, const Style* inherited, int width) {
    switch (b.kind) {
      case BlockKind::Paragraph:
        if (b.button) return Button(b);
        return Paragraph(b, inherited);
      case BlockKind::Stack:
      case BlockKind::Place: return Stack(b, inherited, width);
      case BlockKind::Row: return Row(b, inherited, width);
      case BlockKind::Table: return Table(b, inherited);
      case BlockKind::Space: {
        const std::string h = PxText(b.height);
        out_ += "<div style=\"height:" + h + ";line-height:" + h + ";font-size:1px;\">&#8202;</div>\n";
        return;
      }
      case BlockKind::Rule: {
        const Style* s = b.style;
        const std::string color = s != nullptr && s->border_width > 0 ? Hex(s->border_color) : "#000000";
        const int w = s != nullptr && s->border_width > 0 ? std::max(1, Px(s->border_width)) : 1;
        out_ += "<p style=\"border-top:solid " + std::to_string(w) + "px " + color +
                ";font-size:1px;margin:0px auto;width:100%;\"></p>\n";
        return;
      }
      case BlockKind::Image: return Image(b, width);
      case BlockKind::Barcode:
      case BlockKind::PageBreak: return;
    }
  }

  void Paragraph(const Block& b, const Style* inherited) {
    const Style* s = b.style != nullptr ? b.style : inherited;
    std::string inner = EscapeHtml(ParagraphText(b), true);
    if (!b.url.empty()) {
      inner = "<a href=\"" + EscapeHtml(b.url) + "\" target=\"_blank\" style=\"color:" + kLinkColor +
              ";text-decoration:underline;\">" + inner + "</a>";
    }
    out_ +=
        "<div style=\"margin:0;" + Font(s, inherited) + "text-align:" + Side(AlignOf(b)) + ";\">" + inner + "</div>\n";
  }

  /// MJML's button: a table cell with the colour, the link an inline block inside it; under Outlook a
  /// VML round rectangle instead when the corners are rounded.
  void Button(const Block& b) {
    const Style* s = b.style;
    const std::string background = s != nullptr && s->background ? Hex(*s->background) : "#1f6fb2";
    const std::string color = s != nullptr && s->background ? Hex(s->color) : "#ffffff";
    const std::string pad = s != nullptr && (s->padding[0] || s->padding[1])
                                ? PxText(s->padding[0]) + " " + PxText(s->padding[1])
                                : "10px 25px";
    const int radius = s != nullptr ? Px(s->radius) : 0;
    const std::string label = EscapeHtml(ParagraphText(b));
    const std::string href = EscapeHtml(b.url);
    const std::string align = Side(AlignOf(b)) == "justify" ? "left" : Side(AlignOf(b));
    std::string font = Font(s);
    if (font.find("color:") != std::string::npos) font = font.substr(0, font.rfind("color:"));
    if (radius > 0) {
      // Word draws no border-radius: a VML round rectangle of a fixed size (estimated from the label).
      const int size = s != nullptr ? Px(s->size) : 13;
      const int w = static_cast<int>(Columns(ParagraphText(b))) * size * 6 / 10 + 50;
      const int h = size * 12 / 10 + 20;
      const int arc = std::min(50, radius * 100 / std::max(1, h));
      out_ +=
          "<!--[if mso]><v:roundrect xmlns:v=\"urn:schemas-microsoft-com:vml\" "
          "xmlns:w=\"urn:schemas-microsoft-com:office:word\" href=\"" +
          href + "\" style=\"height:" + std::to_string(h) + "px;v-text-anchor:middle;width:" + std::to_string(w) +
          "px;\" arcsize=\"" + std::to_string(arc) + "%\" stroke=\"f\" fillcolor=\"" + background +
          "\"><w:anchorlock/><center style=\"color:" + color + ";" + font + "\">" + label +
          "</center></v:roundrect><![endif]-->\n<!--[if !mso]><!-->\n";
    }
    out_ += "<table align=\"" + align +
            "\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" "
            "style=\"border-collapse:separate;line-height:100%;\"><tbody><tr>\n<td align=\"center\" bgcolor=\"" +
            background + "\" role=\"presentation\" style=\"border:none;border-radius:" + std::to_string(radius) +
            "px;cursor:auto;mso-padding-alt:" + pad + ";background:" + background + ";\" valign=\"middle\">\n";
    out_ += "<a href=\"" + href + "\" style=\"display:inline-block;background:" + background + ";color:" + color + ";" +
            font + "margin:0;text-decoration:none;text-transform:none;padding:" + pad +
            ";mso-padding-alt:0px;border-radius:" + std::to_string(radius) + "px;\" target=\"_blank\">" + label +
            "</a>\n</td></tr></tbody></table>\n";
    if (radius > 0) out_ += "<!--<![endif]-->\n";
  }

  /// A box: a one-cell table carrying background, border and padding (Outlook pads cells, not divs).
  void Stack(const Block& b, const Style* inherited, int width) {
    const Style* s = b.style;
    if (!HasBox(s)) {
      for (const auto& child : b.children) One(*child, inherited, width);
      return;
    }
    int inner = width;
    std::string table = "<table border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" ";
    if (s->width) {
      inner = std::min(width, Px(*s->width));
      table += "width=\"" + std::to_string(inner) + "\" style=\"width:" + std::to_string(inner) +
               "px;max-width:100%;border-collapse:separate;\"";
    } else {
      table += "width=\"100%\" style=\"width:100%;border-collapse:separate;\"";
    }
    inner -= Px(s->padding[1]) + Px(s->padding[3]) + 2 * Px(s->border_width);
    out_ += table + "><tbody><tr><td style=\"" + Box(s) + Font(s, inherited) + "\">\n";
    for (const auto& child : b.children) One(*child, s, inner);
    out_ += "</td></tr></tbody></table>\n";
  }

  /// Children side by side in table cells. Paragraphs stay side by side on a phone (a label and its
  /// amount); a row of boxes becomes a single column under 480 px.
  void Row(const Block& row, const Style* inherited, int width) {
    std::size_t boxes = 0;
    bool fill = false;
    int fixed = 0;
    std::uint32_t fractions = 0;
    for (const auto& child : row.children) {
      if (IsFill(*child)) fill = true;
      if (child->kind == BlockKind::Stack || child->kind == BlockKind::Row || child->kind == BlockKind::Table)
        boxes += IsFill(*child) ? 0 : 1;
      if (child->width.kind == compose::Size::Kind::Fixed) fixed += Px(child->width.fixed);
      if (child->width.kind == compose::Size::Kind::Fraction) fractions += child->width.fraction_permille;
    }
    out_ +=
        std::string("<table border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" width=\"100%\"") +
        (boxes >= 2 ? " class=\"mv-stack\"" : "") + " style=\"width:100%;\"><tbody><tr>\n";
    const int free = std::max(0, width - fixed);
    for (const auto& child : row.children) {
      std::string css = "vertical-align:top;";
      int cell = width;
      switch (child->width.kind) {
        case compose::Size::Kind::Fixed:
          cell = Px(child->width.fixed);
          css += "width:" + std::to_string(cell) + "px;";
          break;
        case compose::Size::Kind::Fraction:
          cell = fractions == 0
                     ? free
                     : static_cast<int>(free * static_cast<std::int64_t>(child->width.fraction_permille) / fractions);
          css +=
              "width:" + std::to_string(fractions == 0 ? 100 : 100 * child->width.fraction_permille / fractions) + "%;";
          break;
        case compose::Size::Kind::Auto:
          // next to a fill, a short paragraph keeps to one line (a label, an amount)
          if (fill && child->kind == BlockKind::Paragraph && Columns(ParagraphText(*child)) <= 32)
            css += "white-space:nowrap;";
          break;
      }
      if (IsFill(*child)) {
        out_ += "<td style=\"" + css + "\"></td>\n";
        continue;
      }
      out_ += "<td style=\"" + css + "\">\n";
      One(*child, inherited, cell);
      out_ += "</td>\n";
    }
    out_ += "</tr></tbody></table>\n";
  }

  /// `<td style="…">` (or `<th …>`) of a cell: the same for every cell of a column in a group of
  /// rows, so made once per table and kept.
  const std::string& CellOpening(const compose::Table& t, bool header, std::size_t column, const Style* s,
                                 const Style* own, text::Align align, bool nowrap, frame::Unit fixed_total) {
    const auto key = std::make_tuple(header, column, s, static_cast<int>(align), nowrap);
    auto it = cells_.find(key);
    if (it != cells_.end()) return it->second;
    std::string o = header ? "<th" : "<td";
    if (header && column < t.columns.size() && t.columns[column].kind == compose::Size::Kind::Fixed &&
        fixed_total > 0) {
      // a fixed column keeps its share of the print width
      o += " width=\"" + std::to_string(Px(t.columns[column].fixed) * 100 / kContentWidth) + "%\"";
    }
    if (header) o += " scope=\"col\"";
    o += " style=\"padding:" + Padding(t.cell_padding) + ";";
    // cells inherit the body's start alignment; a <th> is centred unless told
    if (header || Side(align) != Side(text::Align::Start)) o += "text-align:" + Side(align) + ";";
    if (nowrap) o += "white-space:nowrap;";
    o += Font(s, own);
    if (header && options_.fonts != nullptr && options_.fonts->Info(s->font).weight < 600)
      o += "font-weight:normal;";  // a <th> is bold unless told
    o += "\">";
    return cells_.emplace(key, std::move(o)).first->second;
  }

  /// A data table: real table semantics (no role=presentation), fixed columns as shares of the width,
  /// the table's text properties set once on it, each cell only what differs.
  void Table(const Block& b, const Style* inherited) {
    const compose::Table& t = *b.table;
    frame::Unit fixed_total = 0;
    for (const auto& c : t.columns)
      if (c.kind == compose::Size::Kind::Fixed) fixed_total += c.fixed;
    cells_.clear();
    const Style* own = b.style != nullptr ? b.style : inherited;
    out_ +=
        "<table border=\"0\" cellpadding=\"0\" cellspacing=\"0\" width=\"100%\" style=\"width:100%;"
        "border-collapse:collapse;" +
        Font(own, inherited) + "\">\n";
    auto rows = [&](const std::vector<compose::TableRow>& group, bool header) {
      for (const auto& row : group) {
        if (row.style != nullptr && row.style->background) {
          const std::string bg = Hex(*row.style->background);
          out_ += "<tr valign=\"top\" bgcolor=\"" + bg + "\" style=\"background-color:" + bg + ";\">";
        } else {
          out_ += "<tr valign=\"top\">";
        }
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
          const Block& cell = *row.cells[c];
          const Style* s = cell.style != nullptr ? cell.style : row.style != nullptr ? row.style : own;
          const text::Align align = AlignOf(cell);
          // a cell's text, without a copy when it is one span
          std::string joined;
          std::string_view text;
          if (cell.spans.size() == 1 && cell.spans[0].kind == compose::SpanKind::Text) {
            text = cell.spans[0].text;
          } else {
            joined = ParagraphText(cell);
            text = joined;
          }
          // amounts, dates and codes stay on one line; descriptions wrap
          const bool nowrap = align == text::Align::Right || align == text::Align::End ||
                              (text.find(' ') == std::string_view::npos && Columns(text) <= 16);
          out_ += CellOpening(t, header, c, s, own, align, nowrap, fixed_total);
          if (cell.kind == BlockKind::Paragraph && cell.url.empty()) {
            AppendEscaped(out_, text, true);
          } else {
            out_ += "\n";
            One(cell, s, kContentWidth / static_cast<int>(std::max<std::size_t>(1, row.cells.size())));
          }
          out_ += header ? "</th>" : "</td>";
        }
        out_ += "</tr>\n";
      }
    };
    if (!t.header.empty()) {
      out_ += "<thead>\n";
      rows(t.header, true);
      out_ += "</thead>\n";
    }
    out_ += "<tbody>\n";
    rows(t.rows, false);
    out_ += "</tbody></table>\n";
  }

  void Image(const Block& b, int width) {
    if (!options_.image_src) return;
    int w = b.width.kind == compose::Size::Kind::Fixed ? Px(b.width.fixed) : static_cast<int>(b.pixel_width);
    if (w <= 0) w = width;
    w = std::min(w, width);
    int h = b.height > 0 ? Px(b.height) : 0;
    if (h == 0 && b.pixel_width > 0)
      h = static_cast<int>(static_cast<std::int64_t>(w) * b.pixel_height / b.pixel_width);
    out_ += "<img src=\"" + EscapeHtml(options_.image_src(b)) + "\" alt=\"" + EscapeHtml(b.alt) + "\" width=\"" +
            std::to_string(w) + "\"" + (h > 0 ? " height=\"" + std::to_string(h) + "\"" : "") +
            " style=\"display:block;outline:none;text-decoration:none;border:0;height:auto;width:100%;max-width:" +
            std::to_string(w) + "px;font-size:13px;\">\n";
  }

  const HtmlOptions& options_;
  bool rtl_;
  std::map<std::tuple<bool, std::size_t, const Style*, int, bool>, std::string> cells_;  ///< CellOpening's
  const Style* base_ = nullptr;
  std::string out_;
};

}  // namespace

void AppendEscaped(std::string& out, std::string_view text, bool breaks) {
  constexpr std::string_view kSpecial = "&<>\"'\r\n";
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t next = std::min(text.find_first_of(kSpecial, at), text.size());
    out.append(text, at, next - at);
    if (next == text.size()) break;
    switch (text[next]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += breaks ? "<br>\n" : " "; break;
      default: break;  // CR
    }
    at = next + 1;
  }
}

std::string EscapeHtml(std::string_view text, bool breaks) {
  std::string out;
  out.reserve(text.size() + 16);
  AppendEscaped(out, text, breaks);
  return out;
}

bool IsRightToLeft(std::string_view language) {
  const std::string_view primary = language.substr(0, language.find_first_of("-_"));
  for (std::string_view rtl : {"ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})
    if (primary == rtl) return true;
  return false;
}

std::string RenderHtml(const std::vector<BlockPtr>& body, const Style* base, const HtmlOptions& options) {
  return Writer(options).Document(body, base);
}

}  // namespace missive::render

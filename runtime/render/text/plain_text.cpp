#include "runtime/render/text/plain_text.h"

#include <algorithm>

namespace missive::render {
namespace {

using compose::Block;
using compose::BlockKind;
using compose::BlockPtr;

bool RightAligned(const Block& b) {
  const text::Align a = b.align ? *b.align : b.style != nullptr ? b.style->align : text::Align::Start;
  return a == text::Align::Right || a == text::Align::End;
}

bool IsFill(const Block& b) {
  return b.kind == BlockKind::Stack && b.children.empty() && b.width.kind == compose::Size::Kind::Fraction;
}

class Writer {
 public:
  explicit Writer(const PlainTextOptions& options) : options_(options) {}

  std::string Finish(const std::vector<BlockPtr>& blocks) {
    Blocks(blocks, options_.width > 0);
    if (!links_.empty()) {
      Blank();
      for (std::size_t i = 0; i < links_.size(); ++i) lines_.push_back("[" + std::to_string(i + 1) + "] " + links_[i]);
    }
    while (!lines_.empty() && lines_.back().empty()) lines_.pop_back();
    std::string out;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      std::string& line = lines_[i];
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line;
      if (options_.width > 0 || i + 1 < lines_.size()) out += '\n';
    }
    return out;
  }

 private:
  void Blank() {
    if (options_.width > 0 && !lines_.empty() && !lines_.back().empty()) lines_.emplace_back();
  }

  void Blocks(const std::vector<BlockPtr>& blocks, bool separate) {
    for (const auto& b : blocks) {
      if (separate) Blank();
      One(*b);
    }
  }

  /// A paragraph's text with its link reference.
  std::string Text(const Block& b) {
    std::string text = ParagraphText(b);
    if (!b.url.empty() && options_.references) {
      links_.push_back(b.url);
      text += " [" + std::to_string(links_.size()) + "]";
    }
    return text;
  }

  /// A block on one line: a table cell, a part of a row.
  std::string Inline(const Block& b) {
    switch (b.kind) {
      case BlockKind::Paragraph: return Text(b);
      case BlockKind::Image:
      case BlockKind::Barcode: return b.alt.empty() ? "" : "[" + b.alt + "]";
      case BlockKind::Stack:
      case BlockKind::Row:
      case BlockKind::Place: {
        std::string out;
        for (const auto& child : b.children) {
          std::string part = Inline(*child);
          if (part.empty()) continue;
          out += (out.empty() ? "" : " ") + part;
        }
        return out;
      }
      default: return "";
    }
  }

  void Wrap(const std::string& text) {
    std::size_t start = 0;
    while (start <= text.size()) {  // explicit line breaks stay
      const std::size_t end = std::min(text.find('\n', start), text.size());
      WrapLine(std::string_view(text).substr(start, end - start));
      start = end + 1;
    }
  }

  void WrapLine(std::string_view text) {
    if (options_.width == 0) {
      lines_.emplace_back(text);
      return;
    }
    std::string line;
    std::size_t columns = 0;
    std::size_t at = 0;
    while (at < text.size()) {
      const std::size_t space = std::min(text.find(' ', at), text.size());
      const std::string_view word = text.substr(at, space - at);
      at = space + 1;
      if (word.empty()) continue;
      const std::size_t w = Columns(word);
      if (columns > 0 && columns + 1 + w > options_.width) {  // a long word (a URL) is never broken
        lines_.push_back(std::move(line));
        line.clear();
        columns = 0;
      }
      if (columns > 0) {
        line += ' ';
        ++columns;
      }
      line += word;
      columns += w;
    }
    lines_.push_back(std::move(line));
  }

  void One(const Block& b) {
    switch (b.kind) {
      case BlockKind::Paragraph: Wrap(Text(b)); return;
      case BlockKind::Stack:
      case BlockKind::Place: Blocks(b.children, false); return;
      case BlockKind::Row: Row(b); return;
      case BlockKind::Table: Table(*b.table); return;
      case BlockKind::Space: Blank(); return;
      case BlockKind::Rule:
        if (options_.width > 0) lines_.emplace_back(std::min<std::size_t>(options_.width, 72), '-');
        return;
      case BlockKind::Image:
      case BlockKind::Barcode:
        if (const std::string alt = Inline(b); !alt.empty()) lines_.push_back(alt);
        return;
      case BlockKind::PageBreak: return;
    }
  }

  /// Paragraphs side by side on one line, what follows a `fill` pushed to the right edge; a row of
  /// larger blocks goes top to bottom.
  void Row(const Block& row) {
    const bool flat = std::all_of(row.children.begin(), row.children.end(), [](const BlockPtr& c) {
      return c->kind == BlockKind::Paragraph || IsFill(*c) || c->kind == BlockKind::Image;
    });
    if (!flat) {
      Blocks(row.children, false);
      return;
    }
    std::string left, right;
    bool filled = false;
    for (const auto& child : row.children) {
      if (IsFill(*child)) {
        filled = true;
        continue;
      }
      std::string& side = filled ? right : left;
      const std::string part = Inline(*child);
      if (!part.empty()) side += (side.empty() ? "" : "  ") + part;
    }
    const std::size_t used = Columns(left) + Columns(right);
    if (!filled || right.empty() || left.empty() || options_.width == 0 || used + 2 > options_.width) {
      Wrap(left + (left.empty() || right.empty() ? "" : options_.width == 0 ? " " : "  ") + right);
      return;
    }
    lines_.push_back(left + std::string(options_.width - used, ' ') + right);
  }

  /// Columns padded with spaces, amounts right-aligned; `Header: value` lines when too wide for 78.
  void Table(const compose::Table& table) {
    std::vector<std::vector<std::pair<std::string, bool>>> rows;  // text, right-aligned
    const std::size_t header_rows = table.header.size();
    for (const auto* group : {&table.header, &table.rows}) {
      for (const auto& row : *group) {
        auto& cells = rows.emplace_back();
        for (const auto& cell : row.cells) cells.emplace_back(Inline(*cell), RightAligned(*cell));
      }
    }
    std::size_t n = 0;
    for (const auto& r : rows) n = std::max(n, r.size());
    std::vector<std::size_t> widths(n, 0);
    for (const auto& r : rows)
      for (std::size_t c = 0; c < r.size(); ++c) widths[c] = std::max(widths[c], Columns(r[c].first));
    std::size_t total = 0;
    for (std::size_t w : widths) total += w;
    total += n == 0 ? 0 : 2 * (n - 1);
    if (options_.width == 0 || total > 78) {
      for (std::size_t r = header_rows; r < rows.size(); ++r) {
        if (r > header_rows && options_.width > 0) Blank();
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
          const std::string label = header_rows > 0 && c < rows[0].size() ? rows[0][c].first : "";
          if (rows[r][c].first.empty()) continue;
          Wrap(label.empty() ? rows[r][c].first : label + ": " + rows[r][c].first);
        }
      }
      return;
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::string line;
      for (std::size_t c = 0; c < n; ++c) {
        const auto& [text, right] = c < rows[r].size() ? rows[r][c] : std::pair<std::string, bool>{"", false};
        const std::string pad(widths[c] - Columns(text), ' ');
        line += (c > 0 ? "  " : "") + (right ? pad + text : text + pad);
      }
      lines_.push_back(std::move(line));
      if (r + 1 == header_rows) lines_.emplace_back(total, '-');
    }
  }

  const PlainTextOptions& options_;
  std::vector<std::string> lines_;
  std::vector<std::string> links_;
};

}  // namespace

std::size_t Columns(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string ParagraphText(const Block& paragraph) {
  std::string out;
  for (const auto& span : paragraph.spans) {
    if (span.kind == compose::SpanKind::Text) out += span.text;
  }
  return out;
}

std::string PlainText(const std::vector<BlockPtr>& blocks, const PlainTextOptions& options) {
  return Writer(options).Finish(blocks);
}

}  // namespace missive::render

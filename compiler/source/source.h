// Source files held in memory and spans into them: what every diagnostic and AST node points at.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace missive::source {

/// Index of a file in a SourceManager.
using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xFFFFFFFFu;

/// A half-open byte range [begin, end) in one file. Lines and columns are derived on demand.
struct Span {
  FileId file = kNoFile;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  [[nodiscard]] bool valid() const { return file != kNoFile; }
  /// The smallest span covering both (same file assumed).
  [[nodiscard]] Span to(const Span& other) const { return {file, begin, other.end > end ? other.end : end}; }
};

/// 1-based line and column; the column counts Unicode code points (what a terminal shows).
struct LineCol {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string_view text() const { return text_; }
  [[nodiscard]] LineCol line_col(std::uint32_t offset) const;
  /// The text of 1-based line `line`, without its line terminator.
  [[nodiscard]] std::string_view line_text(std::uint32_t line) const;
  /// UTF-16 column (0-based) of a byte offset, for the language server.
  [[nodiscard]] std::uint32_t utf16_column(std::uint32_t offset) const;
  [[nodiscard]] std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

/// Owns every file of one compilation (the main file, its imports, stdlib modules).
class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  [[nodiscard]] const SourceFile& file(FileId id) const { return *files_.at(id); }
  [[nodiscard]] std::size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace missive::source

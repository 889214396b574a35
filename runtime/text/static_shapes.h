// StaticShapes: the static text of a program (labels, table headers) shaped once when the program is built,
// then frozen and shared read-only by every thread's TextEngine (DECISIONS.md: keyed by locale and text).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/text/text.h"

namespace missive::text {

struct ShapedRun;

/// One static string in one style and locale. `language` is the record locale's BCP 47 tag, as the layout
/// passes it to TextEngine (ParagraphOptions::language).
struct StaticText {
  FontId font = 0;
  Unit size = 10 * frame::kPt;
  std::string language;
  std::string text;
};

class StaticShapes {
 public:
  /// Shapes each text as TextEngine would lay it out on one line (itemised: fallback fonts, bidi, script),
  /// under `language` and under the empty language (which width measuring uses). Texts that the number fast
  /// path takes are left out, since the engine never looks them up. Never fails; duplicates are shaped once.
  static std::unique_ptr<const StaticShapes> Build(FontLibrary& fonts, const std::vector<StaticText>& texts);

  /// Every (font, size) pair × every string × every language: for a program build that knows its string
  /// literals, styles and locales but not which literal gets which style. Cheap: a template has tens of each.
  static std::vector<StaticText> Combine(const std::vector<std::string>& strings, const std::vector<TextStyle>& styles,
                                         const std::vector<std::string>& languages);

  ~StaticShapes();
  StaticShapes(const StaticShapes&) = delete;
  StaticShapes& operator=(const StaticShapes&) = delete;

  /// The run stored under a ShapeKey (shaper.h), or null. Thread-safe: the store never changes after Build.
  [[nodiscard]] const ShapedRun* Find(const std::string& key) const;
  /// Number of runs stored.
  [[nodiscard]] std::size_t size() const;

 private:
  StaticShapes();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace missive::text

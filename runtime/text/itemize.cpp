// Per-character font fallback, script and bidi level, grouped into shapeable items.
#include "runtime/text/itemize.h"

#include <hb.h>
#include <unicode/uchar.h>

#include <algorithm>

#include "runtime/text/bidi.h"
#include "runtime/text/breaker.h"

namespace missive::text {
namespace {

bool IsMark(char32_t cp) {
  auto type = u_charType(static_cast<UChar32>(cp));
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
}

// Characters that draw nothing of their own: they never need a font and never warn.
bool IsInvisible(char32_t cp) {
  return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
         u_charType(static_cast<UChar32>(cp)) == U_CONTROL_CHAR || IsMandatoryBreakChar(cp);
}

bool IsCommonScript(hb_script_t script) {
  return script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN;
}

// Common and inherited characters (spaces, digits, punctuation, marks) take the script before them at
// the same bidi level, otherwise the one after them at the same level, so a space between an Arabic
// and a Latin word joins the run it is laid out with.
void ResolveScripts(const std::u32string& cps, const std::vector<std::uint8_t>& levels, hb_unicode_funcs_t* unicode,
                    Itemized* out) {
  const std::size_t n = cps.size();
  std::vector<std::uint32_t>& scripts = out->scripts;
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t cp = cps[i];
    if (cp < 0x80) {
      const bool letter = (cp | 0x20) >= U'a' && (cp | 0x20) <= U'z';
      scripts[i] = letter ? HB_SCRIPT_LATIN : HB_SCRIPT_COMMON;
    } else {
      scripts[i] = hb_unicode_script(unicode, cp);
    }
  }
  auto common = [](std::uint32_t script) { return IsCommonScript(static_cast<hb_script_t>(script)); };
  std::vector<bool>& resolved = out->resolved;
  resolved.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (!common(scripts[i])) {
      resolved[i] = true;
    } else if (i > 0 && resolved[i - 1] && levels[i - 1] == levels[i]) {
      scripts[i] = scripts[i - 1];
      resolved[i] = true;
    }
  }
  for (std::size_t i = n; i-- > 0;) {
    if (!resolved[i] && i + 1 < n && resolved[i + 1] && levels[i + 1] == levels[i]) {
      scripts[i] = scripts[i + 1];
      resolved[i] = true;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!resolved[i] && i > 0) scripts[i] = scripts[i - 1];
  }
  for (std::size_t i = n; i-- > 0;) {
    if (common(scripts[i]) && i + 1 < n) scripts[i] = scripts[i + 1];
  }
}

}  // namespace

bool IsTrailingSpace(char32_t cp) {
  if (cp == U' ' || cp == U'\t' || IsMandatoryBreakChar(cp)) return true;
  if (cp == 0x00A0 || cp == 0x2007 || cp == 0x202F) return false;  // no-break spaces are content
  return u_charType(static_cast<UChar32>(cp)) == U_SPACE_SEPARATOR;
}

void Itemize(const std::vector<StyledSpan>& spans, const FontLibrary& fonts, Itemized* result) {
  Itemized& out = *result;
  out.text.clear();
  out.span_of.clear();
  out.paragraph_levels.clear();
  out.base_level = 0;
  out.items.clear();
  out.missing.clear();
  std::uint32_t span_starts_small[8];
  std::vector<std::uint32_t> span_starts_large;
  std::uint32_t* span_starts = span_starts_small;
  if (spans.size() > 8) {
    span_starts_large.resize(spans.size());
    span_starts = span_starts_large.data();
  }
  for (std::size_t s = 0; s < spans.size(); ++s) {
    span_starts[s] = static_cast<std::uint32_t>(out.text.size());
    out.text.append(spans[s].text);
  }
  DecodeUtf8(out.text, &out.decoded);
  const std::u32string& cps = out.decoded.cps;
  const std::size_t n = cps.size();
  if (n == 0) return;

  out.span_of.resize(n);
  std::size_t span = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (span + 1 < spans.size() && out.decoded.offsets[i] >= span_starts[span + 1]) ++span;
    out.span_of[i] = static_cast<std::uint32_t>(span);
  }

  std::vector<std::uint8_t>& levels = out.levels;
  levels.assign(n, 0);
  out.paragraph_levels.assign(n, 0);
  if (MayNeedBidi(cps)) {
    BidiLevels bidi = ResolveBidi(cps, BaseDirection::Auto);
    levels = std::move(bidi.levels);
    out.paragraph_levels = std::move(bidi.paragraph_levels);
    out.base_level = bidi.paragraph_level;
  }

  hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
  std::vector<std::uint32_t>& scripts = out.scripts;
  scripts.resize(n);
  const bool ascii = std::all_of(cps.begin(), cps.end(), [](char32_t cp) { return cp < 0x80; });
  if (ascii) {
    // Every character ends up with the text's one real script, Latin, if it has any letter.
    const bool any_letter =
        std::any_of(cps.begin(), cps.end(), [](char32_t cp) { return (cp | 0x20) >= U'a' && (cp | 0x20) <= U'z'; });
    scripts.assign(n, any_letter ? HB_SCRIPT_LATIN : HB_SCRIPT_COMMON);
  } else {
    ResolveScripts(cps, levels, unicode, &out);
  }

  const std::vector<FontId>& fallbacks = fonts.Fallbacks();
  std::vector<FontId>& font_of = out.font_of;
  font_of.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const FontId primary = spans[out.span_of[i]].style.font;
    const char32_t cp = cps[i];
    const bool same_span = i > 0 && out.span_of[i - 1] == out.span_of[i];
    const FontId previous = same_span ? font_of[i - 1] : primary;
    if (cp < 0x80) {
      // ASCII: no marks, no default-ignorables; controls draw nothing.
      if (cp < 0x20 || cp == 0x7F) {
        font_of[i] = previous;
        continue;
      }
      const bool letter = (cp | 0x20) >= U'a' && (cp | 0x20) <= U'z';
      if (!letter && previous != primary && fonts.HasGlyph(previous, cp)) {
        font_of[i] = previous;  // a space or digit inside a fallback run stays in it
        continue;
      }
      if (fonts.HasGlyph(primary, cp)) {
        font_of[i] = primary;
        continue;
      }
    }
    if (cp >= 0x80 && IsInvisible(cp)) {
      font_of[i] = previous;
      continue;
    }
    // Marks stay with their base; spaces and punctuation stay inside a fallback run (Arabic words
    // and the spaces between them shape in one font).
    if (cp >= 0x80 && same_span && (previous != primary || IsMark(cp))) {
      const bool attachable = IsMark(cp) || IsCommonScript(hb_unicode_script(unicode, cp));
      if (attachable && fonts.HasGlyph(previous, cp)) {
        font_of[i] = previous;
        continue;
      }
    }
    if (fonts.HasGlyph(primary, cp)) {
      font_of[i] = primary;
      continue;
    }
    auto found = std::find_if(fallbacks.begin(), fallbacks.end(), [&](FontId f) { return fonts.HasGlyph(f, cp); });
    if (found != fallbacks.end()) {
      font_of[i] = *found;
      continue;
    }
    font_of[i] = primary;
    if (std::find(out.missing.begin(), out.missing.end(), cp) == out.missing.end()) out.missing.push_back(cp);
  }

  Item item;
  for (std::size_t i = 0; i <= n; ++i) {
    bool cut = i == n || i == 0 || out.span_of[i] != item.span || font_of[i] != item.font || levels[i] != item.level ||
               scripts[i] != item.script;
    if (!cut) continue;
    if (i > 0) {
      item.end = i;
      out.items.push_back(item);
    }
    if (i < n) {
      item.start = i;
      item.span = out.span_of[i];
      item.font = font_of[i];
      item.level = levels[i];
      item.script = scripts[i];
    }
  }
}

}  // namespace missive::text

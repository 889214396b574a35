// A block tree as the HTML of an email, written the way MJML writes it so that mail clients show it
// well: a 600 px centred column of tables with role="presentation" (a fixed "ghost table" for
// Outlook), styles inline on every element, a <style> only for what inline styles cannot say (the
// single column under 480 px, dark mode), a hidden preheader, table-cell buttons (VML round
// rectangles for Outlook where corners are rounded), images with width, height and alt, and the
// language and direction of the record's locale.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/compose/block.h"

namespace missive::render {

struct HtmlOptions {
  const text::FontLibrary* fonts = nullptr;  ///< family, weight and slant of the styles' fonts
  std::string title;                         ///< <title>: the subject
  std::string preheader;                     ///< the hidden first line inboxes show after the subject
  std::string language = "en";               ///< BCP 47 of the record's locale
  /// The `src` of an image block: "cid:…" for one embedded in the message, or its address.
  std::function<std::string(const compose::Block& image)> image_src;
};

/// The whole HTML document.
std::string RenderHtml(const std::vector<compose::BlockPtr>& body, const compose::Style* base,
                       const HtmlOptions& options);

/// Text as HTML character data or an attribute value: & < > " ' escaped, line breaks as <br>
/// when `breaks`.
std::string EscapeHtml(std::string_view text, bool breaks = false);
/// The same, appended to `out`.
void AppendEscaped(std::string& out, std::string_view text, bool breaks = false);

/// Whether the locale's script runs right to left (Arabic, Hebrew, Persian, Urdu, …).
bool IsRightToLeft(std::string_view language);

/// The width of the email's content column in CSS pixels (600 less the padding on both sides).
inline constexpr int kContentWidth = 552;

}  // namespace missive::render

// `missive preview`: one record's print pages as PNG images, from the same display list the PDF uses;
// or its email (HTML and a PNG drawn by headless Chromium), SMS (text, encoding, segments) or push
// payload.
#pragma once

#include <cstdint>
#include <string>

#include "compiler/native/native.h"

namespace missive::driver {

struct PreviewOptions {
  std::string file;        ///< template (.msv)
  std::string data_path;   ///< one record: a JSON object (a trailing newline is fine)
  std::string page = "1";  ///< a 1-based page number, or "all"
  double dpi = 96;
  std::string png_path;  ///< OUT.png; with page "all", OUT-1.png, OUT-2.png, …; email: also OUT.html
  std::string channel = "print";
  int width = 600;  ///< email: the window's width in CSS pixels
};

/// Exit codes: 0 written; 1 the template has errors, or the record is rejected (reasons on stderr);
/// 2 usage or I/O error (unreadable files, a page the record does not have).
int Preview(const PreviewOptions& options, const native::Options& compile, bool verbose);

/// A digital channel's message of the record run last (`outcome.message` is set).
int PreviewMessage(const PreviewOptions& options, const native::Program& program, const native::Outcome& outcome);

/// The file page `number` of `count` goes to: OUT.png itself for a single page, OUT-N.png for "all".
std::string PreviewPagePath(const std::string& png_path, std::uint32_t number, bool all);

}  // namespace missive::driver

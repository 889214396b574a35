// Small helpers shared by the compiler and the runtime: hashing and whole-file reads.
#pragma once

#include <string>
#include <string_view>

namespace missive::util {

/// Lowercase hex SHA-256 (OpenSSL).
std::string Sha256Hex(std::string_view bytes);

/// Lowercase hex SHA-256 of a file's bytes, read in 1 MiB blocks; false when it cannot be read.
bool Sha256File(const std::string& path, std::string& hex);

/// Appends the UTF-8 encoding of a code point.
void AppendUtf8(std::string& out, char32_t cp);

/// Whether a style's `font:` names a font file (`fonts/Brand.ttf`, relative to the template) rather
/// than a family: it ends in .ttf, .otf or .ttc.
bool IsFontFileName(std::string_view font);

/// Reads a whole file; false when it cannot be read.
bool ReadFile(const std::string& path, std::string& out);

}  // namespace missive::util

// PDF/A-2b parts of a file: the XMP metadata packet and the sRGB output intent with its ICC profile.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace missive::pdf {

class ObjectWriter;
class Deflater;

/// Where the sRGB profile is read from: Debian's icc-profiles-free package.
inline constexpr const char* kSrgbProfilePath = "/usr/share/color/icc/sRGB.icc";

/// The sRGB ICC profile, read once per process; null when it cannot be read (then `error`, if given,
/// names the file and the package that installs it).
const std::string* SrgbProfile(std::string* error = nullptr);

/// The XMP packet of a PDF/A-2b (`pdfa`: pdfaid part 2 / conformance B) and/or PDF/UA-1 (`pdfua`:
/// pdfuaid part 1, described by a PDF/A extension schema when both) file: dc:format, dc:title (when
/// `title` is not empty), xmp:CreatorTool and pdf:Producer "Missive". No dates (DECISIONS.md).
std::string XmpPacket(std::string_view title, std::string_view language, bool pdfa = true, bool pdfua = false);

/// Writes the metadata stream (unfiltered, as PDF/A requires) and returns its object number.
std::uint32_t WriteMetadata(ObjectWriter& objects, std::string_view title, std::string_view language, bool pdfa = true,
                            bool pdfua = false);

/// Writes the ICC profile stream and returns the catalog entry `/OutputIntents[…]` pointing at it,
/// or an empty string when the profile cannot be read.
std::string WriteOutputIntents(ObjectWriter& objects, Deflater& deflater);

}  // namespace missive::pdf

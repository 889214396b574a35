// MIME (RFC 5322, 2045–2047, 2231): header fields with encoded words and folding, quoted-printable
// and base64 bodies, nested multiparts with boundaries derived from a seed, CRLF line ends
// throughout. No Date header: the delivery adapter adds one when it sends.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace missive::render {

struct MimePart {
  /// "text/plain; charset=utf-8", "application/pdf", or "multipart/alternative" (then `parts`).
  std::string content_type;
  bool base64 = false;                                      ///< else quoted-printable (leaves only)
  std::vector<std::pair<std::string, std::string>> fields;  ///< Content-ID, Content-Disposition, …
  std::string_view body;        ///< leaves: the raw bytes ("\n" line ends for text), owned by the caller
  std::vector<MimePart> parts;  ///< multiparts: least preferred first
};

/// "Name <local@domain>" or "local@domain" as a header's address: the display name quoted or
/// encoded as needed. Empty with `error` set when it is not an address.
std::string FormatAddress(std::string_view address, std::string* error);
/// The domain of an address as FormatAddress accepts it ("" when none).
std::string AddressDomain(std::string_view address);

/// An unstructured header field (`Subject: …`): ASCII folded at spaces, anything else as UTF-8
/// encoded words of at most 75 characters, lines within 78.
std::string UnstructuredField(std::string_view name, std::string_view value);

/// Quoted-printable (RFC 2045 §6.7) of text with "\n" line ends: CRLF hard breaks, soft breaks
/// keeping lines within 76, trailing white space encoded.
std::string QuotedPrintable(std::string_view text);
/// The same, appended to `out`.
void AppendQuotedPrintable(std::string& out, std::string_view text);
/// Base64 in lines of 76 with CRLF.
std::string Base64Lines(std::string_view bytes);

/// Appends a part's header fields and body to `out`; multipart boundaries are
/// `=_<seed>_<depth>.<index>`, which neither quoted-printable nor base64 can produce.
void AppendPart(std::string& out, const MimePart& part, std::string_view seed);

/// A file name as a Content-Disposition parameter: quoted when ASCII, RFC 2231 otherwise.
std::string FileNameParameter(std::string_view name, std::string_view parameter = "filename");

}  // namespace missive::render

// The XMP packet and the sRGB output intent that make our files PDF/A-2b (see docs/pdf.md for the
// checks actually made: no validator is packaged here).
#include "runtime/render/pdf/pdfa.h"

#include <fstream>
#include <iterator>

#include "runtime/render/pdf/objects.h"
#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

namespace {

void AppendXmlEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 has no control characters but tab, LF and CR.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    }
  }
}

struct Profile {
  std::string bytes, error;
  bool ok = false;
};

const Profile& LoadProfile() {
  static const Profile profile = [] {
    Profile p;
    std::ifstream in(kSrgbProfilePath, std::ios::binary);
    if (in) p.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    // An ICC profile starts with its own size and has "acsp" at byte 36.
    p.ok = p.bytes.size() >= 128 && p.bytes.compare(36, 4, "acsp") == 0;
    if (!p.ok) {
      p.error = std::string("cannot read the sRGB ICC profile ") + kSrgbProfilePath +
                " (needed by --pdfa; install the Debian package icc-profiles-free)";
      p.bytes.clear();
    }
    return p;
  }();
  return profile;
}

}  // namespace

const std::string* SrgbProfile(std::string* error) {
  const Profile& profile = LoadProfile();
  if (profile.ok) return &profile.bytes;
  if (error != nullptr) *error = profile.error;
  return nullptr;
}

std::string XmpPacket(std::string_view title, std::string_view language, bool pdfa, bool pdfua) {
  std::string x;
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  x += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  x += "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
  x += " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"";
  x += " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"";
  if (pdfua) x += " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
  x += ">\n";
  if (pdfa) x += "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n";
  if (pdfua) x += "<pdfuaid:part>1</pdfuaid:part>\n";
  x += "<dc:format>application/pdf</dc:format>\n";
  if (!title.empty()) {
    x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">";
    AppendXmlEscaped(x, title);
    x += "</rdf:li></rdf:Alt></dc:title>\n";
  }
  if (!language.empty()) {
    x += "<dc:language><rdf:Bag><rdf:li>";
    AppendXmlEscaped(x, language);
    x += "</rdf:li></rdf:Bag></dc:language>\n";
  }
  x += "<xmp:CreatorTool>Missive</xmp:CreatorTool>\n<pdf:Producer>Missive</pdf:Producer>\n";
  x += "</rdf:Description>\n";
  if (pdfa && pdfua) {
    // PDF/A allows only the XMP schemas it names, or ones described like this (ISO 19005-2 §6.6.2.3)
    x += "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"";
    x += " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"";
    x += " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n";
    x += "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n";
    x += "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n";
    x += "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n";
    x += "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n";
    x += "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n";
    x += "<pdfaProperty:name>part</pdfaProperty:name>\n<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n";
    x += "<pdfaProperty:category>internal</pdfaProperty:category>\n";
    x += "<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>\n";
    x += "</rdf:li></rdf:Seq></pdfaSchema:property>\n";
    x += "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n";
  }
  x += "</rdf:RDF>\n</x:xmpmeta>\n";
  x += "<?xpacket end=\"r\"?>";
  return x;
}

std::uint32_t WriteMetadata(ObjectWriter& objects, std::string_view title, std::string_view language, bool pdfa,
                            bool pdfua) {
  const std::uint32_t object = objects.Reserve();
  objects.Stream(object, "/Type/Metadata/Subtype/XML", XmpPacket(title, language, pdfa, pdfua), false);
  return object;
}

std::string WriteOutputIntents(ObjectWriter& objects, Deflater& deflater) {
  const std::string* profile = SrgbProfile();
  if (profile == nullptr) return {};
  const std::uint32_t icc = objects.Reserve();
  objects.CompressedStream(icc, "/N 3", *profile, deflater);
  std::string entry = "/OutputIntents[<</Type/OutputIntent/S/GTS_PDFA1/OutputConditionIdentifier";
  AppendLiteralString(entry, "sRGB IEC61966-2.1");
  entry += "/Info";
  AppendLiteralString(entry, "sRGB IEC61966-2.1");
  entry += "/DestOutputProfile ";
  AppendInt(entry, icc);
  entry += " 0 R>>]";
  return entry;
}

}  // namespace missive::pdf

// Importing page 1 of a PDF with PoDoFo: its content streams become one Form XObject; every object
// its resources reach (fonts, images, forms…) is copied once, in a deterministic order (dictionary
// keys sorted, breadth first), with references renumbered when a file writes it.
#include "runtime/render/pdf/letterhead.h"

#include <podofo/podofo.h>

#include <cmath>
#include <deque>
#include <exception>
#include <map>

#include "runtime/render/pdf/deflate.h"
#include "runtime/render/pdf/objects.h"
#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

namespace {

using PoDoFo::PdfObject;
using PoDoFo::PdfReference;
using PoDoFo::PdfVariant;

constexpr int kMaxDepth = 64;  // direct objects nested deeper than this are a broken file

class Importer {
 public:
  explicit Importer(PoDoFo::PdfVecObjects& objects, ImportedPage& page) : objects_(objects), page_(page) {}

  /// Writes a direct value into `out`, queuing the indirect objects it refers to.
  void Value(const PdfVariant& value, ImportedPage::Object& out, int depth) {
    if (depth > kMaxDepth) throw std::runtime_error("objects nested too deeply");
    switch (value.GetDataType()) {
      case PoDoFo::ePdfDataType_Reference: out.refs.emplace_back(out.body.size(), Local(value.GetReference())); break;
      case PoDoFo::ePdfDataType_Array: {
        out.body += '[';
        bool first = true;
        for (const PdfObject& item : value.GetArray()) {
          if (!first) out.body += ' ';
          first = false;
          Value(item, out, depth + 1);
        }
        out.body += ']';
        break;
      }
      case PoDoFo::ePdfDataType_Dictionary:
        out.body += "<<";
        Entries(value.GetDictionary(), out, depth, false);
        out.body += ">>";
        break;
      default: {
        // A copy as a plain variant: an indirect PdfObject would write itself as "n 0 obj …".
        std::string text;
        PdfVariant(value).ToString(text, PoDoFo::ePdfWriteMode_Compact);
        out.body += text;
      }
    }
  }

  /// A dictionary's entries (keys sorted by PoDoFo's map), without << >>.
  void Entries(const PoDoFo::PdfDictionary& dict, ImportedPage::Object& out, int depth, bool stream) {
    for (const auto& [key, item] : dict.GetKeys()) {
      const std::string& name = key.GetName();
      // /Parent would pull in the source's page tree; /Length is written anew for the copy.
      if (name == "Parent" || (stream && name == "Length")) continue;
      std::string text;
      PdfVariant(key).ToString(text, PoDoFo::ePdfWriteMode_Compact);
      out.body += text;
      out.body += ' ';
      Value(*item, out, depth + 1);
    }
  }

  /// Copies every queued indirect object.
  void Drain() {
    while (!queue_.empty()) {
      auto [reference, local] = queue_.front();
      queue_.pop_front();
      ImportedPage::Object out;
      PdfObject* object = objects_.GetObject(reference);
      if (object == nullptr) {
        out.body = "null";
      } else if (object->HasStream()) {
        if (!object->IsDictionary()) throw std::runtime_error("a stream without a dictionary");
        out.stream = true;
        Entries(object->GetDictionary(), out, 0, true);
        char* buffer = nullptr;
        PoDoFo::pdf_long length = 0;
        object->GetStream()->GetCopy(&buffer, &length);
        if (buffer != nullptr) out.data.assign(buffer, static_cast<std::size_t>(length));
        PoDoFo::podofo_free(buffer);
      } else {
        CheckEmbedded(*object);
        Value(*object, out, 0);
      }
      page_.objects[local] = std::move(out);
    }
  }

 private:
  const PdfObject* Resolve(const PdfObject* object) const {
    return object != nullptr && object->IsReference() ? objects_.GetObject(object->GetReference()) : object;
  }

  /// Notes a font whose program is not in the file (PDF/A wants every font embedded). Type0 fonts
  /// are judged by their descendant, which comes through here too; Type3 glyphs are in the file.
  void CheckEmbedded(const PdfObject& object) {
    if (!object.IsDictionary()) return;
    const PoDoFo::PdfDictionary& dict = object.GetDictionary();
    const PdfObject* type = dict.GetKey("Type");
    const PdfObject* subtype = dict.GetKey("Subtype");
    if (type == nullptr || !type->IsName() || type->GetName().GetName() != "Font") return;
    if (subtype == nullptr || !subtype->IsName()) return;
    const std::string& kind = subtype->GetName().GetName();
    if (kind == "Type0" || kind == "Type3") return;
    const PdfObject* descriptor = Resolve(dict.GetKey("FontDescriptor"));
    if (descriptor != nullptr && descriptor->IsDictionary()) {
      for (const char* key : {"FontFile", "FontFile2", "FontFile3"}) {
        if (descriptor->GetDictionary().HasKey(key)) return;
      }
    }
    const PdfObject* name = dict.GetKey("BaseFont");
    page_.unembedded_fonts.push_back(name != nullptr && name->IsName() ? name->GetName().GetName() : kind);
  }

  std::uint32_t Local(const PdfReference& reference) {
    auto [it, inserted] = locals_.emplace(reference, 0);
    if (inserted) {
      it->second = static_cast<std::uint32_t>(page_.objects.size());
      page_.objects.emplace_back();
      queue_.emplace_back(reference, it->second);
    }
    return it->second;
  }

  PoDoFo::PdfVecObjects& objects_;
  ImportedPage& page_;
  std::map<PdfReference, std::uint32_t> locals_;
  std::deque<std::pair<PdfReference, std::uint32_t>> queue_;
};

/// The page's content: one stream or an array of them, decoded and joined.
std::string PageContent(PoDoFo::PdfPage& page, PoDoFo::PdfVecObjects& objects) {
  std::string content;
  auto append = [&](const PdfObject* stream) {
    if (stream == nullptr || !stream->HasStream()) return;
    char* buffer = nullptr;
    PoDoFo::pdf_long length = 0;
    stream->GetStream()->GetFilteredCopy(&buffer, &length);
    if (buffer != nullptr) content.append(buffer, static_cast<std::size_t>(length));
    PoDoFo::podofo_free(buffer);
    content += '\n';  // streams of one page may split tokens only at whitespace
  };
  PdfObject* contents = page.GetContents();
  if (contents == nullptr) return content;
  if (contents->IsArray()) {
    for (const PdfObject& item : contents->GetArray()) {
      append(item.IsReference() ? objects.GetObject(item.GetReference()) : &item);
    }
  } else {
    append(contents);
  }
  return content;
}

void AppendPoints(std::string& out, double points) {
  AppendMilli(out, static_cast<std::int64_t>(std::llround(points * 1000.0)));
}

}  // namespace

std::unique_ptr<ImportedPage> ImportFirstPage(const std::string& path, std::string* error) {
  auto fail = [&](const std::string& why) -> std::unique_ptr<ImportedPage> {
    if (error != nullptr) *error = "cannot use the letterhead " + path + ": " + why;
    return nullptr;
  };
  try {
    PoDoFo::PdfError::EnableLogging(false);
    PoDoFo::PdfMemDocument document;
    document.Load(path.c_str());
    if (document.GetEncrypted()) return fail("the file is encrypted");
    if (document.GetPageCount() < 1) return fail("the file has no pages");
    PoDoFo::PdfPage* page = document.GetPage(0);
    if (page == nullptr) return fail("page 1 cannot be read");

    auto imported = std::make_unique<ImportedPage>();
    imported->path = path;
    imported->objects.emplace_back();
    ImportedPage::Object form;
    form.stream = true;
    const PoDoFo::PdfRect box = page->GetMediaBox();
    form.body = "/Type/XObject/Subtype/Form/BBox[";
    AppendPoints(form.body, box.GetLeft());
    form.body += ' ';
    AppendPoints(form.body, box.GetBottom());
    form.body += ' ';
    AppendPoints(form.body, box.GetLeft() + box.GetWidth());
    form.body += ' ';
    AppendPoints(form.body, box.GetBottom() + box.GetHeight());
    form.body += ']';
    // The source's lower-left corner goes onto ours.
    if (box.GetLeft() != 0 || box.GetBottom() != 0) {
      form.body += "/Matrix[1 0 0 1 ";
      AppendPoints(form.body, -box.GetLeft());
      form.body += ' ';
      AppendPoints(form.body, -box.GetBottom());
      form.body += ']';
    }
    form.body += "/Resources";
    Importer importer(document.GetObjects(), *imported);
    if (const PdfObject* resources = page->GetResources(); resources != nullptr && resources->IsDictionary()) {
      importer.Value(*resources, form, 0);
    } else {
      form.body += "<<>>";
    }
    const std::string content = PageContent(*page, document.GetObjects());
    Deflater deflater(6);
    const std::string_view deflated = deflater.Compress(content);
    if (!deflated.empty()) {
      form.body += "/Filter/FlateDecode";
      form.data.assign(deflated);
    } else {
      form.data = content;
    }
    imported->objects[0] = std::move(form);
    importer.Drain();
    return imported;
  } catch (const PoDoFo::PdfError& e) {
    return fail(std::string("not a readable PDF (") + PoDoFo::PdfError::ErrorName(e.GetError()) + ")");
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

std::uint32_t WriteImportedPage(ObjectWriter& objects, const ImportedPage& page) {
  std::vector<std::uint32_t> numbers;
  numbers.reserve(page.objects.size());
  for (std::size_t i = 0; i < page.objects.size(); ++i) numbers.push_back(objects.Reserve());
  std::string body;
  for (std::size_t i = 0; i < page.objects.size(); ++i) {
    const ImportedPage::Object& object = page.objects[i];
    body.clear();
    std::size_t at = 0;
    for (const auto& [offset, local] : object.refs) {
      body.append(object.body, at, offset - at);
      AppendInt(body, numbers[local]);
      body += " 0 R";
      at = offset;
    }
    body.append(object.body, at, std::string::npos);
    if (object.stream) {
      objects.Stream(numbers[i], body, object.data, false);
    } else {
      objects.Begin(numbers[i]) += body;
      objects.End();
    }
  }
  return numbers.empty() ? 0 : numbers[0];
}

std::uint32_t BackgroundLibrary::Load(const std::string& path, std::string* error) {
  if (const std::uint32_t id = Find(path); id != 0) return id;
  std::unique_ptr<ImportedPage> page = ImportFirstPage(path, error);
  if (!page) return 0;
  pages_.push_back(std::move(page));
  return static_cast<std::uint32_t>(pages_.size());
}

std::uint32_t BackgroundLibrary::Find(std::string_view path) const {
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    if (pages_[i]->path == path) return static_cast<std::uint32_t>(i + 1);
  }
  return 0;
}

const ImportedPage* BackgroundLibrary::Get(std::uint32_t id) const {
  return id == 0 || id > pages_.size() ? nullptr : pages_[id - 1].get();
}

}  // namespace missive::pdf

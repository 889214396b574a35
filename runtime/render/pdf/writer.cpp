// DocumentWriter: pages streamed out as they come, page-total forms per record, and at the end the
// fonts, outlines, page tree, catalog and cross-reference stream. Only object offsets, page object
// numbers, bookmarks and the fonts' glyph sets stay in memory.
#include "runtime/render/pdf/writer.h"

#include <exception>
#include <map>

#include "runtime/media/image.h"
#include "runtime/render/pdf/content.h"
#include "runtime/render/pdf/deflate.h"
#include "runtime/render/pdf/font_embed.h"
#include "runtime/render/pdf/letterhead.h"
#include "runtime/render/pdf/objects.h"
#include "runtime/render/pdf/page_total.h"
#include "runtime/render/pdf/pdfa.h"
#include "runtime/render/pdf/structure.h"
#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

namespace {

void AppendRef(std::string& out, std::uint32_t object) {
  AppendInt(out, object);
  out += " 0 R";
}

}  // namespace

struct DocumentWriter::Impl {
  Impl(text::FontLibrary& library, const Options& opts)
      : fonts(library), options(opts), deflater(opts.deflate_level), widths(library), encoder(widths) {
    catalog = objects.Reserve();
    pages_root = objects.Reserve();
    if (options.tagged) structure = std::make_unique<StructureWriter>(objects, deflater);
  }

  text::FontLibrary& fonts;
  Options options;
  ObjectWriter objects;
  Deflater deflater;
  GlyphWidths widths;
  ContentEncoder encoder;
  GlyphUseCollector collector;
  std::uint32_t catalog = 0, pages_root = 0;
  std::vector<std::uint32_t> kids;
  std::map<frame::FontId, FontUse> font_uses;
  /// Image resource → its XObject, written the first time a page of this file draws it.
  std::map<std::uint32_t, std::uint32_t> image_objects;
  /// Letterhead id → its form XObject, written (with the objects it needs) the first time it is drawn.
  std::map<std::uint32_t, std::uint32_t> background_objects;
  std::unique_ptr<StructureWriter> structure;  ///< tagged files only

  struct Outline {
    std::string title;
    std::uint32_t page = 0;
  };
  std::vector<Outline> outlines;

  struct TotalUse {
    frame::PageTotal style;
    std::uint32_t object = 0;
  };
  bool record_open = false;
  std::string bookmark;
  std::uint32_t record_pages = 0, record_first_page = 0;
  std::vector<TotalUse> totals;
  bool finished = false;

  std::string resources, buffer;
  std::vector<RenderedPage::GlyphUse> form_glyphs;

  FontUse& Font(frame::FontId id) {
    FontUse& use = font_uses[id];
    if (use.object == 0) use.object = objects.Reserve();
    return use;
  }

  void BeginRecord(std::string_view title);
  void AddPage(RenderedPage& page);
  void EndRecord();
  std::uint32_t ImageObject(std::uint32_t resource);
  std::uint32_t BackgroundObject(std::uint32_t id);
  void WriteTotalForm(const TotalUse& total);
  void WriteOutlines(std::uint32_t root);
  void Finish();
};

void DocumentWriter::Impl::BeginRecord(std::string_view title) {
  if (finished) return;
  if (record_open) EndRecord();
  record_open = true;
  bookmark.assign(title);
  record_pages = 0;
  record_first_page = 0;
  totals.clear();
}

void DocumentWriter::Impl::AddPage(RenderedPage& page) {
  if (finished) return;
  if (!record_open) BeginRecord({});
  for (const RenderedPage::GlyphUse& use : page.glyphs) Font(use.font).Add(use.glyph, use.text);

  resources.clear();
  if (!page.fonts.empty()) {
    resources += "/Font<<";
    for (frame::FontId id : page.fonts) {
      resources += "/F";
      AppendInt(resources, id);
      resources += ' ';
      AppendRef(resources, Font(id).object);
    }
    resources += ">>";
  }
  if (!page.page_totals.empty() || !page.images.empty() || page.background != 0) {
    resources += "/XObject<<";
    if (page.background != 0) {
      resources += "/BG";
      AppendInt(resources, page.background);
      resources += ' ';
      AppendRef(resources, BackgroundObject(page.background));
    }
    for (std::uint32_t resource : page.images) {
      const std::uint32_t object = ImageObject(resource);
      if (object == 0) continue;
      resources += "/Im";
      AppendInt(resources, resource);
      resources += ' ';
      AppendRef(resources, object);
    }
    for (std::size_t i = 0; i < page.page_totals.size(); ++i) {
      const frame::PageTotal& style = page.page_totals[i];
      std::size_t k = 0;
      while (k < totals.size() && !SamePageTotalStyle(totals[k].style, style)) ++k;
      if (k == totals.size()) {
        Font(style.font);
        totals.push_back({style, objects.Reserve()});
      }
      resources += "/Tot";
      AppendInt(resources, static_cast<std::int64_t>(i));
      resources += ' ';
      AppendRef(resources, totals[k].object);
    }
    resources += ">>";
  }

  std::uint32_t contents = objects.Reserve();
  std::uint32_t page_object = objects.Reserve();
  objects.Stream(contents, {}, page.content, page.compressed);
  std::string& out = objects.Begin(page_object);
  out += "<</Type/Page/Parent ";
  AppendRef(out, pages_root);
  out += "/MediaBox[0 0 ";
  AppendMilli(out, page.width);
  out += ' ';
  AppendMilli(out, page.height);
  out += "]/Resources<<";
  out += resources;
  out += ">>/Contents ";
  AppendRef(out, contents);
  if (structure) {
    // /Tabs /S: tab order follows the structure (PDF/UA-1 §7.18.3)
    out += "/StructParents ";
    AppendInt(out, structure->AddPage(page_object, std::move(page.structure), std::move(page.marked)));
    out += "/Tabs/S";
  }
  out += ">>";
  objects.End();

  kids.push_back(page_object);
  if (record_pages == 0) record_first_page = page_object;
  ++record_pages;
}

std::uint32_t DocumentWriter::Impl::ImageObject(std::uint32_t resource) {
  if (auto found = image_objects.find(resource); found != image_objects.end()) return found->second;
  const media::Image* image = options.images ? options.images->Find(resource) : nullptr;
  if (image == nullptr) return 0;
  const std::uint32_t object = objects.Reserve();
  image_objects.emplace(resource, object);
  auto head = [&](std::string& dict, std::uint8_t components) {
    dict += "/Type/XObject/Subtype/Image/Width ";
    AppendInt(dict, image->width);
    dict += "/Height ";
    AppendInt(dict, image->height);
    dict += components == 1   ? "/ColorSpace/DeviceGray"
            : components == 4 ? "/ColorSpace/DeviceCMYK"
                              : "/ColorSpace/DeviceRGB";
    dict += "/BitsPerComponent 8";
  };
  std::string dict;
  head(dict, image->components);
  if (image->format == media::ImageFormat::Jpeg) {
    if (image->inverted_cmyk) dict += "/Decode[1 0 1 0 1 0 1 0]";  // Adobe's CMYK JPEGs store inverted samples
    dict += "/Filter/DCTDecode";
    objects.Stream(object, dict, image->encoded, false);
    return object;
  }
  if (!image->encoded_alpha.empty()) {
    // The soft mask: the alpha channel as a grey image of the same size.
    const std::uint32_t mask = objects.Reserve();
    std::string mask_dict;
    head(mask_dict, 1);
    objects.Stream(mask, mask_dict, image->encoded_alpha, true);
    dict += "/SMask ";
    AppendRef(dict, mask);
  }
  objects.Stream(object, dict, image->encoded, true);
  return object;
}

std::uint32_t DocumentWriter::Impl::BackgroundObject(std::uint32_t id) {
  if (auto found = background_objects.find(id); found != background_objects.end()) return found->second;
  // The renderer draws only letterheads the library has, so `page` is not null here.
  const ImportedPage* page = options.backgrounds->Get(id);
  const std::uint32_t object = WriteImportedPage(objects, *page);
  background_objects.emplace(id, object);
  return object;
}

void DocumentWriter::Impl::WriteTotalForm(const TotalUse& total) {
  TotalForm form = LayOutTotal(fonts, total.style, record_pages);
  encoder.Begin(&buffer, 0, true);
  encoder.Text(form.run);
  encoder.End();
  collector.Add(form.run, form_glyphs);
  collector.Clear();
  FontUse& font = Font(total.style.font);
  for (const RenderedPage::GlyphUse& use : form_glyphs) font.Add(use.glyph, use.text);
  form_glyphs.clear();

  std::string dict = "/Type/XObject/Subtype/Form/BBox[";
  for (int i = 0; i < 4; ++i) {
    AppendMilli(dict, form.bbox[i]);
    dict += i == 3 ? "]" : " ";
  }
  dict += "/Resources<</Font<</F";
  AppendInt(dict, total.style.font);
  dict += ' ';
  AppendRef(dict, font.object);
  dict += ">>>>";
  objects.CompressedStream(total.object, dict, buffer, deflater);
}

void DocumentWriter::Impl::EndRecord() {
  if (!record_open) return;
  record_open = false;
  for (const TotalUse& total : totals) WriteTotalForm(total);
  totals.clear();
  if (structure) structure->EndRecord();
  if (!bookmark.empty() && record_pages > 0) outlines.push_back({std::move(bookmark), record_first_page});
  bookmark.clear();
}

void DocumentWriter::Impl::WriteOutlines(std::uint32_t root) {
  std::uint32_t first = objects.Reserve();
  for (std::size_t i = 1; i < outlines.size(); ++i) objects.Reserve();
  std::uint32_t last = first + static_cast<std::uint32_t>(outlines.size()) - 1;
  std::string& out = objects.Begin(root);
  out += "<</Type/Outlines/First ";
  AppendRef(out, first);
  out += "/Last ";
  AppendRef(out, last);
  out += "/Count ";
  AppendInt(out, static_cast<std::int64_t>(outlines.size()));
  out += ">>";
  objects.End();
  for (std::size_t i = 0; i < outlines.size(); ++i) {
    std::uint32_t number = first + static_cast<std::uint32_t>(i);
    std::string& item = objects.Begin(number);
    item += "<</Title";
    AppendTextString(item, outlines[i].title);
    item += "/Parent ";
    AppendRef(item, root);
    if (number > first) {
      item += "/Prev ";
      AppendRef(item, number - 1);
    }
    if (number < last) {
      item += "/Next ";
      AppendRef(item, number + 1);
    }
    item += "/Dest[";
    AppendRef(item, outlines[i].page);
    item += "/XYZ null null null]>>";
    objects.End();
  }
}

void DocumentWriter::Impl::Finish() {
  if (finished) return;
  EndRecord();
  finished = true;
  const std::uint32_t compact_cmap = WriteCompactCMap(objects, deflater, widths, font_uses);
  for (const auto& [id, use] : font_uses)
    WriteFont(objects, deflater, fonts, widths, id, use, compact_cmap, options.prepared_fonts);

  std::uint32_t outline_root = 0;
  if (!outlines.empty()) {
    outline_root = objects.Reserve();
    WriteOutlines(outline_root);
  }

  std::string& pages = objects.Begin(pages_root);
  pages += "<</Type/Pages/Kids[";
  for (std::size_t i = 0; i < kids.size(); ++i) {
    if (i > 0) pages += (i % 16 == 0) ? '\n' : ' ';
    AppendRef(pages, kids[i]);
  }
  pages += "]/Count ";
  AppendInt(pages, static_cast<std::int64_t>(kids.size()));
  pages += ">>";
  objects.End();

  std::uint32_t info = objects.Reserve();
  std::string& info_dict = objects.Begin(info);
  info_dict += "<</Producer(Missive)";
  if (!options.title.empty()) {
    info_dict += "/Title";
    AppendTextString(info_dict, options.title);
  }
  info_dict += ">>";
  objects.End();

  std::string structure_entries;
  std::string language = options.language;
  if (structure) {
    structure_entries = structure->Finish();
    // a print stream's records each carry their own /Lang: the catalog names the first one's
    if (language.empty()) language = structure->first_language();
  }

  std::uint32_t metadata = 0;
  std::string output_intents;
  if (options.pdfa || options.tagged)
    metadata = WriteMetadata(objects, options.title, language, options.pdfa, options.tagged);
  if (options.pdfa) output_intents = WriteOutputIntents(objects, deflater);

  std::string& root = objects.Begin(catalog);
  root += "<</Type/Catalog/Pages ";
  AppendRef(root, pages_root);
  if (outline_root != 0) {
    root += "/Outlines ";
    AppendRef(root, outline_root);
  }
  if (!language.empty()) {
    root += "/Lang";
    AppendLiteralString(root, language);
  }
  root += structure_entries;
  if (metadata != 0) {
    root += "/Metadata ";
    AppendRef(root, metadata);
  }
  root += output_intents;
  root += ">>";
  objects.End();

  objects.Finish(catalog, info, deflater);
}

DocumentWriter::DocumentWriter(text::FontLibrary& fonts, const Options& options)
    : impl_(std::make_unique<Impl>(fonts, options)) {}

DocumentWriter::~DocumentWriter() = default;

// The public calls catch everything: only allocation can fail, and no exception may reach callers.
void DocumentWriter::BeginRecord(std::string_view bookmark) {
  try {
    impl_->BeginRecord(bookmark);
  } catch (const std::exception&) {
  }
}

void DocumentWriter::AddPage(RenderedPage page) {
  try {
    impl_->AddPage(page);
  } catch (const std::exception&) {
  }
}

void DocumentWriter::EndRecord() {
  try {
    impl_->EndRecord();
  } catch (const std::exception&) {
  }
}

void DocumentWriter::Finish() {
  try {
    impl_->Finish();
  } catch (const std::exception&) {
  }
}

std::string DocumentWriter::TakeBytes() { return impl_->objects.Take(); }

std::uint64_t DocumentWriter::bytes_written() const { return impl_->objects.bytes_written(); }

std::uint32_t DocumentWriter::page_count() const { return static_cast<std::uint32_t>(impl_->kids.size()); }

}  // namespace missive::pdf

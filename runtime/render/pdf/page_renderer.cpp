// PageRenderer: one frame page → its deflated content stream plus the glyphs and resources it uses.
#include <algorithm>
#include <exception>
#include <type_traits>

#include "runtime/media/image.h"
#include "runtime/render/pdf/content.h"
#include "runtime/render/pdf/deflate.h"
#include "runtime/render/pdf/letterhead.h"
#include "runtime/render/pdf/page_total.h"
#include "runtime/render/pdf/structure.h"
#include "runtime/render/pdf/syntax.h"
#include "runtime/render/pdf/writer.h"

namespace missive::pdf {

struct PageRenderer::Impl {
  Impl(text::FontLibrary& library, const Options& opts)
      : fonts(library), options(opts), widths(library), encoder(widths), deflater(opts.deflate_level) {}

  text::FontLibrary& fonts;
  Options options;
  GlyphWidths widths;
  ContentEncoder encoder;
  GlyphUseCollector collector;
  Deflater deflater;
  bool record_scope = false;  ///< BeginRecord was called: glyphs are listed once per record
  std::string buffer;         ///< reused for every page's uncompressed stream
  std::string name;
  /// Tagged: the role of each node of the record being rendered (its pages come in order), for the
  /// tags of the marked content; and the node of the marked-content sequence open now.
  std::vector<frame::Role> roles;
  static constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t open = kNone;

  /// Tagged: puts what follows in the marked content of `node` (0 = an artifact).
  void Mark(std::uint32_t node, RenderedPage& result) {
    if (!options.tagged || node == open) return;
    if (open != kNone) encoder.EndMarked();
    open = node;
    if (node == 0) {
      encoder.BeginArtifact();
      return;
    }
    const std::uint32_t mcid = static_cast<std::uint32_t>(result.marked.size());
    result.marked.push_back(node);
    encoder.BeginMarked(node - 1 < roles.size() ? RoleName(roles[node - 1]) : "Span", mcid);
  }

  void Render(const frame::Page& page, RenderedPage& result);
};

void PageRenderer::Impl::Render(const frame::Page& page, RenderedPage& result) {
  result.width = page.width;
  result.height = page.height;
  encoder.Begin(&buffer, page.height);
  open = kNone;
  if (options.tagged) {
    if (page.number == 1) roles.clear();
    for (const frame::StructNode& node : page.structure) {
      if (node.id > roles.size()) roles.resize(node.id, frame::Role::P);
      roles[node.id - 1] = node.role;
    }
    result.structure = page.structure;
  }
  if (page.background != 0 && options.backgrounds != nullptr && options.backgrounds->Get(page.background) != nullptr) {
    // The letterhead's origin is the page's lower-left corner (frame y = page height).
    Mark(0, result);
    name = "BG";
    AppendInt(name, page.background);
    encoder.Form(name, 0, page.height);
    result.background = page.background;
  }
  for (const frame::Item& item : page.items) {
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, frame::GlyphRun>) {
            if (value->glyphs.empty()) return;
            Mark(value.structure, result);
            encoder.Text(value);
            collector.Add(value, result.glyphs);
            if (std::find(result.fonts.begin(), result.fonts.end(), value.font) == result.fonts.end()) {
              result.fonts.push_back(value.font);
            }
          } else if constexpr (std::is_same_v<T, frame::Rect>) {
            Mark(value.structure, result);
            encoder.Rect(value);
          } else if constexpr (std::is_same_v<T, frame::Line>) {
            Mark(value.structure, result);
            encoder.Line(value);
          } else if constexpr (std::is_same_v<T, frame::PageTotal>) {
            auto it = std::find_if(result.page_totals.begin(), result.page_totals.end(),
                                   [&](const frame::PageTotal& seen) { return SamePageTotalStyle(seen, value); });
            std::size_t index = static_cast<std::size_t>(it - result.page_totals.begin());
            if (it == result.page_totals.end()) result.page_totals.push_back(value);
            Mark(value.structure, result);
            name = "Tot";
            AppendInt(name, static_cast<std::int64_t>(index));
            encoder.Form(name, value.x, value.y);
            result.uses_page_total = true;
          } else if constexpr (std::is_same_v<T, frame::Image>) {
            // Only images the file can embed are drawn: a resource unknown to the library is skipped.
            if (options.images == nullptr || options.images->Find(value.resource) == nullptr) return;
            if (value.width <= 0 || value.height <= 0) return;
            Mark(value.structure, result);
            encoder.Image(value);
            if (std::find(result.images.begin(), result.images.end(), value.resource) == result.images.end()) {
              result.images.push_back(value.resource);
            }
          }
        },
        item);
  }
  if (open != kNone) encoder.EndMarked();
  encoder.End();
  if (!record_scope) collector.Clear();
  std::sort(result.fonts.begin(), result.fonts.end());
  std::sort(result.images.begin(), result.images.end());
  result.uncompressed_size = static_cast<std::uint32_t>(buffer.size());
  std::string_view deflated = deflater.Compress(buffer);
  result.compressed = !deflated.empty();
  result.content.assign(result.compressed ? deflated : std::string_view(buffer));
}

PageRenderer::PageRenderer(text::FontLibrary& fonts, const Options& options)
    : impl_(std::make_unique<Impl>(fonts, options)) {}

PageRenderer::~PageRenderer() = default;

void PageRenderer::BeginRecord() {
  impl_->record_scope = true;
  impl_->collector.Clear();
}

RenderedPage PageRenderer::Render(const frame::Page& page) {
  RenderedPage result;
  try {
    impl_->Render(page, result);
  } catch (const std::exception&) {
    // Only allocation can fail here; hand back an empty page rather than unwinding into callers.
    impl_->collector.Clear();
    result = RenderedPage{};
    result.width = page.width;
    result.height = page.height;
  }
  return result;
}

}  // namespace missive::pdf

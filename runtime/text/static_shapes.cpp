// Building and looking up the pre-shaped static text store.
#include "runtime/text/static_shapes.h"

#include <unordered_map>

#include "runtime/text/itemize.h"
#include "runtime/text/shaper.h"

namespace missive::text {

struct StaticShapes::Impl {
  std::unordered_map<std::string, ShapedRun> runs;
};

StaticShapes::StaticShapes() : impl_(std::make_unique<Impl>()) {}
StaticShapes::~StaticShapes() = default;

std::unique_ptr<const StaticShapes> StaticShapes::Build(FontLibrary& fonts, const std::vector<StaticText>& texts) {
  std::unique_ptr<StaticShapes> store(new StaticShapes());
  try {
    Shaper shaper(fonts);
    Itemized itemized;
    std::string key;
    for (const StaticText& entry : texts) {
      if (entry.text.empty()) continue;
      std::vector<StyledSpan> spans = {StyledSpan{entry.text, TextStyle{entry.font, entry.size, {}}}};
      Itemize(spans, fonts, &itemized);
      const auto& offsets = itemized.decoded.offsets;
      for (const Item& item : itemized.items) {
        ShapeRequest request;
        request.font = item.font;
        request.size = entry.size;
        request.rtl = (item.level & 1) != 0;
        request.script = item.script;
        request.text =
            std::string_view(itemized.text).substr(offsets[item.start], offsets[item.end] - offsets[item.start]);
        if (shaper.FastPathApplies(request)) continue;
        for (std::string_view language : {std::string_view(entry.language), std::string_view()}) {
          request.language = language;
          ShapeKey(request, &key);
          if (store->impl_->runs.count(key) != 0) continue;
          store->impl_->runs.emplace(key, shaper.ShapeWithHarfBuzz(request));
        }
      }
    }
  } catch (const std::exception&) {
    // Out of memory while building: the store is an accelerator, an incomplete one is still correct.
  }
  return store;
}

std::vector<StaticText> StaticShapes::Combine(const std::vector<std::string>& strings,
                                              const std::vector<TextStyle>& styles,
                                              const std::vector<std::string>& languages) {
  std::vector<StaticText> out;
  out.reserve(strings.size() * styles.size() * languages.size());
  for (const std::string& language : languages) {
    for (const TextStyle& style : styles) {
      for (const std::string& text : strings) out.push_back(StaticText{style.font, style.size, language, text});
    }
  }
  return out;
}

const ShapedRun* StaticShapes::Find(const std::string& key) const {
  auto it = impl_->runs.find(key);
  return it == impl_->runs.end() ? nullptr : &it->second;
}

std::size_t StaticShapes::size() const { return impl_->runs.size(); }

}  // namespace missive::text

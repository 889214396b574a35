// FontLibrary: finds fonts through fontconfig (exact family only) or by path, and owns their HarfBuzz faces.
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <tuple>

#include "runtime/text/text.h"

namespace missive::text {
namespace {

// Fallbacks tried in this order; those not installed are skipped.
constexpr const char* kFallbackFamilies[] = {"Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans", "DejaVu Sans"};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in.good() && !in.eof()) return false;
  *out = std::move(buffer).str();
  return true;
}

struct LoadedFont {
  FontInfo info;
  std::string bytes;
  hb_blob_t* blob = nullptr;
  hb_face_t* face = nullptr;
  hb_font_t* font = nullptr;
  std::array<bool, 128> has_ascii{};  // HasGlyph without a cmap lookup for the common case
};

}  // namespace

struct FontLibrary::Impl {
  std::mutex mutex;
  // Fixed chunks never move, so readers need no lock once an id has been handed out (a std::deque's
  // block map can be reallocated by a concurrent push_back).
  static constexpr std::size_t kChunk = 256;
  std::array<std::unique_ptr<LoadedFont[]>, 256> chunks;
  std::atomic<std::size_t> count{0};
  LoadedFont missing;  // what an id never handed out reads as: an empty font, so a bad id cannot crash

  Impl() {
    missing.font = hb_font_get_empty();
    missing.info.family = "(no font)";
  }

  const LoadedFont& Get(FontId id) const { return id < count.load(std::memory_order_acquire) ? At(id) : missing; }
  std::map<std::pair<std::string, std::uint32_t>, FontId> by_file;
  std::map<std::tuple<std::string, std::uint16_t, bool>, FontId> by_request;
  std::vector<FontId> fallbacks;

  ~Impl() {
    for (std::size_t i = 0; i < count.load(); ++i) {
      LoadedFont& f = At(i);
      hb_font_destroy(f.font);
      hb_face_destroy(f.face);
      hb_blob_destroy(f.blob);
    }
  }

  LoadedFont& At(std::size_t id) const { return chunks[id / kChunk][id % kChunk]; }

  // Caller holds the mutex.
  std::optional<FontId> Load(const std::string& path, std::uint32_t index, const std::string& family,
                             std::string* error) {
    auto key = std::make_pair(path, index);
    if (auto it = by_file.find(key); it != by_file.end()) return it->second;
    if (count >= kChunk * chunks.size()) {
      if (error) *error = "too many fonts";
      return std::nullopt;
    }
    LoadedFont loaded;
    if (!ReadFile(path, &loaded.bytes)) {
      if (error) *error = "cannot read font file `" + path + "`";
      return std::nullopt;
    }
    loaded.blob = hb_blob_create(loaded.bytes.data(), static_cast<unsigned>(loaded.bytes.size()),
                                 HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    loaded.face = hb_face_create(loaded.blob, index);
    if (hb_face_get_glyph_count(loaded.face) == 0) {
      hb_face_destroy(loaded.face);
      hb_blob_destroy(loaded.blob);
      if (error) *error = "`" + path + "` is not a font file HarfBuzz can read";
      return std::nullopt;
    }
    hb_face_make_immutable(loaded.face);
    loaded.font = hb_font_create(loaded.face);
    int upem = static_cast<int>(hb_face_get_upem(loaded.face));
    hb_font_set_scale(loaded.font, upem, upem);  // advances come back in font units
    hb_font_make_immutable(loaded.font);
    for (char32_t cp = 0; cp < 128; ++cp) {
      hb_codepoint_t glyph = 0;
      loaded.has_ascii[cp] = hb_font_get_nominal_glyph(loaded.font, cp, &glyph) != 0;
    }

    FontInfo& info = loaded.info;
    info.path = path;
    info.face_index = index;
    info.units_per_em = upem;
    hb_position_t value = 0;
    if (hb_ot_metrics_get_position(loaded.font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &value)) info.ascender = value;
    if (hb_ot_metrics_get_position(loaded.font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &value)) info.descender = value;
    if (hb_ot_metrics_get_position(loaded.font, HB_OT_METRICS_TAG_HORIZONTAL_LINE_GAP, &value)) info.line_gap = value;
    if (info.descender > 0) info.descender = -info.descender;
    info.weight = static_cast<std::uint16_t>(hb_style_get_value(loaded.font, HB_STYLE_TAG_WEIGHT));
    info.italic = hb_style_get_value(loaded.font, HB_STYLE_TAG_ITALIC) > 0;
    info.family = family;
    if (info.family.empty()) {
      char name[256];
      unsigned size = sizeof name;
      if (hb_ot_name_get_utf8(loaded.face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, hb_language_from_string("en", -1), &size,
                              name) == 0) {
        size = sizeof name;
        hb_ot_name_get_utf8(loaded.face, HB_OT_NAME_ID_FONT_FAMILY, hb_language_from_string("en", -1), &size, name);
      }
      info.family.assign(name, size);
    }
    const std::size_t next = count.load();
    auto id = static_cast<FontId>(next);
    if (!chunks[next / kChunk]) chunks[next / kChunk] = std::make_unique<LoadedFont[]>(kChunk);
    At(next) = std::move(loaded);
    count.store(next + 1, std::memory_order_release);
    by_file.emplace(key, id);
    return id;
  }

  // Caller holds the mutex.
  std::optional<FontId> ResolveFamily(const FontRequest& request, std::string* error) {
    auto key = std::make_tuple(request.family, request.weight, request.italic);
    if (auto it = by_request.find(key); it != by_request.end()) return it->second;

    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(request.family.c_str()));
    FcPatternAddInteger(pattern, FC_WEIGHT, FcWeightFromOpenType(request.weight));
    FcPatternAddInteger(pattern, FC_SLANT, request.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pattern, &result);
    FcPatternDestroy(pattern);

    std::optional<FontId> id;
    if (match == nullptr) {
      if (error) *error = "font `" + request.family + "` is not installed (fontconfig offers no font)";
      return std::nullopt;
    }
    // A font may carry several family names (e.g. "DejaVu Sans" and "DejaVu Sans Condensed").
    bool exact = false;
    std::string offered;
    FcChar8* value = nullptr;
    for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &value) == FcResultMatch; ++i) {
      std::string_view name(reinterpret_cast<const char*>(value));
      if (i == 0) offered = name;
      if (EqualsIgnoreCase(name, request.family)) exact = true;
    }
    FcChar8* file = nullptr;
    int index = 0;
    if (!exact) {
      if (error) *error = "font `" + request.family + "` is not installed (fontconfig offers `" + offered + "`)";
    } else if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch) {
      if (error) *error = "font `" + request.family + "` has no file";
    } else {
      FcPatternGetInteger(match, FC_INDEX, 0, &index);
      // The 16 high bits of FC_INDEX select a named instance of a variable font; we use the default.
      id = Load(reinterpret_cast<const char*>(file), static_cast<std::uint32_t>(index) & 0xFFFF, request.family, error);
    }
    FcPatternDestroy(match);
    if (id) by_request.emplace(key, *id);
    return id;
  }
};

FontLibrary::FontLibrary() : impl_(std::make_unique<Impl>()) {
  FcInit();
  std::lock_guard lock(impl_->mutex);
  // The default request's font first, so FontId 0 is what FontRequest{} and TextStyle{} mean.
  std::string ignored;
  impl_->ResolveFamily(FontRequest{}, &ignored);
  for (const char* family : kFallbackFamilies) {
    FontRequest request;
    request.family = family;
    if (auto id = impl_->ResolveFamily(request, &ignored)) impl_->fallbacks.push_back(*id);
  }
}

FontLibrary::~FontLibrary() = default;

std::optional<FontId> FontLibrary::Resolve(const FontRequest& request, std::string* error) {
  try {
    std::lock_guard lock(impl_->mutex);
    if (!request.path.empty()) return impl_->Load(request.path, 0, "", error);
    return impl_->ResolveFamily(request, error);
  } catch (const std::exception& e) {
    if (error) *error = std::string("cannot load font: ") + e.what();
    return std::nullopt;
  }
}

const FontInfo& FontLibrary::Info(FontId id) const { return impl_->Get(id).info; }

std::string_view FontLibrary::FileBytes(FontId id) const { return impl_->Get(id).bytes; }

const std::vector<FontId>& FontLibrary::Fallbacks() const { return impl_->fallbacks; }

void* FontLibrary::HbFont(FontId id) const { return impl_->Get(id).font; }

bool FontLibrary::HasGlyph(FontId id, char32_t cp) const {
  if (cp < 128) return impl_->Get(id).has_ascii[cp];
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(impl_->Get(id).font, cp, &glyph) != 0;
}

}  // namespace missive::text

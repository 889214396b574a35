// HarfBuzz shaping with a per-engine cache, and the table-driven fast path for digits and separators.
#include "runtime/text/shaper.h"

#include <hb.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "runtime/text/static_shapes.h"
#include "runtime/text/utf8.h"
#include "runtime/util/util.h"

namespace missive::text {
namespace {

// What amounts, dates and reference numbers are made of.
constexpr char32_t kNumberAlphabet[] = {
    U'0', U'1', U'2', U'3', U'4', U'5', U'6', U'7', U'8', U'9', U'.', U',', U':', U'-', U'+', U'/', U'%', U'\'', U'(',
    U')', U'#', U' ', 0x00A0, 0x202F, 0x2009, 0x2212, U'$', 0x20AC, 0x00A3, 0x00A5, 0x00A2,
    // Arabic-Indic digits and separators (amounts in Arabic locales)
    0x0660, 0x0661, 0x0662, 0x0663, 0x0664, 0x0665, 0x0666, 0x0667, 0x0668, 0x0669, 0x066A, 0x066B, 0x066C};

// The ASCII part of the alphabet as a lookup table: most text is rejected on its first letter.
constexpr std::array<bool, 128> kAsciiInAlphabet = [] {
  std::array<bool, 128> in{};
  for (char32_t a : kNumberAlphabet) {
    if (a < 128) in[a] = true;
  }
  return in;
}();

}  // namespace

Unit ScaleToUnits(std::int64_t font_units, Unit size, int units_per_em) {
  if (units_per_em <= 0) return 0;
  std::int64_t num = font_units * static_cast<std::int64_t>(size);
  std::int64_t den = units_per_em;
  std::int64_t q = (2 * (num < 0 ? -num : num) + den) / (2 * den);
  return static_cast<Unit>(num < 0 ? -q : q);
}

void ShapeKey(const ShapeRequest& request, std::string* out) {
  out->clear();
  out->append(reinterpret_cast<const char*>(&request.font), sizeof request.font);
  out->append(reinterpret_cast<const char*>(&request.size), sizeof request.size);
  out->push_back(request.rtl ? 'R' : 'L');
  out->append(reinterpret_cast<const char*>(&request.script), sizeof request.script);
  out->append(request.language);
  out->push_back('\0');
  out->append(request.text);
}

std::size_t CachedBytes(const std::string& key, const ShapedRun& run) {
  // Node, key and five vector headers (~200 bytes), the key's heap buffer, the vectors' elements.
  std::size_t bytes = 200 + (key.size() > 15 ? key.capacity() : 0);
  bytes += run.glyphs.capacity() * sizeof(std::uint32_t) + run.clusters.capacity() * sizeof(std::uint32_t);
  bytes += (run.advances.capacity() + run.x_offsets.capacity() + run.y_offsets.capacity()) * sizeof(Unit);
  return bytes;
}

ShapedRun Shaper::ShapeWithHarfBuzz(const ShapeRequest& request) {
  ShapedRun out;
  auto* font = static_cast<hb_font_t*>(fonts_.HbFont(request.font));
  const int upem = fonts_.Info(request.font).units_per_em;
  // Controls (tab, newline) have no glyph: shape them as spaces, which keeps every byte offset. Newlines
  // are never drawn (they end lines); a tab draws as a space.
  std::string_view text = request.text;
  if (std::any_of(text.begin(), text.end(), [](char c) { return (c >= 0 && c < 0x20) || c == 0x7F; })) {
    controls_as_spaces_.assign(text);
    for (char& c : controls_as_spaces_) {
      if ((c >= 0 && c < 0x20) || c == 0x7F) c = ' ';
    }
    text = controls_as_spaces_;
  }
  if (buffer_ == nullptr) buffer_ = hb_buffer_create();
  hb_buffer_t* buffer = buffer_;
  hb_buffer_clear_contents(buffer);
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
  hb_buffer_set_direction(buffer, request.rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_script(buffer, static_cast<hb_script_t>(request.script));
  if (!request.language.empty()) {
    hb_buffer_set_language(buffer,
                           hb_language_from_string(request.language.data(), static_cast<int>(request.language.size())));
  }
  hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
  hb_shape(font, buffer, nullptr, 0);
  ++shape_calls;
  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  out.glyphs.resize(count);
  out.advances.resize(count);
  out.clusters.resize(count);
  bool has_offsets = false;
  for (unsigned i = 0; i < count; ++i) {
    out.glyphs[i] = info[i].codepoint;
    out.clusters[i] = info[i].cluster;
    out.advances[i] = ScaleToUnits(pos[i].x_advance, request.size, upem);
    out.width += out.advances[i];
    if (pos[i].x_offset != 0 || pos[i].y_offset != 0) has_offsets = true;
  }
  if (has_offsets) {
    out.x_offsets.resize(count);
    out.y_offsets.resize(count);
    for (unsigned i = 0; i < count; ++i) {
      out.x_offsets[i] = ScaleToUnits(pos[i].x_offset, request.size, upem);
      out.y_offsets[i] = ScaleToUnits(pos[i].y_offset, request.size, upem);
    }
  }
  return out;
}

const Shaper::FastTable& Shaper::TableFor(const ShapeRequest& request) {
  // consecutive runs nearly always ask for the same table: compare with it before building a key
  if (last_table_ != nullptr && request.font == last_font_ && request.script == last_script_ &&
      request.language == std::string_view(last_table_key_).substr(sizeof request.font + sizeof request.script)) {
    return *last_table_;
  }
  std::string key;
  key.append(reinterpret_cast<const char*>(&request.font), sizeof request.font);
  key.append(reinterpret_cast<const char*>(&request.script), sizeof request.script);
  key.append(request.language);
  last_font_ = request.font;
  last_script_ = request.script;
  auto it = fast_tables_.find(key);
  if (it == fast_tables_.end()) it = fast_tables_.emplace(key, BuildTable(request)).first;
  last_table_key_ = std::move(key);
  last_table_ = &it->second;
  return it->second;
}

Shaper::FastTable Shaper::BuildTable(const ShapeRequest& request) {
  FastTable table;

  // Shape each character alone, then every pair: a pair must come out as the two singles side by side,
  // otherwise the font kerns or substitutes between them and both characters leave the table.
  const std::uint64_t calls_before = shape_calls;  // the probes are not the caller's work
  ShapeRequest probe = request;
  probe.rtl = false;
  probe.size = fonts_.Info(request.font).units_per_em;  // advances stay in font units
  std::vector<char32_t> chars;
  std::map<char32_t, std::string> utf8;
  for (char32_t cp : kNumberAlphabet) {
    if (!fonts_.HasGlyph(request.font, cp)) continue;
    std::string s;
    util::AppendUtf8(s, cp);
    probe.text = s;
    ShapedRun single = ShapeWithHarfBuzz(probe);
    if (single.glyphs.size() != 1 || !single.x_offsets.empty()) continue;
    chars.push_back(cp);
    utf8[cp] = s;
    table.glyphs[cp] = {single.glyphs[0], single.advances[0]};
  }
  // The pairs starting or ending with `a` go through HarfBuzz in one run, "a c0 a c1 … a cn a": when
  // it comes out as the singles side by side, none of them interacts (one call instead of 2n; the
  // probes were most of a table's cost). Otherwise each of those pairs is probed alone.
  auto same_as_singles = [&](const std::vector<char32_t>& seq, const ShapedRun& run) {
    if (run.glyphs.size() != seq.size() || !run.x_offsets.empty() || !run.y_offsets.empty()) return false;
    for (std::size_t k = 0; k < seq.size(); ++k) {
      const auto& single = table.glyphs[seq[k]];
      if (run.glyphs[k] != single.first || run.advances[k] != single.second) return false;
    }
    return true;
  };
  std::map<char32_t, bool> bad;
  std::vector<char32_t> seq;
  std::string text;
  for (char32_t a : chars) {
    seq.clear();
    text.clear();
    for (char32_t c : chars) {
      seq.insert(seq.end(), {a, c});
      text += utf8[a] + utf8[c];
    }
    seq.push_back(a);
    text += utf8[a];
    probe.text = text;
    if (same_as_singles(seq, ShapeWithHarfBuzz(probe))) continue;
    for (char32_t c : chars) {
      for (const auto& pair : {std::vector<char32_t>{a, c}, std::vector<char32_t>{c, a}}) {
        text = utf8[pair[0]] + utf8[pair[1]];
        probe.text = text;
        if (!same_as_singles(pair, ShapeWithHarfBuzz(probe))) bad[pair[0]] = bad[pair[1]] = true;
      }
    }
  }
  for (const auto& [cp, is_bad] : bad) {
    if (is_bad) table.glyphs.erase(cp);
  }
  shape_calls = calls_before;
  table.usable = !table.glyphs.empty();
  table.ascii_glyph.fill(-1);
  for (const auto& [cp, entry] : table.glyphs) {
    if (cp < 128) {
      table.ascii_glyph[cp] = static_cast<std::int32_t>(entry.first);
      table.ascii_advance[cp] = entry.second;
    }
  }
  return table;
}

bool Shaper::FastPathApplies(const ShapeRequest& request) {
  ShapedRun ignored;
  return BuildFast(request, &ignored);
}

bool Shaper::BuildFast(const ShapeRequest& request, ShapedRun* out) {
  if (request.rtl || request.text.empty()) return false;
  // Most text is rejected on its first letter, before any table is looked up.
  for (char c : request.text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && !kAsciiInAlphabet[byte]) return false;
  }
  const FastTable& table = TableFor(request);
  if (!table.usable) return false;
  const int upem = fonts_.Info(request.font).units_per_em;
  const auto* s = reinterpret_cast<const unsigned char*>(request.text.data());
  const std::size_t n = request.text.size();
  out->glyphs.clear();
  out->advances.clear();
  out->clusters.clear();
  out->x_offsets.clear();
  out->y_offsets.clear();
  out->width = 0;
  for (std::size_t i = 0; i < n;) {
    std::uint32_t glyph = 0;
    std::int32_t advance = 0;
    std::size_t len = 1;
    if (s[i] < 0x80) {
      if (table.ascii_glyph[s[i]] < 0) return false;
      glyph = static_cast<std::uint32_t>(table.ascii_glyph[s[i]]);
      advance = table.ascii_advance[s[i]];
    } else {
      len = (s[i] & 0xE0) == 0xC0 ? 2 : (s[i] & 0xF0) == 0xE0 ? 3 : 4;
      if (i + len > n) return false;
      DecodeUtf8(request.text.substr(i, len), &fast_char_);
      if (fast_char_.cps.size() != 1) return false;
      auto it = table.glyphs.find(fast_char_.cps[0]);
      if (it == table.glyphs.end()) return false;
      glyph = it->second.first;
      advance = it->second.second;
    }
    out->glyphs.push_back(glyph);
    out->advances.push_back(ScaleToUnits(advance, request.size, upem));
    out->clusters.push_back(static_cast<std::uint32_t>(i));
    out->width += out->advances.back();
    i += len;
  }
  return true;
}

const ShapedRun& Shaper::Shape(const ShapeRequest& request) {
  // Fast-path results live in a pool of slots whose vectors keep their capacity between paragraphs.
  if (scratch_used_ == scratch_.size()) scratch_.emplace_back();
  ShapedRun& slot = scratch_[scratch_used_];
  if (BuildFast(request, &slot)) {
    ++scratch_used_;
    ++fast_path_runs;
    return slot;
  }
  ShapeKey(request, &key_);
  if (statics_ != nullptr) {
    if (const ShapedRun* run = statics_->Find(key_)) {
      ++static_hits;
      return *run;
    }
  }
  auto it = cache_.find(key_);
  if (it != cache_.end()) {
    ++cache_hits;
    return it->second;
  }
  auto old = previous_.find(key_);
  if (old != previous_.end()) {
    // Back into the current generation; node handles keep the run at its address.
    ++cache_hits;
    const std::size_t bytes = text::CachedBytes(old->first, old->second);
    previous_bytes_ -= std::min(previous_bytes_, bytes);
    cache_bytes_ += bytes;
    return cache_.insert(previous_.extract(old)).position->second;
  }
  auto added = cache_.emplace(key_, ShapeWithHarfBuzz(request)).first;
  cache_bytes_ += text::CachedBytes(added->first, added->second);
  return added->second;
}

Shaper::~Shaper() { hb_buffer_destroy(buffer_); }

void Shaper::BeginBatch() {
  scratch_used_ = 0;
  if (scratch_.size() > 64) scratch_.resize(64);  // a long paragraph's slots are not kept
  if (cache_.size() >= kGenerationEntries || cache_bytes_ >= kGenerationBytes) {
    previous_ = std::move(cache_);  // the old previous generation is freed here
    previous_bytes_ = cache_bytes_;
    cache_ = Cache();
    cache_bytes_ = 0;
  }
}

}  // namespace missive::text

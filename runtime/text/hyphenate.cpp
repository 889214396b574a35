// libhyphen wrapper: dictionaries loaded once per process and language, words lowercased for the patterns.
#include "runtime/text/hyphenate.h"

#include <hyphen.h>
#include <unicode/uchar.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "runtime/text/utf8.h"
#include "runtime/util/util.h"

namespace missive::text {
namespace {

struct Dict {
  HyphenDict* dict = nullptr;
  std::mutex mutex;  // libhyphen does not promise reentrancy; hyphenation is rare enough to serialise
  ~Dict() {
    if (dict != nullptr) hnj_hyphen_free(dict);
  }
};

Dict* DictFor(std::string_view language) {
  static std::mutex mutex;
  static auto* dicts = new std::map<std::string, std::unique_ptr<Dict>, std::less<>>();  // never destroyed
  std::lock_guard lock(mutex);
  auto it = dicts->find(language);
  if (it != dicts->end()) return it->second.get();
  // "de-CH" tries hyph_de_CH.dic, then hyph_de.dic.
  std::string tag(language);
  for (char& c : tag) {
    if (c == '-') c = '_';
  }
  auto dict = std::make_unique<Dict>();
  std::vector<std::string> candidates = {tag};
  if (auto cut = tag.find('_'); cut != std::string::npos) candidates.push_back(tag.substr(0, cut));
  for (const std::string& name : candidates) {
    if (name.find('/') != std::string::npos || name.find('.') != std::string::npos) continue;
    std::string path = std::string(kHyphenDictionaryDir) + "/hyph_" + name + ".dic";
    dict->dict = hnj_hyphen_load(path.c_str());
    if (dict->dict != nullptr) break;
  }
  return dicts->emplace(std::string(language), std::move(dict)).first->second.get();
}

}  // namespace

std::vector<std::size_t> HyphenationPoints(std::u32string_view word, std::string_view language) {
  std::vector<std::size_t> points;
  if (language.empty() || word.size() < 5) return points;
  // Patterns are lowercase letters; check before loading anything.
  for (char32_t cp : word) {
    if (!u_isalpha(static_cast<UChar32>(cp))) return points;
  }
  Dict* dict = DictFor(language);
  if (dict->dict == nullptr) return points;
  // In the dictionary's encoding (UTF-8 or ISO 8859-1).
  std::string bytes;
  for (char32_t cp : word) {
    auto lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
    if (dict->dict->utf8) {
      util::AppendUtf8(bytes, lower);
    } else if (lower <= 0xFF) {
      bytes.push_back(static_cast<char>(lower));
    } else {
      return points;
    }
  }
  std::vector<char> hyphens(bytes.size() + 5, 0);
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  std::lock_guard lock(dict->mutex);
  if (hnj_hyphen_hyphenate3(dict->dict, bytes.data(), static_cast<int>(bytes.size()), hyphens.data(), nullptr, &rep,
                            &pos, &cut, 2, 3, 2, 3) == 0) {
    // Both encodings index `hyphens` by character here; a point after character i breaks before i + 1.
    for (std::size_t i = 0; i + 1 < word.size(); ++i) {
      const bool standard = rep == nullptr || rep[i] == nullptr;  // skip non-standard (Schiff-fahrt) points
      if ((hyphens[i] & 1) && standard) points.push_back(i + 1);
    }
  }
  if (rep != nullptr) {
    for (std::size_t i = 0; i < bytes.size(); ++i) std::free(rep[i]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);
  return points;
}

}  // namespace missive::text

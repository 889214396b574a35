// Font families through fontconfig: a family that does not match exactly is an error, never a substitute.
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "compiler/sema/checker.h"

namespace missive::sema {

namespace {

std::string Folded(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c != ' ') out += static_cast<char>(std::tolower(c));
  }
  return out;
}

bool Match(const std::string& family, std::string& matched) {
  matched.clear();
  FcConfig* config = FcInitLoadConfigAndFonts();
  if (config == nullptr) return false;
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(family.c_str()));
  bool ok = false;
  if (pattern != nullptr) {
    FcConfigSubstitute(config, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(config, pattern, &result);
    if (match != nullptr) {
      FcChar8* got = nullptr;
      // A font may carry several family names (localised ones): any of them matching is a match.
      for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &got) == FcResultMatch; ++i) {
        const std::string name(reinterpret_cast<const char*>(got));
        if (i == 0) matched = name;
        if (Folded(name) == Folded(family)) ok = true;
      }
      FcPatternDestroy(match);
    }
    FcPatternDestroy(pattern);
  }
  FcConfigDestroy(config);
  return ok;
}

}  // namespace

bool FontFamilyInstalled(const std::string& family, std::string& matched) {
  // Loading fontconfig's configuration is slow and the installed fonts do not change during a run.
  static std::mutex mutex;
  static std::map<std::string, std::pair<bool, std::string>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = cache.find(family);
  if (found == cache.end()) {
    std::string got;
    const bool ok = Match(family, got);
    found = cache.emplace(family, std::make_pair(ok, got)).first;
  }
  matched = found->second.second;
  return found->second.first;
}

}  // namespace missive::sema

// LayoutCache: admission from the second sighting, lookups by full key, the generation sweep's bound.
#include "runtime/text/layout_cache.h"

#include <catch2/catch.hpp>
#include <string>

using missive::text::LayoutCache;

namespace {

const int* Find(LayoutCache<int>& cache, const std::string& key) {
  cache.StartKey() = key;
  return cache.Find();
}

void See(LayoutCache<int>& cache, const std::string& key, int value) {
  if (Find(cache, key) == nullptr) cache.Admit(value);
}

}  // namespace

TEST_CASE("a key is kept from its second miss on and found by its whole bytes") {
  LayoutCache<int> cache;
  See(cache, "amount 12.50", 1);
  CHECK(Find(cache, "amount 12.50") == nullptr);  // the first miss only remembered its hash
  cache.Admit(2);                                 // the second is kept
  const int* hit = Find(cache, "amount 12.50");
  REQUIRE(hit != nullptr);
  CHECK(*hit == 2);
  CHECK(Find(cache, "amount 12.5") == nullptr);
  CHECK(Find(cache, std::string("amount 12.50\0", 13)) == nullptr);
  CHECK(cache.size() == 1);
}

TEST_CASE("many keys: every one kept is found with its value - the sweep bounds the size") {
  LayoutCache<int> cache;
  const int kKeys = 3 * static_cast<int>(LayoutCache<int>::kMax);
  for (int round = 0; round < 2; ++round) {
    for (int k = 0; k < kKeys; ++k) See(cache, "cell " + std::to_string(k), k);
  }
  CHECK(cache.size() <= LayoutCache<int>::kMax + LayoutCache<int>::kPerGeneration);
  CHECK(cache.size() > 0);
  int found = 0;
  for (int k = 0; k < kKeys; ++k) {
    if (const int* v = Find(cache, "cell " + std::to_string(k))) {
      CHECK(*v == k);
      ++found;
    }
  }
  CHECK(found == static_cast<int>(cache.size()));
}

TEST_CASE("an entry in use survives the sweeps that drop the unused ones") {
  LayoutCache<int> cache;
  See(cache, "Closing balance", 7);
  See(cache, "Closing balance", 7);
  for (int k = 0; k < 5 * static_cast<int>(LayoutCache<int>::kPerGeneration); ++k) {
    See(cache, "once " + std::to_string(k), k);
    See(cache, "once " + std::to_string(k), k);  // kept, never used again
    if (k % 1000 == 0) REQUIRE(Find(cache, "Closing balance") != nullptr);
  }
  const int* label = Find(cache, "Closing balance");
  REQUIRE(label != nullptr);
  CHECK(*label == 7);
  CHECK(Find(cache, "once 0") == nullptr);  // swept
}

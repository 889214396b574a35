// Merging shard manifests: every input line accounted for exactly once, totals re-counted.
#include "runtime/batch/merge.h"

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "runtime/batch/journal.h"

namespace missive::batch {

int MergeManifests(const std::vector<std::string>& inputs, const std::string& out) {
  using Json = nlohmann::ordered_json;
  std::map<std::uint64_t, std::string> lines;  // input line → manifest line
  Totals merged, claimed;
  for (const auto& path : inputs) {
    std::ifstream in(path);
    if (!in) {
      std::cerr << "missive manifest merge: cannot read " << path << "\n";
      return 2;
    }
    std::string line;
    Totals shard;
    bool has_totals = false;
    while (std::getline(in, line)) {
      const Json j = Json::parse(line, nullptr, false);
      if (j.is_discarded()) {
        std::cerr << "missive manifest merge: " << path << " has a line that is not JSON\n";
        return 2;
      }
      if (j.contains("totals")) {
        has_totals = true;
        const auto& t = j["totals"];
        claimed.read += t.value("read", std::uint64_t{0});
        claimed.delivered += t.value("delivered", std::uint64_t{0});
        claimed.deferred += t.value("deferred", std::uint64_t{0});
        claimed.rejected += t.value("rejected", std::uint64_t{0});
        continue;
      }
      Entry e;
      e.line = j.value("line", std::uint64_t{0});
      const std::string status = j.value("status", std::string());
      e.status = status == "delivered" ? Status::Delivered : status == "deferred" ? Status::Deferred : Status::Rejected;
      if (j.contains("channel") && j["channel"].is_string()) e.channel = j["channel"].get<std::string>();
      e.pages = j.value("pages", std::uint32_t{0});
      if (!lines.emplace(e.line, line).second) {
        std::cerr << "missive manifest merge: input line " << e.line << " appears in more than one shard\n";
        return 3;
      }
      shard.Count(e);
      merged.Count(e);
    }
    if (!has_totals) {
      std::cerr << "missive manifest merge: " << path << " has no totals line (the shard did not finish)\n";
      return 3;
    }
  }
  if (claimed.read != merged.read || claimed.delivered != merged.delivered || claimed.deferred != merged.deferred ||
      claimed.rejected != merged.rejected || !merged.Reconciles()) {
    std::cerr << "missive manifest merge: the shards' totals do not match their records\n";
    return 3;
  }
  std::ofstream o(out, std::ios::binary | std::ios::trunc);
  for (const auto& [n, line] : lines) o << line << "\n";
  o << TotalsLine(merged);
  if (!o) {
    std::cerr << "missive manifest merge: cannot write " << out << "\n";
    return 2;
  }
  std::cerr << "merged " << inputs.size() << " manifests: " << merged.read << " records = " << merged.delivered
            << " delivered + " << merged.deferred << " deferred + " << merged.rejected << " rejected\n";
  return 0;
}

}  // namespace missive::batch

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
  RunIdentity run;
  std::map<std::uint32_t, std::string> shards;  // K → the manifest that holds it
  std::uint32_t shard_count = 0;
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
        // every manifest must be a shard of the same run: same input, same program, K/N with one N
        const auto identity = j.value("run", Json::object());
        const std::string input = identity.value("input_sha256", std::string());
        const std::string program = identity.value("program", std::string());
        const std::string which = identity.value("shard", std::string());
        if (run.program.empty()) {
          run.input_sha256 = input;
          run.program = program;
        } else if (input != run.input_sha256 || program != run.program) {
          std::cerr << "missive manifest merge: " << path << " is from another input or program than "
                    << shards.begin()->second << "\n";
          return 3;
        }
        const auto slash = which.find('/');
        if (slash == std::string::npos) {
          std::cerr << "missive manifest merge: " << path << " is not a shard's manifest (run with --shard K/N)\n";
          return 3;
        }
        const auto k = static_cast<std::uint32_t>(std::stoul(which.substr(0, slash)));
        const auto n = static_cast<std::uint32_t>(std::stoul(which.substr(slash + 1)));
        if (shard_count != 0 && n != shard_count) {
          std::cerr << "missive manifest merge: " << path << " is shard " << which << ", the others are of "
                    << shard_count << "\n";
          return 3;
        }
        shard_count = n;
        if (!shards.emplace(k, path).second) {
          std::cerr << "missive manifest merge: shard " << which << " is given twice (" << shards[k] << ", " << path
                    << ")\n";
          return 3;
        }
        const auto& t = j["totals"];
        claimed.read += t.value("read", std::uint64_t{0});
        claimed.delivered += t.value("delivered", std::uint64_t{0});
        claimed.rejected += t.value("rejected", std::uint64_t{0});
        continue;
      }
      Entry e;
      e.line = j.value("line", std::uint64_t{0});
      const std::string status = j.value("status", std::string());
      e.status = StatusNamed(status);
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
  if (shards.size() != shard_count) {
    std::string missing;
    for (std::uint32_t k = 0; k < shard_count; ++k) {
      if (shards.count(k) == 0)
        missing += (missing.empty() ? "" : ", ") + std::to_string(k) + "/" + std::to_string(shard_count);
    }
    std::cerr << "missive manifest merge: shard(s) " << missing << " missing\n";
    return 3;
  }
  if (claimed.read != merged.read || claimed.delivered != merged.delivered || claimed.rejected != merged.rejected ||
      !merged.Reconciles()) {
    std::cerr << "missive manifest merge: the shards' totals do not match their records\n";
    return 3;
  }
  std::ofstream o(out, std::ios::binary | std::ios::trunc);
  for (const auto& [n, line] : lines) o << line << "\n";
  o << TotalsLine(merged, RunIdentity{run.input_sha256, run.program, ""});
  if (!o) {
    std::cerr << "missive manifest merge: cannot write " << out << "\n";
    return 2;
  }
  std::cerr << "merged " << inputs.size() << " manifests: " << merged.read << " records = " << merged.delivered
            << " delivered + " << merged.rejected << " rejected\n";
  return 0;
}

}  // namespace missive::batch

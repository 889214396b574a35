// `missive manifest merge`: combines the manifests of the shards of one run and checks the totals.
#pragma once

#include <string>
#include <vector>

namespace missive::batch {

/// Merges shard manifests into `out` (records ordered by input line, then one totals line).
/// Fails (exit 3) when a shard's totals do not reconcile, a shard is incomplete, or an input line
/// appears in two shards; 2 on I/O errors; 0 otherwise. Messages go to stderr.
int MergeManifests(const std::vector<std::string>& inputs, const std::string& out);

}  // namespace missive::batch

// A reference decoder over nlohmann/json's DOM with the same schema checks, for the throughput comparison.
#pragma once

#include <string_view>

#include "runtime/data/decode.h"

namespace missive::bench {

/// Decodes one JSON line into a value::Record; the number of violations, -1 when the line is malformed.
int DecodeWithNlohmann(const data::RecordDesc& desc, std::string_view line, data::DecodeResult& out);

}  // namespace missive::bench

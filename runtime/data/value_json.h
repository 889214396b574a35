// Values as JSON text: Decimals as exact JSON numbers (never through double), dates as ISO strings.
#pragma once

#include <string>

#include "runtime/value/value.h"

namespace missive::data {

/// JSON text of a value; records with field names become objects, lists arrays, none null.
std::string ValueToJson(const value::Value& value);

}  // namespace missive::data

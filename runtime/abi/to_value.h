// Native values back to runtime values: what `missive eval` prints and `missive test` checks when the
// rules ran as native code.
#pragma once

#include "runtime/abi/layout.h"
#include "runtime/value/value.h"

namespace missive::abi {

/// The value of `type` stored at `at` (a field, a list element or a let), recursively.
value::Value ToValue(const Layouts& layouts, const data::TypeDesc& type, const void* at);

/// A native record as a value::Record (absent optionals are None).
std::shared_ptr<const value::Record> RecordToValue(const Layouts& layouts, const data::RecordDesc& desc,
                                                   const void* record);

}  // namespace missive::abi

// Native records and runtime values: a decoded value::Record (a CSV row) written into its native layout,
// and native values read back as runtime values.
#pragma once

#include "runtime/abi/layout.h"
#include "runtime/value/value.h"

namespace missive::abi {

/// The value of `type` stored at `at` (a field, a list element or a let), recursively.
value::Value ToValue(const Layouts& layouts, const data::TypeDesc& type, const void* at);

/// A native record as a value::Record (absent optionals are None).
std::shared_ptr<const value::Record> RecordToValue(const Layouts& layouts, const data::RecordDesc& desc,
                                                   const void* record);

/// `record` (of `desc`) in its native layout, in zeroed memory from `alloc`; null when it is exhausted.
const void* FromValue(const Layouts& layouts, const data::RecordDesc& desc, const value::Record& record,
                      void* (*alloc)(void* state, std::uint64_t size, std::uint64_t align), void* state);

}  // namespace missive::abi

// Schema-checked decoding of one JSON Lines record straight into its native layout (runtime/abi),
// in a per-record arena; the same checks and violation messages as JsonDecoder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "runtime/abi/layout.h"
#include "runtime/data/decode.h"

namespace missive::data {

/// A bump allocator reset per record: memory is reused, nothing is freed per field.
class Arena {
 public:
  explicit Arena(std::size_t first_block = 64 * 1024);
  /// Zeroed, `align`-aligned bytes valid until Reset.
  void* Allocate(std::size_t size, std::size_t align);
  /// Keeps the largest block so steady-state decoding allocates nothing.
  void Reset();
  [[nodiscard]] std::size_t blocks() const { return blocks_.size(); }

 private:
  struct Block {
    std::unique_ptr<std::byte[]> data;
    std::size_t size = 0;
  };
  std::vector<Block> blocks_;
  std::size_t used_ = 0;  // in blocks_.back()
};

/// MsvRuntimeCtx::alloc over an Arena (`state`): list results of rules live in a per-record arena.
void* ArenaAllocate(void* state, std::uint64_t size, std::uint64_t align);

struct NativeDecodeResult {
  const void* record = nullptr;  ///< the root record's native bytes (valid until the next Decode); null on violations
  std::vector<Violation> violations;
};

/// Reusable per thread; the record returned by Decode lives in the decoder's arena until the next call.
class NativeJsonDecoder {
 public:
  NativeJsonDecoder(const abi::Layouts& layouts, const RecordDesc& root);
  ~NativeJsonDecoder();
  NativeJsonDecoder(const NativeJsonDecoder&) = delete;
  NativeJsonDecoder& operator=(const NativeJsonDecoder&) = delete;
  NativeDecodeResult Decode(std::string_view json);
  [[nodiscard]] const Arena& arena() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace missive::data

// The file's object layer: numbered objects appended to a byte buffer with their offsets recorded,
// streams, and the closing cross-reference stream whose /ID hashes every byte written before it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct evp_md_ctx_st;

namespace missive::pdf {

class Deflater;

class ObjectWriter {
 public:
  ObjectWriter();  ///< writes the header
  ~ObjectWriter();
  ObjectWriter(const ObjectWriter&) = delete;
  ObjectWriter& operator=(const ObjectWriter&) = delete;

  /// A new object number, to be written later (or never: it is then listed as free).
  std::uint32_t Reserve();
  /// Starts writing object `number`: records its offset and returns the buffer for its body.
  std::string& Begin(std::uint32_t number);
  void End();
  /// A whole stream object: `dict` holds the dictionary's entries except /Length and /Filter.
  void Stream(std::uint32_t number, std::string_view dict, std::string_view data, bool deflated);
  /// A stream compressed here when `deflater` is enabled and the data is worth it.
  void CompressedStream(std::uint32_t number, std::string_view dict, std::string_view data, Deflater& deflater);
  /// Small objects (no streams) packed into one compressed object stream (ISO 32000-1 §7.5.7), each
  /// given as its number and body; at most kMaxPerObjectStream of them.
  void ObjectStream(const std::vector<std::pair<std::uint32_t, std::string>>& objects, Deflater& deflater);
  static constexpr std::size_t kMaxPerObjectStream = 1000;

  /// Writes the cross-reference stream and trailer pointing at `root` and `info`.
  void Finish(std::uint32_t root, std::uint32_t info, Deflater& deflater);

  std::string Take();
  [[nodiscard]] std::uint64_t bytes_written() const { return taken_ + out_.size(); }

 private:
  void Hash();

  std::string out_;
  std::uint64_t taken_ = 0;
  std::vector<std::uint64_t> offsets_{0};  ///< by object number; 0 = not written; in an object stream: its index
  std::vector<std::uint32_t> containers_;  ///< by object number: the object stream holding it (0 = none)
  evp_md_ctx_st* hash_ = nullptr;
  std::size_t hashed_ = 0;  ///< bytes of `out_` already fed to the hash
  bool finished_ = false;
};

}  // namespace missive::pdf

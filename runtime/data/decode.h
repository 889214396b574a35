// Schema-checked decoding of one input record (a JSON Lines line or a CSV row) into a value::Record.
// A bad record yields every violation with a JSON-pointer path; it never affects other records.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/data/schema.h"
#include "runtime/value/value.h"

namespace missive::data {

struct Violation {
  std::string path;     ///< JSON pointer, e.g. "/account/transactions/3/amount" ("" = the record)
  std::string message;  ///< e.g. "expected a decimal, found \"12,5O\""
  /// "/account/transactions/3/amount: expected a decimal, found \"12,5O\""
  [[nodiscard]] std::string ToString() const;
};

struct DecodeResult {
  std::shared_ptr<const value::Record> record;  ///< null when violations is non-empty
  std::vector<Violation> violations;
};

/// Reusable per thread (keeps the parser's buffers).
class JsonDecoder {
 public:
  explicit JsonDecoder(const RecordDesc& root);
  ~JsonDecoder();
  JsonDecoder(const JsonDecoder&) = delete;
  JsonDecoder& operator=(const JsonDecoder&) = delete;
  /// One JSON object (one line of a .jsonl file, without its newline).
  DecodeResult Decode(std::string_view json);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// CSV with a header row; dotted column names (`address.city`) fill nested records; a list of records
/// is filled from indexed columns `account.transactions.0.amount` (documented in docs/data.md).
class CsvDecoder {
 public:
  CsvDecoder(const RecordDesc& root, std::string_view header_line);
  ~CsvDecoder();
  CsvDecoder(const CsvDecoder&) = delete;
  CsvDecoder& operator=(const CsvDecoder&) = delete;
  /// Problems with the header itself (unknown columns), empty when fine.
  [[nodiscard]] const std::vector<Violation>& HeaderErrors() const;
  DecodeResult Decode(std::string_view line);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace missive::data

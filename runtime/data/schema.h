// The runtime description of a program's record types: what the decoders check input against.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/value/value.h"

namespace missive::data {

enum class Type : std::uint8_t {
  String,
  Bool,
  Int,
  Decimal,
  Date,
  DateTime,
  Email,
  Phone,
  Locale,
  Currency,
  Country,
  Record,
  List,
};

struct RecordDesc;

struct TypeDesc {
  Type type = Type::String;
  bool optional = false;
  const RecordDesc* record = nullptr;       ///< Type::Record
  std::shared_ptr<const TypeDesc> element;  ///< Type::List
};

struct FieldDesc {
  std::string name;
  TypeDesc type;
  std::optional<value::Value> default_value;  ///< used when the field is absent (or null)
  bool is_key = false;                        ///< `@key`: the record's identity (manifest, sharding)
};

struct RecordDesc {
  std::string name;
  std::vector<FieldDesc> fields;
  std::unordered_map<std::string, std::uint32_t> index;  ///< field name → position
  int key_field = -1;

  /// Appends a field and indexes it.
  void AddField(FieldDesc field);
  [[nodiscard]] int Find(const std::string& name) const;
};

struct Schema {
  std::vector<std::unique_ptr<RecordDesc>> records;
  const RecordDesc* input = nullptr;
};

/// A schema default as written (a String's text, `3`, `12.50`, `2024-01-31`, `true`) as a value of
/// `type`; nullopt when it is not one (sema reports that before anything runs).
std::optional<value::Value> ParseDefault(std::string_view text, const TypeDesc& type);

/// "String", "[Transaction]", "Email?" — for messages.
std::string TypeName(const TypeDesc& type);

}  // namespace missive::data

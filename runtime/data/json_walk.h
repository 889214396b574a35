// What the two JSON Lines decoders share (into value::Record, decode_json.cpp; into native records,
// native_decode.cpp): the simdjson On-Demand walk of one line, the JSON pointer of the value at hand,
// and the violations with the same messages. Internal to runtime/data.
#pragma once

#include <simdjson.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/data/decode.h"
#include "runtime/data/scalar.h"

namespace missive::data {

namespace od = simdjson::ondemand;

inline std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

inline bool IsIntegerToken(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

class JsonWalk {
 protected:
  /// Walks one line whose root must be an object, handing it to `decode_root(od::object&)` (false =
  /// the line is malformed). Returns every violation, or the one that says the line is broken.
  template <class DecodeRoot>
  std::vector<Violation> WalkLine(std::string_view json, DecodeRoot&& decode_root) {
    violations.clear();
    path.clear();
    failure = simdjson::SUCCESS;
    buffer_.resize(json.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(buffer_.data(), json.data(), json.size());
    if (!WalkDocument(simdjson::padded_string_view(buffer_.data(), json.size(), buffer_.size()), decode_root)) {
      if (failure == simdjson::UTF8_ERROR) return {Violation{"", "invalid UTF-8"}};
      return {Violation{"", "malformed JSON (" + std::string(simdjson::error_message(failure)) + ")"}};
    }
    std::vector<Violation> result = std::move(violations);
    violations = {};
    return result;
  }

  bool Fail(simdjson::error_code error) {
    failure = error;
    return false;
  }

  void Violate(std::string message) {
    std::string pointer;
    for (const Step& step : path) {
      if (step.key.data() != nullptr) {
        AppendPointerStep(pointer, step.key);
      } else {
        AppendPointerStep(pointer, std::to_string(step.index));
      }
    }
    violations.push_back(Violation{std::move(pointer), std::move(message)});
  }

  /// "found …" for a value of the wrong type; consumes it.
  bool Found(od::value& val, od::json_type type, std::string& out) {
    switch (type) {
      case od::json_type::string: {
        std::string_view s;
        if (auto error = val.get_string().get(s)) return Fail(error);
        out = Quote(s);
        return true;
      }
      case od::json_type::object: out = "an object"; return true;
      case od::json_type::array: out = "an array"; return true;
      case od::json_type::null: out = "null"; return true;
      default: out = std::string(TrimRight(val.raw_json_token())); return true;
    }
  }

  bool Mismatch(od::value& val, od::json_type jt, const TypeDesc& type) {
    std::string found;
    if (!Found(val, jt, found)) return false;
    Violate("expected " + std::string(Expected(type.type)) + ", found " + found);
    return true;
  }

  // A step of the JSON pointer: a key (pointing into the parser's buffer, valid for the line) or an index.
  struct Step {
    std::string_view key;
    std::size_t index = 0;
  };
  std::vector<Step> path;
  std::vector<Violation> violations;
  simdjson::error_code failure = simdjson::SUCCESS;  // a syntax error stops the line

 private:
  template <class DecodeRoot>
  bool WalkDocument(simdjson::padded_string_view input, DecodeRoot& decode_root) {
    od::document doc;
    if (auto error = parser_.iterate(input).get(doc)) return Fail(error);
    od::json_type jt;
    if (auto error = doc.type().get(jt)) return Fail(error);
    if (jt != od::json_type::object) {
      violations.push_back(Violation{
          "", std::string("expected an object, found ") + (jt == od::json_type::array ? "an array" : "a scalar")});
      return true;
    }
    od::object obj;
    if (auto error = doc.get_object().get(obj)) return Fail(error);
    if (!decode_root(obj)) return false;
    // Any token after the root object is trailing content; OUT_OF_BOUNDS means the line ended there.
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) return Fail(simdjson::TRAILING_CONTENT);
    return true;
  }

  od::parser parser_;
  std::string buffer_;  // the line plus simdjson's padding, reused
};

}  // namespace missive::data

// Shared helpers of the sema tests: check a program given as text, list its diagnostics compactly.
#pragma once

#include <cstdlib>
#include <string>
#include <vector>

#include "compiler/sema/check.h"

namespace missive::sema::testing {

/// A small valid communication the tests extend: a Customer with optional fields, one sms layout.
inline const std::string kPrelude = R"(communication Letter version "1"
schema {
  record Customer { id: String @key; name: String; email: Email?; address: Address?; account: Account }
  record Address { line1: String; line2: String?; city: String }
  record Account { number: String; currency: Currency; opening_balance: Decimal; transactions: [Transaction] }
  record Transaction { date: Date; description: String; amount: Decimal }
}
input Customer
)";

struct Result {
  diag::Sink sink;
  std::unique_ptr<Program> program;

  /// "M0201 unknown name `x`" for each diagnostic, in source order.
  [[nodiscard]] std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : sink.all()) out.push_back(std::string(diag::code_of(d.kind)) + " " + d.message);
    return out;
  }
};

inline std::unique_ptr<Result> CheckText(const std::string& text, const std::string& path = "test.msv") {
  auto r = std::make_unique<Result>();
  r->program = LoadText(path, text, Options{}, r->sink);
  if (r->program) Check(*r->program, r->sink);
  r->sink.sort();
  return r;
}

inline std::string SourceDir() {
  const char* root = std::getenv("MISSIVE_SOURCE_DIR");
  return root != nullptr ? root : ".";
}

}  // namespace missive::sema::testing

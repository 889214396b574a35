// The block tree of examples/statement/statement.msv built by hand from a decoded record, so that layout can
// be timed without the front end, the evaluator or the formatter.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "runtime/compose/block.h"
#include "runtime/text/static_shapes.h"

namespace missive::bench {

struct Transaction {
  std::string date;  ///< ISO, as in the input
  std::string description;
  long long cents = 0;
};

struct Statement {
  std::string id, name, language, number, currency;
  std::vector<std::string> address;  ///< the lines parts/address.msv prints
  long long opening_cents = 0;
  std::vector<Transaction> transactions;
};

/// The styles of statement.msv, resolved once (pointers stay valid: a deque).
struct Styles {
  std::deque<compose::Style> all;
  const compose::Style *body, *head, *head_strong, *foot, *strong, *th, *zebra, *summary, *warn, *promo;
  explicit Styles(text::FontLibrary& fonts);
};

/// Decodes one line of bench/gen_statements.py output; false if it is not a statement record.
bool ParseStatement(const std::string& line, Statement* out);

/// The print layout of statement.msv for one record.
compose::Document BuildDocument(const Statement& s, const Styles& styles);

/// The template's string literals in each of its text styles and the records' locales: what the program
/// build would pass to StaticShapes::Build.
std::vector<text::StaticText> StatementStaticText(const Styles& styles);

}  // namespace missive::bench

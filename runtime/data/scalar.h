// Checks shared by the JSON and CSV decoders: a scalar's text against its schema type, and message texts.
#pragma once

#include <string>
#include <string_view>

#include "runtime/data/schema.h"

namespace missive::data {

/// `"12,5O"` — a string as it appears in messages (JSON string syntax).
std::string Quote(std::string_view s);

/// "a decimal", "an email address", … for "expected …, found …".
std::string_view Expected(Type type);

/// Decodes text that is already known to be a string of the input (a JSON string or a CSV cell) into a value of
/// `type` (a scalar type). On failure returns false and sets `message`, e.g. `bad date "2026-13-01"`.
/// `from_csv` also allows Bool and Int, which JSON must give as literals.
bool DecodeText(Type type, std::string_view text, bool from_csv, value::Value& out, std::string& message);

/// Whether a JSON number token has an exact Decimal value; handles exponents ("1.5e2") exactly.
bool DecimalFromJsonNumber(std::string_view token, value::Decimal& out);

/// One step of a JSON pointer: `~` → `~0`, `/` → `~1` (RFC 6901).
void AppendPointerStep(std::string& path, std::string_view step);

}  // namespace missive::data

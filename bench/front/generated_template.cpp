// A generated template for the benchmarks (generated_template.h).
#include "bench/front/generated_template.h"

#include <algorithm>

namespace missive::bench {

/// A realistic, valid template: records, rules, functions, styles, components and a print layout
/// in the proportions of the statement example, repeated until it has `lines` lines.
std::string GenerateTemplate(int lines) {
  std::string s =
      "communication Big version \"1.0\"\n\nschema {\n  record Customer {\n    id: String @key\n"
      "    name: String\n    language: Locale = \"en\"\n    account: Account\n  }\n"
      "  record Account { currency: Currency; opening_balance: Decimal; transactions: [Transaction] }\n"
      "  record Transaction { date: Date; description: String; amount: Decimal }\n";
  int n = 0;
  auto count = [&] { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); };
  const int schema_lines = lines / 10;
  for (int i = 0; count() < schema_lines; ++i) {
    s += "  record Extra" + std::to_string(i) + " {\n";
    for (int f = 0; f < 8; ++f) s += "    field" + std::to_string(f) + ": " + (f % 2 ? "Decimal" : "String?") + "\n";
    s += "  }\n";
  }
  s += "}\ninput Customer\nlocale language\n\nrules {\n  let txns = account.transactions\n";
  const int rule_lines = lines * 4 / 10;
  for (; count() < rule_lines; ++n) {
    const std::string i = std::to_string(n);
    s += "  let in" + i + " = sum(txns where .amount > " + i + ", .amount)\n";
    s += "  let out" + i + " = sum(txns where .amount < -" + i + ", .amount) + in" + i + "\n";
    s += "  require count(txns) > " + std::to_string(n % 3) + " else reject \"too few transactions (" + i + ")\"\n";
  }
  s += "}\n\n";
  const int style_lines = lines / 2;
  for (int i = 0; count() < style_lines; ++i) {
    s += "style s" + std::to_string(i) + " { size: " + std::to_string(8 + i % 5) + "pt; padding: 2mm }\n";
    s += "fn f" + std::to_string(i) + "(x: Decimal): Decimal = if x < 0 then -x else x * 2\n";
  }
  const int component_lines = lines * 3 / 4;
  int components = 0;
  for (; count() < component_lines; ++components) {
    const std::string i = std::to_string(components);
    s += "component c" + i +
         "(amount: Decimal, label: String, currency: Currency) {\n  row style s0 {\n    text label\n    fill\n"
         "    text money(f" +
         std::to_string(components % 10) + "(amount), currency)\n  }\n}\n";
  }
  s += "layout print {\n  page A4 margin 20mm {\n    footer { text center \"Page {page} of {pages}\" }\n  }\n";
  for (int i = 0; count() < lines - 3; ++i) {
    const std::string k = std::to_string(i % components), r = std::to_string(i % n);
    s += "  c" + k + "(out" + r + ", \"Line " + std::to_string(i) + "\", account.currency)\n";
    s += "  if in" + r + " > 100 { text \"Large credits: {money(in" + r + ", account.currency)}\" }\n";
  }
  s += "}\n";
  return s;
}

}  // namespace missive::bench

// statement.msv's print layout as a block tree: styles, address, summary box, transaction table, notices.
#include "bench/layout/statement_doc.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace missive::bench {
namespace {

using compose::Block;
using compose::BlockKind;
using compose::BlockPtr;
using compose::Style;
using frame::kPt;
using frame::MmToUnit;
using frame::Unit;

text::FontId Font(text::FontLibrary& fonts, std::uint16_t weight) {
  std::string error;
  auto id = fonts.Resolve(text::FontRequest{"DejaVu Sans", weight, false, ""}, &error);
  return id ? *id : 0;
}

long long Cents(const std::string& decimal) {
  // "-123.45" → -12345: the generator always writes two decimals.
  const bool negative = !decimal.empty() && decimal[0] == '-';
  long long value = 0;
  for (char c : decimal) {
    if (c >= '0' && c <= '9') value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

// Grouped amount with the locale's separators and the currency placed as CLDR does for en, de, fr and ar.
std::string Money(long long cents, const std::string& currency, const std::string& language) {
  const bool negative = cents < 0;
  const unsigned long long v = static_cast<unsigned long long>(negative ? -cents : cents);
  std::string units = std::to_string(v / 100);
  const char* group = language == "de" ? "." : language == "fr" ? "\u202F" : ",";
  const char* decimal = language == "de" || language == "fr" ? "," : ".";
  std::string grouped;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) grouped += group;
    grouped += units[i];
  }
  const unsigned frac = static_cast<unsigned>(v % 100);
  grouped += decimal;
  grouped += static_cast<char>('0' + frac / 10);
  grouped += static_cast<char>('0' + frac % 10);
  const std::string symbol = currency == "GBP" ? "£" : currency == "EUR" ? "€" : currency == "USD" ? "$" : currency;
  if (language == "de" || language == "fr") return (negative ? "-" : "") + grouped + "\u00A0" + symbol;
  if (language == "ar") return (negative ? "\u200E-" : "\u200E") + grouped + "\u00A0" + currency;
  return (negative ? "-" : "") + symbol + grouped;
}

std::string Date(const std::string& iso, const std::string& language) {
  if (iso.size() != 10) return iso;
  const std::string y = iso.substr(0, 4), m = iso.substr(5, 2), d = iso.substr(8, 2);
  if (language == "de") return d + "." + m + "." + y;
  if (language == "fr" || language == "en") return d + "/" + m + "/" + y;
  return iso;
}

std::string Month(const std::string& iso, const std::string& language) {
  static const char* en[] = {"January", "February", "March",     "April",   "May",      "June",
                             "July",    "August",   "September", "October", "November", "December"};
  static const char* de[] = {"Januar", "Februar", "März",      "April",   "Mai",      "Juni",
                             "Juli",   "August",  "September", "Oktober", "November", "Dezember"};
  static const char* fr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                             "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  static const char* ar[] = {"يناير", "فبراير", "مارس",   "أبريل",  "مايو",   "يونيو",
                             "يوليو", "أغسطس",  "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"};
  const int m = iso.size() >= 7 ? std::atoi(iso.substr(5, 2).c_str()) : 1;
  const int i = m >= 1 && m <= 12 ? m - 1 : 0;
  const char* name = language == "de" ? de[i] : language == "fr" ? fr[i] : language == "ar" ? ar[i] : en[i];
  return std::string(name) + " " + iso.substr(0, 4);
}

BlockPtr NewBlock(BlockKind kind, const Style* style) {
  auto b = std::make_unique<Block>();
  b->kind = kind;
  b->style = style;
  return b;
}

BlockPtr Text(std::string text, const Style* style, std::optional<text::Align> align = std::nullopt) {
  auto b = NewBlock(BlockKind::Paragraph, style);
  b->spans.push_back({compose::SpanKind::Text, std::move(text), style});
  b->align = align;
  return b;
}

BlockPtr Sized(BlockPtr b, compose::Size::Kind kind) {
  b->width = compose::Size{kind, 0, 1000};
  return b;
}

BlockPtr Space(Unit height, const Style* style) {
  auto b = NewBlock(BlockKind::Space, style);
  b->height = height;
  return b;
}

// `row { text label; fill; text value }`
BlockPtr LabelRow(std::string label, std::string value, const Style* style) {
  auto row = NewBlock(BlockKind::Row, style);
  row->children.push_back(Sized(Text(std::move(label), style), compose::Size::Kind::Auto));
  row->children.push_back(Sized(NewBlock(BlockKind::Stack, style), compose::Size::Kind::Fraction));
  row->children.push_back(Sized(Text(std::move(value), style), compose::Size::Kind::Auto));
  return row;
}

BlockPtr Notice(std::string text, const Style* box, const Style* body) {
  auto b = NewBlock(BlockKind::Stack, box);
  b->children.push_back(Text(std::move(text), body));
  return b;
}

}  // namespace

Styles::Styles(text::FontLibrary& fonts) {
  const text::FontId regular = Font(fonts, 400), bold = Font(fonts, 700);
  auto add = [&](Style s) { return &all.emplace_back(std::move(s)); };
  Style b;
  b.font = regular;
  body = add(b);
  Style h = b;
  h.size = 9 * kPt;
  head = add(h);
  h.font = bold;
  head_strong = add(h);
  Style f = b;
  f.size = 8 * kPt;
  foot = add(f);
  Style s = b;
  s.font = bold;
  strong = add(s);
  s.background = frame::Color{0xE6, 0xE6, 0xE6};
  th = add(s);
  Style z = b;
  z.background = frame::Color{0xF4, 0xF4, 0xF4};
  zebra = add(z);
  Style box = b;
  box.border_width = 500;
  box.border_color = frame::Color{0x88, 0x88, 0x88};
  box.background = frame::Color{0xF7, 0xF7, 0xF7};
  for (Unit& p : box.padding) p = MmToUnit(3);
  box.width = MmToUnit(90);
  summary = add(box);
  box.width.reset();
  box.background = frame::Color{0xFD, 0xEC, 0xEA};
  box.border_color = frame::Color{0xC0, 0x39, 0x2B};
  warn = add(box);
  box.background = frame::Color{0xEA, 0xF4, 0xFB};
  box.border_color = frame::Color{0x2E, 0x86, 0xC1};
  promo = add(box);
}

bool ParseStatement(const std::string& line, Statement* out) {
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("account")) return false;
  Statement& s = *out;
  s = Statement();
  s.id = j.value("id", "");
  s.name = j.value("name", "");
  s.language = j.value("language", "en");
  const auto& account = j["account"];
  s.number = account.value("number", "");
  s.currency = account.value("currency", "EUR");
  s.opening_cents = Cents(account.value("opening_balance", "0"));
  if (j.contains("address") && j["address"].is_object()) {
    const auto& a = j["address"];
    s.address.push_back(a.value("line1", ""));
    if (a.contains("line2")) s.address.push_back(a.value("line2", ""));
    s.address.push_back(a.value("postcode", "") + " " + a.value("city", ""));
    s.address.push_back(a.value("country", ""));
  }
  for (const auto& t : account["transactions"]) {
    s.transactions.push_back({t.value("date", ""), t.value("description", ""), Cents(t.value("amount", "0"))});
  }
  return true;
}

compose::Document BuildDocument(const Statement& s, const Styles& st) {
  compose::Document doc;
  doc.base = st.body;
  doc.language = s.language;
  const std::string month = s.transactions.empty() ? "" : Month(s.transactions.front().date, s.language);

  // header style head { row { "Northwind Bank" strong; fill; "Statement … · Account …" }; line }
  auto head = NewBlock(BlockKind::Row, st.head);
  head->children.push_back(Sized(Text("Northwind Bank", st.head_strong), compose::Size::Kind::Auto));
  head->children.push_back(Sized(NewBlock(BlockKind::Stack, st.head), compose::Size::Kind::Fraction));
  head->children.push_back(
      Sized(Text("Statement " + month + " · Account " + s.number, st.head), compose::Size::Kind::Auto));
  doc.page.header.push_back(std::move(head));
  doc.page.header.push_back(NewBlock(BlockKind::Rule, st.head));
  // footer style foot { text center "Page {page} of {pages}" }
  auto footer = NewBlock(BlockKind::Paragraph, st.foot);
  footer->align = text::Align::Center;
  footer->spans = {{compose::SpanKind::Text, "Page ", st.foot},
                   {compose::SpanKind::PageNumber, "", st.foot},
                   {compose::SpanKind::Text, " of ", st.foot},
                   {compose::SpanKind::PageTotal, "", st.foot}};
  doc.page.footer.push_back(std::move(footer));

  // addr.block(name, address)
  doc.body.push_back(Text(s.name, st.body));
  for (const std::string& line : s.address) doc.body.push_back(Text(line, st.body));
  doc.body.push_back(Space(MmToUnit(6), st.body));

  long long money_in = 0, money_out = 0;
  for (const Transaction& t : s.transactions) (t.cents > 0 ? money_in : money_out) += t.cents;
  const long long closing = s.opening_cents + money_in + money_out;
  auto box = NewBlock(BlockKind::Stack, st.summary);
  box->width = compose::Size{compose::Size::Kind::Fixed, MmToUnit(90), 1000};
  box->children.push_back(LabelRow("Opening balance", Money(s.opening_cents, s.currency, s.language), st.body));
  box->children.push_back(LabelRow("Money in", Money(money_in, s.currency, s.language), st.body));
  box->children.push_back(LabelRow("Money out", Money(money_out, s.currency, s.language), st.body));
  box->children.push_back(LabelRow("Closing balance", Money(closing, s.currency, s.language), st.strong));
  doc.body.push_back(std::move(box));
  doc.body.push_back(Space(MmToUnit(6), st.body));

  auto table = NewBlock(BlockKind::Table, st.body);
  table->table = std::make_unique<compose::Table>();
  auto& t = *table->table;
  t.columns = {{compose::Size::Kind::Fixed, MmToUnit(24), 1000},
               {compose::Size::Kind::Fraction, 0, 1000},
               {compose::Size::Kind::Fixed, MmToUnit(32), 1000},
               {compose::Size::Kind::Fixed, MmToUnit(32), 1000}};
  compose::TableRow header;
  header.style = st.th;
  header.cells.push_back(Text("Date", st.th));
  header.cells.push_back(Text("Description", st.th));
  header.cells.push_back(Text("Amount", st.th, text::Align::Right));
  header.cells.push_back(Text("Balance", st.th, text::Align::Right));
  t.header.push_back(std::move(header));
  long long balance = s.opening_cents;
  for (std::size_t i = 0; i < s.transactions.size(); ++i) {
    const Transaction& tx = s.transactions[i];
    balance += tx.cents;
    const Style* style = i % 2 == 1 ? st.zebra : st.body;
    compose::TableRow row;
    row.style = i % 2 == 1 ? st.zebra : nullptr;
    row.cells.push_back(Text(Date(tx.date, s.language), style));
    row.cells.push_back(Text(tx.description, style));
    row.cells.push_back(Text(Money(tx.cents, s.currency, s.language), style, text::Align::Right));
    row.cells.push_back(Text(Money(balance, s.currency, s.language), style, text::Align::Right));
    t.rows.push_back(std::move(row));
  }
  doc.body.push_back(std::move(table));

  if (closing < 0) {
    doc.body.push_back(Space(MmToUnit(4), st.body));
    doc.body.push_back(
        Notice("Your account is overdrawn by " + Money(-closing, s.currency, s.language) + ". Please contact us.",
               st.warn, st.body));
  }
  if (closing > 1'000'000) {
    doc.body.push_back(Space(MmToUnit(4), st.body));
    doc.body.push_back(Notice("You could earn more on your savings — ask about Northwind Saver.", st.promo, st.body));
  }
  return doc;
}

std::vector<text::StaticText> StatementStaticText(const Styles& st) {
  const std::vector<std::string> literals = {
      "Northwind Bank",  "Page ",    " of ",
      "Opening balance", "Money in", "Money out",
      "Closing balance", "Date",     "Description",
      "Amount",          "Balance",  "You could earn more on your savings — ask about Northwind Saver."};
  std::vector<text::TextStyle> styles;
  for (const Style& s : st.all) {
    const text::TextStyle ts{s.font, s.size, {}};
    bool seen = false;
    for (const auto& o : styles) seen |= o.font == ts.font && o.size == ts.size;
    if (!seen) styles.push_back(ts);
  }
  return text::StaticShapes::Combine(literals, styles, {"en", "de", "fr", "ar"});
}

}  // namespace missive::bench

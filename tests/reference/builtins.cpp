// The built-in functions (the list sema checks: compiler/sema/builtins.def), evaluated on values.
#include "compiler/sema/builtins.h"

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>

#include "tests/reference/internal.h"

namespace missive::reference {

using value::Decimal;
using value::Value;

namespace {

using ListPtr = std::shared_ptr<const value::List>;

/// A call's arguments bound to the builtin's parameters (sema/builtins.h), evaluated lazily (lambdas
/// need the element); a parameter left out takes its default.
struct Args {
  const sema::BuiltinSpec& spec;
  std::vector<const ast::Expr*> bound;

  Args(const sema::BuiltinSpec& s, const ast::Expr& call) : spec(s) {
    diag::Sink ignored;  // sema reported any problem before the program could run
    bound = sema::BindArguments(spec, call, ignored);
    if (bound.empty()) Fail(call.span, "`" + spec.name + "`: bad arguments");
  }
  [[nodiscard]] bool given(std::size_t i) const { return bound[i] != nullptr; }
};

/// A parameter's default literal as a value.
Value DefaultOf(const sema::BuiltinParam& p) {
  const std::string& d = p.default_value;
  if (d.size() >= 2 && d.front() == '"') return d.substr(1, d.size() - 2);
  if (d.find('.') != std::string::npos) return *Decimal::Parse(d);
  if (p.type == "Decimal") return Decimal::FromInt(std::stoll(d));
  return static_cast<std::int64_t>(std::stoll(d));
}

Value Sum(const std::vector<Value>& values, source::Span span) {
  bool all_int = true;
  for (const auto& v : values) all_int = all_int && v.is<std::int64_t>();
  if (all_int) {  // an empty sum is the Int 0: it fits an Int and a Decimal context alike
    std::int64_t total = 0;
    for (const auto& v : values) {
      if (__builtin_add_overflow(total, v.as<std::int64_t>(), &total)) Fail(span, "integer overflow");
    }
    return total;
  }
  Decimal total{};
  for (const auto& v : values) {
    auto t = value::Add(total, ToDecimal(v, span));
    if (!t) Fail(span, "decimal overflow");
    total = *t;
  }
  return total;
}

// Dates the calendar functions may produce: years 0000–9999, as ISO 8601 writes them.
constexpr std::int64_t kMinDay = -719528;  // 0000-01-01
constexpr std::int64_t kMaxDay = 2932896;  // 9999-12-31
constexpr std::int64_t kMaxMonths = 12 * 10000;

std::int64_t ClampDays(std::int64_t days) { return std::clamp<std::int64_t>(days, -2 * kMaxDay, 2 * kMaxDay); }

value::Date DateFromDays(std::int64_t days, source::Span span) {
  if (days < kMinDay || days > kMaxDay) Fail(span, "the date falls outside the years 0000–9999");
  return value::Date{static_cast<std::int32_t>(days)};
}

std::string Pad(const std::string& s, std::int64_t width, const std::string& fill, bool left) {
  std::int64_t length = 0;
  for (unsigned char c : s) length += (c & 0xC0) != 0x80;
  std::string padding;
  for (std::int64_t i = length; i < width; ++i) padding += fill.empty() ? " " : fill;
  return left ? padding + s : s + padding;
}

}  // namespace

bool Worker::Impl::CallBuiltin(const ast::Expr& call, std::string_view name, Env& env, Value& out) {
  const sema::BuiltinSpec* spec = sema::FindBuiltin(name);
  if (spec == nullptr) return false;
  Args args(*spec, call);
  const auto span = call.span;
  auto arg = [&](std::size_t i) { return args.given(i) ? Eval(*args.bound[i], env) : DefaultOf(spec->params[i]); };
  auto list_arg = [&](std::size_t i, Value& holder) -> const value::List& {
    holder = arg(i);
    return ToList(holder, args.bound[i]->span);
  };
  // f(element) for the lambda argument at `i`, the element itself when left out
  auto mapped = [&](const value::List& list, std::size_t i) {
    std::vector<Value> values;
    values.reserve(list.size());
    for (const auto& item : list) values.push_back(args.given(i) ? Lambda(*args.bound[i], item, env) : item);
    return values;
  };
  auto mode = [&](std::size_t i) { return static_cast<value::Rounding>(sema::RoundingMode(ToStr(arg(i), span))); };
  Value holder;

  if (name == "count") {
    out = static_cast<std::int64_t>(list_arg(0, holder).size());
  } else if (name == "sum") {
    out = Sum(mapped(list_arg(0, holder), 1), span);
  } else if (name == "min" || name == "max") {
    const auto values = mapped(list_arg(0, holder), 1);
    if (values.empty()) Fail(span, "`" + std::string(name) + "` of an empty list");
    std::size_t best = 0;
    for (std::size_t i = 1; i < values.size(); ++i) {
      const int c = CompareValues(values[i], values[best], span);
      if (name == "min" ? c < 0 : c > 0) best = i;
    }
    out = values[best];
  } else if (name == "first" || name == "last") {
    const auto& list = list_arg(0, holder);
    if (list.empty()) Fail(span, "`" + std::string(name) + "` of an empty list");
    out = name == "first" ? list.front() : list.back();
  } else if (name == "map") {
    out = ListPtr(std::make_shared<value::List>(mapped(list_arg(0, holder), 1)));
  } else if (name == "sort_by") {
    const auto& list = list_arg(0, holder);
    const auto keys = mapped(list, 1);
    std::vector<std::size_t> order(list.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return CompareValues(keys[a], keys[b], span) < 0; });
    auto sorted = std::make_shared<value::List>();
    for (auto i : order) sorted->push_back(list[i]);
    out = ListPtr(std::move(sorted));
  } else if (name == "group_by") {
    const auto& list = list_arg(0, holder);
    const auto keys = mapped(list, 1);
    std::vector<std::pair<Value, std::shared_ptr<value::List>>> groups;  // in order of first appearance
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return EqualValues(x.first, keys[i]); });
      if (g == groups.end()) {
        groups.emplace_back(keys[i], std::make_shared<value::List>());
        g = groups.end() - 1;
      }
      g->second->push_back(list[i]);
    }
    auto result = std::make_shared<value::List>();
    for (auto& [key, items] : groups) {
      auto record = std::make_shared<value::Record>();
      record->names = {"key", "items"};
      record->fields = {key, ListPtr(items)};
      result->push_back(std::shared_ptr<const value::Record>(std::move(record)));
    }
    out = ListPtr(std::move(result));
  } else if (name == "running_sum") {
    const auto values = mapped(list_arg(0, holder), 1);
    Decimal total{};
    total = ToDecimal(arg(2), span);
    auto result = std::make_shared<value::List>();
    result->reserve(values.size());
    for (const auto& v : values) {
      auto t = value::Add(total, ToDecimal(v, span));
      if (!t) Fail(span, "decimal overflow");
      total = *t;
      result->push_back(total);
    }
    out = ListPtr(std::move(result));
  } else if (name == "any" || name == "all") {
    const auto& list = list_arg(0, holder);
    bool result = name == "all";
    for (const auto& item : list) {
      const Value v = Lambda(*args.bound[1], item, env);
      if (!v.is<bool>()) Fail(args.bound[1]->span, "expected a condition");
      if (name == "any" && v.as<bool>()) result = true;
      if (name == "all" && !v.as<bool>()) result = false;
    }
    out = result;
  } else if (name == "money") {
    out = formatter->Money(ToDecimal(arg(0), span), ToStr(arg(1), span), mode(2));
  } else if (name == "number") {
    const auto digits = static_cast<int>(ToInt(arg(1), span));
    out = formatter->Number(ToDecimal(arg(0), span), digits, mode(2));
  } else if (name == "percent") {
    out = formatter->Percent(ToDecimal(arg(0), span), static_cast<int>(ToInt(arg(1), span)), mode(2));
  } else if (name == "format") {
    const Value v = arg(0);
    const auto& pattern = ToStr(arg(1), span);
    if (v.is<value::DateTime>()) {
      out = formatter->FormatDateTime(v.as<value::DateTime>(), pattern);
    } else {
      out = formatter->FormatDate(ToDate(v, span), pattern);
    }
  } else if (name == "date") {
    out = formatter->FormatDate(ToDate(arg(0), span));
  } else if (name == "upper" || name == "lower" || name == "title" || name == "trim" || name == "len" ||
             name == "string") {
    const Value v = arg(0);
    if (name == "string") {
      out = Display(v, span);
      return true;
    }
    const auto& s = ToStr(v, span);
    if (name == "upper") out = formatter->Upper(s);
    if (name == "lower") out = formatter->Lower(s);
    if (name == "title") out = formatter->Title(s);
    if (name == "trim") {
      const auto b = s.find_first_not_of(" \t\r\n");
      out = b == std::string::npos ? std::string() : s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
    }
    if (name == "len") {
      std::int64_t n = 0;
      for (unsigned char c : s) n += (c & 0xC0) != 0x80;
      out = n;
    }
  } else if (name == "contains" || name == "starts_with" || name == "ends_with") {
    const std::string s = ToStr(arg(0), span), t = ToStr(arg(1), span);
    if (name == "contains") out = s.find(t) != std::string::npos;
    if (name == "starts_with") out = s.compare(0, t.size(), t) == 0;
    if (name == "ends_with") out = s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
  } else if (name == "split") {
    const std::string s = ToStr(arg(0), span), sep = ToStr(arg(1), span);
    if (sep.empty()) Fail(span, "`split` needs a non-empty separator");
    auto parts = std::make_shared<value::List>();
    std::size_t from = 0;
    for (std::size_t at; (at = s.find(sep, from)) != std::string::npos; from = at + sep.size()) {
      parts->push_back(s.substr(from, at - from));
    }
    parts->push_back(s.substr(from));
    out = ListPtr(std::move(parts));
  } else if (name == "join") {
    const auto& list = list_arg(0, holder);
    const std::string sep = ToStr(arg(1), span);
    std::string joined;
    for (std::size_t i = 0; i < list.size(); ++i) joined += (i ? sep : "") + Display(list[i], span);
    out = joined;
  } else if (name == "replace") {
    std::string s = ToStr(arg(0), span);
    const std::string from = ToStr(arg(1), span), to = ToStr(arg(2), span);
    if (!from.empty()) {
      for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
    }
    out = s;
  } else if (name == "pad_left" || name == "pad_right") {
    const std::string fill = ToStr(arg(2), span);
    const auto width = ToInt(arg(1), span);
    if (width > 10000)
      Fail(span, "`" + std::string(name) + "` to " + std::to_string(width) + " characters is more than 10000");
    out = Pad(ToStr(arg(0), span), width, fill, name == "pad_left");
  } else if (name == "truncate") {
    const std::string s = ToStr(arg(0), span);
    const auto max = ToInt(arg(1), span);
    if (max <= 0) Fail(span, "`truncate` needs a length of at least 1, found " + std::to_string(max));
    std::int64_t n = 0;
    std::size_t cut = s.size();
    for (std::size_t i = 0; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
      if (n == max - 1) cut = std::min(cut, i);
      ++n;
    }
    out = n <= max ? s : s.substr(0, cut) + "…";
  } else if (name == "round") {
    auto r = value::Round(ToDecimal(arg(0), span), static_cast<int>(ToInt(arg(1), span)), mode(2));
    if (!r) Fail(span, "decimal overflow");
    out = *r;
  } else if (name == "plural") {
    out = formatter->Plural(ToStr(arg(1), span), ToInt(arg(0), span));
  } else if (name == "add_days") {
    out = DateFromDays(static_cast<std::int64_t>(ToDate(arg(0), span).days) + ClampDays(ToInt(arg(1), span)), span);
  } else if (name == "add_months") {
    int y = 0;
    unsigned m = 0, d = 0;
    ToDate(arg(0), span).ToYmd(y, m, d);
    const std::int64_t months = ToInt(arg(1), span);
    if (months < -kMaxMonths || months > kMaxMonths)
      Fail(span, "`add_months` by " + std::to_string(months) + " leaves the calendar");
    const std::int64_t total = static_cast<std::int64_t>(y) * 12 + (m - 1) + months;
    // floor division: month -1 is December of the year before
    const std::int64_t year = total >= 0 ? total / 12 : -((-total + 11) / 12);
    const int ny = static_cast<int>(year);
    const auto nm = static_cast<unsigned>(total - year * 12) + 1;
    // clamp to the month's last day (Jan 31 + 1 month = Feb 28/29)
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0;
    const unsigned last = nm == 2 && leap ? 29 : kDays[nm - 1];
    out = DateFromDays(value::Date::FromYmd(ny, nm, std::min(d, last)).days, span);
  } else if (name == "days_between") {
    out = static_cast<std::int64_t>(ToDate(arg(1), span).days - ToDate(arg(0), span).days);
  } else if (name == "year" || name == "month" || name == "day") {
    int y = 0;
    unsigned m = 0, d = 0;
    ToDate(arg(0), span).ToYmd(y, m, d);
    out = static_cast<std::int64_t>(name == "year" ? y : name == "month" ? static_cast<int>(m) : static_cast<int>(d));
  } else {
    return false;
  }
  return true;
}

}  // namespace missive::reference

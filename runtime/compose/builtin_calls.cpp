// The runtime side of the builtins (compiler/sema/builtins.def) and of showing values as text: what
// generated code calls with the record's state in ctx->state. Strings made here live in the record's
// arena; a refusal (a bad separator, a width too large) is kMsvFailed with its message in ctx.
#include <algorithm>
#include <numeric>

#include "runtime/abi/abi.h"
#include "runtime/abi/layout.h"
#include "runtime/compose/native_builder.h"
#include "runtime/value/format.h"

namespace {

using missive::abi::FromAbi;
using missive::abi::ToAbi;
using missive::compose::NativeBuilder;
using missive::value::Decimal;
using missive::value::Formatter;
using missive::value::Rounding;

NativeBuilder& B(MsvRuntimeCtx* ctx) { return *static_cast<NativeBuilder*>(ctx->state); }
std::string_view View(const MsvStr* s) { return {s->ptr == nullptr ? "" : s->ptr, s->len}; }

int32_t Refuse(MsvRuntimeCtx* ctx, const std::string& message) {
  const char* kept = B(ctx).Keep(message);
  ctx->error_text = MsvStr{kept == nullptr ? "" : kept, kept == nullptr ? 0 : message.size()};
  return kMsvFailed;
}

/// A string result made by `make(formatter)`, kept in the record's arena.
template <class F>
int32_t Text(MsvRuntimeCtx* ctx, MsvStr* out, F make) {
  try {
    const std::string text = make(B(ctx).formatter());
    const char* kept = B(ctx).Keep(text);
    if (kept == nullptr) return kMsvOutOfMemory;
    *out = MsvStr{kept, text.size()};
    return kMsvOk;
  } catch (const std::exception& e) {
    return Refuse(ctx, std::string("internal error: ") + e.what());
  }
}

Rounding ModeOf(int64_t mode) { return static_cast<Rounding>(std::clamp<int64_t>(mode, 0, 6)); }

std::int64_t CodePoints(std::string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// Dates the calendar functions may produce: years 0000–9999, as ISO 8601 writes them.
constexpr std::int64_t kMinDay = -719528;  // 0000-01-01
constexpr std::int64_t kMaxDay = 2932896;  // 9999-12-31

int32_t StoreDate(MsvRuntimeCtx* ctx, std::int64_t days, MsvDate* out) {
  if (days < kMinDay || days > kMaxDay) return Refuse(ctx, "the date falls outside the years 0000–9999");
  *out = static_cast<MsvDate>(days);
  return kMsvOk;
}

int32_t Pad(MsvRuntimeCtx* ctx, const char* name, const MsvStr* s, int64_t width, const MsvStr* fill, bool left,
            MsvStr* out) {
  if (width > 10000)
    return Refuse(ctx, "`" + std::string(name) + "` to " + std::to_string(width) + " characters is more than 10000");
  return Text(ctx, out, [&](Formatter&) {
    const std::string_view text = View(s), with = fill->len == 0 ? std::string_view(" ") : View(fill);
    std::string padding;
    for (std::int64_t i = CodePoints(text); i < width; ++i) padding += with;
    return left ? padding + std::string(text) : std::string(text) + padding;
  });
}

template <class T>
int Three(T a, T b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

}  // namespace

extern "C" {

// ── text of values ──

int32_t msv_show_int(MsvRuntimeCtx* ctx, int64_t v, MsvStr* out) {
  return Text(ctx, out, [&](Formatter&) { return std::to_string(v); });
}
int32_t msv_show_dec(MsvRuntimeCtx* ctx, const MsvDecimal* v, MsvStr* out) {
  return Text(ctx, out, [&](Formatter&) { return FromAbi(*v).ToString(); });
}
int32_t msv_show_date(MsvRuntimeCtx* ctx, MsvDate v, MsvStr* out) {
  return Text(ctx, out, [&](Formatter&) { return missive::value::Date{v}.ToString(); });
}
int32_t msv_show_datetime(MsvRuntimeCtx* ctx, MsvDateTime v, MsvStr* out) {
  return Text(ctx, out, [&](Formatter&) { return missive::value::DateTime{v}.ToString(); });
}
int32_t msv_show_bool(MsvRuntimeCtx* /*ctx*/, int32_t v, MsvStr* out) {
  *out = v != 0 ? MsvStr{"true", 4} : MsvStr{"false", 5};
  return kMsvOk;
}
int32_t msv_concat(MsvRuntimeCtx* ctx, const MsvStr* a, const MsvStr* b, MsvStr* out) {
  if (a->len == 0) return *out = *b, kMsvOk;
  if (b->len == 0) return *out = *a, kMsvOk;
  auto* bytes = static_cast<char*>(B(ctx).Allocate(a->len + b->len, 1));
  if (bytes == nullptr) return kMsvOutOfMemory;
  std::copy_n(a->ptr, a->len, bytes);
  std::copy_n(b->ptr, b->len, bytes + a->len);
  *out = MsvStr{bytes, a->len + b->len};
  return kMsvOk;
}

// ── formatting ──

int32_t msv_money(MsvRuntimeCtx* ctx, const MsvDecimal* amount, const MsvStr* currency, int64_t mode, MsvStr* out) {
  return Text(ctx, out, [&](Formatter& f) { return f.Money(FromAbi(*amount), View(currency), ModeOf(mode)); });
}
int32_t msv_number(MsvRuntimeCtx* ctx, const MsvDecimal* x, int64_t decimals, int64_t mode, MsvStr* out) {
  return Text(ctx, out, [&](Formatter& f) {
    return f.Number(FromAbi(*x), static_cast<int>(std::clamp<int64_t>(decimals, 0, 18)), ModeOf(mode));
  });
}
int32_t msv_percent(MsvRuntimeCtx* ctx, const MsvDecimal* x, int64_t decimals, int64_t mode, MsvStr* out) {
  return Text(ctx, out, [&](Formatter& f) {
    return f.Percent(FromAbi(*x), static_cast<int>(std::clamp<int64_t>(decimals, 0, 16)), ModeOf(mode));
  });
}
int32_t msv_format(MsvRuntimeCtx* ctx, MsvDateTime d, const MsvStr* pattern, MsvStr* out) {
  return Text(ctx, out, [&](Formatter& f) { return f.FormatDateTime(missive::value::DateTime{d}, View(pattern)); });
}
int32_t msv_date(MsvRuntimeCtx* ctx, MsvDate d, MsvStr* out) {
  return Text(ctx, out, [&](Formatter& f) { return f.FormatDate(missive::value::Date{d}); });
}
int32_t msv_plural(MsvRuntimeCtx* ctx, int64_t n, const MsvStr* pattern, MsvStr* out) {
  return Text(ctx, out, [&](Formatter& f) { return f.Plural(View(pattern), n); });
}

// ── strings ──

int32_t msv_upper(MsvRuntimeCtx* ctx, const MsvStr* s, MsvStr* out) {
  return Text(ctx, out, [&](Formatter& f) { return f.Upper(View(s)); });
}
int32_t msv_lower(MsvRuntimeCtx* ctx, const MsvStr* s, MsvStr* out) {
  return Text(ctx, out, [&](Formatter& f) { return f.Lower(View(s)); });
}
int32_t msv_title(MsvRuntimeCtx* ctx, const MsvStr* s, MsvStr* out) {
  return Text(ctx, out, [&](Formatter& f) { return f.Title(View(s)); });
}
int32_t msv_trim(MsvRuntimeCtx* /*ctx*/, const MsvStr* s, MsvStr* out) {
  const std::string_view text = View(s);
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return *out = MsvStr{"", 0}, kMsvOk;
  const auto end = text.find_last_not_of(" \t\r\n");
  *out = MsvStr{text.data() + begin, end - begin + 1};  // a slice of the string itself
  return kMsvOk;
}
int32_t msv_split(MsvRuntimeCtx* ctx, const MsvStr* s, const MsvStr* sep, MsvList* out) {
  const std::string_view text = View(s), by = View(sep);
  if (by.empty()) return Refuse(ctx, "`split` needs a non-empty separator");
  std::uint64_t parts = 1;
  for (std::size_t at = text.find(by); at != std::string_view::npos; at = text.find(by, at + by.size())) ++parts;
  auto* slices = static_cast<MsvStr*>(B(ctx).Allocate(parts * sizeof(MsvStr), alignof(MsvStr)));
  if (slices == nullptr) return kMsvOutOfMemory;
  std::size_t from = 0, i = 0;
  for (std::size_t at; (at = text.find(by, from)) != std::string_view::npos; from = at + by.size())
    slices[i++] = MsvStr{text.data() + from, at - from};
  slices[i] = MsvStr{text.data() + from, text.size() - from};
  *out = MsvList{slices, parts};
  return kMsvOk;
}
int32_t msv_join(MsvRuntimeCtx* ctx, const MsvList* parts, const MsvStr* sep, MsvStr* out) {
  return Text(ctx, out, [&](Formatter&) {
    std::string joined;
    const auto* items = static_cast<const MsvStr*>(parts->ptr);
    for (std::uint64_t i = 0; i < parts->len; ++i) {
      if (i) joined += View(sep);
      joined += View(&items[i]);
    }
    return joined;
  });
}
int32_t msv_replace(MsvRuntimeCtx* ctx, const MsvStr* s, const MsvStr* from, const MsvStr* to, MsvStr* out) {
  if (from->len == 0) return *out = *s, kMsvOk;
  return Text(ctx, out, [&](Formatter&) {
    std::string text(View(s));
    const std::string_view a = View(from), b = View(to);
    for (std::size_t at = 0; (at = text.find(a, at)) != std::string::npos; at += b.size())
      text.replace(at, a.size(), b);
    return text;
  });
}
int32_t msv_pad_left(MsvRuntimeCtx* ctx, const MsvStr* s, int64_t width, const MsvStr* fill, MsvStr* out) {
  return Pad(ctx, "pad_left", s, width, fill, true, out);
}
int32_t msv_pad_right(MsvRuntimeCtx* ctx, const MsvStr* s, int64_t width, const MsvStr* fill, MsvStr* out) {
  return Pad(ctx, "pad_right", s, width, fill, false, out);
}
int32_t msv_truncate(MsvRuntimeCtx* ctx, const MsvStr* s, int64_t width, MsvStr* out) {
  if (width <= 0) return Refuse(ctx, "`truncate` needs a length of at least 1, found " + std::to_string(width));
  const std::string_view text = View(s);
  if (CodePoints(text) <= width) return *out = *s, kMsvOk;
  std::int64_t n = 0;
  std::size_t cut = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (n++ == width - 1) {
      cut = i;
      break;
    }
  }
  return Text(ctx, out, [&](Formatter&) { return std::string(text.substr(0, cut)) + "…"; });
}
int32_t msv_len(MsvRuntimeCtx* /*ctx*/, const MsvStr* s, int64_t* out) {
  *out = CodePoints(View(s));
  return kMsvOk;
}
int32_t msv_contains(MsvRuntimeCtx* /*ctx*/, const MsvStr* s, const MsvStr* part, MsvBool* out) {
  *out = View(s).find(View(part)) != std::string_view::npos;
  return kMsvOk;
}
int32_t msv_starts_with(MsvRuntimeCtx* /*ctx*/, const MsvStr* s, const MsvStr* prefix, MsvBool* out) {
  *out = View(s).starts_with(View(prefix));
  return kMsvOk;
}
int32_t msv_ends_with(MsvRuntimeCtx* /*ctx*/, const MsvStr* s, const MsvStr* suffix, MsvBool* out) {
  *out = View(s).ends_with(View(suffix));
  return kMsvOk;
}

// ── numbers and dates ──

int32_t msv_round(MsvRuntimeCtx* /*ctx*/, const MsvDecimal* x, int64_t digits, int64_t mode, MsvDecimal* out) {
  if (digits < -38 || digits > Decimal::kMaxScale) return kMsvOverflow;
  const auto r = missive::value::Round(FromAbi(*x), static_cast<int>(digits), ModeOf(mode));
  if (!r) return kMsvOverflow;
  *out = ToAbi(*r);
  return kMsvOk;
}
int32_t msv_add_days(MsvRuntimeCtx* ctx, MsvDate d, int64_t n, MsvDate* out) {
  return StoreDate(ctx, static_cast<std::int64_t>(d) + std::clamp<std::int64_t>(n, -2 * kMaxDay, 2 * kMaxDay), out);
}
int32_t msv_add_months(MsvRuntimeCtx* ctx, MsvDate d, int64_t n, MsvDate* out) {
  constexpr std::int64_t kMaxMonths = 12 * 10000;
  if (n < -kMaxMonths || n > kMaxMonths)
    return Refuse(ctx, "`add_months` by " + std::to_string(n) + " leaves the calendar");
  int y = 0;
  unsigned m = 0, day = 0;
  missive::value::Date{d}.ToYmd(y, m, day);
  const std::int64_t total = static_cast<std::int64_t>(y) * 12 + (m - 1) + n;
  const std::int64_t year = total >= 0 ? total / 12 : -((-total + 11) / 12);  // month -1 is December before
  const int ny = static_cast<int>(year);
  const auto nm = static_cast<unsigned>(total - year * 12) + 1;
  // the month's last day when the day does not exist there (Jan 31 + 1 month = Feb 28/29)
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0;
  const unsigned last = nm == 2 && leap ? 29 : kDays[nm - 1];
  return StoreDate(ctx, missive::value::Date::FromYmd(ny, nm, std::min(day, last)).days, out);
}
int32_t msv_days_between(MsvRuntimeCtx* /*ctx*/, MsvDate a, MsvDate b, int64_t* out) {
  *out = static_cast<std::int64_t>(b) - a;
  return kMsvOk;
}
int32_t msv_year(MsvRuntimeCtx* /*ctx*/, MsvDate d, int64_t* out) {
  int y = 0;
  unsigned m = 0, day = 0;
  missive::value::Date{d}.ToYmd(y, m, day);
  *out = y;
  return kMsvOk;
}
int32_t msv_month(MsvRuntimeCtx* /*ctx*/, MsvDate d, int64_t* out) {
  int y = 0;
  unsigned m = 0, day = 0;
  missive::value::Date{d}.ToYmd(y, m, day);
  *out = m;
  return kMsvOk;
}
int32_t msv_day(MsvRuntimeCtx* /*ctx*/, MsvDate d, int64_t* out) {
  int y = 0;
  unsigned m = 0, day = 0;
  missive::value::Date{d}.ToYmd(y, m, day);
  *out = day;
  return kMsvOk;
}

// ── lists ──

int32_t msv_sort(MsvRuntimeCtx* /*ctx*/, const void* keys, uint64_t n, int32_t kind, uint64_t stride, uint64_t* perm) {
  std::iota(perm, perm + n, std::uint64_t{0});
  const auto* base = static_cast<const std::uint8_t*>(keys);
  auto at = [&](std::uint64_t i) { return base + i * stride; };
  auto compare = [&](std::uint64_t a, std::uint64_t b) -> int {
    switch (kind) {
      case 0:
        return Three(*reinterpret_cast<const std::int64_t*>(at(a)), *reinterpret_cast<const std::int64_t*>(at(b)));
      case 1:
        return missive::value::Compare(FromAbi(*reinterpret_cast<const MsvDecimal*>(at(a))),
                                       FromAbi(*reinterpret_cast<const MsvDecimal*>(at(b))));
      case 2: return Three(*reinterpret_cast<const MsvDate*>(at(a)), *reinterpret_cast<const MsvDate*>(at(b)));
      case 3: return Three(*reinterpret_cast<const MsvDateTime*>(at(a)), *reinterpret_cast<const MsvDateTime*>(at(b)));
      default: return msv_str_cmp(reinterpret_cast<const MsvStr*>(at(a)), reinterpret_cast<const MsvStr*>(at(b)));
    }
  };
  std::stable_sort(perm, perm + n, [&](std::uint64_t a, std::uint64_t b) { return compare(a, b) < 0; });
  return kMsvOk;
}

}  // extern "C"

// Locale formatting through ICU with cached formatter objects, and the fast money path (money_pattern.h).
#include "runtime/value/format.h"

#include <unicode/dtfmtsym.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/ucurr.h>
#include <unicode/unistr.h>

#include <map>
#include <unordered_map>

#include "runtime/value/money_pattern.h"

namespace missive::value {
namespace {

namespace number = icu::number;

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string FormatWith(const number::LocalizedNumberFormatter& f, std::string_view decimal_text) {
  UErrorCode status = U_ZERO_ERROR;
  auto formatted =
      f.formatDecimal(icu::StringPiece(decimal_text.data(), static_cast<int32_t>(decimal_text.size())), status);
  icu::UnicodeString s = formatted.toString(status);
  if (U_FAILURE(status)) return std::string(decimal_text);
  return ToUtf8(s);
}

// A locale from a BCP 47 tag; the root locale when the tag is malformed — never the machine's default.
icu::Locale LocaleFromTag(std::string_view tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), status);
  if (U_FAILURE(status) || loc.isBogus()) return icu::Locale::getRoot();
  return loc;
}

struct MoneyEntry {
  std::optional<number::LocalizedNumberFormatter> icu;  // null when the code is not a currency code
  std::optional<MoneyPattern> fast;
  int minor = 2;  // the currency's fractional digits
};

}  // namespace

struct Formatter::Impl {
  icu::Locale locale;
  std::unordered_map<std::string, MoneyEntry> money;
  std::map<std::pair<int, int>, number::LocalizedNumberFormatter> numbers;
  std::map<int, number::LocalizedNumberFormatter> percents;
  std::unordered_map<std::string, std::unique_ptr<icu::SimpleDateFormat>> date_formats;
  std::unique_ptr<icu::DateFormat> medium_date;
  std::unordered_map<std::string, std::unique_ptr<icu::MessageFormat>> messages;

  // Statements format many amounts in one currency: remember the last entry (map nodes are stable).
  std::string last_currency;
  MoneyEntry* last_money = nullptr;

  MoneyEntry& Money(std::string_view currency) {
    if (last_money != nullptr && currency == last_currency) return *last_money;
    last_currency.assign(currency);
    last_money = &Learn(currency);
    return *last_money;
  }

  MoneyEntry& Learn(std::string_view currency) {
    auto it = money.find(std::string(currency));
    if (it != money.end()) return it->second;
    MoneyEntry& entry = money[std::string(currency)];
    if (currency.size() != 3) return entry;
    char16_t code[4] = {static_cast<char16_t>(currency[0]), static_cast<char16_t>(currency[1]),
                        static_cast<char16_t>(currency[2]), 0};
    UErrorCode status = U_ZERO_ERROR;
    icu::CurrencyUnit unit(code, status);
    if (U_FAILURE(status)) return entry;
    entry.icu = number::NumberFormatter::withLocale(locale).unit(unit).roundingMode(UNUM_ROUND_HALFEVEN);
    const int minor = ucurr_getDefaultFractionDigits(code, &status);
    if (U_FAILURE(status)) return entry;
    entry.minor = minor;
    const auto& f = *entry.icu;
    entry.fast = LearnMoneyPattern([&f](std::string_view text) { return FormatWith(f, text); }, minor);
    return entry;
  }

  icu::SimpleDateFormat* DatePattern(std::string_view pattern) {
    auto it = date_formats.find(std::string(pattern));
    if (it != date_formats.end()) return it->second.get();
    UErrorCode status = U_ZERO_ERROR;
    auto f = std::make_unique<icu::SimpleDateFormat>(FromUtf8(pattern), locale, status);
    if (U_FAILURE(status)) f.reset();
    // Dates are calendar days and date-times UTC instants: the machine's time zone must never show.
    if (f) f->adoptTimeZone(icu::TimeZone::getGMT()->clone());
    return (date_formats[std::string(pattern)] = std::move(f)).get();
  }
};

Formatter::Formatter(std::string_view locale) : impl_(std::make_unique<Impl>()) {
  impl_->locale = LocaleFromTag(locale);
}

Formatter::~Formatter() = default;

std::string Formatter::Money(Decimal amount, std::string_view currency, Rounding mode) {
  MoneyEntry& entry = impl_->Money(currency);
  // ICU rounds half-even to the minor units; another mode rounds first, so nothing is left to round
  if (mode != Rounding::HalfEven && entry.icu) {
    if (auto rounded = Round(amount, entry.minor, mode)) amount = *rounded;
  }
  if (entry.fast) {
    if (auto s = entry.fast->Format(amount)) return *std::move(s);
  }
  if (entry.icu) return FormatWith(*entry.icu, amount.ToString());
  return amount.ToString() + " " + std::string(currency);
}

std::string Formatter::Number(Decimal amount, int decimals, Rounding mode) {
  decimals = std::clamp(decimals, 0, 18);
  if (mode != Rounding::HalfEven) {
    if (auto rounded = Round(amount, decimals, mode)) amount = *rounded;
  }
  const int min_fraction = decimals, max_fraction = decimals;
  auto key = std::make_pair(min_fraction, max_fraction);
  auto it = impl_->numbers.find(key);
  if (it == impl_->numbers.end()) {
    it = impl_->numbers
             .emplace(key, number::NumberFormatter::withLocale(impl_->locale)
                               .precision(number::Precision::minMaxFraction(min_fraction, max_fraction))
                               .roundingMode(UNUM_ROUND_HALFEVEN))
             .first;
  }
  return FormatWith(it->second, amount.ToString());
}

std::string Formatter::Percent(Decimal ratio, int max_fraction, Rounding mode) {
  max_fraction = std::clamp(max_fraction, 0, 16);
  if (mode != Rounding::HalfEven) {
    if (auto rounded = Round(ratio, max_fraction + 2, mode)) ratio = *rounded;
  }
  auto it = impl_->percents.find(max_fraction);
  if (it == impl_->percents.end()) {
    it = impl_->percents
             .emplace(max_fraction, number::NumberFormatter::withLocale(impl_->locale)
                                        .unit(icu::NoUnit::percent())
                                        .scale(number::Scale::powerOfTen(2))
                                        .precision(number::Precision::maxFraction(max_fraction))
                                        .roundingMode(UNUM_ROUND_HALFEVEN))
             .first;
  }
  return FormatWith(it->second, ratio.ToString());
}

std::string Formatter::FormatDate(Date date, std::string_view pattern) {
  return FormatDateTime(DateTime{static_cast<std::int64_t>(date.days) * 86400000}, pattern);
}

std::string Formatter::FormatDate(Date date) {
  if (!impl_->medium_date) {
    impl_->medium_date.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, impl_->locale));
    if (!impl_->medium_date) return date.ToString();
    impl_->medium_date->adoptTimeZone(icu::TimeZone::getGMT()->clone());
  }
  icu::UnicodeString out;
  impl_->medium_date->format(static_cast<UDate>(date.days) * 86400000.0, out);
  return ToUtf8(out);
}

std::string Formatter::FormatDateTime(DateTime date_time, std::string_view pattern) {
  icu::SimpleDateFormat* f = impl_->DatePattern(pattern);
  if (f == nullptr) return date_time.ToString();
  icu::UnicodeString out;
  f->format(static_cast<UDate>(date_time.millis), out);
  return ToUtf8(out);
}

std::string Formatter::Plural(std::string_view pattern, std::int64_t n) {
  auto& slot = impl_->messages[std::string(pattern)];
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    slot = std::make_unique<icu::MessageFormat>(FromUtf8(pattern), impl_->locale, status);
    if (U_FAILURE(status)) {
      slot.reset();
      return std::string(pattern);
    }
  }
  icu::UnicodeString name = u"n";
  icu::Formattable arg(static_cast<int64_t>(n));
  icu::UnicodeString out;
  UErrorCode status = U_ZERO_ERROR;
  slot->format(&name, &arg, 1, out, status);
  if (U_FAILURE(status)) return std::string(pattern);
  return ToUtf8(out);
}

std::string Formatter::Upper(std::string_view s) { return ToUtf8(FromUtf8(s).toUpper(impl_->locale)); }

std::string Formatter::Lower(std::string_view s) { return ToUtf8(FromUtf8(s).toLower(impl_->locale)); }

std::string Formatter::Title(std::string_view s) { return ToUtf8(FromUtf8(s).toTitle(nullptr, impl_->locale)); }

}  // namespace missive::value

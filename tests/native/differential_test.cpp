// Property-based differential test: random well-typed expressions over generated records, in which every
// builtin and every operator appears, give the same value compiled as in the reference evaluator
// (tests/reference): the same JSON text for every let, or the same reject reason.
#include <random>
#include <set>

#include "compiler/sema/builtins.h"
#include "runtime/data/decode.h"
#include "tests/native/native_helpers.h"
#include "tests/reference/program.h"

using namespace missive;
using namespace missive::native::testing;

namespace {

const char* kSchema = R"(communication Diff version "1"
schema {
  record Item { v: Decimal; k: Int; s: String; d: Date; f: Bool }
  record R {
    id: String @key; lang: Locale = "en"; cur: Currency = "EUR"
    a: Decimal; b: Decimal; n: Int; m: Int; s: String; t: String; d: Date; e: Date; f: Bool
    o: Decimal?; w: String?; xs: [Item]; ds: [Decimal]; ns: [Int]; ss: [String]
  }
}
input R
locale lang
)";

enum class T { Int, Dec, Bool, Str, Date, Items, Decs, Ints, Strs };

/// Random expressions of a type; `covered` collects the builtins and operators used.
class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}
  std::set<std::string> covered;

  std::string Gen(T t, int depth) {
    if (depth <= 0 || Pick(4) == 0) return Atom(t);
    switch (t) {
      case T::Int: return Int(depth);
      case T::Dec: return Dec(depth);
      case T::Bool: return Bool(depth);
      case T::Str: return Str(depth);
      case T::Date: return Date(depth);
      default: return List(t, depth);
    }
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  std::string Use(const std::string& what, std::string text) {
    covered.insert(what);
    return text;
  }
  std::string Small(int lo, int hi) { return std::to_string(std::uniform_int_distribution<int>(lo, hi)(rng_)); }

  // `.field` inside a lambda over xs; `it` inside one over a scalar list
  std::string Lambda(T element, T result, int depth) {
    const T saved = it_;
    const bool saved_in = in_lambda_;
    it_ = element;
    in_lambda_ = true;
    std::string body = Gen(result, depth);
    it_ = saved;
    in_lambda_ = saved_in;
    return body;
  }
  std::string ItemsList(int depth) { return Gen(T::Items, depth); }

  std::string Atom(T t) {
    const bool item = in_lambda_ && it_ == T::Items;
    switch (t) {
      case T::Int:
        if (in_lambda_ && it_ == T::Ints && Pick(2) == 0) return "it";
        if (item && Pick(2) == 0) return ".k";
        return std::vector<std::string>{"n", "m", Small(0, 9), "-" + Small(1, 5)}[static_cast<std::size_t>(Pick(4))];
      case T::Dec:
        if (in_lambda_ && it_ == T::Decs && Pick(2) == 0) return "it";
        if (item && Pick(2) == 0) return ".v";
        return std::vector<std::string>{"a", "b", "1.25", "0.005", "100"}[static_cast<std::size_t>(Pick(5))];
      case T::Bool:
        if (item && Pick(2) == 0) return ".f";
        return std::vector<std::string>{"f", "true", "false"}[static_cast<std::size_t>(Pick(3))];
      case T::Str:
        if (in_lambda_ && it_ == T::Strs && Pick(2) == 0) return "it";
        if (item && Pick(2) == 0) return ".s";
        return std::vector<std::string>{"s", "t", "\"Ab,c\"", "\"\"", "id"}[static_cast<std::size_t>(Pick(5))];
      case T::Date:
        if (item && Pick(2) == 0) return ".d";
        return Pick(2) == 0 ? "d" : "e";
      case T::Items: return "xs";
      case T::Decs: return "ds";
      case T::Ints: return "ns";
      case T::Strs: return "ss";
    }
    return "n";
  }

  std::string Int(int depth) {
    const int d = depth - 1;
    switch (Pick(14)) {
      case 0: return Use("+", "(" + Gen(T::Int, d) + " + " + Gen(T::Int, d) + ")");
      case 1: return Use("-", "(" + Gen(T::Int, d) + " - " + Gen(T::Int, d) + ")");
      case 2: return Use("*", "(" + Gen(T::Int, d) + " * " + Gen(T::Int, d) + ")");
      case 3: return Use("%", "(" + Gen(T::Int, d) + " % " + Gen(T::Int, d) + ")");
      case 4: return Use("neg", "-" + Atom(T::Int));
      case 5: return Use("count", "count(" + Gen(Pick(2) ? T::Items : T::Strs, d) + ")");
      case 6: return Use("len", "len(" + Gen(T::Str, d) + ")");
      case 7: {
        const std::string f = std::vector<std::string>{"year", "month", "day"}[static_cast<std::size_t>(Pick(3))];
        return Use(f, f + "(" + Gen(T::Date, d) + ")");
      }
      case 8: return Use("days_between", "days_between(" + Gen(T::Date, d) + ", " + Gen(T::Date, d) + ")");
      case 9: return Use("sum", "sum(" + Gen(T::Ints, d) + ")");
      case 10: return Use("min", "min(" + Gen(T::Items, d) + ", " + Lambda(T::Items, T::Int, d) + ")");
      case 11: return Use("first", "first(" + Gen(T::Ints, d) + ")");
      case 12: return Use("if", "(if " + Gen(T::Bool, d) + " then " + Gen(T::Int, d) + " else " + Gen(T::Int, d) + ")");
      default: return Use("index", Gen(T::Items, d) + "[0].k");
    }
  }

  std::string Dec(int depth) {
    const int d = depth - 1;
    switch (Pick(17)) {
      case 0: return Use("+", "(" + Gen(T::Dec, d) + " + " + Gen(T::Int, d) + ")");
      case 1: return Use("-", "(" + Gen(T::Dec, d) + " - " + Gen(T::Dec, d) + ")");
      case 2: return Use("*", "(" + Gen(T::Dec, d) + " * " + Gen(T::Dec, d) + ")");
      case 3: return Use("/", "(" + Gen(T::Dec, d) + " / " + Gen(Pick(2) ? T::Dec : T::Int, d) + ")");
      case 4: return Use("%", "(" + Gen(T::Dec, d) + " % " + Gen(T::Dec, d) + ")");
      case 5: return Use("neg", "-" + Atom(T::Dec));
      case 6: return Use("sum", "sum(" + Gen(T::Items, d) + ", " + Lambda(T::Items, T::Dec, d) + ")");
      case 7: return Use("round", "round(" + Gen(T::Dec, d) + ", " + Small(0, 3) + ")");
      case 8: {
        const std::string mode = std::vector<std::string>{
            "half-up", "half-down", "up", "down", "floor", "ceiling"}[static_cast<std::size_t>(Pick(6))];
        return Use("round", "round(" + Gen(T::Dec, d) + ", mode: \"" + mode + "\", digits: " + Small(0, 2) + ")");
      }
      case 9: return Use("max", "max(" + Gen(T::Decs, d) + ")");
      case 10: return Use("min", "min(" + Gen(T::Decs, d) + ")");
      case 11: return Use("last", "last(" + Gen(T::Decs, d) + ")");
      case 12: return Use("first", "first(" + Gen(T::Items, d) + ").v");
      case 13: return Use("optional", "(if o != none then o else " + Gen(T::Dec, d) + ")");
      case 14: return Use("index", Gen(T::Decs, d) + "[0]");
      case 15: return Use("if", "(if " + Gen(T::Bool, d) + " then " + Gen(T::Dec, d) + " else " + Gen(T::Int, d) + ")");
      default: return Use("sum", "sum(" + Gen(T::Decs, d) + ")");
    }
  }

  std::string Bool(int depth) {
    const int d = depth - 1;
    auto compare = [&](T t) {
      static const char* kOps[] = {"==", "!=", "<", "<=", ">", ">="};
      const std::string op = kOps[Pick(6)];
      return Use(op, "(" + Gen(t, d) + " " + op + " " + Gen(t, d) + ")");
    };
    switch (Pick(15)) {
      case 0: return compare(T::Int);
      case 1: return compare(T::Dec);
      case 2: return compare(T::Date);
      case 3: return compare(T::Str);
      case 4: return Use("==", "(" + Gen(T::Bool, d) + " == " + Gen(T::Bool, d) + ")");
      case 5: return Use("and", "(" + Gen(T::Bool, d) + " and " + Gen(T::Bool, d) + ")");
      case 6: return Use("or", "(" + Gen(T::Bool, d) + " or " + Gen(T::Bool, d) + ")");
      case 7: return Use("not", "(not " + Atom(T::Bool) + ")");
      case 8: return Use("any", "any(" + Gen(T::Items, d) + ", " + Lambda(T::Items, T::Bool, d) + ")");
      case 9: return Use("all", "all(" + Gen(T::Ints, d) + ", " + Lambda(T::Ints, T::Bool, d) + ")");
      case 10: return Use("contains", "contains(" + Gen(T::Str, d) + ", " + Gen(T::Str, d) + ")");
      case 11: return Use("starts_with", "starts_with(" + Gen(T::Str, d) + ", " + Gen(T::Str, d) + ")");
      case 12: return Use("ends_with", "ends_with(" + Gen(T::Str, d) + ", " + Gen(T::Str, d) + ")");
      case 13: return Use("none", Pick(2) ? "(w != none)" : "(o == none)");
      default: return Use("==", "(" + Gen(T::Strs, d) + "[0] == " + Gen(T::Str, d) + ")");
    }
  }

  std::string Str(int depth) {
    const int d = depth - 1;
    switch (Pick(24)) {
      case 0: return Use("upper", "upper(" + Gen(T::Str, d) + ")");
      case 1: return Use("lower", "lower(" + Gen(T::Str, d) + ")");
      case 2: return Use("title", "title(" + Gen(T::Str, d) + ")");
      case 3: return Use("trim", "trim(" + Gen(T::Str, d) + ")");
      case 4: return Use("replace", "replace(" + Gen(T::Str, d) + ", \"b\", " + Gen(T::Str, d) + ")");
      case 5: return Use("pad_left", "pad_left(" + Gen(T::Str, d) + ", " + Small(0, 12) + ", \"*\")");
      case 6: return Use("pad_right", "pad_right(" + Gen(T::Str, d) + ", width: " + Small(0, 12) + ")");
      case 7: return Use("truncate", "truncate(" + Gen(T::Str, d) + ", " + Small(1, 6) + ")");
      case 8: return Use("join", "join(" + Gen(T::Strs, d) + ", \"/\")");
      case 9: return Use("money", "money(" + Gen(T::Dec, d) + ", cur)");
      case 10: return Use("money", "money(" + Gen(T::Dec, d) + ", \"JPY\", mode: \"half-up\")");
      case 11: return Use("number", "number(" + Gen(T::Dec, d) + ")");
      case 12: return Use("number", "number(" + Gen(T::Dec, d) + ", decimals: " + Small(0, 3) + ")");
      case 13: return Use("percent", "percent(" + Gen(T::Dec, d) + ", " + Small(0, 2) + ")");
      case 14: return Use("format", "format(" + Gen(T::Date, d) + ", \"d MMMM yyyy\")");
      case 15: return Use("date", "date(" + Gen(T::Date, d) + ")");
      case 16:
        return Use("plural",
                   "plural(" + Gen(T::Int, d) + ", \"\\{n, plural, one \\{# item\\} other \\{# items\\}\\}\")");
      case 17:
        return Use("string",
                   "string(" +
                       Gen(std::vector<T>{T::Int, T::Dec, T::Bool, T::Date}[static_cast<std::size_t>(Pick(4))], d) +
                       ")");
      case 18: return Use("interpolation", "\"<{" + Gen(T::Dec, d) + "}|{" + Gen(T::Str, d) + "}>\"");
      case 19: return Use("optional", "(if w != none then w else " + Gen(T::Str, d) + ")");
      case 20: return Use("if", "(if " + Gen(T::Bool, d) + " then " + Gen(T::Str, d) + " else " + Gen(T::Str, d) + ")");
      case 21: return Use("max", "max(" + Gen(T::Strs, d) + ")");
      case 22: return Use("index", Gen(T::Strs, d) + "[0]");
      default: return Use("last", "last(" + Gen(T::Items, d) + ").s");
    }
  }

  std::string Date(int depth) {
    const int d = depth - 1;
    switch (Pick(5)) {
      case 0: return Use("add_days", "add_days(" + Gen(T::Date, d) + ", " + Gen(T::Int, d) + ")");
      case 1: return Use("add_months", "add_months(" + Gen(T::Date, d) + ", " + Gen(T::Int, d) + ")");
      case 2: return Use("max", "max(" + Gen(T::Items, d) + ", .d)");
      case 3:
        return Use("if", "(if " + Gen(T::Bool, d) + " then " + Gen(T::Date, d) + " else " + Gen(T::Date, d) + ")");
      default: return Use("first", "first(sort_by(" + Gen(T::Items, d) + ", .d)).d");
    }
  }

  std::string List(T t, int depth) {
    const int d = depth - 1;
    switch (t) {
      case T::Items:
        switch (Pick(4)) {
          case 0: return Use("where", "(" + Gen(T::Items, d) + " where " + Lambda(T::Items, T::Bool, d) + ")");
          case 1:
            return Use("sort_by",
                       "sort_by(" + Gen(T::Items, d) + ", " + Lambda(T::Items, Pick(2) ? T::Dec : T::Str, d) + ")");
          case 2: return Use("group_by", "first(group_by(" + Gen(T::Items, d) + ", .k)).items");
          default: return "xs";
        }
      case T::Decs:
        switch (Pick(5)) {
          case 0: return Use("map", "map(" + Gen(T::Items, d) + ", " + Lambda(T::Items, T::Dec, d) + ")");
          case 1: return Use("running_sum", "running_sum(" + Gen(T::Items, d) + ", .v, from: " + Gen(T::Dec, d) + ")");
          case 2: return Use("running_sum", "running_sum(" + Gen(T::Decs, d) + ")");
          case 3: return Use("list", "[" + Gen(T::Dec, d) + ", " + Gen(T::Int, d) + "]");
          default: return Use("sort_by", "sort_by(" + Gen(T::Decs, d) + ", it)");
        }
      case T::Ints:
        switch (Pick(4)) {
          case 0: return Use("map", "map(" + Gen(T::Items, d) + ", .k)");
          case 1: return Use("group_by", "map(group_by(" + Gen(T::Items, d) + ", .k), .key)");
          case 2: return Use("list", "[" + Gen(T::Int, d) + ", 3]");
          default: return Use("where", "(ns where " + Lambda(T::Ints, T::Bool, d) + ")");
        }
      default:
        switch (Pick(3)) {
          case 0: return Use("split", "split(" + Gen(T::Str, d) + ", \",\")");
          case 1: return Use("map", "map(" + Gen(T::Items, d) + ", upper(.s))");
          default: return "ss";
        }
    }
  }

  std::mt19937 rng_;
  T it_ = T::Int;
  bool in_lambda_ = false;
};

std::string Record(std::mt19937& rng, int i) {
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  auto dec = [&] {
    return "\"" + std::to_string(pick(4000) - 1000) + "." + std::to_string(pick(10)) + std::to_string(pick(10)) + "\"";
  };
  auto date = [&] {
    return "\"20" + std::to_string(10 + pick(20)) + "-0" + std::to_string(1 + pick(9)) + "-" +
           std::to_string(10 + pick(19)) + "\"";
  };
  static const char* kWords[] = {"Ab,c", "straße", "Émile Zoë", "  pad ", "x,y,z", "ÅNGSTRÖM", "b"};
  auto word = [&] { return std::string("\"") + kWords[pick(7)] + "\""; };
  std::string items;
  const int n = 1 + pick(5);
  for (int k = 0; k < n; ++k) {
    items += std::string(k ? ", " : "") + "{\"v\": " + dec() + ", \"k\": " + std::to_string(pick(7) - 2) +
             ", \"s\": " + word() + ", \"d\": " + date() + ", \"f\": " + (pick(2) ? "true" : "false") + "}";
  }
  static const char* kLangs[] = {"en", "de", "fr", "ar"};
  static const char* kCurrencies[] = {"EUR", "USD", "JPY", "GBP"};
  return std::string("{\"id\": \"r") + std::to_string(i) + "\", \"lang\": \"" + kLangs[pick(4)] + "\", \"cur\": \"" +
         kCurrencies[pick(4)] + "\", \"a\": " + dec() + ", \"b\": " + dec() +
         ", \"n\": " + std::to_string(pick(40) - 10) + ", \"m\": " + std::to_string(pick(5) + 1) +
         ", \"s\": " + word() + ", \"t\": " + word() + ", \"d\": " + date() + ", \"e\": " + date() +
         ", \"f\": " + (pick(2) ? "true" : "false") + (pick(2) ? ", \"o\": " + dec() : std::string()) +
         (pick(2) ? ", \"w\": " + word() : std::string()) + ", \"xs\": [" + items + "], \"ds\": [" + dec() + ", " +
         dec() + "], \"ns\": [" + std::to_string(pick(9)) + ", " + std::to_string(pick(9)) + "], \"ss\": [" + word() +
         ", " + word() + "]}";
}

}  // namespace

TEST_CASE("10,000 random expressions: compiled code and the reference evaluator agree on every value") {
  constexpr int kPrograms = 40, kLets = 250, kRecords = 8;
  std::set<std::string> covered;
  int compared = 0, rejected = 0;
  std::mt19937 records(7);
  for (int p = 0; p < kPrograms; ++p) {
    Generator gen(static_cast<std::uint32_t>(1000 + p));
    static const T kTypes[] = {T::Int, T::Dec, T::Bool, T::Str, T::Date, T::Decs, T::Ints, T::Strs};
    std::string rules = "rules {\n";
    for (int i = 0; i < kLets; ++i) rules += "  let v" + std::to_string(i) + " = " + gen.Gen(kTypes[i % 8], 4) + "\n";
    rules += "}\nlayout print { \"x\" }\n";
    covered.insert(gen.covered.begin(), gen.covered.end());
    const std::string text = std::string(kSchema) + rules;
    auto b = BuildText(text, 0);  // O0: the same code generator, a quicker compile of 250 lets
    INFO(b.diagnostics);
    REQUIRE(b.program);
    reference::Program reference(b.checked);
    auto oracle = reference.NewWorker();
    auto worker = b.program->NewWorker();
    data::JsonDecoder values(b.program->input());
    for (int r = 0; r < kRecords; ++r) {
      const std::string json = Record(records, r);
      INFO("program " << p << ", record " << json);
      auto decoded = values.Decode(json);
      REQUIRE(decoded.violations.empty());
      REQUIRE(worker->Decode(json));
      native::RunOptions options;
      options.lets = true;
      options.build_print = false;
      const native::Outcome got = worker->Run(options);
      const reference::Outcome want = oracle->Evaluate(*decoded.record);
      CHECK(got.reject_reasons == want.reject_reasons);
      rejected += got.rejected() ? 1 : 0;
      REQUIRE(got.lets.size() == want.lets.size());
      for (std::size_t i = 0; i < want.lets.size(); ++i) {
        INFO(want.lets[i].first);
        CHECK(Json(got.lets[i].second) == Json(want.lets[i].second));
        ++compared;
      }
    }
  }
  INFO(compared << " values compared, " << rejected << " records rejected by a runtime error");
  CHECK(compared > kPrograms * kLets);
  // every builtin and every operator appeared
  for (const auto& spec : sema::Builtins()) {
    INFO(spec.name);
    CHECK(covered.count(spec.name) == 1);
  }
  for (const char* op :
       {"+",   "-",     "*",  "/",     "%",    "neg",           "==",       "!=",  "<", "<=", ">", ">=", "and", "or",
        "not", "where", "if", "index", "list", "interpolation", "optional", "none"}) {
    INFO(op);
    CHECK(covered.count(op) == 1);
  }
}

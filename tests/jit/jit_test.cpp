// The compiled program against the reference evaluator (tests/reference): the statement's rules on
// generated records, runtime errors as statuses with their sites, the object cache (reuse, identical
// results, corrupt entries rebuilt) and the LLVM IR dump.
#include "compiler/jit/jit.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "runtime/compose/native_builder.h"
#include "runtime/data/decode.h"
#include "runtime/data/native_decode.h"
#include "runtime/value/format.h"
#include "tests/jit/jit_helpers.h"
#include "tests/reference/program.h"

using namespace missive;
using namespace missive::jit::testing;

namespace {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

/// A record through the compiled program and through the reference evaluator: the same reasons, and
/// when accepted the same value for every let (by their JSON text: Decimals with their scale).
class Differential {
 public:
  explicit Differential(const Built& b)
      : b_(b),
        values_(b.program->input()),
        reference_(b.checked),
        native_(b.program->NewWorker()),
        oracle_(reference_.NewWorker()) {}

  /// "" when both agree, else what differs.
  std::string Compare(const std::string& json) {
    auto v = values_.Decode(json);
    if (!v.violations.empty()) return "the record does not decode";
    if (!native_->Decode(json)) return "the record does not decode natively";
    native::RunOptions options;
    options.lets = true;
    options.build_print = false;
    last = native_->Run(options);
    const reference::Outcome want = oracle_->Evaluate(*v.record);
    if (last.reject_reasons != want.reject_reasons) {
      std::string r = "reasons differ:";
      for (const auto& x : last.reject_reasons) r += " [" + x + "]";
      r += " vs";
      for (const auto& x : want.reject_reasons) r += " [" + x + "]";
      return r;
    }
    if (last.rejected()) return "";
    if (last.channel != want.channel) return "channel " + last.channel + " vs " + want.channel;
    if (last.lets.size() != want.lets.size()) return "a different number of lets";
    for (std::size_t i = 0; i < want.lets.size(); ++i) {
      const std::string got = data::ValueToJson(last.lets[i].second), expected = data::ValueToJson(want.lets[i].second);
      if (got != expected) return want.lets[i].first + ": " + got + " vs " + expected;
    }
    return "";
  }
  native::Outcome last;

 private:
  const Built& b_;
  data::JsonDecoder values_;
  reference::Program reference_;
  std::unique_ptr<native::Worker> native_;
  std::unique_ptr<reference::Worker> oracle_;
};

/// The rules function called directly on a decoded record, with the runtime state it needs.
struct Direct {
  std::vector<compose::Prototype> protos;
  compose::NativeBuilder builder{protos, nullptr};
  value::Formatter formatter{"en"};
  data::Arena arena{4096};
  MsvRuntimeCtx ctx{};
  std::vector<std::byte> lets;

  std::int32_t Run(jit::RulesFn rules, const lower::Program& ir, const void* record,
                   void* (*alloc)(void*, std::uint64_t, std::uint64_t) = data::ArenaAllocate) {
    arena.Reset();
    builder.Start(&formatter, data::ArenaAllocate, &arena);
    ctx = MsvRuntimeCtx{};
    ctx.alloc = alloc;
    ctx.alloc_state = &arena;
    ctx.state = &builder;
    ctx.error_site = -1;
    lets.assign(ir.lets_size + 16, std::byte{0});
    return rules(record, lets.data(), &ctx);
  }
};

// The lets as text (lists by their elements, not their addresses), to compare two runs.
std::string LetsText(const lower::Program& ir, const Direct& d) {
  std::string out;
  for (const auto& rule : ir.rules) {
    const std::byte* slot = d.lets.data() + rule.slot;
    out += rule.name + "=";
    const lower::Type& t = ir.T(rule.type);
    if (t.kind == lower::Kind::List) {
      MsvList list;
      std::memcpy(&list, slot, sizeof list);
      out += "[" + std::to_string(list.len) + "]";
      if (ir.T(t.element).kind == lower::Kind::Decimal) {
        for (std::size_t i = 0; i < list.len; ++i) {
          MsvDecimal dec;
          std::memcpy(&dec, static_cast<const std::byte*>(list.ptr) + i * sizeof dec, sizeof dec);
          out += " " + abi::FromAbi(dec).ToString();
        }
      }
    } else if (t.kind == lower::Kind::Decimal) {
      MsvDecimal dec;
      std::memcpy(&dec, slot, sizeof dec);
      out += abi::FromAbi(dec).ToString();
    } else {
      for (std::uint32_t i = 0; i < lower::SizeOf(ir, rule.type).size; ++i)
        out += std::to_string(static_cast<int>(slot[i])) + ".";
    }
    out += "\n";
  }
  return out;
}

std::vector<std::string> GeneratedRecords(const std::filesystem::path& dir) {
  const std::string out = (dir / "statements.jsonl").string();
  const std::string cmd =
      "python3 " + SourceDir() + "/bench/gen_statements.py --count 1000 --seed 4 --out " + out + " > /dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::ifstream in(out);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("the compiled statement equals the reference evaluator on 1,000 generated records and edge cases") {
  auto b = BuildStatement();
  TempDir tmp("missive-jit-records");
  std::vector<std::string> lines = GeneratedRecords(tmp.path);
  REQUIRE(lines.size() == 1000);
  // no transactions (a require fails, then `first` fails: the require's reason counts), an empty name,
  // an overdrawn and a premium account
  const std::string head =
      R"({"id": "E1", "name": "N", "consent": {}, "address": {"line1": "1 A St", "city": "C", "postcode": "1", "country": "GB"}, "account": {"number": "1", "currency": "EUR", )";
  lines.push_back(head + R"("opening_balance": "5", "transactions": []}})");
  lines.push_back(
      R"({"id": "E2", "name": "", "consent": {}, "account": {"number": "1", "currency": "EUR", "opening_balance": "5", "transactions": [{"date": "2026-10-01", "description": "x", "amount": "1"}]}})");
  lines.push_back(
      head +
      R"("opening_balance": "-0.01", "transactions": [{"date": "2026-10-01", "description": "x", "amount": "0.00"}]}})");
  lines.push_back(
      head +
      R"("opening_balance": "10000.001", "transactions": [{"date": "2026-10-03", "description": "x", "amount": 0}]}})");
  Differential diff(b);
  int rejected = 0, overdrawn = 0, premium = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO("record " << i);
    CHECK(diff.Compare(lines[i]) == "");
    rejected += diff.last.rejected() ? 1 : 0;
    if (!diff.last.rejected()) {
      overdrawn += data::ValueToJson(Let(diff.last, "overdrawn")) == "true" ? 1 : 0;
      premium += data::ValueToJson(Let(diff.last, "premium")) == "true" ? 1 : 0;
    }
  }
  CHECK(rejected == 2);
  CHECK(overdrawn > 0);
  CHECK(premium > 0);
}

TEST_CASE("memory the runtime cannot give is a status at the site that asked, not a crash") {
  auto b = BuildStatement();
  const lower::Program& ir = b.program->ir();
  jit::Options options;
  options.use_cache = false;
  auto compiled = jit::Compile(ir, options);
  REQUIRE(compiled.program);
  std::ifstream in(SourceDir() + "/examples/statement/data/statements.jsonl");
  std::string line;
  REQUIRE(std::getline(in, line));
  data::NativeJsonDecoder decoder(b.program->layouts(), b.program->input());
  auto decoded = decoder.Decode(line);
  REQUIRE(decoded.record != nullptr);
  Direct direct;
  const auto exhausted = [](void*, std::uint64_t, std::uint64_t) -> void* { return nullptr; };
  CHECK(direct.Run(compiled.program->rules(), ir, decoded.record, exhausted) == kMsvOutOfMemory);
  REQUIRE(direct.ctx.error_site >= 0);
  CHECK(ir.sites[static_cast<std::size_t>(direct.ctx.error_site)].name == "running_sum");
  CHECK(direct.ctx.rules_done == 7);  // `balances`
}

TEST_CASE("runtime errors reject with their site and reason, operators match the reference") {
  auto b = BuildText(R"(communication T version "1"
schema { record R { id: String @key; a: Decimal; z: Decimal = 1; n: Int; e: Email?; xs: [Item] }
         record Item { v: Decimal; k: Int } }
input R
rules {
  let m = n * n
  let big = a * a
  let q = a / z
  let r = n % 4 - -n
  let c = if n > 2 then a + 1 else a - 0.5
  let flag = not (n % 2 == 0) or a >= 2.5
  let named = id != "" and id == "k1"
  let has_email = e != none
  let no_email = e == none
  let k = count(xs where .k >= n)
  let s = sum(xs where .v * 2 > a, .v * .v)
  let neg = -sum(xs, .v)
  let first_k = first(xs).k + 0
  let third = xs[2].v
}
layout print { "{m} {big} {q} {r} {c} {flag} {named} {has_email} {no_email} {k} {s} {neg} {first_k} {third}" }
)");
  INFO(b.diagnostics);
  REQUIRE(b.program);
  Differential diff(b);
  struct Case {
    const char* json;
    const char* reason;  ///< "" when accepted
  };
  const Case cases[] = {
      {R"({"id": "k1", "a": "2.5", "z": "0.5", "n": 3, "e": "a@b.example", "xs": [{"v": "1.25", "k": 3}, {"v": "7", "k": 1}, {"v": "-0.5", "k": 0}]})",
       ""},
      {R"({"id": "", "a": "-1", "n": -7, "xs": [{"v": "0.1", "k": -9}, {"v": "0", "k": 0}, {"v": "2", "k": 0}]})", ""},
      {R"({"id": "x", "a": "1", "n": 4611686018427387904, "xs": []})", "t.msv:6:11: integer overflow"},
      {R"({"id": "x", "a": "100000000000000000000000000000", "n": 1, "xs": []})", "t.msv:7:13: decimal overflow"},
      {R"({"id": "x", "a": "1", "z": "0.00", "n": 1, "xs": []})", "t.msv:8:11: division by zero"},
      {R"({"id": "x", "a": "1", "n": 1, "xs": []})", "t.msv:18:17: `first` of an empty list"},
      {R"({"id": "x", "a": "1", "n": 1, "xs": [{"v": "1", "k": 1}]})",
       "t.msv:19:15: index 2 is out of range (the list has 1 items)"},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    CHECK(diff.Compare(c.json) == "");
    if (*c.reason == '\0') {
      CHECK_FALSE(diff.last.rejected());
    } else {
      CHECK(diff.last.reject_reasons == std::vector<std::string>{c.reason});
    }
  }
}

TEST_CASE("the object cache: a second compile generates no code and gives identical results") {
  auto b = BuildStatement();
  const lower::Program& ir = b.program->ir();
  TempDir cache("missive-jit-cache");
  jit::Options options;
  options.cache_dir = cache.path.string();
  auto first = jit::Compile(ir, options);
  REQUIRE(first.program);
  // rules, when, value and layout, the rule chunks and layout parts they call
  const int functions = first.program->stats().compiled_functions;
  CHECK(functions >= 4);
  CHECK_FALSE(first.program->stats().cache_hit);
  const std::string entry = first.program->stats().cache_path;
  CHECK(entry == options.cache_dir + "/" + first.program->stats().key + ".o");
  REQUIRE(std::filesystem::exists(entry));
  CHECK(first.program->stats().key.size() == 64);

  auto second = jit::Compile(ir, options);
  REQUIRE(second.program);
  CHECK(second.program->stats().compiled_functions == 0);
  CHECK(second.program->stats().cache_hit);
  CHECK(second.program->stats().key == first.program->stats().key);

  // a different optimisation level is a different entry
  jit::Options o1 = options;
  o1.opt_level = 1;
  auto other = jit::Compile(ir, o1);
  REQUIRE(other.program);
  CHECK(other.program->stats().key != first.program->stats().key);
  CHECK(other.program->stats().compiled_functions == functions);

  // the program's sources (key_extra) are part of the key
  jit::Options sources = options;
  sources.key_extra = b.program->version_hash();
  auto keyed = jit::Compile(ir, sources);
  REQUIRE(keyed.program);
  CHECK(keyed.program->stats().key != first.program->stats().key);

  // --no-cache neither reads nor writes
  jit::Options none = options;
  none.use_cache = false;
  auto uncached = jit::Compile(ir, none);
  REQUIRE(uncached.program);
  CHECK(uncached.program->stats().compiled_functions == functions);
  CHECK(uncached.program->stats().cache_path == "");

  // a corrupt entry is rebuilt, then hit again
  {
    std::fstream f(entry, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200);
    f.put('\x5a');
  }
  auto rebuilt = jit::Compile(ir, options);
  REQUIRE(rebuilt.program);
  CHECK(rebuilt.program->stats().cache_rebuilt);
  CHECK_FALSE(rebuilt.program->stats().cache_hit);
  CHECK(rebuilt.program->stats().compiled_functions == functions);
  auto again = jit::Compile(ir, options);
  REQUIRE(again.program);
  CHECK(again.program->stats().cache_hit);
  CHECK_FALSE(again.program->stats().cache_rebuilt);

  // identical results from the compiled, cached and rebuilt code
  std::ifstream in(SourceDir() + "/examples/statement/data/statements.jsonl");
  data::NativeJsonDecoder native(b.program->layouts(), b.program->input());
  Direct x, y, z;
  int records = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto d = native.Decode(line);
    REQUIRE(d.record != nullptr);
    CHECK(x.Run(first.program->rules(), ir, d.record) == 0);
    CHECK(y.Run(second.program->rules(), ir, d.record) == 0);
    CHECK(z.Run(again.program->rules(), ir, d.record) == 0);
    CHECK(LetsText(ir, x) == LetsText(ir, y));
    CHECK(LetsText(ir, x) == LetsText(ir, z));
    ++records;
  }
  CHECK(records >= 10);
}

TEST_CASE("the object cache key is the IR and the versions: fonts and ICU data do not change the code") {
  // The IR holds every offset, constant and runtime call of the generated code; fonts and ICU are
  // used by the runtime the code calls, never compiled into it. Two programs that differ only in a
  // style's font lower to the same IR text outside their style table, and to the same key.
  const std::string base = R"(communication T version "1"
schema { record R { id: String @key; n: Int } }
input R
style s { font: "FONT" }
layout print { text "{n}" style s }
)";
  auto with = [&](const std::string& font) {
    std::string text = base;
    text.replace(text.find("FONT"), 4, font);
    return BuildText(text);
  };
  auto sans = with("DejaVu Sans"), serif = with("DejaVu Serif");
  INFO(sans.diagnostics << serif.diagnostics);
  REQUIRE(sans.program);
  REQUIRE(serif.program);
  CHECK(lower::Print(sans.program->ir()) == lower::Print(serif.program->ir()));
  CHECK(sans.program->ir().styles[1].family != serif.program->ir().styles[1].family);
  jit::Options options;
  options.use_cache = false;
  CHECK(jit::Compile(sans.program->ir(), options).program->stats().key ==
        jit::Compile(serif.program->ir(), options).program->stats().key);
}

TEST_CASE("the LLVM IR: field access as constant-offset loads, rules as straight-line code") {
  auto b = BuildStatement();
  const std::string o2 = jit::LlvmIrText(b.program->ir(), 2);
  INFO(o2);
  CHECK(o2.find("define i32 @missive_rules(ptr noalias") != std::string::npos);
  // account.opening_balance (184 + 32) is passed by address; account.transactions (184 + 56) is loaded
  CHECK(o2.find("getelementptr inbounds i8, ptr %record, i64 216") != std::string::npos);
  CHECK(o2.find("getelementptr inbounds i8, ptr %record, i64 240") != std::string::npos);
  CHECK(o2.find("call i32 @msv_dec_add(") != std::string::npos);
  CHECK(o2.find("call i32 @msv_dec_cmp(") != std::string::npos);
  CHECK(o2.find("declare i32 @msv_str_eq(") != std::string::npos);
  const std::string o0 = jit::LlvmIrText(b.program->ir(), 0);
  CHECK(o0.find("getelementptr inbounds i8, ptr %record, i64 216") != std::string::npos);
}

TEST_CASE("inline same-scale decimal arithmetic overflows like the runtime and matches it otherwise") {
  auto b = BuildText(R"(communication T version "1"
schema { record R { id: String @key; a: Decimal; xs: [Item] }
         record Item { v: Decimal } }
input R
rules {
  let twice = a + a
  let total = sum(xs, .v)
  let diff = a - total
  let above = total > a
  let zero = total == 0
}
layout print { "{twice} {total} {diff} {above} {zero}" }
)");
  INFO(b.diagnostics);
  REQUIRE(b.program);
  Differential diff(b);
  const char* big = "100000000000000000000000000000000000000";  // 1e38: twice it overflows 128 bits
  struct Case {
    std::string json;
    const char* reason;
  };
  const Case cases[] = {
      {std::string(R"({"id": "1", "a": ")") + big + R"(", "xs": []})", "t.msv:6:15: decimal overflow"},
      {std::string(R"({"id": "1", "a": "1", "xs": [{"v": ")") + big + R"("}, {"v": ")" + big + R"("}]})",
       "t.msv:7:15: decimal overflow"},
      {std::string(R"({"id": "1", "a": "-8)") + std::string(37, '0') + R"(", "xs": [{"v": ")" + big + R"("}]})",
       "t.msv:8:14: decimal overflow"},
      {R"({"id": "1", "a": "1.5", "xs": [{"v": "1"}, {"v": "2.25"}, {"v": "-0.125"}]})", ""},
      {R"({"id": "1", "a": "0.10", "xs": [{"v": "0.10"}, {"v": "-0.10"}]})", ""},
      {R"({"id": "1", "a": "-7", "xs": []})", ""},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    CHECK(diff.Compare(c.json) == "");
    if (*c.reason == '\0') {
      CHECK_FALSE(diff.last.rejected());
    } else {
      CHECK(diff.last.reject_reasons == std::vector<std::string>{c.reason});
    }
  }
}

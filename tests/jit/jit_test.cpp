// JIT-compiled rules against the evaluator: the statement's rules on generated records, runtime errors
// as statuses, the object cache (reuse, identical results, corrupt entries rebuilt) and the LLVM IR dump.
#include "compiler/jit/jit.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "compiler/lower/lower.h"
#include "runtime/data/decode.h"
#include "runtime/data/native_decode.h"
#include "tests/jit/jit_helpers.h"

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

// The evaluator's value of a let against its native slot; "" when equal.
std::string Compare(const lower::Rule& rule, const value::Value& v, const std::byte* lets) {
  const std::byte* slot = lets + rule.slot;
  switch (rule.ty) {
    case lower::Ty::Decimal: {
      if (!v.is<value::Decimal>()) return rule.name + ": not a decimal in the evaluator";
      MsvDecimal d;
      std::memcpy(&d, slot, sizeof d);
      const value::Decimal n = abi::FromAbi(d), e = v.as<value::Decimal>();
      return n.mantissa == e.mantissa && n.scale == e.scale ? ""
                                                            : rule.name + ": " + n.ToString() + " vs " + e.ToString();
    }
    case lower::Ty::Int: {
      std::int64_t i = 0;
      std::memcpy(&i, slot, 8);
      return v.is<std::int64_t>() && v.as<std::int64_t>() == i ? "" : rule.name + ": int";
    }
    case lower::Ty::Bool: return v.is<bool>() && (*slot == std::byte{1}) == v.as<bool>() ? "" : rule.name + ": bool";
    case lower::Ty::Date: {
      std::int32_t days = 0;
      std::memcpy(&days, slot, 4);
      return v.is<value::Date>() && v.as<value::Date>().days == days ? "" : rule.name + ": date";
    }
    case lower::Ty::List: {
      MsvList list;
      std::memcpy(&list, slot, sizeof list);
      const auto& items = *v.as<std::shared_ptr<const value::List>>();
      if (items.size() != list.len) return rule.name + ": list length";
      for (std::size_t i = 0; i < items.size() && rule.name == "balances"; ++i) {
        MsvDecimal d;
        std::memcpy(&d, static_cast<const std::byte*>(list.ptr) + i * sizeof d, sizeof d);
        const value::Decimal n = abi::FromAbi(d), e = items[i].as<value::Decimal>();
        if (n.mantissa != e.mantissa || n.scale != e.scale) return rule.name + "[" + std::to_string(i) + "]";
      }
      return "";
    }
    default: return "";
  }
}

struct Native {
  std::int32_t status = 0;
  MsvRuntimeCtx ctx{};
  std::vector<std::byte> lets;
  std::unique_ptr<data::Arena> arena = std::make_unique<data::Arena>(4096);  // list results
};

Native Run(jit::RulesFn fn, const lower::RuleProgram& ir, const void* record) {
  Native n;
  n.lets.assign(ir.lets_size + 16, std::byte{0});
  n.ctx.error_rule = -1;
  n.ctx.alloc = data::ArenaAllocate;
  n.ctx.alloc_state = n.arena.get();
  n.status = fn(record, n.lets.data(), &n.ctx);
  return n;
}

// The lets as text (lists by their elements, not their addresses), to compare two runs.
std::string LetsText(const lower::RuleProgram& ir, const Native& n) {
  std::string out = std::to_string(n.status) + " " + std::to_string(n.ctx.reject_mask) + "\n";
  for (const auto& rule : ir.rules) {
    if (rule.is_require) continue;
    const std::byte* slot = n.lets.data() + rule.slot;
    out += rule.name + "=";
    if (rule.ty == lower::Ty::List) {
      MsvList list;
      std::memcpy(&list, slot, sizeof list);
      out += "[" + std::to_string(list.len) + "]";
      if (rule.name == "balances") {
        for (std::size_t i = 0; i < list.len; ++i) {
          MsvDecimal d;
          std::memcpy(&d, static_cast<const std::byte*>(list.ptr) + i * sizeof d, sizeof d);
          out += " " + abi::FromAbi(d).ToString();
        }
      }
    } else if (rule.ty == lower::Ty::Decimal) {
      MsvDecimal d;
      std::memcpy(&d, slot, sizeof d);
      out += abi::FromAbi(d).ToString();
    } else {
      for (std::uint32_t i = 0; i < lower::TySize(rule.ty); ++i) out += std::to_string(static_cast<int>(slot[i])) + ".";
    }
    out += "\n";
  }
  return out;
}

// Every let, the reject reasons and whether the record is rejected, as the evaluator has them.
void ExpectSame(const lower::RuleProgram& ir, const Native& n, const eval::Outcome& o) {
  std::vector<std::string> reasons;
  for (const auto& rule : ir.rules)
    if (rule.is_require && (n.ctx.reject_mask >> rule.require_index & 1)) reasons.push_back(rule.message);
  if (!reasons.empty()) {
    CHECK(reasons == o.reject_reasons);
    return;
  }
  CHECK((n.status != 0) == o.rejected());
  if (n.status != 0) return;
  for (const auto& rule : ir.rules) {
    if (rule.is_require) continue;
    bool found = false;
    for (const auto& [name, v] : o.lets) {
      if (name != rule.name) continue;
      found = true;
      CHECK(Compare(rule, v, n.lets.data()) == "");
    }
    CHECK(found);
  }
}

struct StatementRig {
  Built b = BuildStatement();
  abi::Layouts layouts{b.program->input()};
  lower::RuleProgram ir;
  StatementRig() {
    auto lowered = lower::LowerRules(*b.checked->modules[0].ast, b.program->input(), layouts);
    REQUIRE(lowered.unsupported.empty());
    REQUIRE(lowered.program);
    ir = std::move(*lowered.program);
  }
};

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

TEST_CASE("JIT'd statement rules equal the evaluator on 1,000 generated records and edge cases") {
  StatementRig rig;
  TempDir tmp("missive-jit-records");
  jit::Options options;
  options.use_cache = false;
  auto compiled = jit::Compile(rig.ir, options);
  REQUIRE(compiled.error == "");
  REQUIRE(compiled.rules);
  CHECK(compiled.rules->stats().compiled_functions == 4);
  CHECK_FALSE(compiled.rules->stats().cache_hit);

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

  data::JsonDecoder values(rig.b.program->input());
  data::NativeJsonDecoder native(rig.layouts, rig.b.program->input());
  auto worker = rig.b.program->NewWorker();
  eval::EvalOptions eval_options;
  eval_options.build_print = false;
  int rejected = 0, overdrawn = 0, premium = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO("record " << i);
    auto v = values.Decode(lines[i]);
    REQUIRE(v.violations.empty());
    auto d = native.Decode(lines[i]);
    REQUIRE(d.record != nullptr);
    const eval::Outcome o = worker->Evaluate(*v.record, eval_options);
    const Native n = Run(compiled.rules->fn(), rig.ir, d.record);
    ExpectSame(rig.ir, n, o);
    rejected += o.rejected() ? 1 : 0;
    if (!o.rejected()) {
      overdrawn += *(n.lets.data() + rig.ir.rules[8].slot) == std::byte{1} ? 1 : 0;
      premium += *(n.lets.data() + rig.ir.rules[9].slot) == std::byte{1} ? 1 : 0;
    }
  }
  CHECK(rejected == 2);

  // running_sum's memory comes from the caller: an exhausted allocator is a status, not a crash
  auto d = native.Decode(lines[0]);
  REQUIRE(d.record != nullptr);
  std::vector<std::byte> lets(rig.ir.lets_size + 16);
  MsvRuntimeCtx ctx{0,       -1,      0, [](void*, std::uint64_t, std::uint64_t) -> void* { return nullptr; },
                    nullptr, nullptr, 0, -1};
  CHECK(compiled.rules->fn()(d.record, lets.data(), &ctx) == kMsvOutOfMemory);
  CHECK(ctx.error_rule == 7);
  CHECK(overdrawn > 0);
  CHECK(premium > 0);
}

TEST_CASE("runtime errors are statuses naming the rule; other operators match the evaluator") {
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
}
)");
  abi::Layouts layouts(b.program->input());
  auto lowered = lower::LowerRules(*b.checked->modules[0].ast, b.program->input(), layouts);
  REQUIRE(lowered.unsupported.empty());
  const lower::RuleProgram& ir = *lowered.program;
  REQUIRE(lower::Verify(ir).empty());
  jit::Options options;
  options.use_cache = false;
  options.opt_level = 1;
  auto compiled = jit::Compile(ir, options);
  REQUIRE(compiled.rules);
  data::JsonDecoder values(b.program->input());
  data::NativeJsonDecoder native(layouts, b.program->input());
  auto worker = b.program->NewWorker();

  struct Case {
    const char* json;
    std::int32_t status;
    std::int32_t rule;
    const char* evaluator_message;
  };
  const Case cases[] = {
      {R"({"id": "k1", "a": "2.5", "z": "0.5", "n": 3, "e": "a@b.example", "xs": [{"v": "1.25", "k": 3}, {"v": "7", "k": 1}]})",
       0, -1, ""},
      {R"({"id": "", "a": "-1", "n": -7, "xs": [{"v": "0.1", "k": -9}]})", 0, -1, ""},
      {R"({"id": "x", "a": "1", "n": 4611686018427387904, "xs": []})", kMsvOverflow, 0, "integer overflow"},
      {R"({"id": "x", "a": "100000000000000000000000000000", "n": 1, "xs": []})", kMsvOverflow, 1, "decimal overflow"},
      {R"({"id": "x", "a": "1", "z": "0.00", "n": 1, "xs": []})", kMsvDivisionByZero, 2, "division by zero"},
      {R"({"id": "x", "a": "1", "n": 1, "xs": []})", kMsvEmptyList, 12, "`first` of an empty list"},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    auto v = values.Decode(c.json);
    REQUIRE(v.violations.empty());
    auto d = native.Decode(c.json);
    REQUIRE(d.record != nullptr);
    const Native n = Run(compiled.rules->fn(), ir, d.record);
    CHECK(n.status == c.status);
    CHECK(n.ctx.error_rule == c.rule);
    const eval::Outcome o = worker->Evaluate(*v.record, {});
    if (c.status == 0) {
      ExpectSame(ir, n, o);
    } else {
      CHECK(n.ctx.error_status == c.status);
      REQUIRE(o.reject_reasons.size() >= 1);
      const std::string& reason = o.reject_reasons[0];
      CHECK(reason.substr(reason.size() - std::strlen(c.evaluator_message)) == c.evaluator_message);
    }
  }
}

TEST_CASE("the object cache: a second compile generates no code and gives identical results") {
  StatementRig rig;
  TempDir cache("missive-jit-cache");
  jit::Options options;
  options.cache_dir = cache.path.string();

  auto first = jit::Compile(rig.ir, options);
  REQUIRE(first.rules);
  CHECK(first.rules->stats().compiled_functions == 4);
  CHECK_FALSE(first.rules->stats().cache_hit);
  const std::string entry = first.rules->stats().cache_path;
  CHECK(entry == options.cache_dir + "/" + first.rules->stats().key + ".o");
  REQUIRE(std::filesystem::exists(entry));
  CHECK(first.rules->stats().key.size() == 64);

  auto second = jit::Compile(rig.ir, options);
  REQUIRE(second.rules);
  CHECK(second.rules->stats().compiled_functions == 0);
  CHECK(second.rules->stats().cache_hit);
  CHECK(second.rules->stats().key == first.rules->stats().key);

  // a different optimisation level is a different entry
  jit::Options o1 = options;
  o1.opt_level = 1;
  auto other = jit::Compile(rig.ir, o1);
  REQUIRE(other.rules);
  CHECK(other.rules->stats().key != first.rules->stats().key);
  CHECK(other.rules->stats().compiled_functions == 4);

  // the program's sources (key_extra) are part of the key
  jit::Options sources = options;
  sources.key_extra = rig.b.program->version_hash();
  auto keyed = jit::Compile(rig.ir, sources);
  REQUIRE(keyed.rules);
  CHECK(keyed.rules->stats().key != first.rules->stats().key);

  // --no-cache neither reads nor writes
  jit::Options none = options;
  none.use_cache = false;
  auto uncached = jit::Compile(rig.ir, none);
  REQUIRE(uncached.rules);
  CHECK(uncached.rules->stats().compiled_functions == 4);
  CHECK(uncached.rules->stats().cache_path == "");

  // a corrupt entry is rebuilt, then hit again
  {
    std::fstream f(entry, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200);
    f.put('\x5a');
  }
  auto rebuilt = jit::Compile(rig.ir, options);
  REQUIRE(rebuilt.rules);
  CHECK(rebuilt.rules->stats().cache_rebuilt);
  CHECK_FALSE(rebuilt.rules->stats().cache_hit);
  CHECK(rebuilt.rules->stats().compiled_functions == 4);
  auto again = jit::Compile(rig.ir, options);
  REQUIRE(again.rules);
  CHECK(again.rules->stats().cache_hit);
  CHECK_FALSE(again.rules->stats().cache_rebuilt);

  // identical results from the compiled, cached and rebuilt code
  std::ifstream in(SourceDir() + "/examples/statement/data/statements.jsonl");
  data::NativeJsonDecoder native(rig.layouts, rig.b.program->input());
  int records = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto d = native.Decode(line);
    REQUIRE(d.record != nullptr);
    const Native a = Run(first.rules->fn(), rig.ir, d.record);
    const Native b2 = Run(second.rules->fn(), rig.ir, d.record);
    const Native c = Run(again.rules->fn(), rig.ir, d.record);
    CHECK(a.status == 0);
    CHECK(LetsText(rig.ir, a) == LetsText(rig.ir, b2));
    CHECK(LetsText(rig.ir, a) == LetsText(rig.ir, c));
    ++records;
  }
  CHECK(records >= 10);
}

TEST_CASE("the LLVM IR: field access as constant-offset loads, rules as straight-line code") {
  StatementRig rig;
  const std::string o2 = jit::LlvmIrText(rig.ir, 2);
  INFO(o2);
  CHECK(o2.find("define i32 @missive_rules(ptr noalias") != std::string::npos);
  // account.opening_balance (216) is passed by address; account.transactions (240) is loaded
  CHECK(o2.find("getelementptr inbounds i8, ptr %record, i64 216") != std::string::npos);
  CHECK(o2.find("getelementptr inbounds i8, ptr %record, i64 240") != std::string::npos);
  CHECK(o2.find("call i32 @msv_dec_add(") != std::string::npos);
  CHECK(o2.find("call i32 @msv_dec_cmp(") != std::string::npos);
  CHECK(o2.find("declare i32 @msv_str_eq(") != std::string::npos);
  const std::string o0 = jit::LlvmIrText(rig.ir, 0);
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
)");
  abi::Layouts layouts(b.program->input());
  auto lowered = lower::LowerRules(*b.checked->modules[0].ast, b.program->input(), layouts);
  REQUIRE(lowered.program);
  const lower::RuleProgram& ir = *lowered.program;
  jit::Options options;
  options.use_cache = false;
  auto compiled = jit::Compile(ir, options);
  REQUIRE(compiled.rules);
  data::JsonDecoder values(b.program->input());
  data::NativeJsonDecoder native(layouts, b.program->input());
  auto worker = b.program->NewWorker();
  const char* big = "100000000000000000000000000000000000000";  // 1e38: twice it overflows 128 bits
  struct Case {
    std::string json;
    std::int32_t status, rule;
  };
  const Case cases[] = {
      {std::string(R"({"id": "1", "a": ")") + big + R"(", "xs": []})", kMsvOverflow, 0},
      {std::string(R"({"id": "1", "a": "1", "xs": [{"v": ")") + big + R"("}, {"v": ")" + big + R"("}]})", kMsvOverflow,
       1},
      {std::string(R"({"id": "1", "a": "-8)") + std::string(37, '0') + R"(", "xs": [{"v": ")" + big + R"("}]})",
       kMsvOverflow, 2},
      {R"({"id": "1", "a": "1.5", "xs": [{"v": "1"}, {"v": "2.25"}, {"v": "-0.125"}]})", 0, -1},
      {R"({"id": "1", "a": "0.10", "xs": [{"v": "0.10"}, {"v": "-0.10"}]})", 0, -1},
      {R"({"id": "1", "a": "-7", "xs": []})", 0, -1},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    auto v = values.Decode(c.json);
    REQUIRE(v.violations.empty());
    auto d = native.Decode(c.json);
    REQUIRE(d.record != nullptr);
    const Native n = Run(compiled.rules->fn(), ir, d.record);
    CHECK(n.status == c.status);
    CHECK(n.ctx.error_rule == c.rule);
    const eval::Outcome o = worker->Evaluate(*v.record, {});
    if (c.status == 0) {
      ExpectSame(ir, n, o);
    } else {
      REQUIRE(o.reject_reasons.size() == 1);
      CHECK(o.reject_reasons[0].find("decimal overflow") != std::string::npos);
    }
  }
}

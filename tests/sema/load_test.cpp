// Loading: imports relative to the importer, std modules, each file once, cycles, missing files.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/sema/helpers.h"

namespace fs = std::filesystem;
using namespace missive;
using namespace missive::sema::testing;

namespace {

// A fresh directory per test case, removed at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::temp_directory_path() / ("missive_sema_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  void Write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary) << text;
  }
  [[nodiscard]] std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }

 private:
  fs::path path_;
};

std::vector<std::string> Messages(const diag::Sink& sink) {
  std::vector<std::string> out;
  for (const auto& d : sink.all()) out.push_back(std::string(diag::code_of(d.kind)) + " " + d.message);
  return out;
}

}  // namespace

TEST_CASE("an import cycle is reported with the whole cycle", "[load]") {
  TempDir dir("cycle");
  dir.Write("main.msv", "import \"a.msv\" as a\n");
  dir.Write("a.msv", "import \"sub/b.msv\" as b\n");
  dir.Write("sub/b.msv", "import \"../a.msv\" as a\n");
  diag::Sink sink;
  auto program = sema::Load(dir / "main.msv", {}, sink);
  REQUIRE(program != nullptr);
  CHECK(Messages(sink) == std::vector<std::string>{"M0207 import cycle: a.msv → sub/b.msv → a.msv"});
  CHECK(program->modules.size() == 3);
  // the diagnostic points at the import that closes the cycle, in sub/b.msv
  REQUIRE(sink.all().size() == 1);
  const auto& span = sink.all()[0].span;
  CHECK(program->sources.file(span.file).path() == dir / "sub/b.msv");
  CHECK(program->sources.file(span.file).text().substr(span.begin, span.end - span.begin) == "\"../a.msv\"");
}

TEST_CASE("a file imported twice is loaded once", "[load]") {
  TempDir dir("once");
  dir.Write("main.msv", "import \"a.msv\" as a\nimport \"b.msv\" as b\n");
  dir.Write("a.msv", "import \"b.msv\" as b\n");
  dir.Write("b.msv", "schema { record R { x: Int } }\n");
  diag::Sink sink;
  auto program = sema::Load(dir / "main.msv", {}, sink);
  REQUIRE(program != nullptr);
  CHECK(sink.all().empty());
  CHECK(program->modules.size() == 3);
  CHECK(program->modules[0].aliases.at("a") == 1);
  CHECK(program->modules[0].aliases.at("b") == 2);
  CHECK(program->modules[1].aliases.at("b") == 2);
}

TEST_CASE("a missing import names the path tried", "[load]") {
  TempDir dir("missing");
  dir.Write("main.msv", "import \"parts/nope.msv\" as n\n");
  diag::Sink sink;
  auto program = sema::Load(dir / "main.msv", {}, sink);
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].kind == diag::Kind::ImportNotFound);
  CHECK(sink.all()[0].message == "cannot find imported file `parts/nope.msv`");
  CHECK(sink.all()[0].notes == std::vector<std::string>{"looked for parts/nope.msv"});
}

TEST_CASE("std modules come from the stdlib dir; unknown ones list what exists", "[load]") {
  TempDir dir("std");
  dir.Write("lib/std/alpha.msv", "fn twice(x: Int): Int = x * 2\n");
  dir.Write("lib/std/beta.msv", "fn half(x: Decimal): Decimal = x / 2\n");
  dir.Write("main.msv", "import std.alpha\nimport std.alpah\n");
  sema::Options options;
  options.stdlib_dir = dir / "lib";
  diag::Sink sink;
  auto program = sema::Load(dir / "main.msv", options, sink);
  REQUIRE(program != nullptr);
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].message == "unknown module `std.alpah`");
  CHECK(sink.all()[0].notes ==
        std::vector<std::string>{"available modules: `std.alpha`, `std.beta`", "did you mean `std.alpha`?"});
  REQUIRE(program->modules.size() == 2);
  CHECK(program->modules[1].name == "std.alpha");
  CHECK(program->modules[0].std_imports == std::vector<std::size_t>{1});
}

TEST_CASE("an unreadable main file is M0901", "[load]") {
  diag::Sink sink;
  auto program = sema::Load("/nonexistent/dir/x.msv", {}, sink);
  CHECK(program == nullptr);
  CHECK(Messages(sink) == std::vector<std::string>{"M0901 cannot read `/nonexistent/dir/x.msv`"});
}

TEST_CASE("std functions are in scope unqualified, file modules through their alias", "[load]") {
  TempDir dir("scope");
  dir.Write("lib/std/alpha.msv", "fn twice(x: Int): Int = x * 2\n");
  dir.Write("parts/p.msv", "schema { record Point { x: Int; y: Int } }\ncomponent show(p: Point) { text \"{p.x}\" }\n");
  dir.Write("main.msv", R"(communication M version "1"
import std.alpha
import "parts/p.msv" as p
schema { record C { id: String @key; at: p.Point; at2: p.Pointt } }
input C
rules { let t = twice(at.x)
 let u = thrice(1) }
layout print { p.show(at); p.shw(at); q.show(at) }
)");
  sema::Options options;
  options.stdlib_dir = dir / "lib";
  diag::Sink sink;
  auto program = sema::Load(dir / "main.msv", options, sink);
  REQUIRE(program != nullptr);
  sema::Check(*program, sink);
  sink.sort();
  CHECK(Messages(sink) == std::vector<std::string>{
                              "M0202 module `p` has no record `Pointt`",
                              "M0250 `t` is never used",
                              "M0250 `u` is never used",
                              "M0204 unknown function `thrice`",
                              "M0211 module `p` has no component `shw`",
                              "M0211 unknown module alias `q`",
                          });
}

TEST_CASE("MISSIVE_STDLIB overrides the built-in stdlib dir; Options override both", "[load]") {
  TempDir dir("env");
  dir.Write("env/std/gamma.msv", "fn g(x: Int): Int = x\n");
  dir.Write("opt/std/delta.msv", "fn d(x: Int): Int = x\n");
  dir.Write("main.msv", "import std.gamma\n");
  ::setenv("MISSIVE_STDLIB", (dir / "env").c_str(), 1);
  diag::Sink sink;
  auto program = sema::Load(dir / "main.msv", {}, sink);
  CHECK(Messages(sink).empty());
  sema::Options options;
  options.stdlib_dir = dir / "opt";
  diag::Sink sink2;
  auto program2 = sema::Load(dir / "main.msv", options, sink2);
  ::unsetenv("MISSIVE_STDLIB");
  CHECK(Messages(sink2) == std::vector<std::string>{"M0208 unknown module `std.gamma`"});
  REQUIRE(program != nullptr);
  CHECK(program->modules.size() == 2);
}

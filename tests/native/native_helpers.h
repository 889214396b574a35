// Test helpers: a compiled program from template text, and JSON records run through it.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "compiler/native/native.h"
#include "compiler/sema/check.h"
#include "runtime/data/value_json.h"

namespace missive::native::testing {

struct Built {
  std::shared_ptr<sema::Program> checked;
  std::unique_ptr<Program> program;
  std::string diagnostics;
};

inline text::FontLibrary& Fonts() {
  static text::FontLibrary fonts;
  return fonts;
}

/// Native code is compiled afresh (no object cache): the tests run in parallel.
inline Options Fresh(int opt_level = 2) {
  Options options;
  options.use_cache = false;
  options.opt_level = opt_level;
  return options;
}

inline Built BuildChecked(std::shared_ptr<sema::Program> checked, diag::Sink& sink, int opt_level = 2) {
  Built b;
  b.checked = std::move(checked);
  if (b.checked) sema::Check(*b.checked, sink);
  if (sink.error_count() == 0 && b.checked) b.program = Program::Build(b.checked, Fonts(), Fresh(opt_level), sink);
  for (const auto& d : sink.all()) {
    if (b.checked) b.diagnostics += diag::render_text(d, b.checked->sources, {});
  }
  return b;
}

inline Built BuildText(const std::string& text, int opt_level = 2) {
  diag::Sink sink;
  return BuildChecked(sema::LoadText("t.msv", text, sema::Options{}, sink), sink, opt_level);
}

inline Built BuildFile(const std::string& path) {
  diag::Sink sink;
  return BuildChecked(sema::Load(path, sema::Options{}, sink), sink);
}

/// Runs one JSON record (it must decode) with every let in the outcome.
inline Outcome RunJson(const Program& program, const std::string& json, RunOptions options = {}) {
  auto worker = program.NewWorker();
  REQUIRE(worker->Decode(json));
  options.lets = true;
  return worker->Run(options);
}

inline const value::Value& Let(const Outcome& o, const std::string& name) {
  for (const auto& [n, v] : o.lets) {
    if (n == name) return v;
  }
  FAIL("no let " << name);
  static value::Value none;
  return none;
}

inline std::string Json(const value::Value& v) { return data::ValueToJson(v); }

inline std::string SourceDir() {
  const char* dir = std::getenv("MISSIVE_SOURCE_DIR");
  return dir ? dir : ".";
}

}  // namespace missive::native::testing

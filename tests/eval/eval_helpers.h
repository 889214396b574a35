// Test helpers: build a program from template text and evaluate JSON records with it.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "compiler/eval/program.h"
#include "compiler/sema/check.h"
#include "runtime/data/decode.h"

namespace missive::eval::testing {

struct Built {
  std::shared_ptr<sema::Program> checked;
  std::unique_ptr<Program> program;
  std::string diagnostics;
};

inline text::FontLibrary& Fonts() {
  static text::FontLibrary fonts;
  return fonts;
}

inline Built BuildText(const std::string& text) {
  Built b;
  diag::Sink sink;
  b.checked = sema::LoadText("t.msv", text, sema::Options{}, sink);
  if (b.checked) sema::Check(*b.checked, sink);
  if (sink.error_count() == 0 && b.checked) b.program = Program::Build(b.checked, Fonts(), sink);
  for (const auto& d : sink.all()) {
    if (b.checked) b.diagnostics += diag::render_text(d, b.checked->sources, {});
  }
  return b;
}

inline Outcome EvalJson(const Program& program, const std::string& json, EvalOptions options = {}) {
  data::JsonDecoder decoder(program.input());
  auto decoded = decoder.Decode(json);
  REQUIRE(decoded.violations.empty());
  auto worker = program.NewWorker();
  return worker->Evaluate(*decoded.record, options);
}

inline const value::Value& Let(const Outcome& o, const std::string& name) {
  for (const auto& [n, v] : o.lets) {
    if (n == name) return v;
  }
  FAIL("no let " << name);
  static value::Value none;
  return none;
}

inline std::string Json(const value::Value& v) { return ValueToJson(v); }

}  // namespace missive::eval::testing

// Golden diagnostics: every tests/diagnostics/NNN_name.msv checks to exactly NNN_name.expected.
// MISSIVE_UPDATE=1 rewrites the .expected files (review the diff by eye before committing).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/sema/check.h"

namespace fs = std::filesystem;
using namespace missive;

namespace {

fs::path DiagnosticsDir() {
  const char* root = std::getenv("MISSIVE_SOURCE_DIR");
  return fs::path(root != nullptr ? root : ".") / "tests" / "diagnostics";
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Loads and checks one file; the rendered diagnostics with paths relative to the diagnostics folder.
std::string Render(const fs::path& file) {
  diag::Sink sink;
  auto program = sema::Load(file.string(), sema::Options{}, sink);
  if (program) sema::Check(*program, sink);
  sink.sort();
  source::SourceManager display;
  if (program) {
    const fs::path stdlib =
        fs::path(std::getenv("MISSIVE_SOURCE_DIR") ? std::getenv("MISSIVE_SOURCE_DIR") : ".") / "stdlib";
    for (std::size_t i = 0; i < program->sources.size(); ++i) {
      const auto& f = program->sources.file(static_cast<source::FileId>(i));
      fs::path rel = fs::path(f.path()).lexically_relative(file.parent_path());
      if (rel.empty() || rel.string().rfind("..", 0) == 0) {
        rel = fs::path("<stdlib>") / fs::path(f.path()).lexically_relative(stdlib);
      }
      display.add(rel.string(), std::string(f.text()));
    }
  }
  std::string out;
  for (const auto& d : sink.all()) out += diag::render_text(d, display, diag::RenderOptions{});
  return out;
}

}  // namespace

TEST_CASE("golden diagnostics", "[golden]") {
  const fs::path dir = DiagnosticsDir();
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".msv") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 45);
  const bool update = std::getenv("MISSIVE_UPDATE") != nullptr && std::string(std::getenv("MISSIVE_UPDATE")) == "1";
  for (const auto& file : cases) {
    const std::string actual = Render(file);
    fs::path expected_path = file;
    expected_path.replace_extension(".expected");
    INFO("case " << file.filename().string());
    // A broken template must say something: an empty output means the check it covers is missing.
    CHECK(!actual.empty());
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << actual;
      continue;
    }
    REQUIRE(fs::exists(expected_path));
    CHECK(actual == ReadAll(expected_path));
  }
}

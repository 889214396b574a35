// Loading, checking and building a program for the commands, with their diagnostics.
#include "compiler/driver/build.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "compiler/syntax/parser.h"

namespace missive::driver {

Loaded LoadAndCheck(const std::string& path, Format format, std::ostream& dump_out, const std::string& dump) {
  diag::Sink sink;
  Loaded loaded;
  loaded.program = sema::Load(path, sema::Options{}, sink);
  if (loaded.program) sema::Check(*loaded.program, sink);
  sink.sort();
  const char* no_color = std::getenv("NO_COLOR");
  const bool color = format == Format::Text && ::isatty(2) != 0 && (no_color == nullptr || *no_color == '\0');
  static const source::SourceManager kEmpty;
  const source::SourceManager& sources = loaded.program ? loaded.program->sources : kEmpty;
  for (const auto& d : sink.all()) {
    if (d.kind == diag::Kind::CannotReadFile && !d.span.valid()) loaded.io_error = true;
    if (format == Format::Json) {
      std::cout << diag::render_json(d, sources) << "\n";
    } else {
      std::cerr << diag::render_text(d, sources, {color});
    }
  }
  loaded.errors = sink.error_count();
  loaded.warnings = sink.warning_count();
  if (format == Format::Text && (loaded.errors > 0 || loaded.warnings > 0)) {
    std::cerr << path << ": " << loaded.errors << (loaded.errors == 1 ? " error, " : " errors, ") << loaded.warnings
              << (loaded.warnings == 1 ? " warning" : " warnings") << "\n";
  }
  if (dump == "ast" && loaded.program && !loaded.program->modules.empty()) {
    dump_out << syntax::DumpAst(*loaded.program->modules[0].ast);
  }
  return loaded;
}

std::unique_ptr<native::Program> BuildProgram(const std::string& path, text::FontLibrary& fonts,
                                              const native::Options& options, int& exit, bool verbose) {
  std::ostringstream ignored;
  Loaded loaded = LoadAndCheck(path, Format::Text, ignored, "");
  if (loaded.io_error) {
    exit = kExitUsage;
    return nullptr;
  }
  if (loaded.errors > 0 || !loaded.program) {
    exit = kExitErrors;
    return nullptr;
  }
  diag::Sink sink;
  auto program = native::Program::Build(loaded.program, fonts, options, sink);
  sink.sort();
  for (const auto& d : sink.all()) std::cerr << diag::render_text(d, loaded.program->sources, {});
  if (!program) {
    exit = kExitErrors;
    return nullptr;
  }
  if (verbose) {
    const auto& stats = program->stats();
    std::cerr << "missive: native code: " << stats.compiled_functions << " functions compiled, "
              << (stats.cache_hit ? "from the cache" : "cache miss") << ", " << stats.compile_ms << " ms\n";
  }
  return program;
}

}  // namespace missive::driver

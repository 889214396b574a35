// Helpers for the syntax tests: parse a string or a repository file and look at the result.
#pragma once

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"
#include "compiler/syntax/parser.h"

namespace missive::syntax::testing {

struct Parsed {
  source::SourceManager sources;
  source::FileId file = source::kNoFile;
  diag::Sink sink;
  std::unique_ptr<ast::Module> module;

  /// "line:col code message" for every diagnostic, in order.
  [[nodiscard]] std::vector<std::string> Diagnostics() const {
    std::vector<std::string> out;
    for (const auto& d : sink.all()) {
      const auto lc = sources.file(file).line_col(d.span.begin);
      out.push_back(std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " + diag::code_of(d.kind) + " " +
                    d.message);
    }
    return out;
  }
  [[nodiscard]] std::vector<std::uint32_t> Lines() const {
    std::vector<std::uint32_t> out;
    for (const auto& d : sink.all()) out.push_back(sources.file(file).line_col(d.span.begin).line);
    return out;
  }
  [[nodiscard]] std::string Dump() const { return DumpAst(*module); }
  /// The source text a span covers.
  [[nodiscard]] std::string Text(source::Span span) const {
    return std::string(sources.file(file).text().substr(span.begin, span.end - span.begin));
  }
};

inline std::unique_ptr<Parsed> ParseText(std::string text, std::string path = "test.msv") {
  auto p = std::make_unique<Parsed>();
  p->file = p->sources.add(std::move(path), std::move(text));
  p->module = Parse(p->sources, p->file, p->sink);
  return p;
}

inline std::string ReadRepoFile(const std::string& relative) {
  const char* root = std::getenv("MISSIVE_SOURCE_DIR");
  std::ifstream in(std::string(root != nullptr ? root : ".") + "/" + relative, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// The dump of a module without its first line (`module`) and with two spaces less indentation.
inline std::string Body(const Parsed& p) {
  std::string dump = p.Dump();
  std::string out;
  std::istringstream lines(dump);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) out += line.substr(2) + "\n";
  return out;
}

}  // namespace missive::syntax::testing

// The diagnostic sink and its two renderers (terminal text, JSON Lines).
#include "compiler/diag/diagnostic.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace missive::diag {

namespace {

struct KindInfo {
  const char* code;
  Severity severity;
};

constexpr KindInfo kKinds[] = {
#define DIAG(name, code, severity) {code, Severity::severity},
#include "compiler/diag/codes.def"
#undef DIAG
};

struct Colors {
  const char* bold = "";
  const char* red = "";
  const char* yellow = "";
  const char* blue = "";
  const char* reset = "";
};

Colors colors_for(bool on) {
  if (!on) return {};
  return {"\033[1m", "\033[1;31m", "\033[1;33m", "\033[1;34m", "\033[0m"};
}

// Display width of a byte range of one line, counting code points (tabs as one column).
std::size_t columns(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

void render_snippet(std::string& out, const source::SourceFile& file, source::Span span, char mark,
                    const std::string& message, const Colors& c, const char* mark_color) {
  const auto start = file.line_col(span.begin);
  const auto end = file.line_col(span.end > span.begin ? span.end - 1 : span.begin);
  const std::string_view line = file.line_text(start.line);
  const std::string number = std::to_string(start.line);
  const std::string gutter(number.size(), ' ');
  out += c.blue + gutter + " |" + c.reset + "\n";
  out += c.blue + number + " |" + c.reset + " " + std::string(line) + "\n";
  // caret start: code points before the span on this line
  std::size_t prefix = start.column - 1;
  std::size_t width = 1;
  if (end.line == start.line && end.column >= start.column) width = end.column - start.column + 1;
  if (end.line != start.line) width = std::max<std::size_t>(1, columns(line) - prefix);
  // keep tabs aligned: copy tabs from the source line into the padding
  std::string pad;
  std::size_t seen = 0;
  for (unsigned char ch : line) {
    if (seen >= prefix) break;
    if ((ch & 0xC0) == 0x80) continue;
    pad += ch == '\t' ? '\t' : ' ';
    ++seen;
  }
  out += c.blue + gutter + " |" + c.reset + " " + pad + mark_color + std::string(width, mark);
  if (!message.empty()) out += " " + message;
  out += std::string(c.reset) + "\n";
}

}  // namespace

const char* code_of(Kind kind) { return kKinds[static_cast<std::size_t>(kind)].code; }
Severity default_severity(Kind kind) { return kKinds[static_cast<std::size_t>(kind)].severity; }

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

Diagnostic& Sink::report(Kind kind, source::Span span, std::string message) {
  diagnostics_.push_back(Diagnostic{kind, default_severity(kind), span, std::move(message), {}, {}, {}});
  return diagnostics_.back();
}

std::size_t Sink::error_count() const {
  return static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Sink::warning_count() const {
  return static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

void Sink::sort() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    return a.span.begin < b.span.begin;
  });
}

std::string render_text(const Diagnostic& d, const source::SourceManager& sources, const RenderOptions& options) {
  const Colors c = colors_for(options.color);
  const char* sev_color = d.severity == Severity::Error ? c.red : d.severity == Severity::Warning ? c.yellow : c.blue;
  std::string out;
  if (d.span.valid()) {
    const auto& file = sources.file(d.span.file);
    const auto lc = file.line_col(d.span.begin);
    out += std::string(c.bold) + file.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": " +
           c.reset;
  }
  out += std::string(sev_color) + severity_name(d.severity) + "[" + code_of(d.kind) + "]" + c.reset + c.bold + ": " +
         d.message + c.reset + "\n";
  if (d.span.valid()) {
    render_snippet(out, sources.file(d.span.file), d.span, '^', "", c, sev_color);
    for (const auto& label : d.labels) {
      if (!label.span.valid()) continue;
      const auto& file = sources.file(label.span.file);
      const auto lc = file.line_col(label.span.begin);
      out += std::string(c.blue) + "  --> " + c.reset + file.path() + ":" + std::to_string(lc.line) + ":" +
             std::to_string(lc.column) + "\n";
      render_snippet(out, file, label.span, '-', label.message, c, c.blue);
    }
  }
  for (const auto& note : d.notes) out += std::string(c.bold) + "  = note: " + c.reset + note + "\n";
  if (d.fixit) out += std::string(c.bold) + "  = help: " + c.reset + "replace with `" + d.fixit->replacement + "`\n";
  return out;
}

std::string render_json(const Diagnostic& d, const source::SourceManager& sources) {
  auto span_json = [&](source::Span span) {
    nlohmann::json j;
    if (!span.valid()) return j;
    const auto& file = sources.file(span.file);
    const auto b = file.line_col(span.begin);
    const auto e = file.line_col(span.end);
    j = {{"file", file.path()},    {"line", b.line},           {"column", b.column},  {"end_line", e.line},
         {"end_column", e.column}, {"byte_begin", span.begin}, {"byte_end", span.end}};
    return j;
  };
  nlohmann::json j = {{"code", code_of(d.kind)}, {"severity", severity_name(d.severity)}, {"message", d.message}};
  j["span"] = span_json(d.span);
  j["labels"] = nlohmann::json::array();
  for (const auto& l : d.labels) j["labels"].push_back({{"span", span_json(l.span)}, {"message", l.message}});
  j["notes"] = d.notes;
  if (d.fixit) j["fixit"] = {{"span", span_json(d.fixit->span)}, {"replacement", d.fixit->replacement}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::string> closest_name(std::string_view wrong, const std::vector<std::string>& candidates) {
  // Levenshtein distance; accept up to a third of the length (at least 1, at most 3).
  std::optional<std::string> best;
  std::size_t best_distance = std::min<std::size_t>(3, std::max<std::size_t>(1, wrong.size() / 3)) + 1;
  std::vector<std::size_t> row;
  for (const auto& cand : candidates) {
    if (cand == wrong) continue;
    row.resize(cand.size() + 1);
    for (std::size_t j = 0; j <= cand.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= wrong.size(); ++i) {
      std::size_t diag = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= cand.size(); ++j) {
        const std::size_t up = row[j];
        const std::size_t cost = wrong[i - 1] == cand[j - 1] ? 0 : 1;
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
        diag = up;
      }
    }
    if (row[cand.size()] < best_distance) {
      best_distance = row[cand.size()];
      best = cand;
    }
  }
  return best;
}

}  // namespace missive::diag

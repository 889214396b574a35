// The builtin table (builtins.def) read into specs, and argument binding by parameter name.
#include "compiler/sema/builtins.h"

#include <algorithm>

namespace missive::sema {

namespace {

std::string Trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

/// `a: T, b: U = 2` → parameters; commas inside `[…]`, `{…}` or quotes do not split.
std::vector<BuiltinParam> ParseParams(std::string_view text) {
  std::vector<BuiltinParam> params;
  int depth = 0;
  bool quoted = false;
  std::size_t start = 0;
  auto add = [&](std::string_view piece) {
    BuiltinParam p;
    const auto colon = piece.find(':');
    p.name = Trimmed(piece.substr(0, colon));
    std::string_view rest = piece.substr(colon + 1);
    const auto equals = rest.find(" = ");
    p.type = Trimmed(rest.substr(0, equals));
    if (equals != std::string_view::npos) p.default_value = Trimmed(rest.substr(equals + 3));
    params.push_back(std::move(p));
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      add(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (start < text.size()) add(text.substr(start));
  return params;
}

std::vector<BuiltinSpec> ReadTable() {
  std::vector<BuiltinSpec> specs;
#define BUILTIN(id, name, params, result, symbol, doc) \
  specs.push_back(BuiltinSpec{Builtin::id, name, ParseParams(params), result, symbol, doc});
#include "compiler/sema/builtins.def"
#undef BUILTIN
  return specs;
}

}  // namespace

std::string BuiltinSpec::Signature() const {
  std::string s = name + "(";
  for (std::size_t i = 0; i < params.size(); ++i) {
    s += (i ? ", " : "") + params[i].name + ": " + params[i].type;
    if (!params[i].required()) s += " = " + params[i].default_value;
  }
  return s + ") -> " + result;
}

std::size_t BuiltinSpec::min_args() const {
  return static_cast<std::size_t>(
      std::count_if(params.begin(), params.end(), [](const auto& p) { return p.required(); }));
}

const std::vector<BuiltinSpec>& Builtins() {
  static const std::vector<BuiltinSpec> kSpecs = ReadTable();
  return kSpecs;
}

const BuiltinSpec* FindBuiltin(std::string_view name) {
  for (const auto& b : Builtins()) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const BuiltinSpec& SpecOf(Builtin id) { return Builtins()[static_cast<std::size_t>(id)]; }

std::vector<const ast::Expr*> BindArguments(const BuiltinSpec& spec, const ast::Expr& call, diag::Sink& sink) {
  const std::size_t n = call.args.size(), min = spec.min_args(), max = spec.params.size();
  if (n < min || n > max) {
    const std::string expected = min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
    sink.report(diag::Kind::WrongArgumentCount, call.span,
                "`" + spec.name + "` takes " + expected + " argument" + (max == 1 ? "" : "s") + ", found " +
                    std::to_string(n))
        .notes.push_back("`" + spec.Signature() + "`");
    return {};
  }
  std::vector<const ast::Expr*> bound(max, nullptr);
  bool ok = true;
  std::size_t next = 0;
  for (const auto& arg : call.args) {
    if (!arg.value) return {};  // a syntax error, reported already
    std::size_t at = next;
    if (arg.name) {
      auto it = std::find_if(spec.params.begin(), spec.params.end(),
                             [&](const BuiltinParam& p) { return p.name == arg.name->name; });
      if (it == spec.params.end()) {
        std::vector<std::string> names;
        for (const auto& p : spec.params) names.push_back(p.name);
        auto& d = sink.report(diag::Kind::UnknownArgument, arg.name->span,
                              "`" + spec.name + "` has no argument named `" + arg.name->name + "`");
        if (auto best = diag::closest_name(arg.name->name, names)) {
          d.notes.push_back("did you mean `" + *best + "`?");
          d.fixit = diag::FixIt{arg.name->span, *best};
        } else {
          d.notes.push_back("`" + spec.Signature() + "`");
        }
        ok = false;
        continue;
      }
      at = static_cast<std::size_t>(it - spec.params.begin());
    } else {
      ++next;
    }
    if (bound[at] != nullptr) {
      sink.report(diag::Kind::InvalidArgument, arg.span,
                  "the argument `" + spec.params[at].name + "` of `" + spec.name + "` is given twice");
      ok = false;
      continue;
    }
    bound[at] = arg.value.get();
  }
  for (std::size_t i = 0; i < max && ok; ++i) {
    if (bound[i] == nullptr && spec.params[i].required()) {
      sink.report(diag::Kind::WrongArgumentCount, call.span,
                  "`" + spec.name + "` needs its argument `" + spec.params[i].name + "`")
          .notes.push_back("`" + spec.Signature() + "`");
      ok = false;
    }
  }
  if (!ok) return {};
  return bound;
}

const std::vector<std::string>& RoundingModes() {
  static const std::vector<std::string> kModes = {"half-even", "half-up", "half-down", "down",
                                                  "up",        "floor",   "ceiling"};
  return kModes;
}

int RoundingMode(std::string_view name) {
  const auto& modes = RoundingModes();
  auto it = std::find(modes.begin(), modes.end(), name);
  return it == modes.end() ? -1 : static_cast<int>(it - modes.begin());
}

}  // namespace missive::sema

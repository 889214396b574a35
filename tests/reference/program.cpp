// The reference evaluator's program and records: module scopes, then per record the locale, the rules in
// order (every failed require collected) and the channel whose condition holds.
#include "tests/reference/program.h"

#include "tests/reference/internal.h"

namespace missive::reference {

using value::Value;

std::string Program::Impl::Where(source::Span span) const {
  if (!span.valid()) return "";
  const auto& file = checked->sources.file(span.file);
  const auto lc = file.line_col(span.begin);
  return file.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

std::string_view Program::Impl::Text(source::Span span) const {
  if (!span.valid()) return {};
  return checked->sources.file(span.file).text().substr(span.begin, span.end - span.begin);
}

Program::Program(std::shared_ptr<const sema::Program> checked) : impl_(std::make_unique<Impl>()) {
  impl_->checked = std::move(checked);
  impl_->main = impl_->checked->modules.at(0).ast.get();
  // module scopes: own declarations, then std imports' functions (unqualified)
  for (const auto& module : impl_->checked->modules) {
    ModuleScope scope;
    scope.module = &module;
    impl_->modules.push_back(std::move(scope));
  }
  for (std::size_t m = 0; m < impl_->modules.size(); ++m) {
    auto& scope = impl_->modules[m];
    const auto& ast = *scope.module->ast;
    for (const auto& fn : ast.functions) scope.functions[fn.name.name] = {&fn, m};
    for (const auto& c : ast.components) scope.components[c.name.name] = &c;
    for (std::size_t imported : scope.module->std_imports) {
      for (const auto& fn : impl_->checked->modules[imported].ast->functions) {
        scope.functions.try_emplace(fn.name.name, &fn, imported);
      }
    }
  }
}

Program::~Program() = default;
std::unique_ptr<Worker> Program::NewWorker() const { return std::make_unique<Worker>(*impl_); }

Worker::Worker(const Program::Impl& program) : impl_(std::make_unique<Impl>(program)) {}
Worker::~Worker() = default;

value::Formatter& Worker::Impl::FormatterFor(const std::string& locale) {
  auto& slot = formatters[locale];
  if (!slot) slot = std::make_unique<value::Formatter>(locale);
  return *slot;
}

Outcome Worker::Evaluate(const value::Record& record) {
  auto& w = *impl_;
  const auto& p = w.program;
  Outcome outcome;
  w.record = &record;
  w.lets.clear();
  Env env;

  auto reject = [&](const EvalError& e) { outcome.reject_reasons.push_back(p.Where(e.span) + ": " + e.message); };
  try {
    w.language = p.main->locale ? w.Display(w.Eval(*p.main->locale, env), p.main->locale->span) : "en";
  } catch (const EvalError& e) {
    reject(e);
    return outcome;
  }
  if (w.language.empty()) w.language = "en";
  w.formatter = &w.FormatterFor(w.language);

  for (const auto& rule : p.main->rules) {
    try {
      if (rule.kind == ast::RuleKind::Let) {
        Value v = w.Eval(*rule.value, env);
        outcome.lets.emplace_back(rule.name.name, v);
        w.lets[rule.name.name] = std::move(v);
      } else if (!w.EvalBool(*rule.value, env)) {
        Value message = w.Eval(*rule.message, env);
        outcome.reject_reasons.push_back(message.is<std::string>() ? message.as<std::string>() : "rejected");
      }
    } catch (const EvalError& e) {
      // after a failed `require`, later rules may fail because of it: its reason is the one that counts
      if (!outcome.rejected()) reject(e);
      return outcome;
    }
  }
  if (outcome.rejected()) return outcome;

  try {
    if (const auto* channels = p.main->channels ? &*p.main->channels : nullptr) {
      for (const auto& entry : channels->entries) {
        if (entry.when && !w.EvalBool(*entry.when, env)) continue;
        outcome.channel = entry.channel.name;
        break;
      }
      if (outcome.channel.empty()) {
        outcome.reject_reasons.push_back(channels->otherwise_reject
                                             ? w.Display(w.Eval(*channels->otherwise_reject, env), channels->span)
                                             : "no channel applies");
      }
    } else if (!p.main->layouts.empty()) {
      outcome.channel = p.main->layouts.front().name.name;
    }
  } catch (const EvalError& e) {
    outcome.channel.clear();
    reject(e);
  }
  return outcome;
}

std::optional<value::Value> Worker::EvaluateExpr(const ast::Expr& expr, std::string* error) {
  Env env;
  try {
    return impl_->Eval(expr, env);
  } catch (const EvalError& e) {
    *error = impl_->program.Where(e.span) + ": " + e.message;
    return std::nullopt;
  }
}

}  // namespace missive::reference

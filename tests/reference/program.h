// A reference evaluator of rules, for differential tests only: it interprets the checked AST over
// dynamic values, independently of the lowering and the JIT. Nothing in compiler/ or runtime/ uses it;
// tests compare what the compiled program computes with what it computes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/sema/check.h"
#include "runtime/value/value.h"

namespace missive::reference {

/// What one record comes to.
struct Outcome {
  std::vector<std::pair<std::string, value::Value>> lets;  ///< every rule value, in order
  std::string channel;                                     ///< chosen channel; empty when rejected
  std::vector<std::string> reject_reasons;                 ///< non-empty ⇔ rejected
  [[nodiscard]] bool rejected() const { return !reject_reasons.empty(); }
};

class Worker;

class Program {
 public:
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  explicit Program(std::shared_ptr<const sema::Program> checked);

  [[nodiscard]] std::unique_ptr<Worker> NewWorker() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

class Worker {
 public:
  explicit Worker(const Program::Impl& program);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  /// Rules, requires and the channel of a record decoded to values. Runtime failures reject it with
  /// `file:line:col: reason`.
  Outcome Evaluate(const value::Record& record);
  /// An expression of the main module over the record evaluated last.
  std::optional<value::Value> EvaluateExpr(const ast::Expr& expr, std::string* error);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace missive::reference

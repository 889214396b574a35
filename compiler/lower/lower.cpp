// AST rules → typed IR: names resolve to lets or input fields, member chains fold to one constant
// offset, numbers get their static type (Int, or Decimal after an explicit conversion node).
#include "compiler/lower/lower.h"

#include "compiler/lower/lowerer.h"

namespace missive::lower {

using detail::Lowerer;

LowerResult LowerRules(const ast::Module& module, const data::RecordDesc& input, const abi::Layouts& layouts,
                       bool partial) {
  Lowerer lowerer(input, layouts);
  for (const auto& rule : module.rules) lowerer.Rule(rule);
  LowerResult result;
  result.unsupported = std::move(lowerer.unsupported);
  if (result.unsupported.empty() || partial) result.program = std::move(lowerer.program);
  return result;
}

ProgramLowering LowerProgram(const sema::Program& checked, const data::RecordDesc& input, const abi::Layouts& layouts,
                             const StyleFn& styles) {
  ProgramLowering result;
  Lowerer lowerer(input, layouts);
  lowerer.sema = &checked;
  lowerer.styles = &styles;
  lowerer.out = &result;
  const ast::Module& main = *checked.modules.at(0).ast;
  for (const auto& rule : main.rules) lowerer.Rule(rule);
  if (lowerer.unsupported.empty()) {
    try {
      RuleProgram& program = lowerer.program;
      if (main.locale) program.locale = lowerer.Show(lowerer.Expr(*main.locale));
      const ast::Expr* print_when = nullptr;
      bool has_print = false;
      if (main.channels) {
        if (main.channels->otherwise_reject && main.channels->otherwise_reject->kind != ast::ExprKind::String)
          detail::No("an `otherwise reject` message that is not a plain string");
        for (const auto& entry : main.channels->entries) {
          int when = -1;
          if (entry.when) {
            when = lowerer.Use(lowerer.Expr(*entry.when));
            if (lowerer.N(when).ty != Ty::Bool) detail::No("a channel condition that is not a Bool");
          }
          program.channel_when.push_back(when);
          if (entry.channel.name == "print") {
            print_when = entry.when.get();
            has_print = true;
          }
        }
      }
      for (const auto& layout : main.layouts) {
        if (layout.kind != ast::LayoutKind::Print) continue;
        // a channel's condition narrows its layout: `print when address != none`
        if (has_print && print_when != nullptr) lowerer.Narrow(*print_when);
        lowerer.Print(layout);
        lowerer.narrowed.clear();
      }
    } catch (const detail::Unsupported& u) {
      lowerer.unsupported.push_back("the layout or channels: " + u.what + " is not supported");
    }
  }
  result.unsupported = std::move(lowerer.unsupported);
  if (result.unsupported.empty()) result.program = std::move(lowerer.program);
  return result;
}

}  // namespace missive::lower

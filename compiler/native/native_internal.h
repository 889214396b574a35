// The compiled program's parts, shared by compiler/native's files: the build (native.cpp), the records
// run (worker.cpp), and values and messages read back from native memory (values.cpp).
#pragma once

#include <deque>

#include "compiler/native/native.h"
#include "runtime/abi/abi.h"
#include "runtime/compose/native_builder.h"
#include "runtime/text/static_shapes.h"

namespace missive::native {

struct Program::Impl {
  std::shared_ptr<const sema::Program> checked;
  text::FontLibrary* fonts = nullptr;
  lower::Program ir;
  data::Schema schema;  ///< one RecordDesc per IR record, in the same order
  std::unique_ptr<abi::Layouts> layouts;
  /// Resolved styles by IR style index; shared with every document built (its blocks point at them).
  std::shared_ptr<std::deque<compose::Style>> styles = std::make_shared<std::deque<compose::Style>>();
  std::vector<compose::Prototype> protos;  ///< by IR block index
  std::unique_ptr<media::ImageLibrary> images = std::make_unique<media::ImageLibrary>();
  std::unique_ptr<const text::StaticShapes> statics;
  std::string version_hash;
  std::unique_ptr<jit::CompiledProgram> code;

  [[nodiscard]] const compose::Style* Style(int index) const { return &(*styles)[static_cast<std::size_t>(index)]; }
  /// `file:line:col: reason` of a failed call of generated code.
  [[nodiscard]] std::string Message(const MsvRuntimeCtx& ctx) const;
  [[nodiscard]] std::string Where(source::Span span) const;
  /// A value of IR type `type` stored in its slot at `at`, as a runtime value.
  [[nodiscard]] value::Value ToValue(lower::TypeId type, const void* at) const;
};

/// Warns (M0412) when an email layout's fixed part alone is over 90 KB of HTML (email_budget.cpp).
void CheckEmailBudget(const Program::Impl& program, diag::Sink& sink);

}  // namespace missive::native

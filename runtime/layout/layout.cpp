// LayoutDocument: one pass over a record's block tree, pages streamed to the sink as they finish.
#include "runtime/layout/layout.h"

#include <exception>

#include "runtime/layout/flow.h"

namespace missive::layout {

Result LayoutDocument(const compose::Document& document, text::TextEngine& text, PageSink& sink, bool structure) {
  Result result;
  try {
    Context ctx{document, text, 1, 1000, std::nullopt};
    ctx.structure = structure;
    // The record's root: every node of its structure tree descends from it.
    ctx.parent_node = NewNode(ctx, frame::Role::Part);
    if (!ctx.nodes.empty()) ctx.nodes.back().lang = document.language;
    Flow flow(ctx, sink);
    flow.Run(document.body);
    if (!ctx.error) result.pages = flow.Finish();
    result.error = ctx.error;
  } catch (const std::exception& e) {
    result.error = std::string("layout failed: ") + e.what();
  }
  return result;
}

}  // namespace missive::layout

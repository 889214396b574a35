// The structure tree of a tagged PDF, built during layout in reading order: the block tree's flow order
// (its logical order, right-to-left text included), whatever the positions on the page.
#include <algorithm>
#include <utility>
#include <variant>

#include "runtime/layout/context.h"

namespace missive::layout {

std::uint32_t NewNode(Context& ctx, frame::Role role, std::string alt) {
  if (ctx.artifact || !ctx.structure) return 0;
  frame::StructNode node;
  node.id = ctx.next_node++;
  node.parent = ctx.parent_node;
  node.role = role;
  node.alt = std::move(alt);
  ctx.nodes.push_back(std::move(node));
  return ctx.nodes.back().id;
}

std::uint32_t ParagraphNode(Context& ctx, const Block& block) {
  const Style* s = block.style;
  if (ctx.artifact || (s != nullptr && s->artifact)) return 0;
  const bool own_role = s != nullptr && s->role.has_value();
  // A cell or a barcode's text line is one piece of content with its container: no P of its own.
  if (ctx.absorb != 0 && !own_role) return ctx.absorb;
  const frame::Role role = own_role ? *s->role : ctx.role_override.value_or(frame::Role::P);
  return NewNode(ctx, role);
}

std::uint32_t FigureNode(Context& ctx, const Block& block) {
  if (block.style != nullptr && block.style->artifact) return 0;
  // A barcode says what it encodes unless the template gives it a description.
  std::string alt = block.alt.empty() && block.kind == compose::BlockKind::Barcode ? block.source_text : block.alt;
  return NewNode(ctx, frame::Role::Figure, std::move(alt));
}

void ApplyBoxRole(Context& ctx, const Style* style) {
  if (style == nullptr) return;
  if (style->artifact) ctx.artifact = true;
  if (style->role) ctx.role_override = style->role;
}

void DropNodes(Context& ctx, std::uint32_t first) {
  std::erase_if(ctx.nodes, [first](const frame::StructNode& node) { return node.id >= first; });
  ctx.next_node = std::min(ctx.next_node, first);
}

void SetStructure(frame::Item& item, std::uint32_t node) {
  std::visit([node](auto& it) { it.structure = node; }, item);
}

}  // namespace missive::layout

// Block trees built by hand for the message renderers' tests.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "runtime/compose/message.h"

namespace missive::message_test {

using compose::Block;
using compose::BlockKind;
using compose::BlockPtr;

/// Owns the styles the blocks point at.
struct Tree {
  std::deque<compose::Style> styles{compose::Style{}};
  const compose::Style* base() { return &styles.front(); }
  const compose::Style* Style(compose::Style s) {
    styles.push_back(s);
    return &styles.back();
  }

  BlockPtr Paragraph(const std::string& text, const compose::Style* style = nullptr) {
    auto b = std::make_unique<Block>();
    b->kind = BlockKind::Paragraph;
    b->style = style != nullptr ? style : base();
    b->spans.push_back({compose::SpanKind::Text, text, b->style});
    return b;
  }
  BlockPtr Link(const std::string& text, const std::string& url, bool button = false,
                const compose::Style* style = nullptr) {
    auto b = Paragraph(text, style);
    b->url = url;
    b->button = button;
    return b;
  }
  BlockPtr Container(BlockKind kind, std::vector<BlockPtr> children, const compose::Style* style = nullptr) {
    auto b = std::make_unique<Block>();
    b->kind = kind;
    b->style = style != nullptr ? style : base();
    b->children = std::move(children);
    return b;
  }
  BlockPtr Fill() {
    auto b = Container(BlockKind::Stack, {});
    b->width = {compose::Size::Kind::Fraction, 0, 1000};
    return b;
  }
  BlockPtr Right(BlockPtr b) {
    b->align = text::Align::Right;
    return b;
  }
};

template <class... B>
std::vector<BlockPtr> List(B... blocks) {
  std::vector<BlockPtr> out;
  (out.push_back(std::move(blocks)), ...);
  return out;
}

}  // namespace missive::message_test

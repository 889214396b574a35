// The static parts of layout blocks as the AST states them: shared by the evaluator (per record) and
// the native layout lowering (once per program), so both build the same block trees.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source/source.h"
#include "compiler/syntax/ast.h"
#include "runtime/compose/block.h"

namespace missive::eval {

std::optional<text::Align> AlignOf(ast::Align a);
const ast::Option* FindOption(const std::vector<ast::Option>& options, std::string_view name);
/// A block's width in a row, from its style: fixed, a share (`1fr`), or its content's.
compose::Size SizeOf(const compose::Style& s);
compose::BlockPtr NewBlock(compose::BlockKind kind, const compose::Style* style);

// The functions below read lengths with LengthOf: a length that is not a constant rejects the record
// (the evaluator) or is not lowered (the native layout), through the exception LengthOf throws.

/// `width` (a length, or a fraction inside a row) and `height` of an image or barcode.
void MediaSize(const ast::Stmt& stmt, compose::Block& block);
/// `fit` of an image; `width` and `overflow` of a `place`.
void ImageFit(const ast::Stmt& stmt, compose::Block& block);
void PlaceOptions(const ast::Stmt& stmt, compose::Block& block);
std::vector<compose::Size> TableColumns(const ast::TableSpec& spec);
/// The page's size (A3, A4, A5, Letter, Legal, or `width`/`height`) and margins (1, 2 or 4 lengths).
void PageGeometry(const ast::PageSetup& setup, compose::PageTemplate& page);

/// The folder of the file a span is in ("." for the current one): paths are relative to the template naming them.
std::string DirectoryOf(const source::SourceManager& sources, source::Span span);
/// `name` as written, or relative to `directory` unless absolute.
std::string ResolvePath(const std::string& name, const std::string& directory);

}  // namespace missive::eval

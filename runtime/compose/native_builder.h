// A record's runtime state behind generated code's calls (abi.h): the formatter of its locale, its
// arena, and the block tree the layout functions build (`msv_open`, `msv_span`, …) from prototypes
// made once per program.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/compose/block.h"

namespace missive::value {
class Formatter;
}
namespace missive::media {
class ImageLibrary;
struct LoadResult;
}  // namespace missive::media

namespace missive::compose {

/// The static part of a block the layout program adds (kind, style, sizes, options).
struct Prototype {
  BlockPtr block;                       ///< children, spans and rows stay empty
  const Style* row_style = nullptr;     ///< Table: body rows (every other one with `zebra`)
  const Style* header_style = nullptr;  ///< Table: the header row
  bool zebra = false;
  std::string directory;  ///< Image: the folder its path is relative to
  std::string symbology;  ///< Barcode: qr, code128, datamatrix
};

/// A copy of a block's static fields (what a prototype holds).
BlockPtr CloneStatic(const Block& proto);

/// Where images come from: media::ImageLibrary::Load by default (tests put a decoder that fails).
using ImageLoader = std::function<media::LoadResult(std::string_view path, std::string_view directory)>;

class NativeBuilder {
 public:
  NativeBuilder(const std::vector<Prototype>& protos, media::ImageLibrary* images, ImageLoader loader = {});
  ~NativeBuilder();
  NativeBuilder(const NativeBuilder&) = delete;
  NativeBuilder& operator=(const NativeBuilder&) = delete;

  /// Per record: the locale's formatter and the arena (`alloc`) for strings made by the calls.
  void Start(value::Formatter* formatter, void* (*alloc)(void*, std::uint64_t, std::uint64_t), void* alloc_state);
  /// Blocks added at the top level go to `root` (a page slot or the body).
  void Target(std::vector<BlockPtr>* root);

  void Open(std::uint32_t proto);
  void Close();
  void Leaf(std::uint32_t proto);
  void Span(std::string_view text);
  void PageSpan(bool total);
  void TableRow(std::uint32_t proto, bool header, std::int64_t index);
  /// Empty, or why the image or barcode cannot be drawn. `alt` replaces the prototype's when set.
  std::string Image(std::uint32_t proto, std::string_view path, const std::optional<std::string_view>& alt);
  std::string Barcode(std::uint32_t proto, std::string_view data, const std::optional<std::string_view>& alt);
  /// The open paragraph points at `url`: empty, or why the URL may not go into a message.
  std::string Link(std::string_view url);
  /// Whether images may be given by address (a message's blocks; print needs files).
  void AllowImageAddresses(bool allow) { allow_addresses_ = allow; }

  /// A string copied into the record's arena (results of formatting calls); null when exhausted.
  const char* Keep(std::string_view text);
  /// Zeroed bytes from the record's arena; null when exhausted.
  void* Allocate(std::size_t size, std::size_t align) { return alloc_(alloc_state_, size, align); }
  value::Formatter& formatter() { return *formatter_; }

 private:
  void Add(BlockPtr block, bool open);

  struct Frame {
    Block* block;
    compose::TableRow* row;  ///< a table row being filled with cells
  };
  const std::vector<Prototype>& protos_;
  ImageLoader load_image_;
  value::Formatter* formatter_ = nullptr;
  void* (*alloc_)(void*, std::uint64_t, std::uint64_t) = nullptr;
  void* alloc_state_ = nullptr;
  std::vector<BlockPtr>* root_ = nullptr;
  bool allow_addresses_ = false;
  std::vector<Frame> stack_;
  std::map<std::string, std::shared_ptr<const media::BarcodeMatrix>, std::less<>> barcodes_;
};

}  // namespace missive::compose

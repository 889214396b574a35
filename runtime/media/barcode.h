// Barcodes (Code 128, QR, DataMatrix) encoded with libzint into a module matrix, which layout draws as
// rectangles: vector output at any size, no raster.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace missive::media {

enum class Symbology : std::uint8_t { Code128, Qr, DataMatrix };

/// The symbol's modules, row by row; 1 = dark.
struct BarcodeMatrix {
  Symbology symbology = Symbology::Qr;
  std::uint32_t columns = 0, rows = 0;
  std::vector<std::uint8_t> modules;  ///< rows × columns
  /// Light modules required around the symbol: QR 4, DataMatrix 1, Code 128 10 (left and right only).
  std::uint32_t quiet_zone = 0;
  bool linear = false;  ///< 1-D: one row of bars stretched over the height
  std::string text;     ///< human-readable text (Code 128), UTF-8
  [[nodiscard]] bool Dark(std::uint32_t row, std::uint32_t column) const {
    return modules[static_cast<std::size_t>(row) * columns + column] != 0;
  }
};

/// "qr", "code128", "datamatrix" → the symbology.
std::optional<Symbology> SymbologyNamed(std::string_view name);

/// Encodes `data` (UTF-8). On failure returns nullopt with zint's error text in `error`, e.g.
/// "Error 204: Invalid character in data (ISO/IEC 8859-1 only)". Never throws; thread-safe.
std::optional<BarcodeMatrix> EncodeBarcode(Symbology symbology, std::string_view data, std::string* error);

}  // namespace missive::media

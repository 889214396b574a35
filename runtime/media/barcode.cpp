// Barcode encoding through libzint: the symbol's encoded_data matrix is read directly (module bits per
// row), never its bitmap output.
#include "runtime/media/barcode.h"

#include <zint.h>

#include <exception>
#include <memory>

namespace missive::media {

namespace {

struct SymbolDeleter {
  void operator()(zint_symbol* symbol) const { ZBarcode_Delete(symbol); }
};

}  // namespace

std::optional<Symbology> SymbologyNamed(std::string_view name) {
  if (name == "qr") return Symbology::Qr;
  if (name == "code128") return Symbology::Code128;
  if (name == "datamatrix") return Symbology::DataMatrix;
  return std::nullopt;
}

std::optional<BarcodeMatrix> EncodeBarcode(Symbology symbology, std::string_view data, std::string* error) {
  try {
    std::unique_ptr<zint_symbol, SymbolDeleter> symbol(ZBarcode_Create());
    if (!symbol) {
      if (error) *error = "out of memory";
      return std::nullopt;
    }
    BarcodeMatrix matrix;
    matrix.symbology = symbology;
    switch (symbology) {
      case Symbology::Code128:
        symbol->symbology = BARCODE_CODE128;
        matrix.quiet_zone = 10;
        matrix.linear = true;
        break;
      case Symbology::Qr:
        symbol->symbology = BARCODE_QRCODE;
        matrix.quiet_zone = 4;
        break;
      case Symbology::DataMatrix:
        symbol->symbology = BARCODE_DATAMATRIX;
        matrix.quiet_zone = 1;
        break;
    }
    symbol->input_mode = UNICODE_MODE;
    if (data.empty()) {
      if (error) *error = "barcode data is empty";
      return std::nullopt;
    }
    const int status = ZBarcode_Encode(symbol.get(), reinterpret_cast<const unsigned char*>(data.data()),
                                       static_cast<int>(data.size()));
    if (status >= ZINT_ERROR) {
      if (error) *error = symbol->errtxt;
      return std::nullopt;
    }
    matrix.columns = static_cast<std::uint32_t>(symbol->width);
    matrix.rows = static_cast<std::uint32_t>(symbol->rows);
    matrix.modules.resize(static_cast<std::size_t>(matrix.columns) * matrix.rows);
    for (std::uint32_t r = 0; r < matrix.rows; ++r) {
      for (std::uint32_t c = 0; c < matrix.columns; ++c) {
        // zint packs each row's modules as bits, least significant first (its module_is_set()).
        const bool dark = ((symbol->encoded_data[r][c >> 3] >> (c & 7)) & 1) != 0;
        matrix.modules[static_cast<std::size_t>(r) * matrix.columns + c] = dark ? 1 : 0;
      }
    }
    if (matrix.linear) matrix.text = reinterpret_cast<const char*>(symbol->text);
    return matrix;
  } catch (const std::exception&) {
    if (error) *error = "out of memory";
    return std::nullopt;
  }
}

}  // namespace missive::media

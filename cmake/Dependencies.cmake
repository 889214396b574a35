# Every third-party dependency, all from Debian's packages (see setup.sh).
find_package(PkgConfig REQUIRED)

# Text: ICU (breaking, bidi, formatting), HarfBuzz (+ hb-subset), FreeType, fontconfig.
find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(Freetype REQUIRED)
find_package(Fontconfig REQUIRED)
find_package(harfbuzz CONFIG REQUIRED)

# Data: simdjson (On-Demand decoding of records), nlohmann/json (diagnostics, manifests, reports).
find_package(simdjson CONFIG REQUIRED)
find_package(nlohmann_json 3 REQUIRED)

# PDF: libdeflate for stream compression (its output depends on the input and level only; ISA-L's
# did not, see runtime/render/pdf/deflate.cpp); PoDoFo to read PDFs back and import existing pages.
pkg_check_modules(DEFLATE REQUIRED IMPORTED_TARGET libdeflate)
pkg_check_modules(PODOFO REQUIRED IMPORTED_TARGET libpodofo)

# Batch: oneTBB's ordered parallel pipeline; OpenSSL for SHA-256 (manifests, shards).
find_package(TBB REQUIRED)
find_package(OpenSSL REQUIRED)

# mimalloc replaces malloc in the `missive` executable: the composition path allocates per cell, and
# it measured ~15 % faster than glibc's malloc on the statement batch (docs/performance.md).
find_package(mimalloc 2.0 CONFIG REQUIRED)

# CLI and formatting of our own messages.
find_package(CLI11 CONFIG REQUIRED)
find_package(fmt REQUIRED)

# The parser generator's C++ runtime (TOOLCHAIN.md: no include dirs on its targets).
find_package(antlr4-runtime CONFIG REQUIRED)
find_path(ANTLR4_INCLUDE_DIR antlr4-runtime.h PATHS /usr/include/antlr4-runtime REQUIRED)
find_program(ANTLR4_TOOL antlr4 REQUIRED)

find_package(Catch2 2.13 CONFIG REQUIRED)

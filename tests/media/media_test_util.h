// Helpers for the media tests: PNG and JPEG files written with libpng/libjpeg, inflating zlib streams,
// temp dirs and running real PDF readers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "tests/support.h"

namespace missive::media::testing {

using missive::testing::CommandResult;
using missive::testing::Run;
using missive::testing::TempDir;
using missive::testing::WriteFile;

/// A PNG of `width`×`height` with `channels` (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA) 8-bit samples.
std::string MakePng(std::uint32_t width, std::uint32_t height, int channels, std::string_view samples);
/// A baseline JPEG (quality 90) of gray (1), RGB (3) or CMYK (4, with libjpeg's Adobe marker) samples.
std::string MakeJpeg(std::uint32_t width, std::uint32_t height, int channels, std::string_view samples);
/// The bytes a zlib stream inflates to (`size` expected bytes); empty on error.
std::string Inflate(std::string_view zlib, std::size_t size);

}  // namespace missive::media::testing

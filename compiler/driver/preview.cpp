// `missive preview`: check the template, decode one record, evaluate it for print, lay it out and
// rasterise the chosen pages with the PNG renderer (images included, letterheads not).
#include "compiler/driver/preview.h"

#include <charconv>
#include <fstream>
#include <iostream>
#include <vector>

#include "compiler/driver/build.h"
#include "compiler/native/native.h"
#include "compiler/sema/check.h"
#include "runtime/data/decode.h"
#include "runtime/layout/layout.h"
#include "runtime/render/png/png.h"
#include "runtime/util/util.h"

namespace missive::driver {

namespace {

class CollectFrames final : public layout::PageSink {
 public:
  void OnPage(frame::Page&& page) override { pages.push_back(std::move(page)); }
  std::vector<frame::Page> pages;
};

bool WriteWhole(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

}  // namespace

std::string PreviewPagePath(const std::string& png_path, std::uint32_t number, bool all) {
  if (!all) return png_path;
  std::string stem = png_path;
  if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".png") == 0) stem.resize(stem.size() - 4);
  return stem + "-" + std::to_string(number) + ".png";
}

int Preview(const PreviewOptions& options, const native::Options& compile, bool verbose) {
  const bool all = options.page == "all";
  std::uint32_t wanted = 0;
  if (!all) {
    const char* end = options.page.data() + options.page.size();
    const auto [ptr, ec] = std::from_chars(options.page.data(), end, wanted);
    if (ec != std::errc() || ptr != end || wanted == 0) {
      std::cerr << "missive preview: --page wants a page number (1, 2, …) or `all`, found `" << options.page << "`\n";
      return kExitUsage;
    }
  }
  text::FontLibrary fonts;
  int exit = kExitOk;
  auto program = BuildProgram(options.file, fonts, compile, exit, verbose);
  if (!program) return exit;

  std::string data;
  if (!util::ReadFile(options.data_path, data)) {
    std::cerr << "missive preview: cannot read " << options.data_path << "\n";
    return kExitUsage;
  }
  while (!data.empty() && (data.back() == '\n' || data.back() == '\r')) data.pop_back();
  auto worker = program->NewWorker();
  if (!worker->Decode(data)) {
    data::JsonDecoder decoder(program->input());  // names every violation
    std::cerr << "missive preview: the record is rejected:\n";
    for (const auto& v : decoder.Decode(data).violations)
      std::cerr << "  " << (v.path.empty() ? v.message : v.ToString()) << "\n";
    return kExitErrors;
  }
  native::RunOptions run_options;
  run_options.force_channel = options.channel;
  run_options.build_print = options.channel == "print";
  const auto outcome = worker->Run(run_options);
  if (outcome.rejected() || (!outcome.print && !outcome.message)) {
    std::cerr << "missive preview: the record is rejected:\n";
    for (const auto& reason : outcome.reject_reasons) std::cerr << "  " << reason << "\n";
    if (outcome.reject_reasons.empty()) std::cerr << "  the " << options.channel << " channel built nothing\n";
    return kExitErrors;
  }
  if (outcome.message) return PreviewMessage(options, *program, outcome);
  if (options.png_path.empty()) {
    std::cerr << "missive preview: print pages need --png OUT.png\n";
    return kExitUsage;
  }

  text::TextEngine engine(fonts, program->statics());
  CollectFrames frames;
  const auto laid_out = layout::LayoutDocument(*outcome.print, engine, frames);
  for (const auto& warning : engine.TakeWarnings()) std::cerr << "missive preview: warning: " << warning << "\n";
  if (laid_out.error) {
    std::cerr << "missive preview: the record is rejected:\n  layout: " << *laid_out.error << "\n";
    return kExitErrors;
  }
  const auto count = static_cast<std::uint32_t>(frames.pages.size());
  if (!all && wanted > count) {
    std::cerr << "missive preview: the record has " << count << (count == 1 ? " page" : " pages") << ", not page "
              << wanted << "\n";
    return kExitUsage;
  }

  if (!outcome.print->page.background.empty()) {
    // Drawing a letterhead needs a PDF rasteriser, which previews do not have.
    std::cerr << "missive preview: note: the page background `" << outcome.print->page.background
              << "` is not drawn in previews (the PDF from `missive run` has it)\n";
  }
  png::PageRasterizer rasterizer(fonts, &program->images());
  png::RenderOptions render;
  render.dpi = options.dpi;
  render.page_total = count;
  for (std::uint32_t number = 1; number <= count; ++number) {
    if (!all && number != wanted) continue;
    std::string error;
    const auto bytes = rasterizer.RenderPng(frames.pages[number - 1], render, &error);
    if (!bytes) {
      std::cerr << "missive preview: page " << number << ": " << error << "\n";
      return kExitUsage;
    }
    const std::string path = PreviewPagePath(options.png_path, number, all);
    if (!WriteWhole(path, *bytes)) {
      std::cerr << "missive preview: cannot write " << path << "\n";
      return kExitUsage;
    }
    std::cout << path << "\n";
  }
  return kExitOk;
}

}  // namespace missive::driver

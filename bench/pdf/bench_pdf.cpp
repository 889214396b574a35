// Prints the PDF writer's cost on one core: a 40-line page rendered (deflate levels 0, 1, 3), rendered and
// written into one file, a one-page document, and a one-record file with its own subset against the
// prepared subset. Usage: bench_pdf (run under `taskset -c 1`; compare variants within one run).
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "runtime/render/pdf/font_embed.h"
#include "runtime/render/pdf/writer.h"
#include "tests/pdf/pdf_test_util.h"

namespace {

namespace pdf = missive::pdf;
namespace frame = missive::frame;
using Clock = std::chrono::steady_clock;
using pdf::testing::Fonts;
using pdf::testing::Shape;

double MicrosSince(Clock::time_point start, int per) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / per;
}

/// A statement-like page: 40 rows of date, description, amount and balance under a rule each, and a
/// "Page n of N" footer.
frame::Page StatementPage() {
  frame::Page page;
  page.width = 595'276;
  page.height = 841'890;
  for (int line = 0; line < 40; ++line) {
    frame::Unit y = 90'000 + line * 17'000;
    page.items.emplace_back(Shape(Fonts(), 0, "2026-10-" + std::to_string(10 + line % 20), 9'000, 56'000, y));
    page.items.emplace_back(Shape(Fonts(), 0, "Card payment Café de Flore, Paris 75006", 9'000, 130'000, y));
    page.items.emplace_back(Shape(Fonts(), 0, "-" + std::to_string(12 + line) + ".75", 9'000, 420'000, y));
    page.items.emplace_back(Shape(Fonts(), 0, std::to_string(1000 + line * 37) + ".10", 9'000, 500'000, y));
    frame::Line rule;
    rule.x1 = 56'000;
    rule.x2 = 539'000;
    rule.y1 = rule.y2 = y + 4'000;
    rule.width = 250;
    rule.color = {200, 200, 200};
    page.items.emplace_back(rule);
  }
  frame::GlyphRun label = Shape(Fonts(), 0, "Page 1 of ", 9'000, 72'000, 800'000);
  frame::PageTotal total;
  total.font = 0;
  total.size = 9'000;
  total.x = label.x + pdf::testing::RunWidth(label);
  total.y = label.y;
  total.width = 15'000;
  page.items.emplace_back(std::move(label));
  page.items.emplace_back(total);
  page.number = 1;
  return page;
}

void RenderOnly(const frame::Page& page, int level) {
  constexpr int kPages = 400;
  pdf::PageRenderer renderer(Fonts(), pdf::Options{level, {}, {}});
  std::size_t size = 0;
  const auto start = Clock::now();
  for (int i = 0; i < kPages; ++i) size += renderer.Render(page).content.size();
  std::printf("render only, deflate level %d:        %7.1f us/page, content %.1f KB\n", level,
              MicrosSince(start, kPages), static_cast<double>(size) / kPages / 1024.0);
}

void RenderAndWrite(const frame::Page& page) {
  constexpr int kPages = 400;
  pdf::Options options;
  pdf::PageRenderer renderer(Fonts(), options);
  pdf::DocumentWriter writer(Fonts(), options);
  std::uint64_t bytes = 0;
  const auto start = Clock::now();
  for (int i = 0; i < kPages; ++i) {
    writer.BeginRecord("Statement");
    writer.AddPage(renderer.Render(page));
    writer.EndRecord();
    bytes += writer.TakeBytes().size();
  }
  const double per_page = MicrosSince(start, kPages);
  const auto finish_start = Clock::now();
  writer.Finish();
  bytes += writer.TakeBytes().size();
  std::printf("render + write, %d pages in one file: %7.1f us/page, Finish %.0f us, %.1f KB/page\n", kPages, per_page,
              MicrosSince(finish_start, 1), static_cast<double>(bytes) / kPages / 1024.0);
}

/// Microseconds per one-record file (write, fonts, finish) of an already rendered page.
double OneRecordFile(const pdf::RenderedPage& rendered, const pdf::Options& options, std::size_t* size) {
  constexpr int kDocs = 200;
  const auto start = Clock::now();
  for (int i = 0; i < kDocs; ++i) {
    pdf::DocumentWriter writer(Fonts(), options);
    writer.BeginRecord("");
    writer.AddPage(rendered);
    writer.EndRecord();
    writer.Finish();
    *size = writer.TakeBytes().size();
  }
  return MicrosSince(start, kDocs);
}

void OwnVersusPrepared(const frame::Page& page) {
  pdf::Options own_options, prepared_options;
  prepared_options.prepared_fonts = true;
  const pdf::RenderedPage rendered = pdf::PageRenderer(Fonts(), own_options).Render(page);
  std::size_t own_size = 0, prepared_size = 0;
  OneRecordFile(rendered, prepared_options, &prepared_size);  // makes the prepared subset (once per process)
  double own = 0, prepared = 0;
  for (int round = 0; round < 3; ++round) {  // interleaved: the machine's drift hits both alike
    own += OneRecordFile(rendered, own_options, &own_size) / 3;
    prepared += OneRecordFile(rendered, prepared_options, &prepared_size) / 3;
  }
  std::printf("one-record file, own subset:          %7.1f us/file, %.1f KB\n", own,
              static_cast<double>(own_size) / 1024.0);
  std::printf("one-record file, prepared subset:     %7.1f us/file, %.1f KB (%zu glyphs prepared)\n", prepared,
              static_cast<double>(prepared_size) / 1024.0, pdf::PreparedGlyphs(Fonts(), 0).size());
}

}  // namespace

int main() {
  const frame::Page page = StatementPage();
  for (int level : {0, 1, 3}) RenderOnly(page, level);
  RenderAndWrite(page);
  OwnVersusPrepared(page);
  return 0;
}

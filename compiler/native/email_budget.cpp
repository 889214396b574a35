// The fixed part of an email: what its layout writes whatever the record (the literal text, every
// block of every branch, one row per table) rendered once when the program is built. Over 90 KB
// alone, Gmail (which clips at 102 KB) would clip nearly every record's email: warning M0412.
#include "compiler/native/native_internal.h"
#include "runtime/render/email/html.h"

namespace missive::native {

namespace {

constexpr std::size_t kFixedBudget = 90 * 1024;

void Replay(const Program::Impl& p, const std::vector<lower::LStmt>& stmts, compose::NativeBuilder& b) {
  using lower::LOp;
  for (const auto& s : stmts) {
    const auto block = static_cast<std::uint32_t>(s.block);
    switch (s.op) {
      case LOp::Open:
        b.Open(block);
        Replay(p, s.body, b);
        b.Close();
        break;
      case LOp::Leaf: b.Leaf(block); break;
      case LOp::Span:
        if (p.ir.N(s.value).op == lower::Op::ConstStr) b.Span(p.ir.N(s.value).str);
        break;
      case LOp::If:
        Replay(p, s.body, b);
        Replay(p, s.else_body, b);
        break;
      case LOp::For: Replay(p, s.body, b); break;
      case LOp::HeaderRow:
      case LOp::TableRows:
        b.TableRow(block, s.op == LOp::HeaderRow, 0);
        Replay(p, s.body, b);
        b.Close();
        break;
      case LOp::PageSpan:
      case LOp::Image:
      case LOp::Barcode:
      case LOp::Link: break;
    }
  }
}

}  // namespace

void CheckEmailBudget(const Program::Impl& p, diag::Sink& sink) {
  const auto& layouts = p.checked->modules.at(0).ast->layouts;
  for (std::size_t i = 0; i < p.ir.layouts.size() && i < layouts.size(); ++i) {
    const lower::Layout& layout = p.ir.layouts[i];
    if (layout.kind != lower::LayoutKind::Email || layout.body < 0) continue;
    compose::NativeBuilder builder(p.protos, nullptr);
    std::vector<compose::BlockPtr> body;
    builder.Target(&body);
    Replay(p, p.ir.slots[static_cast<std::size_t>(layout.body)].body, builder);
    render::HtmlOptions options;
    options.fonts = p.fonts;
    const std::size_t size = render::RenderHtml(body, p.Style(0), options).size();
    if (size <= kFixedBudget) continue;
    auto& d = sink.report(diag::Kind::LargeEmail, layouts[i].name.span,
                          "the email's fixed part alone is " + std::to_string(size / 1024) +
                              " KB of HTML: Gmail clips messages over 102 KB");
    d.notes.push_back("move long fixed text to a web page and link to it");
  }
}

}  // namespace missive::native

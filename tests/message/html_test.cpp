// The HTML of an email: MJML's conventions, escaping, direction, buttons.
#include "runtime/render/email/html.h"

#include <catch2/catch.hpp>

#include "tests/message/message_helpers.h"

using namespace missive;
using namespace missive::message_test;

namespace {

std::size_t Count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the email HTML follows MJML's skeleton") {
  Tree t;
  auto body = List(t.Paragraph("Dear Ada,"),
                   t.Container(BlockKind::Row, List(t.Paragraph("Money in"), t.Fill(), t.Paragraph("£10.00"))));
  render::HtmlOptions options;
  options.title = "Your statement";
  options.preheader = "Closing balance £7.50";
  options.language = "de";
  const std::string html = render::RenderHtml(body, t.base(), options);
  CHECK(html.rfind("<!doctype html>\n<html lang=\"de\" dir=\"ltr\"", 0) == 0);
  CHECK(html.find("<title>Your statement</title>") != std::string::npos);
  CHECK(html.find("<meta name=\"color-scheme\" content=\"light dark\">") != std::string::npos);
  CHECK(html.find("<meta name=\"supported-color-schemes\" content=\"light dark\">") != std::string::npos);
  CHECK(html.find("@media only screen and (max-width:479px)") != std::string::npos);
  // the ghost table for Outlook around the 600 px column everyone else gets from max-width
  CHECK(html.find("<!--[if mso | IE]><table align=\"center\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" "
                  "role=\"presentation\" style=\"width:600px;\" width=\"600\">") != std::string::npos);
  CHECK(html.find("max-width:600px") != std::string::npos);
  // the preheader is the body's first element, hidden
  const auto body_at = html.find("<body");
  const auto preheader = html.find("<div style=\"display:none;font-size:1px;", body_at);
  CHECK(preheader != std::string::npos);
  CHECK(html.find("Closing balance £7.50</div>", preheader) != std::string::npos);
  // every layout table is presentational; no flexbox or grid anywhere
  CHECK(Count(html, "<table") == Count(html, "role=\"presentation\""));
  CHECK(html.find("flex") == std::string::npos);
  CHECK(html.find("grid") == std::string::npos);
  CHECK(html.find("white-space:nowrap;") != std::string::npos);  // the amount next to the fill
}

TEST_CASE("every value is escaped") {
  Tree t;
  auto body = List(t.Paragraph("Dear <script>alert(1)</script> & \"friends\","));
  render::HtmlOptions options;
  options.title = "a <b> title";
  options.preheader = "<img src=x onerror=alert(1)>";
  const std::string html = render::RenderHtml(body, t.base(), options);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img src=x") == std::string::npos);
  CHECK(html.find("Dear &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;,") != std::string::npos);
  CHECK(html.find("<title>a &lt;b&gt; title</title>") != std::string::npos);
  CHECK(render::EscapeHtml("it's\nnext", true) == "it&#39;s<br>\nnext");
}

TEST_CASE("Arabic and Hebrew run right to left; start and end follow") {
  Tree t;
  render::HtmlOptions options;
  options.language = "ar";
  const std::string html = render::RenderHtml(List(t.Paragraph("مرحبا")), t.base(), options);
  CHECK(html.find("<html lang=\"ar\" dir=\"rtl\"") != std::string::npos);
  CHECK(html.find("role=\"article\" aria-roledescription=\"email\" lang=\"ar\" dir=\"rtl\"") != std::string::npos);
  CHECK(html.find("text-align:right;") != std::string::npos);
  CHECK(render::IsRightToLeft("he-IL"));
  CHECK(render::IsRightToLeft("fa"));
  CHECK_FALSE(render::IsRightToLeft("fr-CA"));
}

TEST_CASE("buttons are table cells; VML round rectangles only where corners are rounded") {
  Tree t;
  compose::Style square;
  square.background = frame::Color{0x1F, 0x6F, 0xB2};
  square.color = frame::Color{255, 255, 255};
  compose::Style round = square;
  round.radius = frame::MmToUnit(1);
  const std::string flat =
      render::RenderHtml(List(t.Link("Pay now", "https://northwind.example/pay", true, t.Style(square))), t.base(), {});
  CHECK(flat.find("<td align=\"center\" bgcolor=\"#1f6fb2\" role=\"presentation\"") != std::string::npos);
  CHECK(flat.find("mso-padding-alt:") != std::string::npos);
  CHECK(flat.find("<a href=\"https://northwind.example/pay\" style=\"display:inline-block;") != std::string::npos);
  CHECK(flat.find("v:roundrect") == std::string::npos);
  const std::string rounded =
      render::RenderHtml(List(t.Link("Pay now", "https://northwind.example/pay", true, t.Style(round))), t.base(), {});
  CHECK(rounded.find("<!--[if mso]><v:roundrect") != std::string::npos);
  CHECK(rounded.find("fillcolor=\"#1f6fb2\"><w:anchorlock/><center") != std::string::npos);
  CHECK(rounded.find("<!--[if !mso]><!-->") != std::string::npos);
  CHECK(rounded.find("border-radius:4px;") != std::string::npos);
}

TEST_CASE("images carry src, width, height and alt") {
  Tree t;
  auto image = std::make_unique<Block>();
  image->kind = BlockKind::Image;
  image->style = t.base();
  image->resource = 7;
  image->pixel_width = 400;
  image->pixel_height = 100;
  image->width = {compose::Size::Kind::Fixed, frame::MmToUnit(40), 1000};
  image->alt = "Northwind \"Bank\" logo";
  render::HtmlOptions options;
  options.image_src = [](const Block& b) { return "cid:image" + std::to_string(b.resource) + "@x.example"; };
  const std::string html = render::RenderHtml(List(std::move(image)), t.base(), options);
  CHECK(html.find("<img src=\"cid:image7@x.example\" alt=\"Northwind &quot;Bank&quot; logo\" width=\"151\" "
                  "height=\"37\" style=\"display:block;") != std::string::npos);
}

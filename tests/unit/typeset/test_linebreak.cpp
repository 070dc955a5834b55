// The line breaker on its own (internal API): widths, gaps, hyphens.
#include <catch2/catch.hpp>

#include <cstring>

#include "sample_doc.h"
#include "typeset/internal.h"

using namespace nastavnik::typeset;
using namespace nastavnik::typeset::detail;

namespace {
struct Fixture {
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  HpdfError err;
  FontSet fonts{pdf, Fonts{}, &err};
  Fixture() { HPDF_UseUTFEncodings(pdf); }
  ~Fixture() { HPDF_Free(pdf); }
};
}  // namespace

TEST_CASE("widths come from HPDF_Font_TextWidth and add up per character", "[typeset][linebreak]") {
  Fixture fx;
  const char* w = "наставничество";
  HPDF_TextWidth tw = HPDF_Font_TextWidth(fx.fonts.font(kRegular), reinterpret_cast<const HPDF_BYTE*>(w),
                                          static_cast<HPDF_UINT>(std::strlen(w)));
  CHECK(tw.numchars == 14);  // characters, not bytes
  CHECK(fx.fonts.width(kRegular, w, 10) == Approx(tw.width / 100.0));
  double sum = 0;
  for (size_t i = 0; i < std::strlen(w); i += 2) sum += fx.fonts.width(kRegular, std::string(w + i, 2), 10);
  CHECK(sum == Approx(fx.fonts.width(kRegular, w, 10)));
  CHECK(fx.fonts.width(kBold, w, 10) > fx.fonts.width(kRegular, w, 10));
  // NBSP is as wide as a space.
  CHECK(fx.fonts.width(kRegular, "\u00A0", 10) == Approx(fx.fonts.space(kRegular, 10)));
}

TEST_CASE("justified lines have no wide gaps thanks to hyphenation", "[typeset][linebreak]") {
  Fixture fx;
  LineBreaker lb(fx.fonts, Hyphenator::shared().get());
  std::vector<Span> spans{Span{std::string(sample::kLorem) + " " + sample::kLorem}};
  BreakParams p;
  p.size = 14;
  p.first_width = 170 * kPtPerMm - 12.5 * kPtPerMm;
  p.rest_width = 170 * kPtPerMm;
  p.first_indent = 12.5 * kPtPerMm;
  auto lines = lb.break_lines(spans, p, nullptr);
  REQUIRE(lines.size() > 8);
  const double space = fx.fonts.space(kRegular, 14);
  int hyphenated = 0, gaps = 0;
  double ratio_sum = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    INFO(l.text());
    CHECK(l.last == (i + 1 == lines.size()));
    double avail = i == 0 ? p.first_width : p.rest_width;
    if (!l.last) CHECK(l.width == Approx(avail).margin(0.01));
    else CHECK(l.width < avail);
    for (size_t k = 1; k < l.words.size(); ++k) {
      double gap = l.words[k].x - (l.words[k - 1].x + l.words[k - 1].width);
      CHECK(gap >= 0.749 * space);
      // Long words and few gaps on a line make 2.6x unavoidable here (the first line is
      // «В целях реализации распоряжения Министерства просвещения», «Рос-» does not fit).
      CHECK(gap <= 2.75 * space);
      if (!l.last) {
        ratio_sum += gap / space;
        ++gaps;
      }
      if (l.last) CHECK(gap == Approx(space));
    }
    if (l.text().back() == '-') ++hyphenated;
  }
  CHECK(hyphenated >= 1);
  REQUIRE(gaps > 0);
  CHECK(ratio_sum / gaps < 1.6);  // on average spaces stretch little
}

TEST_CASE("a hyphenated line ends with '-' and the word continues on the next line", "[typeset][linebreak]") {
  Fixture fx;
  LineBreaker lb(fx.fonts, Hyphenator::shared().get());
  std::vector<Span> spans{Span{"наставничество наставничество"}};
  BreakParams p;
  p.size = 14;
  p.first_width = p.rest_width = fx.fonts.width(kRegular, "наставничество настав-", 14) + 1;
  auto lines = lb.break_lines(spans, p, nullptr);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[0].text() == "наставничество настав-");
  CHECK(lines[1].text().rfind("ничество", 0) == 0);
}

TEST_CASE("spans keep their styles and links inside one word", "[typeset][linebreak]") {
  Fixture fx;
  LineBreaker lb(fx.fonts, nullptr);
  std::vector<Span> spans{Span{"полу"}, Span{"жирный", true}, Span{" сайт", false, false, "https://example.ru"}};
  BreakParams p;
  p.align = Align::left;
  p.first_width = p.rest_width = 400;
  std::vector<std::string> links;
  auto lines = lb.break_lines(spans, p, &links);
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0].words.size() == 2);
  const PlacedWord& w = lines[0].words[0];
  REQUIRE(w.runs.size() == 2);
  CHECK(w.runs[0].font == kRegular);
  CHECK(w.runs[1].font == kBold);
  CHECK(w.runs[1].text == "жирный");
  REQUIRE(links.size() == 1);
  CHECK(lines[0].words[1].runs[0].link == 0);
  CHECK(lines[0].text() == "полужирный сайт");
}

TEST_CASE("decimal comma in numbers", "[typeset][chart]") {
  CHECK(format_number(42.8) == "42,8");
  CHECK(format_number(70) == "70");
  CHECK(format_number(-3.14) == "-3,1");
  CHECK(format_number(0.25) == "0,25");
  CHECK(format_number(0) == "0");
}

TEST_CASE("a justified paragraph does not leave a short word alone on a line, nor run into the margin",
          "[typeset][linebreak]") {
  // Typographed text: words glued by no-break spaces («В общеобразовательных», «Учитель — учитель»)
  // leave few spaces to stretch; the breaker once chose «В обще-» alone on the first line.
  const std::string nb = "\u00a0";
  Document d;
  Paragraph p;
  p.spans.push_back(Span{"В" + nb + "общеобразовательных организациях сформированы формы «Учитель" + nb +
                         "— учитель», «Учитель" + nb + "— ученик», также есть направления «Ученик" + nb +
                         "— ученик», «Студент" + nb + "— ученик», «Руководитель" + nb + "— учитель». В" + nb +
                         "основном ведётся работа по" + nb + "форме «Учитель" + nb + "— учитель»."});
  d.blocks.push_back(p);
  Result r = render(d);
  const double mm = 72 / 25.4;
  const double left = d.page.left_mm * mm, right = (d.page.width_mm - d.page.right_mm) * mm;
  std::vector<Box> lines;
  for (const Box& b : r.boxes)
    if (b.kind == "line") lines.push_back(b);
  REQUIRE(lines.size() >= 3);
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    INFO(lines[i].text);
    CHECK(lines[i].x + lines[i].w == Approx(right).margin(0.05));  // justified to the margin
    CHECK(lines[i].w > 0.8 * (right - left));
  }
  CHECK(lines.back().x + lines.back().w <= right + 0.01);
}

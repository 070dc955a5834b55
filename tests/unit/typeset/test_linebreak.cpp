// The line breaker on its own (internal API): widths, gaps, hyphens.
#include <catch2/catch.hpp>

#include <cstring>

#include "sample_doc.h"
#include "typeset/internal.h"

using namespace nastavnik::typeset;
using namespace nastavnik::typeset::detail;

namespace {
struct Fixture {
  FontFiles files;  // outlives pdf, which reads the fonts from it
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  HpdfError err;
  FontSet fonts{pdf, Fonts{}, files, &err};
  std::unique_ptr<const Hyphenator> dict = Hyphenator::load_default();
  const Hyphenator* hyph = dict.get();
  Fixture() { HPDF_UseUTFEncodings(pdf); }
  ~Fixture() { HPDF_Free(pdf); }
};
}  // namespace

TEST_CASE("widths come from libharu and add up per character", "[typeset][linebreak]") {
  Fixture fx;
  // The same face as a CID font in UTF-8, made here directly: the layout must not depend on which
  // of the set's two fonts (CP1251 or UTF-8) draws a character.
  const char* name = HPDF_LoadTTFontFromFile(fx.pdf, Fonts{}.regular.c_str(), HPDF_TRUE);
  REQUIRE(name);
  HPDF_Font cid = HPDF_GetFont(fx.pdf, name, "UTF-8");
  REQUIRE(cid);
  const char* w = "наставничество «Учитель — ученик» № 5…";
  HPDF_TextWidth tw =
      HPDF_Font_TextWidth(cid, reinterpret_cast<const HPDF_BYTE*>(w), static_cast<HPDF_UINT>(std::strlen(w)));
  CHECK(tw.numchars == 38);  // characters, not bytes
  CHECK(fx.fonts.width(kRegular, w, 10) == Approx(tw.width / 100.0));
  const char* word = "наставничество";
  double sum = 0;
  for (size_t i = 0; i < std::strlen(word); i += 2) sum += fx.fonts.width(kRegular, std::string(word + i, 2), 10);
  CHECK(sum == Approx(fx.fonts.width(kRegular, word, 10)));
  CHECK(fx.fonts.width(kBold, word, 10) > fx.fonts.width(kRegular, word, 10));
  // NBSP is as wide as a space.
  CHECK(fx.fonts.width(kRegular, "\u00A0", 10) == Approx(fx.fonts.space(kRegular, 10)));
}

TEST_CASE("text is drawn in CP1251 where it can be and in UTF-8 only where it must", "[typeset][linebreak]") {
  Fixture fx;
  std::vector<FontSet::Run> runs;
  fx.fonts.runs(kRegular, "Приказ № 76 «О наставничестве» — итоги", runs);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].bytes.size() == 38);  // one byte per character
  CHECK(static_cast<unsigned char>(runs[0].bytes[0]) == 0xCF);  // «П» in CP1251
  CHECK(runs[0].width == Approx(fx.fonts.width(kRegular, "Приказ № 76 «О наставничестве» — итоги", 1)));

  // «≥» and «₽» are not in CP1251: three runs, the middle one in the UTF-8 font.
  const std::string mixed = "доля ≥ 50 ₽ рост";
  fx.fonts.runs(kRegular, mixed, runs);
  REQUIRE(runs.size() == 5);
  CHECK(runs[0].font != runs[1].font);
  CHECK(runs[0].font == runs[2].font);
  CHECK(runs[1].bytes == "≥");
  CHECK(runs[3].bytes == "₽");
  double total = 0;
  for (const auto& r : runs) total += r.width;
  CHECK(total == Approx(fx.fonts.width(kRegular, mixed, 1)));
}

TEST_CASE("remembered line breaks are the same lines, links included", "[typeset][linebreak]") {
  Fixture fx;
  BreakCache cache;
  LineBreaker fresh(fx.fonts, fx.hyph);
  LineBreaker a(fx.fonts, fx.hyph, &cache), b(fx.fonts, fx.hyph, &cache);
  std::vector<Span> spans{Span{std::string(sample::kLorem) + " "}, Span{"сайт", false, false, "https://example.ru"}};
  BreakParams p;
  p.first_width = p.rest_width = 300;
  std::vector<std::string> l0, l1, l2;
  auto want = fresh.break_lines(spans, p, &l0);
  auto first = a.break_lines(spans, p, &l1);
  CHECK(cache.paragraphs.size() == 1);
  auto again = b.break_lines(spans, p, &l2);  // another layout (document) with the same cache
  CHECK(cache.paragraphs.size() == 1);
  REQUIRE(again.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    CHECK(again[i].text() == want[i].text());
    CHECK(again[i].width == want[i].width);
  }
  CHECK(l2 == l0);
  CHECK(l1 == l0);
  // Another width is another entry, with other lines.
  p.first_width = p.rest_width = 200;
  auto narrow = b.break_lines(spans, p, nullptr);
  CHECK(cache.paragraphs.size() == 2);
  CHECK(narrow.size() > want.size());
}

TEST_CASE("justified lines have no wide gaps thanks to hyphenation", "[typeset][linebreak]") {
  Fixture fx;
  LineBreaker lb(fx.fonts, fx.hyph);
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
  LineBreaker lb(fx.fonts, fx.hyph);
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

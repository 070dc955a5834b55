#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/utf8.h"
#include "geometry.h"
#include "sample_doc.h"

using namespace nastavnik::typeset;
using geo::Frame;

namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? " " : "") + s;
  return out;
}

// Letters and digits only: to compare texts that were split into lines and hyphenated.
std::string letters(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    char32_t c = nastavnik::utf8::next(s, i);
    if (nastavnik::utf8::is_letter(c) || (c >= U'0' && c <= U'9')) nastavnik::utf8::append(out, c);
  }
  return out;
}

void check_geometry(const Document& d, const Result& r) {
  Frame f(d.page);
  for (const Box& b : r.boxes) {
    INFO(geo::describe(b));
    CHECK(b.page >= 0);
    CHECK(b.page < r.pages);
    CHECK(b.w >= 0);
    CHECK(b.h > 0);
    if (b.kind == "page-number") {
      CHECK(b.y + b.h <= f.page_h - 10 * geo::kMm + geo::kEps);
      CHECK(b.y >= f.top);
    } else {
      CHECK(geo::inside(b, f));
    }
  }
  for (size_t i = 0; i < r.boxes.size(); ++i)
    for (size_t j = i + 1; j < r.boxes.size(); ++j)
      if (geo::overlap(r.boxes[i], r.boxes[j])) {
        FAIL("overlap: " << geo::describe(r.boxes[i]) << " and " << geo::describe(r.boxes[j]));
      }
}

}  // namespace

TEST_CASE("every box of the sample order is inside the margins and nothing overlaps", "[typeset][layout]") {
  Document d = sample::order(true);
  Result r = render(d);
  CHECK(r.pages >= 4);
  check_geometry(d, r);
  // Every kind of block left a trace.
  for (const char* kind : {"line", "label", "heading", "header", "cell", "twosided-left", "twosided-right",
                           "corner", "qr", "stamp", "footer", "chart", "page-number"}) {
    INFO(kind);
    CHECK(!geo::of_kind(r, kind).empty());
  }
}

TEST_CASE("the same geometry holds with other margins and a small page", "[typeset][layout]") {
  Document d = sample::order(true);
  d.page.width_mm = 148;
  d.page.height_mm = 210;
  d.page.left_mm = 20;
  d.page.right_mm = 15;
  d.page.top_mm = 15;
  d.page.bottom_mm = 15;
  Result r = render(d);
  check_geometry(d, r);
}

TEST_CASE("justified lines reach the right margin except the last one", "[typeset][layout]") {
  Document d;
  d.blocks.push_back(sample::para(repeat(sample::kLorem, 2)));
  Result r = render(d);
  Frame f(d.page);
  auto lines = geo::of_kind(r, "line");
  REQUIRE(lines.size() > 10);
  // First line indented by 12.5 mm.
  CHECK(lines[0].x == Approx(f.left + 12.5 * geo::kMm).margin(0.01));
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    INFO(geo::describe(lines[i]));
    CHECK(lines[i].x + lines[i].w == Approx(f.right).margin(0.05));
    if (i > 0) CHECK(lines[i].x == Approx(f.left).margin(0.01));
    // Lines follow each other downwards.
    if (lines[i + 1].page == lines[i].page) CHECK(lines[i + 1].y + lines[i + 1].h <= lines[i].y + 0.01);
  }
  CHECK(lines.back().x + lines.back().w < f.right - 1);
  // Nothing lost: the lines put together give the text back.
  std::string all;
  for (const Box& b : lines) all += b.text;
  CHECK(letters(all) == letters(repeat(sample::kLorem, 2)));
}

TEST_CASE("left, centred and right aligned lines", "[typeset][layout]") {
  Document d;
  d.blocks.push_back(sample::para("Слева", Align::left, 0));
  d.blocks.push_back(sample::para("По центру", Align::center, 0));
  d.blocks.push_back(sample::para("Справа", Align::right, 0));
  Result r = render(d);
  Frame f(d.page);
  auto lines = geo::of_kind(r, "line");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].x == Approx(f.left));
  CHECK(lines[1].x + lines[1].w / 2 == Approx((f.left + f.right) / 2).margin(0.05));
  CHECK(lines[2].x + lines[2].w == Approx(f.right).margin(0.05));
}

TEST_CASE("non-breaking spaces do not break and a too wide word is broken by characters", "[typeset][layout]") {
  Document d;
  std::string text;
  for (int i = 0; i < 40; ++i) text += "приказ №\u00A076 от\u00A010.11.2025 ";
  d.blocks.push_back(sample::para(text));
  std::string giant(200 * 2, '\0');
  giant.clear();
  for (int i = 0; i < 200; ++i) giant += "ж";
  d.blocks.push_back(sample::para("Слово " + giant + " конец"));
  Result r = render(d);
  check_geometry(d, r);
  auto lines = geo::of_kind(r, "line");
  int numbers = 0;
  std::string all;
  for (const Box& b : lines) {
    INFO(b.text);
    CHECK(b.text.find("\u00A0") == std::string::npos);  // rendered as a plain space
    CHECK(b.text.rfind("№") != b.text.size() - std::string("№").size());
    CHECK(b.text.substr(0, 3) != "76 ");
    for (size_t p = b.text.find("№ 76"); p != std::string::npos; p = b.text.find("№ 76", p + 1)) ++numbers;
    all += b.text;
  }
  CHECK(numbers == 40);
  CHECK(letters(all).find(letters(giant)) != std::string::npos);
}

TEST_CASE("a list label hangs before the first line", "[typeset][layout]") {
  Document d;
  d.blocks.push_back(sample::item("2.1.", repeat("Положение о наставничестве", 6)));
  Result r = render(d);
  Frame f(d.page);
  auto labels = geo::of_kind(r, "label");
  auto lines = geo::of_kind(r, "line");
  REQUIRE(labels.size() == 1);
  REQUIRE(lines.size() >= 2);
  CHECK(labels[0].text == "2.1.");
  CHECK(labels[0].x == Approx(f.left + 12.5 * geo::kMm));
  CHECK(labels[0].y == Approx(lines[0].y));
  CHECK(labels[0].x + labels[0].w < lines[0].x);
  CHECK(lines[1].x == Approx(f.left));
}

TEST_CASE("table: header on every page, rows below it, short rows moved whole", "[typeset][table]") {
  Document d;
  d.blocks.push_back(sample::para(sample::kLorem));
  d.blocks.push_back(sample::roadmap(6, 10));
  Result r = render(d);
  check_geometry(d, r);
  REQUIRE(r.pages >= 3);
  std::set<int> table_pages;
  for (const Box& b : geo::of_kind(r, "cell")) table_pages.insert(b.page);
  REQUIRE(table_pages.size() >= 3);
  for (int p : table_pages) {
    INFO("page " << p);
    auto header = geo::of_kind(r, "header", p);
    REQUIRE(header.size() == 5);
    double header_bottom = header[0].y;
    for (const Box& h : header) header_bottom = std::min(header_bottom, h.y);
    for (const Box& c : geo::of_kind(r, "cell", p)) {
      INFO(geo::describe(c));
      CHECK(c.y + c.h <= header_bottom + geo::kEps);
    }
  }
  // The rows are short: none is split, each number appears in exactly one cell.
  std::map<std::string, int> seen;
  for (const Box& c : geo::of_kind(r, "cell")) seen[c.text]++;
  for (int s = 1; s <= 6; ++s)
    for (int k = 1; k <= 10; ++k) {
      std::string n = std::to_string(s) + "." + std::to_string(k) + ".";
      INFO(n);
      CHECK(seen[n] == 1);
    }
}

TEST_CASE("table: a row taller than the rest of the page is split", "[typeset][table]") {
  Document d;
  d.blocks.push_back(sample::para(sample::kLorem));
  Table t;
  t.header.push_back({sample::cell("№"), sample::cell("Содержание")});
  std::string tall = repeat(sample::kLorem, 7);
  t.rows.push_back({sample::cell("1."), sample::cell("Короткая строка")});
  t.rows.push_back({sample::cell("2."), sample::cell(tall)});
  t.rows.push_back({sample::cell("3."), sample::cell("Последняя строка")});
  d.blocks.push_back(t);
  Result r = render(d);
  check_geometry(d, r);
  std::vector<Box> parts;
  for (const Box& c : geo::of_kind(r, "cell"))
    if (c.w > 100 && c.text.find("Короткая") == std::string::npos && c.text.find("Последняя") == std::string::npos)
      parts.push_back(c);
  REQUIRE(parts.size() >= 2);
  CHECK(parts[0].page == 0);  // started right below the first row, not moved
  for (size_t i = 1; i < parts.size(); ++i) CHECK(parts[i].page == parts[i - 1].page + 1);
  // Every page the row is on has the header above it.
  for (const Box& p : parts) CHECK(geo::of_kind(r, "header", p.page).size() == 2);
  // Nothing lost or repeated across the split.
  std::string all;
  for (const Box& p : parts) all += p.text;
  CHECK(letters(all) == letters(tall));
  // The number cell of the split row is drawn on each page too (empty on the continuation).
  auto last_row = geo::of_kind(r, "cell", parts.back().page);
  bool found_last = false;
  for (const Box& c : last_row) found_last |= c.text == "Последняя строка";
  CHECK(found_last);
}

TEST_CASE("table: explicit column weights and a spanning row", "[typeset][table]") {
  Document d;
  Table t;
  t.col_weights = {1, 3};
  t.header.push_back({sample::cell("А"), sample::cell("Б")});
  t.rows.push_back({sample::cell("Этап 1", 2)});
  t.rows.push_back({sample::cell("1"), sample::cell("2")});
  d.blocks.push_back(t);
  Result r = render(d);
  Frame f(d.page);
  auto h = geo::of_kind(r, "header");
  REQUIRE(h.size() == 2);
  CHECK(h[0].w * 3 == Approx(h[1].w));
  CHECK(h[0].w + h[1].w == Approx(f.right - f.left));
  auto cells = geo::of_kind(r, "cell");
  REQUIRE(cells.size() == 3);
  CHECK(cells[0].text == "Этап 1");
  CHECK(cells[0].w == Approx(f.right - f.left));
}

TEST_CASE("two-sided line: both parts on one baseline, right part flush right", "[typeset][layout]") {
  Document d;
  TwoSided a;
  a.left.push_back(Span{"10.11.2025"});
  a.right.push_back(Span{"№\u00A076"});
  d.blocks.push_back(a);
  TwoSided b;
  b.left.push_back(Span{"Директор муниципального бюджетного общеобразовательного учреждения «Средняя "
                        "общеобразовательная школа № 1 имени очень длинного названия»"});
  b.right.push_back(Span{"И.О.\u00A0Фамилия"});
  d.blocks.push_back(b);
  Result r = render(d);
  check_geometry(d, r);
  Frame f(d.page);
  auto left = geo::of_kind(r, "twosided-left");
  auto right = geo::of_kind(r, "twosided-right");
  REQUIRE(right.size() == 2);
  REQUIRE(left.size() >= 3);
  CHECK(left[0].y == Approx(right[0].y));
  CHECK(left[0].h == Approx(right[0].h));
  CHECK(left[0].x == Approx(f.left));
  CHECK(right[0].x + right[0].w == Approx(f.right).margin(0.01));
  CHECK(right[0].text == "№ 76");
  // A wrapped left part: the name sits on the baseline of its last line.
  CHECK(right[1].y == Approx(left.back().y));
  CHECK(right[1].x + right[1].w == Approx(f.right).margin(0.01));
  CHECK(right[1].text == "И.О. Фамилия");
}

TEST_CASE("QR code: bottom right of page 1 only, the flow keeps clear of it", "[typeset][layout]") {
  Document d;
  d.blocks.push_back(QrCode{"https://school.example.ru/doc/76", 25});
  for (int i = 0; i < 6; ++i) d.blocks.push_back(sample::para(sample::kLorem));
  Result r = render(d);
  check_geometry(d, r);
  Frame f(d.page);
  auto qr = geo::of_kind(r, "qr");
  REQUIRE(qr.size() == 1);
  CHECK(qr[0].page == 0);
  CHECK(qr[0].x + qr[0].w == Approx(f.right));
  CHECK(qr[0].y == Approx(f.bottom));
  CHECK(qr[0].w == Approx(25 * geo::kMm));
  REQUIRE(r.pages >= 2);
  // The text on page 1 stops above the code.
  for (const Box& b : geo::of_kind(r, "line", 0)) CHECK(b.y >= qr[0].y + qr[0].h);
}

TEST_CASE("stamp beside the signature, footer at the bottom of the last page", "[typeset][layout]") {
  Document d = sample::order(false);
  Result r = render(d);
  check_geometry(d, r);
  Frame f(d.page);
  auto stamp = geo::of_kind(r, "stamp");
  REQUIRE(stamp.size() == 1);
  // The signature line: position left, name right, the stamp between them and across the baseline.
  Box pos{}, name{};
  for (const Box& b : geo::of_kind(r, "twosided-left"))
    if (b.text == "Директор") pos = b;
  for (const Box& b : geo::of_kind(r, "twosided-right"))
    if (b.text == "И.О. Фамилия") name = b;
  REQUIRE(pos.text == "Директор");
  REQUIRE(name.text == "И.О. Фамилия");
  CHECK(pos.y == Approx(name.y));
  CHECK(stamp[0].x > pos.x + pos.w);
  CHECK(stamp[0].x + stamp[0].w < name.x);
  CHECK(stamp[0].y < pos.y);
  CHECK(stamp[0].y + stamp[0].h > pos.y + pos.h);
  CHECK(stamp[0].text.find("ДОКУМЕНТ ПОДПИСАН") == 0);
  // Footer.
  auto footer = geo::of_kind(r, "footer");
  REQUIRE(!footer.empty());
  CHECK(footer.back().page == r.pages - 1);
  CHECK(footer.back().y == Approx(f.bottom).margin(0.01));
  // Page numbers: not on page 1, centred on the others.
  auto numbers = geo::of_kind(r, "page-number");
  CHECK(numbers.size() == static_cast<size_t>(r.pages - 1));
  for (const Box& n : numbers) {
    CHECK(n.page >= 1);
    CHECK(n.text == std::to_string(n.page + 1));
    CHECK(n.x + n.w / 2 == Approx((f.left + f.right) / 2));
  }
}

TEST_CASE("a stamp that does not fit beside the signature goes below it, flush right", "[typeset][layout]") {
  Document d;
  TwoSided s;
  s.left.push_back(Span{"Директор муниципального бюджетного учреждения"});
  s.right.push_back(Span{"И.О.\u00A0Фамилия"});
  d.blocks.push_back(s);
  Stamp st;
  st.lines = {"ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ", "Сертификат 0123"};
  d.blocks.push_back(st);
  Result r = render(d);
  check_geometry(d, r);
  Frame f(d.page);
  auto stamp = geo::of_kind(r, "stamp");
  REQUIRE(stamp.size() == 1);
  CHECK(stamp[0].x + stamp[0].w == Approx(f.right));
  for (const Box& b : geo::of_kind(r, "twosided-left")) CHECK(stamp[0].y + stamp[0].h <= b.y + geo::kEps);
}

TEST_CASE("a heading is kept with the following paragraph", "[typeset][layout]") {
  Document d;
  for (int i = 0; i < 43; ++i) d.blocks.push_back(sample::para("Строка " + std::to_string(i + 1), Align::left, 0));
  Heading h;
  h.spans.push_back(Span{"Раздел 2"});
  d.blocks.push_back(h);
  d.blocks.push_back(sample::para(sample::kLorem));
  Result r = render(d);
  auto hb = geo::of_kind(r, "heading");
  REQUIRE(hb.size() == 1);
  auto lines = geo::of_kind(r, "line");
  const Box* first_after = nullptr;
  for (const Box& b : lines)
    if (b.text.find("В целях") == 0) first_after = &b;
  REQUIRE(first_after);
  CHECK(hb[0].page == first_after->page);
  CHECK(hb[0].page == 1);
  // The last line before the heading stayed on page 1.
  CHECK(lines[42].page == 0);
}

TEST_CASE("corner block flush with the right margin", "[typeset][layout]") {
  Document d;
  Corner c;
  c.width_mm = 70;
  c.paras.push_back(sample::para("УТВЕРЖДЕНО\nприказом МБОУ «Средняя школа № 1» от 10.11.2025 № 76", Align::left, 0));
  d.blocks.push_back(c);
  d.blocks.push_back(sample::para(sample::kLorem));
  Result r = render(d);
  check_geometry(d, r);
  Frame f(d.page);
  auto corner = geo::of_kind(r, "corner");
  REQUIRE(corner.size() >= 2);
  CHECK(corner[0].text == "УТВЕРЖДЕНО");  // forced line break
  for (const Box& b : corner) {
    CHECK(b.x == Approx(f.right - 70 * geo::kMm));
    CHECK(b.x + b.w <= f.right + geo::kEps);
  }
}

TEST_CASE("table of contents after the first heading of a long document", "[typeset][layout]") {
  Document d;
  d.toc = true;
  Heading title;
  title.spans.push_back(Span{"ПОЛОЖЕНИЕ о наставничестве"});
  d.blocks.push_back(title);
  for (int s = 1; s <= 5; ++s) {
    Heading h;
    h.level = 2;
    h.spans.push_back(Span{"Раздел " + std::to_string(s)});
    d.blocks.push_back(h);
    for (int i = 0; i < 3; ++i) d.blocks.push_back(sample::para(sample::kLorem));
  }
  Result r = render(d);
  check_geometry(d, r);
  REQUIRE(r.pages > 3);
  std::map<std::string, int> heading_page;
  for (const Box& b : geo::of_kind(r, "heading")) heading_page[b.text] = b.page;
  auto toc = geo::of_kind(r, "toc");
  REQUIRE(!toc.empty());
  CHECK(toc[0].text == "Содержание");
  for (int s = 1; s <= 5; ++s) {
    std::string name = "Раздел " + std::to_string(s);
    INFO(name);
    REQUIRE(heading_page.count(name));
    // The entry and, on the same line, its page number.
    const Box* entry = nullptr;
    for (const Box& b : toc)
      if (b.text == name) entry = &b;
    REQUIRE(entry);
    const Box* number = nullptr;
    for (const Box& b : toc)
      if (&b != entry && b.y == entry->y && b.page == entry->page) number = &b;
    REQUIRE(number);
    CHECK(number->text == std::to_string(heading_page[name] + 1));
  }
}

TEST_CASE("a short document has no table of contents", "[typeset][layout]") {
  Document d;
  d.toc = true;
  Heading h;
  h.spans.push_back(Span{"Заголовок"});
  d.blocks.push_back(h);
  d.blocks.push_back(sample::para(sample::kLorem));
  Result r = render(d);
  CHECK(geo::of_kind(r, "toc").empty());
}

TEST_CASE("an image is placed in the flow, a missing image is an error", "[typeset][layout]") {
  // A 1x1 red PNG.
  static const unsigned char png[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
      0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00,
      0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01,
      0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  std::string path = std::filesystem::temp_directory_path() / ("typeset-test-" + std::to_string(::getpid()) + ".png");
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(png), sizeof png);
  Document d;
  d.blocks.push_back(sample::para("До рисунка"));
  d.blocks.push_back(Image{path, 50, 20});
  d.blocks.push_back(sample::para("После рисунка"));
  Result r = render(d);
  std::filesystem::remove(path);
  check_geometry(d, r);
  Frame f(d.page);
  auto im = geo::of_kind(r, "image");
  REQUIRE(im.size() == 1);
  CHECK(im[0].w == Approx(50 * geo::kMm));
  CHECK(im[0].h == Approx(20 * geo::kMm));
  CHECK(im[0].x + im[0].w / 2 == Approx((f.left + f.right) / 2));
  CHECK(r.pdf.find("/Subtype /Image") != std::string::npos);

  Document bad;
  bad.blocks.push_back(Image{"/nonexistent.png", 50, 20});
  CHECK_THROWS_AS(render(bad), std::runtime_error);
}

TEST_CASE("a chart is drawn inside the text area", "[typeset][chart]") {
  Document d;
  Chart c;
  c.kind = Chart::line;
  c.title = "Динамика";
  c.categories = {"2021", "2022", "2023", "2024"};
  c.series = {{"Наставники", {10, 12.5, NAN, 20}}, {"Пары", {-3, 8, 9, 15}}};
  d.blocks.push_back(c);
  Result r = render(d);
  check_geometry(d, r);
  auto ch = geo::of_kind(r, "chart");
  REQUIRE(ch.size() == 1);
  CHECK(ch[0].h == Approx(70 * geo::kMm));
}

TEST_CASE("degenerate input renders without crashing", "[typeset][layout]") {
  Document d;
  CHECK(render(d).pages == 1);  // an empty document is one blank page
  d.blocks.push_back(Paragraph{});
  d.blocks.push_back(Heading{});
  d.blocks.push_back(Table{});
  Table only_header;
  only_header.header.push_back({sample::cell("А"), sample::cell("Б")});
  d.blocks.push_back(only_header);
  Table ragged;
  ragged.rows.push_back({sample::cell("1")});
  ragged.rows.push_back({sample::cell("1"), sample::cell("2"), sample::cell("3")});
  ragged.rows.push_back({Cell{}});
  d.blocks.push_back(ragged);
  d.blocks.push_back(Chart{});
  d.blocks.push_back(TwoSided{});
  d.blocks.push_back(Corner{});
  d.blocks.push_back(Stamp{});
  d.blocks.push_back(Footer{});
  d.blocks.push_back(PageBreak{});
  d.blocks.push_back(PageBreak{});
  Paragraph spaces;
  spaces.spans.push_back(Span{"   \n  \u00AD "});
  d.blocks.push_back(spaces);
  Result r = render(d);
  CHECK(r.pages >= 1);
  check_geometry(d, r);
}

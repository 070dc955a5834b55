// Official documents from the model: the requisites of an order in ГОСТ order, the appendices, the
// effect of the document styles, and the geometry of the typeset result (margins, no overlap).
#include <catch2/catch.hpp>

#include "../typeset/geometry.h"
#include "load/load.h"
#include "render/pdf/documents.h"

using namespace nastavnik;
using namespace nastavnik::typeset;

namespace {

std::unique_ptr<Site> load_fixture(const std::string& name) {
  Diagnostics d;
  LoadOptions o;
  o.site_dir = std::string(NASTAVNIK_SOURCE_DIR) + "/tests/sites/" + name;
  auto site = load_site(o, d);
  REQUIRE(site);
  REQUIRE_FALSE(d.has_errors());
  return site;
}

const Page& page_of(const Site& site, const std::string& file) {
  for (const Org* org : site.orgs())
    for (const auto& p : org->pages)
      if (p->file == file) return *p;
  FAIL("нет страницы " << file);
  throw 0;
}

std::string text_of(const Block& b) {
  std::string s;
  auto spans = [&](const std::vector<Span>& v) {
    for (const Span& x : v) s += x.text;
  };
  if (auto* p = std::get_if<Paragraph>(&b)) spans(p->spans);
  if (auto* h = std::get_if<Heading>(&b)) spans(h->spans);
  if (auto* t = std::get_if<TwoSided>(&b)) spans(t->left), s += " | ", spans(t->right);
  if (auto* c = std::get_if<Corner>(&b))
    for (const Paragraph& p : c->paras) spans(p.spans), s += "\n";
  return s;
}

// The index of the first block whose text contains the needle, or -1.
int find(const Document& d, const std::string& needle, int from = 0) {
  for (int i = from; i < static_cast<int>(d.blocks.size()); ++i)
    if (text_of(d.blocks[i]).find(needle) != std::string::npos) return i;
  return -1;
}

}  // namespace

TEST_CASE("an order's requisites come in ГОСТ order, then ПРИКАЗЫВАЮ, the items and the signature") {
  auto site = load_fixture("kedrovy");
  const Page& order = page_of(*site, "content/orders/2021-11-10-76.md");
  Document d = pdf::page_document(order, *site, {});
  int parent = find(d, "Администрации МО");
  int organisation = find(d, "ОТДЕЛ ОБРАЗОВАНИЯ");
  int kind = find(d, "ПРИКАЗ");
  int date = find(d, "10.11.2021");
  int place = std::max(find(d, "г.\u00a0Кедровый", date), find(d, "г. Кедровый", date));
  int title = find(d, "утверждении муниципальной программы");  // «Об» is bound by a no-break space
  int prikazyvayu = find(d, "ПРИКАЗЫВАЮ:");
  int signature = find(d, "Белоусова");
  CHECK(0 <= parent);
  CHECK(parent < organisation);
  CHECK(organisation < kind);
  CHECK(kind < date);
  CHECK(date < place);
  CHECK(place < title);
  CHECK(title < prikazyvayu);
  CHECK(prikazyvayu < signature);
  // Date and number on one line.
  CHECK(text_of(d.blocks.at(date)).find("№\u00a076") != std::string::npos);
  // The appendices, each after a page break, with their reference to the order.
  int app1 = find(d, "Приложение 1");
  int app2 = find(d, "Приложение 2");
  REQUIRE(app1 > signature);
  REQUIRE(app2 > app1);
  CHECK(std::holds_alternative<PageBreak>(d.blocks.at(app1 - 1)));
  CHECK(text_of(d.blocks.at(app1)).find("к приказу от 10.11.2021 №\u00a076") != std::string::npos);
  CHECK(d.author == order.org->name);
}

TEST_CASE("the order's style changes the document: spaced ПРИКАЗЫВАЮ, long dates, corner letterhead") {
  auto site = load_fixture("kedrovy");
  DocumentStyle& st = site->styles.documents["order"];
  st.prikazyvayu = "spaced";
  st.date_format = "long";
  st.header_layout = "corner";
  st.margin_left_mm = 25;
  const Page& order = page_of(*site, "content/orders/2021-11-10-76.md");
  Document d = pdf::page_document(order, *site, {});
  CHECK(find(d, "ПРИКАЗЫВАЮ:") == -1);
  int preamble = find(d, "п\u00a0р\u00a0и\u00a0к\u00a0а\u00a0з\u00a0ы\u00a0в\u00a0а\u00a0ю:");
  if (preamble < 0) preamble = find(d, "п р и к а з ы в а ю:");
  REQUIRE(preamble >= 0);
  CHECK(text_of(d.blocks.at(preamble)).find("основании распоряжения") != std::string::npos);  // the preamble's end
  CHECK(find(d, "10\u00a0ноября 2021") >= 0);
  CHECK(find(d, "10.11.2021") == -1);
  CHECK(d.page.left_mm == 25);
  // The requisites sit in one corner block.
  bool corner = false;
  for (const Block& b : d.blocks)
    if (auto* c = std::get_if<Corner>(&b); c && text_of(b).find("ПРИКАЗ") != std::string::npos) corner = true;
  CHECK(corner);
}

TEST_CASE("a typeset order keeps everything inside the margins and nothing overlaps") {
  auto site = load_fixture("kedrovy");
  for (std::string layout : {"centered", "corner"}) {
    site->styles.documents["order"].header_layout = layout;
    const Page& order = page_of(*site, "content/orders/2021-11-10-76.md");
    Document d = pdf::page_document(order, *site, {});
    Result r = render(d);
    INFO("бланк " << layout);
    CHECK(r.pages >= 10);  // the order, the roadmap and the programme
    geo::Frame frame(d.page);
    std::vector<Box> placed;
    for (const Box& b : r.boxes) {
      if (b.kind == "page-number") continue;  // in the top margin by design
      INFO(geo::describe(b));
      CHECK(geo::inside(b, frame));
      // Containers (table cells, corner) hold lines; compare leaves of the same kind class only.
      if (b.kind == "line" || b.kind == "heading" || b.kind == "qr" || b.kind == "footer" || b.kind == "image")
        placed.push_back(b);
    }
    for (size_t i = 0; i < placed.size(); ++i)
      for (size_t j = i + 1; j < placed.size(); ++j)
        if (geo::overlap(placed[i], placed[j])) FAIL("перекрываются: " << geo::describe(placed[i]) << " и " << geo::describe(placed[j]));
    // Page numbers from page 2, centred in the top margin.
    auto numbers = geo::of_kind(r, "page-number");
    REQUIRE(numbers.size() == static_cast<size_t>(r.pages - 1));
    CHECK(numbers.front().page == 1);
    CHECK(numbers.front().y > frame.top);
    CHECK(std::abs(numbers.front().x + numbers.front().w / 2 - (frame.left + frame.right) / 2) < 1);
  }
}

TEST_CASE("page numbers at the bottom right when the style says so") {
  auto site = load_fixture("kedrovy");
  site->styles.documents["order"].page_numbers = "bottom-right";
  const Page& order = page_of(*site, "content/orders/2021-11-10-76.md");
  Document d = pdf::page_document(order, *site, {});
  Result r = render(d);
  geo::Frame frame(d.page);
  auto numbers = geo::of_kind(r, "page-number");
  REQUIRE_FALSE(numbers.empty());
  for (const Box& b : numbers) {
    CHECK(b.y + b.h < frame.bottom);                 // in the bottom margin
    CHECK(b.y >= 10 * geo::kMm - geo::kEps);         // at least 10 mm from the edge
    CHECK(std::abs(b.x + b.w - frame.right) < 0.01);  // flush right
  }
}

TEST_CASE("a roadmap is a landscape table with the stages as rows spanning it") {
  auto site = load_fixture("kedrovy");
  const Org& org = *site->orgs().front();
  REQUIRE_FALSE(org.roadmaps.empty());
  Document d = pdf::roadmap_document(*org.roadmaps.front(), org, *site);
  CHECK(d.page.width_mm > d.page.height_mm);
  const Table* t = nullptr;
  for (const Block& b : d.blocks)
    if (auto* x = std::get_if<Table>(&b)) t = x;
  REQUIRE(t);
  int spanning = 0;
  for (const auto& row : t->rows)
    if (row.size() == 1 && row[0].colspan > 1) ++spanning;
  CHECK(spanning >= 2);  // the stages
}

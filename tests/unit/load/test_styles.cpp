// Document styles: the built-in templates/documents/*.yaml, a site's overrides key by key, and the
// diagnostics of a wrong style.
#include <catch2/catch.hpp>

#include "load/styles.h"
#include "site_builder.h"

using namespace nastavnik;

namespace {

std::vector<std::string> messages(const Diagnostics& d) {
  std::vector<std::string> v;
  for (const auto& x : d.sorted()) v.push_back(format_diagnostic(x));
  return v;
}

Site styled(TempSite& s, Diagnostics& d) {
  Site site;
  site.root = s.root.string();
  load_styles(site, NASTAVNIK_TEMPLATE_DIR, d);
  return site;
}

}  // namespace

TEST_CASE("the built-in styles are the ГОСТ defaults of every document type") {
  TempSite s("styles-builtin");
  Diagnostics d;
  Site site = styled(s, d);
  CHECK(messages(d).empty());
  const DocumentStyle& order = site.styles.document("order");
  CHECK(order.margin_left_mm == 30);
  CHECK(order.margin_right_mm == 10);
  CHECK(order.page_width_mm == 210);
  CHECK(order.body_pt == 14);
  CHECK(order.prikazyvayu == "line");
  CHECK(order.header_layout == "centered");
  CHECK(order.date_format == "numeric");
  CHECK(order.page_numbers == "top");
  CHECK(order.gost.empty());  // the profile of site.json
  CHECK(order.font_regular.ends_with("paratype/PTF55F.ttf"));
  const DocumentStyle& roadmap = site.styles.document("roadmap");
  CHECK(roadmap.page_width_mm == 297);  // landscape
  CHECK(roadmap.margin_left_mm == 20);
  CHECK(roadmap.table_pt == 10);
  for (const std::string& name : document_style_names())
    CHECK(site.styles.documents.count(name) == 1);
}

TEST_CASE("a site's style overrides only the keys it sets") {
  TempSite s("styles-override");
  s.write("templates/documents/order.yaml",
          "page:\n  margins: {right: 15}\n  numbers: bottom-right\nletterhead:\n  layout: corner\n"
          "prikazyvayu: spaced\ndate_format: long\ngost: 2025\nfonts:\n  family: Liberation Serif\n");
  Diagnostics d;
  Site site = styled(s, d);
  CHECK(messages(d).empty());
  const DocumentStyle& order = site.styles.document("order");
  CHECK(order.margin_right_mm == 15);
  CHECK(order.margin_left_mm == 30);  // kept from the built-in style
  CHECK(order.page_numbers == "bottom-right");
  CHECK(order.header_layout == "corner");
  CHECK(order.requisites.size() == 7);  // kept
  CHECK(order.prikazyvayu == "spaced");
  CHECK(order.date_format == "long");
  CHECK(order.gost == "2025");
  CHECK(order.font_bold.ends_with("LiberationSerif-Bold.ttf"));
  CHECK(order.file == "templates/documents/order.yaml");
  // The other types keep the built-in style.
  CHECK(site.styles.document("report").prikazyvayu == "line");
  CHECK(site.styles.document("report").margin_right_mm == 10);
}

TEST_CASE("a wrong key, type or value of a style is an error with its place") {
  TempSite s("styles-wrong");
  s.write("templates/documents/order.yaml",
          "page:\n  size: A3\n  margins:\n    left: 3\n    middle: 5\n"
          "text:\n  body: большой\nprikazyvayu: bold\nletterhead:\n  requisites: [parent, seal]\n"
          "  emblem: ../gerb.png\nsignatur: stacked\n");
  s.write("templates/documents/report.yaml", "letterhead:\n  layout: corner\n");
  s.write("templates/documents/prikaz.yaml", "page: {}\n");
  Diagnostics d;
  styled(s, d);
  CHECK(messages(d) == std::vector<std::string>{
      "templates/documents/order.yaml:2:9: ошибка: «page.size»: недопустимое значение «A3», ожидается одно из: A4, A5",
      "templates/documents/order.yaml:4:11: ошибка: «page.margins.left» = 3 вне допустимых пределов 5–60",
      "templates/documents/order.yaml:5:5: ошибка: неизвестный ключ стиля «page.margins.middle»",
      "templates/documents/order.yaml:7:9: ошибка: «text.body» должно быть числом, а не строка",
      "templates/documents/order.yaml:8:14: ошибка: «prikazyvayu»: недопустимое значение «bold», ожидается одно из: line, spaced",
      "templates/documents/order.yaml:10:24: ошибка: «letterhead.requisites»: неизвестный реквизит «seal», ожидается "
      "emblem, parent, organisation, address, kind, date_number, place или title",
      "templates/documents/order.yaml:11:11: ошибка: «letterhead.emblem»: путь «../gerb.png» должен быть относительным "
      "и не выходить за пределы сайта",
      "templates/documents/order.yaml:12:1: ошибка: неизвестный ключ стиля «signatur»",
      "templates/documents/prikaz.yaml: ошибка: неизвестный файл стиля: ожидается order.yaml, document.yaml, "
      "program.yaml, report.yaml или roadmap.yaml",
      "templates/documents/report.yaml:1:1: предупреждение: ключ «letterhead» действует только в стиле приказа "
      "(order.yaml): здесь он не меняет документ",
  });
}

TEST_CASE("a style's YAML syntax error and a missing emblem file are errors") {
  TempSite s("styles-yaml");
  s.write("templates/documents/order.yaml", "letterhead:\n  emblem: gerb.png\n");
  s.write("templates/documents/report.yaml", "page: [A4\n");
  Diagnostics d;
  styled(s, d);
  auto m = messages(d);
  REQUIRE(m.size() == 2);
  CHECK(m[0] == "templates/documents/order.yaml:2:11: ошибка: «letterhead.emblem»: файл «gerb.png» не найден");
  CHECK(m[1].starts_with("templates/documents/report.yaml:"));
  CHECK(m[1].find("ошибка: неверный YAML") != std::string::npos);
}

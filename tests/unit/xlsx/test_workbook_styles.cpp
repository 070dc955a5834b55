// Workbook styles (templates/workbooks/*.yaml): a site's file overrides the built-in one key by key,
// a list of columns as a whole; every mistake is an error with file:line:col (load/workbook_styles).
#include <catch2/catch.hpp>

#include "../load/site_builder.h"
#include "load/workbook_styles.h"
#include "render/xlsx/workbook.h"

using namespace nastavnik;

namespace {

struct Loaded {
  WorkbookStyles styles;
  std::vector<std::string> errors;
};

// Loads the built-in styles and the site's files {name → text}.
Loaded load(const std::map<std::string, std::string>& files) {
  TempSite site("wbstyles");
  for (const auto& [name, text] : files) site.write("templates/workbooks/" + name, text);
  Site s;
  s.root = site.root.string();
  Diagnostics d;
  load_workbook_styles(s, NASTAVNIK_TEMPLATE_DIR, d);
  Loaded out{s.workbook_styles, {}};
  for (const auto& x : d.sorted()) out.errors.push_back(format_diagnostic(x));
  return out;
}

std::vector<std::string> fields(const std::vector<WorkbookColumn>& v) {
  std::vector<std::string> out;
  for (const auto& c : v) out.push_back(c.field + "=" + c.header);
  return out;
}

}  // namespace

TEST_CASE("workbook styles: the built-in files load without a word") {
  Loaded l = load({});
  CHECK(l.errors.empty());
  CHECK(l.styles.monitoring.roadmap == "Дорожная карта");
  CHECK(l.styles.monitoring.overdue == Fill(0xF4CCCC));
  CHECK(l.styles.monitoring.done == Fill(0xD9EAD3));
  CHECK_FALSE(l.styles.monitoring.in_progress);
  CHECK(l.styles.summary.summary == "Сводка");
  REQUIRE(l.styles.summary.columns.size() == 20);
  CHECK(l.styles.summary.columns[1].field == "organisation");
  CHECK(l.styles.bases.print.footer.center == "Страница {page} из {pages}");
  CHECK(l.styles.site_files.empty());
}

TEST_CASE("workbook styles: a site's file replaces only the keys it sets") {
  Loaded l = load({{"bases.yaml",
                    "mentors:\n"
                    "  columns:\n"
                    "    - full_name\n"
                    "    - {field: phone, header: \"Тел.\"}\n"
                    "    - {field: organisation, width: 20}\n"
                    "print:\n"
                    "  footer: {right: \"{date}\"}\n"},
                   {"monitoring.yaml", "colors:\n  overdue: \"#FF0000\"\n  done: none\nsheets:\n  roadmap: План\n"}});
  REQUIRE(l.errors.empty());
  const BasesStyle& b = l.styles.bases;
  // The list is replaced as a whole; a column without a header keeps the built-in one of its field.
  CHECK(fields(b.mentors.columns) ==
        std::vector<std::string>{"full_name=ФИО наставника", "phone=Тел.", "organisation=Организация"});
  CHECK(b.mentors.columns[2].width == 20);
  CHECK(b.mentors.sheet == "Наставники");             // not set: built-in
  CHECK(b.mentees.columns.size() == 28);               // not set: built-in
  CHECK(b.print.footer.center == "Страница {page} из {pages}");  // the footer's other keys stay
  CHECK(b.print.footer.right == "{date}");
  CHECK(l.styles.monitoring.overdue == Fill(0xFF0000));
  CHECK_FALSE(l.styles.monitoring.done);
  CHECK(l.styles.monitoring.roadmap == "План");
  CHECK(l.styles.monitoring.participants == "Участники");
  CHECK(l.styles.site_files ==
        std::vector<std::string>{"templates/workbooks/bases.yaml", "templates/workbooks/monitoring.yaml"});
}

TEST_CASE("workbook styles: wrong keys, types and fields are errors with file:line:col") {
  Loaded l = load({{"bases.yaml",
                    "mentors:\n"
                    "  sheets: Наставники\n"                        // 2: a typo of «sheet»
                    "  columns: [full_name, telefon, full_name]\n"  // 3: an unknown and a repeated field
                    "mentees:\n"
                    "  columns: 5\n"                                // 5: not a list
                    "organisation_column: {width: 500}\n"           // 6: out of range
                    "print:\n"
                    "  orientation: sideways\n"                     // 8
                    "  fit_to_width: да\n"                          // 9
                    "  footer: {center: \"{page} из {всего}\"}\n"}, // 10
                   {"monitoring.yaml",
                    "sheets:\n"
                    "  roadmap: \"План/график\"\n"  // 2: a character Excel refuses
                    "  indicators: Участники\n"    // 3: the same name as another sheet
                    "colors:\n"
                    "  overdue: #F4CCCC\n"         // 5: a YAML comment, not a colour
                    "  done: зелёный\n"},          // 6
                   {"summary.yaml",
                    "columns:\n"
                    "  - number\n"
                    "  - young_share\n"  // 3: without young and young_mentored
                    "  - mentors\n"},
                   {"colors.yaml", "x: 1\n"}});
  CHECK(l.errors == std::vector<std::string>{
      "templates/workbooks/bases.yaml:2:3: ошибка: неизвестный ключ «mentors.sheets» (допустимы: sheet, columns)",
      "templates/workbooks/bases.yaml:3:24: ошибка: «mentors.columns»: неизвестное поле «telefon»; допустимы: "
      "organisation, full_name, category, role, workplace, phone, email, experience, competencies, achievements, "
      "interests, requests, birth_date, age, young_specialist, consent, pair, start, end, mentors, mentor_workplace, "
      "mentees, form, kind, place, status, topic, result, program, order",
      "templates/workbooks/bases.yaml:3:33: ошибка: «mentors.columns»: поле «full_name» уже есть в списке столбцов",
      "templates/workbooks/bases.yaml:5:12: ошибка: поле «mentees.columns» должно быть списком столбцов, а не число",
      "templates/workbooks/bases.yaml:6:30: ошибка: «organisation_column.width» = 500 вне допустимых пределов 3–100 "
      "(символов)",
      "templates/workbooks/bases.yaml:8:16: ошибка: «print.orientation»: недопустимое значение «sideways», ожидается "
      "одно из: landscape, portrait",
      "templates/workbooks/bases.yaml:9:17: ошибка: поле «print.fit_to_width» должно быть true или false, а не строка",
      "templates/workbooks/bases.yaml:10:20: ошибка: «print.footer.center»: неизвестная подстановка «{всего}», "
      "допустимы {title}, {organisation}, {date}, {sheet}, {page}, {pages}",
      "templates/workbooks/colors.yaml: ошибка: неизвестный файл стиля таблицы: ожидается bases.yaml, "
      "monitoring.yaml или summary.yaml",
      "templates/workbooks/monitoring.yaml:2:12: ошибка: «sheets.roadmap»: в имени листа «План/график» недопустим знак "
      "«/» (Excel не принимает []:*?/\\ и апостроф)",
      "templates/workbooks/monitoring.yaml:3:15: ошибка: листы «sheets.participants» и «sheets.indicators» названы "
      "одинаково: «Участники»",
      "templates/workbooks/monitoring.yaml:5:3: ошибка: «colors.overdue»: нет значения цвета; в YAML знак # начинает "
      "комментарий — возьмите цвет в кавычки: \"#F4CCCC\" (или none — без заливки)",
      "templates/workbooks/monitoring.yaml:6:9: ошибка: «colors.done»: неверный цвет «зелёный», ожидается «#RRGGBB» "
      "(например \"#F4CCCC\") или none",
      "templates/workbooks/summary.yaml:1:1: ошибка: «columns»: нет столбца «organisation» — в нём названия школ и "
      "строка «Итого по муниципалитету»",
      "templates/workbooks/summary.yaml:3:5: ошибка: «columns»: столбец «young_share» — формула над столбцами "
      "«young_mentored» и «young», добавьте их в список",
  });
  // A list with a mistake leaves the built-in list in place.
  CHECK(l.styles.bases.mentors.columns.size() == 26);
  CHECK(l.styles.summary.columns.size() == 20);
  CHECK(l.styles.monitoring.roadmap == "Дорожная карта");
}

TEST_CASE("workbook styles: a sheet name too long, an empty list, a column without a field") {
  Loaded l = load({{"summary.yaml",
                    "sheets:\n"
                    "  charts: Диаграммы по всем школам муниципалитета\n"
                    "columns: []\n"},
                   {"bases.yaml", "mentees:\n  columns:\n    - {header: ФИО}\n"}});
  CHECK(l.errors == std::vector<std::string>{
      "templates/workbooks/bases.yaml:3:7: ошибка: «mentees.columns»: у столбца нет ключа «field» (какое поле он "
      "показывает)",
      "templates/workbooks/summary.yaml:2:11: ошибка: «sheets.charts»: имя листа «Диаграммы по всем школам "
      "муниципалитета» длиннее 31 символа (в нём 39)",
      "templates/workbooks/summary.yaml:3:10: ошибка: «columns»: список столбцов пуст",
  });
}

TEST_CASE("workbook styles: the print header and footer in Excel's codes") {
  xlsx::BookInfo info;
  info.title = "Мониторинг: СОШ № 1";
  info.company = "Школа & Ко";
  info.created = Date{2024, 9, 30};
  CHECK(xlsx::header_footer_code({"", "Страница {page} из {pages}", ""}, info) == "&CСтраница &P из &N");
  CHECK(xlsx::header_footer_code({"{organisation}", "", "{sheet}, {date}"}, info) ==
        "&LШкола && Ко&R&A, 30.09.2024");
  CHECK(xlsx::header_footer_code({}, info).empty());
  // Each part is cut so that the whole stays within Excel's 255 characters.
  info.title = std::string(300, 'x');
  std::string code = xlsx::header_footer_code({"{title}", "{title}", "{title}"}, info);
  CHECK(code.size() <= 255);
}

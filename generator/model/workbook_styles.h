// Workbook styles (templates/workbooks/<name>.yaml): the columns of the bases of mentors and mentees,
// sheet names, print header and footer, colours of statuses and the columns of the department's
// summary. Built-in defaults come from the tool's templates/workbooks/, a site overrides them key by
// key with its own file of the same name (a list, such as the columns, is replaced as a whole).
// Every key is documented in docs/workbook-styles.md. Read by render/xlsx only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace nastavnik {

// A column of a table: which field it shows, its header and the widest it gets (characters; it
// wraps beyond). `header` empty and `width` 0 mean the field's defaults.
struct WorkbookColumn {
  std::string field;
  std::string header;
  double width = 0;
  SourcePos pos;  // where the column is listed
};

// A field a column may show: its name in the style file, the header and width it gets by default.
struct WorkbookField {
  const char* name;
  const char* header;
  double width;
};

// The fields of the bases of mentors and mentees (a row per person and pair). Both bases accept
// every field; the built-in lists choose the target model's columns for each (DOMAIN.md).
inline const std::vector<WorkbookField>& base_fields() {
  static const std::vector<WorkbookField> v = {
      {"organisation", "Организация", 36},
      {"full_name", "ФИО", 34},
      {"category", "Категория", 18},
      {"role", "Должность, класс", 30},
      {"workplace", "Место работы, учёбы", 30},
      {"phone", "Телефон", 18},
      {"email", "Эл. почта", 28},
      {"experience", "Стаж, лет", 8},
      {"competencies", "Ключевые компетенции", 40},
      {"achievements", "Достижения", 40},
      {"interests", "Интересы", 32},
      {"requests", "Запросы", 32},
      {"birth_date", "Дата рождения", 11},
      {"age", "Возраст, лет", 8},
      {"young_specialist", "Молодой специалист", 11},
      {"consent", "Согласие на публикацию", 20},
      {"pair", "Код пары", 20},
      {"start", "Дата вхождения в программу", 11},
      {"end", "Дата завершения", 11},
      {"mentors", "ФИО наставника", 34},
      {"mentor_workplace", "Место работы, учёбы наставника", 36},
      {"mentees", "ФИО наставляемых", 34},
      {"form", "Форма наставничества", 26},
      {"kind", "Вид наставничества", 16},
      {"place", "Место реализации программы", 40},
      {"status", "Статус пары", 12},
      {"topic", "Тема", 36},
      {"result", "Результаты", 40},
      {"program", "Ссылка на программу, кейс", 40},
      {"order", "Приказ о закреплении", 36},
  };
  return v;
}

// The columns of the department summary's main sheet (a row per school and «Итого по
// муниципалитету»). The has_* fields show «есть» / «нет» for one required item of the target model.
inline const std::vector<WorkbookField>& summary_fields() {
  static const std::vector<WorkbookField> v = {
      {"number", "№", 5},
      {"organisation", "Организация", 40},
      {"mentors", "Наставники", 40},
      {"mentees", "Наставляемые", 40},
      {"pairs", "Пары и группы", 40},
      {"young", "Молодые специалисты", 40},
      {"young_mentored", "Из них с наставником", 40},
      {"young_share", "Доля молодых специалистов с наставником", 14},
      {"roadmap_items", "Пунктов дорожной карты", 40},
      {"done", "Выполнено", 40},
      {"overdue", "Просрочено", 40},
      {"done_share", "Доля выполненных пунктов", 14},
      {"has_polozhenie", "Положение", 14},
      {"has_intro_order", "Приказ о внедрении", 14},
      {"has_curator", "Куратор", 14},
      {"has_roadmap", "Дорожная карта", 14},
      {"has_program", "Программа", 14},
      {"has_pairs_order", "Приказ о закреплении пар", 14},
      {"has_pairs", "Пары", 14},
      {"missing", "Не хватает обязательных элементов", 14},
  };
  return v;
}

inline const WorkbookField* find_workbook_field(const std::vector<WorkbookField>& v, std::string_view name) {
  for (const auto& f : v)
    if (name == f.name) return &f;
  return nullptr;
}

// Text of the print header or footer, left, centre and right. Placeholders: {title} (the workbook's
// title), {organisation}, {date} (the build date), {sheet}, {page}, {pages}.
struct HeaderFooter {
  std::string left, center, right;
};

struct PrintSetup {
  std::string paper = "A4";  // A4 | A3
  bool landscape = true;
  bool fit_to_width = true;
  HeaderFooter header;
  HeaderFooter footer{"", "Страница {page} из {pages}", ""};
};

// A colour 0xRRGGBB; nullopt: no fill.
using Fill = std::optional<uint32_t>;

struct BaseStyle {
  std::string sheet;
  std::vector<WorkbookColumn> columns;
};

struct BasesStyle {
  std::string file;  // the style file that set it last (for messages)
  BaseStyle mentors{"Наставники", {}}, mentees{"Наставляемые", {}};
  WorkbookColumn organisation{"organisation", "Организация", 36, {}};  // first column of the merged bases
  Fill header_fill = 0xDDE4EE;
  PrintSetup print;
};

struct MonitoringStyle {
  std::string file;
  std::string participants = "Участники", by_year = "По годам", roadmap = "Дорожная карта",
              indicators = "Показатели";
  Fill done = 0xD9EAD3, overdue = 0xF4CCCC, in_progress;  // roadmap statuses
  Fill header_fill = 0xDDE4EE;
  PrintSetup print;
};

struct SummaryStyle {
  std::string file;
  std::string summary = "Сводка", forms = "Участники по формам", charts = "Диаграммы";
  std::vector<WorkbookColumn> columns;
  Fill missing = 0xF4CCCC, present;  // «нет» and «есть» of the required items
  Fill header_fill = 0xDDE4EE;
  PrintSetup print;
};

struct WorkbookStyles {
  BasesStyle bases;
  MonitoringStyle monitoring;
  SummaryStyle summary;
  std::vector<std::string> site_files;  // the site's own style files (site-relative), for the manifest
};

// The names of the workbook style files, in the order of docs/workbook-styles.md.
inline const std::vector<std::string>& workbook_style_names() {
  static const std::vector<std::string> v = {"bases", "monitoring", "summary"};
  return v;
}

}  // namespace nastavnik

// The bases of mentors and mentees of the target model (DOMAIN.md): working files of the куратор
// and of the department, with contacts and every personal field — private outputs only.
#pragma once
#include <string_view>
#include <string>
#include <vector>

#include "model/model.h"
#include "render/xlsx/workbook.h"

namespace nastavnik::xlsx {

enum class Base { mentors, mentees };

// One row of a base: a person in one pair (a row per person and pair); `pair` is null for a
// person without a pair.
struct BaseRow {
  const Org* org = nullptr;
  const Person* person = nullptr;
  const Pair* pair = nullptr;
  const SiteSettings* settings = nullptr;
};

// How a field of base_fields() (model/workbook_styles.h) is shown: its style and how its value is
// taken from a row.
struct BaseField {
  Style style;
  Cell (*get)(const BaseRow&);
};
const BaseField* base_field(std::string_view name);  // nullptr for a name that is not a field

// A column of a base as written: header, the widest it gets (it wraps beyond), style and getter.
struct BaseColumn {
  std::string header;
  double width;
  Style style;
  Cell (*get)(const BaseRow&);
};

const BaseStyle& base_style(Base b, const BasesStyle& style);
// The columns of a style's list; `org` (the department's merged bases) is put first unless the
// list already shows the organisation.
std::vector<BaseColumn> base_columns(const std::vector<WorkbookColumn>& list, const WorkbookColumn* org = nullptr);
std::string base_title(Base b);  // «База наставников»
std::string base_file(Base b);   // «baza-nastavnikov.xlsx»

// The rows of one organisation, sorted by name: mentors (or mentees) of every pair, then the people
// without a pair in the base they belong to (pupils, students and young specialists are mentees).
std::vector<BaseRow> base_rows(Base b, const Org& org, const SiteSettings& settings);

// Writes a base as the workbook's one sheet, one organisation's rows at a time (the department's
// merged bases of a large site never hold every school at once).
class BaseWriter {
 public:
  BaseWriter(Workbook& book, const std::string& sheet, std::vector<BaseColumn> cols, const std::string& caption);
  void add(const std::vector<BaseRow>& rows);  // the cells are taken now: the rows' organisation may go
  uint32_t count() const { return count_; }
  void finish();  // ends the table

 private:
  Sheet& sheet_;
  std::vector<BaseColumn> cols_;
  uint32_t count_ = 0;
};

// Writes the base as the workbook's one sheet.
void write_base(Workbook& book, const std::string& sheet, const std::vector<BaseColumn>& cols,
                const std::vector<BaseRow>& rows, const std::string& caption);

}  // namespace nastavnik::xlsx

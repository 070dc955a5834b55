// The bases of mentors and mentees of the target model (DOMAIN.md): working files of the куратор
// and of the department, with contacts and every personal field — private outputs only.
#pragma once
#include <span>
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

// A column of a base: its header, the widest it gets (it wraps beyond), its style and how its
// value is taken from a row. The tables of columns are static arrays (base_columns).
struct BaseColumn {
  const char* header;
  double width;
  Style style;
  Cell (*get)(const BaseRow&);
};

std::span<const BaseColumn> base_columns(Base b);
// The column that the department's merged base puts first: the organisation.
const BaseColumn& org_column();
std::string base_title(Base b);  // «База наставников»
std::string base_file(Base b);   // «baza-nastavnikov.xlsx»

// The rows of one organisation, sorted by name: mentors (or mentees) of every pair, then the people
// without a pair in the base they belong to (pupils, students and young specialists are mentees).
std::vector<BaseRow> base_rows(Base b, const Org& org, const SiteSettings& settings);

// Writes the base as the workbook's one sheet; `with_org` adds the organisation column first.
void write_base(Workbook& book, Base b, const std::vector<BaseRow>& rows, bool with_org, const std::string& caption);

}  // namespace nastavnik::xlsx

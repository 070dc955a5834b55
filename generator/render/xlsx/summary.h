// The department's public summary workbook: a row per school, the municipality's totals as real
// formulas (with their computed values), charts and a sheet per indicator across schools.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "render/xlsx/workbook.h"

namespace nastavnik::xlsx {

// What the summary shows for one school, or (org == nullptr) for the whole municipality.
struct SummaryLine {
  const Org* org = nullptr;
  long mentors = 0, mentees = 0, pairs = 0;
  long young = 0, young_with_mentor = 0;
  long roadmap_total = 0, roadmap_done = 0, roadmap_overdue = 0;
  long missing = 0;                // required items missing (of compliance_item_titles)
  std::vector<long> items;         // per required item: 1/0 for a school, the number of schools in total
  std::map<Form, FormCount> counts;
  std::optional<double> young_share() const;  // share of young specialists with a mentor; none without them
  std::optional<double> done_share() const;   // share of roadmap items done; none without items
};

struct Summary {
  std::vector<SummaryLine> schools;
  SummaryLine total;        // «Итого по муниципалитету»: sums; shares of the sums
  std::vector<Form> forms;  // forms with participants in some school, in all_forms() order
};

Summary summarize(const Org& department, Date today);

// An indicator across organisations: the department first (when it reports it), then the schools.
struct IndicatorAcross {
  std::string id, title, unit;
  std::vector<std::pair<const Org*, const Indicator*>> rows;
};
std::vector<IndicatorAcross> indicators_across(const Org& department);

// Fills the summary workbook; false when there is nothing to put in it.
// Sheet names, the columns of «Сводка» and colours come from `style`.
bool write_summary(Workbook& book, const Org& department, const SiteSettings& settings, const WorkbookStyles& style);

}  // namespace nastavnik::xlsx

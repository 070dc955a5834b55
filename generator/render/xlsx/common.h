// Helpers shared by the workbooks: cells from the model, and the sheets that a school's monitoring
// workbook and the department's summary both contain.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "render/xlsx/workbook.h"

namespace nastavnik::xlsx {

Cell text(std::string_view s);                    // empty text → empty cell
Cell date(const std::optional<Date>& d);
Cell join(const std::vector<std::string>& v);     // «a; b; c»
std::string yes_no(bool b);                       // «да» / «нет»

// «2024/2025» — the school year that `d` falls in (it starts on 1 September).
std::string school_year(Date d);

// Indicator values: a «%» indicator is written as a share (42.8 → 0.428, shown as 42.8 %).
Style indicator_style(const Indicator& i);
double indicator_value(const Indicator& i, double v);
// Years of the indicators, sorted.
std::vector<std::string> indicator_years(const std::vector<const Indicator*>& v);

// The sheets of one organisation's monitoring data, all public: «Участники» (by year and form, the
// current year from the pairs), «По годам» (totals with a chart), a sheet per roadmap with status,
// «Показатели» (with a chart per indicator). Returns false when the organisation has none of them.
// Sheet names and the colours of the roadmap statuses come from `style`.
bool add_org_sheets(Workbook& book, const Org& org, const SiteSettings& settings, const MonitoringStyle& style);

}  // namespace nastavnik::xlsx

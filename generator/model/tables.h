// The model's data as tables and charts, independent of the output format: the HTML, PDF and XLSX
// renderers each draw the same rows. Text is plain (not escaped, typography applied).
#pragma once
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"

namespace nastavnik {

struct TableCell {
  std::string text;
  std::string link;   // web-root path (org:, page) or absolute URL; "" = none
  std::string style;  // num, yes, no, done, overdue, in-progress, muted
  bool header = false;  // a row header (th scope=row)
  std::optional<double> number;  // the value behind a numeric cell
  std::vector<std::string> lines;  // several lines (names in a pair); text is then their join
};

struct TableRow {
  std::vector<TableCell> cells;
  bool stage = false;   // a row spanning the table (roadmap stage)
  std::string style;    // done / overdue / in-progress for roadmap rows
};

struct TableData {
  std::string caption;
  std::string anchor;  // id for links (roadmap-<id>)
  std::vector<std::string> columns;
  std::vector<std::string> column_styles;  // per column: "num" or ""
  std::vector<TableRow> rows;
  std::vector<TableRow> footer;  // «Итого»
  std::string empty_text;        // shown instead of an empty table
  bool empty() const { return rows.empty(); }
};

struct ChartSeriesData {
  std::string name;
  std::vector<double> values;  // NaN = no value
};

struct ChartData {
  std::string title, unit;
  std::vector<std::string> categories;
  std::vector<ChartSeriesData> series;
  bool empty() const { return categories.empty() || series.empty(); }
};

struct TableContext {
  const Site& site;
  const Org& org;  // the organisation the table is shown for
};

// The organisations a data block is about: its `org:` or the page's organisation.
std::vector<const Org*> block_orgs(const DataBlock& b, const Site& site, const Org& page_org);

// Counts of one organisation or several, summed by form.
std::map<Form, FormCount> summed_counts(const std::vector<const Org*>& orgs);

TableData participants_table(const std::vector<const Org*>& orgs, const std::string& caption = "");
TableData pairs_table(const Org& org, const SiteSettings& settings);
TableData schools_table(const Site& site);
TableData compliance_table(const Site& site);
TableData events_table(const std::vector<const Org*>& orgs);
std::vector<TableData> indicators_tables(const std::vector<const Org*>& orgs);
// with_status: the computed status column (web pages, progress reports); an order's appendix
// reproduces the roadmap as approved, without it.
TableData roadmap_table(const Roadmap& r, Date today, bool with_status = true);
ChartData participants_chart(const std::vector<const Org*>& orgs);
ChartData participants_by_year_chart(const Monitoring& m);
ChartData indicator_chart(const std::vector<const Org*>& orgs, const std::string& indicator);

// A data block as the tables and charts it shows (a video is neither: empty result).
struct BlockContent {
  std::vector<TableData> tables;
  std::vector<ChartData> charts;
};
BlockContent block_content(const DataBlock& b, const Site& site, const Org& page_org);

}  // namespace nastavnik

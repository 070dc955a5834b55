#include "render/xlsx/common.h"

#include <algorithm>
#include <map>
#include <set>

namespace nastavnik::xlsx {

namespace {

constexpr uint32_t kChartRows = 20;  // rows between stacked charts

struct ParticipantsRow {
  std::string year;
  Form form;
  FormCount count;
  std::optional<long> pairs;  // known only for the year computed from the pairs
};

std::vector<ParticipantsRow> participants_rows(const Org& org, Date today) {
  std::vector<ParticipantsRow> rows;
  if (org.monitoring)
    for (const auto& y : org.monitoring->participants)
      for (const auto& [f, c] : y.by_form) rows.push_back({y.year, f, c, std::nullopt});
  if (!org.pairs.empty()) {
    std::string year = school_year(today) + " (по базе пар)";
    auto counts = org.current_counts();
    std::map<Form, long> pairs;
    for (const auto& p : org.pairs) ++pairs[p.form];
    for (Form f : all_forms())
      if (counts.count(f) || pairs.count(f)) rows.push_back({year, f, counts[f], pairs[f]});
  }
  return rows;
}

void participants_sheets(Workbook& book, const Org& org, const std::vector<ParticipantsRow>& rows,
                         const MonitoringStyle& style) {
  Sheet& s = book.add_sheet(style.participants);
  s.table("Участники наставничества по формам: " + org.short_name,
          {{"Учебный год", Style::text, 24},
           {"Форма наставничества", Style::text, 44},
           {"Наставники", Style::integer},
           {"Наставляемые", Style::integer},
           {"Пары и группы", Style::integer}});
  uint32_t r = kFirstRow;
  for (const auto& x : rows) {
    s.put(r, 0, x.year);
    s.put(r, 1, std::string(form_title(x.form)));
    s.put(r, 2, static_cast<double>(x.count.mentors));
    s.put(r, 3, static_cast<double>(x.count.mentees));
    if (x.pairs) s.put(r, 4, static_cast<double>(*x.pairs));
    ++r;
  }
  const uint32_t last = r - 1;
  s.end_table(last);

  // Totals by year: SUMIF over the sheet above, with the sums computed here as well.
  std::vector<std::string> years;
  for (const auto& x : rows)
    if (std::find(years.begin(), years.end(), x.year) == years.end()) years.push_back(x.year);
  Sheet& t = book.add_sheet(style.by_year);
  t.table("Участники наставничества по учебным годам: " + org.short_name,
          {{"Учебный год", Style::text, 24},
           {"Наставники", Style::integer},
           {"Наставляемые", Style::integer},
           {"Пары и группы", Style::integer}});
  auto sumif = [&](uint32_t row, uint16_t col) {
    return "SUMIF(" + range_ref(s.name(), kFirstRow, 0, last, 0) + "," + cell_ref(row, 0) + "," +
           range_ref(s.name(), kFirstRow, col, last, col) + ")";
  };
  r = kFirstRow;
  for (const auto& y : years) {
    long m = 0, e = 0, p = 0;
    bool has_pairs = false;
    for (const auto& x : rows)
      if (x.year == y) {
        m += x.count.mentors;
        e += x.count.mentees;
        if (x.pairs) has_pairs = true, p += *x.pairs;
      }
    t.put(r, 0, y);
    t.formula(r, 1, "=" + sumif(r, 2), static_cast<double>(m));
    t.formula(r, 2, "=" + sumif(r, 3), static_cast<double>(e));
    if (has_pairs) t.formula(r, 3, "=" + sumif(r, 4), static_cast<double>(p));
    ++r;
  }
  t.end_table(r - 1);
  ChartSpec c;
  c.title = "Участники по учебным годам";
  c.categories = {t.name(), kFirstRow, r - 1, 0, 0};
  c.series = {{"Наставники", {t.name(), kFirstRow, r - 1, 1, 1}}, {"Наставляемые", {t.name(), kFirstRow, r - 1, 2, 2}}};
  c.row = r + 2;
  t.chart(c);
}

void roadmap_sheet(Workbook& book, const Roadmap& rm, Date today, const MonitoringStyle& style) {
  Sheet& s = book.add_sheet(style.roadmap);
  std::vector<std::string> fields = rm.columns;
  if (std::find(fields.begin(), fields.end(), "title") == fields.end()) fields.insert(fields.begin(), "title");
  std::vector<ColumnSpec> cols = {{"№", Style::integer, 5}, {"Этап", Style::text, 30}};
  for (const auto& f : fields) cols.push_back({rm.label(f), Style::text, f == "title" ? 60.0 : 36.0});
  cols.push_back({"Срок (дата)", Style::date, 11});
  cols.push_back({"Статус", Style::text, 12});
  const auto status_col = static_cast<uint16_t>(cols.size() - 1);
  s.table(rm.title + " — статус на " + date_numeric(today), std::move(cols));
  uint32_t r = kFirstRow;
  for (const auto& stage : rm.stages)
    for (const auto& item : stage.items) {
      s.put(r, 0, static_cast<double>(r - kFirstRow + 1));
      s.put(r, 1, stage.title);
      for (size_t i = 0; i < fields.size(); ++i) {
        auto it = item.fields.find(fields[i]);
        if (it != item.fields.end()) s.put(r, static_cast<uint16_t>(2 + i), it->second);
      }
      s.put(r, static_cast<uint16_t>(status_col - 1), date(item.due));
      s.put(r, status_col, std::string(item_status_title(item.status(today))));
      ++r;
    }
  s.end_table(r - 1);
  s.highlight(status_col, kFirstRow, r - 1, std::string(item_status_title(ItemStatus::overdue)), style.overdue);
  s.highlight(status_col, kFirstRow, r - 1, std::string(item_status_title(ItemStatus::done)), style.done);
  s.highlight(status_col, kFirstRow, r - 1, std::string(item_status_title(ItemStatus::in_progress)), style.in_progress);
}

void indicators_sheet(Workbook& book, const Org& org, const Monitoring& m, const MonitoringStyle& style) {
  std::vector<const Indicator*> list;
  for (const auto& i : m.indicators) list.push_back(&i);
  auto years = indicator_years(list);
  Sheet& s = book.add_sheet(style.indicators);
  std::vector<ColumnSpec> cols = {{"Показатель", Style::text, 60}, {"Единица", Style::text, 8}};
  for (const auto& y : years) cols.push_back({y, Style::number, 10});
  cols.push_back({"Целевое значение", Style::number, 10});
  s.table("Показатели наставничества: " + org.short_name, std::move(cols));
  const auto target_col = static_cast<uint16_t>(2 + years.size());
  uint32_t r = kFirstRow;
  for (const Indicator* i : list) {
    s.put(r, 0, i->title);
    s.put(r, 1, i->unit);
    for (const auto& [year, v] : i->values) {
      auto col = static_cast<uint16_t>(2 + (std::find(years.begin(), years.end(), year) - years.begin()));
      s.put(r, col, indicator_value(*i, v), indicator_style(*i));
    }
    if (i->target) s.put(r, target_col, indicator_value(*i, *i->target), indicator_style(*i));
    ++r;
  }
  const uint32_t last = r - 1;
  s.end_table(last);
  uint32_t chart_row = last + 3;
  for (uint32_t k = 0; k < list.size(); ++k) {
    const Indicator* i = list[k];
    if (i->values.size() < 2) continue;
    ChartSpec c;
    c.kind = ChartSpec::Kind::line;
    c.title = i->title;
    c.categories = {s.name(), kHeaderRow, kHeaderRow, 2, static_cast<uint16_t>(target_col - 1)};
    c.series = {{i->title, {s.name(), kFirstRow + k, kFirstRow + k, 2, static_cast<uint16_t>(target_col - 1)}}};
    c.percent = indicator_style(*i) == Style::percent;
    c.row = chart_row;
    s.chart(c);
    chart_row += kChartRows;
  }
}

}  // namespace

Cell text(std::string_view s) {
  if (s.empty()) return {};
  return std::string(s);
}

Cell date(const std::optional<Date>& d) {
  if (!d) return {};
  return *d;
}

Cell join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
  return text(s);
}

std::string yes_no(bool b) { return b ? "да" : "нет"; }

std::string school_year(Date d) {
  int first = d.month >= 9 ? d.year : d.year - 1;
  return std::to_string(first) + "/" + std::to_string(first + 1);
}

Style indicator_style(const Indicator& i) { return i.unit == "%" ? Style::percent : Style::number; }

double indicator_value(const Indicator& i, double v) { return i.unit == "%" ? v / 100 : v; }

std::vector<std::string> indicator_years(const std::vector<const Indicator*>& v) {
  std::set<std::string> years;
  for (const Indicator* i : v)
    for (const auto& [y, _] : i->values) years.insert(y);
  return {years.begin(), years.end()};
}

bool add_org_sheets(Workbook& book, const Org& org, const SiteSettings& settings, const MonitoringStyle& style) {
  bool any = false;
  auto rows = participants_rows(org, settings.build_date);
  if (!rows.empty()) {
    participants_sheets(book, org, rows, style);
    any = true;
  }
  for (const auto& rm : org.roadmaps) {
    roadmap_sheet(book, *rm, settings.build_date, style);
    any = true;
  }
  if (org.monitoring && !org.monitoring->indicators.empty()) {
    indicators_sheet(book, org, *org.monitoring, style);
    any = true;
  }
  return any;
}

}  // namespace nastavnik::xlsx

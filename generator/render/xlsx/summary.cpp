#include "render/xlsx/summary.h"

#include <algorithm>
#include <iterator>
#include <map>

#include "model/compliance.h"
#include "render/xlsx/common.h"

namespace nastavnik::xlsx {

namespace {

constexpr const char* kTotal = "Итого по муниципалитету";
constexpr uint32_t kChartRows = 22;

// Where the columns of «Сводка» landed (the style chooses and orders them); -1: not shown.
struct MainColumns {
  std::map<std::string, int> at;
  int operator[](const std::string& field) const {
    auto it = at.find(field);
    return it == at.end() ? -1 : it->second;
  }
  uint16_t col(const std::string& field) const { return static_cast<uint16_t>((*this)[field]); }
};

std::optional<double> share(long part, long whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

// =IF(den>0,num/den,"") for a row.
std::string share_formula(uint32_t row, uint16_t num, uint16_t den) {
  return "=IF(" + cell_ref(row, den) + ">0," + cell_ref(row, num) + "/" + cell_ref(row, den) + ",\"\")";
}

std::string column_range(uint16_t col, uint32_t first, uint32_t last) {
  return cell_ref(first, col) + ":" + cell_ref(last, col);
}

double x_scale_for(size_t categories) {
  return std::clamp(static_cast<double>(categories) / 8.0, 1.5, 4.0);
}

// The value of a count field for a line; nullopt for a field that is not a count.
std::optional<long> count_of(const std::string& field, const SummaryLine& l) {
  if (field == "mentors") return l.mentors;
  if (field == "mentees") return l.mentees;
  if (field == "pairs") return l.pairs;
  if (field == "young") return l.young;
  if (field == "young_mentored") return l.young_with_mentor;
  if (field == "roadmap_items") return l.roadmap_total;
  if (field == "done") return l.roadmap_done;
  if (field == "overdue") return l.roadmap_overdue;
  if (field == "missing") return l.missing;
  return std::nullopt;
}

// The index of a required item (compliance_items) of a has_* field; -1 otherwise.
int item_of(const std::string& field) {
  static const char* kItems[] = {"has_polozhenie", "has_intro_order", "has_curator", "has_roadmap",
                                 "has_program", "has_pairs_order", "has_pairs"};
  for (int i = 0; i < static_cast<int>(std::size(kItems)); ++i)
    if (field == kItems[i]) return i;
  return -1;
}

Style style_of_field(const std::string& field) {
  if (field == "organisation") return Style::text;
  if (field == "young_share" || field == "done_share") return Style::percent;
  if (item_of(field) >= 0) return Style::text;
  return Style::integer;
}

MainColumns main_sheet(Workbook& book, const Summary& sum, Date today, const SummaryStyle& style, std::string& name) {
  MainColumns at;
  std::vector<ColumnSpec> cols;
  for (const auto& c : style.columns) {
    at.at[c.field] = static_cast<int>(cols.size());
    cols.push_back({c.header, style_of_field(c.field), c.width});
  }
  Sheet& s = book.add_sheet(style.summary);
  name = s.name();
  s.table("Наставничество в школах: сводка на " + date_numeric(today), std::move(cols));

  // A share: the formula over its two columns (the style loader makes sure they are there).
  auto put_share = [&](uint32_t r, const char* field, const char* part, const char* whole, std::optional<double> v,
                       bool total) {
    if (at[field] < 0) return;
    s.formula(r, at.col(field), share_formula(r, at.col(part), at.col(whole)), v, total);
  };
  uint32_t r = kFirstRow;
  for (const auto& l : sum.schools) {
    for (const auto& c : style.columns) {
      const uint16_t col = at.col(c.field);
      if (c.field == "number") s.put(r, col, static_cast<double>(r - kFirstRow + 1));
      if (c.field == "organisation") s.put(r, col, l.org->short_name);
      if (auto n = count_of(c.field, l)) s.put(r, col, static_cast<double>(*n));
      if (int i = item_of(c.field); i >= 0) s.put(r, col, std::string(l.items[i] ? "есть" : "нет"));
    }
    put_share(r, "young_share", "young_mentored", "young", l.young_share(), false);
    put_share(r, "done_share", "done", "roadmap_items", l.done_share(), false);
    ++r;
  }
  const uint32_t first = kFirstRow, last = r - 1, tr = r;
  s.end_table(last);
  for (const auto& c : style.columns)
    if (item_of(c.field) >= 0) {
      s.highlight(at.col(c.field), first, last, "нет", style.missing);
      s.highlight(at.col(c.field), first, last, "есть", style.present);
    }

  // «Итого по муниципалитету»: formulas over the rows above, with the values computed here.
  const SummaryLine& t = sum.total;
  for (const auto& c : style.columns) {
    const uint16_t col = at.col(c.field);
    if (c.field == "organisation") s.put(tr, col, std::string(kTotal), true);
    if (auto n = count_of(c.field, t))
      s.formula(tr, col, "=SUM(" + column_range(col, first, last) + ")", static_cast<double>(*n), true);
    if (int i = item_of(c.field); i >= 0)
      s.formula(tr, col, "=COUNTIF(" + column_range(col, first, last) + ",\"есть\")", static_cast<double>(t.items[i]),
                Style::integer, true);
  }
  put_share(tr, "young_share", "young_mentored", "young", t.young_share(), true);
  put_share(tr, "done_share", "done", "roadmap_items", t.done_share(), true);
  return at;
}

const std::string& forms_sheet(Workbook& book, const Summary& sum, const SummaryStyle& style) {
  Sheet& s = book.add_sheet(style.forms);
  std::vector<ColumnSpec> cols = {{"Организация", Style::text, 40}};
  for (Form f : sum.forms) {
    cols.push_back({std::string(form_title(f)) + ": наставники", Style::integer, 16});
    cols.push_back({std::string(form_title(f)) + ": наставляемые", Style::integer, 16});
  }
  const auto all_m = static_cast<uint16_t>(cols.size());
  cols.push_back({"Наставники, всего", Style::integer, 14});
  cols.push_back({"Наставляемые, всего", Style::integer, 14});
  s.table("Участники наставничества по формам и школам", std::move(cols));
  // Totals of a row: the sum of its mentors' (or mentees') cells, one per form.
  auto row_sum = [&](uint32_t r, uint16_t offset) {
    std::string f;
    for (uint16_t i = 0; i < sum.forms.size(); ++i) f += (f.empty() ? "=" : "+") + cell_ref(r, 1 + 2 * i + offset);
    return f.empty() ? std::string("=0") : f;
  };
  auto put_line = [&](uint32_t r, const SummaryLine& l, bool total) {
    for (uint16_t i = 0; i < sum.forms.size(); ++i) {
      auto it = l.counts.find(sum.forms[i]);
      FormCount c = it == l.counts.end() ? FormCount{} : it->second;
      if (!total) {
        s.put(r, 1 + 2 * i, static_cast<double>(c.mentors));
        s.put(r, 2 + 2 * i, static_cast<double>(c.mentees));
      }
    }
    s.formula(r, all_m, row_sum(r, 0), static_cast<double>(l.mentors), total);
    s.formula(r, all_m + 1, row_sum(r, 1), static_cast<double>(l.mentees), total);
  };
  uint32_t r = kFirstRow;
  for (const auto& l : sum.schools) {
    s.put(r, 0, l.org->short_name);
    put_line(r, l, false);
    ++r;
  }
  const uint32_t first = kFirstRow, last = r - 1, tr = r;
  s.end_table(last);
  s.put(tr, 0, std::string(kTotal), true);
  for (uint16_t i = 0; i < sum.forms.size(); ++i) {
    const FormCount& c = sum.total.counts.at(sum.forms[i]);
    for (uint16_t k = 0; k < 2; ++k) {
      auto col = static_cast<uint16_t>(1 + 2 * i + k);
      s.formula(tr, col, "=SUM(" + column_range(col, first, last) + ")",
                static_cast<double>(k == 0 ? c.mentors : c.mentees), true);
    }
  }
  put_line(tr, sum.total, true);
  return s.name();
}

void charts_sheet(Workbook& book, const Summary& sum, const SummaryStyle& style, const std::string& main,
                  const MainColumns& at, const std::string& forms) {
  Sheet& s = book.add_sheet(style.charts);
  s.table("Участники по формам наставничества: итого по муниципалитету",
          {{"Форма наставничества", Style::text, 44}, {"Наставники", Style::integer}, {"Наставляемые", Style::integer}});
  const uint32_t forms_total_row = kFirstRow + static_cast<uint32_t>(sum.schools.size());
  uint32_t r = kFirstRow;
  for (uint16_t i = 0; i < sum.forms.size(); ++i) {
    const FormCount& c = sum.total.counts.at(sum.forms[i]);
    s.put(r, 0, std::string(form_title(sum.forms[i])));
    auto total_of = [&](uint16_t col) {
      return "='" + forms + "'!" + cell_ref(forms_total_row, col, true);
    };
    s.formula(r, 1, total_of(1 + 2 * i), static_cast<double>(c.mentors));
    s.formula(r, 2, total_of(2 + 2 * i), static_cast<double>(c.mentees));
    ++r;
  }
  s.end_table(r - 1);
  uint32_t chart_row = r + 2;
  auto place = [&](ChartSpec c) {
    c.row = chart_row;
    s.chart(c);
    chart_row += kChartRows;
  };
  if (!sum.forms.empty()) {
    ChartSpec c;
    c.title = "Участники по формам наставничества";
    c.categories = {s.name(), kFirstRow, r - 1, 0, 0};
    c.series = {{"Наставники", {s.name(), kFirstRow, r - 1, 1, 1}}, {"Наставляемые", {s.name(), kFirstRow, r - 1, 2, 2}}};
    place(c);
  }
  // Charts over the columns of «Сводка» that the style shows (the loader requires «organisation»).
  if (at["organisation"] < 0) return;
  const uint32_t last = kFirstRow + static_cast<uint32_t>(sum.schools.size()) - 1;
  auto column = [&](const char* field) { return Range{main, kFirstRow, last, at.col(field), at.col(field)}; };
  const double xs = x_scale_for(sum.schools.size());
  auto by_school = [&](const char* title, std::vector<std::pair<const char*, const char*>> series, bool percent) {
    ChartSpec c;
    c.title = title;
    c.categories = column("organisation");
    for (const auto& [name, field] : series)
      if (at[field] >= 0) c.series.push_back({name, column(field)});
    if (c.series.empty()) return;
    c.percent = percent;
    c.x_scale = xs;
    place(c);
  };
  by_school("Участники по школам", {{"Наставники", "mentors"}, {"Наставляемые", "mentees"}}, false);
  by_school("Доля молодых специалистов с наставником", {{"Доля с наставником", "young_share"}}, true);
  by_school("Дорожные карты: выполнено и просрочено", {{"Выполнено", "done"}, {"Просрочено", "overdue"}}, false);
}

void indicator_sheet(Workbook& book, const IndicatorAcross& ind, const Org& department) {
  Sheet& s = book.add_sheet(ind.title);
  std::vector<const Indicator*> list;
  for (const auto& [_, i] : ind.rows) list.push_back(i);
  auto years = indicator_years(list);
  const Style style = indicator_style(*list.front());
  std::vector<ColumnSpec> cols = {{"Организация", Style::text, 40}};
  for (const auto& y : years) cols.push_back({y, style, 10});
  cols.push_back({"Целевое значение", style, 11});
  const auto target_col = static_cast<uint16_t>(1 + years.size());
  s.table(ind.title + (ind.unit.empty() ? "" : ", " + ind.unit), std::move(cols));
  uint32_t r = kFirstRow, first_school = 0;
  for (const auto& [org, i] : ind.rows) {
    if (org != &department && first_school == 0) first_school = r;
    s.put(r, 0, org->short_name);
    for (const auto& [year, v] : i->values) {
      auto col = static_cast<uint16_t>(1 + (std::find(years.begin(), years.end(), year) - years.begin()));
      s.put(r, col, indicator_value(*i, v), indicator_style(*i));
    }
    if (i->target) s.put(r, target_col, indicator_value(*i, *i->target), indicator_style(*i));
    ++r;
  }
  const uint32_t last = r - 1;
  s.end_table(last);
  if (first_school) {  // «Среднее по школам» (the department's own row is not a school)
    s.put(r, 0, std::string("Среднее по школам"), true);
    for (uint16_t c = 1; c <= years.size(); ++c) {
      double total = 0;
      int n = 0;
      for (const auto& [org, i] : ind.rows) {
        if (org == &department) continue;
        for (const auto& [year, v] : i->values)
          if (year == years[c - 1]) total += indicator_value(*i, v), ++n;
      }
      std::string range = column_range(c, first_school, last);
      s.formula(r, c, "=IF(COUNT(" + range + ")=0,\"\",AVERAGE(" + range + "))",
                n ? std::optional<double>(total / n) : std::nullopt, true);
    }
    ChartSpec chart;
    chart.title = ind.title;
    chart.categories = {s.name(), first_school, last, 0, 0};
    for (uint16_t c = 1; c <= years.size(); ++c) chart.series.push_back({years[c - 1], {s.name(), first_school, last, c, c}});
    chart.percent = style == Style::percent;
    chart.x_scale = x_scale_for(last - first_school + 1);
    chart.row = r + 3;
    s.chart(chart);
  }
}

}  // namespace

std::optional<double> SummaryLine::young_share() const { return share(young_with_mentor, young); }
std::optional<double> SummaryLine::done_share() const { return share(roadmap_done, roadmap_total); }

Summary summarize(const Org& department, Date today) {
  Summary sum;
  const size_t n_items = compliance_item_titles().size();
  sum.total.items.assign(n_items, 0);
  for (const auto& school : department.schools) {
    Compliance c = summary(*school, today);
    SummaryLine l;
    l.org = school.get();
    for (const auto& [f, n] : c.counts) {
      l.mentors += n.mentors;
      l.mentees += n.mentees;
    }
    l.counts = c.counts;
    l.pairs = c.pairs;
    l.young = c.young_specialists;
    l.young_with_mentor = c.young_with_mentor;
    l.roadmap_total = c.roadmap_total;
    l.roadmap_done = c.roadmap_done;
    l.roadmap_overdue = c.roadmap_overdue;
    l.missing = c.missing();
    for (bool b : compliance_items(c)) l.items.push_back(b ? 1 : 0);

    SummaryLine& t = sum.total;
    t.mentors += l.mentors;
    t.mentees += l.mentees;
    t.pairs += l.pairs;
    t.young += l.young;
    t.young_with_mentor += l.young_with_mentor;
    t.roadmap_total += l.roadmap_total;
    t.roadmap_done += l.roadmap_done;
    t.roadmap_overdue += l.roadmap_overdue;
    t.missing += l.missing;
    for (size_t i = 0; i < n_items; ++i) t.items[i] += l.items[i];
    for (const auto& [f, n] : l.counts) {
      t.counts[f].mentors += n.mentors;
      t.counts[f].mentees += n.mentees;
    }
    sum.schools.push_back(std::move(l));
  }
  for (Form f : all_forms()) {
    auto it = sum.total.counts.find(f);
    if (it != sum.total.counts.end() && it->second.mentors + it->second.mentees > 0) sum.forms.push_back(f);
  }
  return sum;
}

std::vector<IndicatorAcross> indicators_across(const Org& department) {
  std::vector<IndicatorAcross> v;
  auto add = [&](const Org& org) {
    if (!org.monitoring) return;
    for (const auto& i : org.monitoring->indicators) {
      auto it = std::find_if(v.begin(), v.end(), [&](const IndicatorAcross& x) { return x.id == i.id; });
      if (it == v.end()) it = v.insert(v.end(), IndicatorAcross{i.id, i.title, i.unit, {}});
      it->rows.emplace_back(&org, &i);
    }
  };
  add(department);
  for (const auto& s : department.schools) add(*s);
  return v;
}

bool write_summary(Workbook& book, const Org& department, const SiteSettings& settings, const WorkbookStyles& style) {
  bool any = false;
  if (!department.schools.empty()) {
    Summary sum = summarize(department, settings.build_date);
    std::string main;
    MainColumns at = main_sheet(book, sum, settings.build_date, style.summary, main);
    const std::string& forms = forms_sheet(book, sum, style.summary);
    charts_sheet(book, sum, style.summary, main, at, forms);
    any = true;
  }
  if (add_org_sheets(book, department, settings, style.monitoring)) any = true;
  for (const auto& ind : indicators_across(department)) {
    indicator_sheet(book, ind, department);
    any = true;
  }
  return any;
}

}  // namespace nastavnik::xlsx

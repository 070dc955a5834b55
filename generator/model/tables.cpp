#include "model/tables.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "model/compliance.h"

namespace nastavnik {

namespace {

std::string ty(const std::string& s) { return typograph(s); }

TableCell text(const std::string& s) { return TableCell{ty(s), "", "", false, std::nullopt, {}}; }
TableCell row_header(const std::string& s, const std::string& link = "") {
  return TableCell{ty(s), link, "", true, std::nullopt, {}};
}
TableCell count(long n) {
  return TableCell{std::to_string(n), "", "num", false, static_cast<double>(n), {}};
}
TableCell value(std::optional<double> v, const std::string& unit) {
  if (!v) return TableCell{"—", "", "num", false, std::nullopt, {}};
  return TableCell{format_number(*v) + (unit.empty() ? "" : "\u00A0" + unit), "", "num", false, v, {}};
}

std::vector<std::string> sorted_years(const std::vector<const Indicator*>& inds) {
  std::set<std::string> years;
  for (const Indicator* i : inds)
    for (const auto& [y, _] : i->values) years.insert(y);
  return {years.begin(), years.end()};
}

std::optional<double> value_in(const Indicator& i, const std::string& year) {
  for (const auto& [y, v] : i.values)
    if (y == year) return v;
  return std::nullopt;
}

}  // namespace

std::vector<const Org*> block_orgs(const DataBlock& b, const Site& site, const Org& page_org) {
  if (b.org == "all") {
    std::vector<const Org*> v;
    for (const auto& s : site.org->schools) v.push_back(s.get());
    if (v.empty()) v.push_back(site.org.get());
    return v;
  }
  if (!b.org.empty() && b.org != page_org.id)  // the page's own: the organisation being rendered
    if (const Org* o = site.find_org(b.org)) return {o};
  return {&page_org};
}

std::map<Form, FormCount> summed_counts(const std::vector<const Org*>& orgs) {
  std::map<Form, FormCount> total;
  for (const Org* o : orgs)
    for (const auto& [f, c] : counts_of(*o)) {
      total[f].mentors += c.mentors;
      total[f].mentees += c.mentees;
    }
  return total;
}

TableData participants_table(const std::vector<const Org*>& orgs, const std::string& caption) {
  TableData t;
  t.caption = caption.empty() ? "Участники по формам наставничества" : ty(caption);
  t.columns = {"Форма наставничества", "Наставники", "Наставляемые", "Всего"};
  t.column_styles = {"", "num", "num", "num"};
  t.empty_text = "Данных об участниках пока нет.";
  long m = 0, e = 0;
  for (const auto& [f, c] : summed_counts(orgs)) {
    if (c.mentors == 0 && c.mentees == 0) continue;
    t.rows.push_back({{row_header(std::string(form_title(f))), count(c.mentors), count(c.mentees),
                       count(c.mentors + c.mentees)}, false, ""});
    m += c.mentors;
    e += c.mentees;
  }
  if (!t.rows.empty()) t.footer.push_back({{row_header("Итого"), count(m), count(e), count(m + e)}, false, ""});
  return t;
}

TableData pairs_table(const Org& org, const SiteSettings& settings) {
  TableData t;
  t.caption = "Наставнические пары и группы";
  t.columns = {"Форма", "Наставник", "Наставляемые", "Срок", "Программа", "Статус"};
  t.empty_text = "Наставнических пар пока нет.";
  auto names = [&](const std::vector<const Person*>& people) {
    TableCell c;
    int hidden = 0;
    for (const Person* p : people) {
      auto n = public_name(*p, settings);
      if (!n) { ++hidden; continue; }
      std::string who = *n;
      if (p->category == Category::student && !p->class_name.empty()) who += " (" + p->class_name + ")";
      else if (!p->position.empty() && p->category != Category::organization) who += " (" + p->position + ")";
      c.lines.push_back(ty(who));
    }
    if (hidden)
      c.lines.push_back(std::to_string(hidden) + " " + plural(hidden, "участник", "участника", "участников") +
                        " без публикации имени");
    for (const auto& l : c.lines) c.text += (c.text.empty() ? "" : "\n") + l;
    return c;
  };
  for (const auto& p : org.pairs) {
    std::string form(form_title(p.form));
    if (p.kind != PairKind::individual) form += " (" + std::string(pair_kind_title(p.kind)) + ")";
    std::string term;
    if (p.start) term += date_numeric(*p.start);
    if (p.end) term += "\u00A0— " + date_numeric(*p.end);
    TableCell prog = p.program ? TableCell{ty(p.program->title), p.program->url, "", false, std::nullopt, {}}
                               : text("—");
    t.rows.push_back({{text(form), names(p.mentors), names(p.mentees), text(term), prog,
                       text(std::string(pair_status_title(p.status)))}, false, ""});
  }
  return t;
}

TableData schools_table(const Site& site) {
  TableData t;
  t.caption = "Школы: участники наставничества";
  t.columns = {"Организация", "Наставники", "Наставляемые", "Пары"};
  t.column_styles = {"", "num", "num", "num"};
  t.empty_text = "Школ в разделе пока нет.";
  long tm = 0, te = 0, tp = 0;
  for (const auto& s : site.org->schools) {
    long m = 0, e = 0;
    Compliance sum = summary(*s, site.settings.build_date);
    for (const auto& [_, c] : sum.counts) { m += c.mentors; e += c.mentees; }
    long pairs = sum.pairs;
    tm += m; te += e; tp += pairs;
    t.rows.push_back({{row_header(s->short_name, s->url_prefix + "index.html"), count(m), count(e), count(pairs)}, false, ""});
  }
  if (!t.rows.empty()) t.footer.push_back({{row_header("Итого"), count(tm), count(te), count(tp)}, false, ""});
  return t;
}

TableData compliance_table(const Site& site) {
  TableData t;
  t.caption = "Обязательные элементы целевой модели по школам";
  t.columns = {"Организация"};
  t.column_styles = {""};
  for (const auto& title : compliance_item_titles()) {
    t.columns.push_back(title);
    t.column_styles.push_back("");
  }
  t.columns.push_back("Просрочено пунктов дорожной карты");
  t.column_styles.push_back("num");
  for (const auto& s : site.org->schools) {
    auto c = summary(*s, site.settings.build_date);
    TableRow row;
    row.cells.push_back(row_header(s->short_name, s->url_prefix + "index.html"));
    for (bool b : compliance_items(c)) row.cells.push_back(TableCell{b ? "есть" : "нет", "", b ? "yes" : "no", false, std::nullopt, {}});
    TableCell od = count(c.roadmap_overdue);
    if (c.roadmap_overdue) od.style = "num no";
    row.cells.push_back(od);
    t.rows.push_back(std::move(row));
  }
  return t;
}

TableData events_table(const std::vector<const Org*>& orgs) {
  std::vector<std::pair<const Event*, const Org*>> events;
  for (const Org* o : orgs)
    for (const auto& e : o->events) events.emplace_back(&e, o);
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    if (a.first->date && b.first->date) return *a.first->date > *b.first->date;
    return a.first->date.has_value() > b.first->date.has_value();
  });
  bool many = orgs.size() > 1;
  TableData t;
  t.caption = "Мероприятия";
  t.columns = {"Дата", "Мероприятие", "Формат"};
  t.column_styles = {"", "", ""};
  if (many) { t.columns.push_back("Организация"); t.column_styles.push_back(""); }
  t.columns.push_back("Участники");
  t.column_styles.push_back("num");
  t.empty_text = "Мероприятий пока нет.";
  for (const auto& [e, o] : events) {
    TableRow row;
    row.cells.push_back(text(e->when_text()));
    TableCell title = text(e->title);
    if (e->link.starts_with("https://") || e->link.starts_with("http://")) title.link = e->link;
    row.cells.push_back(title);
    row.cells.push_back(text(e->format));
    if (many) row.cells.push_back(text(o->short_name));
    row.cells.push_back(e->participants ? count(*e->participants) : text(""));
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<TableData> indicators_tables(const std::vector<const Org*>& orgs) {
  std::vector<TableData> out;
  for (const Org* o : orgs) {
    if (!o->monitoring || o->monitoring->indicators.empty()) continue;
    std::vector<const Indicator*> inds;
    for (const auto& i : o->monitoring->indicators) inds.push_back(&i);
    auto years = sorted_years(inds);
    TableData t;
    t.caption = "Показатели" + (orgs.size() > 1 ? ": " + ty(o->short_name) : std::string());
    t.columns = {"Показатель"};
    t.column_styles = {""};
    for (const auto& y : years) { t.columns.push_back(y); t.column_styles.push_back("num"); }
    t.columns.push_back("Цель");
    t.column_styles.push_back("num");
    for (const Indicator* i : inds) {
      TableRow row;
      row.cells.push_back(row_header(i->title));
      for (const auto& y : years) row.cells.push_back(value(value_in(*i, y), i->unit));
      row.cells.push_back(value(i->target, i->unit));
      t.rows.push_back(std::move(row));
    }
    out.push_back(std::move(t));
  }
  return out;
}

TableData roadmap_table(const Roadmap& r, Date today, bool with_status) {
  TableData t;
  t.caption = ty(r.title);
  t.anchor = "roadmap-" + r.id;
  t.columns = {"№"};
  t.column_styles = {"num"};
  for (const auto& c : r.columns) {
    if (c == "status") continue;
    t.columns.push_back(ty(r.label(c)));
    t.column_styles.push_back("");
  }
  if (with_status) {
    t.columns.push_back("Статус");
    t.column_styles.push_back("");
  }
  int n = 0;
  for (const auto& stage : r.stages) {
    if (!stage.title.empty()) t.rows.push_back({{text(stage.title)}, true, ""});
    for (const auto& item : stage.items) {
      auto st = item.status(today);
      TableRow row;
      row.style = item_status_code(st);
      row.cells.push_back(count(++n));
      for (const auto& c : r.columns) {
        if (c == "status") continue;
        auto it = item.fields.find(c);
        row.cells.push_back(text(it == item.fields.end() ? "" : it->second));
      }
      if (with_status)
        row.cells.push_back(TableCell{std::string(item_status_title(st)), "", std::string(item_status_code(st)), false, std::nullopt, {}});
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

ChartData participants_chart(const std::vector<const Org*>& orgs) {
  ChartData c;
  c.title = "Участники по формам наставничества";
  ChartSeriesData m{"Наставники", {}}, e{"Наставляемые", {}};
  for (const auto& [f, n] : summed_counts(orgs)) {
    if (n.mentors + n.mentees == 0) continue;
    c.categories.push_back(ty(std::string(form_title(f))));
    m.values.push_back(static_cast<double>(n.mentors));
    e.values.push_back(static_cast<double>(n.mentees));
  }
  c.series = {m, e};
  return c;
}

ChartData participants_by_year_chart(const Monitoring& mon) {
  ChartData c;
  c.title = "Участники по годам";
  ChartSeriesData m{"Наставники", {}}, e{"Наставляемые", {}};
  for (const auto& y : mon.participants) {
    c.categories.push_back(y.year);
    m.values.push_back(static_cast<double>(y.mentors()));
    e.values.push_back(static_cast<double>(y.mentees()));
  }
  c.series = {m, e};
  return c;
}

ChartData indicator_chart(const std::vector<const Org*>& orgs, const std::string& id) {
  std::vector<std::pair<const Org*, const Indicator*>> found;
  std::vector<const Indicator*> inds;
  for (const Org* o : orgs)
    if (o->monitoring)
      if (const Indicator* i = o->monitoring->indicator(id)) {
        found.emplace_back(o, i);
        inds.push_back(i);
      }
  ChartData c;
  if (found.empty()) return c;
  c.categories = sorted_years(inds);
  for (const auto& [o, i] : found) {
    ChartSeriesData s{ty(found.size() > 1 ? o->short_name : i->title), {}};
    for (const auto& y : c.categories) s.values.push_back(value_in(*i, y).value_or(NAN));
    c.series.push_back(std::move(s));
  }
  const Indicator* first = found.front().second;
  c.title = ty(first->title) + (first->unit.empty() ? "" : ", " + first->unit);
  c.unit = first->unit;
  return c;
}

BlockContent block_content(const DataBlock& b, const Site& site, const Org& page_org) {
  BlockContent out;
  auto orgs = block_orgs(b, site, page_org);
  switch (b.kind) {
    case DataBlock::Kind::table:
      if (b.what == "participants") out.tables.push_back(participants_table(orgs, b.title));
      else if (b.what == "pairs")
        for (const Org* o : orgs) out.tables.push_back(pairs_table(*o, site.settings));
      else if (b.what == "schools") out.tables.push_back(schools_table(site));
      else if (b.what == "events") out.tables.push_back(events_table(orgs));
      else if (b.what == "indicators") out.tables = indicators_tables(orgs);
      break;
    case DataBlock::Kind::roadmap:
      if (const Roadmap* r = orgs.front()->roadmap(b.what)) out.tables.push_back(roadmap_table(*r, site.settings.build_date));
      break;
    case DataBlock::Kind::chart:
      if (b.what == "participants") out.charts.push_back(participants_chart(orgs));
      else out.charts.push_back(indicator_chart(b.org == "all" ? site.orgs() : orgs, b.indicator));
      break;
    case DataBlock::Kind::video: break;
  }
  if (!b.title.empty())
    for (auto& c : out.charts) c.title = ty(b.title);
  return out;
}

}  // namespace nastavnik

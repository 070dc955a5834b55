#include "render/html/blocks.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/text.h"
#include "model/compliance.h"
#include "model/links.h"
#include "render/html/urls.h"

namespace nastavnik::html {

namespace {

std::string esc(const std::string& s) { return html_escape(typograph(s)); }
std::string num(double v) { return format_number(v, 1); }

std::vector<const Org*> target_orgs(const DataBlock& b, const BlockContext& ctx) {
  if (b.org == "all") {
    std::vector<const Org*> v;
    for (const auto& s : ctx.site.org->schools) v.push_back(s.get());
    if (v.empty()) v.push_back(ctx.site.org.get());
    return v;
  }
  if (!b.org.empty())
    if (const Org* o = ctx.site.find_org(b.org)) return {o};
  return {&ctx.org};
}

std::string caption(const std::string& c) {
  return c.empty() ? "" : "<caption>" + esc(c) + "</caption>";
}

std::string org_link(const Org& o, const BlockContext& ctx) {
  return "<a href=\"" + html_escape(relative_url(ctx.page_url, o.url_prefix + "index.html")) + "\">" +
         esc(o.short_name) + "</a>";
}

}  // namespace

std::string participants_table(const std::vector<const Org*>& orgs, const BlockContext& ctx,
                               const std::string& cap) {
  std::map<Form, FormCount> total;
  for (const Org* o : orgs)
    for (const auto& [f, c] : o->current_counts()) {
      total[f].mentors += c.mentors;
      total[f].mentees += c.mentees;
    }
  std::string h = "<table class=\"data\">" + caption(cap.empty() ? "Участники по формам наставничества" : cap) +
                  "<thead><tr><th scope=\"col\">Форма наставничества</th><th scope=\"col\" class=\"num\">Наставники</th>"
                  "<th scope=\"col\" class=\"num\">Наставляемые</th><th scope=\"col\" class=\"num\">Всего</th></tr></thead><tbody>";
  long m = 0, e = 0;
  for (const auto& [f, c] : total) {
    if (c.mentors == 0 && c.mentees == 0) continue;
    h += "<tr><th scope=\"row\">" + esc(std::string(form_title(f))) + "</th><td class=\"num\">" +
         std::to_string(c.mentors) + "</td><td class=\"num\">" + std::to_string(c.mentees) +
         "</td><td class=\"num\">" + std::to_string(c.mentors + c.mentees) + "</td></tr>";
    m += c.mentors;
    e += c.mentees;
  }
  if (m + e == 0) return "<p class=\"empty\">Данных об участниках пока нет.</p>";
  h += "</tbody><tfoot><tr><th scope=\"row\">Итого</th><td class=\"num\">" + std::to_string(m) +
       "</td><td class=\"num\">" + std::to_string(e) + "</td><td class=\"num\">" +
       std::to_string(m + e) + "</td></tr></tfoot></table>";
  (void)ctx;
  return h;
}

std::string pairs_table(const Org& org, const BlockContext& ctx) {
  if (org.pairs.empty()) return "<p class=\"empty\">Наставнических пар пока нет.</p>";
  auto names = [&](const std::vector<const Person*>& people) {
    std::string s;
    int hidden = 0;
    for (const Person* p : people) {
      auto n = public_name(*p, ctx.site.settings);
      if (!n) { ++hidden; continue; }
      std::string who = esc(*n);
      if (p->category == Category::student && !p->class_name.empty())
        who += " <span class=\"muted\">(" + esc(p->class_name) + ")</span>";
      else if (!p->position.empty() && p->category != Category::organization && p->publish_name)
        who += " <span class=\"muted\">(" + esc(p->position) + ")</span>";
      s += (s.empty() ? "" : "<br>") + who;
    }
    if (hidden)
      s += std::string(s.empty() ? "" : "<br>") + "<span class=\"muted\">" + std::to_string(hidden) + " " +
           plural(hidden, "участник", "участника", "участников") + " без публикации имени</span>";
    return s;
  };
  std::string h =
      "<table class=\"data\"><caption>Наставнические пары и группы</caption><thead><tr>"
      "<th scope=\"col\">Форма</th><th scope=\"col\">Наставник</th><th scope=\"col\">Наставляемые</th>"
      "<th scope=\"col\">Срок</th><th scope=\"col\">Программа</th><th scope=\"col\">Статус</th></tr></thead><tbody>";
  for (const auto& p : org.pairs) {
    std::string term;
    if (p.start) term += date_numeric(*p.start);
    if (p.end) term += "\u00A0— " + date_numeric(*p.end);
    std::string prog = "—";
    if (p.program)
      prog = "<a href=\"" + html_escape(relative_url(ctx.page_url, p.program->url)) + "\">" +
             esc(p.program->title) + "</a>";
    h += "<tr><td>" + esc(std::string(form_title(p.form))) +
         (p.kind != PairKind::individual ? " <span class=\"muted\">(" + esc(std::string(pair_kind_title(p.kind))) + ")</span>" : "") +
         "</td><td>" + names(p.mentors) + "</td><td>" + names(p.mentees) + "</td><td>" + term +
         "</td><td>" + prog + "</td><td>" + esc(std::string(pair_status_title(p.status))) + "</td></tr>";
  }
  return h + "</tbody></table>";
}

std::string schools_table(const BlockContext& ctx) {
  const auto& schools = ctx.site.org->schools;
  if (schools.empty()) return "<p class=\"empty\">Школ в разделе пока нет.</p>";
  std::string h =
      "<table class=\"data\"><caption>Школы: участники наставничества</caption><thead><tr>"
      "<th scope=\"col\">Организация</th><th scope=\"col\" class=\"num\">Наставники</th>"
      "<th scope=\"col\" class=\"num\">Наставляемые</th><th scope=\"col\" class=\"num\">Пары</th></tr></thead><tbody>";
  long tm = 0, te = 0, tp = 0;
  for (const auto& s : schools) {
    long m = 0, e = 0;
    for (const auto& [_, c] : s->current_counts()) { m += c.mentors; e += c.mentees; }
    long pairs = static_cast<long>(s->pairs.size());
    tm += m; te += e; tp += pairs;
    h += "<tr><th scope=\"row\">" + org_link(*s, ctx) + "</th><td class=\"num\">" + std::to_string(m) +
         "</td><td class=\"num\">" + std::to_string(e) + "</td><td class=\"num\">" + std::to_string(pairs) +
         "</td></tr>";
  }
  h += "</tbody><tfoot><tr><th scope=\"row\">Итого</th><td class=\"num\">" + std::to_string(tm) +
       "</td><td class=\"num\">" + std::to_string(te) + "</td><td class=\"num\">" + std::to_string(tp) +
       "</td></tr></tfoot></table>";
  return h;
}

std::string compliance_table(const BlockContext& ctx) {
  const auto& schools = ctx.site.org->schools;
  if (schools.empty()) return "";
  auto titles = compliance_item_titles();
  std::string h = "<table class=\"data compliance\"><caption>Обязательные элементы целевой модели по школам</caption><thead><tr><th scope=\"col\">Организация</th>";
  for (const auto& t : titles) h += "<th scope=\"col\">" + esc(t) + "</th>";
  h += "<th scope=\"col\" class=\"num\">Просрочено пунктов дорожной карты</th></tr></thead><tbody>";
  for (const auto& s : schools) {
    auto c = compliance_of(*s, ctx.site.settings.build_date);
    h += "<tr><th scope=\"row\">" + org_link(*s, ctx) + "</th>";
    for (bool b : compliance_items(c))
      h += b ? "<td class=\"yes\">есть</td>" : "<td class=\"no\">нет</td>";
    h += std::string("<td class=\"num") + (c.roadmap_overdue ? " no" : "") + "\">" +
         std::to_string(c.roadmap_overdue) + "</td></tr>";
  }
  return h + "</tbody></table>";
}

std::string events_table(const std::vector<const Org*>& orgs, const BlockContext& ctx) {
  std::vector<std::pair<const Event*, const Org*>> events;
  for (const Org* o : orgs)
    for (const auto& e : o->events) events.emplace_back(&e, o);
  if (events.empty()) return "<p class=\"empty\">Мероприятий пока нет.</p>";
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    if (a.first->date && b.first->date) return *a.first->date > *b.first->date;
    return a.first->date.has_value() > b.first->date.has_value();
  });
  bool many = orgs.size() > 1;
  std::string h = "<table class=\"data\"><caption>Мероприятия</caption><thead><tr><th scope=\"col\">Дата</th>"
                  "<th scope=\"col\">Мероприятие</th><th scope=\"col\">Формат</th>" +
                  std::string(many ? "<th scope=\"col\">Организация</th>" : "") +
                  "<th scope=\"col\" class=\"num\">Участники</th></tr></thead><tbody>";
  for (const auto& [e, o] : events) {
    std::string title = esc(e->title);
    if (!e->link.empty() && classify_link(e->link).kind == LinkTarget::Kind::external)
      title = "<a href=\"" + html_escape(e->link) + "\">" + title + "</a>";
    h += "<tr><td>" + esc(e->when_text()) + "</td><td>" + title + "</td><td>" + esc(e->format) +
         "</td>" + (many ? "<td>" + esc(o->short_name) + "</td>" : "") + "<td class=\"num\">" +
         (e->participants ? std::to_string(*e->participants) : "") + "</td></tr>";
  }
  (void)ctx;
  return h + "</tbody></table>";
}

std::string indicators_table(const std::vector<const Org*>& orgs, const BlockContext& ctx) {
  std::string h;
  for (const Org* o : orgs) {
    if (!o->monitoring || o->monitoring->indicators.empty()) continue;
    std::set<std::string> years;
    for (const auto& i : o->monitoring->indicators)
      for (const auto& [y, _] : i.values) years.insert(y);
    h += "<table class=\"data\"><caption>Показатели" +
         (orgs.size() > 1 ? ": " + esc(o->short_name) : std::string()) +
         "</caption><thead><tr><th scope=\"col\">Показатель</th>";
    for (const auto& y : years) h += "<th scope=\"col\" class=\"num\">" + esc(y) + "</th>";
    h += "<th scope=\"col\" class=\"num\">Цель</th></tr></thead><tbody>";
    for (const auto& i : o->monitoring->indicators) {
      std::string unit = i.unit.empty() ? "" : "\u00A0" + i.unit;
      h += "<tr><th scope=\"row\">" + esc(i.title) + "</th>";
      for (const auto& y : years) {
        auto it = std::find_if(i.values.begin(), i.values.end(), [&](const auto& v) { return v.first == y; });
        h += "<td class=\"num\">" + (it == i.values.end() ? std::string("—") : esc(num(it->second) + unit)) + "</td>";
      }
      h += "<td class=\"num\">" + (i.target ? esc(num(*i.target) + unit) : std::string("—")) + "</td></tr>";
    }
    h += "</tbody></table>";
  }
  (void)ctx;
  return h.empty() ? "<p class=\"empty\">Показателей пока нет.</p>" : h;
}

std::string roadmap_table(const Roadmap& r, const BlockContext& ctx) {
  Date today = ctx.site.settings.build_date;
  std::string h = "<table class=\"data roadmap\"><caption>" + esc(r.title) +
                  "</caption><thead><tr><th scope=\"col\">№</th>";
  for (const auto& c : r.columns) h += "<th scope=\"col\">" + esc(r.label(c)) + "</th>";
  h += "<th scope=\"col\">Статус</th></tr></thead>";
  int n = 0;
  size_t cols = r.columns.size() + 2;
  for (const auto& stage : r.stages) {
    h += "<tbody>";
    if (!stage.title.empty())
      h += "<tr class=\"stage\"><th scope=\"rowgroup\" colspan=\"" + std::to_string(cols) + "\">" +
           esc(stage.title) + "</th></tr>";
    for (const auto& item : stage.items) {
      ++n;
      auto st = item.status(today);
      h += "<tr class=\"" + std::string(item_status_code(st)) + "\"><td class=\"num\">" + std::to_string(n) + "</td>";
      for (const auto& c : r.columns) {
        auto it = item.fields.find(c);
        h += "<td>" + (it == item.fields.end() ? std::string() : esc(it->second)) + "</td>";
      }
      h += "<td class=\"status\"><span class=\"badge " + std::string(item_status_code(st)) + "\">" +
           std::string(item_status_title(st)) + "</span></td></tr>";
    }
    h += "</tbody>";
  }
  return h + "</table>";
}

std::string svg_bar_chart(const std::string& title, const std::vector<std::string>& categories,
                          const std::vector<ChartSeries>& series, const std::string& unit) {
  const double W = 640, H = 320, left = 48, right = 16, top = 36, bottom = 64;
  double maxv = 0;
  for (const auto& s : series)
    for (double v : s.values)
      if (std::isfinite(v)) maxv = std::max(maxv, v);
  if (maxv <= 0) maxv = 1;
  // A round scale: 1, 2, 5 × 10^k.
  double step = std::pow(10, std::floor(std::log10(maxv)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (maxv / (step * m) <= 5) { step *= m; break; }
  double top_value = std::ceil(maxv / step) * step;
  double plot_h = H - top - bottom, plot_w = W - left - right;
  auto y_of = [&](double v) { return top + plot_h * (1 - v / top_value); };
  static const char* kColors[] = {"#1f5fa8", "#e07b00", "#2e8b57", "#8e44ad", "#c0392b"};
  auto f = [](double v) { char b[32]; std::snprintf(b, sizeof b, "%.1f", v); return std::string(b); };
  std::string s = "<figure class=\"chart\"><svg viewBox=\"0 0 " + f(W) + " " + f(H) +
                  "\" role=\"img\" aria-labelledby=\"\"><title>" + esc(title) + "</title>";
  s += "<text x=\"" + f(W / 2) + "\" y=\"20\" text-anchor=\"middle\" class=\"chart-title\">" + esc(title) + "</text>";
  for (double v = 0; v <= top_value + step / 2; v += step) {
    double y = y_of(v);
    s += "<line x1=\"" + f(left) + "\" x2=\"" + f(W - right) + "\" y1=\"" + f(y) + "\" y2=\"" + f(y) +
         "\" class=\"grid\"/><text x=\"" + f(left - 6) + "\" y=\"" + f(y + 4) +
         "\" text-anchor=\"end\" class=\"axis\">" + esc(num(v)) + "</text>";
  }
  size_t nc = std::max<size_t>(1, categories.size()), ns = std::max<size_t>(1, series.size());
  double group = plot_w / nc, bar = std::min(48.0, group * 0.8 / ns);
  for (size_t c = 0; c < categories.size(); ++c) {
    double gx = left + group * c + (group - bar * ns) / 2;
    for (size_t k = 0; k < series.size(); ++k) {
      double v = c < series[k].values.size() ? series[k].values[c] : NAN;
      if (!std::isfinite(v)) continue;
      double x = gx + bar * k, y = y_of(v);
      s += "<rect x=\"" + f(x) + "\" y=\"" + f(y) + "\" width=\"" + f(bar - 2) + "\" height=\"" +
           f(top + plot_h - y) + "\" fill=\"" + kColors[k % 5] + "\"/>";
      s += "<text x=\"" + f(x + bar / 2 - 1) + "\" y=\"" + f(y - 4) +
           "\" text-anchor=\"middle\" class=\"value\">" + esc(num(v)) + "</text>";
    }
    s += "<text x=\"" + f(left + group * c + group / 2) + "\" y=\"" + f(top + plot_h + 16) +
         "\" text-anchor=\"middle\" class=\"axis\">" + esc(categories[c]) + "</text>";
  }
  double lx = left;
  for (size_t k = 0; k < series.size() && series.size() > 1; ++k) {
    s += "<rect x=\"" + f(lx) + "\" y=\"" + f(H - 22) + "\" width=\"12\" height=\"12\" fill=\"" +
         kColors[k % 5] + "\"/><text x=\"" + f(lx + 16) + "\" y=\"" + f(H - 12) + "\" class=\"legend\">" +
         esc(series[k].name) + "</text>";
    lx += 24 + 8.0 * series[k].name.size() / 2;
  }
  s += "</svg>";
  // The text alternative: the same data as a table.
  s += "<figcaption><details><summary>Данные диаграммы</summary><table class=\"data\"><thead><tr><th scope=\"col\"></th>";
  for (const auto& se : series) s += "<th scope=\"col\" class=\"num\">" + esc(se.name) + "</th>";
  s += "</tr></thead><tbody>";
  for (size_t c = 0; c < categories.size(); ++c) {
    s += "<tr><th scope=\"row\">" + esc(categories[c]) + "</th>";
    for (const auto& se : series) {
      double v = c < se.values.size() ? se.values[c] : NAN;
      s += "<td class=\"num\">" + (std::isfinite(v) ? esc(num(v) + (unit.empty() ? "" : "\u00A0" + unit)) : std::string("—")) + "</td>";
    }
    s += "</tr>";
  }
  s += "</tbody></table></details></figcaption></figure>";
  return s;
}

std::string participants_chart(const std::vector<const Org*>& orgs, const BlockContext& ctx) {
  std::map<Form, FormCount> total;
  for (const Org* o : orgs)
    for (const auto& [f, c] : o->current_counts()) {
      total[f].mentors += c.mentors;
      total[f].mentees += c.mentees;
    }
  std::vector<std::string> cats;
  ChartSeries m{"Наставники", {}}, e{"Наставляемые", {}};
  for (const auto& [f, c] : total) {
    if (c.mentors + c.mentees == 0) continue;
    cats.emplace_back(form_title(f));
    m.values.push_back(static_cast<double>(c.mentors));
    e.values.push_back(static_cast<double>(c.mentees));
  }
  (void)ctx;
  if (cats.empty()) return "<p class=\"empty\">Данных об участниках пока нет.</p>";
  return svg_bar_chart("Участники по формам наставничества", cats, {m, e}, "");
}

std::string indicator_chart(const std::vector<const Org*>& orgs, const std::string& id,
                            const BlockContext& ctx) {
  std::set<std::string> years;
  std::vector<std::pair<const Org*, const Indicator*>> found;
  for (const Org* o : orgs)
    if (o->monitoring)
      if (const Indicator* i = o->monitoring->indicator(id)) {
        found.emplace_back(o, i);
        for (const auto& [y, _] : i->values) years.insert(y);
      }
  if (found.empty()) return "";
  std::vector<std::string> cats(years.begin(), years.end());
  std::vector<ChartSeries> series;
  for (const auto& [o, i] : found) {
    ChartSeries s{found.size() > 1 ? o->short_name : i->title, {}};
    for (const auto& y : cats) {
      auto it = std::find_if(i->values.begin(), i->values.end(), [&](const auto& v) { return v.first == y; });
      s.values.push_back(it == i->values.end() ? NAN : it->second);
    }
    series.push_back(std::move(s));
  }
  const Indicator* first = found.front().second;
  std::string title = first->title + (first->unit.empty() ? "" : ", " + first->unit);
  (void)ctx;
  return svg_bar_chart(title, cats, series, first->unit);
}

std::string video(const std::string& url, const std::string& title) {
  auto embed = video_embed_url(url);
  if (!embed) return "";
  std::string t = title.empty() ? "Видео" : title;
  return "<figure class=\"video\"><iframe src=\"" + html_escape(*embed) + "\" title=\"" + esc(t) +
         "\" loading=\"lazy\" allowfullscreen referrerpolicy=\"strict-origin-when-cross-origin\"></iframe>"
         "<figcaption><a href=\"" + html_escape(url) + "\">" + esc(t) + " — смотреть на сайте видеохостинга</a></figcaption></figure>";
}

std::string data_block(const DataBlock& b, const BlockContext& ctx) {
  auto orgs = target_orgs(b, ctx);
  switch (b.kind) {
    case DataBlock::Kind::table:
      if (b.what == "participants") return participants_table(orgs, ctx, b.title);
      if (b.what == "pairs") {
        std::string h;
        for (const Org* o : orgs) h += pairs_table(*o, ctx);
        return h;
      }
      if (b.what == "schools") return schools_table(ctx);
      if (b.what == "events") return events_table(orgs, ctx);
      if (b.what == "indicators") return indicators_table(orgs, ctx);
      return "";
    case DataBlock::Kind::roadmap:
      if (const Roadmap* r = orgs.front()->roadmap(b.what)) return roadmap_table(*r, ctx);
      return "";
    case DataBlock::Kind::chart:
      if (b.what == "participants") return participants_chart(orgs, ctx);
      if (b.org == "all") {
        std::vector<const Org*> all = ctx.site.orgs();
        return indicator_chart(all, b.indicator, ctx);
      }
      return indicator_chart(orgs, b.indicator, ctx);
    case DataBlock::Kind::video:
      return video(b.what, b.title);
  }
  return "";
}

}  // namespace nastavnik::html

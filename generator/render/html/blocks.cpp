#include "render/html/blocks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.h"
#include "model/links.h"
#include "render/html/urls.h"

namespace nastavnik::html {

namespace {

std::string esc(const std::string& s) { return html_escape(s); }

std::string cell_html(const TableCell& c, const std::string& tag, const std::string& page_url,
                      const std::string& column_style, int colspan = 1) {
  std::string cls = c.style.empty() ? column_style : c.style;
  std::string h = "<" + tag;
  if (tag == "th") h += " scope=\"row\"";
  if (colspan > 1) h += " colspan=\"" + std::to_string(colspan) + "\"";
  if (!cls.empty()) h += " class=\"" + cls + "\"";
  h += ">";
  std::string body;
  if (!c.lines.empty()) {
    for (const auto& l : c.lines) body += (body.empty() ? "" : "<br>") + esc(l);
  } else {
    body = esc(c.text);
  }
  if (c.style == "done" || c.style == "overdue" || c.style == "in-progress")
    body = "<span class=\"badge " + c.style + "\">" + body + "</span>";
  if (!c.link.empty()) {
    std::string href = classify_link(c.link).kind == LinkTarget::Kind::external ? c.link
                                                                               : relative_url(page_url, c.link);
    body = "<a href=\"" + esc(href) + "\">" + body + "</a>";
  }
  return h + body + "</" + tag + ">";
}

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

}  // namespace

std::string table_html(const TableData& t, const std::string& page_url) {
  if (t.empty()) return "<p class=\"empty\">" + esc(t.empty_text) + "</p>";
  auto style = [&](size_t i) { return i < t.column_styles.size() ? t.column_styles[i] : std::string(); };
  // A wide table scrolls in its own box (never the page); the box takes keyboard focus to scroll.
  std::string h = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"" +
                  esc(t.caption.empty() ? std::string("Таблица") : t.caption) + "\"><table class=\"data\"";
  if (!t.anchor.empty()) h += " id=\"" + esc(t.anchor) + "\"";
  h += ">";
  if (!t.caption.empty()) h += "<caption>" + esc(t.caption) + "</caption>";
  h += "<thead><tr>";
  for (size_t i = 0; i < t.columns.size(); ++i)
    h += "<th scope=\"col\"" + (style(i).empty() ? std::string() : " class=\"" + style(i) + "\"") + ">" +
         esc(t.columns[i]) + "</th>";
  h += "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    if (row.stage) {
      h += "</tbody><tbody><tr class=\"stage\"><th scope=\"rowgroup\" colspan=\"" +
           std::to_string(t.columns.size()) + "\">" + esc(row.cells.front().text) + "</th></tr>";
      continue;
    }
    h += row.style.empty() ? "<tr>" : "<tr class=\"" + row.style + "\">";
    for (size_t i = 0; i < row.cells.size(); ++i)
      h += cell_html(row.cells[i], row.cells[i].header ? "th" : "td", page_url, style(i));
    h += "</tr>";
  }
  h += "</tbody>";
  if (!t.footer.empty()) {
    h += "<tfoot>";
    for (const auto& row : t.footer) {
      h += "<tr>";
      for (size_t i = 0; i < row.cells.size(); ++i)
        h += cell_html(row.cells[i], row.cells[i].header ? "th" : "td", page_url, style(i));
      h += "</tr>";
    }
    h += "</tfoot>";
  }
  return h + "</table></div>";
}

std::string chart_html(const ChartData& c) {
  if (c.empty()) return "<p class=\"empty\">Данных для диаграммы пока нет.</p>";
  const double W = 640, H = 320, left = 48, right = 16, top = 36, bottom = 64;
  double maxv = 0;
  for (const auto& s : c.series)
    for (double v : s.values)
      if (std::isfinite(v)) maxv = std::max(maxv, v);
  if (maxv <= 0) maxv = 1;
  double step = std::pow(10, std::floor(std::log10(maxv)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (maxv / (step * m) <= 5) { step *= m; break; }
  double top_value = std::ceil(maxv / step) * step;
  double plot_h = H - top - bottom, plot_w = W - left - right;
  auto y_of = [&](double v) { return top + plot_h * (1 - v / top_value); };
  static const char* kColors[] = {"#1f5fa8", "#c25e00", "#2e7d4f", "#7b3fa0", "#b03030"};
  std::string s = "<figure class=\"chart\"><svg viewBox=\"0 0 " + fmt(W) + " " + fmt(H) +
                  "\" role=\"img\" aria-label=\"" + esc(c.title) + "\"><title>" + esc(c.title) + "</title>";
  s += "<text x=\"" + fmt(W / 2) + "\" y=\"20\" text-anchor=\"middle\" class=\"chart-title\">" + esc(c.title) + "</text>";
  for (double v = 0; v <= top_value + step / 2; v += step) {
    double y = y_of(v);
    s += "<line x1=\"" + fmt(left) + "\" x2=\"" + fmt(W - right) + "\" y1=\"" + fmt(y) + "\" y2=\"" + fmt(y) +
         "\" class=\"grid\"/><text x=\"" + fmt(left - 6) + "\" y=\"" + fmt(y + 4) +
         "\" text-anchor=\"end\" class=\"axis\">" + esc(format_number(v)) + "</text>";
  }
  size_t nc = std::max<size_t>(1, c.categories.size()), ns = std::max<size_t>(1, c.series.size());
  double group = plot_w / nc, bar = std::min(48.0, group * 0.8 / ns);
  for (size_t k = 0; k < c.categories.size(); ++k) {
    double gx = left + group * k + (group - bar * ns) / 2;
    for (size_t j = 0; j < c.series.size(); ++j) {
      double v = k < c.series[j].values.size() ? c.series[j].values[k] : NAN;
      if (!std::isfinite(v)) continue;
      double x = gx + bar * j, y = y_of(v);
      s += "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(bar - 2) + "\" height=\"" +
           fmt(top + plot_h - y) + "\" fill=\"" + kColors[j % 5] + "\"/>";
      s += "<text x=\"" + fmt(x + bar / 2 - 1) + "\" y=\"" + fmt(y - 4) +
           "\" text-anchor=\"middle\" class=\"value\">" + esc(format_number(v)) + "</text>";
    }
    s += "<text x=\"" + fmt(left + group * k + group / 2) + "\" y=\"" + fmt(top + plot_h + 16) +
         "\" text-anchor=\"middle\" class=\"axis\">" + esc(c.categories[k]) + "</text>";
  }
  double lx = left;
  for (size_t j = 0; j < c.series.size() && c.series.size() > 1; ++j) {
    s += "<rect x=\"" + fmt(lx) + "\" y=\"" + fmt(H - 22) + "\" width=\"12\" height=\"12\" fill=\"" +
         kColors[j % 5] + "\"/><text x=\"" + fmt(lx + 16) + "\" y=\"" + fmt(H - 12) + "\" class=\"legend\">" +
         esc(c.series[j].name) + "</text>";
    lx += 32 + 7.0 * static_cast<double>(c.series[j].name.size()) / 2;
  }
  s += "</svg>";
  // The text alternative: the same data as a table.
  TableData t;
  t.caption = c.title;
  t.columns = {""};
  t.column_styles = {""};
  for (const auto& se : c.series) { t.columns.push_back(se.name); t.column_styles.push_back("num"); }
  for (size_t k = 0; k < c.categories.size(); ++k) {
    TableRow row;
    row.cells.push_back(TableCell{c.categories[k], "", "", true, std::nullopt, {}});
    for (const auto& se : c.series) {
      double v = k < se.values.size() ? se.values[k] : NAN;
      row.cells.push_back(TableCell{std::isfinite(v) ? format_number(v) + (c.unit.empty() ? "" : "\u00A0" + c.unit) : "—",
                                    "", "num", false, std::nullopt, {}});
    }
    t.rows.push_back(std::move(row));
  }
  s += "<figcaption><details><summary>Данные диаграммы</summary>" + table_html(t, "") + "</details></figcaption></figure>";
  return s;
}

std::string video_html(const std::string& url, const std::string& title) {
  auto embed = video_embed_url(url);
  if (!embed) return "";
  std::string t = title.empty() ? "Видео" : typograph(title);
  return "<figure class=\"video\"><iframe src=\"" + esc(*embed) + "\" title=\"" + esc(t) +
         "\" loading=\"lazy\" allowfullscreen referrerpolicy=\"strict-origin-when-cross-origin\"></iframe>"
         "<figcaption><a href=\"" + esc(url) + "\">" + esc(t) + " — смотреть на сайте видеохостинга</a></figcaption></figure>";
}

std::string data_block(const DataBlock& b, const BlockContext& ctx) {
  if (b.kind == DataBlock::Kind::video) return video_html(b.what, b.title);
  BlockContent content = block_content(b, ctx.site, ctx.org);
  std::string h;
  for (const auto& t : content.tables) h += table_html(t, ctx.page_url);
  for (const auto& c : content.charts) h += chart_html(c);
  return h;
}

}  // namespace nastavnik::html

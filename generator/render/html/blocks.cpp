#include "render/html/blocks.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/text.h"
#include "core/utf8.h"
#include "model/links.h"
#include "render/html/urls.h"

namespace nastavnik::html {

namespace {

std::string esc(const std::string& s) { return html_escape(s); }

// Appends a table cell to `h`: <th scope="row"> for a header cell, <td> for the others.
void append_cell(std::string& h, const TableCell& c, const std::string& page_url, const std::string& column_style,
                 int colspan = 1) {
  const char* tag = c.header ? "th" : "td";
  const std::string& cls = c.style.empty() ? column_style : c.style;
  h += '<';
  h += tag;
  if (c.header) h += " scope=\"row\"";
  if (colspan > 1) h += " colspan=\"" + std::to_string(colspan) + "\"";
  if (!cls.empty()) {
    h += " class=\"";
    h += cls;
    h += '"';
  }
  h += '>';
  if (!c.link.empty()) {
    const std::string href =
        classify_link(c.link).kind == LinkTarget::Kind::external ? c.link : relative_url(page_url, c.link);
    h += "<a href=\"";
    append_html_escaped(h, href);
    h += "\">";
  }
  const bool badge = c.style == "done" || c.style == "overdue" || c.style == "in-progress";
  if (badge) {
    h += "<span class=\"badge ";
    h += c.style;
    h += "\">";
  }
  if (!c.lines.empty()) {
    bool written = false;  // «<br>» between lines, once some text is written (empty lines first add none)
    for (const auto& l : c.lines) {
      if (written) h += "<br>";
      append_html_escaped(h, l);
      written = written || !l.empty();
    }
  } else {
    append_html_escaped(h, c.text);
  }
  if (badge) h += "</span>";
  if (!c.link.empty()) h += "</a>";
  h += "</";
  h += tag;
  h += '>';
}

std::string fmt(double v) {  // as printf's "%.1f" (to_chars: the same digits, without the locale and format parsing)
  char b[400];  // any double: at most 309 digits before the point
  const auto done = std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, 1);
  return done.ec == std::errc() ? std::string(b, done.ptr) : std::string("—");
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
      append_cell(h, row.cells[i], page_url, style(i));
    h += "</tr>";
  }
  h += "</tbody>";
  if (!t.footer.empty()) {
    h += "<tfoot>";
    for (const auto& row : t.footer) {
      h += "<tr>";
      for (size_t i = 0; i < row.cells.size(); ++i)
        append_cell(h, row.cells[i], page_url, style(i));
      h += "</tr>";
    }
    h += "</tfoot>";
  }
  return h + "</table></div>";
}

// A category label in at most two lines: «Руководитель — учитель» → «Руководитель —», «учитель»;
// without a dash a long label breaks at the space nearest its middle.
std::pair<std::string, std::string> label_lines(const std::string& label) {
  const std::string dash = "\u2014";
  auto d = label.find(dash);
  if (d != std::string::npos && d > 0 && d + dash.size() < label.size())
    return {std::string(trim(label.substr(0, d + dash.size()))), std::string(trim(label.substr(d + dash.size())))};
  std::u32string u = utf8::decode(label);
  if (u.size() <= 14) return {label, ""};
  size_t best = std::u32string::npos;
  for (size_t i = 0; i < u.size(); ++i)
    if ((u[i] == U' ' || u[i] == U'\u00A0') &&
        (best == std::u32string::npos || (i > u.size() / 2 ? i - u.size() / 2 : u.size() / 2 - i) <
                                             (best > u.size() / 2 ? best - u.size() / 2 : u.size() / 2 - best)))
      best = i;
  if (best == std::u32string::npos) return {label, ""};
  return {utf8::encode(u.substr(0, best)), utf8::encode(u.substr(best + 1))};
}

std::string chart_html(const ChartData& c) {
  if (c.empty()) return "<p class=\"empty\">Данных для диаграммы пока нет.</p>";
  const double W = 640, H = 300, left = 48, right = 16, top = 16, bottom = 64;
  double maxv = 0;
  for (const auto& s : c.series)
    for (double v : s.values)
      if (std::isfinite(v)) maxv = std::max(maxv, v);
  if (maxv <= 0) maxv = 1;
  // About five grid steps of 1, 2, 2.5 or 5 × 10ⁿ (whole steps when all values are whole).
  bool whole = true;
  for (const auto& se : c.series)
    for (double v : se.values)
      if (std::isfinite(v) && v != std::floor(v)) whole = false;
  double raw = maxv / 5, mag = std::pow(10, std::floor(std::log10(raw))), step = 10 * mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * mag) { step = m * mag; break; }
  if (whole) step = std::max(1.0, std::round(step));
  double top_value = std::ceil(maxv / step - 1e-9) * step;  // the value labels fit in the top margin
  double plot_h = H - top - bottom, plot_w = W - left - right;
  auto y_of = [&](double v) { return top + plot_h * (1 - v / top_value); };
  static const char* kColors[] = {"#1f5fa8", "#c25e00", "#2e7d4f", "#7b3fa0", "#b03030"};
  // On a phone the chart keeps a readable size and scrolls inside its own box (keyboard: tabindex).
  // The title is HTML above the drawing (a long title wraps; in the SVG it would be cut off).
  std::string s = "<figure class=\"chart\"><figcaption class=\"chart-title\">" + esc(c.title) +
                  "</figcaption><div class=\"chart-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Диаграмма: " +
                  esc(c.title) + "\"><svg viewBox=\"0 0 " + fmt(W) + " " + fmt(H) +
                  "\" role=\"img\" aria-label=\"" + esc(c.title) + "\"><title>" + esc(c.title) + "</title>";
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
    auto [l1, l2] = label_lines(c.categories[k]);
    std::string cx = fmt(left + group * k + group / 2);
    s += "<text x=\"" + cx + "\" y=\"" + fmt(top + plot_h + 16) + "\" text-anchor=\"middle\" class=\"axis\">";
    if (l2.empty()) s += esc(l1);
    else s += "<tspan x=\"" + cx + "\">" + esc(l1) + "</tspan><tspan x=\"" + cx + "\" dy=\"14\">" + esc(l2) + "</tspan>";
    s += "</text>";
  }
  double lx = left;
  for (size_t j = 0; j < c.series.size() && c.series.size() > 1; ++j) {
    s += "<rect x=\"" + fmt(lx) + "\" y=\"" + fmt(H - 22) + "\" width=\"12\" height=\"12\" fill=\"" +
         kColors[j % 5] + "\"/><text x=\"" + fmt(lx + 16) + "\" y=\"" + fmt(H - 12) + "\" class=\"legend\">" +
         esc(c.series[j].name) + "</text>";
    lx += 32 + 7.0 * static_cast<double>(c.series[j].name.size()) / 2;
  }
  s += "</svg></div>";
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
  s += "<details><summary>Данные диаграммы</summary>" + table_html(t, "") + "</details></figure>";
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

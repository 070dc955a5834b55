// Vector charts: bars or lines with markers, values printed with a decimal comma, a legend.
#include <algorithm>
#include <cmath>

#include "typeset/layout.h"

namespace nastavnik::typeset::detail {

namespace {
const Color kPalette[] = {{0.27, 0.45, 0.77}, {0.93, 0.49, 0.19}, {0.55, 0.55, 0.55}, {0.98, 0.73, 0.0},
                          {0.36, 0.61, 0.84}, {0.44, 0.68, 0.28}, {0.15, 0.27, 0.47}, {0.62, 0.28, 0.05}};
const Color kGrid{0.85, 0.85, 0.85};
const Color kAxis{0.2, 0.2, 0.2};

double nice_step(double raw) {
  if (raw <= 0) return 1;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double n = raw / mag;
  double s = n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10;
  return s * mag;
}
}  // namespace

void Layouter::place_chart(const Chart& c) {
  double h = std::min(mm(c.height_mm), body_height(1));
  if (h > remaining() && !page_empty_) new_page();
  draw_chart(c, left_, y_, text_w_, h);
  box(left_, y_ - h, text_w_, h, c.title, "chart");
  y_ -= h + 6;
  page_empty_ = false;
}

void Layouter::draw_chart(const Chart& c, double x, double top, double w, double h) {
  const double bottom = top - h;
  double ytop = top;
  // Title.
  if (!c.title.empty()) {
    std::vector<Span> spans{Span{c.title, true, false, {}}};
    ParaSpec s;
    s.spans = &spans;
    s.align = Align::center;
    s.size = 11;
    s.hyphenate = false;
    LaidPara lp = lay(s, w);
    for (size_t i = 0; i < lp.lines.size(); ++i) {
      draw_line(lp, i, x, ytop, "chart-title", false);
      ytop -= lp.lh;
    }
    ytop -= 4;
  }
  const size_t ncat = c.categories.size();
  const size_t nser = c.series.size();

  // Legend rows at the bottom.
  const double lsize = 9, lh = 1.3 * lsize, sw = 8;
  std::vector<std::vector<size_t>> rows(1);
  std::vector<double> row_w(1, 0);
  for (size_t s = 0; s < nser; ++s) {
    double iw = sw + 3 + fonts_.width(kRegular, c.series[s].name, lsize);
    double add = (rows.back().empty() ? 0 : 14) + iw;
    if (!rows.back().empty() && row_w.back() + add > w) {
      rows.emplace_back();
      row_w.push_back(0);
      add = iw;
    }
    rows.back().push_back(s);
    row_w.back() += add;
  }
  const bool legend = nser > 0;
  const double legend_h = legend ? rows.size() * lh + 4 : 0;
  if (legend) {
    double ly = bottom + legend_h - lh;  // bottom of the first row
    for (size_t r = 0; r < rows.size(); ++r, ly -= lh) {
      double lx = x + (w - row_w[r]) / 2;
      for (size_t k = 0; k < rows[r].size(); ++k) {
        size_t s = rows[r][k];
        if (k) lx += 14;
        op(RectOp{lx, ly + 1.5, sw, sw, kPalette[s % 8], std::nullopt, 0, 0});
        lx += sw + 3;
        text(lx, ly + 2, kRegular, lsize, c.series[s].name);
        lx += fonts_.width(kRegular, c.series[s].name, lsize);
      }
    }
  }

  // Value range and ticks.
  double vmin = 0, vmax = 0;
  bool any = false;
  for (const Series& s : c.series)
    for (double v : s.values)
      if (!std::isnan(v)) {
        vmin = std::min(vmin, v);
        vmax = std::max(vmax, v);
        any = true;
      }
  if (!any || vmax - vmin <= 0) vmax = vmin + 1;
  const double step = nice_step((vmax - vmin) / 5);
  const double lo = std::floor(vmin / step + 1e-9) * step, hi = std::ceil(vmax / step - 1e-9) * step;
  const double tsize = 8;
  double label_w = 0;
  for (double t = lo; t <= hi + step / 2; t += step)
    label_w = std::max(label_w, fonts_.width(kRegular, format_number(t), tsize));

  // Category labels (wrapped, at most 3 lines).
  const double px0 = x + label_w + 6, px1 = x + w - 4;
  const double slot = ncat ? (px1 - px0) / ncat : px1 - px0;
  std::vector<LaidPara> cats;
  std::vector<std::vector<Span>> cat_spans(ncat);
  double cat_h = 0;
  for (size_t i = 0; i < ncat; ++i) {
    cat_spans[i] = {Span{c.categories[i], false, false, {}}};
    ParaSpec s;
    s.spans = &cat_spans[i];
    s.align = Align::center;
    s.size = tsize;
    s.line_spacing = 1.0;
    s.hyphenate = true;
    cats.push_back(lay(s, std::max(10.0, slot - 2)));
    if (cats.back().lines.size() > 3) cats.back().lines.edit().resize(3);
    cat_h = std::max(cat_h, cats.back().height());
  }
  const double py0 = bottom + legend_h + cat_h + 4;
  double py1 = ytop - 14;  // room for the unit and the value above the highest bar
  if (!c.unit.empty()) {
    text(x, ytop - tsize, kRegular, tsize, c.unit);
  }
  if (py1 - py0 < 20) py1 = py0 + 20;
  auto ymap = [&](double v) { return py0 + (v - lo) / (hi - lo) * (py1 - py0); };

  // Grid and value axis labels.
  for (double t = lo; t <= hi + step / 2; t += step) {
    double yy = ymap(t);
    if (std::fabs(t) > step / 1000) op(LineOp{px0, yy, px1, yy, 0.4, kGrid});
    std::string s = format_number(std::fabs(t) < step / 1000 ? 0 : t);
    text(px0 - 4 - fonts_.width(kRegular, s, tsize), yy - tsize * 0.3, kRegular, tsize, s, kAxis);
  }
  const double y0 = ymap(std::clamp(0.0, lo, hi));
  op(LineOp{px0, py0, px0, py1, 0.75, kAxis});
  op(LineOp{px0, y0, px1, y0, 0.75, kAxis});

  for (size_t i = 0; i < ncat; ++i) {
    const LaidPara& lp = cats[i];
    double ty = py0 - 3;
    for (size_t k = 0; k < lp.lines.size(); ++k) {
      draw_line(lp, k, px0 + i * slot + 1, ty, "chart-category", false);
      ty -= lp.lh;
    }
  }

  // Data.
  auto value_label = [&](double cx, double yy, double v, double max_w, bool below) {
    std::string s = format_number(v);
    double size = 8;
    double tw = fonts_.width(kRegular, s, size);
    if (max_w > 0 && tw > max_w) {
      size = std::max(5.0, size * max_w / tw);
      tw = fonts_.width(kRegular, s, size);
    }
    text(cx - tw / 2, below ? yy - size - 1 : yy + 2, kRegular, size, s);
  };
  if (c.kind == Chart::bar) {
    const double group = slot * 0.75;
    const double bw = nser ? group / nser : group;
    for (size_t s = 0; s < nser; ++s)
      for (size_t i = 0; i < ncat && i < c.series[s].values.size(); ++i) {
        double v = c.series[s].values[i];
        if (std::isnan(v)) continue;
        double bx = px0 + i * slot + (slot - group) / 2 + s * bw;
        double yv = ymap(v);
        op(RectOp{bx + 0.5, std::min(y0, yv), bw - 1, std::fabs(yv - y0), kPalette[s % 8], std::nullopt, 0, 0});
        value_label(bx + bw / 2, yv, v, bw + 2, v < 0);
      }
  } else {
    for (size_t s = 0; s < nser; ++s) {
      const auto& vals = c.series[s].values;
      std::vector<std::pair<double, double>> seg;
      auto flush = [&] {
        if (seg.size() > 1) op(PolylineOp{seg, 1.5, kPalette[s % 8]});
        seg.clear();
      };
      for (size_t i = 0; i < ncat; ++i) {
        double v = i < vals.size() ? vals[i] : NAN;
        if (std::isnan(v)) {
          flush();
          continue;
        }
        seg.push_back({px0 + (i + 0.5) * slot, ymap(v)});
      }
      flush();
      for (size_t i = 0; i < ncat && i < vals.size(); ++i) {
        if (std::isnan(vals[i])) continue;
        double cx = px0 + (i + 0.5) * slot, yv = ymap(vals[i]);
        op(CircleOp{cx, yv, 2.2, kPalette[s % 8]});
        value_label(cx, yv + 1.5, vals[i], 0, false);
      }
    }
  }
}

}  // namespace nastavnik::typeset::detail

// Tables: column widths from content, wrapped cells, rows moved or split across pages, the header
// repeated on every page.
#include <algorithm>
#include <cmath>

#include "typeset/layout.h"

namespace nastavnik::typeset::detail {

namespace {
const double kPadV = 1.0 * kPtPerMm;
const double kPadH = 1.5 * kPtPerMm;
const Color kHeaderFill{0.92, 0.92, 0.92};
const Color kSpanFill{0.96, 0.96, 0.96};

int row_span(const std::vector<Cell>& row) {
  int n = 0;
  for (const Cell& c : row) n += std::max(1, c.colspan);
  return n;
}
}  // namespace

TableLayout& Layouter::table_layout(size_t idx) {
  auto it = table_cache_.find(idx);
  if (it != table_cache_.end()) return *it->second;
  const Table& t = std::get<Table>(doc_.blocks[idx]);
  auto tl = std::make_unique<TableLayout>();
  const double size = t.size_pt;

  int ncols = 1;
  for (auto& r : t.header) ncols = std::max(ncols, row_span(r));
  for (auto& r : t.rows) ncols = std::max(ncols, row_span(r));

  auto spec_for = [&](const Paragraph& p, const Cell& c, bool header) {
    ParaSpec s = spec_of(p);
    s.size = size;
    s.first_indent = 0;
    s.align = header ? Align::center : c.align;
    s.bold = c.bold || header;
    return s;
  };

  // ---- column widths ----
  std::vector<double> colw(ncols, 0);
  if (static_cast<int>(t.col_weights.size()) == ncols) {
    double sum = 0;
    for (double w : t.col_weights) sum += std::max(0.0, w);
    for (int c = 0; c < ncols; ++c)
      colw[c] = sum > 0 ? text_w_ * std::max(0.0, t.col_weights[c]) / sum : text_w_ / ncols;
  } else {
    std::vector<double> minw(ncols, 2 * kPadH + 8), pref(ncols, 2 * kPadH + 8);
    auto measure = [&](const std::vector<std::vector<Cell>>& rows, bool header) {
      for (auto& r : rows) {
        int col = 0;
        for (const Cell& c : r) {
          int span = std::max(1, c.colspan);
          if (span == 1 && col < ncols) {
            for (const Paragraph& p : c.paras) {
              ParaSpec s = spec_for(p, c, header);
              double extra = 2 * kPadH + std::max(0.0, s.left_indent);
              if (!p.label.empty())
                extra += std::max(fonts_.width(font_id(s.bold, false), p.label, size) + fonts_.space(kRegular, size),
                                  s.label_width);
              minw[col] = std::max(minw[col], breaker_.longest_word(p.spans, size, s.bold) + extra);
              pref[col] = std::max(pref[col], breaker_.natural_width(p.spans, size, s.bold) + extra);
            }
          }
          col += span;
        }
      }
    };
    measure(t.header, true);
    measure(t.rows, false);
    double smin = 0, spref = 0;
    for (int c = 0; c < ncols; ++c) {
      minw[c] = std::min(minw[c], text_w_ * 0.45);
      pref[c] = std::max(pref[c], minw[c]);
      smin += minw[c];
      spref += pref[c];
    }
    for (int c = 0; c < ncols; ++c) {
      if (spref <= text_w_) colw[c] = pref[c] * text_w_ / spref;
      else if (smin >= text_w_) colw[c] = minw[c] * text_w_ / smin;
      else colw[c] = minw[c] + (pref[c] - minw[c]) * (text_w_ - smin) / (spref - smin);
    }
  }
  tl->colw = colw;

  // ---- cells ----
  auto lay_row = [&](const std::vector<Cell>& r, bool header) {
    RowLayout row;
    row.spanning = !header && r.size() == 1 && std::max(1, r[0].colspan) >= ncols && ncols > 1;
    int col = 0;
    double x = left_;
    static const Cell empty_cell;
    for (size_t k = 0; col < ncols; ++k) {
      const Cell& c = k < r.size() ? r[k] : empty_cell;
      int span = std::min(std::max(1, c.colspan), ncols - col);
      if (k + 1 == r.size() && col + span < ncols) span = ncols - col;  // last cell fills the row
      CellLayout cl;
      cl.x = x;
      for (int q = col; q < col + span; ++q) cl.w += colw[q];
      double off = 0;
      for (size_t pi = 0; pi < c.paras.size(); ++pi) {
        cl.paras.push_back(lay(spec_for(c.paras[pi], c, header), cl.w - 2 * kPadH));
      }
      for (size_t pi = 0; pi < cl.paras.size(); ++pi) {
        const LaidPara& lp = cl.paras[pi];
        if (pi > 0) off += lp.space_before;
        for (size_t li = 0; li < lp.lines.size(); ++li) {
          cl.lines.push_back(FlatLine{&lp, li, off, off + lp.lh});
          off += lp.lh;
        }
        if (pi + 1 < cl.paras.size()) off += lp.space_after;
      }
      cl.content_h = off;
      row.height = std::max(row.height, off + 2 * kPadV);
      x += cl.w;
      col += span;
      row.cells.push_back(std::move(cl));
    }
    if (row.height < 2 * kPadV + 1.15 * size) row.height = 2 * kPadV + 1.15 * size;
    return row;
  };
  // Lines point into the row's paragraphs: rows are built in place and never copied afterwards.
  tl->header.reserve(t.header.size());
  tl->rows.reserve(t.rows.size());
  for (auto& r : t.header) {
    tl->header.push_back(lay_row(r, true));
    tl->header_h += tl->header.back().height;
  }
  for (auto& r : t.rows) tl->rows.push_back(lay_row(r, false));
  // Re-point the flat lines (the vectors of paragraphs moved with the rows).
  auto fix = [](RowLayout& row) {
    for (CellLayout& c : row.cells) {
      size_t k = 0;
      for (const LaidPara& lp : c.paras)
        for (size_t li = 0; li < lp.lines.size(); ++li) c.lines[k++].para = &lp;
    }
  };
  for (auto& r : tl->header) fix(r);
  for (auto& r : tl->rows) fix(r);
  return *table_cache_.emplace(idx, std::move(tl)).first->second;
}

// Height of the smallest part of a row worth starting on a page: the whole row if short, else its
// first two lines.
double Layouter::row_min_chunk(const RowLayout& r) const {
  double h = 0;
  for (const CellLayout& c : r.cells) {
    if (c.lines.empty()) continue;
    size_t k = std::min<size_t>(2, c.lines.size());
    h = std::max(h, c.lines[k - 1].bottom);
  }
  return std::min(r.height, h + 2 * kPadV);
}

// Draws lines [from[c], to[c]) of each cell at the current y in a frame `height` tall.
void Layouter::draw_row_part(const RowLayout& r, const std::vector<size_t>& from, const std::vector<size_t>& to,
                             double height, bool header) {
  for (size_t ci = 0; ci < r.cells.size(); ++ci) {
    const CellLayout& c = r.cells[ci];
    std::optional<Color> fill;
    if (header) fill = kHeaderFill;
    else if (r.spanning) fill = kSpanFill;
    op(RectOp{c.x, y_ - height, c.w, height, fill, Color{}, 0.5, 0});
    std::string all;
    const double base = from[ci] < c.lines.size() ? c.lines[from[ci]].top : 0;
    for (size_t k = from[ci]; k < to[ci]; ++k) {
      const FlatLine& fl = c.lines[k];
      draw_line(*fl.para, fl.line, c.x + kPadH, y_ - kPadV - (fl.top - base), header ? "header-line" : "cell-line",
                false);
      if (measure_only) continue;
      std::string t = fl.para->lines[fl.line].text();
      if (!t.empty()) all += (all.empty() ? "" : "\n") + t;
    }
    box(c.x, y_ - height, c.w, height, all, header ? "header" : "cell");
  }
  y_ -= height;
  page_empty_ = false;
}

void Layouter::place_table(size_t idx) {
  TableLayout& t = table_layout(idx);
  auto draw_header = [&] {
    for (const RowLayout& h : t.header) {
      std::vector<size_t> from(h.cells.size(), 0), to(h.cells.size());
      for (size_t c = 0; c < h.cells.size(); ++c) to[c] = h.cells[c].lines.size();
      draw_row_part(h, from, to, h.height, true);
    }
  };
  auto keep_of = [&](size_t r) {
    return t.rows[r].spanning && r + 1 < t.rows.size() ? row_min_chunk(t.rows[r + 1]) : 0.0;
  };
  if (!page_empty_) y_ -= 6;  // a little air before the table
  {
    double first = t.rows.empty() ? 0 : row_min_chunk(t.rows[0]) + keep_of(0);
    if (!page_empty_ && t.header_h + first > remaining()) new_page();
  }
  draw_header();
  bool at_top = true;  // nothing but the header on this page yet
  for (size_t ri = 0; ri < t.rows.size(); ++ri) {
    const RowLayout& row = t.rows[ri];
    const size_t nc = row.cells.size();
    std::vector<size_t> from(nc, 0), all(nc);
    for (size_t c = 0; c < nc; ++c) all[c] = row.cells[c].lines.size();
    const double keep = keep_of(ri);
    if (row.height + keep <= remaining() + 0.01) {
      draw_row_part(row, from, all, row.height, false);
      at_top = false;
      continue;
    }
    const double fresh = body_height(cur_ + 1) - t.header_h;
    const bool short_row = row.height <= fresh / 3;
    if (!at_top && (row.spanning || (short_row && row.height + keep <= fresh) ||
                    remaining() < row_min_chunk(row) + 0.01)) {
      new_page();
      draw_header();
      at_top = true;
      if (row.height + keep <= remaining() + 0.01) {
        draw_row_part(row, from, all, row.height, false);
        at_top = false;
        continue;
      }
    }
    // Split the row: each cell gives the lines that fit, the rest continues on the next page.
    while (true) {
      const double avail = remaining() - 2 * kPadV;
      std::vector<size_t> to(nc);
      bool done = true, any = false;
      double used = 0;
      for (size_t c = 0; c < nc; ++c) {
        const CellLayout& cell = row.cells[c];
        const double base = from[c] < cell.lines.size() ? cell.lines[from[c]].top : 0;
        size_t k = from[c];
        while (k < cell.lines.size() && cell.lines[k].bottom - base <= avail + 0.01) ++k;
        if (k == from[c] && k < cell.lines.size() && at_top) ++k;  // a line taller than a page
        to[c] = k;
        if (k > from[c]) {
          any = true;
          used = std::max(used, cell.lines[k - 1].bottom - base);
        }
        if (k < cell.lines.size()) done = false;
      }
      if (!any && !done) {
        new_page();
        draw_header();
        at_top = true;
        continue;
      }
      draw_row_part(row, from, to, done ? used + 2 * kPadV : remaining(), false);
      at_top = false;
      if (done) break;
      from = to;
      new_page();
      draw_header();
      at_top = true;
    }
  }
  y_ -= 6;  // a little air after the table
}

}  // namespace nastavnik::typeset::detail

#include "typeset/layout.h"

#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace nastavnik::typeset::detail {

namespace {
const Color kLinkColor{0.0, 0.2, 0.6};
const Color kStampColor{0.1, 0.25, 0.65};
}  // namespace

Layouter::Layouter(const Document& doc, FontSet& fonts, const Hyphenator* hyph, const std::vector<TocEntry>& toc,
                   BreakCache* cache)
    : doc_(doc), fonts_(fonts), breaker_(fonts, hyph, cache), toc_(toc) {
  const PageSetup& p = doc.page;
  page_w_ = mm(p.width_mm);
  page_h_ = mm(p.height_mm);
  left_ = mm(p.left_mm);
  right_ = page_w_ - mm(p.right_mm);
  top_ = page_h_ - mm(p.top_mm);
  bottom_ = mm(p.bottom_mm);
  text_w_ = right_ - left_;
  if (text_w_ < 36 || top_ - bottom_ < 72) throw std::runtime_error("page margins leave no room for text");
  asc_ = fonts_.ascent();
  desc_ = fonts_.descent();
  for (const Block& b : doc.blocks)
    if (auto* q = std::get_if<QrCode>(&b); q && !qr_) {
      qr_ = q;
      qr_reserve_ = mm(q->size_mm) + mm(3);
    }
}

void Layouter::new_page() {
  pages.emplace_back();
  cur_ = static_cast<int>(pages.size()) - 1;
  y_ = top_;
  page_empty_ = true;
}

// ---------------------------------------------------------------- paragraphs

ParaSpec Layouter::spec_of(const Paragraph& p) const {
  ParaSpec s;
  s.spans = &p.spans;
  s.align = p.align;
  s.size = p.size_pt;
  s.first_indent = mm(p.first_indent_mm);
  s.left_indent = mm(p.left_indent_mm);
  s.space_before = p.space_before_pt;
  s.space_after = p.space_after_pt;
  s.line_spacing = p.line_spacing;
  s.label = p.label;
  s.label_width = mm(p.label_width_mm);
  s.hyphenate = p.hyphenate;
  return s;
}

ParaSpec Layouter::spec_of(const Heading& h) const {
  ParaSpec s;
  s.spans = &h.spans;
  s.align = h.align;
  s.size = h.size_pt;
  s.space_before = h.space_before_pt;
  s.space_after = h.space_after_pt;
  s.hyphenate = false;
  s.bold = true;
  return s;
}

LaidPara Layouter::lay(const ParaSpec& spec, double width) {
  LaidPara lp;
  lp.size = spec.size;
  lp.lh = 1.15 * spec.size * std::max(0.5, spec.line_spacing);
  lp.space_before = spec.space_before;
  lp.space_after = spec.space_after;
  lp.color = spec.color;
  BreakParams bp;
  bp.size = spec.size;
  bp.align = spec.align;
  bp.hyphenate = spec.hyphenate;
  bp.base_bold = spec.bold;
  bp.base_italic = spec.italic;
  double fi = std::max(0.0, spec.left_indent + spec.first_indent);
  double ri = std::max(0.0, spec.left_indent);
  if (!spec.label.empty()) {
    lp.label = spec.label;
    lp.label_font = font_id(spec.bold, spec.italic);
    lp.label_x = fi;
    double lw = fonts_.width(lp.label_font, spec.label, spec.size) + fonts_.space(lp.label_font, spec.size);
    fi += std::max(lw, spec.label_width);
  }
  bp.first_indent = fi;
  bp.rest_indent = ri;
  bp.first_width = std::max(1.0, width - fi);
  bp.rest_width = std::max(1.0, width - ri);
  static const std::vector<Span> empty;
  lp.lines = breaker_.break_lines(spec.spans ? *spec.spans : empty, bp, &lp.links);
  return lp;
}

double Layouter::baseline_offset(const LaidPara& lp) const {
  return (lp.lh + (asc_ - desc_) * lp.size) / 2;
}

void Layouter::draw_line(const LaidPara& lp, size_t i, double x_left, double top, const std::string& kind,
                         bool emit_box) {
  const Line& line = lp.lines[i];
  const double base = top - baseline_offset(lp);
  const double x0 = x_left + line.indent;
  // One string per font and colour with the spaces of the line in it, when every gap between words
  // is its space plus the same stretch and no word holds a space of its own (a no-break space).
  bool whole = !line.words.empty();
  double stretch = 0;
  for (size_t k = 0; whole && k < line.words.size(); ++k) {
    const PlacedWord& w = line.words[k];
    for (const Run& r : w.runs) whole = whole && r.text.find(' ') == std::string::npos;
    if (k == 0 || !whole || w.runs.empty() || line.words[k - 1].runs.empty()) continue;
    const PlacedWord& prev = line.words[k - 1];
    double gap = w.x - prev.x - prev.width - fonts_.space(prev.runs.back().font, lp.size);
    if (k == 1) stretch = gap;
    else whole = std::fabs(gap - stretch) < 1e-6;
  }
  if (measure_only) {
    if (emit_box && kind == "heading" && !line.words.empty())
      box(x0, top - lp.lh, line.width, lp.lh, line.text(), kind);
    page_empty_ = false;
    return;
  }
  std::optional<TextOp> pending;
  auto flush = [&] {
    if (pending) op(std::move(*pending));
    pending.reset();
  };
  for (size_t k = 0; k < line.words.size(); ++k) {
    const PlacedWord& w = line.words[k];
    double x = x0 + w.x;
    for (size_t q = 0; q < w.runs.size(); ++q) {
      const Run& r = w.runs[q];
      Color c = r.link >= 0 ? kLinkColor : lp.color;
      if (!whole) {
        text(x, base, r.font, lp.size, r.text, c);
      } else {
        if (k > 0 && q == 0 && pending) pending->text += ' ';  // the gap, in the previous run's font
        if (pending && (pending->font != r.font || !(pending->color == c))) flush();
        if (!pending) pending = TextOp{x, base, r.font, lp.size, {}, c, stretch};
        pending->text += r.text;
      }
      if (r.link >= 0) op(LinkOp{x, top - lp.lh, r.width, lp.lh, lp.links[r.link], -1, 0});
      x += r.width;
    }
  }
  flush();
  if (emit_box && !line.words.empty()) box(x0, top - lp.lh, line.width, lp.lh, line.text(), kind);
  page_empty_ = false;
}

void Layouter::draw_label(const LaidPara& lp, double x_left, double top) {
  if (lp.label.empty()) return;
  const double base = top - baseline_offset(lp);
  text(x_left + lp.label_x, base, lp.label_font, lp.size, lp.label, lp.color);
  box(x_left + lp.label_x, top - lp.lh, fonts_.width(lp.label_font, lp.label, lp.size), lp.lh, lp.label, "label");
}

// Places the lines in the flow, splitting across pages with widow/orphan control.
void Layouter::flow_para(const LaidPara& lp, double x_left, const std::string& kind, bool split_ok) {
  if (!page_empty_) y_ -= lp.space_before;
  const size_t n = lp.lines.size();
  size_t i = 0;
  while (i < n) {
    size_t fit = static_cast<size_t>(std::max(0.0, std::floor((remaining() + 0.01) / lp.lh)));
    size_t k = std::min(fit, n - i);
    if (k < n - i) {
      if (!split_ok) k = 0;
      if (i == 0 && k < 2 && n >= 2) k = 0;             // no orphan
      if (k > 0 && n - i - k == 1) k = k >= 2 ? k - 1 : 0;  // no widow
      if (k == 0) {
        if (page_empty_) k = std::max<size_t>(1, std::min(fit, n - i));  // cannot do better
        else {
          new_page();
          continue;
        }
      }
    }
    for (size_t q = 0; q < k; ++q, ++i) {
      if (i == 0) draw_label(lp, x_left, y_);
      draw_line(lp, i, x_left, y_, kind);
      y_ -= lp.lh;
    }
    if (i < n) new_page();
  }
  y_ -= lp.space_after;
}

const LaidPara& Layouter::cached_para(size_t idx) {
  auto it = para_cache_.find(idx);
  if (it != para_cache_.end()) return it->second;
  const Block& b = doc_.blocks[idx];
  LaidPara lp;
  if (auto* p = std::get_if<Paragraph>(&b)) lp = lay(spec_of(*p), text_w_);
  else if (auto* h = std::get_if<Heading>(&b)) lp = lay(spec_of(*h), text_w_);
  return para_cache_.emplace(idx, std::move(lp)).first->second;
}

double Layouter::full_height(size_t idx) {
  if (idx >= doc_.blocks.size()) return 0;
  const Block& b = doc_.blocks[idx];
  if (std::holds_alternative<Paragraph>(b) || std::holds_alternative<Heading>(b)) {
    const LaidPara& lp = cached_para(idx);
    return lp.space_before + lp.height() + lp.space_after;
  }
  if (std::holds_alternative<Table>(b)) {
    TableLayout& t = table_layout(idx);
    return t.header_h + (t.rows.empty() ? 0 : row_min_chunk(t.rows[0]));
  }
  if (auto* c = std::get_if<Chart>(&b)) return mm(c->height_mm);
  if (auto* im = std::get_if<Image>(&b)) return mm(im->height_mm);
  return 0;
}

// The height the block at idx needs on the page it starts on so that a preceding keep_with_next
// block is not left alone.
double Layouter::lead_height(size_t idx, int depth) {
  if (idx >= doc_.blocks.size() || depth > 3) return 0;
  const Block& b = doc_.blocks[idx];
  if (auto* p = std::get_if<Paragraph>(&b)) {
    const LaidPara& lp = cached_para(idx);
    if (p->keep_with_next) return full_height(idx) + lead_height(idx + 1, depth + 1);
    return lp.space_before + std::min<size_t>(2, lp.lines.size()) * lp.lh;
  }
  if (std::holds_alternative<Heading>(b)) return full_height(idx) + lead_height(idx + 1, depth + 1);
  return full_height(idx);
}

void Layouter::place_paragraph(size_t idx) {
  const Paragraph& p = std::get<Paragraph>(doc_.blocks[idx]);
  const LaidPara& lp = cached_para(idx);
  if (p.keep_with_next && !page_empty_) {
    double need = full_height(idx) + lead_height(idx + 1, 1);
    if (need > remaining() && need <= body_height(cur_ + 1)) new_page();
  }
  flow_para(lp, left_, "line", !p.keep_with_next);
}

void Layouter::place_heading(size_t idx) {
  const Heading& h = std::get<Heading>(doc_.blocks[idx]);
  const LaidPara& lp = cached_para(idx);
  if (!page_empty_) {
    double need = full_height(idx) + lead_height(idx + 1, 1);
    if (need > remaining() && need <= body_height(cur_ + 1)) new_page();
  }
  const size_t first_box = boxes.size();
  flow_para(lp, left_, "heading", false);
  if (h.bookmark) {
    std::string title;
    for (const Line& l : lp.lines) {
      if (!title.empty()) title += ' ';
      title += l.text();
    }
    for (size_t k = first_box; k < boxes.size(); ++k)
      if (boxes[k].kind == "heading") {
        outlines.push_back(OutlineEntry{title, std::max(1, h.level), boxes[k].page, boxes[k].y + boxes[k].h});
        break;
      }
  }
}

// ---------------------------------------------------------------- table of contents

void Layouter::place_toc() {
  static const std::vector<Span> title_spans{Span{"Содержание", false, false, {}}};
  Heading th;
  ParaSpec ts = spec_of(th);
  ts.spans = &title_spans;
  LaidPara tl = lay(ts, text_w_);
  flow_para(tl, left_, "toc", false);
  const double num_w = mm(12);
  for (const TocEntry& e : toc_) {
    std::vector<Span> spans{Span{e.title, false, false, {}}};
    ParaSpec s;
    s.spans = &spans;
    s.align = Align::left;
    s.size = 14;
    s.hyphenate = false;
    s.left_indent = mm(6) * (std::max(1, e.level) - 1);
    s.first_indent = 0;
    LaidPara lp = lay(s, text_w_ - num_w);
    if (lp.height() > remaining()) new_page();
    const double top = y_;
    for (size_t i = 0; i < lp.lines.size(); ++i) {
      draw_line(lp, i, left_, y_, "toc");
      y_ -= lp.lh;
    }
    // Page number flush right on the last line, dot leaders drawn as vector dots.
    const Line& last = lp.lines.back();
    const double base = y_ + lp.lh - baseline_offset(lp);
    std::string num = std::to_string(e.page + 1);
    double nw = fonts_.width(kRegular, num, lp.size);
    text(right_ - nw, base, kRegular, lp.size, num);
    box(right_ - nw, y_, nw, lp.lh, num, "toc");
    double from = left_ + last.indent + last.width + 4, to = right_ - nw - 4;
    op(DotsOp{from, to, base + 0.6, 0.55, 4.5, {}});
    op(LinkOp{left_, y_, text_w_, top - y_, {}, e.page, e.y});
  }
  y_ -= 12;
}

// ---------------------------------------------------------------- two-sided line (+ stamp)

size_t Layouter::place_two_sided(size_t idx) {
  const TwoSided& ts = std::get<TwoSided>(doc_.blocks[idx]);
  ParaSpec rs;
  rs.spans = &ts.right;
  rs.align = Align::left;
  rs.size = ts.size_pt;
  rs.hyphenate = false;
  LaidPara rp = lay(rs, text_w_ * 0.6);
  double rw = 0;
  for (const Line& l : rp.lines) rw = std::max(rw, l.width);
  ParaSpec ls = rs;
  ls.spans = &ts.left;
  const double gap = mm(10);
  LaidPara lpara = lay(ls, std::max(text_w_ * 0.3, text_w_ - rw - gap));
  double lw = 0;
  for (const Line& l : lpara.lines) lw = std::max(lw, l.width);
  if (ts.left.empty()) lpara.lines.clear();
  if (ts.right.empty()) rp.lines.clear();
  const size_t nl = lpara.lines.size(), nr = rp.lines.size();
  const size_t nmax = std::max(nl, nr);
  const double lh = lpara.lh;
  double text_h = nmax * lh;

  // A stamp right after it, between the two parts.
  const Stamp* stamp = nullptr;
  double sw = 0, sh = 0, middle = 0;
  const double sgap = mm(4);
  if (idx + 1 < doc_.blocks.size())
    if (auto* s = std::get_if<Stamp>(&doc_.blocks[idx + 1]); s && s->beside_signature) {
      sw = mm(s->width_mm);
      middle = text_w_ - lw - rw - 2 * sgap;
      if (sw <= middle) {
        stamp = s;
        sh = stamp_height(*s);
      }
    }
  const double block_h = std::max(text_h, sh);
  if (block_h > remaining() && !page_empty_) new_page();
  const double text_top = y_ - (block_h - text_h) / 2;
  for (size_t i = 0; i < nl; ++i) draw_line(lpara, i, left_, text_top - (nmax - nl + i) * lh, "twosided-left");
  for (size_t i = 0; i < nr; ++i) {
    const Line& l = rp.lines[i];
    double top = text_top - (nmax - nr + i) * lh;
    // Flush right: shift the line so that its end is at the right margin.
    LaidPara one = rp;
    Line alone = l;
    alone.indent = 0;
    one.lines = Lines(std::vector<Line>{std::move(alone)});
    draw_line(one, 0, right_ - l.width, top, "twosided-right");
  }
  if (stamp) place_stamp(*stamp, left_ + lw + sgap + (middle - sw) / 2, y_);
  y_ -= block_h;
  page_empty_ = false;
  return stamp ? 2 : 1;
}

// ---------------------------------------------------------------- corner, image, stamp, qr

void Layouter::place_corner(const Corner& c) {
  const double w = std::min(text_w_, mm(c.width_mm));
  std::vector<LaidPara> laid;
  double h = 0;
  for (const Paragraph& p : c.paras) {
    laid.push_back(lay(spec_of(p), w));
    h += laid.back().space_before + laid.back().height() + laid.back().space_after;
  }
  if (h > remaining() && !page_empty_) new_page();
  const double x = c.side == Align::left ? left_ : right_ - w;
  for (const LaidPara& lp : laid) {
    y_ -= lp.space_before;
    for (size_t i = 0; i < lp.lines.size(); ++i) {
      if (i == 0) draw_label(lp, x, y_);
      draw_line(lp, i, x, y_, "corner");
      y_ -= lp.lh;
    }
    y_ -= lp.space_after;
  }
  page_empty_ = false;
}

void Layouter::place_image(const Image& im) {
  FILE* f = std::fopen(im.png_path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot read image " + im.png_path);
  std::fclose(f);
  double w = mm(im.width_mm), h = mm(im.height_mm);
  if (w <= 0 || h <= 0) throw std::runtime_error("image without a size: " + im.png_path);
  double scale = std::min({1.0, text_w_ / w, body_height(1) / h});
  w *= scale;
  h *= scale;
  if (h > remaining() && !page_empty_) new_page();
  // Within a column at the left (the corner layout of a letterhead) or the whole text width.
  const double col = im.column_mm > 0 ? std::min(text_w_, mm(im.column_mm)) : text_w_;
  double x = im.align == Align::left ? left_ : im.align == Align::right ? left_ + col - w : left_ + (col - w) / 2;
  op(ImageOp{im.png_path, x, y_ - h, w, h});
  box(x, y_ - h, w, h, im.png_path, "image");
  y_ -= h;
  page_empty_ = false;
}

LaidPara Layouter::lay_stamp_line(const Stamp& s, size_t i) {
  std::vector<Span> spans{Span{s.lines[i], i == 0, false, {}}};
  ParaSpec ps;
  ps.spans = &spans;
  ps.align = i == 0 ? Align::center : Align::left;
  ps.size = s.size_pt;
  ps.hyphenate = false;
  ps.color = kStampColor;
  LaidPara lp = lay(ps, mm(s.width_mm) - 2 * mm(2.5));
  return lp;
}

double Layouter::stamp_height(const Stamp& s) {
  double h = 2 * mm(2.5);
  for (size_t i = 0; i < s.lines.size(); ++i) h += lay_stamp_line(s, i).height() + (i == 0 ? 2 : 0);
  return h;
}

void Layouter::place_stamp(const Stamp& s, double x, double top) {
  const double w = mm(s.width_mm), h = stamp_height(s), pad = mm(2.5);
  op(RectOp{x, top - h, w, h, std::nullopt, kStampColor, 1.2, mm(2.5)});
  double y = top - pad;
  std::string all;
  for (size_t i = 0; i < s.lines.size(); ++i) {
    LaidPara lp = lay_stamp_line(s, i);
    for (size_t k = 0; k < lp.lines.size(); ++k) {
      draw_line(lp, k, x + pad, y, "stamp", false);
      y -= lp.lh;
    }
    if (i == 0) y -= 2;
    all += (all.empty() ? "" : "\n") + s.lines[i];
  }
  box(x, top - h, w, h, all, "stamp");
}

void Layouter::place_qr() {
  if (!qr_ || measure_only) return;  // drawing only: the room for it is kept by qr_reserve_
  QRcode* code = QRcode_encodeString(qr_->text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!code) throw std::runtime_error("cannot encode QR code");
  const double size = mm(qr_->size_mm);
  const int n = code->width;
  const double m = size / n;
  const double x0 = right_ - size, y0 = bottom_;
  for (int r = 0; r < n; ++r) {
    int c = 0;
    while (c < n) {
      if (!(code->data[r * n + c] & 1)) { ++c; continue; }
      int s = c;
      while (c < n && (code->data[r * n + c] & 1)) ++c;
      // Slightly overlapping squares avoid hairline gaps in viewers.
      op(RectOp{x0 + s * m, y0 + size - (r + 1) * m, (c - s) * m, m + 0.01, Color{}, std::nullopt, 0, 0});
    }
  }
  QRcode_free(code);
  box(x0, y0, size, size, qr_->text, "qr");
}

// ---------------------------------------------------------------- footer

// Consecutive footers starting at block i go to the bottom of the page where the flow is (the last
// page of an order, before its appendices); returns how many blocks were used.
size_t Layouter::place_footers(size_t i) {
  std::vector<const Footer*> footers;
  for (size_t k = i; k < doc_.blocks.size(); ++k) {
    auto* f = std::get_if<Footer>(&doc_.blocks[k]);
    if (!f) break;
    footers.push_back(f);
  }
  if (footers.empty()) return 1;
  auto lay_all = [&](double width) {
    std::vector<LaidPara> v;
    for (const Footer* f : footers) {
      ParaSpec s;
      s.spans = &f->spans;
      s.align = Align::left;
      s.size = f->size_pt;
      v.push_back(lay(s, width));
    }
    return v;
  };
  auto height = [](const std::vector<LaidPara>& v) {
    double h = 0;
    for (const LaidPara& lp : v) h += lp.height();
    return h;
  };
  const double gap = mm(4);
  bool beside_qr = cur_ == 0 && qr_;
  std::vector<LaidPara> laid = lay_all(beside_qr ? text_w_ - mm(qr_->size_mm) - mm(5) : text_w_);
  double h = height(laid);
  if (bottom_ + h + gap > y_) {
    new_page();
    laid = lay_all(text_w_);
    h = height(laid);
  }
  double y = bottom_ + h;
  for (const LaidPara& lp : laid)
    for (size_t i = 0; i < lp.lines.size(); ++i) {
      draw_line(lp, i, left_, y, "footer");
      y -= lp.lh;
    }
  y_ = std::min(y_, bottom_);
  page_empty_ = false;
  return footers.size();
}

// ---------------------------------------------------------------- page numbers

void Layouter::page_numbers() {
  if (!doc_.page.page_numbers) return;
  using Pos = PageSetup::NumberPosition;
  const Pos pos = doc_.page.number_position;
  // 12 pt, smaller when the margin is too narrow to keep the number >= 10 mm from the edge.
  const double margin = pos == Pos::top ? page_h_ - top_ : bottom_;
  const double size = std::clamp((margin - mm(10) - 1) / (asc_ + desc_), 6.0, 12.0);
  const double base = pos == Pos::top
                          ? page_h_ - std::max(margin / 2 + 0.35 * size, mm(10) + asc_ * size)
                          : std::max(margin / 2 - 0.35 * size, mm(10) + desc_ * size);
  for (size_t p = doc_.page.numbers_from_page_2 ? 1 : 0; p < pages.size(); ++p) {
    std::string num = std::to_string(p + 1);
    double w = fonts_.width(kRegular, num, size);
    double x = pos == Pos::bottom_right ? left_ + text_w_ - w : left_ + (text_w_ - w) / 2;
    pages[p].ops.push_back(TextOp{x, base, kRegular, size, num, {}});
    boxes.push_back(Box{static_cast<int>(p), x, base - desc_ * size, w, (asc_ + desc_) * size, num, "page-number"});
  }
}

// ---------------------------------------------------------------- main loop

void Layouter::run() {
  new_page();
  place_qr();
  bool toc_done = toc_.empty();
  for (size_t i = 0; i < doc_.blocks.size(); ++i) {
    const Block& b = doc_.blocks[i];
    switch (b.index()) {
      case 0: place_paragraph(i); break;
      case 1:
        place_heading(i);
        if (!toc_done) {
          place_toc();
          toc_done = true;
        }
        break;
      case 2: place_table(i); break;
      case 3:
        if (!page_empty_) new_page();
        break;
      case 4: i += place_two_sided(i) - 1; break;
      case 5: place_corner(std::get<Corner>(b)); break;
      case 6: place_image(std::get<Image>(b)); break;
      case 7: break;  // QR code: placed on page 1 by place_qr()
      case 8: {
        const Stamp& s = std::get<Stamp>(b);
        double h = stamp_height(s);
        if (h > remaining() && !page_empty_) new_page();
        place_stamp(s, right_ - mm(s.width_mm), y_);
        y_ -= h;
        page_empty_ = false;
        break;
      }
      case 9: i += place_footers(i) - 1; break;
      case 10: place_chart(std::get<Chart>(b)); break;
    }
  }
  page_numbers();
}

}  // namespace nastavnik::typeset::detail

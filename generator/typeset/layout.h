// Page layout: blocks -> pages of drawing operations, boxes and outline entries.
#pragma once

#include <map>
#include <memory>

#include "typeset/internal.h"

namespace nastavnik::typeset::detail {

struct TocEntry {
  std::string title;
  int level;
  int page;
  double y;
};

// A paragraph description shared by body text, headings, cells, corners, footers and stamps.
struct ParaSpec {
  const std::vector<Span>* spans = nullptr;
  Align align = Align::justify;
  double size = 14;
  double first_indent = 0, left_indent = 0;  // pt
  double space_before = 0, space_after = 0;  // pt
  double line_spacing = 1.0;
  std::string label;
  double label_width = 0;  // pt
  bool hyphenate = true;
  bool bold = false, italic = false;
  Color color;
};

struct LaidPara {
  Lines lines;
  std::vector<std::string> links;
  double size = 14, lh = 16.1;
  double space_before = 0, space_after = 0;
  std::string label;
  int label_font = kRegular;
  double label_x = 0;
  Color color;
  double height() const { return lines.size() * lh; }  // without spacing
};

struct FlatLine {
  const LaidPara* para;
  size_t line;
  double top, bottom;  // offsets from the cell content top
};

struct CellLayout {
  std::vector<LaidPara> paras;
  std::vector<FlatLine> lines;
  double content_h = 0;
  double x = 0, w = 0;
};

struct RowLayout {
  std::vector<CellLayout> cells;
  double height = 0;  // with padding
  bool spanning = false;
};

struct TableLayout {
  std::vector<double> colw;
  std::vector<RowLayout> header, rows;
  double header_h = 0;
};

class Layouter {
 public:
  Layouter(const Document& doc, FontSet& fonts, const Hyphenator* hyph, const std::vector<TocEntry>& toc,
           BreakCache* cache);
  void run();

  // A pass that only finds where headings and pages fall (a document with a table of contents is
  // laid out until its page numbers settle): no drawing operations and no boxes but the headings'.
  // It measures exactly what a full pass measures (FontSet marks every measured glyph for embedding,
  // so the font subset of the final pass stays the same).
  bool measure_only = false;

  std::vector<PageOps> pages;
  std::vector<Box> boxes;
  std::vector<OutlineEntry> outlines;

 private:
  // geometry (points)
  double page_w_, page_h_, left_, right_, top_, bottom_, text_w_;
  double qr_reserve_ = 0;
  const QrCode* qr_ = nullptr;

  const Document& doc_;
  FontSet& fonts_;
  LineBreaker breaker_;
  const std::vector<TocEntry>& toc_;
  double asc_, desc_;

  int cur_ = -1;
  double y_ = 0;
  bool page_empty_ = true;

  std::map<size_t, LaidPara> para_cache_;
  std::map<size_t, std::unique_ptr<TableLayout>> table_cache_;

  // state helpers
  double bottom() const { return bottom_ + (cur_ == 0 ? qr_reserve_ : 0); }
  double remaining() const { return y_ - bottom(); }
  double body_height(int page) const { return top_ - bottom_ - (page == 0 ? qr_reserve_ : 0); }
  void new_page();
  void op(Op o) {
    if (!measure_only) pages[cur_].ops.push_back(std::move(o));
  }
  void box(double x, double y, double w, double h, std::string text, std::string kind) {
    if (measure_only && kind != "heading") return;
    boxes.push_back(Box{cur_, x, y, w, h, std::move(text), std::move(kind)});
  }
  void text(double x, double y, int font, double size, std::string s, Color c = {}) {
    op(TextOp{x, y, font, size, std::move(s), c});
  }

  // paragraphs
  LaidPara lay(const ParaSpec& spec, double width);
  ParaSpec spec_of(const Paragraph& p) const;
  ParaSpec spec_of(const Heading& h) const;
  double baseline_offset(const LaidPara& lp) const;
  // Draws line i of lp with its slot top at `top` (text ops, link annotations, a box of `kind`).
  void draw_line(const LaidPara& lp, size_t i, double x_left, double top, const std::string& kind,
                 bool emit_box = true);
  void draw_label(const LaidPara& lp, double x_left, double top);
  void flow_para(const LaidPara& lp, double x_left, const std::string& kind, bool split_ok = true);
  const LaidPara& cached_para(size_t idx);

  // keep-with-next
  double full_height(size_t idx);
  double lead_height(size_t idx, int depth);

  // blocks
  void place_paragraph(size_t idx);
  void place_heading(size_t idx);
  void place_toc();
  size_t place_two_sided(size_t idx);  // returns the number of blocks consumed
  void place_corner(const Corner& c);
  void place_image(const Image& im);
  void place_stamp(const Stamp& s, double x, double top);
  double stamp_height(const Stamp& s);
  LaidPara lay_stamp_line(const Stamp& s, size_t i);
  size_t place_footers(size_t i);
  void place_qr();
  void place_chart(const Chart& c);
  void draw_chart(const Chart& c, double x, double top, double w, double h);
  void page_numbers();

  // tables (table.cpp)
  TableLayout& table_layout(size_t idx);
  void place_table(size_t idx);
  double row_min_chunk(const RowLayout& r) const;
  void draw_row_part(const RowLayout& r, const std::vector<size_t>& from, const std::vector<size_t>& to,
                     double height, bool header);
};

}  // namespace nastavnik::typeset::detail

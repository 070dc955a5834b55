#include "render/pdf/documents.h"

#include "core/text.h"
#include "core/utf8.h"
#include "model/tables.h"
#include "render/pdf/blocks.h"

namespace nastavnik::pdf {

using namespace typeset;

namespace {

BodyStyle body_style(const DocumentStyle& st) {
  BodyStyle b;
  b.size_pt = st.body_pt;
  b.table_size_pt = st.table_pt;
  b.first_indent_mm = st.first_indent_mm;
  b.line_spacing = st.line_spacing;
  b.align = st.align == "left" ? Align::left : Align::justify;
  b.prikazyvayu_spaced = st.prikazyvayu == "spaced";
  return b;
}

std::string style_name(const Page& p) {
  switch (p.type) {
    case PageType::order: return "order";
    case PageType::program: return "program";
    case PageType::report: return "report";
    default: return "document";
  }
}

std::string date_text(const DocumentStyle& st, Date d) {
  return st.date_format == "long" ? date_long(d) : date_numeric(d);
}

std::string gost_of(const DocumentStyle& st, const Site& site) {
  return st.gost.empty() ? site.settings.gost : st.gost;
}

Paragraph line(const std::string& text, Align align, double size, bool bold = false,
               double before = 0, double after = 0) {
  Paragraph p;
  p.spans.push_back(Span{text, bold});
  p.align = align;
  p.size_pt = size;
  p.first_indent_mm = 0;
  p.space_before_pt = before;
  p.space_after_pt = after;
  p.hyphenate = false;
  return p;
}

std::string upper(const std::string& s) {
  std::u32string u = utf8::decode(s);
  for (auto& c : u) c = utf8::to_upper(c);
  return utf8::encode(u);
}

std::string doc_reference(const Page& order, const DocumentStyle& st) {
  std::string s;
  if (order.date) s += " от " + date_text(st, *order.date);
  if (!order.number.empty()) s += " " + order.number_text();
  return s;
}

PageSetup page_setup(const DocumentStyle& st) {
  PageSetup p;
  p.width_mm = st.page_width_mm;
  p.height_mm = st.page_height_mm;
  p.left_mm = st.margin_left_mm;
  p.right_mm = st.margin_right_mm;
  p.top_mm = st.margin_top_mm;
  p.bottom_mm = st.margin_bottom_mm;
  p.page_numbers = st.page_numbers != "none";
  p.numbers_from_page_2 = !st.number_first_page;
  p.number_position = st.page_numbers == "bottom"         ? PageSetup::NumberPosition::bottom
                      : st.page_numbers == "bottom-right" ? PageSetup::NumberPosition::bottom_right
                                                          : PageSetup::NumberPosition::top;
  return p;
}

Fonts fonts_of(const DocumentStyle& st) {
  Fonts f;
  if (!st.font_regular.empty()) f.regular = st.font_regular;
  if (!st.font_bold.empty()) f.bold = st.font_bold;
  if (!st.font_italic.empty()) f.italic = st.font_italic;
  if (!st.font_bold_italic.empty()) f.bold_italic = st.font_bold_italic;
  return f;
}

Document new_document(const std::string& title, const Org& org, const Site& site, const DocumentStyle& st) {
  Document d;
  d.page = page_setup(st);
  d.fonts = fonts_of(st);
  d.title = typograph(title);
  d.author = org.name;
  d.subject = site.settings.title;
  d.keywords = "наставничество";
  return d;
}

Document new_document(const Page& page, const Site& site, const DocumentStyle& st) {
  Document d = new_document(page.title, *page.org, site, st);
  return d;
}

// Requisites of an order (ГОСТ Р 7.0.97) in the style's order: emblem, parent body, organisation,
// address, kind of document, date and number on one line, place, title. The centred letterhead puts
// them across the page; the corner letterhead in a column at the top left.
void order_header(const Page& p, const DocumentStyle& st, std::vector<Block>& out) {
  const Org& org = *p.org;
  const bool corner = st.header_layout == "corner";
  const double rs = st.requisites_pt;
  Corner column;
  column.side = Align::left;
  column.width_mm = st.corner_width_mm;
  auto put = [&](Paragraph para) {
    if (corner) {
      para.align = Align::center;
      column.paras.push_back(std::move(para));
    } else {
      out.push_back(std::move(para));
    }
  };
  auto flush_column = [&] {
    if (corner && !column.paras.empty()) {
      out.push_back(column);
      column.paras.clear();
    }
  };
  std::string date = p.date ? date_text(st, *p.date) : "__________";
  std::string number = p.number.empty() ? "№ ______" : p.number_text();
  for (const std::string& r : st.requisites) {
    if (r == "emblem" && !st.emblem.empty()) {
      flush_column();
      Image im;
      im.png_path = st.emblem;
      im.width_mm = st.emblem_width_mm;
      im.height_mm = st.emblem_height_mm;
      if (corner) im.column_mm = st.corner_width_mm;
      out.push_back(im);
    } else if (r == "parent" && !org.parent_name.empty()) {
      put(line(typograph(org.parent_name), Align::center, rs));
    } else if (r == "organisation") {
      put(line(typograph(upper(org.name)), Align::center, rs, true, 0, corner ? 2 : 12));
    } else if (r == "address") {
      std::string a = org.address;
      for (const std::string* x : {&org.phone, &org.email})
        if (!x->empty()) a += (a.empty() ? "" : ", ") + *x;
      if (!a.empty()) put(line(typograph(a), Align::center, st.small_pt, false, 0, 6));
    } else if (r == "kind") {
      put(line(p.doc_name.empty() ? "ПРИКАЗ" : upper(p.doc_name), Align::center, st.doc_name_pt, true, 6, corner ? 4 : 12));
    } else if (r == "date_number") {
      if (corner) {
        put(line(date + "   " + number, Align::center, rs, false, 0, 2));
      } else {
        TwoSided ds;
        ds.size_pt = rs;
        ds.left.push_back(Span{date});
        ds.right.push_back(Span{number});
        out.push_back(ds);
      }
    } else if (r == "place" && !org.place.empty()) {
      put(line(typograph(org.place), Align::center, st.small_pt + 2, false, corner ? 0 : 6, 0));
    } else if (r == "title") {
      flush_column();
      Paragraph title = line(typograph(p.title), Align::left, st.body_pt, true, 18, 12);
      out.push_back(title);
    }
  }
  flush_column();
}

void approved_block(const Page& p, const DocumentStyle& st, std::vector<Block>& out) {
  if (!p.approved_by) return;
  std::string label = p.approved_label;
  std::string first = label, rest;
  if (auto sp = label.find(' '); sp != std::string::npos) {
    first = label.substr(0, sp);
    rest = label.substr(sp + 1);
  }
  Corner c;
  c.width_mm = 75;
  c.paras.push_back(line(upper(first), Align::left, 12));
  if (!rest.empty()) c.paras.push_back(line(rest + doc_reference(*p.approved_by, st), Align::left, 12));
  else c.paras.push_back(line("приказом" + doc_reference(*p.approved_by, st), Align::left, 12));
  out.push_back(c);
}

void signature_block(const Page& p, const DocumentStyle& st, const DocumentOptions& opts, std::vector<Block>& out) {
  if (!p.signatory) return;
  out.push_back(line("", Align::left, st.body_pt, false, 18, 0));
  if (st.signature_layout == "stacked") {  // position above, the name flush right below it
    out.push_back(line(typograph(p.signatory->position), Align::left, st.body_pt));
    out.push_back(line(typograph(p.signatory->name), Align::right, st.body_pt, false, 6));
  } else {  // position on the left, the name on the right, on one baseline
    TwoSided s;
    s.size_pt = st.body_pt;
    s.left.push_back(Span{typograph(p.signatory->position)});
    s.right.push_back(Span{typograph(p.signatory->name)});
    out.push_back(s);
  }
  if (opts.certificate) {
    const auto& c = *opts.certificate;
    Stamp st;
    st.lines = {"ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ", "Сертификат " + c.serial,
                "Владелец " + c.owner,
                "Действителен с " + date_numeric(c.not_before) + " по " + date_numeric(c.not_after)};
    st.beside_signature = opts.stamp_beside_signature;
    out.push_back(st);
  }
}

void acquaintance(const Page& p, const DocumentStyle& st, std::vector<Block>& out) {
  if (p.acquainted.empty()) return;
  out.push_back(line("С приказом ознакомлены:", Align::left, st.body_pt, false, 18, 6));
  Table t;
  t.size_pt = st.table_pt + 1;
  t.col_weights = {3, 2, 1.5};
  auto cell = [](const std::string& s, bool bold = false) {
    Cell c;
    Paragraph p;
    p.first_indent_mm = 0;
    p.spans.push_back(Span{s, bold});
    c.paras.push_back(p);
    c.bold = bold;
    return c;
  };
  t.header.push_back({cell("Фамилия, инициалы", true), cell("Подпись", true), cell("Дата", true)});
  for (const auto& name : p.acquainted) t.rows.push_back({cell(typograph(name)), cell(""), cell("")});
  out.push_back(t);
}

void executor(const Page& p, const DocumentStyle& st, std::vector<Block>& out) {
  if (!p.executor) return;
  Footer f;
  f.size_pt = st.small_pt;
  f.spans.push_back(Span{"Исп.: " + typograph(p.executor->name) +
                         (p.executor->position.empty() ? "" : "\n" + p.executor->position)});
  out.push_back(f);
}

void body(const Page& p, const Site& site, const DocumentStyle& st, std::vector<Block>& out) {
  for (auto& b : markdown_blocks(p, site, body_style(st))) out.push_back(std::move(b));
}

void roadmap_blocks(const Roadmap& r, const Site& site, const DocumentStyle& st, bool with_status,
                    std::vector<Block>& out) {
  TableData t = roadmap_table(r, site.settings.build_date, with_status);
  Heading h;
  h.spans.push_back(Span{typograph(r.title), true});
  h.size_pt = st.heading_pt;
  out.push_back(h);
  out.push_back(table_blocks(t, body_style(st)));
}

void appendices(const Page& p, const Site& site, const DocumentStyle& st, std::vector<Block>& out) {
  int n = 0;
  for (const auto& a : p.appendices) {
    ++n;
    if (a.kind == Appendix::Kind::file) continue;  // listed on the web page, not printed
    out.push_back(PageBreak{});
    Corner c;
    c.width_mm = 75;
    std::string kind = p.type == PageType::order ? "к приказу" : "к документу";
    c.paras.push_back(line("Приложение " + std::to_string(n), Align::left, 12));
    c.paras.push_back(line(kind + doc_reference(p, st), Align::left, 12));
    out.push_back(c);
    if (a.kind == Appendix::Kind::roadmap && a.roadmap) {
      // The roadmap appendix keeps the roadmap's own table style (its size fits wide tables).
      roadmap_blocks(*a.roadmap, site, site.styles.document("roadmap"), false, out);
    } else if (a.kind == Appendix::Kind::page && a.page) {
      Heading h;
      h.spans.push_back(Span{typograph(a.page->title), true});
      h.size_pt = st.heading_pt;
      out.push_back(h);
      body(*a.page, site, st, out);
    }
  }
  // Files are listed at the end, with their addresses.
  bool any = false;
  n = 0;
  for (const auto& a : p.appendices) {
    ++n;
    if (a.kind != Appendix::Kind::file) continue;
    if (!any) out.push_back(line("Приложения в виде файлов:", Align::left, 12, true, 12, 3));
    any = true;
    std::string url = site.settings.base_url + a.file_path.substr(std::string("content/").size());
    Paragraph q = line("Приложение " + std::to_string(n) + ": ", Align::left, 12);
    q.spans.push_back(Span{url, false, false, url});
    out.push_back(q);
  }
}

}  // namespace

bool has_pdf(const Page& page) {
  return page.type == PageType::order || page.type == PageType::document ||
         page.type == PageType::program || page.type == PageType::report;
}

std::string pdf_url(const Page& page) {
  std::string u = page.url;
  return u.substr(0, u.size() - 5) + ".pdf";
}

Document page_document(const Page& p, const Site& site, const DocumentOptions& opts) {
  const DocumentStyle& st = site.styles.document(style_name(p));
  Document d = new_document(p, site, st);
  auto& out = d.blocks;
  const bool qr = gost_of(st, site) == "2025";
  if (p.type == PageType::order) {
    order_header(p, st, out);
    body(p, site, st, out);
    signature_block(p, st, opts, out);
    if (qr) out.push_back(QrCode{site.settings.base_url + p.url, st.qr_size_mm});
    acquaintance(p, st, out);
    executor(p, st, out);
  } else {
    approved_block(p, st, out);
    Heading h;
    h.spans.push_back(Span{typograph(p.title), true});
    h.size_pt = st.heading_pt;
    out.push_back(h);
    if (p.type == PageType::report) {
      if (p.date) out.push_back(line(date_long(*p.date), Align::center, st.small_pt + 2, false, 0, 12));
      d.toc = true;
    }
    body(p, site, st, out);
    if (p.signatory) signature_block(p, st, opts, out);
    if (p.type != PageType::report && qr) out.push_back(QrCode{site.settings.base_url + p.url, st.qr_size_mm});
    executor(p, st, out);
  }
  appendices(p, site, st, out);
  return d;
}

Document roadmap_document(const Roadmap& r, const Org& org, const Site& site) {
  const DocumentStyle& st = site.styles.document("roadmap");
  Document d = new_document(r.title, org, site, st);
  d.blocks.push_back(line(typograph(org.name), Align::center, st.small_pt + 2, false, 0, 6));
  roadmap_blocks(r, site, st, true, d.blocks);
  d.blocks.push_back(line("Статус пунктов — на " + date_long(site.settings.build_date), Align::left, st.small_pt, false, 6));
  return d;
}

Document section_document(const Org& org, const Site& site) {
  Document d = new_document("Наставничество: документы — " + org.short_name, org, site,
                            site.styles.document("report"));
  d.toc = true;
  Heading h;
  h.spans.push_back(Span{"Наставничество: документы", true});
  h.size_pt = 16;
  d.blocks.push_back(h);
  d.blocks.push_back(line(typograph(org.name), Align::center, 14, false, 0, 12));
  bool first = true;
  for (const char* section : {"orders", "documents", "programs", "reports"}) {
    for (const Page* p : org.pages_of(section)) {
      if (!has_pdf(*p)) continue;
      if (!first) d.blocks.push_back(PageBreak{});
      first = false;
      Document one = page_document(*p, site, {});
      // A bundle keeps each document's text; the QR code and the executor's note belong to the
      // single documents (they are placed on a document's first and last page).
      auto keep = [](const Block& b) {
        return !std::holds_alternative<QrCode>(b) && !std::holds_alternative<Footer>(b);
      };
      if (p->type != PageType::order) {
        for (auto& b : one.blocks)
          if (keep(b)) d.blocks.push_back(std::move(b));
      } else {
        Heading mark;
        mark.spans.push_back(Span{typograph(p->doc_name.empty() ? "Приказ" : p->doc_name) + " " +
                                  p->number_text() + (p->date ? " от " + date_numeric(*p->date) : ""), true});
        mark.level = 1;
        mark.size_pt = 11;
        mark.align = Align::right;
        mark.space_before_pt = 0;
        mark.space_after_pt = 6;
        d.blocks.push_back(mark);
        for (auto& b : one.blocks)
          if (keep(b)) d.blocks.push_back(std::move(b));
      }
    }
  }
  return d;
}

}  // namespace nastavnik::pdf

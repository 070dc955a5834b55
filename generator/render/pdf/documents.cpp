#include "render/pdf/documents.h"

#include "core/text.h"
#include "core/utf8.h"
#include "model/tables.h"
#include "render/pdf/blocks.h"

namespace nastavnik::pdf {

using namespace typeset;

namespace {

const BodyStyle kBody{};

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

std::string doc_reference(const Page& order) {
  std::string s;
  if (order.date) s += " от " + date_numeric(*order.date);
  if (!order.number.empty()) s += " " + order.number_text();
  return s;
}

PageSetup page_setup() {
  PageSetup p;  // A4, ГОСТ margins: 30 mm left for documents kept long, 10 right, 20 top/bottom
  return p;
}

Document new_document(const Page& page, const Site& site) {
  Document d;
  d.page = page_setup();
  d.title = typograph(page.title);
  d.author = page.org->name;
  d.subject = site.settings.title;
  d.keywords = "наставничество";
  return d;
}

// Requisites of an order (ГОСТ Р 7.0.97): parent body, organisation, kind of document, date and
// number on one line, place, title.
void order_header(const Page& p, std::vector<Block>& out) {
  const Org& org = *p.org;
  if (!org.parent_name.empty()) out.push_back(line(typograph(org.parent_name), Align::center, 14));
  out.push_back(line(typograph(upper(org.name)), Align::center, 14, true, 0, 12));
  out.push_back(line(p.doc_name.empty() ? "ПРИКАЗ" : upper(p.doc_name), Align::center, 16, true, 6, 12));
  TwoSided ds;
  ds.left.push_back(Span{p.date ? date_numeric(*p.date) : "__________"});
  ds.right.push_back(Span{p.number.empty() ? "№ ______" : p.number_text()});
  out.push_back(ds);
  if (!org.place.empty()) out.push_back(line(typograph(org.place), Align::center, 12, false, 6, 0));
  Paragraph title = line(typograph(p.title), Align::left, 14, true, 18, 12);
  title.hyphenate = false;
  out.push_back(title);
}

void approved_block(const Page& p, std::vector<Block>& out) {
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
  if (!rest.empty()) c.paras.push_back(line(rest + doc_reference(*p.approved_by), Align::left, 12));
  else c.paras.push_back(line("приказом" + doc_reference(*p.approved_by), Align::left, 12));
  out.push_back(c);
}

void signature_block(const Page& p, const DocumentOptions& opts, std::vector<Block>& out) {
  if (!p.signatory) return;
  out.push_back(line("", Align::left, 14, false, 18, 0));
  TwoSided s;
  s.left.push_back(Span{typograph(p.signatory->position)});
  s.right.push_back(Span{typograph(p.signatory->name)});
  out.push_back(s);
  if (opts.certificate) {
    const auto& c = *opts.certificate;
    Stamp st;
    st.lines = {"ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ", "Сертификат " + c.serial,
                "Владелец " + c.owner,
                "Действителен с " + date_numeric(c.not_before) + " по " + date_numeric(c.not_after)};
    out.push_back(st);
  }
}

void acquaintance(const Page& p, std::vector<Block>& out) {
  if (p.acquainted.empty()) return;
  out.push_back(line("С приказом ознакомлены:", Align::left, 14, false, 18, 6));
  Table t;
  t.size_pt = 12;
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

void executor(const Page& p, std::vector<Block>& out) {
  if (!p.executor) return;
  Footer f;
  f.spans.push_back(Span{"Исп.: " + typograph(p.executor->name) +
                         (p.executor->position.empty() ? "" : "\n" + p.executor->position)});
  out.push_back(f);
}

void body(const Page& p, const Site& site, std::vector<Block>& out) {
  for (auto& b : markdown_blocks(p, site, kBody)) out.push_back(std::move(b));
}

void roadmap_blocks(const Roadmap& r, const Site& site, bool with_status, std::vector<Block>& out) {
  TableData t = roadmap_table(r, site.settings.build_date, with_status);
  Heading h;
  h.spans.push_back(Span{typograph(r.title), true});
  h.size_pt = 14;
  out.push_back(h);
  BodyStyle s = kBody;
  s.table_size_pt = 10;
  out.push_back(table_blocks(t, s));
}

void appendices(const Page& p, const Site& site, std::vector<Block>& out) {
  int n = 0;
  for (const auto& a : p.appendices) {
    ++n;
    if (a.kind == Appendix::Kind::file) continue;  // listed on the web page, not printed
    out.push_back(PageBreak{});
    Corner c;
    c.width_mm = 75;
    std::string kind = p.type == PageType::order ? "к приказу" : "к документу";
    c.paras.push_back(line("Приложение " + std::to_string(n), Align::left, 12));
    c.paras.push_back(line(kind + doc_reference(p), Align::left, 12));
    out.push_back(c);
    if (a.kind == Appendix::Kind::roadmap && a.roadmap) {
      roadmap_blocks(*a.roadmap, site, false, out);
    } else if (a.kind == Appendix::Kind::page && a.page) {
      Heading h;
      h.spans.push_back(Span{typograph(a.page->title), true});
      out.push_back(h);
      body(*a.page, site, out);
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
  Document d = new_document(p, site);
  auto& out = d.blocks;
  if (p.type == PageType::order) {
    order_header(p, out);
    body(p, site, out);
    signature_block(p, opts, out);
    if (site.settings.gost == "2025") out.push_back(QrCode{site.settings.base_url + p.url, 22});
    acquaintance(p, out);
    executor(p, out);
  } else {
    approved_block(p, out);
    Heading h;
    h.spans.push_back(Span{typograph(p.title), true});
    h.size_pt = 14;
    out.push_back(h);
    if (p.type == PageType::report) {
      if (p.date) out.push_back(line(date_long(*p.date), Align::center, 12, false, 0, 12));
      d.toc = true;
    }
    body(p, site, out);
    if (p.signatory) signature_block(p, opts, out);
    if (p.type != PageType::report && site.settings.gost == "2025")
      out.push_back(QrCode{site.settings.base_url + p.url, 22});
    executor(p, out);
  }
  appendices(p, site, out);
  return d;
}

Document roadmap_document(const Roadmap& r, const Org& org, const Site& site) {
  Document d;
  d.page = page_setup();
  std::swap(d.page.width_mm, d.page.height_mm);  // A4 landscape for a wide table
  d.page.left_mm = 20;
  d.title = typograph(r.title);
  d.author = org.name;
  d.subject = site.settings.title;
  d.blocks.push_back(line(typograph(org.name), Align::center, 12, false, 0, 6));
  roadmap_blocks(r, site, true, d.blocks);
  d.blocks.push_back(line("Статус пунктов — на " + date_long(site.settings.build_date), Align::left, 10, false, 6));
  return d;
}

Document section_document(const Org& org, const Site& site) {
  Document d;
  d.page = page_setup();
  d.title = "Наставничество: документы — " + typograph(org.short_name);
  d.author = org.name;
  d.subject = site.settings.title;
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

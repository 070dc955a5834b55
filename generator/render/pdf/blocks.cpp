#include "render/pdf/blocks.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <filesystem>

#include "core/text.h"
#include "core/utf8.h"
#include "model/links.h"
#include "model/markdown.h"

namespace nastavnik::pdf {

using namespace typeset;

namespace {

class MarkdownConverter {
 public:
  MarkdownConverter(const Page& page, const Site& site, const BodyStyle& style)
      // A page changed during the build has an empty body here; the HTML renderer reports it.
      : page_(page), site_(site), style_(style), body_(read_page_body(site, page).value_or("")) {}

  std::vector<Block> run() {
    MarkdownDoc md(body_);
    for (cmark_node* n = cmark_node_first_child(md.root()); n; n = cmark_node_next(n)) block(n, {});
    return std::move(out_);
  }

 private:
  const Page& page_;
  const Site& site_;
  const BodyStyle& style_;
  std::string body_;
  std::vector<Block> out_;
  size_t data_block_ = 0;

  struct ListLevel {
    bool ordered;
    int number;
  };

  std::string link_url(const std::string& url) {
    LinkTarget t = classify_link(url);
    if (t.kind == LinkTarget::Kind::external) return url;
    if (t.kind != LinkTarget::Kind::relative) return "";
    std::string file =
        (std::filesystem::path(page_.file).parent_path() / t.path).lexically_normal().generic_string();
    auto d = site_.links.find(file);
    return d == site_.links.end() ? "" : site_.settings.base_url + d->second.url;
  }

  void inlines(cmark_node* parent, std::vector<Span>& spans, bool bold, bool italic, const std::string& link) {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: {
          const char* lit = cmark_node_get_literal(n);
          spans.push_back(Span{typograph(lit ? lit : ""), bold, italic, link});
          break;
        }
        case CMARK_NODE_SOFTBREAK: spans.push_back(Span{" ", bold, italic, link}); break;
        case CMARK_NODE_LINEBREAK: spans.push_back(Span{"\n", bold, italic, link}); break;
        case CMARK_NODE_EMPH: inlines(n, spans, bold, true, link); break;
        case CMARK_NODE_STRONG: inlines(n, spans, true, italic, link); break;
        case CMARK_NODE_LINK: {
          const char* u = cmark_node_get_url(n);
          inlines(n, spans, bold, italic, link_url(u ? u : ""));
          break;
        }
        case CMARK_NODE_IMAGE: inlines(n, spans, bold, italic, link); break;  // its alt text
        default:
          if (std::string_view(cmark_node_get_type_string(n)) == "strikethrough") inlines(n, spans, bold, italic, link);
          break;  // raw HTML is dropped
      }
    }
  }

  Paragraph paragraph(cmark_node* n) {
    Paragraph p;
    p.size_pt = style_.size_pt;
    p.first_indent_mm = style_.first_indent_mm;
    p.line_spacing = style_.line_spacing;
    p.align = style_.align;
    inlines(n, p.spans, false, false, "");
    return p;
  }

  static std::string plain(const std::vector<Span>& spans) {
    std::string s;
    for (const auto& sp : spans) s += sp.text;
    return std::string(trim(s));
  }

  void block(cmark_node* n, std::vector<ListLevel> levels) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_PARAGRAPH: {
        Paragraph p = paragraph(n);
        std::string text = plain(p.spans);
        if (text == "ПРИКАЗЫВАЮ:" || text == "ПОСТАНОВЛЯЮ:" || text == "РАСПОРЯЖАЮСЬ:") {
          // The style of the instruction: «п р и к а з ы в а ю:» spaced at the end of the preamble…
          if (style_.prikazyvayu_spaced && !out_.empty() && std::holds_alternative<Paragraph>(out_.back())) {
            std::string spaced;
            std::u32string word = utf8::decode(text);
            for (size_t i = 0; i < word.size(); ++i) {
              if (i) spaced += word[i] == U':' ? "" : "\u00A0";  // spaced, never broken
              utf8::append(spaced, utf8::to_lower(word[i]));
            }
            auto& prev = std::get<Paragraph>(out_.back());
            if (!prev.spans.empty()) {
              std::string& last = prev.spans.back().text;
              while (!last.empty() && (last.back() == ' ' || last.back() == ',' || last.back() == '.')) last.pop_back();
            }
            prev.spans.push_back(Span{", "});
            prev.spans.push_back(Span{spaced, true});
            prev.keep_with_next = true;
            break;
          }
          // …or «ПРИКАЗЫВАЮ:» on a line of its own.
          p.align = Align::left;
          p.first_indent_mm = 0;
          p.space_before_pt = 6;
          p.space_after_pt = 6;
          p.keep_with_next = true;
        }
        out_.push_back(std::move(p));
        break;
      }
      case CMARK_NODE_HEADING: {
        Heading h;
        int level = cmark_node_get_heading_level(n);
        h.level = level;
        h.align = level <= 2 ? Align::center : Align::left;
        h.size_pt = style_.size_pt;
        std::vector<Span> spans;
        inlines(n, spans, true, false, "");
        h.spans = std::move(spans);
        out_.push_back(std::move(h));
        break;
      }
      case CMARK_NODE_LIST: {
        bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        levels.push_back({ordered, ordered ? cmark_node_get_list_start(n) : 0});
        for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
          std::string label;
          if (ordered) {
            // Hierarchical numbering of documents: 3.1., 3.1.1.
            for (const auto& l : levels)
              if (l.ordered) label += std::to_string(l.number) + ".";
          } else {
            label = levels.size() > 1 ? "–" : "•";
            if (levels.size() > 1 && levels[levels.size() - 2].ordered) label = "–";
          }
          bool first = true;
          for (cmark_node* c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
            if (first && cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
              Paragraph p = paragraph(c);
              p.label = label;
              p.left_indent_mm = ordered ? 0 : 0;
              out_.push_back(std::move(p));
            } else {
              block(c, levels);
            }
            first = false;
          }
          ++levels.back().number;
        }
        break;
      }
      case CMARK_NODE_BLOCK_QUOTE:
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
          size_t before = out_.size();
          block(c, levels);
          for (size_t i = before; i < out_.size(); ++i)
            if (auto* p = std::get_if<Paragraph>(&out_[i])) p->left_indent_mm += 10;
        }
        break;
      case CMARK_NODE_CODE_BLOCK: {
        const char* info = cmark_node_get_fence_info(n);
        if (info && std::string_view(trim(info)) == "nastavnik") {
          if (data_block_ < page_.blocks.size()) data_block(page_.blocks[data_block_]);
          ++data_block_;
          break;
        }
        const char* lit = cmark_node_get_literal(n);
        Paragraph p;
        p.size_pt = style_.size_pt - 2;
        p.align = Align::left;
        p.first_indent_mm = 0;
        p.hyphenate = false;
        p.spans.push_back(Span{lit ? std::string(trim(lit)) : ""});
        out_.push_back(std::move(p));
        break;
      }
      default:
        if (std::string_view(cmark_node_get_type_string(n)) == "table") table(n);
        break;  // thematic breaks and raw HTML are not printed
    }
  }

  void table(cmark_node* n) {
    Table t;
    t.size_pt = style_.table_size_pt;
    for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
      std::vector<Cell> cells;
      for (cmark_node* c = cmark_node_first_child(row); c; c = cmark_node_next(c)) {
        Cell cell;
        Paragraph p;
        p.first_indent_mm = 0;
        inlines(c, p.spans, false, false, "");
        cell.paras.push_back(std::move(p));
        cells.push_back(std::move(cell));
      }
      if (std::string_view(cmark_node_get_type_string(row)) == "table_header") t.header.push_back(std::move(cells));
      else t.rows.push_back(std::move(cells));
    }
    out_.push_back(std::move(t));
  }

  void data_block(const DataBlock& b) {
    if (b.kind == DataBlock::Kind::video) {
      Paragraph p;
      p.size_pt = style_.size_pt;
      p.first_indent_mm = style_.first_indent_mm;
      p.spans.push_back(Span{typograph(b.title.empty() ? "Видео" : b.title) + ": "});
      p.spans.push_back(Span{b.what, false, false, b.what});
      out_.push_back(std::move(p));
      return;
    }
    BlockContent content = block_content(b, site_, *page_.org);
    for (const auto& t : content.tables) {
      if (t.empty()) {
        Paragraph p;
        p.size_pt = style_.size_pt;
        p.spans.push_back(Span{t.empty_text});
        out_.push_back(std::move(p));
        continue;
      }
      out_.push_back(caption(t.caption, style_));
      out_.push_back(table_blocks(t, style_));
    }
    for (const auto& c : content.charts)
      if (!c.empty()) out_.push_back(chart_block(c));
  }
};

Cell cell_of(const TableCell& c, double size_pt) {
  Cell cell;
  Paragraph p;
  p.size_pt = size_pt;
  p.first_indent_mm = 0;
  p.align = Align::left;
  std::string text = c.text;
  p.spans.push_back(Span{text, c.header, false,
                         c.link.starts_with("http") ? c.link : std::string()});
  cell.paras.push_back(std::move(p));
  if (c.style.find("num") != std::string::npos) cell.align = Align::right;
  cell.bold = c.header;
  return cell;
}

}  // namespace

std::vector<Block> markdown_blocks(const Page& page, const Site& site, const BodyStyle& style) {
  return MarkdownConverter(page, site, style).run();
}

Paragraph caption(const std::string& text, const BodyStyle& style) {
  Paragraph p;
  p.size_pt = style.table_size_pt + 1;
  p.align = Align::left;
  p.first_indent_mm = 0;
  p.space_before_pt = 6;
  p.space_after_pt = 3;
  p.keep_with_next = true;
  p.spans.push_back(Span{text, true});
  return p;
}

Table table_blocks(const TableData& t, const BodyStyle& style) {
  Table out;
  out.size_pt = style.table_size_pt;
  std::vector<Cell> header;
  for (const auto& c : t.columns) {
    Cell cell;
    Paragraph p;
    p.first_indent_mm = 0;
    p.spans.push_back(Span{c, true});
    cell.paras.push_back(std::move(p));
    cell.bold = true;
    cell.align = Align::center;
    header.push_back(std::move(cell));
  }
  out.header.push_back(std::move(header));
  auto add = [&](const TableRow& row) {
    std::vector<Cell> cells;
    if (row.stage) {
      Cell cell = cell_of(row.cells.front(), style.table_size_pt);
      cell.colspan = static_cast<int>(t.columns.size());
      cell.bold = true;
      cell.align = Align::center;
      cells.push_back(std::move(cell));
    } else {
      for (size_t i = 0; i < row.cells.size(); ++i) {
        Cell cell = cell_of(row.cells[i], style.table_size_pt);
        if (i < t.column_styles.size() && t.column_styles[i] == "num") cell.align = Align::right;
        cells.push_back(std::move(cell));
      }
    }
    out.rows.push_back(std::move(cells));
  };
  for (const auto& r : t.rows) add(r);
  for (const auto& r : t.footer) add(r);
  return out;
}

Chart chart_block(const ChartData& c) {
  Chart out;
  out.kind = Chart::bar;
  out.title = c.title;
  out.categories = c.categories;
  out.unit = c.unit;
  for (const auto& s : c.series) out.series.push_back(Series{s.name, s.values});
  return out;
}

std::string plain_text(const Document& doc) {
  std::string s = doc.title + "\n" + doc.author + "\n";
  auto spans = [&](const std::vector<Span>& v) {
    for (const auto& sp : v) s += sp.text;
    s += "\n";
  };
  auto paras = [&](const std::vector<Paragraph>& v) {
    for (const auto& p : v) spans(p.spans);
  };
  for (const auto& b : doc.blocks) {
    if (auto* p = std::get_if<Paragraph>(&b)) spans(p->spans);
    else if (auto* h = std::get_if<Heading>(&b)) spans(h->spans);
    else if (auto* t = std::get_if<Table>(&b)) {
      for (const auto* rows : {&t->header, &t->rows})
        for (const auto& row : *rows)
          for (const auto& c : row) paras(c.paras);
    } else if (auto* ts = std::get_if<TwoSided>(&b)) { spans(ts->left); spans(ts->right); }
    else if (auto* c = std::get_if<Corner>(&b)) paras(c->paras);
    else if (auto* st = std::get_if<Stamp>(&b)) for (const auto& l : st->lines) s += l + "\n";
    else if (auto* f = std::get_if<Footer>(&b)) spans(f->spans);
    else if (auto* ch = std::get_if<Chart>(&b)) {
      s += ch->title + "\n";
      for (const auto& c : ch->categories) s += c + "\n";
      for (const auto& se : ch->series) s += se.name + "\n";
    }
  }
  return s;
}

}  // namespace nastavnik::pdf

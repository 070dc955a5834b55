// libFuzzer target: PDF layout of random text. The input is split at 0x00 bytes into chunks; the
// first byte of a chunk picks the block (paragraph, heading, table cell, two-sided line, corner,
// footer, stamp, chart, page break) and its options, the rest (made valid UTF-8) is its text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/utf8.h"
#include "typeset/typeset.h"

using namespace nastavnik;
namespace ts = nastavnik::typeset;

namespace {

std::string valid_utf8(std::string_view s) {
  std::u32string cps = utf8::decode(s);  // invalid bytes → U+FFFD
  for (char32_t& c : cps)
    if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = 0xFFFD;
  return utf8::encode(cps);
}

ts::Align align_of(uint8_t b) { return static_cast<ts::Align>(b % 4); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16 * 1024) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  ts::Document doc;
  doc.toc = size % 2;
  ts::Table table;
  std::vector<ts::Cell> row;
  size_t start = 0;
  for (size_t i = 0; i <= in.size(); ++i) {
    if (i < in.size() && in[i] != '\0') continue;
    std::string_view chunk = in.substr(start, i - start);
    start = i + 1;
    if (chunk.empty()) continue;
    uint8_t op = static_cast<uint8_t>(chunk[0]);
    std::string text = valid_utf8(chunk.substr(1));
    ts::Span span{text, (op & 0x10) != 0, (op & 0x20) != 0, (op & 0x40) ? "https://example.ru/" : ""};
    switch (op % 10) {
      case 0: {
        ts::Paragraph p;
        p.spans = {span};
        p.align = align_of(op >> 4);
        p.size_pt = 8 + (op % 9);
        p.first_indent_mm = (op & 0x80) ? -10 : 12.5;
        p.label = (op & 0x08) ? "3.1." : "";
        doc.blocks.push_back(p);
        break;
      }
      case 1: {
        ts::Heading h;
        h.spans = {span};
        h.level = 1 + (op >> 4) % 3;
        doc.blocks.push_back(h);
        break;
      }
      case 2:
      case 3: {
        ts::Cell c;
        ts::Paragraph p;
        p.spans = {span};
        c.paras = {p};
        c.colspan = 1 + (op >> 6);
        row.push_back(c);
        if (op % 10 == 3 || row.size() >= 6) {
          if (table.header.empty()) table.header.push_back(row);
          else table.rows.push_back(row);
          row.clear();
        }
        break;
      }
      case 4: doc.blocks.push_back(ts::TwoSided{{span}, {ts::Span{"И.О. Фамилия"}}, 14}); break;
      case 5: {
        ts::Corner c;
        ts::Paragraph p;
        p.spans = {span};
        p.align = ts::Align::left;
        p.first_indent_mm = 0;
        c.paras = {p};
        c.width_mm = 20 + (op >> 2);
        doc.blocks.push_back(c);
        break;
      }
      case 6: doc.blocks.push_back(ts::Footer{{span}, 10}); break;
      case 7: doc.blocks.push_back(ts::Stamp{{"ДОКУМЕНТ ПОДПИСАН", text}, 85, 9, (op & 0x10) != 0}); break;
      case 8: {
        ts::Chart ch;
        ch.kind = (op & 0x10) ? ts::Chart::line : ts::Chart::bar;
        ch.title = text;
        for (size_t k = 0; k < text.size() % 7; ++k) ch.categories.push_back(std::to_string(2020 + k));
        ts::Series s{"ряд", {}};
        for (size_t k = 0; k < ch.categories.size(); ++k)
          s.values.push_back(k < text.size() ? static_cast<unsigned char>(text[k]) - 100.0 : 0.0);
        ch.series.push_back(s);
        doc.blocks.push_back(ch);
        break;
      }
      default: doc.blocks.push_back(ts::PageBreak{}); break;
    }
  }
  if (!row.empty()) table.rows.push_back(row);
  if (!table.header.empty() || !table.rows.empty()) doc.blocks.push_back(table);
  // libFuzzer calls this with no context to pass: the harness keeps one workspace for all inputs,
  // as a worker of the PDF renderer does for its organisations (fonts parsed once); the session is
  // the input's own.
  static ts::Resources resources;
  static ts::Workspace workspace(resources);
  try {
    ts::Session session(workspace);
    (void)ts::render(doc, &session);
  } catch (const std::runtime_error&) {
    // a documented failure (fonts, libharu): not a crash
  }
  return 0;
}

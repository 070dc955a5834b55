// Model → typeset blocks: Markdown bodies (official-document numbering of lists), data blocks,
// and the model's tables and charts.
#pragma once
#include <string>
#include <vector>

#include "model/model.h"
#include "model/tables.h"
#include "typeset/typeset.h"

namespace nastavnik::pdf {

struct BodyStyle {
  double size_pt = 14;
  double table_size_pt = 11;
  double first_indent_mm = 12.5;
  double line_spacing = 1.0;
  typeset::Align align = typeset::Align::justify;
  bool prikazyvayu_spaced = false;  // «п р и к а з ы в а ю:» at the end of the preamble
};

// The blocks of a page's Markdown body; `base_url` makes relative links absolute.
std::vector<typeset::Block> markdown_blocks(const Page& page, const Site& site, const BodyStyle& style);
typeset::Table table_blocks(const TableData& t, const BodyStyle& style);
typeset::Chart chart_block(const ChartData& c);
// A caption line above a table.
typeset::Paragraph caption(const std::string& text, const BodyStyle& style);
// All the text a document shows, for the personal-data gate.
std::string plain_text(const typeset::Document& doc);

}  // namespace nastavnik::pdf

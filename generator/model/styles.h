// Document styles (templates/documents/<type>.yaml): how each kind of document is laid out. Built-in
// defaults come from the tool's templates/, a site overrides them key by key with its own file of the
// same name. Every key is documented in docs/styles.md.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace nastavnik {

struct DocumentStyle {
  std::string file;  // the style file that set it last (for messages)
  // Page
  double page_width_mm = 210, page_height_mm = 297;  // A4
  double margin_left_mm = 30, margin_right_mm = 10, margin_top_mm = 20, margin_bottom_mm = 20;
  std::string page_numbers = "top";  // top (ГОСТ Р 7.0.97) | bottom | bottom-right | none
  bool number_first_page = false;     // ГОСТ: the first page carries no number
  // Fonts: absolute paths of TrueType files
  std::string font_regular, font_bold, font_italic, font_bold_italic;
  // Text
  double body_pt = 14, heading_pt = 14, table_pt = 11, small_pt = 10, requisites_pt = 14,
         doc_name_pt = 16;
  double line_spacing = 1.0, first_indent_mm = 12.5;
  std::string align = "justify";  // justify | left
  // Letterhead
  std::string header_layout = "centered";  // centered | corner
  double corner_width_mm = 80;
  std::vector<std::string> requisites = {"emblem", "parent", "organisation", "kind",
                                         "date_number", "place", "title"};
  std::string emblem;  // absolute path of a PNG/JPEG, "" = none
  double emblem_width_mm = 14, emblem_height_mm = 17;
  std::string date_format = "numeric";  // numeric «10.11.2021» | long «10 ноября 2021 г.»
  std::string prikazyvayu = "line";     // line «ПРИКАЗЫВАЮ:» | spaced «п р и к а з ы в а ю:» after the preamble
  std::string signature_layout = "two-sided";  // two-sided | stacked
  std::string gost;  // "" = the site's profile; "2016" | "2025"
  double qr_size_mm = 22;
};

struct Styles {
  std::map<std::string, DocumentStyle> documents;  // order, document, program, report, roadmap
  const DocumentStyle& document(const std::string& name) const;
};

// The names of the document styles, in the order of docs/styles.md.
const std::vector<std::string>& document_style_names();

}  // namespace nastavnik

// A thin layer over libxlsxwriter for the project's workbooks: tables with a caption row, a
// header row, typed cells, formulas with their computed values, charts, print set-up and fixed
// document properties (byte-identical output). libxlsxwriter itself is used only in workbook.cpp.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/text.h"
#include "model/workbook_styles.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace nastavnik::xlsx {

// The value of one cell: empty, text, number or a date (written as a real Excel date).
using Cell = std::variant<std::monostate, std::string, double, Date>;

// How a column shows its numbers: text (wrapped), integer, number, percent (0.0 %), date.
enum class Style { text, integer, number, percent, date };

struct ColumnSpec {
  std::string header;
  Style style = Style::text;
  double max_width = 40;  // the column fits its content, but is never wider than this (then wraps)
};

// Tables start at the top of a sheet: the caption in row 0, the header in row 1, data from row 2.
constexpr uint32_t kHeaderRow = 1;
constexpr uint32_t kFirstRow = 2;

// A rectangle of cells on a sheet, for charts.
struct Range {
  std::string sheet;
  uint32_t first_row = 0, last_row = 0;
  uint16_t first_col = 0, last_col = 0;
};

struct ChartSeries {
  std::string name;
  Range values;
};

struct ChartSpec {
  enum class Kind { column, bar, line };
  Kind kind = Kind::column;
  std::string title;
  Range categories;
  std::vector<ChartSeries> series;
  bool percent = false;  // values axis as percent
  uint32_t row = 0;      // where the chart's top-left corner stands
  uint16_t col = 0;
  double x_scale = 1.5, y_scale = 1.2;
};

// A cell address for formulas: (1, 2) → «C2» (row and column are 0-based, the row as shown is +1).
std::string cell_ref(uint32_t row, uint16_t col, bool absolute = false);
// 'Лист'!$A$3:$A$9 — a range of another sheet for formulas.
std::string range_ref(const std::string& sheet, uint32_t first_row, uint16_t first_col, uint32_t last_row,
                      uint16_t last_col);

// A sheet name Excel accepts: without []:*?/\' , at most 31 characters (cut with «…»), and not
// equal (case-insensitively) to one of `taken`.
std::string sheet_name(const std::string& wanted, const std::vector<std::string>& taken);

class Workbook;

class Sheet {
 public:
  const std::string& name() const { return name_; }
  // Starts the table: caption (row 0) and header (row 1).
  void table(const std::string& caption, std::vector<ColumnSpec> columns);
  // A data cell in the column's style (or in `style`); `total` makes it bold (rows «Итого»).
  void put(uint32_t row, uint16_t col, const Cell& value, bool total = false);
  void put(uint32_t row, uint16_t col, const Cell& value, Style style, bool total = false);
  // A formula with its computed value (viewers that do not recalculate show it); nullopt: the
  // formula gives an empty string.
  void formula(uint32_t row, uint16_t col, const std::string& f, std::optional<double> value, bool total = false);
  void formula(uint32_t row, uint16_t col, const std::string& f, std::optional<double> value, Style style,
               bool total = false);
  // Ends the table whose last data row is `last_row`: frozen header, autofilter, printing. (Rows
  // after it, such as «Итого», stay out of the filter.) Widths and row heights are set on close.
  void end_table(uint32_t last_row);
  // Fills cells of `col` that contain `text` in `color` (none: nothing to do).
  void highlight(uint16_t col, uint32_t first_row, uint32_t last_row, const std::string& text, Fill color);
  void chart(const ChartSpec& spec);

 private:
  friend class Workbook;
  Sheet(Workbook& book, lxw_worksheet* ws, std::string name) : book_(book), ws_(ws), name_(std::move(name)) {}
  void fit(uint16_t col, double width);
  void finish();  // column widths that fit, and row heights for wrapped text

  struct Wrapped {  // a wrapped text cell, for the row heights
    uint32_t row;
    uint16_t col;
    std::string text;
  };
  Style style_of(uint16_t col) const { return col < columns_.size() ? columns_[col].style : Style::text; }
  lxw_format* format_of(Style style, bool total, bool is_text) const;

  Workbook& book_;
  lxw_worksheet* ws_;
  std::string name_;
  std::vector<ColumnSpec> columns_;
  std::vector<double> widths_;
  std::vector<Wrapped> wrapped_;
  // stream_rows: the row being written and the lines of its tallest wrapped text.
  uint32_t stream_row_ = 0;
  int stream_lines_ = 1;
  bool streaming() const;
  double column_width(uint16_t col) const;  // the largest a column gets
};

struct BookInfo {
  std::string title;    // document title (properties) and the first line of the print header
  std::string company;  // the organisation
  Date created;         // build_date: fixed, so that two builds give the same bytes
  bool is_public = true;  // public workbooks collect their text for the privacy gate
  PrintSetup print;      // paper, orientation, header and footer of every sheet (workbook styles)
  Fill header_fill = 0xDDE4EE;  // of the header rows
  // Rows go to disk as they are written (libxlsxwriter's constant_memory: in row order, strings
  // inline): for a table too large to hold, such as the merged bases of thousands of schools.
  // Columns take their largest width at once and each row its height as it is written.
  bool stream_rows = false;
  std::string temp_dir;  // where the workbook's file is written before it is read back ("": the system's)
};

// The header or footer of a printed page in Excel's codes («&CСтраница &P из &N»): placeholders
// replaced, «&» of the text doubled, each part cut so that the whole fits Excel's 255 characters.
std::string header_footer_code(const HeaderFooter& hf, const BookInfo& info);

class Workbook {
 public:
  explicit Workbook(BookInfo info);
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // A new sheet; the name is made valid and unique (see sheet_name).
  Sheet& add_sheet(const std::string& name);
  // Writes the file and returns its bytes; nullopt and `error` (Russian) on failure. libxlsxwriter
  // writes the creation date with gmtime(), whose result lives in one buffer of the process: the
  // workbooks of all threads close under `library_lock` (found by ThreadSanitizer).
  std::optional<std::string> close(std::string& error, std::mutex& library_lock);
  // All text written (public workbooks only), for the privacy gate.
  const std::string& gate_text() const { return gate_; }

 private:
  friend class Sheet;
  enum class Fmt { caption, header, text, integer, number, percent, date };
  lxw_format* format(Fmt f, bool total);
  void remember(const std::string& text);
  void remember(const Cell& value);

  BookInfo info_;
  std::string path_;
  lxw_workbook* wb_ = nullptr;
  std::vector<std::unique_ptr<Sheet>> sheets_;
  std::vector<std::string> names_;
  std::vector<lxw_format*> formats_;  // Fmt × {normal, total}, made on first use
  std::string gate_;
  bool closed_ = false;
};

}  // namespace nastavnik::xlsx

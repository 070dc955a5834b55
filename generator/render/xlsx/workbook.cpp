#include "render/xlsx/workbook.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/utf8.h"

namespace fs = std::filesystem;

namespace nastavnik::xlsx {

namespace {

constexpr double kMinWidth = 6;
constexpr double kLineHeight = 15;  // points per line of 11-point text

// The temporary file that libxlsxwriter writes the workbook into: created here by mkstemps, under a
// name nobody can guess, readable only by us (0600), so that no other user of the temporary folder
// can put a file or a symbolic link in its place (a name made of the process id and a counter
// could be planted in advance). In `dir`, or the system's temporary folder; "" when it cannot be
// created.
std::string temp_path(const std::string& in) {
  std::error_code ec;
  fs::path dir = in.empty() ? fs::temp_directory_path(ec) : fs::path(in);
  if (ec) dir = "/tmp";
  std::string path = (dir / "nastavnik-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(path.data(), 5);
  if (fd < 0) return {};
  ::close(fd);
  return path;
}

// Width in characters that `s` needs: its longest line (or, for wrapped headers, its longest word).
double text_width(const std::string& s, bool words) {
  size_t best = 0, cur = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8::next(s, i);
    if (c == U'\n' || (words && c == U' ')) {
      best = std::max(best, cur);
      cur = 0;
    } else {
      ++cur;
    }
  }
  return static_cast<double>(std::max(best, cur));
}

// Lines that `s` takes in a wrapped cell `width` characters wide (greedy word wrap).
int wrapped_lines(const std::string& s, double width) {
  const auto w = static_cast<size_t>(std::max(width, 1.0));
  int lines = 0;
  size_t line = 0, word = 0;
  auto end_word = [&] {
    if (word == 0) return;
    if (line > 0 && line + 1 + word <= w) {
      line += 1 + word;
    } else {
      if (line > 0) ++lines;
      lines += static_cast<int>((word - 1) / w);  // a word wider than the cell breaks inside
      line = (word - 1) % w + 1;
    }
    word = 0;
  };
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8::next(s, i);
    if (c == U' ') {
      end_word();
    } else if (c == U'\n') {
      end_word();
      ++lines;
      line = 0;
    } else {
      ++word;
    }
  }
  end_word();
  return lines + 1;
}

double number_width(double v, Style style) {
  switch (style) {
    case Style::percent: return 7;
    case Style::date: return 10;
    default: return static_cast<double>(format_number(v, 3).size()) + 1;
  }
}

std::string column_letters(uint16_t col) {
  std::string s;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

}  // namespace

std::string cell_ref(uint32_t row, uint16_t col, bool absolute) {
  std::string d = absolute ? "$" : "";
  return d + column_letters(col) + d + std::to_string(row + 1);
}

std::string range_ref(const std::string& sheet, uint32_t first_row, uint16_t first_col, uint32_t last_row,
                      uint16_t last_col) {
  return "'" + sheet + "'!" + cell_ref(first_row, first_col, true) + ":" + cell_ref(last_row, last_col, true);
}

std::string sheet_name(const std::string& wanted, const std::vector<std::string>& taken) {
  constexpr size_t kMax = 31;
  std::u32string name;
  for (char32_t c : utf8::decode(wanted)) {
    if (std::u32string_view(U"[]:*?/\\'").find(c) != std::u32string_view::npos) continue;
    if (c < 0x20) c = U' ';
    if (c == U' ' && (name.empty() || name.back() == U' ')) continue;
    name += c;
  }
  while (!name.empty() && name.back() == U' ') name.pop_back();
  if (name.empty()) name = U"Лист";
  auto cut = [](std::u32string s, size_t n) {
    if (s.size() <= n) return s;
    s.resize(n - 1);
    while (!s.empty() && (s.back() == U' ' || s.back() == U',')) s.pop_back();
    return s + U"…";
  };
  auto is_taken = [&](const std::u32string& s) {
    std::string l = utf8::lower(utf8::encode(s));
    return std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return utf8::lower(t) == l; });
  };
  std::u32string result = cut(name, kMax);
  for (int n = 2; is_taken(result); ++n) {
    std::u32string suffix = utf8::decode(" (" + std::to_string(n) + ")");
    result = cut(name, kMax - suffix.size()) + suffix;
  }
  return utf8::encode(result);
}

std::string header_footer_code(const HeaderFooter& hf, const BookInfo& info) {
  // Excel takes at most 255 characters; each part gets a third of them, codes included.
  constexpr size_t kPart = 80;
  auto part = [&](const std::string& tmpl) {
    std::string out;
    size_t chars = 0;
    auto add = [&](const std::string& s, bool code) {
      if (code) {
        if (chars + 2 <= kPart) out += s, chars += 2;
        return;
      }
      for (size_t i = 0; i < s.size();) {
        size_t start = i;
        char32_t c = utf8::next(s, i);
        size_t n = c == U'&' ? 2 : 1;
        if (chars + n > kPart) return;
        out += c == U'&' ? std::string("&&") : s.substr(start, i - start);
        chars += n;
      }
    };
    for (size_t i = 0; i < tmpl.size();) {
      size_t open = tmpl.find('{', i), close = open == std::string::npos ? open : tmpl.find('}', open);
      if (close == std::string::npos) {
        add(tmpl.substr(i), false);
        break;
      }
      add(tmpl.substr(i, open - i), false);
      std::string name = tmpl.substr(open + 1, close - open - 1);
      if (name == "page") add("&P", true);
      else if (name == "pages") add("&N", true);
      else if (name == "sheet") add("&A", true);
      else if (name == "title") add(info.title, false);
      else if (name == "organisation") add(info.company, false);
      else if (name == "date") add(date_numeric(info.created), false);
      else add(tmpl.substr(open, close - open + 1), false);  // not a placeholder: as written
      i = close + 1;
    }
    return out;
  };
  std::string s;
  if (!hf.left.empty()) s += "&L" + part(hf.left);
  if (!hf.center.empty()) s += "&C" + part(hf.center);
  if (!hf.right.empty()) s += "&R" + part(hf.right);
  return s;
}

// ---- Workbook ----

Workbook::Workbook(BookInfo info) : info_(std::move(info)), path_(temp_path(info_.temp_dir)) {
  lxw_workbook_options opts{};
  opts.constant_memory = info_.stream_rows ? LXW_TRUE : LXW_FALSE;
  // libxlsxwriter's own temporary files (rows streamed to disk, parts of the ZIP) beside ours.
  opts.tmpdir = info_.temp_dir.empty() ? nullptr : info_.temp_dir.data();
  wb_ = path_.empty() ? nullptr : workbook_new_opt(path_.c_str(), &opts);
  if (!wb_) return;
  lxw_doc_properties props{};
  props.title = info_.title.data();
  props.company = info_.company.data();
  props.author = info_.company.data();
  props.created = static_cast<time_t>(days_from_civil(info_.created)) * 86400;
  workbook_set_properties(wb_, &props);
  remember(info_.title);
  remember(info_.company);
  formats_.assign(2 * (static_cast<size_t>(Fmt::date) + 1), nullptr);
}

Workbook::~Workbook() {
  // A workbook that was never closed (nothing to put in it, or an error) is freed without writing
  // its file: a department of 1,000 schools without monitoring data would write 1,000 empty files.
  if (wb_ && !closed_) lxw_workbook_free(wb_);
  std::error_code ec;
  if (!path_.empty()) fs::remove(path_, ec);
}

void Workbook::remember(const std::string& text) {
  if (!info_.is_public || text.empty()) return;
  gate_ += text;
  gate_ += '\n';
}

void Workbook::remember(const Cell& value) {
  if (const auto* s = std::get_if<std::string>(&value)) remember(*s);
}

lxw_format* Workbook::format(Fmt f, bool total) {
  size_t i = static_cast<size_t>(f) * 2 + (total ? 1 : 0);
  if (formats_[i]) return formats_[i];
  lxw_format* x = workbook_add_format(wb_);
  format_set_align(x, LXW_ALIGN_VERTICAL_TOP);
  switch (f) {
    case Fmt::caption:
      format_set_bold(x);
      format_set_font_size(x, 12);
      break;
    case Fmt::header:
      format_set_bold(x);
      format_set_text_wrap(x);
      if (info_.header_fill) format_set_bg_color(x, *info_.header_fill);
      format_set_border(x, LXW_BORDER_THIN);
      break;
    case Fmt::text: format_set_text_wrap(x); break;
    case Fmt::integer: format_set_num_format(x, "0"); break;
    case Fmt::number: format_set_num_format(x, "General"); break;
    case Fmt::percent: format_set_num_format(x, "0.0%"); break;
    case Fmt::date: format_set_num_format(x, "dd.mm.yyyy"); break;
  }
  if (f != Fmt::caption && f != Fmt::header) format_set_border(x, LXW_BORDER_HAIR);
  if (total) {
    format_set_bold(x);
    format_set_top(x, LXW_BORDER_THIN);
  }
  return formats_[i] = x;
}

Sheet& Workbook::add_sheet(const std::string& wanted) {
  std::string name = sheet_name(wanted, names_);
  lxw_worksheet* ws = wb_ ? workbook_add_worksheet(wb_, name.c_str()) : nullptr;
  names_.push_back(name);
  remember(name);
  sheets_.push_back(std::unique_ptr<Sheet>(new Sheet(*this, ws, name)));
  return *sheets_.back();
}

std::optional<std::string> Workbook::close(std::string& error, std::mutex& library_lock) {
  if (path_.empty()) {
    std::error_code ec;
    error = "не удалось создать временный файл в " +
            (info_.temp_dir.empty() ? fs::temp_directory_path(ec).string() : info_.temp_dir);
    return std::nullopt;
  }
  if (!wb_) {
    error = "libxlsxwriter не смог создать файл " + path_;
    return std::nullopt;
  }
  for (const auto& s : sheets_)
    if (!s->ws_) {
      error = "недопустимое имя листа «" + s->name_ + "»";
      return std::nullopt;
    }
  for (const auto& s : sheets_) s->finish();
  closed_ = true;
  lxw_error err;
  {
    std::lock_guard lock(library_lock);
    err = workbook_close(wb_);
  }
  wb_ = nullptr;
  if (err != LXW_NO_ERROR) {
    error = std::string("libxlsxwriter: ") + lxw_strerror(err);
    return std::nullopt;
  }
  std::ifstream in(path_, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) {
    error = "не удалось прочитать временный файл " + path_;
    return std::nullopt;
  }
  return bytes.str();
}

// ---- Sheet ----

void Sheet::table(const std::string& caption, std::vector<ColumnSpec> columns) {
  columns_ = std::move(columns);
  widths_.assign(columns_.size(), kMinWidth);
  if (!ws_) return;
  worksheet_write_string(ws_, 0, 0, caption.c_str(), book_.format(Workbook::Fmt::caption, false));
  book_.remember(caption);
  int header_lines = 1;
  for (size_t c = 0; c < columns_.size(); ++c) {
    const auto& h = columns_[c].header;
    worksheet_write_string(ws_, kHeaderRow, static_cast<lxw_col_t>(c), h.c_str(),
                           book_.format(Workbook::Fmt::header, false));
    book_.remember(h);
    fit(static_cast<uint16_t>(c), text_width(h, true));
    if (streaming()) {
      auto col = static_cast<uint16_t>(c);
      worksheet_set_column(ws_, col, col, column_width(col) + 2, nullptr);
      header_lines = std::max(header_lines, wrapped_lines(h, column_width(col)));
    } else {
      wrapped_.push_back({kHeaderRow, static_cast<uint16_t>(c), h});
    }
  }
  if (streaming() && header_lines > 1) worksheet_set_row(ws_, kHeaderRow, kLineHeight * header_lines, nullptr);
}

bool Sheet::streaming() const { return book_.info_.stream_rows; }

double Sheet::column_width(uint16_t col) const {
  return col < columns_.size() ? std::max(columns_[col].max_width, kMinWidth) : kMinWidth;
}

void Sheet::fit(uint16_t col, double width) {
  if (col < widths_.size()) widths_[col] = std::max(widths_[col], width);
}

lxw_format* Sheet::format_of(Style style, bool total, bool is_text) const {
  using F = Workbook::Fmt;
  if (is_text) return book_.format(F::text, total);
  switch (style) {
    case Style::integer: return book_.format(F::integer, total);
    case Style::percent: return book_.format(F::percent, total);
    case Style::date: return book_.format(F::date, total);
    case Style::number:
    case Style::text: return book_.format(F::number, total);
  }
  return nullptr;
}

void Sheet::put(uint32_t row, uint16_t col, const Cell& value, bool total) {
  put(row, col, value, style_of(col), total);
}

void Sheet::put(uint32_t row, uint16_t col, const Cell& value, Style style, bool total) {
  if (!ws_) return;
  if (const auto* s = std::get_if<std::string>(&value)) {
    if (s->empty()) return;
    worksheet_write_string(ws_, row, col, s->c_str(), format_of(style, total, true));
    book_.remember(*s);
    double width = text_width(*s, false);
    fit(col, width);
    if (streaming()) {  // the row's height now: it goes to disk when the next row starts
      if (row != stream_row_) stream_row_ = row, stream_lines_ = 1;
      int lines = wrapped_lines(*s, column_width(col));
      if (lines > stream_lines_) {
        stream_lines_ = lines;
        worksheet_set_row(ws_, row, kLineHeight * lines, nullptr);
      }
    } else if (width > kMinWidth || s->find('\n') != std::string::npos) {
      // A one-line text no wider than the narrowest column never wraps (finish): not kept.
      wrapped_.push_back({row, col, *s});
    }
  } else if (const auto* d = std::get_if<double>(&value)) {
    worksheet_write_number(ws_, row, col, *d, format_of(style, total, false));
    fit(col, number_width(*d, style));
  } else if (const auto* date = std::get_if<Date>(&value)) {
    lxw_datetime dt{date->year, date->month, date->day, 0, 0, 0};
    worksheet_write_datetime(ws_, row, col, &dt, book_.format(Workbook::Fmt::date, total));
    fit(col, 10);
  }
}

void Sheet::formula(uint32_t row, uint16_t col, const std::string& f, std::optional<double> value, bool total) {
  formula(row, col, f, value, style_of(col), total);
}

void Sheet::formula(uint32_t row, uint16_t col, const std::string& f, std::optional<double> value, Style style,
                    bool total) {
  if (!ws_) return;
  lxw_format* fmt = format_of(style, total, false);
  if (value) {
    worksheet_write_formula_num(ws_, row, col, f.c_str(), fmt, *value);
    fit(col, number_width(*value, style));
  } else {
    worksheet_write_formula_str(ws_, row, col, f.c_str(), fmt, "");
  }
}

void Sheet::end_table(uint32_t last_row) {
  if (!ws_) return;
  auto ncols = static_cast<lxw_col_t>(std::max<size_t>(columns_.size(), 1));
  worksheet_freeze_panes(ws_, kFirstRow, 0);
  worksheet_autofilter(ws_, kHeaderRow, 0, std::max(last_row, kHeaderRow), ncols - 1);
  const PrintSetup& p = book_.info_.print;
  worksheet_set_paper(ws_, p.paper == "A3" ? 8 : 9);
  if (p.landscape)
    worksheet_set_landscape(ws_);
  else
    worksheet_set_portrait(ws_);
  worksheet_set_margins(ws_, 0.6, 0.4, 0.8, 0.8);
  worksheet_repeat_rows(ws_, 0, kHeaderRow);
  if (p.fit_to_width) worksheet_fit_to_pages(ws_, 1, 0);
  std::string header = header_footer_code(p.header, book_.info_), footer = header_footer_code(p.footer, book_.info_);
  if (!header.empty()) worksheet_set_header(ws_, header.c_str());
  if (!footer.empty()) worksheet_set_footer(ws_, footer.c_str());
}

void Sheet::finish() {
  if (!ws_ || streaming()) return;  // widths and heights were set as the rows were written
  std::vector<double> widths(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    widths[c] = std::min(widths_[c], std::max(columns_[c].max_width, kMinWidth));
    worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c] + 2, nullptr);
  }
  // Viewers do not all fit the height of a row to its wrapped text: set it.
  std::map<uint32_t, int> lines;  // row → lines
  for (const auto& w : wrapped_)
    if (w.col < widths.size()) {
      int& n = lines[w.row];
      n = std::max(n, wrapped_lines(w.text, widths[w.col]));
    }
  for (const auto& [row, n] : lines)
    if (n > 1) worksheet_set_row(ws_, row, kLineHeight * n, nullptr);
}

void Sheet::highlight(uint16_t col, uint32_t first_row, uint32_t last_row, const std::string& text, Fill color) {
  if (!ws_ || last_row < first_row || !color) return;
  lxw_format* fill = workbook_add_format(book_.wb_);
  format_set_bg_color(fill, *color);
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_TEXT;
  cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING;
  std::string value = text;
  cf.value_string = value.data();
  cf.format = fill;
  worksheet_conditional_format_range(ws_, first_row, col, last_row, col, &cf);
}

void Sheet::chart(const ChartSpec& spec) {
  if (!ws_ || spec.series.empty()) return;
  uint8_t type = spec.kind == ChartSpec::Kind::line  ? LXW_CHART_LINE
                 : spec.kind == ChartSpec::Kind::bar ? LXW_CHART_BAR
                                                     : LXW_CHART_COLUMN;
  lxw_chart* ch = workbook_add_chart(book_.wb_, type);
  chart_title_set_name(ch, spec.title.c_str());
  book_.remember(spec.title);
  const Range& c = spec.categories;
  for (const auto& s : spec.series) {
    lxw_chart_series* x = chart_add_series(ch, nullptr, nullptr);
    chart_series_set_categories(x, c.sheet.c_str(), c.first_row, c.first_col, c.last_row, c.last_col);
    const Range& v = s.values;
    chart_series_set_values(x, v.sheet.c_str(), v.first_row, v.first_col, v.last_row, v.last_col);
    chart_series_set_name(x, s.name.c_str());
    if (spec.kind == ChartSpec::Kind::line) chart_series_set_marker_type(x, LXW_CHART_MARKER_AUTOMATIC);
    book_.remember(s.name);
  }
  lxw_chart_axis* values_axis = spec.kind == ChartSpec::Kind::bar ? ch->x_axis : ch->y_axis;
  if (spec.percent) chart_axis_set_num_format(values_axis, "0%");
  chart_legend_set_position(ch, spec.series.size() > 1 ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE);
  lxw_chart_options o{};
  o.x_scale = spec.x_scale;
  o.y_scale = spec.y_scale;
  std::string description = spec.title;
  o.description = description.data();
  worksheet_insert_chart_opt(ws_, spec.row, spec.col, ch, &o);
}

}  // namespace nastavnik::xlsx

// Typesetting engine: a small model-independent document IR laid out into PDF with libharu.
//
// The caller builds a Document (paragraphs, headings, tables, charts, ...) and calls render().
// Layout is done here (line breaking with Russian hyphenation, justification, page breaking,
// tables with repeated headers, ...); libharu only draws the result. The output is reproducible:
// rendering the same Document twice gives byte-identical PDFs. render() may run on several threads
// at once, each in its own Session and Workspace (the Resources may be shared).
//
// Units: sizes in the IR are in millimetres (…_mm) or points (…_pt); Result boxes are PDF points
// with the origin at the bottom-left corner of the page.
#pragma once

#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nastavnik::typeset {

// Not used by blocks directly (the Document has one font family); kept for callers that need to
// describe a text style.
struct Style {
  std::string family = "serif";
  double size_pt = 14;
  bool bold = false, italic = false;
};

// A run of text. Whitespace separates words; U+00A0 (and U+202F) join words without a break and
// render as a space; U+00AD marks an extra hyphenation point; '\n' forces a line break.
struct Span {
  std::string text = {};
  bool bold = false, italic = false;
  std::string link = {};  // URL: the text becomes a clickable link annotation
};

enum class Align { left, center, right, justify };

struct Paragraph {
  std::vector<Span> spans = {};
  Align align = Align::justify;
  double size_pt = 14;
  double first_indent_mm = 12.5;  // relative to left_indent_mm; may be negative (hanging)
  double left_indent_mm = 0;
  double space_before_pt = 0, space_after_pt = 0;
  double line_spacing = 1.0;  // multiple of 1.15 * size
  bool keep_with_next = false;
  // List label («3.1.», «•») drawn at the start of the first line (at left + first indent); the
  // first line's text follows it after max(label width + a space, label_width_mm).
  std::string label = {};
  double label_width_mm = 0;
  bool hyphenate = true;
};

struct Heading {
  std::vector<Span> spans = {};  // drawn bold
  int level = 1;
  Align align = Align::center;
  bool bookmark = true;  // outline entry
  double size_pt = 14;
  double space_before_pt = 12, space_after_pt = 6;
};

// Inside a table, a cell paragraph's size_pt, first_indent_mm and align are replaced by the
// table's size_pt, 0 and the cell's align; header cells are bold and centred.
struct Cell {
  std::vector<Paragraph> paras = {};
  int colspan = 1;
  bool bold = false;
  Align align = Align::left;
};

// A body row with a single cell whose colspan equals the column count is a spanning row (e.g. a
// roadmap stage title): shaded, kept with the next row.
struct Table {
  std::vector<std::vector<Cell>> header = {};  // repeated on every page
  std::vector<std::vector<Cell>> rows = {};
  std::vector<double> col_weights = {};  // empty = widths from content
  double size_pt = 11;
};

struct PageBreak {};

// One line: left part at the left margin, right part flush right on the same baseline. A long left
// part wraps; the right part then sits on the baseline of its last line (signature convention).
struct TwoSided {
  std::vector<Span> left = {}, right = {};
  double size_pt = 14;
};

// A block flush with the right margin (УТВЕРЖДЕНО / Приложение 1 к приказу …); its paragraphs are
// laid out inside width_mm (use align left and first_indent_mm 0 for the usual look).
struct Corner {
  std::vector<Paragraph> paras = {};
  double width_mm = 80;
  Align side = Align::right;  // right: flush with the right margin; left: the corner letterhead
};

// PNG or JPEG (by the file's extension).
struct Image {
  std::string png_path = {};
  double width_mm = 0, height_mm = 0;
  Align align = Align::center;
  double column_mm = 0;  // > 0: aligned within a column of this width at the left margin
};

// Drawn as vector squares at the bottom right of page 1 wherever it occurs in the blocks; the flow
// on page 1 keeps clear of it.
struct QrCode {
  std::string text = {};
  double size_mm = 25;
};

// An electronic-signature stamp: a rounded blue frame with the lines (the first one bold and
// centred). When it directly follows a TwoSided and fits between its two parts, it is drawn there
// (between position and name, the line centred on the stamp); otherwise below, flush right.
struct Stamp {
  std::vector<std::string> lines = {};
  double width_mm = 85;
  double size_pt = 9;
  bool beside_signature = true;
};

// Placed at the bottom of the page where the flow is when it occurs (отметка об исполнителе on the
// last page of an order, before its appendices); a new page when there is no room.
struct Footer {
  std::vector<Span> spans = {};
  double size_pt = 10;
};

struct Series {
  std::string name = {};
  std::vector<double> values = {};  // NaN = missing
};

// Vector chart the width of the text: axes, bars (grouped per category) or lines with markers, the
// value at each bar/point with a decimal comma, a legend.
struct Chart {
  enum Kind { bar, line } kind = bar;
  std::string title = {};
  std::vector<std::string> categories = {};
  std::vector<Series> series = {};
  std::string unit = {};  // shown above the value axis
  double height_mm = 70;
};

using Block = std::variant<Paragraph, Heading, Table, PageBreak, TwoSided, Corner, Image, QrCode,
                           Stamp, Footer, Chart>;

struct PageSetup {
  double width_mm = 210, height_mm = 297;
  double left_mm = 30, right_mm = 10, top_mm = 20, bottom_mm = 20;
  bool page_numbers = true;
  bool numbers_from_page_2 = true;  // ГОСТ Р 7.0.97: no number on the first page
  // Where the number stands, always >= 10 mm from the edge: centred in the top margin (ГОСТ),
  // centred in the bottom margin, or at the right of the bottom margin.
  enum class NumberPosition { top, bottom, bottom_right } number_position = NumberPosition::top;
};

std::string default_font_dir();  // NASTAVNIK_FONT_DIR + "/paratype"

// TrueType files (PT Serif from fonts-paratype by default). Empty bold/italic/bold_italic fall back
// to the nearest available face.
struct Fonts {
  std::string regular = default_font_dir() + "/PTF55F.ttf";
  std::string bold = default_font_dir() + "/PTF75F.ttf";
  std::string italic = default_font_dir() + "/PTF56F.ttf";
  std::string bold_italic = default_font_dir() + "/PTF76F.ttf";
};

struct Document {
  PageSetup page;
  Fonts fonts;
  std::vector<Block> blocks = {};
  std::string title = {}, author = {}, subject = {}, keywords = {};
  bool toc = false;  // table of contents after the first heading when the doc has > 3 pages
};

// A placed element, for geometry tests. kind: line, label, heading, toc, header, cell,
// twosided-left, twosided-right, corner, image, qr, stamp, footer, chart, page-number.
struct Box {
  int page = 0;  // 0-based
  double x = 0, y = 0, w = 0, h = 0;
  std::string text = {};
  std::string kind = {};
};

struct Result {
  std::string pdf = {};  // the bytes
  int pages = 0;
  std::vector<Box> boxes = {};
};

namespace detail {
struct ResourcesState;
struct WorkspaceState;
struct SessionState;
}  // namespace detail

// What the documents of one build share, on any number of threads at once (thread-safe): the font
// files (which ones open, and the bytes of the embedded ones: libharu reads them from memory) and
// the compressed font programs and images by their bytes (the same subset of a face recurs in many
// documents). Created by the caller (the PDF renderer: one per build) and outlives the workspaces
// made with it. Nothing in it changes a document's bytes.
class Resources {
 public:
  Resources();
  ~Resources();
  Resources(const Resources&) = delete;
  Resources& operator=(const Resources&) = delete;
  detail::ResourcesState& state() { return *state_; }

 private:
  std::unique_ptr<detail::ResourcesState> state_;
};

// What a worker keeps from one document to the next, also across sessions: libharu's document
// objects with the font files already parsed (HPDF_NewDoc keeps parsed fonts for the next
// document), the buffer libharu saves into and the compressor. Used by one thread at a time (it may
// go from one thread to another between sessions); the PDF renderer keeps one per organisation
// rendered at once. Not thread-safe.
class Workspace {
 public:
  explicit Workspace(Resources& resources);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  detail::WorkspaceState& state() { return *state_; }

 private:
  std::unique_ptr<detail::WorkspaceState> state_;
};

// Documents rendered one after another on one thread (an organisation's documents and its section
// PDF, which holds them all), in a workspace. The session keeps line breaks of paragraphs by text,
// fonts and measures (the section PDF sets the same paragraphs at the same widths, a document with a
// table of contents is laid out again until its page numbers settle). A document's bytes do not
// depend on the session, the workspace or the resources, nor on what was rendered before in them
// (unit tests). Not thread-safe.
class Session {
 public:
  // With resources and a workspace of its own, freed with the session (tests, tools, one document).
  Session();
  // In `workspace` (and its resources), which outlives the session and is used by nothing else
  // meanwhile.
  explicit Session(Workspace& workspace);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  detail::SessionState& state() { return *state_; }
  Workspace& workspace() { return *workspace_; }

 private:
  std::unique_ptr<Resources> own_resources_;
  std::unique_ptr<Workspace> own_workspace_;
  Workspace* workspace_;
  std::unique_ptr<detail::SessionState> state_;
};

// Throws std::runtime_error when a font or image cannot be loaded or libharu fails. Without a
// session, in a Session of its own (nothing kept from one call to the next).
Result render(const Document& doc, Session* session = nullptr);

// Russian hyphenation with libhyphen patterns (the dictionary's charset is read from its first
// line). Immutable after construction; points() may be called from several threads.
class Hyphenator {
 public:
  explicit Hyphenator(const std::string& dict_path);  // throws std::runtime_error
  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;

  // Allowed break positions in code points (a break before word[i]), ascending. Only letter runs of
  // the dictionary's alphabet are hyphenated, never within 2 characters of either end of a run.
  std::vector<size_t> points(std::string_view word_utf8) const;

  // The dictionary at NASTAVNIK_HYPHEN_DICT; nullptr when it is missing. Resources load it once for
  // all the documents of a build.
  static std::unique_ptr<const Hyphenator> load_default();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nastavnik::typeset

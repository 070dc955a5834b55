// Internal parts of the typesetting engine: fonts and metrics, the display list, line breaking.
#pragma once

#include <hpdf.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "typeset/typeset.h"

namespace nastavnik::typeset::detail {

constexpr double kPtPerMm = 72.0 / 25.4;
inline double mm(double v) { return v * kPtPerMm; }

enum FontId { kRegular = 0, kBold = 1, kItalic = 2, kBoldItalic = 3 };
inline int font_id(bool bold, bool italic) { return (bold ? 1 : 0) + (italic ? 2 : 0); }

// Collects libharu errors of one document (passed as the error handler's user data).
struct HpdfError {
  HPDF_STATUS code = 0;
  HPDF_STATUS detail = 0;
};

// The document's fonts, loaded lazily (a face that is never used is never embedded), with cached
// text widths measured by HPDF_Font_TextWidth.
class FontSet {
 public:
  FontSet(HPDF_Doc pdf, const Fonts& files, HpdfError* err);
  HPDF_Font font(int id);
  // Width in points of a UTF-8 string (no line breaks) at the given size.
  double width(int id, std::string_view text, double size);
  double space(int id, double size) { return width(id, " ", size); }
  // Ascent and descent (positive) as fractions of the size, from the regular face.
  double ascent();
  double descent();

 private:
  HPDF_Doc pdf_;
  std::array<std::string, 4> files_;
  std::array<HPDF_Font, 4> fonts_{};
  // Advance widths per 1 pt by code point: a string's width is the sum of its characters' (CID
  // TrueType fonts have no kerning in libharu), so each character is asked of libharu once per
  // document instead of every word and fragment (HPDF_TTFontDef_GetGlyphid searches linearly).
  std::array<std::unordered_map<char32_t, double>, 4> char_width_;
  std::array<std::array<double, 0x500>, 4> fast_{};  // Latin and Cyrillic; < 0 = not asked yet
  double char_width(int id, char32_t c);
  HpdfError* err_;
};

struct Color {
  double r = 0, g = 0, b = 0;
  bool operator==(const Color&) const = default;
};

struct TextOp {
  double x, y;
  int font;
  double size;
  std::string text;
  Color color;
};
struct LineOp {
  double x1, y1, x2, y2, width;
  Color color;
};
struct RectOp {
  double x, y, w, h;
  std::optional<Color> fill, stroke;
  double line_width = 0.5;
  double radius = 0;
};
struct PolylineOp {
  std::vector<std::pair<double, double>> pts;
  double width;
  Color color;
};
struct CircleOp {
  double x, y, r;
  Color fill;
};
struct ImageOp {
  std::string path;
  double x, y, w, h;
};
struct LinkOp {
  double x, y, w, h;
  std::string uri;     // external link, or
  int dest_page = -1;  // internal destination
  double dest_y = 0;
};
using Op = std::variant<TextOp, LineOp, RectOp, PolylineOp, CircleOp, ImageOp, LinkOp>;

struct PageOps {
  std::vector<Op> ops;
};

struct OutlineEntry {
  std::string title;
  int level;
  int page;
  double y;  // top of the heading
};

// ---- line breaking ----

struct Run {
  int font;
  std::string text;  // UTF-8, NBSP already replaced by a space
  int link = -1;     // index into the paragraph's links
  double width = 0;
};

struct PlacedWord {
  double x;  // relative to the line start
  std::vector<Run> runs;
  double width;
};

struct Line {
  std::vector<PlacedWord> words;
  double indent = 0;  // offset of the line start from the paragraph's left edge
  double width = 0;   // drawn width (from the first word's start to the last word's end)
  bool last = false;  // last line of the paragraph or before a forced break
  std::string text() const;
};

struct BreakParams {
  double size = 14;
  double first_width = 0, rest_width = 0;  // available widths
  double first_indent = 0, rest_indent = 0;
  Align align = Align::justify;
  bool hyphenate = true;
  bool base_bold = false, base_italic = false;
};

class LineBreaker {
 public:
  LineBreaker(FontSet& fonts, const Hyphenator* hyph) : fonts_(fonts), hyph_(hyph) {}
  std::vector<Line> break_lines(const std::vector<Span>& spans, const BreakParams& p,
                                std::vector<std::string>* links);
  // Widths used for automatic table column widths.
  double longest_word(const std::vector<Span>& spans, double size, bool bold);
  double natural_width(const std::vector<Span>& spans, double size, bool bold);
  FontSet& fonts() { return fonts_; }

 private:
  FontSet& fonts_;
  const Hyphenator* hyph_;
  std::unordered_map<std::string, std::vector<size_t>> hyph_cache_;
};

std::string plain_text(const std::vector<Span>& spans);
std::string format_number(double v);  // decimal comma

}  // namespace nastavnik::typeset::detail

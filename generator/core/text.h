// Russian text conventions: dates, numbers, sizes, typography, slugs and escaping.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace nastavnik {

struct Date {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const Date&) const = default;
  bool valid() const { return year > 0; }
};

// "2021-11-10" → Date; nullopt for anything else (including 2021-02-30).
std::optional<Date> parse_iso_date(std::string_view s);
std::string iso(Date d);                 // 2021-11-10
std::string date_long(Date d);           // «10 ноября 2021 г.» (with non-breaking spaces)
std::string date_numeric(Date d);        // «10.11.2021»
std::string month_year(Date d);          // «ноябрь 2021 г.»
// Days since 1970-01-01 (for ages, SOURCE_DATE_EPOCH).
long days_from_civil(Date d);
Date civil_from_days(long days);

// 42.8 → «42,8»; integers without a fraction; at most `digits` decimals, trailing zeros dropped.
std::string format_number(double v, int digits = 1);
// 245760 → «240 КБ»; 3.4 MB → «3,4 МБ»
std::string format_size(unsigned long long bytes);
// Russian plural: plural(3, "страница", "страницы", "страниц") → «страницы».
const char* plural(long n, const char* one, const char* few, const char* many);

// Russian typography for plain text (not HTML): «ёлочки» for straight quotes (nested „лапки“),
// a dash for a hyphen between spaces, non-breaking spaces after №, short prepositions and
// conjunctions, between initials and a surname, and before units (%, г., руб.).
std::string typograph(std::string_view text);
// The same for a text known to be UTF-8, which is not checked again: the text nodes of a page's
// Markdown (a page is checked when it is read, and cmark-gfm keeps its characters whole). Bytes
// that are not UTF-8 would go out as they came and could mislead the rules, with no undefined
// behaviour.
std::string typograph_utf8(std::string_view valid_utf8);

// A slug is lower-case ASCII letters, digits and '-', not starting or ending with '-'.
bool is_valid_slug(std::string_view s);

// Escapes & < > " ' for HTML text and attributes.
// html_escape(s) appended to out; the Mustache engine writes an apostrophe as &apos; (as kainjow).
void append_html_escaped(std::string& out, std::string_view s, const char* apostrophe = "&#39;");
std::string html_escape(std::string_view s);
// Appends s as a JSON string literal, the bytes nlohmann::json(s).dump() writes: '"', '\\' and
// control characters escaped (\b \f \n \r \t, the rest \u00xx), UTF-8 as it is; bytes that are
// not UTF-8 become U+FFFD (nlohmann's replace handler).
void append_json_string(std::string& out, std::string_view s);
// Escapes for XML 1.0 (sitemap, Atom): like html_escape, and drops characters XML forbids.
std::string xml_escape(std::string_view s);
// xml_escape(s) appended to out.
void append_xml_escaped(std::string& out, std::string_view s);

// The first place at or after `from` where `needle` (2 bytes or more) lies in `text`, or npos, as
// std::string_view::find: 16 places a step (SSE2) where the needle's first and last bytes both
// stand, each then compared whole. For tags in HTML, where '<' comes every few bytes and memchr
// or glibc's memmem spent a tenth of the search index's time.
size_t find_text(std::string_view text, std::string_view needle, size_t from = 0);

// The first place at or after `from` whose byte is one of Bytes, or text.size(): 16 bytes a step
// (SSE2). For scanners whose text is long runs between a few bytes that matter (escaping: & < > " ';
// typography: quotes, dashes, spaces), which looked at every byte in turn.
template <char... Bytes>
size_t find_byte_of(std::string_view text, size_t from) {
  const char* const t = text.data();
  const size_t n = text.size();
  size_t i = from;
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + i));
    __m128i hit = _mm_setzero_si128();
    ((hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(Bytes)))), ...);
    if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit))) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < n; ++i)
    if (((t[i] == Bytes) || ...)) return i;
  return n;
}

// Trims ASCII white space at both ends.
std::string_view trim(std::string_view s);
bool starts_with_ci_ascii(std::string_view s, std::string_view prefix);

// Lines and columns of byte offsets in one text, as diagnostics count them: lines from 1, columns
// in characters from 1 (a byte that is not UTF-8 counts as one character). Offsets asked in
// increasing order cost one pass over the text in all (a long line — a minified JSON file — no
// longer costs a count from its start for every value); an earlier offset starts over.
class TextPositions {
 public:
  explicit TextPositions(std::string_view text);
  struct LineCol {
    int line, col;
  };
  // The position of the byte at `offset` (past the end: the end).
  LineCol at(size_t offset);
  // The column in characters of byte column `byte_col` (from 1) of line `line` (from 1); byte_col
  // itself when the text has no such line or byte_col < 1.
  int column(int line, int byte_col);

 private:
  void restart() { line_ = 1, line_start_ = 0, scanned_ = 0, chars_ = 0; }
  void advance(size_t to);  // over whole characters, not past `to`
  std::string_view text_;
  bool valid_;  // the text is UTF-8: characters are counted without decoding
  size_t line_ = 1, line_start_ = 0, scanned_ = 0, chars_ = 0;  // chars_: in [line_start_, scanned_)
};

}  // namespace nastavnik

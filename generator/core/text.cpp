#include "core/text.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/utf8.h"

namespace nastavnik {

namespace {
constexpr std::array<const char*, 12> kMonthsGenitive = {
    "января", "февраля", "марта",    "апреля",  "мая",     "июня",
    "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
constexpr std::array<const char*, 12> kMonthsNominative = {
    "январь", "февраль", "март",     "апрель",  "май",    "июнь",
    "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};
const std::string kNbsp = "\u00A0";

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}
}  // namespace

std::optional<Date> parse_iso_date(std::string_view s) {
  s = trim(s);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t from, size_t n, int& out) {
    out = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  Date d;
  if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day)) return std::nullopt;
  if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > days_in_month(d.year, d.month))
    return std::nullopt;
  return d;
}

std::string iso(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}
std::string date_long(Date d) {
  return std::to_string(d.day) + kNbsp + kMonthsGenitive[d.month - 1] + " " +
         std::to_string(d.year) + kNbsp + "г.";
}
std::string date_numeric(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", d.day, d.month, d.year);
  return buf;
}
std::string month_year(Date d) {
  return std::string(kMonthsNominative[d.month - 1]) + " " + std::to_string(d.year) + kNbsp + "г.";
}

long days_from_civil(Date dt) {
  long y = dt.year;
  unsigned m = dt.month, d = dt.day;
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}
Date civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

std::string format_number(double v, int digits) {
  if (!std::isfinite(v)) return "—";
  char buf[400];  // "%.*f" as printf writes it (to_chars: the same digits, a tenth of the time)
  const auto done = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, digits);
  if (done.ec != std::errc()) std::snprintf(buf, sizeof buf, "%.*f", digits, v);  // too long: cut, as before
  std::string s = done.ec == std::errc() ? std::string(buf, done.ptr) : std::string(buf);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  for (char& c : s)
    if (c == '.') c = ',';
  // Thousands separated by a thin non-breaking space for numbers of 5+ digits.
  size_t end = s.find(',');
  if (end == std::string::npos) end = s.size();
  size_t begin = s[0] == '-' ? 1 : 0;
  if (end - begin > 4) {
    std::string out = s.substr(0, begin);
    for (size_t i = begin; i < end; ++i) {
      out += s[i];
      size_t left = end - i - 1;
      if (left > 0 && left % 3 == 0) out += "\u202F";
    }
    s = out + s.substr(end);
  }
  return s;
}

std::string format_size(unsigned long long bytes) {
  if (bytes < 1024) return std::to_string(bytes) + kNbsp + "Б";
  double kb = bytes / 1024.0;
  if (kb < 1024) return format_number(kb < 10 ? kb : std::round(kb), kb < 10 ? 1 : 0) + kNbsp + "КБ";
  double mb = kb / 1024.0;
  return format_number(mb, 1) + kNbsp + "МБ";
}

const char* plural(long n, const char* one, const char* few, const char* many) {
  n = std::labs(n);
  long n10 = n % 10, n100 = n % 100;
  if (n10 == 1 && n100 != 11) return one;
  if (n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14)) return few;
  return many;
}

namespace {
bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n'; }
bool is_word_char(char32_t c) { return utf8::is_letter(c) || (c >= '0' && c <= '9'); }

// One- and two-letter words after which a line must not break, and «и», «а» etc.; a and b are the
// word's code points (b = 0 for a one-letter word), in any case.
bool is_short_word(char32_t a, char32_t b) {
  static constexpr char32_t kWords[][2] = {
      {U'в', 0},    {U'в', U'о'}, {U'к', 0},    {U'к', U'о'}, {U'с', 0},    {U'с', U'о'}, {U'о', 0},
      {U'о', U'б'}, {U'у', 0},    {U'и', 0},    {U'а', 0},    {U'н', U'о'}, {U'н', U'а'}, {U'з', U'а'},
      {U'и', U'з'}, {U'о', U'т'}, {U'д', U'о'}, {U'п', U'о'}, {U'н', U'е'}, {U'н', U'и'}, {U'ж', U'е'},
      {U'л', U'и'}, {U'б', U'ы'}, {U'д', U'а'}, {U'т', U'о'}, {U'я', 0},    {U'м', U'ы'}, {U'о', U'н'},
      {U'и', U'х'}, {U'е', U'ё'}};
  a = utf8::to_lower(a);
  b = b ? utf8::to_lower(b) : 0;
  for (const auto& k : kWords)
    if (k[0] == a && k[1] == b) return true;
  return false;
}

// The k-th character after the one at byte i (k = 1: the next), or ' ' past the end; decodes
// forward from i (the rules look at most four characters ahead, and only at spaces and dashes).
char32_t ahead(std::string_view s, size_t i, int k) {
  utf8::next(s, i);
  char32_t c = U' ';
  for (int n = 0; n < k; ++n) {
    if (i >= s.size()) return U' ';
    c = utf8::next(s, i);
  }
  return c;
}
bool has_ahead(std::string_view s, size_t i, int k) {  // whether the k-th next character exists
  utf8::next(s, i);
  for (int n = 0; n < k; ++n) {
    if (i >= s.size()) return false;
    utf8::next(s, i);
  }
  return true;
}

// The output of typograph() as it grows: the bytes written, then the input's bytes from `from` on
// that go out as they came in (copied only when something else is written, or at the end).
struct TypoOut {
  explicit TypoOut(std::string_view text) : src(text) {}
  std::string_view src;  // valid UTF-8
  size_t from = 0;
  std::string bytes;

  // The last three characters written before the input's byte `at` (p[0] the last) and how many
  // of them there are (fewer at the start of the text): all the rules look back at. They are read
  // backwards, from the input's unchanged run and then from the bytes written.
  struct Last {
    char32_t p[3] = {0, 0, 0};
    int count = 0;
  };
  Last last(size_t at) const {
    Last l;
    auto back = [&l](std::string_view s, size_t lo, size_t& i) {
      while (l.count < 3 && i > lo) {
        size_t j = i - 1;
        while (j > lo && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
        size_t k = j;
        l.p[l.count++] = utf8::next(s, k);
        i = j;
      }
    };
    size_t i = at;
    back(src, from, i);
    size_t b = bytes.size();
    back(bytes, 0, b);
    return l;
  }
  // c goes out instead of the input's bytes [at, resume).
  void instead(char32_t c, size_t at, size_t resume) {
    flush(at);
    utf8::append(bytes, c);
    from = resume;
  }
  // Replaces the last character written, a space (one byte) before `at`, with c.
  void replace_space(char32_t c, size_t at) {
    flush(at);
    bytes.pop_back();
    utf8::append(bytes, c);
  }
  std::string finish() {
    flush(src.size());
    return std::move(bytes);
  }

 private:
  void flush(size_t to) {
    bytes.append(src.data() + from, to - from);
    from = to;
  }
};

// Whether the three characters before `at` in s[lo, at) are letters (ASCII, А–я, Ё, ё): no rule
// acts at a space after them (a short word has one or two letters; the other rules follow «.»,
// digits, «№» and «§»). Most spaces of a text end such a word.
bool letters_before(std::string_view s, size_t lo, size_t at) {
  for (int k = 0; k < 3; ++k) {
    if (at <= lo) return false;
    const auto b = static_cast<unsigned char>(s[at - 1]);
    if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
      --at;
      continue;
    }
    if (at - lo < 2) return false;
    const auto a = static_cast<unsigned char>(s[at - 2]);
    if (!((a == 0xD0 && ((b >= 0x90 && b <= 0xBF) || b == 0x81)) || (a == 0xD1 && ((b >= 0x80 && b <= 0x8F) || b == 0x91))))
      return false;
    at -= 2;
  }
  return true;
}

// The text with each byte that is not UTF-8 as U+FFFD (as utf8::next reads it).
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size();) utf8::append(out, utf8::next(text, i));
  return out;
}
}  // namespace

// The rules act only at straight quotes, «ёлочки», hyphens, en dashes and spaces: the text between
// them goes out as it is, found 16 bytes a step (find_byte_of), and what a rule needs of the text
// before (the last three characters, the word they end) is read back from the output. It walked
// every word and kept that state up to date: a tenth of an HTML build.
std::string typograph(std::string_view text) {
  return utf8::first_invalid(text) ? typograph_utf8(valid_utf8(text)) : typograph_utf8(text);
}

std::string typograph_utf8(std::string_view text) {
  TypoOut out(text);
  out.bytes.reserve(text.size() + 16);
  int quote_depth = 0;
  // '"', '-', ' ', and the lead bytes of «, » (C2 AB, C2 BB) and – (E2 80 93).
  for (size_t i = find_byte_of<'"', '-', ' ', '\xC2', '\xE2'>(text, 0); i < text.size();
       i = find_byte_of<'"', '-', ' ', '\xC2', '\xE2'>(text, i)) {
    const size_t at = i;
    const char32_t c = utf8::next(text, i);
    if (c != U'"' && c != U'«' && c != U'»' && c != U'-' && c != U'–' && c != U' ') continue;
    if (c == U' ' && letters_before(text, out.from, at)) continue;
    const TypoOut::Last before = out.last(at);
    const char32_t prev = before.count == 0 ? U' ' : before.p[0];
    if (c == U'"') {
      bool opening = is_space(prev) || prev == U'(' || prev == U'«' || prev == U'„' ||
                     prev == U'\u00A0' || prev == U'[' || before.count == 0 || prev == U'—';
      if (opening) {
        out.instead(quote_depth == 0 ? U'«' : U'„', at, i);
        ++quote_depth;
      } else {
        if (quote_depth > 0) --quote_depth;
        out.instead(quote_depth == 0 ? U'»' : U'“', at, i);
      }
      continue;
    }
    if (c == U'«') ++quote_depth;
    if (c == U'»' && quote_depth > 0) --quote_depth;
    // " - " and " -- " between words → non-breaking space + em dash + space.
    if ((c == U'-' || c == U'–') && is_space(prev) && before.count > 0) {
      size_t j = i;  // after c
      if (c == U'-' && j < text.size() && text[j] == '-') ++j;
      if (j < text.size() && is_space(static_cast<unsigned char>(text[j]))) {
        out.replace_space(U'\u00A0', at);
        out.instead(U'—', at, j);
        i = j;  // the space after the dash is the next character
        continue;
      }
    }
    if (c == U' ') {
      // The word characters that end the output: their number up to three, the first two of them.
      const char32_t p1 = before.p[0], p2 = before.p[1], p3 = before.p[2];
      const int run = before.count == 0 || !is_word_char(p1)   ? 0
                      : before.count == 1 || !is_word_char(p2) ? 1
                      : before.count == 2 || !is_word_char(p3) ? 2
                                                                 : 3;
      const char32_t next = ahead(text, at, 1);
      const bool nbsp =
          // After «№» and «§».
          prev == U'№' || prev == U'§' ||
          // After a short word.
          ((run == 1 || run == 2) && is_short_word(run == 1 ? p1 : p2, run == 2 ? p1 : 0) && is_word_char(next)) ||
          // Between initials and surname: «Е.А. Смирнова» (prev is '.', the word before is one capital).
          (prev == U'.' && before.count >= 2 && utf8::is_letter(p2) && utf8::to_upper(p2) == p2 &&
           (before.count == 2 || !utf8::is_letter(p3)) && utf8::is_letter(next) && utf8::to_upper(next) == next) ||
          // Before units after a number: «42,8 %», «2021 г.».
          (before.count > 0 && prev >= U'0' && prev <= U'9' &&
           (next == U'%' || (next == U'г' && (!has_ahead(text, at, 2) || ahead(text, at, 2) == U'.')) ||
            (next == U'р' && has_ahead(text, at, 4) && ahead(text, at, 2) == U'у' && ahead(text, at, 3) == U'б')));
      if (nbsp) out.instead(U'\u00A0', at, i);
    }
  }
  return out.finish();
}

bool is_valid_slug(std::string_view s) {
  if (s.empty() || s.size() > 100 || s.front() == '-' || s.back() == '-') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

void append_html_escaped(std::string& out, std::string_view s, const char* apostrophe) {
  size_t from = 0;  // runs without special characters are appended whole
  for (size_t i = find_byte_of<'&', '<', '>', '"', '\''>(s, 0); i < s.size();
       i = find_byte_of<'&', '<', '>', '"', '\''>(s, i + 1)) {
    const char* entity;
    switch (s[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      default: entity = apostrophe; break;
    }
    out.append(s, from, i - from);
    out += entity;
    from = i + 1;
  }
  out.append(s, from, std::string_view::npos);
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  append_html_escaped(out, s);
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  if (utf8::first_invalid(s)) {
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  // The next byte to escape: a control character, '"' or '\\' (16 bytes a step: strings are
  // mostly plain text, and the search index writes a snippet of every page).
  auto special = [&s](size_t i) {
    const size_t n = s.size();
#ifdef __SSE2__
    const __m128i top = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\');
    for (; i + 16 <= n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      const __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, top), top),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash)));
      if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit))) return i + static_cast<size_t>(__builtin_ctz(mask));
    }
#endif
    for (; i < n; ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c == '"' || c == '\\') return i;
    }
    return n;
  };
  size_t from = 0;
  for (size_t i = special(0); i < s.size(); i = special(i + 1)) {
    const auto c = static_cast<unsigned char>(s[i]);
    out.append(s, from, i - from);
    from = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s, from, std::string::npos);
  out += '"';
}

void append_xml_escaped(std::string& out, std::string_view s) {
  const bool control = std::any_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r';
  });
  if (!control) return append_html_escaped(out, s);
  std::string clean;
  clean.reserve(s.size());
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t' || c == '\r') clean += c;
  append_html_escaped(out, clean);
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  append_xml_escaped(out, s);
  return out;
}

size_t find_text(std::string_view text, std::string_view needle, size_t from) {
  const size_t m = needle.size();
  if (m < 2 || from > text.size() || text.size() - from < m) return text.find(needle, from);
  const char* const t = text.data();
  const size_t last = text.size() - m;  // the last place a match can start
  size_t i = from;
#ifdef __SSE2__
  const __m128i first = _mm_set1_epi8(needle.front()), end = _mm_set1_epi8(needle.back());
  for (; i + 16 <= last + 1; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + i + m - 1));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, end))));
    for (; mask; mask &= mask - 1) {
      const size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
      if (std::memcmp(t + at + 1, needle.data() + 1, m - 2) == 0) return at;
    }
  }
#endif
  for (; i <= last; ++i)
    if (t[i] == needle.front() && t[i + m - 1] == needle.back() && std::memcmp(t + i + 1, needle.data() + 1, m - 2) == 0)
      return i;
  return std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool starts_with_ci_ascii(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a += 32;
    if (b >= 'A' && b <= 'Z') b += 32;
    if (a != b) return false;
  }
  return true;
}

TextPositions::TextPositions(std::string_view text) : text_(text), valid_(!utf8::first_invalid(text)) {}

void TextPositions::advance(size_t to) {
  if (valid_) {
    // Valid UTF-8: a character is a byte that is not a continuation byte (10xxxxxx), so whole
    // lines are skipped with memchr and the rest counted without decoding. Not past the start
    // of a character that `to` falls inside (at() counts its bytes as the other path does).
    while (to > scanned_ && to < text_.size() && (static_cast<unsigned char>(text_[to]) & 0xC0) == 0x80) --to;
    const char* const base = text_.data();
    while (scanned_ < to) {
      const void* nl = std::memchr(base + scanned_, '\n', to - scanned_);
      if (nl) {  // the line ends before `to`: only its end matters
        ++line_;
        line_start_ = scanned_ = static_cast<size_t>(static_cast<const char*>(nl) - base) + 1;
        chars_ = 0;
        continue;
      }
      size_t n = 0;
      for (size_t i = scanned_; i < to; ++i) n += (static_cast<unsigned char>(base[i]) & 0xC0) != 0x80;
      chars_ += n;
      scanned_ = to;
    }
    return;
  }
  while (scanned_ < to) {
    if (text_[scanned_] == '\n') {
      ++line_;
      line_start_ = ++scanned_;
      chars_ = 0;
      continue;
    }
    size_t next = scanned_;
    utf8::next(text_, next);
    if (next > to) break;  // `to` is inside this character: at() counts the rest on its own
    scanned_ = next;
    ++chars_;
  }
}

TextPositions::LineCol TextPositions::at(size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < scanned_) restart();
  advance(offset);
  // An offset inside a character: its bytes up to the offset, counted as utf8::length counts them.
  const size_t rest = offset > scanned_ ? utf8::length(text_.substr(scanned_, offset - scanned_)) : 0;
  return {static_cast<int>(line_), static_cast<int>(1 + chars_ + rest)};
}

int TextPositions::column(int line, int byte_col) {
  if (byte_col < 1 || line < 1) return byte_col;
  if (static_cast<size_t>(line) < line_) restart();
  while (line_ < static_cast<size_t>(line)) {  // to the start of the line, a line at a time
    size_t nl = text_.find('\n', scanned_);
    if (nl == std::string_view::npos) {
      restart();
      return byte_col;
    }
    scanned_ = line_start_ = nl + 1;
    chars_ = 0;
    ++line_;
  }
  return at(line_start_ + static_cast<size_t>(byte_col) - 1).col;
}

}  // namespace nastavnik

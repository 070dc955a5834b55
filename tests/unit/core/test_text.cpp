#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/utf8.h"

using namespace nastavnik;

TEST_CASE("ISO dates are parsed strictly") {
  auto d = parse_iso_date("2021-11-10");
  REQUIRE(d);
  CHECK(d->year == 2021);
  CHECK(d->month == 11);
  CHECK(d->day == 10);
  CHECK_FALSE(parse_iso_date("2021-02-30"));
  CHECK_FALSE(parse_iso_date("2021-13-01"));
  CHECK_FALSE(parse_iso_date("10.11.2021"));
  CHECK(parse_iso_date("2024-02-29"));
  CHECK_FALSE(parse_iso_date("2023-02-29"));
}

TEST_CASE("Russian dates") {
  Date d{2021, 11, 10};
  CHECK(date_long(d) == "10\u00A0ноября 2021\u00A0г.");
  CHECK(date_numeric(d) == "10.11.2021");
  CHECK(date_numeric(Date{2024, 3, 5}) == "05.03.2024");
  CHECK(month_year(Date{2023, 5, 1}) == "май 2023\u00A0г.");
  CHECK(days_from_civil(Date{1970, 1, 1}) == 0);
  CHECK(civil_from_days(days_from_civil(Date{2024, 9, 30})) == Date{2024, 9, 30});
}

TEST_CASE("numbers use a decimal comma, sizes are in КБ") {
  CHECK(format_number(42.8) == "42,8");
  CHECK(format_number(51.0) == "51");
  CHECK(format_number(0.126, 2) == "0,13");
  CHECK(format_number(12345) == "12\u202F345");
  CHECK(format_size(240 * 1024) == "240\u00A0КБ");
  CHECK(format_size(500) == "500\u00A0Б");
  CHECK(format_size(3565158) == "3,4\u00A0МБ");
  CHECK(std::string(plural(1, "страница", "страницы", "страниц")) == "страница");
  CHECK(std::string(plural(3, "страница", "страницы", "страниц")) == "страницы");
  CHECK(std::string(plural(11, "страница", "страницы", "страниц")) == "страниц");
  CHECK(std::string(plural(22, "страница", "страницы", "страниц")) == "страницы");
}

TEST_CASE("typography: the rules see a word's first and last letters, however the word is read") {
  // typograph() takes a word of ASCII and Cyrillic letters in one step; a letter outside that set
  // (é) or a character that is no letter (Ѐ, U+0400) next to it must not change what the rules see.
  CHECK(typograph("éв школе") == "éв школе");                      // «éв» is two letters, not «в»
  CHECK(typograph("Ѐи в доме") == "Ѐи\u00A0в\u00A0доме");            // «и» after a non-letter is a word
  CHECK(typograph("ЁЖ и ёж") == "ЁЖ и\u00A0ёж");
  CHECK(typograph("А.Б. Иванов") == "А.Б.\u00A0Иванов");            // initials: one capital before the dot
  CHECK(typograph("А.Бв. Иванов") == "А.Бв. Иванов");
  CHECK(typograph("Ж1Б. Иванов") == "Ж1Б.\u00A0Иванов");  // the third character from the end is a digit
  CHECK(typograph("ЖББ. Иванов") == "ЖББ. Иванов");
  CHECK(typograph("ab в cd") == "ab в\u00A0cd");
  CHECK(typograph("x2021 г.") == "x2021\u00A0г.");                   // the last character is a digit
  CHECK(typograph("10 руб.") == "10\u00A0руб.");
}

TEST_CASE("typography: the rules look back across what they wrote, and bytes that are not UTF-8") {
  // What a rule sees before a space is read back from the output: a quote, a dash or a
  // non-breaking space written just before counts as written, not as it came in.
  CHECK(typograph("\"в школе\"") == "«в\u00A0школе»");
  CHECK(typograph("а - в доме") == "а\u00A0— в\u00A0доме");
  CHECK(typograph(" - а") == "\u00A0— а");
  CHECK(typograph("1 - 2 %") == "1\u00A0— 2\u00A0%");
  CHECK(typograph("Е.А.\u00A0и Ж. Б. Смирнова") == "Е.А.\u00A0и\u00A0Ж.\u00A0Б.\u00A0Смирнова");
  CHECK(typograph("программа наставничества \"Шаг\" и \"Путь\"") ==
        "программа наставничества «Шаг» и «Путь»");  // the next character, '"', is no letter
  // A byte that is not UTF-8 is written as U+FFFD and counts as a character that is no letter.
  CHECK(typograph("\xFF и в доме") == "\uFFFD и\u00A0в\u00A0доме");
  CHECK(typograph("\xD0 в школе") == "\uFFFD в\u00A0школе");
  CHECK(typograph("в\xD0 школе") == "в\uFFFD школе");
}

TEST_CASE("typography of a text known to be UTF-8 is the same, and bytes that are not stay memory-safe") {
  for (const char* t : {"программа \"Наставник\"", "в 2021 г.", "наставник - это педагог", "Е.А. Смирнова", ""})
    CHECK(typograph_utf8(t) == typograph(t));
  // Its precondition broken: the bytes go out as they came (typograph() would write U+FFFD).
  CHECK(typograph_utf8("\x80\x80 в школе \xD0") == "\x80\x80 в\u00A0школе \xD0");
}

TEST_CASE("typography: quotes, dashes and non-breaking spaces") {
  CHECK(typograph("программа \"Наставник\"") == "программа «Наставник»");
  CHECK(typograph("\"школа \"Юнармеец\"\"") == "«школа „Юнармеец“»");
  CHECK(typograph("наставник - это педагог") == "наставник\u00A0— это педагог");
  CHECK(typograph("приказ № 76") == "приказ №\u00A076");
  CHECK(typograph("в школе и в классе") == "в\u00A0школе и\u00A0в\u00A0классе");
  CHECK(typograph("Е.А. Смирнова") == "Е.А.\u00A0Смирнова");
  CHECK(typograph("доля 42,8 %") == "доля 42,8\u00A0%");
  CHECK(typograph("в 2021 г.") == "в\u00A02021\u00A0г.");
  // Hyphenated words and ranges stay as they are.
  CHECK(typograph("учитель-наставник 2020-2024") == "учитель-наставник 2020-2024");
}

TEST_CASE("slugs are lower-case ASCII letters, digits and dashes") {
  CHECK(is_valid_slug("sosh-1"));
  CHECK(is_valid_slug("2021-11-10-76"));
  CHECK_FALSE(is_valid_slug("Sosh1"));
  CHECK_FALSE(is_valid_slug("школа"));
  CHECK_FALSE(is_valid_slug("a b"));
  CHECK_FALSE(is_valid_slug(".."));
  CHECK_FALSE(is_valid_slug("-a"));
  CHECK_FALSE(is_valid_slug(""));
}

TEST_CASE("escaping") {
  CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(xml_escape(std::string("a\x01") + "b") == "ab");
  std::string out = "x";
  append_xml_escaped(out, std::string("<a\x01&\tb>"));
  CHECK(out == "x&lt;a&amp;\tb&gt;");
}

TEST_CASE("UTF-8 validation reports the offset of the first bad byte") {
  CHECK_FALSE(utf8::first_invalid("Наставничество"));
  CHECK(utf8::first_invalid("ab\xC0\xAF") == 2u);         // overlong
  CHECK(utf8::first_invalid("abc\xED\xA0\x80") == 3u);    // surrogate
  CHECK(utf8::first_invalid("Ж\xD0") == 2u);              // truncated
  CHECK(utf8::length("Ёлка") == 4u);
  CHECK(utf8::lower("ПРИКАЗ Ёж") == "приказ ёж");
}

namespace {
// RFC 3629 byte by byte: the offset of the first byte that does not begin a valid sequence.
std::optional<size_t> reference_first_invalid(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return i;
    auto b1 = static_cast<unsigned char>(s[i + 1 < s.size() ? i + 1 : i]);
    unsigned lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    if (n > 1 && (b1 < lo || b1 > hi)) return i;
    for (size_t k = 2; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    i += n;
  }
  return std::nullopt;
}
}  // namespace

TEST_CASE("UTF-8 validation agrees with RFC 3629 on random texts (sixteen or eight bytes at a time where it can)") {
  std::mt19937 rng(17);
  const std::vector<std::string> pieces = {"а", "Ж", "ё", " ", "abcdefgh", "Наставничество", "\xC0\xAF", "\xC1\x81",
                                           "\xD0", "\x80", "\xED\xA0\x80", "€", "😀", "\xF4\x90\x80\x80", "\xE0\x80\x80",
                                           "\xDF\xBF", "\xC2\x80", "x", "\xFF"};
  int invalid = 0;
  for (int i = 0; i < 50000; ++i) {
    std::string t;
    // Up to 12 pieces, and every fourth text up to 60: blocks of sixteen bytes with valid text before
    // and after a longer sequence.
    const int most = i % 4 == 0 ? 60 : 12;
    for (int k = std::uniform_int_distribution<int>(0, most)(rng); k > 0; --k) {
      // Mostly valid text, so that the bad byte falls at every offset of an eight- or sixteen-byte block.
      size_t p = std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng);
      if (std::uniform_int_distribution<int>(0, 9)(rng) > 1) p %= 6;
      t += pieces[p];
    }
    INFO("text: " << t);
    auto expected = reference_first_invalid(t);
    invalid += expected.has_value();
    REQUIRE(utf8::first_invalid(t) == expected);
  }
  CHECK(invalid > 5000);
}

TEST_CASE("JSON string literals are the bytes nlohmann writes") {
  for (std::string s : {std::string("простой текст"), std::string("\"кавычки\" и \\ черта"), std::string("\b\f\n\r\t"),
                        std::string("\x01\x1f\x7f"), std::string("битый \xD0 байт \xFF"), std::string(""),
                        std::string("a/b <tag> & «ёлка»")}) {
    std::string out = "x";
    nastavnik::append_json_string(out, s);
    CHECK(out == "x" + nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

TEST_CASE("JSON string literals are the bytes nlohmann writes, for escapes at any place of long strings") {
  // The bytes to escape are found 16 at a time: control characters (0x00-0x1F, not 0x7F), '"' and
  // '\\', among letters, Cyrillic and DEL, before, at and after the edges of the blocks.
  std::mt19937 rng(61226);
  const std::vector<std::string> pieces = {"a", "я", "ё", "\x7f", " ", "\"", "\\", "\n", std::string(1, '\0'),
                                           "\x1f", "\x01", "\t", "/", "\x20", "~"};
  size_t escapes = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (int k = std::uniform_int_distribution<int>(0, 50)(rng); k > 0; --k)
      s += pieces[rng() % 4 ? rng() % 5 : rng() % pieces.size()];
    std::string out = "x";
    nastavnik::append_json_string(out, s);
    const std::string want = "x" + nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    escapes += want.size() > s.size() + 3;
    REQUIRE(out == want);
  }
  CHECK(escapes > 5000);
}

TEST_CASE("text positions: lines and character columns, one pass for increasing offsets") {
  std::string text = "ab\nвгд\n\nx\xFFy";
  nastavnik::TextPositions p(text);
  auto same = [&](size_t off) {  // what counting from the start gives
    int line = 1;
    size_t ls = 0;
    for (size_t i = 0; i < off && i < text.size(); ++i)
      if (text[i] == '\n') line++, ls = i + 1;
    auto got = p.at(off);
    CHECK(got.line == line);
    CHECK(got.col == 1 + static_cast<int>(nastavnik::utf8::length(std::string_view(text).substr(ls, off - ls))));
  };
  for (size_t off = 0; off <= text.size() + 2; ++off) same(off);     // increasing, inside characters too
  for (size_t off = text.size() + 2; off-- > 0;) same(off);          // decreasing: starts over
  CHECK(p.column(2, 3) == 2);   // «в» is bytes 1–2 of line 2: byte 3 starts «г»
  CHECK(p.column(4, 3) == 3);   // a byte that is not UTF-8 is one character
  CHECK(p.column(1, 2) == 2);   // back to line 1
  CHECK(p.column(9, 4) == 4);   // no such line
  CHECK(p.column(2, 0) == 0);
  // Valid UTF-8 (counted without decoding): 1- to 4-byte characters, offsets inside them too,
  // increasing, then from the start again.
  for (std::string valid : {std::string("ab\nвгд\n\nx—y €😀z\n«ё»"), std::string("😀😀\n\n—"), std::string("")}) {
    nastavnik::TextPositions v(valid);
    for (int pass = 0; pass < 2; ++pass)
      for (size_t off = 0; off <= valid.size() + 1; off += 1 + static_cast<size_t>(pass)) {
        int line = 1;
        size_t ls = 0;
        for (size_t i = 0; i < off && i < valid.size(); ++i)
          if (valid[i] == '\n') line++, ls = i + 1;
        auto got = v.at(off);
        INFO("«" << valid << "» offset " << off);
        CHECK(got.line == line);
        CHECK(got.col == 1 + static_cast<int>(nastavnik::utf8::length(std::string_view(valid).substr(ls, std::min(off, valid.size()) - ls))));
      }
  }
  // A long line: a million offsets along one line of 2 MB is linear (timed by the test's budget).
  std::string line(2'000'000, 'a');
  nastavnik::TextPositions q(line);
  int last = 0;
  for (size_t off = 0; off < line.size(); off += 2) last = q.at(off).col;
  CHECK(last == static_cast<int>(line.size() - 1));
}

TEST_CASE("find_byte_of finds the first of its bytes from any place, at block edges too") {
  std::mt19937 rng(6122026);
  const std::string alphabet = "ab<&\xC2\xE2\x80 ";
  size_t found = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text(rng() % 70, ' ');
    for (char& c : text) c = alphabet[rng() % (round % 2 ? 2 : alphabet.size())];  // half: mostly misses
    const size_t from = rng() % (text.size() + 1);
    const size_t want = std::min(text.find_first_of(std::string_view("<&\xC2", 3), from), text.size());
    INFO("text «" << text << "» from " << from);
    REQUIRE(find_byte_of<'<', '&', '\xC2'>(text, from) == want);
    if (want < text.size()) ++found;
  }
  CHECK(found > 5000);
  CHECK(find_byte_of<'<'>(std::string(40, 'a') + "<", 0) == 40);
  CHECK(find_byte_of<'<'>(std::string(40, 'a'), 0) == 40);
  CHECK(find_byte_of<'<'>("", 0) == 0);
}

TEST_CASE("find_text finds what std::string_view::find finds, from any place, at block edges too") {
  // Texts of a few letters (so that first and last bytes of a needle match often and the whole
  // comparison decides), of every length around the 16-byte blocks, with needles cut from them.
  std::mt19937 rng(20261206);
  const std::string alphabet = "<</am>n";
  size_t found = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text(rng() % 70, ' ');
    for (char& c : text) c = alphabet[rng() % alphabet.size()];
    std::string needle;
    if (!text.empty() && rng() % 4 != 0) {
      size_t at = rng() % text.size(), len = 2 + rng() % 7;
      needle = text.substr(at, len);
    } else {
      needle = std::string(2 + rng() % 6, ' ');
      for (char& c : needle) c = alphabet[rng() % alphabet.size()];
    }
    if (needle.size() < 2) needle += '<';
    size_t from = rng() % (text.size() + 2);
    size_t want = std::string_view(text).find(needle, from);
    INFO("text «" << text << "» needle «" << needle << "» from " << from);
    REQUIRE(find_text(text, needle, from) == want);
    if (want != std::string_view::npos) ++found;
  }
  CHECK(found > 5000);  // the cases are not all misses
  CHECK(find_text("<html><main id=\"main\">текст</main></html>", "</main>") == 32);  // 6 + 16 + 10 bytes
  CHECK(find_text(std::string(40, 'a') + "</main>", "</main>", 41) == std::string_view::npos);
}

// The search index: words as search.js sees them, Russian stems, and a script that does not depend
// on the order in which workers added the pages.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "render/html/search.h"

using namespace nastavnik::html;

TEST_CASE("search words: lower case, ё as е, no one-letter or function words") {
  auto w = search_words("Наставник и его ЁЛКА, в 2024 году: «для» X-ray");
  CHECK(w == std::vector<std::string>{"наставник", "елка", "2024", "году", "ray"});
  CHECK(search_words("").empty());
  CHECK(search_words("и в с").empty());
}

namespace {
// The rules of search.js character by character: lower case (А–Я, Ё, A–Z), «ё» as «е», words are
// runs of [0-9a-zа-я], words of one letter and function words dropped.
std::vector<std::string> reference_words(const std::string& text) {
  static const std::vector<std::string> stop = {
      "во", "не", "на", "со", "ко", "об", "от", "до", "по", "за", "из", "под", "над", "при", "про", "для",
      "без", "но", "да", "или", "ли", "же", "бы", "то", "как", "что", "это", "так", "его", "ее", "их",
      "он", "она", "оно", "они", "мы", "вы", "все", "том", "также", "а", "и", "в", "с", "к", "у", "о", "г"};
  std::vector<std::string> words;
  std::u32string cur;
  auto flush = [&] {
    std::string w = nastavnik::utf8::encode(cur);
    if (cur.size() > 1 && std::find(stop.begin(), stop.end(), w) == stop.end()) words.push_back(w);
    cur.clear();
  };
  for (char32_t c : nastavnik::utf8::decode(text)) {
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c >= 0x410 && c <= 0x42F) c += 32;
    if (c == 0x401 || c == 0x451) c = 0x435;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 0x430 && c <= 0x44F)) cur += c;
    else flush();
  }
  flush();
  return words;
}
}  // namespace

TEST_CASE("search words follow search.js's rules character by character, on random texts") {
  // Words read in place (lower case) and words lowered or cut by capitals, «ё», other Cyrillic
  // letters (Ѐ, ђ, ґ), Latin-1, digits and punctuation, against the rules decoded one by one.
  std::mt19937 rng(11);
  const std::vector<std::string> pieces = {"наставник", "Наставник", "НАСТАВНИК", "ёж", "Ёлка", "елка", "и", "для",
                                           "в", "x", "Xy", "ray", "2024", "а", "Я", "я", " ", "  ", "-", ",",
                                           "\xC2\xA0", "«", "»", "Ѐ", "ђ", "ґ", "é", "ab", "ЖиР", "ны", "й", "\n"};
  size_t total = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (int k = std::uniform_int_distribution<int>(0, 12)(rng); k > 0; --k)
      text += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(rng)];
    INFO("text: " << text);
    const auto expected = reference_words(text);
    total += expected.size();
    REQUIRE(search_words(text) == expected);
  }
  CHECK(total > 20000);
}

TEST_CASE("search words: long runs of the letters at the edges of the ranges read eight at a time") {
  // Lower-case Cyrillic letters are taken eight a step (а–п: D0 B0–BF, р–я: D1 80–8F); the letters
  // beside those ranges (Ѐ D0 80, А D0 90, Я D0 AF, ѐ D1 90, ё D1 91, ђ D1 92) and ASCII stop the
  // step or go one by one. Words of up to 40 letters, against the character-by-character rules.
  std::mt19937 rng(20261206);
  const std::vector<std::string> letters = {"а", "б", "п", "р", "с", "я", "А", "Я", "П", "Р", "ё", "Ё", "ѐ",
                                            "Ѐ", "ђ", "a", "z", "0", "9", "Q", " ", "\xC2\xA0"};
  size_t long_words = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (int k = std::uniform_int_distribution<int>(0, 40)(rng); k > 0; --k) {
      // Mostly the lower-case letters of the two ranges, so that long runs are common.
      const size_t pick = rng() % 4 ? rng() % 6 : std::uniform_int_distribution<size_t>(0, letters.size() - 1)(rng);
      text += letters[pick];
    }
    INFO("text: " << text);
    const auto expected = reference_words(text);
    for (const auto& w : expected) long_words += w.size() >= 32;
    REQUIRE(search_words(text) == expected);
  }
  CHECK(long_words > 1000);  // words of 16 letters and more: two steps and beyond
}

TEST_CASE("page text: main without navigation, the first heading apart, entities decoded") {
  auto t = page_text(
      "<header>Шапка</header><main><nav>Меню</nav><h1>Заголовок</h1><p>Текст&nbsp;и &laquo;<b>жирный</b>"
      "&raquo; &amp; <svg><text>график</text></svg>конец</p></main><footer>Подвал</footer>");
  CHECK(t.heading == "Заголовок");
  CHECK(t.body == "Текст и жирный & конец");  // an entity it does not know is a space
}

namespace {
std::string page(const std::string& title, const std::string& text) {
  return "<main><h1>" + title + "</h1><p>" + text + "</p></main>";
}
// The index of pages {url, title, text} added in order by one worker.
std::string one_worker_script(const std::vector<std::vector<std::string>>& pages) {
  SearchIndex index;
  PageTerms terms;
  for (const auto& p : pages) {
    terms.read(p[1], page(p[1], p[2]));
    index.add(terms, p[0], p[1], "");
  }
  return index.script();
}
}  // namespace

TEST_CASE("the search index is the same whatever the order and threads of adding") {
  std::vector<std::vector<std::string>> pages;
  for (int i = 0; i < 40; ++i)
    pages.push_back({"p" + std::to_string(100 + i) + ".html", "Страница " + std::to_string(i),
                     i % 2 ? "Наставников стало больше" : "Наставник и наставляемый: программа наставничества"});
  SearchIndex two;
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([&, t] {
      PageTerms own;  // one per worker, each with its own numbering of stems
      for (size_t i = pages.size(); i-- > 0;)
        if (static_cast<int>(i % 3) == t) {
          own.read(pages[i][1], page(pages[i][1], pages[i][2]));
          two.add(own, pages[i][0], pages[i][1], "");
        }
    });
  for (auto& th : threads) th.join();
  std::string a = one_worker_script(pages), b = two.script();
  CHECK(a == b);
  CHECK(two.size() == 40);
  // «наставников» and «наставник» share the stem, so both kinds of page are under one term.
  Stemmer s;
  CHECK(s.stem("наставников") == s.stem("наставник"));
  std::string term = "\"" + s.stem("наставник") + "\":[";
  auto at = a.find(term);
  REQUIRE(at != std::string::npos);
  std::string postings = a.substr(at + term.size(), a.find(']', at) - at - term.size());
  CHECK(std::count(postings.begin(), postings.end(), ',') == 2 * 40 - 1);  // 40 (page, weight) pairs
  // Pages sorted by address, each with its snippet.
  CHECK(a.find("p100.html") < a.find("p139.html"));
  CHECK(a.find("\"s\":\"Наставников стало больше\"") != std::string::npos);
}

TEST_CASE("a worker's numbering of stems is not taken for another's that got its place in memory") {
  // Two workers one after the other in the same storage, so at the same address, each numbering
  // its own words from 0: the index must not map the second one's numbers with the first one's.
  const std::vector<std::vector<std::string>> pages = {
      {"a.html", "Первая", "Наставник ведёт наставляемого"},
      {"b.html", "Вторая", "Программа мониторинга школы"}};
  SearchIndex two;
  std::optional<PageTerms> worker;
  for (const auto& p : pages) {
    worker.emplace();
    worker->read(p[1], page(p[1], p[2]));
    two.add(*worker, p[0], p[1], "");
  }
  const std::string a = one_worker_script(pages), b = two.script();
  CHECK(a == b);
  Stemmer s;
  CHECK(b.find("\"" + s.stem("мониторинга") + "\":[1,") != std::string::npos);
}

TEST_CASE("the index writes its strings as nlohmann's dump does: escapes, UTF-8, bad bytes replaced") {
  const std::vector<std::string> titles = {"Обычный заголовок", "Кавычки \"внутри\" и \\ обратная черта",
                                           "Перевод\nстроки\tтаб\r\b\f", std::string("ноль\x01\x1f конец"),
                                           "Ёлка «ёж» — 100 %", std::string("битый \xD0 байт"), "", "/ слеш \x7f"};
  SearchIndex index;
  PageTerms terms;
  for (size_t i = 0; i < titles.size(); ++i) {
    terms.read(titles[i], "<main><p>текст</p></main>");
    index.add(terms, "p" + std::to_string(i) + ".html", titles[i], "");
  }
  const std::string script = index.script();
  for (const auto& t : titles) {
    INFO(t);
    CHECK(script.find("\"t\":" + nlohmann::json(t).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
                      ",") != std::string::npos);
  }
  // And the whole is JSON.
  const std::string prefix = "window.NK_SEARCH_INDEX = ";
  auto at = script.find(prefix);
  REQUIRE(at != std::string::npos);
  std::string body = script.substr(at + prefix.size());
  body = body.substr(0, body.rfind(';'));
  CHECK(nlohmann::json::parse(body)["pages"].size() == titles.size());
}

TEST_CASE("reading a page in one walk counts the same words and snippet as page_text and search_words") {
  // read(title, html) walks the page once; read("", html) takes its first heading for the title
  // and reads page_text's heading and body. With the title equal to that heading both must index
  // the same: compared through the scripts of two indexes over random pages.
  std::mt19937 rng(5);
  const std::vector<std::string> pieces = {
      "Наставник", "наставляемый", "ЁЛКА", "ёж", "Программа", "x-ray", "2024", "и", "для", " ", "  ", "\n",
      "\xC2\xA0", "&nbsp;", "&amp;", "&#1025;", "&laquo;", "жир<b>ный</b>", "<em>курсив</em>", "<p>", "</p>",
      "<li>", "<br>", "<nav>меню навигация</nav>", "<svg><text>график</text></svg>", "<script>код</script>",
      "<!-- комментарий -->", "<table><tr><td>ячейка</td></tr></table>", "Z", "a"};
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  SearchIndex walked, two_pass;
  PageTerms a, b;
  for (int i = 0; i < 400; ++i) {
    std::string heading, body;
    for (size_t k = pick(4) + 1; k > 0; --k) heading += pieces[pick(10)] + " ";
    for (size_t k = pick(i % 4 == 0 ? 400 : 40); k > 0; --k) body += pieces[pick(pieces.size())];
    std::string html = "<header>Шапка</header><main><nav>Крошки</nav><p>до</p><h1>" + heading + "</h1>" + body +
                       "</main><footer>подвал</footer>";
    std::string title = page_text(html).heading;
    std::string url = "p" + std::to_string(1000 + i) + ".html";
    a.read(title, html);
    walked.add(a, url, title, "");
    b.read("", html);
    two_pass.add(b, url, title, "");
  }
  std::string one = walked.script(), two = two_pass.script();
  CHECK(one.size() > 20000);
  CHECK(one == two);
}

TEST_CASE("a page's snippet is cut before the last space within 220 characters, else after 110") {
  auto snippet_of = [](const std::string& text) {
    PageTerms terms;
    terms.read("Заголовок", "<main><p>" + text + "</p></main>");
    SearchIndex index;
    index.add(terms, "p.html", "Заголовок", "");
    std::string script = index.script();
    const std::string key = "\"s\":\"";
    size_t at = script.find(key);
    REQUIRE(at != std::string::npos);
    at += key.size();
    return script.substr(at, script.find('"', at) - at);
  };
  std::string words, cut;
  for (int i = 0; i < 50; ++i) words += "слово ";  // spaces at characters 5, 11, … 215, 221, …
  for (int i = 0; i < 36; ++i) cut += "слово ";
  cut.pop_back();  // characters 0…214, 36 words: the space at 215 is the last one up to 220
  CHECK(snippet_of(words) == cut + "…");
  std::string letters, half;
  for (int i = 0; i < 300; ++i) letters += "я";
  for (int i = 0; i < 110; ++i) half += "я";
  CHECK(snippet_of(letters) == half + "…");
  CHECK(snippet_of("коротко и ясно") == "коротко и ясно");  // 220 characters or fewer: whole
  std::string exact;
  for (int i = 0; i < 220; ++i) exact += "ж";
  CHECK(snippet_of(exact) == exact);
  std::string exact_half;
  for (int i = 0; i < 110; ++i) exact_half += "ж";
  CHECK(snippet_of(exact + "ж") == exact_half + "…");  // 221 characters: cut
}

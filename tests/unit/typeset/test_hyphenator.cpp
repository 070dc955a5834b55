#include <catch2/catch.hpp>

#include <thread>

#include "core/utf8.h"
#include "typeset/typeset.h"

using nastavnik::typeset::Hyphenator;

namespace {
// "на-став-ни-че-ство" style rendering of the points.
std::string marked(const Hyphenator& h, const std::string& word) {
  auto w = nastavnik::utf8::decode(word);
  auto p = h.points(word);
  std::u32string out;
  size_t k = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    if (k < p.size() && p[k] == i) {
      out += U'-';
      ++k;
    }
    out += w[i];
  }
  REQUIRE(k == p.size());  // every point inside the word, ascending
  return nastavnik::utf8::encode(out);
}
}  // namespace

TEST_CASE("hyphenation points of Russian words", "[typeset][hyphen]") {
  auto h = Hyphenator::load_default();
  REQUIRE(h);
  CHECK(h->points("наставничество") == std::vector<size_t>{2, 6, 8, 10});
  CHECK(marked(*h, "наставничество") == "на-став-ни-че-ство");
  CHECK(marked(*h, "Наставник") == "На-став-ник");
  // Upper case is hyphenated like lower case.
  CHECK(h->points("НАСТАВНИЧЕСТВО") == h->points("наставничество"));
  // ё is part of the alphabet (KOI8-R 0xA3).
  CHECK(marked(*h, "ёлочка") == "ёлоч-ка");
  // Punctuation around the word shifts the positions but is never split off.
  CHECK(marked(*h, "«наставничество»,") == "«на-став-ни-че-ство»,");
  // All the patterns apply, not only the longest match (libhyphen alone gives «пе-дагоги-че-ских»
  // with Debian's dictionary, whose patterns are not merged with their substrings).
  CHECK(marked(*h, "педагогических") == "пе-да-го-ги-че-ских");
  CHECK(marked(*h, "Министерства") == "Ми-ни-стер-ства");
  CHECK(marked(*h, "профессионального") == "про-фес-си-о-наль-но-го");
  // Each part of a compound is hyphenated on its own.
  CHECK(marked(*h, "северо-западный") == "се-ве-ро-за-пад-ный");
}

TEST_CASE("hyphenation never leaves fewer than 2 letters at either end", "[typeset][hyphen]") {
  auto h = Hyphenator::load_default();
  REQUIRE(h);
  for (const char* w : {"дом", "мама", "агентство", "объединение", "обучающихся", "образовательной",
                        "педагогических", "информирование", "подъезд", "юла"}) {
    auto n = nastavnik::utf8::length(w);
    for (size_t p : h->points(w)) {
      INFO(w << " at " << p);
      CHECK(p >= 2);
      CHECK(p <= n - 2);
    }
  }
  CHECK(h->points("дом").empty());
  CHECK(h->points("Moscow").empty());  // no Latin patterns
  CHECK(h->points("").empty());
  CHECK(!h->points("объединение").empty());
}

TEST_CASE("hyphenator is usable from several threads", "[typeset][hyphen]") {
  auto h = Hyphenator::load_default();
  REQUIRE(h);
  const auto expected = h->points("профессионального");
  REQUIRE(!expected.empty());
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      int good = 0;
      for (int i = 0; i < 200; ++i) good += h->points("профессионального") == expected;
      ok[t] = good;
    });
  for (auto& t : threads) t.join();
  for (int v : ok) CHECK(v == 200);
}

TEST_CASE("a missing dictionary is an error", "[typeset][hyphen]") {
  CHECK_THROWS(Hyphenator("/nonexistent/hyph_xx.dic"));
}

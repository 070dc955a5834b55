// The personal-data gate on files it is given directly: needles shorter and longer than the
// 8 bytes of its position filter, at the start, in the middle and at the very end of a file, with
// a non-breaking space (character or entity) inside; nothing reported for a clean file.
#include <catch2/catch.hpp>

#include <random>

#include "check/check.h"
#include "load/load.h"
#include "../load/site_builder.h"

using namespace nastavnik;

namespace {

struct GateSite {
  TempSite t{"gate"};
  Diagnostics load_diags;
  std::unique_ptr<Site> site;
  GateSite() {
    t.write("data/schools/s1/people.json", R"([
      {"id": "petrov-pp", "last_name": "Петров", "first_name": "Пётр", "middle_name": "Петрович",
       "category": "student", "class": "7А", "consent": {"publish_name": false},
       "contacts": {"phone": "7-15", "email": "pp@x.ru"}},
      {"id": "ivanova-aa", "last_name": "Иванова", "first_name": "Анна", "category": "teacher",
       "position": "учитель", "consent": {"publish_name": true},
       "contacts": {"phone": "+7 900 123-45-67", "email": "anna.ivanova@school.example"}}
    ])");
    LoadOptions o;
    o.site_dir = t.root.string();
    site = load_site(o, load_diags);
  }
  // The messages of the gate for one public page with this text.
  std::vector<std::string> scan(const std::string& text) {
    REQUIRE(site);
    REQUIRE_FALSE(load_diags.has_errors());
    PrivacyGate gate(*site);
    OutputFile f;
    f.path = "schools/s1/index.html";
    f.kind = "page";
    f.content = text;
    Diagnostics d;
    gate.scan(f, d);
    std::vector<std::string> out;
    for (const auto& x : d.sorted()) out.push_back(x.message);
    return out;
  }
};

// The site of `t`, loaded without an error.
std::unique_ptr<Site> load_clean(TempSite& t) {
  LoadOptions o;
  o.site_dir = t.root.string();
  Diagnostics d;
  auto site = load_site(o, d);
  REQUIRE(site);
  REQUIRE_FALSE(d.has_errors());
  return site;
}

bool mentions(const std::vector<std::string>& v, const std::string& what) {
  for (const auto& m : v)
    if (m.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the gate finds short and long needles anywhere in a file") {
  GateSite g;
  // "7-15" (4 bytes) and "pp@x.ru" (7) are keyed by 4 bytes; the rest by 8 and more.
  SECTION("at the very start and the very end") {
    auto m = g.scan("7-15 <p>text</p> pp@x.ru");
    CHECK(mentions(m, "телефон «petrov-pp»"));
    CHECK(mentions(m, "e-mail «petrov-pp»"));
    CHECK(m.size() == 2);
  }
  SECTION("a long needle that ends the file") {
    auto m = g.scan("<p>Пишите: anna.ivanova@school.example");
    REQUIRE(m.size() == 1);
    CHECK(mentions(m, "e-mail «ivanova-aa»"));
  }
  SECTION("a full name without consent, with a non-breaking space or &nbsp;") {
    CHECK(mentions(g.scan("<td>Петров\u00A0Пётр</td>"), "полное имя «petrov-pp»"));
    CHECK(mentions(g.scan("<td>Пётр&nbsp;Петров</td>"), "полное имя «petrov-pp»"));
    CHECK(mentions(g.scan("+7 900 123-45-67"), "телефон «ivanova-aa»"));
  }
  SECTION("the consenting teacher's name and a clean text pass") {
    CHECK(g.scan("<p>Иванова Анна, наставник. Петров П. П., 7А. Тел. 7-1</p>").empty());
    CHECK(g.scan("").empty());
    CHECK(g.scan("abc").empty());
  }
}

TEST_CASE("the gate finds exactly the needles a search for each one finds, on random texts") {
  // Many people without consent (a few thousand needles: the position filters have collisions),
  // texts made of pieces of needles, Cyrillic and Latin letters, digits, spaces and non-breaking
  // spaces; the gate's answer against std::string::find of every needle in the gate's view of the
  // text (a non-breaking space, character or &nbsp;, is a space).
  TempSite t{"gate-random"};
  std::mt19937 rng(20261205);
  const std::vector<std::string> syll = {"Пе", "тр", "ов", "Ан", "на", "Ив", "ан", "ёж", "Ша", "ма", "ри",
                                         "ко", "Ли", "Юр", "ий", "Яна", "Ёл", "ка", "в", "к"};
  auto word = [&] {
    std::string w;
    const int n = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i) w += syll[rng() % syll.size()];
    return w;
  };
  std::string people = "[";
  for (int i = 0; i < 600; ++i) {
    // Phones of 4 bytes (a short needle, keyed by 4 bytes) to 7.
    const std::string phone = std::to_string(rng() % 2 ? 1 + rng() % 9 : 100 + rng() % 900) + "-" +
                              std::to_string(10 + rng() % 90);
    const std::string email = "u" + std::to_string(i) + "@s.ru";
    people += std::string(i ? "," : "") + R"({"id": "p)" + std::to_string(i) + R"(", "last_name": ")" + word() +
              R"(", "first_name": ")" + word() + R"(", "category": "student", "class": "5А",)" +
              R"( "consent": {"publish_name": false}, "birth_date": "2012-0)" + std::to_string(1 + rng() % 9) +
              "-1" + std::to_string(rng() % 10) + R"(", "contacts": {"phone": ")" + phone + R"(", "email": ")" +
              email + R"("}})";
  }
  people += "]";
  t.write("data/schools/s1/people.json", people);
  auto site = load_clean(t);
  PrivacyGate gate(*site);
  REQUIRE(gate.needle_count() > 2000);
  const std::vector<std::string> glue = {" ", "\u00A0", "&nbsp;", "", "<p>", "1", "-", "@", ".", "&amp;"};
  size_t found_total = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int pieces = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < pieces; ++k) {
      switch (rng() % 4) {
        case 0: {  // a needle, whole or cut
          const std::string& nd = gate.needle_text(static_cast<unsigned>(rng() % gate.needle_count()));
          size_t from = rng() % 3 == 0 ? rng() % nd.size() : 0, len = rng() % 3 == 0 ? rng() % (nd.size() + 1) : nd.size();
          std::string piece = nd.substr(from, len);
          for (size_t s = piece.find(' '); s != std::string::npos && rng() % 2; s = piece.find(' ', s + 1))
            piece.replace(s, 1, rng() % 2 ? "\u00A0" : "&nbsp;");
          text += piece;
          break;
        }
        case 1: text += word(); break;
        case 2: text += std::to_string(rng() % 100000); break;
        default: text += glue[rng() % glue.size()];
      }
    }
    // The gate's view: a non-breaking space (character or entity) is a space.
    std::string view = text;
    for (const std::string nb : {"\u00A0", "&nbsp;"})
      for (size_t s = view.find(nb); s != std::string::npos; s = view.find(nb, s)) view.replace(s, nb.size(), " ");
    std::vector<unsigned> expected;
    for (unsigned i = 0; i < gate.needle_count(); ++i)
      if (view.find(gate.needle_text(i)) != std::string::npos) expected.push_back(i);
    const std::vector<unsigned> got = gate.find(text);
    INFO("text: " << text);
    REQUIRE(got == expected);
    found_total += got.size();
  }
  CHECK(found_total > 1000);  // the texts did hold needles
}

TEST_CASE("a text that is the needle of several people names the first of them in site order") {
  // Two schools and a person in each with the same phone; each build names the same one.
  TempSite t{"gate-same"};
  for (const char* school : {"s2", "s3"})
    t.write(std::string("data/schools/") + school + "/org.json",
            std::string(R"({"kind": "school", "name": "Школа )") + school + R"(", "short_name": ")" + school +
                R"(", "head": {"position": "Директор", "name": "В.Г. Сидоров"}})");
  for (const char* school : {"s2", "s1", "s3"})
    t.write(std::string("data/schools/") + school + "/people.json",
            std::string(R"([{"id": "p-)") + school + R"(", "last_name": "Сидоров", "category": "teacher",
                "consent": {"publish_name": true}, "contacts": {"phone": "+7 900 000-00-01"}}])");
  auto site = load_clean(t);
  REQUIRE(site->org->schools.size() == 3);
  PrivacyGate gate(*site);
  OutputFile f;
  f.path = "index.html";
  f.kind = "page";
  f.content = "<p>+7 900 000-00-01</p>";
  Diagnostics d;
  gate.scan(f, d);
  REQUIRE(d.sorted().size() == 1);
  CHECK(d.sorted()[0].message.find("«p-s1» (data/schools/s1/people.json)") != std::string::npos);
}

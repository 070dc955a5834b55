// The personal-data gate on files it is given directly: needles shorter and longer than the
// 8 bytes of its position filter, at the start, in the middle and at the very end of a file, with
// a non-breaking space (character or entity) inside; nothing reported for a clean file.
#include <catch2/catch.hpp>

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

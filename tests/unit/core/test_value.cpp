#include <catch2/catch.hpp>

#include "core/value.h"

using namespace nastavnik;

namespace {
std::vector<std::string> messages(const Diagnostics& d) {
  std::vector<std::string> v;
  for (const auto& x : d.sorted()) v.push_back(format_diagnostic(x));
  return v;
}
}  // namespace

TEST_CASE("JSON values remember their line and column") {
  Diagnostics d;
  auto v = parse_json("{\n  \"title\": \"Школа\",\n  \"n\": [1, 2.5, true, null]\n}", "data/org.json", d);
  REQUIRE(v);
  CHECK_FALSE(d.has_errors());
  const Value* t = v->get("title");
  REQUIRE(t);
  CHECK(t->str == "Школа");
  CHECK(t->pos.line == 2);
  CHECK(t->pos.col == 12);
  CHECK(t->key_pos.col == 3);
  const Value* n = v->get("n");
  REQUIRE(n);
  REQUIRE(n->items.size() == 4);
  CHECK(n->items[1].number == 2.5);
  CHECK(n->items[2].boolean);
  CHECK(n->items[3].is_null());
}

TEST_CASE("JSON syntax errors are reported in Russian with the place") {
  Diagnostics d;
  CHECK_FALSE(parse_json("{\n  \"a\": 1\n  \"b\": 2\n}", "data/site.json", d));
  REQUIRE(messages(d) == std::vector<std::string>{
                             "data/site.json:3:3: ошибка: ожидалась «,» или «}», а встретился «\"»"});
}

TEST_CASE("duplicate JSON keys are an error at the second key, the first value stays") {
  Diagnostics d;
  auto v = parse_json("{\"id\": \"a\",\n \"id\": \"b\"}", "data/people.json", d);
  REQUIRE(v);
  REQUIRE(v->members.size() == 1);
  CHECK(v->get("id")->str == "a");
  REQUIRE(messages(d) == std::vector<std::string>{
                             "data/people.json:2:2: ошибка: ключ «id» повторяется в одном объекте"});
}

TEST_CASE("duplicate JSON keys are found in objects of any size") {
  // Keys k0…k39; repeated: k3 (found among the first members) and k5, k30 (after the set took over).
  std::string json = "{";
  for (int i = 0; i < 40; ++i) json += (i ? ",\n" : "") + std::string("\"k") + std::to_string(i) + "\": " + std::to_string(i);
  json += ",\n\"k3\": 100,\n\"k30\": 100,\n\"k5\": 100,\n\"k40\": 40}";
  Diagnostics d;
  auto v = parse_json(json, "x.json", d);
  REQUIRE(v);
  CHECK(v->members.size() == 41);
  CHECK(v->get("k3")->number == 3);
  CHECK(v->get("k30")->number == 30);
  CHECK(v->get("k40")->number == 40);
  CHECK(messages(d) == std::vector<std::string>{"x.json:41:1: ошибка: ключ «k3» повторяется в одном объекте",
                                                "x.json:42:1: ошибка: ключ «k30» повторяется в одном объекте",
                                                "x.json:43:1: ошибка: ключ «k5» повторяется в одном объекте"});
  // Below 16 members, the same.
  Diagnostics d2;
  auto small = parse_json("{\"a\": 1, \"b\": 2, \"a\": 3}", "y.json", d2);
  REQUIRE(small);
  CHECK(small->members.size() == 2);
  CHECK(messages(d2).size() == 1);
}

TEST_CASE("JSON strings: plain runs between escapes are kept whole") {
  Diagnostics d;
  auto v = parse_json(R"(["Иванова Мария\nПетровна \"наставник\" — 8Б", "", "\\", "конец\u0021"])", "x.json", d);
  REQUIRE(v);
  CHECK(v->items[0].str == "Иванова Мария\nПетровна \"наставник\" — 8Б");
  CHECK(v->items[1].str.empty());
  CHECK(v->items[2].str == "\\");
  CHECK(v->items[3].str == "конец!");
  CHECK(messages(d).empty());
}

TEST_CASE("JSON strings: escapes, surrogate pairs, unterminated") {
  Diagnostics d;
  auto v = parse_json(R"(["\u041c\u0438\u0440", "\ud83d\ude00", "a\"b"])", "x.json", d);
  REQUIRE(v);
  CHECK(v->items[0].str == "Мир");
  CHECK(v->items[1].str == "\xF0\x9F\x98\x80");
  CHECK(v->items[2].str == "a\"b");
  Diagnostics d2;
  CHECK_FALSE(parse_json("{\"a\": \"abc\n}", "x.json", d2));
  CHECK(messages(d2).front() == "x.json:1:7: ошибка: строка не закрыта кавычкой до конца строки");
}

TEST_CASE("deep nesting is refused, not a stack overflow") {
  Diagnostics d;
  std::string deep(100000, '[');
  CHECK_FALSE(parse_json(deep, "x.json", d));
  CHECK(d.has_errors());
}

TEST_CASE("YAML front matter: types, positions with offset, duplicate keys") {
  Diagnostics d;
  auto v = parse_yaml("title: Приказ\nnumber: \"76\"\ndate: 2021-11-10\ndraft: false\nweight: 3\n",
                      "content/orders/a.md", 1, d);
  REQUIRE(v);
  CHECK(v->get("title")->str == "Приказ");
  CHECK(v->get("title")->pos.line == 2);  // the YAML starts on line 2 of the file
  CHECK(v->get("number")->is_string());
  CHECK(v->get("date")->is_string());
  CHECK(v->get("draft")->is_bool());
  CHECK(v->get("weight")->is_number());
  Diagnostics d2;
  parse_yaml("title: a\ntitle: b\n", "p.md", 1, d2);
  REQUIRE(messages(d2) == std::vector<std::string>{"p.md:3:1: ошибка: ключ «title» повторяется"});
  Diagnostics d3;
  CHECK_FALSE(parse_yaml("title: [a\n", "p.md", 1, d3));
  CHECK(d3.has_errors());
  CHECK(d3.sorted().front().pos.file == "p.md");
}

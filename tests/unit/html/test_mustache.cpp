// Our Mustache engine against kainjow mustache 4.1, the engine the pages were rendered with before
// (kainjow stays a test-only dependency for this comparison): the built-in templates and thousands
// of random templates over random data render byte for byte the same; broken templates are refused
// by both; errors say where in Russian; partials render templates of the set.
#include <catch2/catch.hpp>

#include <deque>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <map>
#include <random>
#include <string>

#include "render/html/mustache.h"

namespace km = kainjow::mustache;
using nastavnik::mustache::Template;
using nastavnik::mustache::Value;

namespace {

// One data tree made for both engines. Strings live in `store` (our Values only view them).
struct Both {
  km::data k;
  Value v;
};

class DataMaker {
 public:
  explicit DataMaker(std::mt19937& rng) : rng_(rng) {}

  std::string_view keep(std::string s) { return store_.emplace_back(std::move(s)); }

  Both text(std::string s) {
    auto view = keep(std::move(s));
    return {km::data(std::string(view)), Value::text(view)};
  }
  Both boolean(bool b) { return {km::data(b ? km::data::type::bool_true : km::data::type::bool_false), Value::boolean(b)}; }

  Both random_text() {
    static const char* pieces[] = {"a", "Текст", " ", "<b>", "&", "\"", "'", ">", "\n", "x y", "ё", "{{", "}}", ""};
    std::string s;
    for (int n = pick(4); n >= 0; --n) s += pieces[pick(std::size(pieces) - 1)];
    return text(s);
  }

  // A random value: text, boolean, list or object (keys from the names the templates use).
  Both random_value(int depth) {
    int kind = pick(depth > 2 ? 2 : 5);
    if (kind <= 1) return random_text();
    if (kind == 2) return boolean(pick(1));
    if (kind == 3) {
      Both l{km::data(km::data::type::list), Value::list()};
      for (int n = pick(3); n > 0; --n) {
        Both item = random_value(depth + 1);
        l.k.push_back(item.k);
        l.v.push(std::move(item.v));
      }
      return l;
    }
    return random_object(depth + 1);
  }

  Both random_object(int depth) {
    Both o{km::data(km::data::type::object), Value()};
    for (const char* key : kKeys) {
      if (pick(3) == 0) continue;  // some keys missing
      Both x = random_value(depth);
      o.k.set(key, x.k);
      o.v.set(key, std::move(x.v));
    }
    return o;
  }

  int pick(size_t max) { return static_cast<int>(std::uniform_int_distribution<size_t>(0, max)(rng_)); }

  static constexpr const char* kKeys[] = {"a", "b", "list", "obj", "t", "f", "s"};

 private:
  std::mt19937& rng_;
  std::deque<std::string> store_;
};

// A random template with balanced sections (kainjow's and our parsers see the same text).
std::string random_template(std::mt19937& rng, int depth = 0) {
  static const char* names[] = {"a", "b", "list", "obj", "t", "f", "s", "missing", "obj.a", "obj.list",
                                "obj.obj.b", ".", "a.", ".a", "", " a "};
  static const char* texts[] = {"x", "Привет", " ", "  ", "\t", "\n", "\r\n", "\r", "<p>", "&amp;", "}", "{", "="};
  auto pick = [&](size_t max) { return std::uniform_int_distribution<size_t>(0, max)(rng); };
  std::string t;
  for (size_t n = pick(8); n > 0; --n) {
    std::string name = names[pick(std::size(names) - 1)];
    switch (pick(11)) {
      case 0: case 1: case 2: t += texts[pick(std::size(texts) - 1)]; break;
      case 3: t += "{{" + name + "}}"; break;
      case 4: t += "{{{" + name + "}}}"; break;
      case 5: t += "{{& " + name + " }}"; break;
      case 6: t += "{{! комментарий\n}}"; break;
      case 7: case 8:
      case 9:
        if (depth < 3 && !name.empty() && name != " a ") {
          const char* open = pick(2) == 0 ? "{{^" : "{{#";
          std::string nl = pick(1) ? "\n" : "";
          std::string indent = pick(1) ? "  " : "";
          t += indent + open + name + "}}" + nl + random_template(rng, depth + 1) + indent + "{{/" + name + "}}" + nl;
        }
        break;
      case 10: t += "\n"; break;
      case 11: t += "{{ " + name + " }}"; break;
    }
  }
  return t;
}

std::string kainjow_render(const std::string& text, const km::data& d) {
  km::mustache m(text);
  REQUIRE(m.is_valid());
  std::string out;
  m.render(d, [&out](const std::string& s) { out += s; });
  return out;
}

std::string our_render(const std::string& text, const Value& v) {
  Template t(text);
  REQUIRE(t.ok());
  std::string out;
  t.render(v, out);
  return out;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("mustache: random templates over random data render as kainjow rendered them") {
  std::mt19937 rng(20261205);
  int compared = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = random_template(rng);
    DataMaker maker(rng);
    Both data = maker.random_object(0);
    INFO("template: " << text);
    // Text next to a tag can make a template broken ("{" + "{{! …}}" opens a {{{…}}} tag).
    const bool valid = km::mustache(text).is_valid();
    REQUIRE(Template(text).ok() == valid);
    if (!valid) continue;
    REQUIRE(our_render(text, data.v) == kainjow_render(text, data.k));
    ++compared;
  }
  CHECK(compared > 15000);
}

TEST_CASE("mustache: the built-in page templates render as kainjow rendered them") {
  std::mt19937 rng(7);
  int templates = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(NASTAVNIK_TEMPLATE_DIR) + "/html")) {
    if (e.path().extension() != ".mustache") continue;
    std::string text = read(e.path());
    INFO("template: " << e.path());
    // The names the template uses, each given random values (lists of objects with the same keys).
    std::vector<std::string> keys;
    for (size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
      size_t from = at + 2;
      while (from < text.size() && std::string_view("{#^/&").find(text[from]) != std::string_view::npos) ++from;
      size_t to = text.find('}', from);
      if (to != std::string::npos && to > from) keys.push_back(text.substr(from, to - from));
    }
    for (int round = 0; round < 200; ++round) {
      DataMaker maker(rng);
      auto object = [&](auto&& self, int depth) -> Both {
        Both o{km::data(km::data::type::object), Value()};
        for (const std::string& k : keys) {
          if (maker.pick(3) == 0) continue;
          Both x = depth < 2 && maker.pick(2) == 0 ? [&] {
            Both l{km::data(km::data::type::list), Value::list()};
            for (int n = maker.pick(3); n > 0; --n) {
              Both item = self(self, depth + 1);
              l.k.push_back(item.k);
              l.v.push(std::move(item.v));
            }
            return l;
          }()
                                                   : maker.pick(4) == 0 ? maker.boolean(maker.pick(1)) : maker.random_text();
          o.k.set(k, x.k);
          o.v.set(maker.keep(k), std::move(x.v));
        }
        return o;
      };
      Both data = object(object, 0);
      REQUIRE(our_render(text, data.v) == kainjow_render(text, data.k));
    }
    ++templates;
  }
  CHECK(templates >= 6);
}

TEST_CASE("mustache: delimiter changes, comments and whitespace as kainjow") {
  std::mt19937 rng(3);
  const std::vector<std::string> texts = {
      "{{=<% %>=}}<% a %> {{a}} <%={{ }}=%>{{a}}",
      "{{=| |=}}|#list||.||/list|\n",
      "  {{#t}}  \n  x\n  {{/t}}  \n",
      "{{#f}}\n{{/f}}\nafter",
      "{{^missing}}\n  нет\n{{/missing}}\n",
      "{{! a\ncomment }}\n{{a}}\r\n{{#list}}\r\n[{{.}}]\r\n{{/list}}\r\n",
      "{{{=<% %>=}}}<%a%>",
      "{{#obj}}{{a}}{{#obj}}{{b}}{{/obj}}{{/obj}}",
      "tail {{#t}}",  // unbalanced: checked for refusal below, skipped here
  };
  for (const std::string& text : texts) {
    if (!km::mustache(text).is_valid()) continue;
    for (int round = 0; round < 50; ++round) {
      DataMaker maker(rng);
      Both data = maker.random_object(0);
      INFO("template: " << text);
      REQUIRE(our_render(text, data.v) == kainjow_render(text, data.k));
    }
  }
}

TEST_CASE("mustache: broken templates are refused, like kainjow, with a Russian message and place") {
  const std::vector<std::string> broken = {"{{a", "x\n  {{#s}}y", "{{/s}}", "{{#a}}{{/b}}", "{{#a}}{{#b}}{{/a}}{{/b}}",
                                           "{{=<%%>=}}", "{{= a =}}", "{{{a}}", "ok\n{{#list}}\n{{/list}}\n{{^x}}"};
  for (const std::string& text : broken) {
    INFO("template: " << text);
    CHECK_FALSE(km::mustache(text).is_valid());
    Template t(text);
    CHECK_FALSE(t.ok());
    CHECK(t.error_line() >= 1);
    CHECK(t.error_col() >= 1);
  }
  Template unclosed("<p>\n  {{#пункты}}x");
  CHECK(unclosed.error() == "секция «пункты» не закрыта: нет «{{/пункты}}»");
  CHECK(unclosed.error_line() == 2);
  CHECK(unclosed.error_col() == 3);
  Template wrong("Ё{{#a}}\n{{/b}}");
  CHECK(wrong.error() == "секция «a» (открыта в строке 1) закрыта тегом «{{/b}}»");
  CHECK(wrong.error_line() == 2);
  CHECK(wrong.error_col() == 1);
  Template tag("ёж {{name");
  CHECK(tag.error() == "незакрытый тег: нет «}}»");
  CHECK(tag.error_col() == 4);  // characters, not bytes
  // Random cuts of valid templates: refused by both or by neither.
  std::mt19937 rng(11);
  for (int i = 0; i < 3000; ++i) {
    std::string text = random_template(rng);
    if (text.empty()) continue;
    text.erase(std::uniform_int_distribution<size_t>(0, text.size() - 1)(rng), 1);
    INFO("template: " << text);
    REQUIRE(km::mustache(text).is_valid() == Template(text).ok());
  }
}

namespace {
class Set : public nastavnik::mustache::TemplateSet {
 public:
  std::map<std::string, Template, std::less<>> templates;
  const Template* find(std::string_view name) const override {
    auto it = templates.find(name);
    return it == templates.end() ? nullptr : &it->second;
  }
};
}  // namespace

TEST_CASE("mustache: a partial renders the template of that name with the current context") {
  Set set;
  set.templates.emplace("item", Template("<li>{{title}}</li>"));
  set.templates.emplace("self", Template("[{{>self}}]"));
  Template page("<ul>{{#items}}{{>item}}{{/items}}</ul>{{>missing}}");
  Value data;
  Value& items = data.set("items", Value::list());
  items.push(Value()).set("title", "Первый & второй");
  items.push(Value()).set("title", "Третий");
  std::string out;
  page.render(data, out, &set);
  CHECK(out == "<ul><li>Первый &amp; второй</li><li>Третий</li></ul>");
  // A partial that includes itself stops at a fixed depth instead of running out of stack.
  std::string deep;
  set.templates.at("self").render(Value(), deep, &set);
  CHECK(deep == std::string(17, '[') + std::string(17, ']'));
  // Without a set a partial renders nothing.
  std::string none;
  page.render(data, none);
  CHECK(none == "<ul></ul>");
}

TEST_CASE("mustache: values are views, setting a key again replaces it") {
  Value v;
  v.set("a", "1");
  v.set("a", "2");
  std::string out;
  Template("{{a}}|{{#a}}{{.}}{{/a}}").render(v, out);
  CHECK(out == "2|2");
  CHECK(v.get("b") == nullptr);
  CHECK(Value::text("x").get("a") == nullptr);
}

TEST_CASE("mustache: sections nested too deep are refused, a render that multiplies the page stops") {
  std::string deep;
  for (size_t i = 0; i <= Template::kMaxNesting; ++i) deep += "{{#a}}";
  Template refused(deep);
  CHECK_FALSE(refused.ok());
  CHECK(refused.error() == "секции вложены глубже 100 уровней");
  CHECK(refused.error_col() == static_cast<int>(6 * Template::kMaxNesting + 1));
  std::string fine;
  for (size_t i = 0; i < Template::kMaxNesting; ++i) fine = "{{#a}}" + fine + "{{/a}}";
  CHECK(Template(fine).ok());
  // Ten items, the same list nested six times: 10^6 renders of the innermost text, 100 MB.
  Value data;
  Value& list = data.set("items", Value::list());
  for (int i = 0; i < 10; ++i) list.push(Value::text("x"));
  std::string nested = std::string(100, '.');
  for (int i = 0; i < 6; ++i) nested = "{{#items}}" + nested + "{{/items}}";
  std::string out;
  CHECK_FALSE(Template(nested).render(data, out));
  CHECK(out.size() > Template::kMaxOutput);
  CHECK(out.size() < Template::kMaxOutput + 1000);
  std::string small;
  CHECK(Template("{{#items}}{{.}}{{/items}}").render(data, small));
  CHECK(small == "xxxxxxxxxx");
  // A partial that includes itself in a list multiplies the work, not the output: the step limit.
  Set set;
  set.templates.emplace("self", Template("{{#items}}{{>self}}{{/items}}"));
  std::string none;
  CHECK_FALSE(set.templates.at("self").render(data, none, &set, {1 << 20, 100'000}));
  CHECK(none.empty());
}

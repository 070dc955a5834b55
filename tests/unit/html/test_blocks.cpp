#include <catch2/catch.hpp>

#include <regex>

#include "render/html/blocks.h"

using namespace nastavnik;
using namespace nastavnik::html;

namespace {
int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}
// The labels of the value axis, in order.
std::vector<std::string> axis_labels(const std::string& svg) {
  std::vector<std::string> out;
  std::regex re("text-anchor=\"end\" class=\"axis\">([^<]*)<");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) out.push_back((*it)[1]);
  return out;
}
ChartData chart(std::vector<double> values, std::string title = "Участники") {
  ChartData c;
  c.title = title;
  for (size_t i = 0; i < values.size(); ++i) c.categories.push_back("Учитель — ученик " + std::to_string(i));
  c.series.push_back({"Наставники", values});
  return c;
}
}  // namespace

TEST_CASE("a chart has a text alternative: a label and its data as a table with header scopes") {
  std::string h = chart_html(chart({6, 14, 3}, "Участники по формам наставничества"));
  CHECK(h.find("<svg") != std::string::npos);
  CHECK(h.find("role=\"img\" aria-label=\"Участники по формам наставничества\"") != std::string::npos);
  CHECK(h.find("<details><summary>Данные диаграммы</summary>") != std::string::npos);
  // Every header cell of the data table has a scope; the three values are in it.
  CHECK(count(h, "<th ") + count(h, "<th>") == count(h, "<th scope="));
  CHECK(count(h, "<th scope=\"row\">") == 3);
  for (const char* v : {">6<", ">14<", ">3<"}) CHECK(h.find(v) != std::string::npos);
  // The title is HTML text (it wraps), not SVG text (cut off at the drawing's edge).
  CHECK(h.find("<figcaption class=\"chart-title\">Участники по формам наставничества</figcaption>") != std::string::npos);
  // The scrolling box of a phone can be reached with the keyboard.
  CHECK(h.find("class=\"chart-scroll\" role=\"region\" tabindex=\"0\"") != std::string::npos);
}

TEST_CASE("a long category label breaks after its dash into two lines") {
  std::string h = chart_html(chart({1}));
  CHECK(h.find(">Учитель —</tspan>") != std::string::npos);
  CHECK(h.find("dy=\"14\">ученик 0</tspan>") != std::string::npos);
}

TEST_CASE("the value axis has round steps and ends at or just above the largest value") {
  CHECK(axis_labels(chart_html(chart({100, 80}))) == std::vector<std::string>{"0", "20", "40", "60", "80", "100"});
  CHECK(axis_labels(chart_html(chart({2, 1}))) == std::vector<std::string>{"0", "1", "2"});
  CHECK(axis_labels(chart_html(chart({16, 14}))) == std::vector<std::string>{"0", "5", "10", "15", "20"});
  CHECK(axis_labels(chart_html(chart({46.2, 12.4}))).back() == "50");
  CHECK(axis_labels(chart_html(chart({0.4}))).size() >= 3);
}

#include <catch2/catch.hpp>

#include <algorithm>

#include "load/load.h"
#include "model/compliance.h"
#include "site_builder.h"

using namespace nastavnik;

namespace {
std::vector<std::string> errors_of(const Diagnostics& d) {
  std::vector<std::string> v;
  for (const auto& x : d.sorted())
    if (x.severity == Severity::error) v.push_back(format_diagnostic(x));
  return v;
}
std::unique_ptr<Site> load(TempSite& s, Diagnostics& d) {
  LoadOptions o;
  o.site_dir = s.root.string();
  return load_site(o, d);
}
}  // namespace

TEST_CASE("a valid site loads with its references resolved") {
  TempSite s("valid");
  s.write("data/schools/s1/people.json", R"([
    {"id": "ivanova", "last_name": "Иванова", "first_name": "Мария", "middle_name": "Петровна", "category": "teacher"},
    {"id": "petrov", "last_name": "Петров", "first_name": "Олег", "category": "student", "class": "8Б"}])");
  s.write("data/schools/s1/pairs.json", R"([{"id": "p1", "form": "teacher-student", "mentors": ["ivanova"],
    "mentees": ["petrov"], "program": "programs/p1", "start": "2023-09-01"}])");
  s.write("content/schools/s1/programs/p1.md", "---\ntitle: Программа\n---\nТекст\n");
  s.write("content/schools/s1/_index.md", "---\ntitle: Школа\n---\n```nastavnik\ntable: pairs\n```\n");
  Diagnostics d;
  auto site = load(s, d);
  REQUIRE(site);
  CHECK(errors_of(d).empty());
  const Org* school = site->find_org("s1");
  REQUIRE(school);
  REQUIRE(school->pairs.size() == 1);
  const Pair& p = school->pairs[0];
  REQUIRE(p.program);
  CHECK(p.program->title == "Программа");
  CHECK(p.mentors.front()->last_name == "Иванова");
  CHECK_FALSE(p.mentees.front()->publish_name);  // pupils: no consent by default
  CHECK(school->index->blocks.size() == 1);
  CHECK(school->index->blocks[0].what == "pairs");
  CHECK(school->index->url == "schools/s1/index.html");
  CHECK(site->settings.build_date == Date{2024, 9, 30});
}

TEST_CASE("one run reports every problem with file:line:col") {
  TempSite s("many");
  s.write("data/schools/s1/people.json", R"([
  {"id": "ivanova", "last_name": "Иванова", "category": "teacher"}
])");
  s.write("data/schools/s1/pairs.json", R"([
  {"id": "p1", "form": "teacher-teacher", "mentors": ["ivanova"], "mentees": ["nobody"]},
  {"id": "p2", "form": "teacher-pupil", "mentors": ["ivanova"], "mentees": ["ivanova"], "program": "programs/none"}
])");
  s.write("content/orders/prikaz.md", "---\ntitle: Приказ\nnumber: \"1\"\n---\n\n```nastavnik\ntable: pupils\n```\n");
  s.write("content/news/Новость.md", "---\ntitle: Новость\ndate: 2024-01-01\n---\n");
  s.write("data/events.json", "[{\"title\": \"Семинар\", \"date\": \"2024-13-01\"}");
  Diagnostics d;
  load(s, d);
  CHECK(errors_of(d) == std::vector<std::string>{
      "content/news/Новость.md: ошибка: недопустимое имя страницы «Новость»: разрешены строчные латинские буквы, цифры и «-»",
      "content/orders/prikaz.md:2:1: ошибка: нет обязательного поля «date» в заголовке страницы",
      "content/orders/prikaz.md:7:8: ошибка: неизвестная таблица «pupils»: ожидается participants, pairs, schools, events или indicators",
      "data/events.json:1:44: ошибка: ожидалась «,» или «]», а встретился конец файла",
      "data/schools/s1/pairs.json:2:79: ошибка: неизвестный человек «nobody» в паре «p1»: его нет в data/schools/s1/people.json",
      "data/schools/s1/pairs.json:3:24: ошибка: неизвестная форма наставничества «teacher-pupil»",
      "data/schools/s1/pairs.json:3:100: ошибка: неизвестная страница «programs/none» в паре «p2»: нет файла content/schools/s1/programs/none.md",
  });
}

TEST_CASE("unknown fields are warnings, not errors") {
  TempSite s("unknown");
  s.write("content/pages/a.md", "---\ntitle: A\ncolour: red\n---\n");
  Diagnostics d;
  auto site = load(s, d);
  REQUIRE(site);
  CHECK_FALSE(d.has_errors());
  std::vector<std::string> all;
  for (const auto& x : d.sorted()) all.push_back(format_diagnostic(x));
  CHECK(std::find(all.begin(), all.end(),
                  "content/pages/a.md:3:1: предупреждение: неизвестное поле «colour» в заголовке страницы (пропущено)") != all.end());
}

TEST_CASE("invalid UTF-8 is an error with the byte offset") {
  TempSite s("utf8");
  s.write("content/pages/a.md", "---\ntitle: A\n---\nпривет \xFF мир\n");
  Diagnostics d;
  load(s, d);
  CHECK(errors_of(d) == std::vector<std::string>{
      "content/pages/a.md:4:8: ошибка: файл не в кодировке UTF-8: неверный байт 0xFF по смещению 30 (сохраните файл в UTF-8)"});
}

TEST_CASE("paths that leave the site are errors") {
  TempSite s("escape");
  s.write("content/orders/a.md",
          "---\ntitle: A\ndate: 2024-01-01\nnumber: \"1\"\nappendices:\n  - file: ../../../etc/passwd\n---\n[x](../../../../etc/hosts)\n");
  Diagnostics d;
  load(s, d);
  auto e = errors_of(d);
  REQUIRE(e.size() == 2);
  CHECK(e[0] == "content/orders/a.md:6:5: ошибка: путь «../../../etc/passwd» ведёт за пределы папки сайта");
  CHECK(e[1] == "content/orders/a.md:8:1: ошибка: ссылка «../../../../etc/hosts» ведёт за пределы папки сайта");
}

TEST_CASE("references of documents: approved_by and appendices") {
  TempSite s("refs");
  s.write("data/roadmaps/rm.json", R"({"title": "Карта", "stages": [{"title": "Этап", "items": [{"title": "Пункт", "due": "2024-01-01"}]}]})");
  s.write("content/orders/o1.md", "---\ntitle: О внедрении\ndate: 2024-01-10\nnumber: \"5\"\nappendices:\n  - roadmap: rm\n  - page: documents/pol\n  - roadmap: missing\n---\nТекст\n");
  s.write("content/documents/pol.md", "---\ntitle: Положение\napproved_by: { order: orders/o1 }\n---\n");
  Diagnostics d;
  auto site = load(s, d);
  REQUIRE(site);
  CHECK(errors_of(d) == std::vector<std::string>{
      "content/orders/o1.md:8:14: ошибка: неизвестная дорожная карта «missing»: нет файла data/roadmaps/missing.json"});
  const Page* pol = site->org->page("documents/pol");
  REQUIRE(pol);
  REQUIRE(pol->approved_by);
  CHECK(pol->approved_by->number == "5");
  CHECK(pol->approved_label == "УТВЕРЖДЕНО приказом");
  const Page* o1 = site->org->page("orders/o1");
  REQUIRE(o1->appendices.size() == 2);
  CHECK(o1->appendices[0].roadmap->item_count() == 1);
  CHECK(o1->signatory->name == "А.Б. Петрова");
  CHECK(o1->appendices[0].roadmap->stages[0].items[0].status(site->settings.build_date) == ItemStatus::overdue);
}

TEST_CASE("files over the size limit are errors") {
  TempSite s("big");
  s.write("content/pages/big.md", "---\ntitle: Big\n---\n" + std::string(2000, 'x'));
  Diagnostics d;
  LoadOptions o;
  o.site_dir = s.root.string();
  o.max_text_bytes = 1000;
  load_site(o, d);
  CHECK(errors_of(d) == std::vector<std::string>{
      "content/pages/big.md: ошибка: файл слишком большой (2\u00A0КБ, предел 1000\u00A0Б)"});
}

TEST_CASE("data blocks: video hosts are an allow-list") {
  Diagnostics d;
  CHECK(parse_data_block("video: https://rutube.ru/video/0123456789abcdef0123456789abcdef/", {"p.md", 5, 1}, d));
  CHECK_FALSE(parse_data_block("video: https://evil.example/x", {"p.md", 5, 1}, d));
  CHECK_FALSE(parse_data_block("chart: pie", {"p.md", 5, 1}, d));
  CHECK_FALSE(parse_data_block("colour: red", {"p.md", 5, 1}, d));
  CHECK(errors_of(d).size() == 3);
}

TEST_CASE("schools loaded on several threads give the same model and diagnostics as on one") {
  TempSite s("parallel");
  for (int i = 1; i <= 9; ++i) {
    std::string id = "s" + std::to_string(i), dir = "data/schools/" + id + "/";
    s.write(dir + "org.json", R"({"kind": "school", "name": "Школа № )" + std::to_string(i) +
                                  R"(", "short_name": "СОШ", "head": {"position": "Директор", "name": "В.Г. Сидоров"}})");
    s.write(dir + "people.json", R"([{"id": "t", "last_name": "Иванова", "first_name": "Мария", "category": "teacher"},
      {"id": "p", "last_name": "Петров", "first_name": "Олег", "category": "student", "class": "8Б"}])");
    // Every third school refers to someone it does not have and to a missing programme.
    std::string mentee = i % 3 ? "p" : "nobody";
    s.write(dir + "pairs.json", R"([{"id": "p1", "form": "teacher-student", "mentors": ["t"], "mentees": [")" +
                                    mentee + R"("], "program": "programs/x", "start": "2023-09-01"}])");
    if (i % 3) s.write("content/schools/" + id + "/programs/x.md", "---\ntitle: Программа " + id + "\n---\nТекст\n");
  }
  auto run = [&](unsigned jobs, Diagnostics& d) {
    LoadOptions o;
    o.site_dir = s.root.string();
    o.jobs = jobs;
    return load_site(o, d);
  };
  Diagnostics d1, d4;
  auto one = run(1, d1), four = run(4, d4);
  REQUIRE(one);
  REQUIRE(four);
  CHECK(errors_of(d1).size() == 6);  // 3 schools × (unknown person, unknown page)
  CHECK(errors_of(d1) == errors_of(d4));
  REQUIRE(one->org->schools.size() == 9);  // s1 replaces TempSite's
  REQUIRE(four->org->schools.size() == 9);
  for (size_t i = 0; i < 9; ++i) {
    const Org& a = *one->org->schools[i];
    const Org& b = *four->org->schools[i];
    CHECK(a.id == b.id);
    CHECK(a.pairs.size() == b.pairs.size());
    CHECK(a.pages.size() == b.pages.size());
    if (!a.pairs.empty() && !b.pairs.empty()) CHECK((a.pairs[0].program == nullptr) == (b.pairs[0].program == nullptr));
  }
}

#include "model/markdown.h"

TEST_CASE("page bodies are kept while the budget lasts, the rest are read from their files when rendered") {
  TempSite s("kept");
  const std::string body1 = "Текст первой новости.\n", body2 = "Текст второй новости, длиннее.\n";
  s.write("content/news/n1.md", "---\ntitle: Первая\ndate: 2024-01-01\n---\n" + body1);
  s.write("content/news/n2.md", "---\ntitle: Вторая\ndate: 2024-01-02\n---\n" + body2);
  // A budget for TempSite's _index.md and one of the two bodies: one is kept, the other not.
  LoadOptions o;
  o.site_dir = s.root.string();
  o.kept_body_bytes = std::string("Текст.\n").size() + std::max(body1.size(), body2.size());
  Diagnostics d;
  auto site = load_site(o, d);
  REQUIRE(site);
  REQUIRE(errors_of(d).empty());
  const Page* p1 = site->org->page("news/n1");
  const Page* p2 = site->org->page("news/n2");
  REQUIRE(p1);
  REQUIRE(p2);
  CHECK(p1->body.has_value() != p2->body.has_value());
  const Page* kept = p1->body ? p1 : p2;
  CHECK(*kept->body == (kept == p1 ? body1 : body2));
  CHECK(page_body(*site, *p1, d).text() == body1);
  CHECK(page_body(*site, *p2, d).text() == body2);
  // A kept body is the text that was loaded and checked, even when the file changes afterwards.
  s.write(kept->file, "---\ntitle: Другая\n---\nДругой текст.\n");
  CHECK(page_body(*site, *kept, d).text() == (kept == p1 ? body1 : body2));
  CHECK(errors_of(d).empty());
  // By default (64 MiB) both are kept.
  auto all = load(s, d);
  REQUIRE(all);
  CHECK(all->org->page("news/n1")->body.has_value());
  CHECK(all->org->page("news/n2")->body.has_value());
}

TEST_CASE("page bodies past the budget are read from their files when rendered, BOM and front matter skipped") {
  TempSite s("bodies");
  s.write("content/news/n1.md", "\xEF\xBB\xBF---\ntitle: Новость\ndate: 2024-01-01\n---\nТекст «новости».\n");
  LoadOptions o;
  o.site_dir = s.root.string();
  o.kept_body_bytes = 0;
  Diagnostics d;
  auto site = load_site(o, d);
  REQUIRE(site);
  REQUIRE(errors_of(d).empty());
  const Page* p = site->org->page("news/n1");
  REQUIRE(p);
  CHECK_FALSE(p->body.has_value());
  CHECK(p->body_line == 5);
  CHECK(page_body(*site, *p, d).text() == "Текст «новости».\n");
  CHECK(errors_of(d).empty());
  // Edited during the build: an error naming the file, and no stale or partial text.
  s.write("content/news/n1.md", "---\ntitle: Новость\ndate: 2024-01-01\n---\nДругой текст, длиннее прежнего.\n");
  CHECK(page_body(*site, *p, d).text().empty());
  REQUIRE(errors_of(d).size() == 1);
  CHECK(errors_of(d)[0].find("content/news/n1.md") != std::string::npos);
  CHECK_FALSE(read_page_body(*site, *p).has_value());
}

TEST_CASE("a released school keeps what others read of it and loads again whole, changed files fail the reload") {
  TempSite s("release");
  s.write("data/schools/s1/people.json", R"([
    {"id": "ivanova", "last_name": "Иванова", "first_name": "Мария", "category": "teacher"},
    {"id": "petrov", "last_name": "Петров", "first_name": "Олег", "category": "student", "class": "8Б"}])");
  s.write("data/schools/s1/pairs.json", R"([{"id": "p1", "form": "teacher-student", "mentors": ["ivanova"],
    "mentees": ["petrov"], "program": "programs/p1", "start": "2023-09-01"}])");
  s.write("content/schools/s1/programs/p1.md", "---\ntitle: Программа\n---\nТекст\n");
  s.write("content/schools/s1/files/plan.pdf", "%PDF-1.4\n");
  s.write("content/schools/s1/_index.md", "---\ntitle: Школа\n---\n```nastavnik\ntable: pairs\n```\n");
  std::vector<std::string> seen;  // what `loaded` saw: the school whole, before it was released
  LoadOptions o;
  o.site_dir = s.root.string();
  o.release_schools_over = 0;
  o.loaded = [&](const Site&, const Org& org) {
    seen.push_back(org.id + ":" + std::to_string(org.people.size()) + ":" + std::to_string(org.pairs.size()));
  };
  Diagnostics d;
  auto site = load_site(o, d);
  REQUIRE(site);
  CHECK(errors_of(d).empty());
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::string>{":0:0", "s1:2:1"});
  const Org* school = site->find_org("s1");
  REQUIRE(school);
  CHECK(school->released);
  CHECK(school->people.empty());
  CHECK(school->pages.empty());
  CHECK_FALSE(site->org->released);  // the department is never released
  REQUIRE(school->summary);
  CHECK(school->summary->pairs == 1);
  CHECK(school->summary->program);
  // Links to the school's pages and files resolve after it is released.
  CHECK(site->links.at("content/schools/s1/programs/p1.md").url == "schools/s1/programs/p1.html");
  CHECK(site->links.at("content/schools/s1/files/plan.pdf").attachment);

  o.loaded = nullptr;
  auto whole = reload_org(o, *site, *school);
  REQUIRE(whole);
  CHECK_FALSE(whole->released);
  CHECK(whole->people.size() == 2);
  REQUIRE(whole->pairs.size() == 1);
  REQUIRE(whole->pairs[0].program);
  CHECK(whole->pairs[0].program->org == whole.get());  // the copy's pages belong to the copy
  CHECK(whole->index);
  // The reload keeps its bodies (rendered now, dropped after); the department's are kept too.
  CHECK(whole->pairs[0].program->body == std::optional<std::string>("Текст\n"));
  CHECK(site->org->index->body.has_value());

  // A file changed after the first load, even one that still loads cleanly: the reload is refused
  // (what was checked and gated is not what would be rendered).
  s.write("data/schools/s1/people.json", R"([
    {"id": "ivanova", "last_name": "Иванова", "first_name": "Мария", "category": "teacher", "phone": "+7 900 000-00-00"},
    {"id": "petrov", "last_name": "Петров", "first_name": "Олег", "category": "student", "class": "8Б"}])");
  CHECK_FALSE(reload_org(o, *site, *school));
  // A file broken after the first load: the reload fails too.
  s.write("data/schools/s1/pairs.json", R"([{"id": "p1", "form": "teacher-student", "mentors": ["nobody"],
    "mentees": ["petrov"]}])");
  CHECK_FALSE(reload_org(o, *site, *school));
}

TEST_CASE("bodies without fences, links or HTML skip the load-time parse, what the parse finds is still found") {
  TempSite s("prefilter");
  // Plain text with a list and a table: nothing to find.
  s.write("content/news/plain.md", "---\ntitle: П\ndate: 2024-01-01\n---\nТекст: раз, два.\n\n- пункт\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  // Bare autolinks with schemes we remove, in any case, without [ or <.
  s.write("content/news/ftp.md", "---\ntitle: Ф\ndate: 2024-01-02\n---\nСм. FTP://files.example.ru/a и xmpp:user@example.ru, www.example.ru.\n");
  // A fence, a link and raw HTML.
  s.write("content/news/marks.md",
          "---\ntitle: М\ndate: 2024-01-03\n---\n[нет](nope.md)\n\n<b>жирный</b>\n\n```nastavnik\ntable: monitoring\n```\n");
  Diagnostics d;
  auto site = load(s, d);
  REQUIRE(site);
  std::vector<std::string> all;
  for (const auto& x : d.sorted()) all.push_back(format_diagnostic(x));
  auto has = [&](const std::string& part) {
    return std::any_of(all.begin(), all.end(), [&](const std::string& m) { return m.find(part) != std::string::npos; });
  };
  // Autolinks have no column in cmark: the paragraph's line.
  CHECK(has("content/news/ftp.md:5: предупреждение: ссылка «FTP://files.example.ru/a» с опасной схемой удалена"));
  CHECK(has("content/news/ftp.md:5: предупреждение: ссылка «xmpp:user@example.ru» с опасной схемой удалена"));
  CHECK(has("content/news/marks.md:5:1: ошибка: ссылка на несуществующий файл «nope.md»"));
  CHECK(has("content/news/marks.md:7:1: предупреждение: HTML в тексте страницы не публикуется"));
  CHECK_FALSE(has("plain.md"));
  const Page* marks = nullptr;
  for (const auto& p : site->org->pages)
    if (p->slug == "marks") marks = p.get();
  REQUIRE(marks);
  CHECK(marks->blocks.size() == 1);
}

TEST_CASE("an organisation finds a page by \"<section>/<slug>\" and nothing else") {
  Org org;
  for (auto [section, slug] : {std::pair{"programs", "a"}, {"programs", "ab"}, {"news", "a"}, {"", "_index"}}) {
    auto p = std::make_unique<Page>();
    p->section = section;
    p->slug = slug;
    org.pages.push_back(std::move(p));
  }
  REQUIRE(org.page("programs/a") != nullptr);
  CHECK(org.page("programs/a")->slug == "a");
  CHECK(org.page("programs/ab")->slug == "ab");
  CHECK(org.page("news/a")->section == "news");
  CHECK(org.page("/_index") == org.pages[3].get());
  for (const char* none : {"programs/", "programs/abc", "programsa", "program/sa", "programs-a", "news/ab", "a", ""})
    CHECK(org.page(none) == nullptr);
}

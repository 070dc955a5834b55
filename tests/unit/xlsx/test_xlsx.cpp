// Unit tests of the XLSX renderer's pieces: the summary's computed values, the column tables of the
// bases, sheet names and cell references, and the workbook layer (privacy text, reproducibility).
#include <catch2/catch.hpp>

#include <mutex>

#include <set>

#include "core/utf8.h"
#include "load/workbook_styles.h"
#include "model/compliance.h"
#include "render/xlsx/bases.h"
#include "render/xlsx/common.h"
#include "render/xlsx/summary.h"
#include "render/xlsx/workbook.h"

using namespace nastavnik;
using namespace nastavnik::xlsx;

namespace {

Person* add_person(Org& org, std::string id, std::string last, Category c, bool young = false) {
  auto p = std::make_unique<Person>();
  p->id = std::move(id);
  p->last_name = std::move(last);
  p->first_name = "Имя";
  p->middle_name = "Отчество";
  p->category = c;
  p->young_specialist = young;
  p->contacts = {"PRIVphone-" + p->id, "PRIVemail-" + p->id};
  p->competencies = {"PRIVcompetence-" + p->id};
  p->interests = {"PRIVinterest-" + p->id};
  p->requests = {"PRIVrequest-" + p->id};
  p->experience_years = 3;
  org.people.push_back(std::move(p));
  return org.people.back().get();
}

Pair make_pair(std::string id, Form f, std::vector<const Person*> mentors, std::vector<const Person*> mentees,
               PairStatus s = PairStatus::active) {
  Pair p;
  p.id = std::move(id);
  p.form = f;
  p.mentors = std::move(mentors);
  p.mentees = std::move(mentees);
  p.status = s;
  p.start = Date{2024, 9, 1};
  p.result = "PRIVresult-" + p.id;
  return p;
}

void add_roadmap(Org& org, int done, int overdue, int in_progress) {
  auto r = std::make_unique<Roadmap>();
  r->id = "rm";
  r->title = "Дорожная карта";
  r->columns = {"title"};
  RoadmapStage st{"Этап", {}};
  auto item = [&](bool is_done, Date due) {
    RoadmapItem i;
    i.fields["title"] = "Мероприятие";
    i.done = is_done;
    i.due = due;
    st.items.push_back(i);
  };
  for (int k = 0; k < done; ++k) item(true, {2024, 1, 1});
  for (int k = 0; k < overdue; ++k) item(false, {2024, 1, 1});
  for (int k = 0; k < in_progress; ++k) item(false, {2025, 5, 1});
  r->stages.push_back(st);
  org.roadmaps.push_back(std::move(r));
}

// A department with two schools:
//   A: 2 mentors, 3 mentees in 2 teacher pairs + 1 terminated pair; 2 young specialists, 1 with a
//      mentor; roadmap 2 done, 1 overdue, 1 in progress.
//   B: 1 mentor, 2 pupils in a student pair; no young specialists; no roadmap.
struct Fixture {
  Site site;
  Org* dept;
  Org *a, *b;
  Fixture() {
    site.settings.build_date = {2024, 9, 30};
    site.settings.base_url = "https://example.ru/";
    site.org = std::make_unique<Org>();
    dept = site.org.get();
    dept->department = true;
    dept->short_name = "Департамент";
    for (const char* id : {"a", "b"}) {
      auto s = std::make_unique<Org>();
      s->id = id;
      s->url_prefix = std::string("schools/") + id + "/";
      s->parent = dept;
      dept->schools.push_back(std::move(s));
    }
    a = dept->schools[0].get();
    b = dept->schools[1].get();
    a->short_name = "Школа А";
    a->name = "Школа А полностью";
    b->short_name = "Школа Б";
    Person* m1 = add_person(*a, "m1", "Яковлева", Category::teacher);
    Person* m2 = add_person(*a, "m2", "Борисов", Category::teacher);
    Person* y1 = add_person(*a, "y1", "Молодой", Category::teacher, true);
    Person* y2 = add_person(*a, "y2", "Новый", Category::teacher, true);
    Person* t3 = add_person(*a, "t3", "Третий", Category::teacher);
    add_person(*a, "free", "Свободный", Category::teacher);  // no pair: a possible mentor
    a->pairs.push_back(make_pair("p1", Form::teacher_teacher, {m1}, {y1}));
    a->pairs.push_back(make_pair("p2", Form::teacher_teacher, {m2}, {t3, m1}));
    a->pairs.push_back(make_pair("p3", Form::teacher_teacher, {m2}, {y2}, PairStatus::terminated));
    add_roadmap(*a, 2, 1, 1);
    Person* s1 = add_person(*b, "s1", "Старший", Category::student);
    Person* s2 = add_person(*b, "s2", "Младший", Category::student);
    Person* s3 = add_person(*b, "s3", "Малый", Category::student);
    b->pairs.push_back(make_pair("q1", Form::student_student, {s1}, {s2, s3}));
  }
};

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

BookInfo info(std::string title, std::string company, Date created, bool is_public) {
  BookInfo i;
  i.title = std::move(title);
  i.company = std::move(company);
  i.created = created;
  i.is_public = is_public;
  return i;
}

// The built-in workbook styles (templates/workbooks/*.yaml), loaded once; they load without a word.
const WorkbookStyles& builtin_styles() {
  static const WorkbookStyles styles = [] {
    Site site;
    site.root = "/nonexistent-site";
    Diagnostics d;
    load_workbook_styles(site, NASTAVNIK_TEMPLATE_DIR, d);
    for (const auto& x : d.sorted()) FAIL(format_diagnostic(x));
    return site.workbook_styles;
  }();
  return styles;
}

}  // namespace

TEST_CASE("summary: per school values, totals and shares") {
  Fixture f;
  Summary s = summarize(*f.dept, f.site.settings.build_date);
  REQUIRE(s.schools.size() == 2);
  const SummaryLine& a = s.schools[0];
  CHECK(a.org == f.a);
  CHECK(a.mentors == 2);
  CHECK(a.mentees == 3);  // y1, t3, m1; the terminated pair does not count
  CHECK(a.pairs == 3);
  CHECK(a.young == 2);
  CHECK(a.young_with_mentor == 1);
  REQUIRE(a.young_share());
  CHECK(*a.young_share() == Approx(0.5));
  CHECK(a.roadmap_total == 4);
  CHECK(a.roadmap_done == 2);
  CHECK(a.roadmap_overdue == 1);
  CHECK(*a.done_share() == Approx(0.5));
  const SummaryLine& b = s.schools[1];
  CHECK(b.mentors == 1);
  CHECK(b.mentees == 2);
  CHECK_FALSE(b.young_share());  // no young specialists: no share, not 0
  CHECK_FALSE(b.done_share());

  const SummaryLine& t = s.total;
  CHECK(t.org == nullptr);
  CHECK(t.mentors == 3);
  CHECK(t.mentees == 5);
  CHECK(t.pairs == 4);
  CHECK(*t.young_share() == Approx(0.5));  // a share of the sums, not a mean of shares
  CHECK(*t.done_share() == Approx(0.5));
  CHECK(t.counts.at(Form::teacher_teacher).mentees == 3);
  CHECK(t.counts.at(Form::student_student).mentors == 1);
  CHECK(s.forms == std::vector<Form>{Form::student_student, Form::teacher_teacher});
  REQUIRE(t.items.size() == compliance_item_titles().size());
  CHECK(t.items.back() == 2);  // both schools have pairs
  CHECK(t.items[3] == 1);      // one has a roadmap
}

// The built-in column lists (templates/workbooks/bases.yaml), as the bases had them before they
// moved into the style: the target model's columns (DOMAIN.md).
TEST_CASE("bases: the built-in column lists") {
  const WorkbookStyles& st = builtin_styles();
  auto fields = [](const std::vector<WorkbookColumn>& v) {
    std::vector<std::string> out;
    for (const auto& c : v) out.push_back(c.field);
    return out;
  };
  CHECK(fields(st.bases.mentors.columns) ==
        std::vector<std::string>{"full_name", "category", "role", "workplace", "phone", "email", "experience",
                                 "competencies", "achievements", "interests", "requests", "birth_date",
                                 "young_specialist", "consent", "pair", "start", "mentees", "form", "kind", "place",
                                 "end", "status", "topic", "result", "program", "order"});
  CHECK(fields(st.bases.mentees.columns) ==
        std::vector<std::string>{"full_name", "category", "role", "workplace", "phone", "email", "birth_date", "age",
                                 "young_specialist", "experience", "requests", "interests", "competencies",
                                 "achievements", "consent", "pair", "start", "mentors", "mentor_workplace", "form",
                                 "kind", "place", "end", "status", "topic", "result", "program", "order"});
  CHECK(st.bases.mentors.columns[0].header == "ФИО наставника");
  CHECK(st.bases.mentees.columns[0].header == "ФИО наставляемого");
  CHECK(st.bases.mentees.columns[4].header == "Телефон (для несовершеннолетних — законного представителя)");
  CHECK(st.bases.mentors.columns[8].header == "Важные для программы достижения");
  CHECK(st.bases.mentors.sheet == "Наставники");
  CHECK(st.bases.mentees.sheet == "Наставляемые");
  for (const auto* list : {&st.bases.mentors.columns, &st.bases.mentees.columns}) {
    auto cols = base_columns(*list);
    REQUIRE(cols.size() == list->size());  // every field has a getter
    std::set<std::string> headers;
    for (const auto& c : cols) {
      INFO(c.header);
      CHECK(headers.insert(c.header).second);  // unique
      CHECK(utf8::is_cyrillic_letter(utf8::decode(c.header).front()));
      CHECK(c.width >= 5);
      CHECK(c.get != nullptr);
    }
  }
  // The merged bases put the organisation first, once.
  auto merged = base_columns(st.bases.mentors.columns, &st.bases.organisation);
  CHECK(merged.size() == st.bases.mentors.columns.size() + 1);
  CHECK(merged[0].header == "Организация");
  std::vector<WorkbookColumn> with_org = {{"organisation", "Школа", 20, {}}, {"full_name", "ФИО", 30, {}}};
  auto own = base_columns(with_org, &st.bases.organisation);
  REQUIRE(own.size() == 2);
  CHECK(own[0].header == "Школа");
}

TEST_CASE("bases: every field of the style has a getter") {
  for (const auto& f : base_fields()) {
    INFO(f.name);
    const BaseField* g = base_field(f.name);
    REQUIRE(g);
    CHECK(g->get != nullptr);
  }
  CHECK(base_field("telefon") == nullptr);
}

TEST_CASE("bases: a row per person and pair, with every private field") {
  Fixture f;
  const SiteSettings& s = f.site.settings;
  auto mentors = base_rows(Base::mentors, *f.a, s);
  // m1 (p1), m2 (p2), m2 (p3), and «Свободный» without a pair; sorted by name.
  REQUIRE(mentors.size() == 4);
  CHECK(mentors[0].person->last_name == "Борисов");
  CHECK(mentors[1].person->last_name == "Борисов");
  CHECK(mentors[2].person->last_name == "Свободный");
  CHECK(mentors[2].pair == nullptr);
  auto mentees = base_rows(Base::mentees, *f.a, s);
  CHECK(mentees.size() == 4);  // y1, t3, m1, y2

  // Every private field of a person shows in some column of each base.
  for (Base base : {Base::mentors, Base::mentees}) {
    const auto& row = base == Base::mentors ? mentors[0] : mentees[0];
    std::string all;
    for (const auto& c : base_columns(base_style(base, builtin_styles().bases).columns)) {
      Cell v = c.get(row);
      if (auto* t = std::get_if<std::string>(&v)) all += *t + "|";
    }
    const Person& p = *row.person;
    for (const auto& needle : {p.contacts.phone, p.contacts.email, p.competencies[0], p.interests[0],
                               p.requests[0], row.pair->result, p.full_name()}) {
      INFO(needle);
      CHECK(contains(all, needle));
    }
  }
  // A column getter copes with a row without a pair.
  for (const auto& c : base_columns(builtin_styles().bases.mentors.columns)) (void)c.get(mentors[2]);
}

TEST_CASE("sheet names and cell references") {
  CHECK(sheet_name("Сводка", {}) == "Сводка");
  CHECK(sheet_name("a/b:c?[d]*'e'", {}) == "abcde");
  std::string longer = sheet_name("Доля педагогических работников, имеющих квалификационные категории", {});
  CHECK(utf8::length(longer) == 31);
  CHECK(contains(longer, "…"));
  CHECK(sheet_name("сводка", {"Сводка"}) == "сводка (2)");
  CHECK(sheet_name("Сводка", {"Сводка", "Сводка (2)"}) == "Сводка (3)");
  CHECK(utf8::length(sheet_name(longer, {longer})) == 31);
  CHECK(sheet_name("", {}) == "Лист");
  CHECK(cell_ref(0, 0) == "A1");
  CHECK(cell_ref(2, 27) == "AB3");
  CHECK(cell_ref(9, 2, true) == "$C$10");
  CHECK(range_ref("Участники", 2, 0, 5, 0) == "'Участники'!$A$3:$A$6");
  CHECK(school_year({2024, 9, 1}) == "2024/2025");
  CHECK(school_year({2024, 8, 31}) == "2023/2024");
}

TEST_CASE("workbooks: public text for the gate, no private fields, same bytes twice") {
  Fixture f;
  auto build = [&](std::string& gate) {
    Workbook book(info("Мониторинг", "Школа А", f.site.settings.build_date, true));
    REQUIRE(add_org_sheets(book, *f.a, f.site.settings, builtin_styles().monitoring));
    std::string error;
    std::mutex lock;
    auto bytes = book.close(error, lock);
    INFO(error);
    REQUIRE(bytes);
    gate = book.gate_text();
    return *bytes;
  };
  std::string gate1, gate2;
  std::string one = build(gate1), two = build(gate2);
  CHECK(one.substr(0, 2) == "PK");
  CHECK(one == two);
  CHECK(contains(gate1, "Участники"));
  CHECK(contains(gate1, "Учитель – учитель"));
  CHECK(contains(gate1, "Дорожная карта"));
  CHECK_FALSE(contains(gate1, "PRIV"));
  for (const auto& p : f.a->people) CHECK_FALSE(contains(gate1, p->last_name));

  // A private base has no gate text (it is not scanned) but holds the private fields.
  Workbook priv(info("База наставников", "Школа А", f.site.settings.build_date, false));
  write_base(priv, "Наставники", base_columns(builtin_styles().bases.mentors.columns),
             base_rows(Base::mentors, *f.a, f.site.settings), "База");
  std::string error;
  std::mutex lock;
  auto bytes = priv.close(error, lock);
  REQUIRE(bytes);
  CHECK(priv.gate_text().empty());
}

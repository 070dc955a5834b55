#include "model/model.h"

#include <algorithm>

#include "core/utf8.h"

namespace nastavnik {

namespace {
template <class E>
struct Named {
  E value;
  std::string_view code, title;
};

const Named<Form> kForms[] = {
    {Form::student_student, "student-student", "Ученик – ученик"},
    {Form::teacher_teacher, "teacher-teacher", "Учитель – учитель"},
    {Form::teacher_student, "teacher-student", "Учитель – ученик"},
    {Form::university_student_student, "university_student-student", "Студент – ученик"},
    {Form::employer_student, "employer-student", "Работодатель – ученик"},
    {Form::employer_university_student, "employer-university_student", "Работодатель – студент"},
    {Form::manager_teacher, "manager-teacher", "Руководитель – учитель"},
    {Form::org_org, "org-org", "Образовательная организация – образовательная организация"},
};
const Named<Category> kCategories[] = {
    {Category::teacher, "teacher", "педагог"},
    {Category::student, "student", "обучающийся"},
    {Category::university_student, "university_student", "студент"},
    {Category::employer, "employer", "представитель работодателя"},
    {Category::manager, "manager", "руководитель"},
    {Category::organization, "organization", "организация"},
};
const Named<PairKind> kKinds[] = {
    {PairKind::individual, "individual", "традиционное"}, {PairKind::group, "group", "групповое"},
    {PairKind::flash, "flash", "флеш-наставничество"},    {PairKind::network, "network", "сетевое"},
    {PairKind::reverse, "reverse", "реверсивное"},        {PairKind::virtual_, "virtual", "виртуальное"},
};
const Named<PairStatus> kStatuses[] = {
    {PairStatus::planned, "planned", "планируется"},
    {PairStatus::active, "active", "действует"},
    {PairStatus::completed, "completed", "завершена"},
    {PairStatus::terminated, "terminated", "прекращена"},
};
const Named<PageType> kPageTypes[] = {
    {PageType::order, "order", "Приказ"},       {PageType::document, "document", "Документ"},
    {PageType::program, "program", "Программа"}, {PageType::report, "report", "Справка"},
    {PageType::practice, "practice", "Практика"}, {PageType::news, "news", "Новость"},
    {PageType::page, "page", "Страница"},        {PageType::index, "index", "Раздел"},
};

template <class E, size_t N>
std::optional<E> from_code(const Named<E> (&table)[N], std::string_view s) {
  for (const auto& n : table)
    if (n.code == s) return n.value;
  return std::nullopt;
}
template <class E, size_t N>
const Named<E>& find(const Named<E> (&table)[N], E v) {
  for (const auto& n : table)
    if (n.value == v) return n;
  return table[0];
}

std::string first_letter(const std::string& s) {
  if (s.empty()) return "";
  size_t i = 0;
  std::string out;
  utf8::append(out, utf8::next(s, i));
  return out;
}
}  // namespace

const std::vector<Form>& all_forms() {
  static const std::vector<Form> v = [] {
    std::vector<Form> r;
    for (const auto& f : kForms) r.push_back(f.value);
    return r;
  }();
  return v;
}
std::string_view form_code(Form f) { return find(kForms, f).code; }
std::string_view form_title(Form f) { return find(kForms, f).title; }
std::optional<Form> form_from_code(std::string_view s) { return from_code(kForms, s); }
std::optional<Category> category_from_code(std::string_view s) { return from_code(kCategories, s); }
std::string_view category_title(Category c) { return find(kCategories, c).title; }
std::optional<PairKind> pair_kind_from_code(std::string_view s) { return from_code(kKinds, s); }
std::string_view pair_kind_title(PairKind k) { return find(kKinds, k).title; }
std::optional<PairStatus> pair_status_from_code(std::string_view s) { return from_code(kStatuses, s); }
std::string_view pair_status_title(PairStatus s) { return find(kStatuses, s).title; }
std::optional<PageType> page_type_from_code(std::string_view s) { return from_code(kPageTypes, s); }
std::string_view page_type_code(PageType t) { return find(kPageTypes, t).code; }
std::string_view item_status_title(ItemStatus s) {
  switch (s) {
    case ItemStatus::done: return "выполнено";
    case ItemStatus::overdue: return "просрочено";
    case ItemStatus::in_progress: return "в работе";
  }
  return "";
}
std::string_view item_status_code(ItemStatus s) {
  switch (s) {
    case ItemStatus::done: return "done";
    case ItemStatus::overdue: return "overdue";
    case ItemStatus::in_progress: return "in-progress";
  }
  return "";
}

std::string Person::full_name() const {
  std::string s = last_name;
  if (!first_name.empty()) s += " " + first_name;
  if (!middle_name.empty()) s += " " + middle_name;
  return s;
}
std::string Person::short_name() const {
  if (category == Category::organization) return last_name;
  std::string s = last_name;
  if (!first_name.empty()) {
    s += "\u00A0" + first_letter(first_name) + ".";
    if (!middle_name.empty()) s += first_letter(middle_name) + ".";
  }
  return s;
}
std::string Person::initials_name() const {
  std::string s = last_name;
  if (!first_name.empty()) s += "\u00A0" + first_letter(first_name) + ".";
  return s;
}

std::optional<std::string> public_name(const Person& p, const SiteSettings& s) {
  if (p.category == Category::organization) return p.last_name;
  bool minor_like = p.category == Category::student || p.category == Category::university_student;
  if (p.publish_name) return minor_like ? p.short_name() : p.full_name();
  if (minor_like && s.privacy_students == "initials") return p.initials_name();
  return std::nullopt;
}

const std::string& RoadmapItem::title() const {
  static const std::string empty;
  auto it = fields.find("title");
  return it == fields.end() ? empty : it->second;
}
ItemStatus RoadmapItem::status(Date today) const {
  if (done) return ItemStatus::done;
  if (due && *due < today) return ItemStatus::overdue;
  return ItemStatus::in_progress;
}

std::string Roadmap::label(const std::string& column) const {
  if (auto it = labels.find(column); it != labels.end()) return it->second;
  static const std::map<std::string, std::string> defaults = {
      {"title", "Мероприятие"},
      {"indicator", "Показатель реализации"},
      {"result", "Форма представления результата"},
      {"deadline", "Сроки"},
      {"responsible", "Ответственные"},
      {"participants", "Категория участников"},
      {"expected", "Ожидаемые результаты"},
      {"status", "Статус"},
  };
  auto it = defaults.find(column);
  return it == defaults.end() ? column : it->second;
}
size_t Roadmap::item_count() const {
  size_t n = 0;
  for (const auto& s : stages) n += s.items.size();
  return n;
}

long ParticipantsYear::mentors() const {
  long n = 0;
  for (const auto& [_, c] : by_form) n += c.mentors;
  return n;
}
long ParticipantsYear::mentees() const {
  long n = 0;
  for (const auto& [_, c] : by_form) n += c.mentees;
  return n;
}
const Indicator* Monitoring::indicator(std::string_view id) const {
  for (const auto& i : indicators)
    if (i.id == id) return &i;
  return nullptr;
}

std::string Event::when_text() const { return date ? date_long(*date) : when; }

std::string Page::number_text() const { return number.empty() ? "" : "№\u00A0" + number; }

const Person* Org::person(std::string_view id) const {
  for (const auto& p : people)
    if (p->id == id) return p.get();
  return nullptr;
}
const Roadmap* Org::roadmap(std::string_view id) const {
  for (const auto& r : roadmaps)
    if (r->id == id) return r.get();
  return nullptr;
}
const Page* Org::page(std::string_view ref) const {
  for (const auto& p : pages) {  // "<section>/<slug>", compared in place (no string per page)
    const std::string& section = p->section;
    if (ref.size() == section.size() + 1 + p->slug.size() && ref.starts_with(section) &&
        ref[section.size()] == '/' && ref.ends_with(p->slug))
      return p.get();
  }
  return nullptr;
}
std::vector<const Page*> Org::pages_of(std::string_view section) const {
  std::vector<const Page*> v;
  for (const auto& p : pages)
    if (p->section == section) v.push_back(p.get());
  return v;
}
std::map<Form, FormCount> Org::current_counts() const {
  std::map<Form, FormCount> counts;
  if (!pairs.empty()) {
    std::map<Form, std::vector<const Person*>> mentors, mentees;
    for (const auto& pair : pairs) {
      if (pair.status == PairStatus::terminated || pair.status == PairStatus::planned) continue;
      for (auto* m : pair.mentors) mentors[pair.form].push_back(m);
      for (auto* m : pair.mentees) mentees[pair.form].push_back(m);
    }
    auto distinct = [](std::vector<const Person*> v) {
      std::sort(v.begin(), v.end());
      return static_cast<long>(std::unique(v.begin(), v.end()) - v.begin());
    };
    for (auto& [f, v] : mentors) counts[f].mentors = distinct(v);
    for (auto& [f, v] : mentees) counts[f].mentees = distinct(v);
    return counts;
  }
  if (monitoring && !monitoring->participants.empty()) return monitoring->participants.back().by_form;
  return counts;
}

std::vector<const Org*> Site::orgs() const {
  std::vector<const Org*> v;
  if (!org) return v;
  v.push_back(org.get());
  for (const auto& s : org->schools) v.push_back(s.get());
  return v;
}
const Org* Site::find_org(std::string_view id) const {
  for (const Org* o : orgs())
    if (o->id == id) return o;
  return nullptr;
}

}  // namespace nastavnik

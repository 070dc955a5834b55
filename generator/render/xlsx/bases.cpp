#include "render/xlsx/bases.h"

#include <algorithm>
#include <set>

#include "render/xlsx/common.h"

namespace nastavnik::xlsx {

namespace {

// ---- Getters shared by both bases ----

std::string names(const std::vector<const Person*>& people) {
  std::string s;
  for (const Person* p : people) s += (s.empty() ? "" : "; ") + p->full_name();
  return s;
}

std::string role_of(const Person& p) {  // «учитель математики» or «8Б» for a pupil
  return p.category == Category::student && !p.class_name.empty() ? p.class_name : p.position;
}

Cell full_name(const BaseRow& r) { return r.person->full_name(); }
Cell category(const BaseRow& r) { return std::string(category_title(r.person->category)); }
Cell role(const BaseRow& r) {
  const Person& p = *r.person;
  if (!p.class_name.empty() && !p.position.empty()) return p.position + ", " + p.class_name;
  return text(p.class_name.empty() ? p.position : p.class_name);
}
Cell workplace(const BaseRow& r) { return r.org->short_name; }
Cell phone(const BaseRow& r) { return text(r.person->contacts.phone); }
Cell email(const BaseRow& r) { return text(r.person->contacts.email); }
Cell experience(const BaseRow& r) {
  if (!r.person->experience_years) return {};
  return *r.person->experience_years;
}
Cell young(const BaseRow& r) {
  if (r.person->category != Category::teacher) return {};
  return yes_no(r.person->young_specialist);
}
Cell competencies(const BaseRow& r) { return join(r.person->competencies); }
Cell achievements(const BaseRow& r) { return text(r.person->achievements); }
Cell interests(const BaseRow& r) { return join(r.person->interests); }
Cell requests(const BaseRow& r) { return join(r.person->requests); }
Cell birth_date(const BaseRow& r) {
  if (auto d = parse_iso_date(r.person->birth_date)) return *d;
  return text(r.person->birth_date);
}
Cell age(const BaseRow& r) {
  auto b = parse_iso_date(r.person->birth_date);
  if (!b) return {};
  Date t = r.settings->build_date;
  int years = t.year - b->year - ((t.month < b->month || (t.month == b->month && t.day < b->day)) ? 1 : 0);
  return static_cast<double>(years);
}
Cell consent(const BaseRow& r) {
  return "имя — " + yes_no(r.person->publish_name) + ", фото — " + yes_no(r.person->publish_photo);
}

// ---- Getters of the pair ----

Cell pair_id(const BaseRow& r) { return r.pair ? text(r.pair->id) : Cell{}; }
Cell start_date(const BaseRow& r) { return r.pair ? date(r.pair->start) : Cell{}; }
Cell end_date(const BaseRow& r) { return r.pair ? date(r.pair->end) : Cell{}; }
Cell mentors(const BaseRow& r) { return r.pair ? text(names(r.pair->mentors)) : Cell{}; }
Cell mentees(const BaseRow& r) { return r.pair ? text(names(r.pair->mentees)) : Cell{}; }
Cell mentor_workplace(const BaseRow& r) {
  if (!r.pair) return {};
  std::vector<std::string> v;
  for (const Person* m : r.pair->mentors) {
    std::string role = role_of(*m);
    v.push_back(r.org->short_name + (role.empty() ? "" : ", " + role));
  }
  return join(v);
}
Cell form(const BaseRow& r) { return r.pair ? std::string(form_title(r.pair->form)) : Cell{}; }
Cell kind(const BaseRow& r) { return r.pair ? std::string(pair_kind_title(r.pair->kind)) : Cell{}; }
Cell place(const BaseRow& r) { return r.pair ? r.org->name : Cell{}; }
Cell status(const BaseRow& r) { return r.pair ? std::string(pair_status_title(r.pair->status)) : Cell{}; }
Cell topic(const BaseRow& r) { return r.pair ? text(r.pair->topic) : Cell{}; }
Cell result(const BaseRow& r) { return r.pair ? text(r.pair->result) : Cell{}; }
Cell program(const BaseRow& r) {
  if (!r.pair || !r.pair->program) return {};
  return r.settings->base_url + r.pair->program->url;
}
Cell order(const BaseRow& r) {
  if (!r.pair || !r.pair->order) return {};
  const Page& p = *r.pair->order;
  std::string s = p.title;
  if (!p.number.empty()) s += ", " + p.number_text();
  if (p.date) s += " от " + date_numeric(*p.date);
  return s;
}
Cell org_name(const BaseRow& r) { return r.org->short_name; }

// ---- The fields ----

struct NamedField {
  const char* name;
  BaseField field;
};

// A getter and a style for every name of base_fields() (model/workbook_styles.h).
constexpr NamedField kFields[] = {
    {"organisation", {Style::text, org_name}},
    {"full_name", {Style::text, full_name}},
    {"category", {Style::text, category}},
    {"role", {Style::text, role}},
    {"workplace", {Style::text, workplace}},
    {"phone", {Style::text, phone}},
    {"email", {Style::text, email}},
    {"experience", {Style::number, experience}},
    {"competencies", {Style::text, competencies}},
    {"achievements", {Style::text, achievements}},
    {"interests", {Style::text, interests}},
    {"requests", {Style::text, requests}},
    {"birth_date", {Style::date, birth_date}},
    {"age", {Style::integer, age}},
    {"young_specialist", {Style::text, young}},
    {"consent", {Style::text, consent}},
    {"pair", {Style::text, pair_id}},
    {"start", {Style::date, start_date}},
    {"end", {Style::date, end_date}},
    {"mentors", {Style::text, mentors}},
    {"mentor_workplace", {Style::text, mentor_workplace}},
    {"mentees", {Style::text, mentees}},
    {"form", {Style::text, form}},
    {"kind", {Style::text, kind}},
    {"place", {Style::text, place}},
    {"status", {Style::text, status}},
    {"topic", {Style::text, topic}},
    {"result", {Style::text, result}},
    {"program", {Style::text, program}},
    {"order", {Style::text, order}},
};

bool mentee_like(const Person& p) {
  return p.category == Category::student || p.category == Category::university_student || p.young_specialist;
}

}  // namespace

const BaseField* base_field(std::string_view name) {
  for (const auto& f : kFields)
    if (name == f.name) return &f.field;
  return nullptr;
}

const BaseStyle& base_style(Base b, const BasesStyle& style) { return b == Base::mentors ? style.mentors : style.mentees; }

std::vector<BaseColumn> base_columns(const std::vector<WorkbookColumn>& list, const WorkbookColumn* org) {
  std::vector<BaseColumn> cols;
  auto add = [&](const WorkbookColumn& c) {
    if (const BaseField* f = base_field(c.field)) cols.push_back({c.header, c.width, f->style, f->get});
  };
  bool has_org = std::any_of(list.begin(), list.end(), [](const WorkbookColumn& c) { return c.field == "organisation"; });
  if (org && !has_org) add(*org);
  for (const auto& c : list) add(c);
  return cols;
}

std::string base_title(Base b) { return b == Base::mentors ? "База наставников" : "База наставляемых"; }
std::string base_file(Base b) { return b == Base::mentors ? "baza-nastavnikov.xlsx" : "baza-nastavlyaemyh.xlsx"; }

std::vector<BaseRow> base_rows(Base b, const Org& org, const SiteSettings& settings) {
  std::vector<BaseRow> rows;
  std::set<const Person*> paired;
  for (const auto& pair : org.pairs) {
    for (const Person* p : pair.mentors) paired.insert(p);
    for (const Person* p : pair.mentees) paired.insert(p);
    for (const Person* p : b == Base::mentors ? pair.mentors : pair.mentees) rows.push_back({&org, p, &pair, &settings});
  }
  for (const auto& p : org.people)
    if (!paired.count(p.get()) && mentee_like(*p) == (b == Base::mentees))
      rows.push_back({&org, p.get(), nullptr, &settings});
  std::stable_sort(rows.begin(), rows.end(), [](const BaseRow& x, const BaseRow& y) {
    return x.person->full_name() < y.person->full_name();
  });
  return rows;
}

BaseWriter::BaseWriter(Workbook& book, const std::string& sheet, std::vector<BaseColumn> cols,
                       const std::string& caption)
    : sheet_(book.add_sheet(sheet)), cols_(std::move(cols)) {
  std::vector<ColumnSpec> specs;
  for (const BaseColumn& c : cols_) specs.push_back({c.header, c.style, c.width});
  sheet_.table(caption, std::move(specs));
}

void BaseWriter::add(const std::vector<BaseRow>& rows) {
  for (const auto& row : rows) {
    uint32_t r = kFirstRow + count_++;
    for (size_t c = 0; c < cols_.size(); ++c) sheet_.put(r, static_cast<uint16_t>(c), cols_[c].get(row));
  }
}

void BaseWriter::finish() { sheet_.end_table(kFirstRow + count_ - 1); }

void write_base(Workbook& book, const std::string& sheet, const std::vector<BaseColumn>& cols,
                const std::vector<BaseRow>& rows, const std::string& caption) {
  BaseWriter w(book, sheet, cols, caption);
  w.add(rows);
  w.finish();
}

}  // namespace nastavnik::xlsx

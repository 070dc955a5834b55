#include "model/compliance.h"

#include <set>

#include "core/utf8.h"

namespace nastavnik {

namespace {
bool title_has(const Page& p, std::string_view word) {
  return utf8::lower(p.title).find(word) != std::string::npos;
}
}  // namespace

Compliance compliance_of(const Org& org, Date today) {
  Compliance c;
  c.org = &org;
  c.curator = org.curator.has_value();
  c.roadmap = !org.roadmaps.empty();
  for (const auto& p : org.pages) {
    if ((p->type == PageType::document || p->type == PageType::order) && title_has(*p, "положени"))
      c.polozhenie = true;
    if (p->type == PageType::order && (title_has(*p, "внедрени") || title_has(*p, "целев")))
      c.intro_order = true;
    if (p->type == PageType::order && (title_has(*p, "закреплени") || title_has(*p, "пар")))
      c.pairs_order = true;
    if (p->type == PageType::program || (p->type == PageType::document && title_has(*p, "программ")))
      c.program = true;
    for (const auto& a : p->appendices) if (a.kind == Appendix::Kind::roadmap) c.roadmap = true;
  }
  std::set<const Person*> mentored;
  for (const auto& pair : org.pairs) {
    ++c.pairs;
    if (!pair.program) ++c.pairs_without_program;
    if (pair.order) c.pairs_order = true;
    if (pair.status != PairStatus::terminated)
      for (auto* m : pair.mentees) mentored.insert(m);
  }
  for (const auto& p : org.people)
    if (p->young_specialist) {
      ++c.young_specialists;
      if (mentored.count(p.get())) ++c.young_with_mentor;
    }
  for (const auto& r : org.roadmaps)
    for (const auto& s : r->stages)
      for (const auto& i : s.items) {
        ++c.roadmap_total;
        auto st = i.status(today);
        if (st == ItemStatus::done) ++c.roadmap_done;
        if (st == ItemStatus::overdue) ++c.roadmap_overdue;
      }
  c.counts = org.current_counts();
  return c;
}

std::vector<std::string> compliance_item_titles() {
  return {"Положение", "Приказ о внедрении", "Куратор", "Дорожная карта", "Программа",
          "Приказ о закреплении пар", "Пары"};
}
std::vector<bool> compliance_items(const Compliance& c) {
  return {c.polozhenie, c.intro_order, c.curator, c.roadmap, c.program, c.pairs_order, c.pairs > 0};
}
int Compliance::missing() const {
  int n = 0;
  for (bool b : compliance_items(*this)) n += !b;
  return n;
}

}  // namespace nastavnik

#include "model/compliance.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/utf8.h"

namespace nastavnik {

namespace {
bool title_has(const Page& p, std::string_view word) {
  return utf8::lower(p.title).find(word) != std::string::npos;
}
// «пар» as a word of its own (пара, пар, пары, парам, парами, парах), not inside «департамент».
bool title_has_pairs_word(const Page& p) {
  static const std::set<std::string> kForms = {"пара", "пар", "пары", "паре", "пару", "парам", "парами", "парах"};
  std::string t = utf8::lower(p.title), w;
  for (size_t i = 0; i <= t.size(); ++i) {
    unsigned char c = i < t.size() ? static_cast<unsigned char>(t[i]) : ' ';
    if (c >= 0x80 || std::isalnum(c)) {
      w += static_cast<char>(c);
    } else {
      if (kForms.count(w)) return true;
      w.clear();
    }
  }
  return false;
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
    if (p->type == PageType::order && (title_has(*p, "закреплени") || title_has_pairs_word(*p)))
      c.pairs_order = true;
    if (p->type == PageType::program || (p->type == PageType::document && title_has(*p, "программ")))
      c.program = true;
    for (const auto& a : p->appendices) if (a.kind == Appendix::Kind::roadmap) c.roadmap = true;
  }
  std::set<const Person*> mentored, mentee_terminated;
  for (const auto& pair : org.pairs) {
    ++c.pairs;
    if (pair.order) c.pairs_order = true;
    if (pair.status == PairStatus::terminated) {
      for (auto* m : pair.mentees) mentee_terminated.insert(m);
      continue;
    }
    if (!pair.program) {
      ++c.pairs_without_program;
      c.no_program.push_back(&pair);
    }
    for (auto* m : pair.mentees) mentored.insert(m);
  }
  for (const auto& p : org.people) {
    bool has = mentored.count(p.get()) > 0;
    if (p->young_specialist) {
      ++c.young_specialists;
      if (has) ++c.young_with_mentor;
      else c.without_mentor.push_back({p.get(), MenteeWithoutMentor::Why::young});
    } else if (!has && mentee_terminated.count(p.get())) {
      c.without_mentor.push_back({p.get(), MenteeWithoutMentor::Why::dropped});
    }
  }
  for (const auto& r : org.roadmaps)
    for (const auto& s : r->stages)
      for (const auto& i : s.items) {
        ++c.roadmap_total;
        auto st = i.status(today);
        if (st == ItemStatus::done) ++c.roadmap_done;
        if (st == ItemStatus::overdue) {
          ++c.roadmap_overdue;
          c.overdue_items.push_back(&i);
        }
      }
  c.counts = org.current_counts();
  // Stated counts of the latest year against the base, when there is a base of pairs.
  if (!org.pairs.empty() && org.monitoring && !org.monitoring->participants.empty()) {
    const auto& stated = org.monitoring->participants.back();
    for (Form f : all_forms()) {
      auto s = stated.by_form.find(f);
      auto b = c.counts.find(f);
      FormCount sc = s == stated.by_form.end() ? FormCount{} : s->second;
      FormCount bc = b == c.counts.end() ? FormCount{} : b->second;
      if (sc.mentors != bc.mentors || sc.mentees != bc.mentees)
        c.count_mismatches.push_back({f, stated.year, sc, bc, stated.pos});
    }
  }
  return c;
}

Compliance summary_of(Compliance c) {
  std::fill(c.no_program.begin(), c.no_program.end(), nullptr);
  std::fill(c.overdue_items.begin(), c.overdue_items.end(), nullptr);
  for (auto& m : c.without_mentor) m.person = nullptr;
  return c;
}

Compliance summary(const Org& org, Date today) {
  return org.summary ? *org.summary : summary_of(compliance_of(org, today));
}

std::map<Form, FormCount> counts_of(const Org& org) {
  return org.summary ? org.summary->counts : org.current_counts();
}

std::vector<std::string> compliance_item_titles() {
  return {"Положение", "Приказ о внедрении", "Куратор", "Дорожная карта", "Программа",
          "Приказ о закреплении пар", "Пары"};
}
std::vector<bool> compliance_items(const Compliance& c) {
  return {c.polozhenie, c.intro_order, c.curator, c.roadmap, c.program, c.pairs_order, c.pairs > 0};
}
bool Compliance::behind() const {
  return missing() > 0 || roadmap_overdue > 0 || !no_program.empty() || !without_mentor.empty() ||
         !count_mismatches.empty();
}
int Compliance::missing() const {
  int n = 0;
  for (bool b : compliance_items(*this)) n += !b;
  return n;
}

}  // namespace nastavnik

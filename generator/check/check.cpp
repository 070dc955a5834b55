#include "check/check.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "core/utf8.h"
#include "model/compliance.h"

namespace nastavnik {

void check_site(const Site& site, bool strict, Diagnostics& diags) {
  (void)strict;
  for (const Org* org : site.orgs()) {
    // Stated counts of the current year against the base.
    if (!org->pairs.empty() && org->monitoring && !org->monitoring->participants.empty()) {
      const auto& stated = org->monitoring->participants.back();
      auto computed = org->current_counts();
      for (const auto& [form, c] : stated.by_form) {
        FormCount real = computed.count(form) ? computed.at(form) : FormCount{};
        if (real.mentors != c.mentors || real.mentees != c.mentees)
          diags.warning(stated.pos, "число участников формы «" + std::string(form_title(form)) +
                                        "» за " + stated.year + " (" + std::to_string(c.mentors) +
                                        " + " + std::to_string(c.mentees) +
                                        ") расходится с базой пар (" + std::to_string(real.mentors) +
                                        " + " + std::to_string(real.mentees) + ")");
      }
    }
    for (const auto& pair : org->pairs) {
      for (const Person* m : pair.mentees)
        if (std::find(pair.mentors.begin(), pair.mentors.end(), m) != pair.mentors.end())
          diags.error(pair.pos, "в паре «" + pair.id + "» человек «" + m->id +
                                    "» одновременно наставник и наставляемый");
      if (pair.start && pair.end && *pair.end < *pair.start)
        diags.error(pair.pos, "в паре «" + pair.id + "» дата окончания раньше даты начала");
    }
    for (const auto& p : org->pages)
      if (p->type == PageType::order && p->number.empty())
        diags.warning({p->file, 1, 1}, "у приказа нет регистрационного номера (number)");
  }
}

namespace {
void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
}
}  // namespace

namespace {
// Free text (competencies, requests, results) is scanned when it is distinctive enough not to
// match ordinary prose by chance: it has a digit or a Latin letter, or six words and more.
bool distinctive(const std::string& t) {
  int words = 1;
  for (char c : t) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    words += c == ' ';
  }
  return words >= 6;
}
}  // namespace

PrivacyGate::PrivacyGate(const Site& site) {
  // Work contacts published on purpose (FORMAT.md: the curator's contacts are public).
  std::set<std::string> published;
  for (const Org* org : site.orgs()) {
    published.insert(org->curator_contacts.phone);
    published.insert(org->curator_contacts.email);
    published.insert(org->phone);
    published.insert(org->email);
  }
  auto add = [&](const std::string& text, std::string what, bool free_text) {
    std::string t(trim(text));
    replace_all(t, "\u00A0", " ");
    if (utf8::length(t) < 4 || published.count(t)) return;
    if (free_text && !distinctive(t)) return;
    needles_.push_back({t, std::move(what)});
  };
  for (const Org* org : site.orgs()) {
    for (const auto& p : org->people) {
      std::string who = "«" + p->id + "» (" + org->data_dir + "/people.json)";
      add(p->contacts.phone, "телефон " + who, false);
      add(p->contacts.email, "e-mail " + who, false);
      for (const auto& s : p->competencies) add(s, "компетенции " + who, true);
      for (const auto& s : p->interests) add(s, "интересы " + who, true);
      for (const auto& s : p->requests) add(s, "запросы " + who, true);
      add(p->achievements, "достижения " + who, true);
      add(p->birth_date, "дата рождения " + who, false);
      if (p->publish_name || p->category == Category::organization) continue;
      // Without consent the surname and the first name never stand together…
      if (!p->first_name.empty()) {
        add(p->last_name + " " + p->first_name, "полное имя " + who + " без согласия", false);
        add(p->first_name + " " + p->last_name, "полное имя " + who + " без согласия", false);
      }
      // …and someone who is never named publicly is not named by initials either.
      if (!public_name(*p, site.settings)) {
        std::string initials = p->short_name().substr(p->last_name.size() + 2);  // after "Фамилия\u00A0"
        add(p->short_name(), "имя " + who + " без согласия", false);
        add(initials + " " + p->last_name, "имя " + who + " без согласия", false);
      }
    }
    for (const auto& pair : org->pairs)
      add(pair.result, "результат пары «" + pair.id + "» (" + org->data_dir + "/pairs.json)", true);
  }
  std::sort(needles_.begin(), needles_.end(), [](const Needle& a, const Needle& b) { return a.text < b.text; });
  needles_.erase(std::unique(needles_.begin(), needles_.end(),
                             [](const Needle& a, const Needle& b) { return a.text == b.text; }),
                 needles_.end());
}

void PrivacyGate::scan(const OutputFile& file, Diagnostics& diags) const {
  if (needles_.empty()) return;
  std::string text = file.gate_text.empty() ? file.content : file.gate_text;
  if (text.empty()) return;
  replace_all(text, "\u00A0", " ");
  replace_all(text, "&nbsp;", " ");
  for (const auto& n : needles_) {
    if (text.find(n.text) != std::string::npos)
      diags.error({file.sources.empty() ? "" : file.sources.front(), 0, 0},
                  "персональные данные в публичном файле site/" + file.path + ": " + n.what +
                      " — сборка остановлена, чтобы не опубликовать их");
  }
}

void print_compliance_summary(const Site& site, std::ostream& out) {
  if (!site.org || !site.org->department) {
    auto c = compliance_of(*site.org, site.settings.build_date);
    if (c.missing() || c.roadmap_overdue)
      out << site.org->short_name << ": не хватает " << c.missing() << " из 7 обязательных элементов, просрочено пунктов дорожной карты: " << c.roadmap_overdue << "\n";
    return;
  }
  int behind = 0;
  for (const auto& s : site.org->schools) {
    auto c = compliance_of(*s, site.settings.build_date);
    if (c.missing() == 0 && c.roadmap_overdue == 0) continue;
    ++behind;
    out << "  " << s->short_name << ": ";
    auto titles = compliance_item_titles();
    auto items = compliance_items(c);
    std::string miss;
    for (size_t i = 0; i < items.size(); ++i)
      if (!items[i]) miss += (miss.empty() ? "" : ", ") + titles[i];
    if (!miss.empty()) out << "нет: " << miss;
    if (c.roadmap_overdue)
      out << (miss.empty() ? "" : "; ") << "просрочено пунктов дорожной карты: " << c.roadmap_overdue;
    out << "\n";
  }
  if (behind) out << "Отстают школ: " << behind << " из " << site.org->schools.size() << "\n";
  else if (!site.org->schools.empty()) out << "Все школы: обязательные элементы на месте, просрочек нет\n";
}

std::string check_report_json(const Site* site, const Diagnostics& diags) {
  nlohmann::ordered_json j;
  j["errors"] = diags.error_count();
  j["warnings"] = diags.warning_count();
  auto list = nlohmann::ordered_json::array();
  for (const auto& d : diags.sorted()) {
    nlohmann::ordered_json e;
    e["severity"] = d.severity == Severity::error ? "error" : "warning";
    e["file"] = d.pos.file;
    e["line"] = d.pos.line;
    e["column"] = d.pos.col;
    e["message"] = d.message;
    list.push_back(std::move(e));
  }
  j["diagnostics"] = std::move(list);
  auto orgs = nlohmann::ordered_json::array();
  if (site)
    for (const Org* o : site->orgs()) {
      auto c = compliance_of(*o, site->settings.build_date);
      nlohmann::ordered_json e;
      e["org"] = o->id;
      e["name"] = o->short_name;
      auto titles = compliance_item_titles();
      auto items = compliance_items(c);
      nlohmann::ordered_json have;
      for (size_t i = 0; i < items.size(); ++i) have[titles[i]] = static_cast<bool>(items[i]);
      e["required"] = have;
      e["missing"] = c.missing();
      e["pairs"] = c.pairs;
      e["pairs_without_program"] = c.pairs_without_program;
      e["roadmap_done"] = c.roadmap_done;
      e["roadmap_overdue"] = c.roadmap_overdue;
      orgs.push_back(std::move(e));
    }
  j["organisations"] = std::move(orgs);
  return j.dump(2) + "\n";
}

}  // namespace nastavnik

#include "check/check.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <unordered_set>

#include "core/utf8.h"
#include "model/compliance.h"

namespace nastavnik {

void check_site(const Site& site, Diagnostics& diags) {
  for (const Org* org : site.orgs()) check_org(site, *org, diags);
}

void check_org(const Site& site, const Org& org, Diagnostics& diags) {
  // Stated counts of the current year against the base (model/compliance).
  for (const auto& m : summary(org, site.settings.build_date).count_mismatches)
    diags.warning(m.pos, "число участников формы «" + std::string(form_title(m.form)) + "» за " + m.year +
                             " (" + std::to_string(m.stated.mentors) + " + " +
                             std::to_string(m.stated.mentees) + ") расходится с базой пар (" +
                             std::to_string(m.base.mentors) + " + " + std::to_string(m.base.mentees) + ")");
  for (const auto& pair : org.pairs) {
    for (const Person* m : pair.mentees)
      if (std::find(pair.mentors.begin(), pair.mentors.end(), m) != pair.mentors.end())
        diags.error(pair.pos, "в паре «" + pair.id + "» человек «" + m->id +
                                  "» одновременно наставник и наставляемый");
    if (pair.start && pair.end && *pair.end < *pair.start)
      diags.error(pair.pos, "в паре «" + pair.id + "» дата окончания раньше даты начала");
  }
  for (const auto& p : org.pages)
    if (p->type == PageType::order && p->number.empty())
      diags.warning({p->file, 1, 1}, "у приказа нет регистрационного номера (number)");
}

namespace {
// Builds a new string (in-place replace trips gcc 12's -Wrestrict, a false alarm, under -Werror).
void replace_all(std::string& s, std::string_view from, std::string_view to) {
  std::string out;
  size_t at = 0;
  for (size_t pos; (pos = s.find(from, at)) != std::string::npos; at = pos + from.size()) {
    out.append(s, at, pos - at);
    out.append(to);
  }
  if (at == 0) return;
  out.append(s, at);
  s = std::move(out);
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

void PrivacyGate::Builder::add(const Site& site, const Org& org) {
  OrgNeedles own;
  // What a needle is, told when it is found: a kind (below) and who (one string per person or pair,
  // not per needle: a site has ten needles per person).
  auto add = [&](const std::string& text, Kind kind, bool free_text) {
    std::string t(trim(text));
    replace_all(t, "\u00A0", " ");
    if (utf8::length(t) < 4) return;
    if (free_text && !distinctive(t)) return;
    own.needles.push_back({t, static_cast<unsigned>(own.whos.size() - 1), kind});
  };
  for (const auto& p : org.people) {
    own.whos.push_back("«" + p->id + "» (" + org.data_dir + "/people.json)");
    add(p->contacts.phone, Kind::phone, false);
    add(p->contacts.email, Kind::email, false);
    for (const auto& s : p->competencies) add(s, Kind::competencies, true);
    for (const auto& s : p->interests) add(s, Kind::interests, true);
    for (const auto& s : p->requests) add(s, Kind::requests, true);
    add(p->achievements, Kind::achievements, true);
    add(p->birth_date, Kind::birth_date, false);
    if (auto d = parse_iso_date(p->birth_date)) add(date_numeric(*d), Kind::birth_date, false);
    if (p->publish_name || p->category == Category::organization) continue;
    // Without consent the surname and the first name never stand together…
    if (!p->first_name.empty()) {
      add(p->last_name + " " + p->first_name, Kind::full_name, false);
      add(p->first_name + " " + p->last_name, Kind::full_name, false);
    }
    // …and someone who is never named publicly is not named by initials either.
    if (!public_name(*p, site.settings)) {
      std::string initials = p->short_name().substr(p->last_name.size() + 2);  // after "Фамилия\u00A0"
      add(p->short_name(), Kind::name, false);
      add(initials + " " + p->last_name, Kind::name, false);
    }
  }
  for (const auto& pair : org.pairs) {
    own.whos.push_back("«" + pair.id + "» (" + org.data_dir + "/pairs.json)");
    add(pair.result, Kind::pair_result, true);
  }
  std::lock_guard lock(mutex_);
  by_org_[org.data_dir] = std::move(own);
}

PrivacyGate::PrivacyGate(Builder& b, const Site& site) { index(b, site); }

PrivacyGate::PrivacyGate(const Site& site) {
  Builder b;
  for (const Org* org : site.orgs()) b.add(site, *org);
  index(b, site);
}

void PrivacyGate::index(Builder& b, const Site& site) {
  // Work contacts published on purpose (FORMAT.md: the curator's contacts are public).
  std::unordered_set<std::string_view> published;
  for (const Org* org : site.orgs()) {
    published.insert(org->curator_contacts.phone);
    published.insert(org->curator_contacts.email);
    published.insert(org->phone);
    published.insert(org->email);
  }
  // Organisations in site order (the department's "data", then "data/schools/<id>" by id). The
  // needles are put in order of their text through a sort of their places, then each is moved once
  // (a sort of the needles themselves moved their strings some twenty times each: with the set
  // above and the growth of the vector, most of this serial step of a build).
  std::vector<Needle> all;
  size_t count = 0, who_count = whos_.size();
  for (const auto& [_, own] : b.by_org_) count += own.needles.size(), who_count += own.whos.size();
  all.reserve(count);
  whos_.reserve(who_count);
  for (auto& [_, own] : b.by_org_) {
    auto base = static_cast<unsigned>(whos_.size());
    for (auto& w : own.whos) whos_.push_back(std::move(w));
    for (auto& n : own.needles)
      if (!published.count(n.text)) all.push_back({std::move(n.text), base + n.who, n.kind});
  }
  b.by_org_.clear();
  // Equal texts (two people with one phone): the first in site order stays.
  std::vector<unsigned> order(all.size());
  for (unsigned i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&all](unsigned x, unsigned y) {
    const int c = all[x].text.compare(all[y].text);
    return c != 0 ? c < 0 : x < y;
  });
  // The needles put in that order in place, cycle by cycle (a second vector would double the
  // memory of the needles of a large site at this point): all[j] becomes the needle at order[j].
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    Needle first = std::move(all[i]);
    size_t j = i;
    while (order[j] != i) {
      const size_t k = order[j];
      all[j] = std::move(all[k]);
      order[j] = static_cast<unsigned>(j);
      j = k;
    }
    all[j] = std::move(first);
    order[j] = static_cast<unsigned>(j);
  }
  all.erase(std::unique(all.begin(), all.end(), [](const Needle& a, const Needle& b) { return a.text == b.text; }),
            all.end());
  needles_ = std::move(all);
  build_index();
}

namespace {
// Two bitsets: the first 8 bytes of the needles of 8 bytes and more (nearly all: a Cyrillic name
// of 4 letters is 8 bytes), the first 4 bytes of the shorter ones. Four bytes are only two
// Cyrillic letters, which most positions of a Russian text pass; eight bytes filter well. Each has
// about 16 bits per needle (1/16 of the positions that reach it pass falsely), at least 32 KiB and
// at most 2 MiB: a small site's bitsets stay in the L1/L2 cache (with 256 KiB each, every position
// that passed the pairs waited for memory: a sixth of the scan).
unsigned filter_log2(size_t needles) {
  unsigned log2 = 18;
  while (log2 < 24 && (size_t{1} << log2) < needles * 16) ++log2;
  return log2;
}

uint32_t load4(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}
unsigned load2(const char* p) {
  uint16_t w;
  std::memcpy(&w, p, 2);
  return w;
}
uint64_t load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
unsigned filter_slot(uint32_t w, unsigned log2) { return static_cast<unsigned>((w * 0x9E3779B1u) >> (32 - log2)); }
unsigned filter_slot8(uint64_t w, unsigned log2) {
  return static_cast<unsigned>((w * 0x9E3779B97F4A7C15ull) >> (64 - log2));
}
bool test_bit(const std::vector<unsigned long long>& bits, unsigned at) { return bits[at / 64] >> (at % 64) & 1; }
void set_bit(std::vector<unsigned long long>& bits, unsigned at) { bits[at / 64] |= 1ull << (at % 64); }

// A hash of the first 4 << k bytes (k = 0…3).
uint64_t key_hash(const char* p, unsigned k) {
  uint64_t h = 0x9E3779B97F4A7C15ull * (k + 1);
  if (k == 0) return (h ^ load4(p)) * 0xFF51AFD7ED558CCDull;
  for (unsigned i = 0; i < (1u << (k - 1)); ++i) {
    uint64_t w;
    std::memcpy(&w, p + 8 * i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
  }
  return h ^ (h >> 32);
}
unsigned key_class(size_t len) { return len >= 32 ? 3 : len >= 16 ? 2 : len >= 8 ? 1 : 0; }

// The text as the gate reads it: a non-breaking space (the character or &nbsp;) is a space.
std::string gate_view(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  const char* const begin = in.data();
  const char* const end = begin + in.size();
  // The next 0xC2 byte and '&' (memchr finds them a word at a time); runs between are copied whole.
  auto find = [&](const char* from, char c) {
    const void* at = std::memchr(from, c, static_cast<size_t>(end - from));
    return at ? static_cast<const char*>(at) : end;
  };
  const char* c2 = find(begin, '\xC2');
  const char* amp = find(begin, '&');
  const char* p = begin;
  while (p < end) {
    const char* q = std::min(c2, amp);
    out.append(p, static_cast<size_t>(q - p));
    p = q;
    if (p >= end) break;
    if (*p == '\xC2' && p + 1 < end && p[1] == '\xA0') {  // U+00A0
      out += ' ';
      p += 2;
    } else if (*p == '&' && in.compare(static_cast<size_t>(p - begin), 6, "&nbsp;") == 0) {
      out += ' ';
      p += 6;
    } else {
      out += *p++;
    }
    if (c2 < p) c2 = find(p, '\xC2');
    if (amp < p) amp = find(p, '&');
  }
  return out;
}
}  // namespace

void PrivacyGate::build_index() {
  filter_log2_ = filter_log2(needles_.size());
  filter_.assign((size_t{1} << filter_log2_) / 64, 0);
  filter8_.assign((size_t{1} << filter_log2_) / 64, 0);
  pairs_.assign(65536 / 64, 0);
  pairs_second_.assign(65536 / 64, 0);
  size_t slots = 16;
  while (slots < 2 * needles_.size()) slots *= 2;
  heads_.assign(slots, 0);
  next_.assign(needles_.size(), 0);
  for (size_t i = 0; i < needles_.size(); ++i) {
    const std::string& t = needles_[i].text;  // at least 4 characters, so at least 4 bytes
    if (t.size() >= 8) {
      set_bit(filter8_, filter_slot8(load8(t.data()), filter_log2_));
    } else {
      set_bit(filter_, filter_slot(load4(t.data()), filter_log2_));
    }
    unsigned k = key_class(t.size());
    key_lengths_ |= 1u << k;
    set_bit(pairs_, load2(t.data()));
    set_bit(pairs_second_, load2(t.data() + 1));
    size_t slot = key_hash(t.data(), k) & (slots - 1);
    next_[i] = heads_[slot];
    heads_[slot] = static_cast<unsigned>(i + 1);
  }
  pairs_any_.resize(pairs_.size());
  for (size_t w = 0; w < pairs_.size(); ++w) pairs_any_[w] = pairs_[w] | pairs_second_[w];
}

std::string PrivacyGate::what(const Needle& n) const {
  static const char* const kLabels[][2] = {
      {"телефон ", ""},         {"e-mail ", ""},         {"компетенции ", ""},
      {"интересы ", ""},        {"запросы ", ""},        {"достижения ", ""},
      {"дата рождения ", ""},   {"полное имя ", " без согласия"}, {"имя ", " без согласия"},
      {"результат пары ", ""}};
  const auto& l = kLabels[static_cast<int>(n.kind)];
  return l[0] + whos_[n.who] + l[1];
}

std::vector<unsigned> PrivacyGate::find(std::string_view raw) const {
  std::vector<unsigned> found;
  if (needles_.empty() || raw.empty()) return found;
  std::string text = gate_view(raw);
  const char* p = text.data();
  const size_t n = text.size(), mask = heads_.size() - 1;
  // Whether a needle starts at s: the filters of its first 4 or 8 bytes, then the needles keyed by
  // the hash of its first 4 << k bytes.
  auto at = [&](size_t s) {
    const bool short_ok = (key_lengths_ & 1) && test_bit(filter_, filter_slot(load4(p + s), filter_log2_));
    const bool long_ok = s + 8 <= n && test_bit(filter8_, filter_slot8(load8(p + s), filter_log2_));
    if (!short_ok && !long_ok) return;
    for (unsigned k = short_ok ? 0 : 1; k < (long_ok ? 4u : 1u); ++k) {
      if (!(key_lengths_ >> k & 1) || s + (4u << k) > n) continue;
      for (unsigned j = heads_[key_hash(p + s, k) & mask]; j; j = next_[j - 1]) {
        const std::string& t = needles_[j - 1].text;
        if (key_class(t.size()) == k && t.size() <= n - s && std::memcmp(p + s, t.data(), t.size()) == 0)
          found.push_back(j - 1);
      }
    }
  };
  // Every other position: a needle (at least 4 bytes) that starts at an even position has its
  // first two bytes there, one that starts at an odd position its second and third bytes at the
  // next. The bitsets of those pairs (in the L1 cache) pass few positions.
  // The text, its size and the bitset in locals: the loop to the next passing pair touches no
  // other memory (with members it reloaded them at every position).
  const char* const text_bytes = p;
  const unsigned long long* const any = pairs_any_.data();
  const size_t end = n;
  auto passes = [any, text_bytes](size_t i) {
    const unsigned pair = load2(text_bytes + i);  // as the bitsets were filled (any byte order)
    return any[pair >> 6] >> (pair & 63) & 1;
  };
  for (size_t i = 0; i + 1 < end; i += 2) {
    while (i + 3 < end && !passes(i) && !passes(i + 2)) i += 4;
    if (i + 1 >= end || !passes(i)) continue;  // the skip may end past the last pair
    const unsigned pair = load2(p + i);
    if (i > 0 && i + 3 <= n && test_bit(pairs_second_, pair)) at(i - 1);
    if (i + 4 <= n && test_bit(pairs_, pair)) at(i);
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

void PrivacyGate::scan(const OutputFile& file, Diagnostics& diags) const {
  const std::vector<unsigned> found = find(file.gate_text.empty() ? file.content : file.gate_text);
  if (found.empty()) return;
  // Public files live in out/site/; the manifest beside it, in out/.
  std::string shown = file.kind == "manifest" ? file.path : "site/" + file.path;
  for (unsigned i : found)
    diags.error({file.sources.empty() ? "" : file.sources.front(), 0, 0},
                "персональные данные в публичном файле " + shown + ": " + what(needles_[i]) +
                    " — сборка остановлена, чтобы не опубликовать их");
}

namespace {

std::string missing_items(const Compliance& c) {
  auto titles = compliance_item_titles();
  auto items = compliance_items(c);
  std::string miss;
  for (size_t i = 0; i < items.size(); ++i)
    if (!items[i]) miss += (miss.empty() ? "" : ", ") + titles[i];
  return miss;
}

std::string org_label(const Org& o) { return o.short_name.empty() ? o.name : o.short_name; }

// The required items are a school's (DOMAIN.md); a department is reported on what is behind.
bool has_required_items(const Org& o) { return !o.department; }

std::string join(const std::vector<std::string>& v, size_t limit = 10) {
  std::string s;
  for (size_t i = 0; i < v.size() && i < limit; ++i) s += (i ? ", " : "") + v[i];
  if (v.size() > limit) s += " и ещё " + std::to_string(v.size() - limit);
  return s;
}

std::string item_text(const RoadmapItem& i) {
  std::string s = "«" + i.title() + "»";
  if (i.due) s += " (срок " + date_numeric(*i.due) + ")";
  return s;
}

std::vector<std::string> mentee_names(const Compliance& c, MenteeWithoutMentor::Why why) {
  std::vector<std::string> v;
  for (const auto& m : c.without_mentor)
    if (m.why == why) v.push_back(m.person->id);
  return v;
}

// One line of the short summary: what is behind, or "" when nothing is.
std::string short_line(const Compliance& c, bool required) {
  std::vector<std::string> parts;
  if (required && c.missing()) parts.push_back("нет: " + missing_items(c));
  if (c.roadmap_overdue)
    parts.push_back("просрочено пунктов дорожной карты: " + std::to_string(c.roadmap_overdue));
  if (!c.no_program.empty()) parts.push_back("пар без программы: " + std::to_string(c.no_program.size()));
  if (!c.without_mentor.empty())
    parts.push_back("наставляемых без наставника: " + std::to_string(c.without_mentor.size()));
  if (!c.count_mismatches.empty())
    parts.push_back("расходятся с базой пар числа форм: " + std::to_string(c.count_mismatches.size()));
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "; ") + p;
  return s;
}

}  // namespace

void print_compliance_summary(const Site& site, std::ostream& out) {
  if (!site.org) return;
  int behind = 0, schools = 0;
  for (const Org* o : site.orgs()) {
    auto c = summary(*o, site.settings.build_date);
    bool required = has_required_items(*o);
    schools += required;
    std::string line = short_line(c, required);
    if (line.empty()) continue;
    behind += required;
    out << "  " << org_label(*o) << ": " << line << "\n";
  }
  if (!site.org->department) return;
  if (behind)
    out << "Отстают школ: " << behind << " из " << schools << "\n";
  else if (schools)
    out << "Все школы: обязательные элементы на месте, просрочек нет\n";
}

OrgReport compliance_report(const Org& org, const Date& date) {
  const auto c = compliance_of(org, date);
  const auto titles = compliance_item_titles();
  const auto items = compliance_items(c);
  OrgReport r;
  // Text.
  std::ostringstream out;
  out << "\n" << org_label(org) << (org.id.empty() ? "" : " (" + org.id + ")") << "\n";
  if (has_required_items(org)) {
    std::vector<std::string> have;
    for (size_t i = 0; i < items.size(); ++i)
      if (items[i]) have.push_back(titles[i]);
    out << "  обязательные элементы: " << have.size() << " из " << items.size();
    if (c.missing()) out << "; нет: " << missing_items(c);
    out << "\n";
  }
  out << "  пар: " << c.pairs;
  if (c.young_specialists)
    out << "; молодых специалистов с наставником: " << c.young_with_mentor << " из " << c.young_specialists;
  out << "\n";
  if (c.roadmap_total) {
    out << "  дорожная карта: выполнено " << c.roadmap_done << " из " << c.roadmap_total << ", просрочено "
        << c.roadmap_overdue << "\n";
    std::vector<std::string> items;
    for (const RoadmapItem* i : c.overdue_items) items.push_back(item_text(*i));
    if (!items.empty()) out << "  просрочены: " << join(items, 5) << "\n";
  }
  if (!c.no_program.empty()) {
    std::vector<std::string> ids;
    for (const Pair* p : c.no_program) ids.push_back(p->id);
    out << "  пары без программы (" << ids.size() << "): " << join(ids) << "\n";
  }
  auto young = mentee_names(c, MenteeWithoutMentor::Why::young);
  if (!young.empty())
    out << "  молодые специалисты без наставника (" << young.size() << "): " << join(young) << "\n";
  auto dropped = mentee_names(c, MenteeWithoutMentor::Why::dropped);
  if (!dropped.empty())
    out << "  наставляемые только в прекращённых парах (" << dropped.size() << "): " << join(dropped) << "\n";
  for (const auto& m : c.count_mismatches)
    out << "  форма «" << form_title(m.form) << "» за " << m.year << ": в мониторинге " << m.stated.mentors
        << " + " << m.stated.mentees << ", в базе пар " << m.base.mentors << " + " << m.base.mentees << "\n";
  r.text = out.str();
  // JSON.
  nlohmann::ordered_json e;
  e["org"] = org.id;
  e["name"] = org.short_name;
  e["kind"] = org.department ? "department" : "school";
  nlohmann::ordered_json have = nlohmann::ordered_json::object();
  for (size_t i = 0; i < items.size(); ++i) have[titles[i]] = static_cast<bool>(items[i]);
  e["required"] = have;
  e["missing"] = c.missing();
  e["behind"] = c.behind();
  e["pairs"] = c.pairs;
  e["young_specialists"] = c.young_specialists;
  e["young_with_mentor"] = c.young_with_mentor;
  e["roadmap_total"] = c.roadmap_total;
  e["roadmap_done"] = c.roadmap_done;
  e["roadmap_overdue"] = c.roadmap_overdue;
  auto overdue = nlohmann::ordered_json::array();
  for (const RoadmapItem* i : c.overdue_items) {
    nlohmann::ordered_json x;
    x["title"] = i->title();
    x["deadline"] = i->due ? iso(*i->due) : "";
    x["file"] = i->pos.file;
    x["line"] = i->pos.line;
    overdue.push_back(std::move(x));
  }
  e["overdue_items"] = std::move(overdue);
  e["pairs_without_program"] = c.pairs_without_program;
  auto nop = nlohmann::ordered_json::array();
  for (const Pair* p : c.no_program) nop.push_back(p->id);
  e["pairs_without_program_ids"] = std::move(nop);
  auto wm = nlohmann::ordered_json::array();
  for (const auto& m : c.without_mentor) {
    nlohmann::ordered_json x;
    x["id"] = m.person->id;
    x["reason"] = m.why == MenteeWithoutMentor::Why::young ? "young_specialist" : "terminated_pairs_only";
    wm.push_back(std::move(x));
  }
  e["mentees_without_mentor"] = std::move(wm);
  auto cm = nlohmann::ordered_json::array();
  for (const auto& m : c.count_mismatches) {
    nlohmann::ordered_json x;
    x["form"] = std::string(form_code(m.form));
    x["year"] = m.year;
    x["stated"] = {{"mentors", m.stated.mentors}, {"mentees", m.stated.mentees}};
    x["base"] = {{"mentors", m.base.mentors}, {"mentees", m.base.mentees}};
    cm.push_back(std::move(x));
  }
  e["count_mismatches"] = std::move(cm);
  r.json = e.dump();
  return r;
}

void ComplianceReports::add(const Org& org, OrgReport report) {
  std::lock_guard lock(mutex_);
  by_org_[org.data_dir] = std::move(report);
}

OrgReport ComplianceReports::of(const Org& org, const Date& date) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = by_org_.find(org.data_dir); it != by_org_.end()) return it->second;
  }
  return compliance_report(org, date);  // the organisation is whole
}

void print_compliance_report(const Site& site, const ComplianceReports& reports, std::ostream& out) {
  if (!site.org) return;
  out << "Внедрение целевой модели наставничества на " << date_numeric(site.settings.build_date) << ":\n";
  for (const Org* o : site.orgs()) out << reports.of(*o, site.settings.build_date).text;
  std::ostringstream summary;
  print_compliance_summary(site, summary);
  if (!summary.str().empty()) out << "\nКратко:\n" << summary.str();
}

std::string check_report_json(const Site* site, const ComplianceReports& reports, const Diagnostics& diags,
                              bool strict) {
  nlohmann::ordered_json j;
  j["ok"] = !(site == nullptr || diags.has_errors() || (strict && diags.warning_count() > 0));
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
  if (site) {
    j["date"] = iso(site->settings.build_date);
    for (const Org* o : site->orgs())
      orgs.push_back(nlohmann::ordered_json::parse(reports.of(*o, site->settings.build_date).json));
  }
  j["organisations"] = std::move(orgs);
  return j.dump(2) + "\n";
}

}  // namespace nastavnik

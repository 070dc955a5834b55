// What a department wants to see per organisation: which required items of the target model
// exist, and what is behind (DOMAIN.md).
#pragma once
#include <string>
#include <vector>

#include "model/model.h"

namespace nastavnik {

// The stated number of participants of one form (monitoring.json, latest year) against the base of
// pairs (active and completed pairs, each person counted once per form).
struct CountMismatch {
  Form form = Form::teacher_teacher;
  std::string year;
  FormCount stated, base;
  SourcePos pos;  // the year's entry in monitoring.json
};

// A person who should have a mentor and has none.
struct MenteeWithoutMentor {
  const Person* person = nullptr;
  // young: a young specialist who is a mentee of no current pair (not in any pair, or only in
  // terminated ones); dropped: someone listed as a mentee only in terminated pairs.
  enum class Why { young, dropped } why = Why::young;
};

struct Compliance {
  const Org* org = nullptr;
  bool polozhenie = false;    // Положение о наставничестве
  bool intro_order = false;   // приказ о внедрении целевой модели
  bool curator = false;
  bool roadmap = false;
  bool program = false;       // программа наставничества
  bool pairs_order = false;   // приказ о закреплении пар
  long pairs = 0;
  long roadmap_done = 0, roadmap_overdue = 0, roadmap_total = 0;
  long pairs_without_program = 0;  // of the pairs that are not terminated
  long young_specialists = 0, young_with_mentor = 0;
  std::map<Form, FormCount> counts;
  // Details, for `nastavnik check`.
  std::vector<const Pair*> no_program;                 // pairs (not terminated) without a programme
  std::vector<const RoadmapItem*> overdue_items;       // in roadmap order
  std::vector<MenteeWithoutMentor> without_mentor;     // in people.json order
  std::vector<CountMismatch> count_mismatches;         // in form order
  int missing() const;  // how many of the seven required items are missing
  // Anything to report: a missing item, an overdue roadmap item, a pair without a programme, a
  // mentee without a mentor or counts that disagree with the base.
  bool behind() const;
};

Compliance compliance_of(const Org& org, Date today);

// The same without pointers into the organisation's data (Org::summary): the details keep their
// number of entries, each entry null. What the short summary and the department's tables need.
Compliance summary_of(Compliance c);
// What another organisation reads of `org`: its Org::summary, or compliance_of() for a model that
// was not loaded from a site (unit tests build models by hand).
Compliance summary(const Org& org, Date today);
// Org::current_counts(), from the summary when there is one (the organisation may be released).
std::map<Form, FormCount> counts_of(const Org& org);

// Names of the required items for tables: {"Положение", "Приказ о внедрении", …}.
std::vector<std::string> compliance_item_titles();
std::vector<bool> compliance_items(const Compliance& c);

}  // namespace nastavnik

// What a department wants to see per organisation: which required items of the target model
// exist, and what is behind (DOMAIN.md).
#pragma once
#include <string>
#include <vector>

#include "model/model.h"

namespace nastavnik {

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
  long pairs_without_program = 0;
  long young_specialists = 0, young_with_mentor = 0;
  std::map<Form, FormCount> counts;
  int missing() const;  // how many of the seven required items are missing
};

Compliance compliance_of(const Org& org, Date today);

// Names of the required items for tables: {"Положение", "Приказ о внедрении", …}.
std::vector<std::string> compliance_item_titles();
std::vector<bool> compliance_items(const Compliance& c);

}  // namespace nastavnik

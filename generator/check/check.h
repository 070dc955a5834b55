// Check stage: rules over the whole model that loading alone cannot see, the personal-data gate
// every public output passes, and the compliance report.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "model/model.h"
#include "render/output.h"

namespace nastavnik {

void check_site(const Site& site, bool strict, Diagnostics& diags);

// Fails the build when a public output would contain a private field (contacts, requests,
// results, competencies, interests) or the full name of a person who has not consented.
class PrivacyGate {
 public:
  explicit PrivacyGate(const Site& site);
  // Scans the file's text (or its `gate_text` for binary formats); reports every leak.
  void scan(const OutputFile& file, Diagnostics& diags) const;
  size_t needle_count() const { return needles_.size(); }

 private:
  struct Needle {
    std::string text, what;
  };
  std::vector<Needle> needles_;
};

void print_compliance_summary(const Site& site, std::ostream& out);
std::string check_report_json(const Site* site, const Diagnostics& diags);

}  // namespace nastavnik

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
// results, competencies, interests, achievements, birth dates) or the full name of a person who
// has not consented. Every public output passes it: pages, feeds, sitemaps, search indexes as
// text, PDFs and workbooks through their `gate_text`.
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

// The short summary `build` and `check` print: one line per organisation that is behind.
void print_compliance_summary(const Site& site, std::ostream& out);
// The compliance view of `check`: per organisation, required items, overdue roadmap items, pairs
// without a programme, mentees without a mentor, counts that disagree with the base; then the
// short summary.
void print_compliance_report(const Site& site, std::ostream& out);
// `check --format json`: diagnostics and the same view, for CI. `ok` is what the exit code says.
std::string check_report_json(const Site* site, const Diagnostics& diags, bool strict);

}  // namespace nastavnik

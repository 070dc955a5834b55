// Check stage: rules over the whole model that loading alone cannot see, the personal-data gate
// every public output passes, and the compliance report.
#pragma once
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "model/model.h"
#include "render/output.h"

namespace nastavnik {

// --strict is applied to the counts by the caller: warnings stay warnings here.
void check_site(const Site& site, Diagnostics& diags);
// The same rules for one organisation, while it is whole (load.h: LoadOptions::loaded).
void check_org(const Site& site, const Org& org, Diagnostics& diags);

// Fails the build when a public output would contain a private field (contacts, requests,
// results, competencies, interests, achievements, birth dates) or the full name of a person who
// has not consented. Every public output passes it: pages, feeds, sitemaps, search indexes as
// text, PDFs and workbooks through their `gate_text`.
class PrivacyGate {
  enum class Kind : unsigned char {
    phone, email, competencies, interests, requests, achievements, birth_date, full_name, name, pair_result
  };
  struct Needle {
    std::string text;
    unsigned who;  // index in whos_ (in a Builder: in its organisation's whos)
    Kind kind;
  };

 public:
  // Needles are gathered per organisation while the site loads (add: from the loading threads,
  // while the organisation is whole), then indexed in site order.
  class Builder {
   public:
    void add(const Site& site, const Org& org);

   private:
    friend class PrivacyGate;
    struct OrgNeedles {
      std::vector<Needle> needles;
      std::vector<std::string> whos;
    };
    std::mutex mutex_;
    std::map<std::string, OrgNeedles> by_org_;  // by data_dir: the department's, then the schools' by id
  };
  PrivacyGate(Builder& needles, const Site& site);  // takes the needles out of the builder
  explicit PrivacyGate(const Site& site);  // every organisation of a site that holds its data
  // Scans the file's text (or its `gate_text` for binary formats); reports every leak.
  void scan(const OutputFile& file, Diagnostics& diags) const;
  size_t needle_count() const { return needles_.size(); }
  // The needles that occur in `text` (as the gate reads it: a non-breaking space is a space), as
  // indexes in [0, needle_count()), sorted, each once; and the text of a needle (for tests).
  std::vector<unsigned> find(std::string_view text) const;
  const std::string& needle_text(unsigned i) const { return needles_[i].text; }

 private:
  std::vector<Needle> needles_;
  void index(Builder& b, const Site& site);
  std::vector<std::string> whos_;  // «id» (data/…/people.json), one per person or pair
  std::string what(const Needle& n) const;
  // One pass over a file finds every needle (the needle count grows with the site, so a search per
  // needle per file would be quadratic): at every other position, a bitset of the needles' first two
  // bytes and of their second and third (a needle starting at an odd position has those at the next
  // even one; 8 KB each, in the L1 cache; they pass few positions: most pairs of letters begin no name),
  // then bitsets of the needles' first 8 bytes (4 for needles shorter than 8; about 16 bits a
  // needle, from 32 KiB) filter the positions, then a hash of the first 4, 8, 16 or 32 bytes (the
  // longest that fits the needle) leads to the needles to compare. See check.cpp.
  std::vector<unsigned long long> filter_, filter8_;  // first 4 bytes of short needles, 8 of long
  unsigned filter_log2_ = 18;                         // their size: 2^filter_log2_ bits
  std::vector<unsigned> heads_, next_;
  unsigned key_lengths_ = 0;  // bit k: some needle is keyed by its first 4 << k bytes
  // The first two bytes of every needle, its second and third, and either: 8 KB each; the scan
  // reads pairs_any_ at every other position.
  std::vector<unsigned long long> pairs_, pairs_second_, pairs_any_;
  void build_index();
};

// The short summary `build` and `check` print: one line per organisation that is behind.
void print_compliance_summary(const Site& site, std::ostream& out);
// The part of `check`'s report on one organisation (its compliance view: required items, overdue
// roadmap items, pairs without a programme, mentees without a mentor, counts that disagree with the
// base), as text and as a JSON object. Made while the organisation is whole: a school of a large
// site is released once loaded (load.h), so `check` collects them as schools load.
struct OrgReport {
  std::string text;
  std::string json;
};
OrgReport compliance_report(const Org& org, const Date& date);

// The reports collected while loading (add is safe from the loading threads); of() makes the report
// of an organisation not collected, which must then be whole.
class ComplianceReports {
 public:
  void add(const Org& org, OrgReport report);
  OrgReport of(const Org& org, const Date& date) const;

 private:
  mutable std::mutex mutex_;
  // By data_dir, not by Org*: a released school that another page shows in detail is replaced in
  // the site by a copy loaded again (load.cpp), and a freed Org's address may be reused.
  std::map<std::string, OrgReport> by_org_;
};

// The compliance view of `check`: every organisation's report in site order, then the short summary.
void print_compliance_report(const Site& site, const ComplianceReports& reports, std::ostream& out);
// `check --format json`: diagnostics and the same view, for CI. `ok` is what the exit code says.
std::string check_report_json(const Site* site, const ComplianceReports& reports, const Diagnostics& diags,
                              bool strict);

}  // namespace nastavnik

// libFuzzer target: the JSON parser, then every JSON loader of a site (the first byte of the input
// picks the file it replaces), the checks and the compliance report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check/check.h"
#include "core/value.h"
#include "load/load.h"
#include "model/compliance.h"
#include "site_fixture.h"

using namespace nastavnik;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::TempRoot root("json");
  static const char* const kFiles[] = {"data/site.json",   "data/org.json",        "data/people.json",
                                       "data/pairs.json",  "data/monitoring.json", "data/events.json",
                                       "data/roadmaps/main.json"};
  constexpr size_t kCount = sizeof kFiles / sizeof kFiles[0];
  if (size < 1 || size > 256 * 1024) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  {
    Diagnostics d;
    (void)parse_json(text, "x.json", d);
  }
  fuzz::write_base_site(root.path);
  fuzz::write_file(root.path / kFiles[data[0] % kCount], text);
  Diagnostics diags;
  LoadOptions lo;
  lo.site_dir = root.path.string();
  auto site = load_site(lo, diags);
  if (site) {
    check_site(*site, diags);
    for (const Org* o : site->orgs()) (void)compliance_of(*o, site->settings.build_date);
  }
  (void)check_report_json(site.get(), ComplianceReports{}, diags, false);
  return 0;
}

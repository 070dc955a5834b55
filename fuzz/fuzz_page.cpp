// libFuzzer target: one page of a site (front matter + Markdown + ```nastavnik data blocks) through
// the real loader, the checks, the HTML renderer and the privacy gate.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check/check.h"
#include "load/load.h"
#include "pipeline/formats.h"
#include "site_fixture.h"

using namespace nastavnik;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::TempRoot root("page");
  static bool ready = (fuzz::write_base_site(root.path), true);
  (void)ready;
  if (size > 64 * 1024) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  fuzz::write_file(root.path / "content/pages/fuzz.md", text);
  // The split and the data-block parser on their own, too.
  if (auto fm = split_front_matter(text)) {
    Diagnostics d;
    (void)parse_yaml(fm->yaml, "x.md", fm->yaml_line - 1, d);
    (void)parse_data_block(fm->body, {"x.md", 1, 1}, d);
  }
  Diagnostics diags;
  LoadOptions lo;
  lo.site_dir = root.path.string();
  auto site = load_site(lo, diags);
  if (!site) return 0;
  check_site(*site, diags);
  if (diags.has_errors()) return 0;
  PrivacyGate gate(*site);
  Sink sink = [&](OutputFile f) {
    if (f.area == OutputFile::Area::site && f.check_privacy) gate.scan(f, diags);
  };
  Artifacts artifacts;
  RenderContext ctx{*site, diags, artifacts, nullptr, ""};
  for (auto& r : make_renderers({"html"}, *site, diags)) {
    for (const Org* o : site->orgs()) r->render_org(ctx, *o, sink);
    r->render_site(ctx, sink);
  }
  return 0;
}

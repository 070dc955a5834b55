// The pipeline: load → model → check → render (html, pdf, xlsx) → publish.
#pragma once
#include <ostream>
#include <set>
#include <string>

namespace nastavnik {

struct BuildOptions {
  std::string site_dir = ".";
  std::string out_dir;  // default: <site>/out
  std::set<std::string> formats = {"html", "pdf", "xlsx"};
  unsigned jobs = 0;
  bool quiet = false, timings = false, strict = false;
  // Build school by school however small the site (a large one always is): each school is
  // released once loaded and checked, and read again for its render.
  bool low_memory = false;
  std::string report_format = "text";
  // The command line's build ends the process right after: the site's model is then not taken
  // apart (some ten milliseconds of a 5,000-page build, a hundred thousand objects) but left to the
  // process's exit. Not for a caller that goes on, nor under a leak checker.
  bool model_dies_with_process = false;
};

// Exit codes: 0 success, 1 errors in the site, 2 wrong usage (e.g. an unsafe --out).
int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err);
int run_check(const BuildOptions& opts, std::ostream& out, std::ostream& err);

}  // namespace nastavnik

// PDF benchmark (not a test): loads sites and renders every PDF document of them — orders,
// documents, programmes, reports with their appendices, roadmaps, the section bundles — timing the
// document builder plus the typesetting engine (as the PDF renderer: typeset::Resources per site, a
// typeset::Session per organisation, in one Workspace: one thread), without writing files. Prints documents per second
// per site and the time of the order with the longest appendix, median of repeated runs.
// Usage: bench_pdf [--repeat N] SITE...   (scripts/bench-pdf.sh runs it over the demo and fixtures)
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "load/load.h"
#include "render/pdf/documents.h"
#include "thread_cpu.h"

using namespace nastavnik;

namespace {

using bench::ms_since;

struct Timed {
  double ms = 0;
  int pages = 0;
  size_t bytes = 0;
};

template <class F>
Timed timed(F make, typeset::Session& session) {
  auto t0 = bench::thread_cpu_ms();
  typeset::Result r = typeset::render(make(), &session);
  return {ms_since(t0), r.pages, r.pdf.size()};
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 5;
  std::vector<std::string> sites;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else sites.push_back(argv[i]);
  }
  if (sites.empty()) {
    std::fprintf(stderr, "использование: bench_pdf [--repeat N] ПАПКА_САЙТА...\n");
    return 2;
  }
  std::printf("%-28s %6s %7s %9s %10s %12s\n", "сайт", "док.", "стр.", "мс CPU", "док./с", "мс на стр.");
  int all_docs = 0;
  double all_ms = 0;
  for (const std::string& dir : sites) {
    Diagnostics diags;
    LoadOptions lo;
    lo.site_dir = dir;
    auto site = load_site(lo, diags);
    if (!site || diags.has_errors()) {
      std::fprintf(stderr, "%s: сайт не загрузился (%zu ошибок)\n", dir.c_str(), diags.error_count());
      return 1;
    }
    int docs = 0, pages = 0;
    double best_total = 1e300;
    // The order with the most pages: the issue's «order with a 3-page roadmap appendix».
    std::string longest_name;
    std::vector<double> longest_ms;
    int longest_pages = 0;
    typeset::Resources resources;
    typeset::Workspace workspace(resources);
    for (int run = 0; run < repeat; ++run) {
      int d = 0, p = 0;
      auto t0 = bench::thread_cpu_ms();
      for (const Org* org : site->orgs()) {
        typeset::Session session(workspace);  // as the PDF renderer: one per organisation
        bool any = false;
        for (const auto& page : org->pages) {
          if (!pdf::has_pdf(*page)) continue;
          any = true;
          Timed t = timed([&] { return pdf::page_document(*page, *site, {}); }, session);
          ++d;
          p += t.pages;
          if (page->type == PageType::order) {
            if (run == 0 && t.pages > longest_pages) {
              longest_pages = t.pages;
              longest_name = page->file;
              longest_ms.clear();
            }
            if (page->file == longest_name) longest_ms.push_back(t.ms);
          }
        }
        for (const auto& r : org->roadmaps) {
          Timed t = timed([&] { return pdf::roadmap_document(*r, *org, *site); }, session);
          ++d;
          p += t.pages;
        }
        if (any) {
          Timed t = timed([&] { return pdf::section_document(*org, *site); }, session);
          ++d;
          p += t.pages;
        }
      }
      best_total = std::min(best_total, ms_since(t0));
      docs = d;
      pages = p;
    }
    std::string name = dir.substr(dir.find_last_of('/', dir.size() - 2) + 1);
    std::printf("%-28s %6d %7d %9.0f %10.1f %12.2f\n", name.c_str(), docs, pages, best_total,
                docs / (best_total / 1000), best_total / std::max(1, pages));
    if (!longest_ms.empty()) {
      std::sort(longest_ms.begin(), longest_ms.end());
      std::printf("  самый длинный приказ: %s, %d с., медиана %.1f мс (из %zu)\n", longest_name.c_str(),
                  longest_pages, longest_ms[longest_ms.size() / 2], longest_ms.size());
    }
    all_docs += docs;
    all_ms += best_total;
  }
  std::printf("всего: %d документов за %.0f мс — %.1f документа в секунду (один поток)\n", all_docs, all_ms,
              all_docs / (all_ms / 1000));
  return 0;
}

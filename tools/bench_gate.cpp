// Privacy gate benchmark (not a test): loads a site, builds its gate (every needle of every
// organisation), then scans the public text files of a built out/ folder of that site, as the
// build scans each output. Prints the needles, the bytes, the processor time per byte (median of
// repeated passes) and the leaks found (a built site has none: the count is a check that the scan
// ran). Usage: bench_gate [--repeat N] SITE OUT   (for example out/ of `nastavnik build --site SITE`)
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "check/check.h"
#include "load/load.h"
#include "thread_cpu.h"

using namespace nastavnik;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  int repeat = 5;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else args.push_back(argv[i]);
  }
  if (args.size() != 2) {
    std::fprintf(stderr, "использование: bench_gate [--repeat N] ПАПКА_САЙТА ПАПКА_РЕЗУЛЬТАТА\n");
    return 2;
  }
  LoadOptions o;
  o.site_dir = args[0];
  o.jobs = 0;
  Diagnostics load_diags;
  auto site = load_site(o, load_diags);
  if (!site) {
    std::fprintf(stderr, "сайт не загружен: %s\n", args[0].c_str());
    return 1;
  }
  std::error_code ec;
  if (!fs::is_directory(fs::path(args[1]) / "site", ec)) {
    std::fprintf(stderr, "нет папки %s/site: укажите out/ собранного сайта\n", args[1].c_str());
    return 1;
  }
  PrivacyGate gate(*site);
  std::vector<OutputFile> files;
  size_t bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(args[1]) / "site")) {
    const std::string ext = e.path().extension().string();
    if (!e.is_regular_file() || (ext != ".html" && ext != ".js" && ext != ".xml")) continue;
    OutputFile f;
    f.path = e.path().lexically_relative(fs::path(args[1]) / "site").string();
    std::ostringstream s;
    s << std::ifstream(e.path(), std::ios::binary).rdbuf();
    f.content = s.str();
    bytes += f.content.size();
    files.push_back(std::move(f));
  }
  std::vector<double> ms;
  size_t leaks = 0;
  for (int r = 0; r < repeat; ++r) {
    Diagnostics d;
    const double t0 = bench::thread_cpu_ms();
    for (const auto& f : files) gate.scan(f, d);
    ms.push_back(bench::ms_since(t0));
    leaks = d.sorted().size();
  }
  std::sort(ms.begin(), ms.end());
  const double med = ms[ms.size() / 2];
  std::printf("иглы: %zu, файлы: %zu, байты: %zu, мс CPU (медиана из %d): %.1f, нс на байт: %.2f, утечки: %zu\n",
              gate.needle_count(), files.size(), bytes, repeat, med, med * 1e6 / static_cast<double>(bytes), leaks);
  return 0;
}

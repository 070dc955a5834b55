#include "pipeline/pipeline.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "check/check.h"
#include "core/parallel.h"
#include "load/load.h"
#include "pipeline/formats.h"
#include "publish/publisher.h"
#include "render/renderer.h"

namespace fs = std::filesystem;

namespace nastavnik {

namespace {

using Clock = std::chrono::steady_clock;

// A site with more schools than this is built school by school (load.h: release_schools_over):
// 1,000 schools build in about 160 MiB (html) holding everything; above that memory would grow
// with the site (10,000 schools: 2.3 GiB), so each school is released once loaded and read again
// for its render (540 MiB).
constexpr size_t kReleaseSchoolsOver = 1000;
size_t release_threshold(const BuildOptions& opts) { return opts.low_memory ? 0 : kReleaseSchoolsOver; }

struct Timings {
  std::vector<std::pair<std::string, double>> stages;
  Clock::time_point t = Clock::now();
  void lap(std::string name) {
    auto now = Clock::now();
    stages.emplace_back(std::move(name), std::chrono::duration<double, std::milli>(now - t).count());
    t = now;
  }
};

void print_diagnostics(const Diagnostics& diags, std::ostream& err) {
  for (const auto& d : diags.sorted()) err << format_diagnostic(d) << "\n";
}

std::optional<Date> default_today() {
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    long long secs = std::strtoll(e, &end, 10);
    if (end && *end == '\0' && secs >= 0) return civil_from_days(static_cast<long>(secs / 86400));
  }
  auto now = std::chrono::system_clock::now();
  long days = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return civil_from_days(days);
}

// An --out that the build could destroy data with is refused (exit 2).
std::optional<std::string> unsafe_out(const fs::path& site, const fs::path& out) {
  std::error_code ec;
  fs::path s = fs::weakly_canonical(site, ec), o = fs::weakly_canonical(out, ec);
  if (o == o.root_path()) return "папка результата не может быть корнем файловой системы";
  if (const char* home = std::getenv("HOME"); home && *home && o == fs::weakly_canonical(home, ec))
    return "папка результата не может быть домашней папкой";
  if (o == s) return "папка результата не может совпадать с папкой сайта";
  auto inside = [](const fs::path& a, const fs::path& b) {  // a is b or inside b
    auto r = a.lexically_relative(b);
    return !r.empty() && *r.begin() != "..";
  };
  if (inside(s, o)) return "папка сайта лежит внутри папки результата: сборка удалила бы её";
  for (const char* src : {"content", "data", "templates"})
    if (inside(o, s / src)) return std::string("папка результата не может лежать в исходной папке ") + src + "/";
  if (fs::exists(o) && !fs::is_directory(o)) return "папка результата существует и не является папкой";
  // An existing non-empty folder that was not made by nastavnik is not ours to replace.
  if (fs::is_directory(o) && !fs::is_empty(o, ec) && !fs::exists(o / "manifest.json"))
    return "папка " + out.string() + " не пуста и не похожа на результат nastavnik (нет manifest.json): "
           "укажите другую --out";
  return std::nullopt;
}

// A site loaded and checked, and what its render needs of the loading.
struct Loaded {
  LoadOptions options;  // a released school is loaded again with them
  std::unique_ptr<Site> site;
  std::optional<PrivacyGate> gate;
};

// load → model → check. Each organisation is checked, and its personal data collected for the
// privacy gate, as soon as it is loaded (a school of a large site is released right after).
// `reports`: the compliance reports of `check`, made for each school while it is whole.
Loaded load_and_check(const BuildOptions& opts, const fs::path& site_dir, const fs::path& out_dir,
                      size_t release_schools_over, Diagnostics& diags, Timings& t,
                      ComplianceReports* reports = nullptr) {
  Loaded l;
  l.options.site_dir = site_dir.string();
  l.options.out_dir = out_dir.string();
  l.options.today = default_today();
  l.options.jobs = opts.jobs;
  l.options.release_schools_over = release_schools_over;
  PrivacyGate::Builder needles;
  l.options.loaded = [&](const Site& site, const Org& org) {
    check_org(site, org, diags);
    needles.add(site, org);
    if (reports && !org.department) reports->add(org, compliance_report(org, site.settings.build_date));
  };
  l.site = load_site(l.options, diags);
  l.options.loaded = nullptr;
  if (!l.site || diags.has_errors()) check_render_inputs(opts.formats, l.options.site_dir, diags);
  t.lap("загрузка и проверка");
  if (l.site) l.gate.emplace(needles, *l.site);
  t.lap("фильтр персональных данных");
  return l;
}

// The progress line on a terminal (stderr): organisations done / total, rate, time left. Redrawn
// at most ten times a second from the workers; erased when the render ends.
class Progress {
 public:
  Progress(bool on, size_t total) : on_(on), total_(total) {}
  void tick() {
    size_t done = ++done_;
    if (!on_) return;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return;  // another worker is drawing
    auto now = Clock::now();
    if (done < total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double rate = secs > 0 ? done / secs : 0;
    char line[160];
    int n = std::snprintf(line, sizeof line, "\r\033[KСборка: %zu/%zu организаций, %.1f в секунду", done, total_, rate);
    std::string text(line, static_cast<size_t>(std::max(n, 0)));
    if (rate > 0 && done < total_) {
      long left = std::lround((total_ - done) / rate);
      text += ", осталось " + (left >= 60 ? std::to_string(left / 60) + " мин " : std::string()) +
              std::to_string(left % 60) + " с";
    }
    std::fputs(text.c_str(), stderr);
    std::fflush(stderr);
    drawn_ = true;
  }
  void finish() {
    std::lock_guard lock(mutex_);
    if (drawn_) std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }

 private:
  bool on_;
  size_t total_;
  std::atomic<size_t> done_{0};
  std::mutex mutex_;
  bool drawn_ = false;
  Clock::time_point start_ = Clock::now(), last_{};
};

// The time each format spent, summed over the workers (formats of one organisation interleave).
struct FormatTimes {
  std::mutex mutex;
  std::map<std::string, double> ms;
  void add(std::string_view format, Clock::duration d) {
    std::lock_guard lock(mutex);
    ms[std::string(format)] += std::chrono::duration<double, std::milli>(d).count();
  }
};

// Renders every format of every organisation through the privacy gate into the publisher (which
// refuses two outputs with the same path). `check` passes a publisher over a file system that
// writes nothing, so it validates exactly what `build` validates. manifest.json passes the gate too.
// `scratch_dir`: RenderContext::scratch_dir.
void render_all(const BuildOptions& opts, const Loaded& loaded, Publisher& pub, const std::string& scratch_dir,
                Diagnostics& diags, Timings& t, bool progress, FormatTimes* times = nullptr) {
  const Site& site = *loaded.site;
  const PrivacyGate& gate = *loaded.gate;
  Sink sink = [&](OutputFile f) {
    if (f.area == OutputFile::Area::site && f.check_privacy) gate.scan(f, diags);
    pub.add(std::move(f), diags);
  };
  Artifacts artifacts;
  RenderContext ctx{site, diags, artifacts, nullptr, scratch_dir};
  ctx.reload = [&](const Org& org) {
    auto whole = reload_org(loaded.options, site, org);
    if (!whole)
      diags.error({org.data_dir, 0, 0}, "файлы организации изменились во время сборки: соберите сайт ещё раз");
    return whole;
  };
  auto renderers = make_renderers(opts.formats, site, diags);  // templates are parsed here, once
  t.lap("шаблоны");
  // Organisations in parallel; within one, formats in order (pages link the PDFs and workbooks).
  // Each output goes through the gate to the publisher as soon as it is made, so what a worker
  // holds is one organisation's outputs at most.
  std::vector<const Org*> orgs = site.orgs();
  Progress bar(progress, orgs.size());
  // A released school (a large site) is loaded again for its render and let go after it.
  parallel_for(orgs.size(), opts.jobs, [&](size_t i) {
    ctx.with_data(*orgs[i], [&](const Org& org) {
      for (auto& r : renderers) {
        auto start = Clock::now();
        r->render_org(ctx, org, sink);
        if (times) times->add(r->format(), Clock::now() - start);
      }
    });
    bar.tick();
  });
  bar.finish();
  t.lap("организации");
  for (auto& r : renderers) {
    auto start = Clock::now();
    r->render_site(ctx, sink);
    if (times) times->add(r->format(), Clock::now() - start);
  }
  t.lap("общие файлы сайта (поиск, карта сайта)");
  // out/manifest.json is public too: it passes the same gate, part by part (whole entries), as
  // it is written.
  pub.write_manifest(diags, [&](std::string_view part) {
    OutputFile manifest;
    manifest.path = "manifest.json";
    manifest.kind = "manifest";
    manifest.sources = {"data/site.json"};
    manifest.content = part;
    gate.scan(manifest, diags);
  });
  t.lap("манифест");
}

}  // namespace

int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err) {
  Timings t;
  fs::path site_dir = fs::absolute(opts.site_dir.empty() ? "." : opts.site_dir);
  fs::path out_dir = opts.out_dir.empty() ? site_dir / "out" : fs::absolute(opts.out_dir);
  if (auto why = unsafe_out(site_dir, out_dir)) {
    err << "nastavnik: неверный вызов: " << *why << "\n";
    return 2;
  }
  Diagnostics diags;
  // load → model → check
  auto loaded = load_and_check(opts, site_dir, out_dir, release_threshold(opts), diags, t);
  const Site* site = loaded.site.get();
  if (!site || diags.has_errors()) {
    print_diagnostics(diags, err);
    err << "Сборка прервана: " << diags.error_count() << " "
        << plural(static_cast<long>(diags.error_count()), "ошибка", "ошибки", "ошибок")
        << ". Папка " << out_dir.string() << " не изменена.\n";
    return 1;
  }
  // render → publish (streamed: every file goes to the staging folder as soon as it is made)
  auto fsys = make_real_fs();
  Publisher pub(*fsys, out_dir.lexically_normal().string(), std::to_string(::getpid()));
  if (!pub.begin(diags)) {
    print_diagnostics(diags, err);
    return 1;
  }
  t.lap("временная папка");
  std::vector<const Org*> orgs = site->orgs();
  FormatTimes format_times;
  bool progress = !opts.quiet && ::isatty(STDERR_FILENO);
  render_all(opts, loaded, pub, pub.scratch_dir(), diags, t, progress, &format_times);
  if (diags.has_errors()) {
    print_diagnostics(diags, err);
    err << "Сборка прервана: " << diags.error_count() << " "
        << plural(static_cast<long>(diags.error_count()), "ошибка", "ошибки", "ошибок")
        << ". Папка " << out_dir.string() << " не изменена.\n";
    return 1;
  }
  if (!pub.commit(diags)) {
    print_diagnostics(diags, err);
    return 1;
  }
  t.lap("публикация");
  print_diagnostics(diags, err);
  if (!opts.quiet) {
    auto counts = pub.kind_counts();
    size_t pages = counts["page"], pdfs = counts["pdf"], xlsx = counts["xlsx"];
    out << "Готово: " << orgs.size() << " " << plural(static_cast<long>(orgs.size()), "организация", "организации", "организаций")
        << ", " << pages << " " << plural(static_cast<long>(pages), "страница", "страницы", "страниц") << ", "
        << pdfs << " PDF, " << xlsx << " XLSX → " << out_dir.string() << "\n";
    print_compliance_summary(*site, out);
    if (diags.warning_count() > 0)
      out << "Предупреждений: " << diags.warning_count() << "\n";
  }
  if (opts.timings) {
    err << "Время этапов (потоков: " << effective_jobs(opts.jobs) << "):\n";
    double total = 0;
    for (const auto& [name, ms] : t.stages) {
      err << "  " << name << ": " << std::lround(ms) << " мс\n";
      if (name == "организации")
        for (const auto& [format, fms] : format_times.ms)
          err << "    " << format << " (сумма по потокам): " << std::lround(fms) << " мс\n";
      total += ms;
    }
    err << "  всего: " << std::lround(total) << " мс\n";
    if (pub.reused() > 0)
      err << "  файлов без изменений (взяты из прежней сборки): " << pub.reused() << "\n";
  }
  if (opts.model_dies_with_process) (void)loaded.site.release();  // BuildOptions
  return 0;
}

namespace {
// check's private folder (0700) for the workbooks it renders and reads back: in TMPDIR, else /tmp,
// else /var/tmp, so that a TMPDIR that cannot be written does not fail a command that writes
// nothing; removed when check ends. Empty when none can be made (each workbook then says so).
class CheckScratch {
 public:
  CheckScratch() {
    std::vector<std::string> places;
    if (const char* t = std::getenv("TMPDIR"); t && *t) places.emplace_back(t);
    places.emplace_back("/tmp");
    places.emplace_back("/var/tmp");
    for (const std::string& place : places) {
      std::string p = place + "/nastavnik-check-XXXXXX";
      if (::mkdtemp(p.data())) {
        path_ = p;
        return;
      }
    }
  }
  ~CheckScratch() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  CheckScratch(const CheckScratch&) = delete;
  CheckScratch& operator=(const CheckScratch&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};
}  // namespace

int run_check(const BuildOptions& opts, std::ostream& out, std::ostream& err) {
  Timings t;
  fs::path site_dir = fs::absolute(opts.site_dir.empty() ? "." : opts.site_dir);
  Diagnostics diags;
  // A large site is checked school by school as it is built; each school's part of the compliance
  // report (people, pairs, roadmap items) is made while it is whole. The department is never
  // released: its report is made at the end.
  ComplianceReports reports;
  auto loaded = load_and_check(opts, site_dir, site_dir / "out", release_threshold(opts), diags, t, &reports);
  const Site* site = loaded.site.get();
  if (site && !diags.has_errors()) {  // as build: render only a site that loaded cleanly
    auto nowhere = make_null_fs();
    Publisher pub(*nowhere, (site_dir / "out").string(), "check");
    CheckScratch scratch;
    if (pub.begin(diags)) render_all(opts, loaded, pub, scratch.path(), diags, t, false);
  }
  bool failed = !site || diags.has_errors() || (opts.strict && diags.warning_count() > 0);
  if (opts.report_format == "json") {
    out << check_report_json(site, reports, diags, opts.strict);
  } else {
    print_diagnostics(diags, err);
    if (site) print_compliance_report(*site, reports, out);
    out << "Ошибок: " << diags.error_count() << ", предупреждений: " << diags.warning_count();
    if (opts.strict && !diags.has_errors() && diags.warning_count() > 0)
      out << " (--strict: предупреждения считаются ошибками)";
    out << "\n";
  }
  return failed ? 1 : 0;
}

}  // namespace nastavnik

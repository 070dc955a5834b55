// nastavnik: the command line. Parses arguments (in Russian), then hands over to the pipeline.
#include <CLI/CLI.hpp>

#include <iostream>
#include <thread>

#include "pipeline/pipeline.h"

namespace {
// Whether a sanitizer with a leak checker is built in (GCC defines the macros; Clang answers
// __has_feature, also for -fsanitize=leak alone).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kLeakChecked = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kLeakChecked = true;
#else
constexpr bool kLeakChecked = false;
#endif
#else
constexpr bool kLeakChecked = false;
#endif
}  // namespace

int main(int argc, char** argv) {
  using namespace nastavnik;
  CLI::App app{"nastavnik — сборка раздела «Наставничество»: веб-страницы, PDF-документы и таблицы XLSX "
               "из папки сайта (см. docs/format.md)",
               "nastavnik"};
  app.require_subcommand(1);
  app.set_help_flag("-h,--help", "показать эту справку и выйти");
  app.footer("Коды выхода: 0 — успех, 1 — ошибки в данных сайта, 2 — неверный вызов.");

  BuildOptions opts;
  std::string formats = "html,pdf,xlsx";
  auto* build = app.add_subcommand("build", "собрать сайт в папку out/");
  build->set_help_flag("-h,--help", "показать справку по команде build");
  build->add_option("--site", opts.site_dir, "папка сайта (по умолчанию — текущая)");
  build->add_option("--out", opts.out_dir, "папка результата (по умолчанию — <сайт>/out)");
  build->add_option("--formats", formats, "что собирать: html,pdf,xlsx (по умолчанию — всё)");
  build->add_option("-j,--jobs", opts.jobs, "число потоков: организации собираются параллельно (по умолчанию — число ядер)")
      ->check(CLI::Range(1u, 256u));
  build->add_flag("-q,--quiet", opts.quiet, "не печатать ход сборки и итог (строка хода — только на терминале)");
  build->add_flag("--timings", opts.timings, "напечатать в stderr время каждого этапа");
  build->add_flag("--low-memory", opts.low_memory,
                  "собирать школу за школой: память — по самой большой школе, каждая школа читается дважды "
                  "(сайт больше чем из 1000 школ собирается так всегда)");

  auto* check = app.add_subcommand("check", "проверить сайт, ничего не записывая");
  check->set_help_flag("-h,--help", "показать справку по команде check");
  check->add_option("--site", opts.site_dir, "папка сайта (по умолчанию — текущая)");
  check->add_flag("--strict", opts.strict, "считать предупреждения ошибками");
  check->add_option("--format", opts.report_format, "вид отчёта: text или json")
      ->check(CLI::IsMember({"text", "json"}));
  check->add_option("-j,--jobs", opts.jobs, "число потоков (по умолчанию — число ядер)")->check(CLI::Range(1u, 256u));
  check->add_flag("--low-memory", opts.low_memory,
                  "проверять школу за школой: память — по самой большой школе (сайт больше чем из 1000 школ "
                  "проверяется так всегда)");

  auto* version = app.add_subcommand("version", "напечатать версию");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    std::cerr << "nastavnik: неверный вызов: " << msg << "\nСправка: nastavnik --help\n";
    return 2;
  }
  if (version->parsed()) {
    std::cout << "nastavnik " << NASTAVNIK_VERSION << "\n";
    return 0;
  }
  if (opts.jobs == 0) opts.jobs = std::max(1u, std::thread::hardware_concurrency());
  if (build->parsed()) {
    opts.formats.clear();
    std::string f;
    for (size_t i = 0; i <= formats.size(); ++i) {
      if (i == formats.size() || formats[i] == ',') {
        if (f != "html" && f != "pdf" && f != "xlsx") {
          std::cerr << "nastavnik: неверный вызов: неизвестный формат «" << f
                    << "» в --formats (ожидается html, pdf, xlsx)\n";
          return 2;
        }
        opts.formats.insert(f);
        f.clear();
      } else {
        f += formats[i];
      }
    }
    // main returns right after the build: its model is left to the process's exit, except under
    // a sanitizer (its leak checker would report the model).
    opts.model_dies_with_process = !kLeakChecked;
    return run_build(opts, std::cout, std::cerr);
  }
  return run_check(opts, std::cout, std::cerr);
}

#include "render/xlsx/xlsx.h"

#include <mutex>

#include <algorithm>
#include <initializer_list>

#include "model/compliance.h"
#include "render/xlsx/bases.h"
#include "render/xlsx/common.h"
#include "render/xlsx/summary.h"
#include "render/xlsx/workbook.h"

namespace nastavnik {

namespace xlsx {
namespace {

// The data files a workbook of `org` is made from.
void add_sources(const Org& org, std::vector<std::string>& v, bool with_people) {
  v.push_back(org.data_dir + "/org.json");
  if (with_people && !org.people.empty()) v.push_back(org.data_dir + "/people.json");
  if (org.summary ? org.summary->pairs > 0 : !org.pairs.empty()) v.push_back(org.data_dir + "/pairs.json");
  if (org.monitoring) v.push_back(org.monitoring->file);
  for (const auto& r : org.roadmaps) v.push_back(r->file);
}

// The site's own style files of these workbook styles (templates/workbooks/<name>.yaml).
void add_style_sources(const Site& site, std::initializer_list<const char*> names, std::vector<std::string>& v) {
  for (const char* n : names) {
    std::string rel = std::string("templates/workbooks/") + n + ".yaml";
    const auto& own = site.workbook_styles.site_files;
    if (std::find(own.begin(), own.end(), rel) != own.end()) v.push_back(rel);
  }
}

class XlsxRenderer : public Renderer {
 public:
  std::string_view format() const override { return "xlsx"; }

  void render_org(RenderContext& ctx, const Org& org, const Sink& sink) override {
    const SiteSettings& s = ctx.site.settings;
    const WorkbookStyles& ws = ctx.site.workbook_styles;
    if (org.department) {
      Workbook book(info(ctx, "Сводка по наставничеству: " + org.short_name, org, true, ws.summary.print,
                         ws.summary.header_fill));
      if (write_summary(book, org, s, ws)) {
        std::vector<std::string> sources;
        for (const Org* o : ctx.site.orgs()) add_sources(*o, sources, false);
        add_style_sources(ctx.site, {"summary", "monitoring"}, sources);
        publish(ctx, org, sink, book, "summary.xlsx", "site:xlsx", std::move(sources));
      }
      std::vector<const Org*> all = ctx.site.orgs();
      bases(ctx, org, sink, all, true);
    } else {
      Workbook book(info(ctx, "Мониторинг наставничества: " + org.short_name, org, true, ws.monitoring.print,
                         ws.monitoring.header_fill));
      if (add_org_sheets(book, org, s, ws.monitoring)) {
        std::vector<std::string> sources;
        add_sources(org, sources, false);
        add_style_sources(ctx.site, {"monitoring"}, sources);
        publish(ctx, org, sink, book, org.url_prefix + "monitoring.xlsx", "org:xlsx:" + org.id, std::move(sources));
      }
      bases(ctx, org, sink, {&org}, false);
    }
  }

 private:
  static BookInfo info(const RenderContext& ctx, std::string title, const Org& org, bool is_public,
                       const PrintSetup& print, Fill header_fill) {
    BookInfo b;
    b.title = std::move(title);
    b.company = org.name;
    b.created = ctx.site.settings.build_date;
    b.is_public = is_public;
    b.print = print;
    b.header_fill = header_fill;
    b.temp_dir = ctx.scratch_dir;
    return b;
  }

  // The bases of mentors and mentees of `orgs`, private, at the organisation's place in private/.
  // libxlsxwriter's process-wide state (gmtime's buffer) is touched by one closing workbook at a time.
  std::mutex close_lock_;

  void bases(RenderContext& ctx, const Org& org, const Sink& sink, const std::vector<const Org*>& orgs,
                    bool with_org) {
    const SiteSettings& s = ctx.site.settings;
    const BasesStyle& style = ctx.site.workbook_styles.bases;
    // One base at a time, one organisation at a time: a released school (a large site) is loaded
    // again and its rows written before the next one is loaded; the two workbooks (each holds
    // every cell until it is closed) are never open together.
    std::string scope = with_org ? "все организации" : org.short_name;
    // The merged bases of a site built school by school (a large one) go to disk row by row.
    bool stream = with_org && ctx.site.school_by_school;
    for (Base b : {Base::mentors, Base::mentees}) {
      BookInfo bi = info(ctx, base_title(b) + ": " + scope, org, false, style.print, style.header_fill);
      bi.stream_rows = stream;
      Workbook book(std::move(bi));
      const BaseStyle& bs = base_style(b, style);
      BaseWriter writer(book, bs.sheet, base_columns(bs.columns, with_org ? &style.organisation : nullptr),
                        base_title(b) + ": " + scope + " (на " + date_numeric(s.build_date) +
                            "). Персональные данные — не публиковать");
      std::vector<std::string> sources;
      for (const Org* member : orgs)
        ctx.with_data(*member, [&](const Org& whole) {
          writer.add(base_rows(b, whole, s));
          if (!whole.people.empty()) add_sources(whole, sources, true);
        });
      if (writer.count() == 0) continue;  // an empty base is not written
      writer.finish();
      add_style_sources(ctx.site, {"bases"}, sources);
      publish(ctx, org, sink, book, org.url_prefix + base_file(b), "", std::move(sources));
    }
  }

  // Closes the workbook and hands it to the sink; a public one (artifact_key not empty) is also
  // registered for the web pages.
  void publish(RenderContext& ctx, const Org& org, const Sink& sink, Workbook& book, const std::string& path,
                      const std::string& artifact_key, std::vector<std::string> sources) {
    std::string error;
    auto bytes = book.close(error, close_lock_);
    if (!bytes) {
      ctx.diags.error({org.data_dir + "/org.json", 0, 0}, "не удалось создать таблицу " + path + ": " + error);
      return;
    }
    OutputFile f;
    f.path = path;
    f.kind = "xlsx";
    f.org = org.id;
    f.sources = std::move(sources);
    if (artifact_key.empty()) {
      f.area = OutputFile::Area::private_;
      f.check_privacy = false;
    } else {
      f.gate_text = book.gate_text();
      ctx.artifacts.add(artifact_key, Artifact{path, "xlsx", 0, bytes->size(), ""});
    }
    f.content = std::move(*bytes);
    sink(std::move(f));
  }
};

}  // namespace
}  // namespace xlsx

std::unique_ptr<Renderer> make_xlsx_renderer(const Site&, Diagnostics&) {
  return std::make_unique<xlsx::XlsxRenderer>();
}

}  // namespace nastavnik

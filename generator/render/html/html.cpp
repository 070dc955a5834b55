#include "render/html/html.h"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <set>

#include "core/pool.h"
#include "core/text.h"
#include "core/utf8.h"
#include "model/compliance.h"
#include "model/tables.h"
#include "render/html/blocks.h"
#include "render/html/markdown.h"
#include "model/markdown.h"
#include "render/html/search.h"
#include "render/html/templates.h"
#include "render/html/urls.h"
#include "render/html/views.h"

namespace nastavnik {

namespace html {
namespace {

std::string ty(const std::string& s) { return typograph(s); }

// The Values a template sees, over the view's strings (they outlive the render). Empty strings
// are left out, so that {{#summary}}…{{/summary}} shows nothing for them.
Data to_data(const LinkView& l) {
  Data d;
  d.reserve(3);
  d.set("title", l.title);
  d.set("url", l.url);
  d.set("current", Data::boolean(l.current));
  return d;
}
Data to_data(const DownloadView& v) {
  Data d;
  d.reserve(3);
  d.set("label", v.label);
  d.set("url", v.url);
  d.set("info", v.info);
  return d;
}
Data to_data(const std::string& s) { return Data::text(s); }
Data to_data(const ListItemView& v) {
  Data d;
  d.reserve(8);
  for (auto [k, s] : {std::pair{"title", &v.title}, {"url", &v.url}, {"date", &v.date},
                      {"number", &v.number}, {"summary", &v.summary}, {"kind", &v.kind}, {"org", &v.org}})
    if (!s->empty()) d.set(k, *s);
  if (!v.downloads.empty()) {
    Data& dl = d.set("downloads", Data::list());
    dl.reserve(v.downloads.size());
    for (const auto& x : v.downloads) dl.push(to_data(x));
  }
  return d;
}
Data to_data(const PersonView& p) {
  Data d;
  d.reserve(6);
  for (auto [k, s] : {std::pair{"role", &p.role}, {"name", &p.name}, {"position", &p.position},
                      {"phone", &p.phone}, {"email", &p.email}, {"phone_href", &p.phone_href}})
    if (!s->empty()) d.set(k, *s);
  return d;
}

// A list of views as `key`, and `has_key` true when it is not empty: {{#has_items}}…
template <class T>
void set_list(Data& d, std::string_view key, std::string_view has_key, const std::vector<T>& v) {
  if (v.empty()) return;
  Data& l = d.set(key, Data::list());
  l.reserve(v.size());
  for (const auto& x : v) l.push(to_data(x));
  d.set(has_key, Data::boolean(true));
}
Data to_data(const PageView& v) {
  Data d;
  d.reserve(40);  // 22 texts and 9 lists with their flags at most
  for (auto [k, s] : {std::pair{"lang", &v.lang}, {"title", &v.title}, {"site_title", &v.site_title},
                      {"org_name", &v.org_name}, {"org_short_name", &v.org_short_name},
                      {"description", &v.description}, {"root", &v.root}, {"home_url", &v.home_url},
                      {"canonical", &v.canonical}, {"feed_url", &v.feed_url}, {"build_date", &v.build_date},
                      {"search_url", &v.search_url}, {"search_index_url", &v.search_index_url},
                      {"heading", &v.heading}, {"subtitle", &v.subtitle}, {"approved", &v.approved},
                      {"approved_url", &v.approved_url}, {"content_html", &v.content_html},
                      {"date", &v.date}, {"schools_html", &v.schools_html},
                      {"compliance_html", &v.compliance_html}, {"empty_text", &v.empty_text}})
    if (!s->empty()) d.set(k, *s);
  d.set("root", v.root);
  set_list(d, "breadcrumbs", "has_breadcrumbs", v.breadcrumbs);
  set_list(d, "menu", "has_menu", v.menu);
  set_list(d, "people", "has_people", v.people);
  set_list(d, "forms", "has_forms", v.forms);
  set_list(d, "counts", "has_counts", v.counts);
  set_list(d, "items", "has_items", v.items);
  set_list(d, "downloads", "has_downloads", v.downloads);
  set_list(d, "appendices", "has_appendices", v.appendices);
  set_list(d, "news", "has_news", v.news);
  return d;
}

struct SectionDef {
  const char* key;   // menu key
  const char* title;
  const char* url;   // relative to the organisation's root
};
const SectionDef kDocuments{"documents", "Документы", "documents/index.html"};
const SectionDef kRoadmap{"roadmap", "Дорожная карта", "roadmap.html"};
const SectionDef kPairs{"pairs", "Наставнические пары", "pairs.html"};
const SectionDef kPrograms{"programs", "Программы", "programs/index.html"};
const SectionDef kPractices{"practices", "Практики", "practices/index.html"};
const SectionDef kMonitoring{"monitoring", "Мониторинг", "monitoring.html"};
const SectionDef kReports{"reports", "Отчёты", "reports/index.html"};
const SectionDef kNews{"news", "Новости", "news/index.html"};
const SectionDef kEvents{"events", "Мероприятия", "events.html"};

// The key of an organisation's public workbook (render/xlsx): a school's monitoring, the summary.
std::string workbook_key(const Org& o) { return o.department ? "site:xlsx" : "org:xlsx:" + o.id; }


class HtmlRenderer;

// Renders the pages of one organisation.
class OrgRender {
 public:
  OrgRender(HtmlRenderer& r, RenderContext& ctx, const Org& org, const Sink& sink, PageTerms& terms)
      : r_(r), ctx_(ctx), org_(org), sink_(sink), terms_(terms),
        site_title_(ty(ctx.site.settings.title)), org_name_(ty(org.name)), org_short_name_(ty(org.short_name)),
        top_short_name_(ty(ctx.site.org->short_name)), build_date_(date_long(ctx.site.settings.build_date)) {}
  void run();

 private:
  HtmlRenderer& r_;
  RenderContext& ctx_;
  const Org& org_;
  const Sink& sink_;
  PageTerms& terms_;
  // What every page of the organisation shows, typographed once.
  const std::string site_title_, org_name_, org_short_name_, top_short_name_, build_date_;
  std::vector<const SectionDef*> sections_;
  SearchIndex search_;  // a school's own pages

  std::string url(const std::string& rel) const { return org_.url_prefix + rel; }
  PageBody body(const Page& p) const { return page_body(ctx_.site, p, ctx_.diags); }
  PageView view(const std::string& page_url, const std::string& title, const SectionDef* section,
                const std::string& tmpl);
  void emit(const std::string& page_url, PageView& v, std::vector<std::string> sources);
  std::vector<DownloadView> downloads(const std::string& key, const std::string& from_url);
  ListItemView item(const Page& p, const std::string& from_url);
  void landing();
  void page(const Page& p);
  void list_page(const SectionDef& s, std::vector<const Page*> pages, const std::string& intro);
  void data_page(const SectionDef& s, const std::string& html, std::vector<std::string> sources);
  void feed();
};

class HtmlRenderer : public Renderer {
 public:
  HtmlRenderer(const Site& site, Diagnostics& diags)
      : templates_(NASTAVNIK_TEMPLATE_DIR, site.root, diags), diags_(diags), links_(site.links) {}
  std::string_view format() const override { return "html"; }

  void render_org(RenderContext& ctx, const Org& org, const Sink& sink) override {
    auto terms = terms_.acquire();
    OrgRender(*this, ctx, org, sink, *terms).run();
  }

  void render_site(RenderContext& ctx, const Sink& sink) override {
    for (const auto& [url, src] : templates_.assets()) {
      OutputFile f;
      f.path = url;
      f.kind = "asset";
      f.copy_from = src;
      f.sources = {"templates/" + url};
      f.check_privacy = false;
      sink(std::move(f));
    }
    const auto& s = ctx.site.settings;
    std::vector<std::string> urls;
    {
      std::lock_guard lock(mutex_);
      urls = sitemap_;
    }
    std::sort(urls.begin(), urls.end());
    sitemaps(s, urls, sink);
    // 404: shown at any address, so its links are absolute (base_url).
    const Org& org = *ctx.site.org;
    PageView v;
    v.site_title = ty(s.title);
    v.org_name = ty(org.name);
    v.org_short_name = ty(org.short_name);
    v.title = v.heading = "Страница не найдена";
    v.root = s.base_url;
    v.home_url = s.base_url;
    v.template_name = "404";
    v.search_url = s.base_url + "search.html";
    v.menu = menu_of(org, "", "");
    for (auto& m : v.menu) m.url = s.base_url + m.url;
    OutputFile nf;
    nf.path = "404.html";
    nf.kind = "page";
    nf.content = wrap(v, nf.path);
    nf.sources = {"data/site.json"};
    sink(std::move(nf));
    search_page(ctx, sink);
  }

  void sitemaps(const SiteSettings& s, const std::vector<std::string>& urls, const Sink& sink) {
    for (auto& [path, content] : sitemap_files(s.base_url, iso(s.build_date), urls)) {
      OutputFile f;
      f.path = std::move(path);
      f.kind = "sitemap";
      f.content = std::move(content);
      f.sources = {"data/site.json"};
      sink(std::move(f));
    }
  }

  // The site search: search.html at the web root and its index, search-index.js (public output:
  // the privacy gate scans it like a page).
  void search_page(RenderContext& ctx, const Sink& sink) {
    const auto& s = ctx.site.settings;
    const Org& org = *ctx.site.org;
    PageView v;
    v.site_title = ty(s.title);
    v.org_name = ty(org.name);
    v.org_short_name = ty(org.short_name);
    v.title = v.heading = "Поиск";
    v.home_url = "index.html";
    v.canonical = s.base_url + "search.html";
    v.search_url = "search.html";
    v.search_index_url = "search-index.js";
    v.build_date = date_long(s.build_date);
    v.template_name = "search";
    v.breadcrumbs = {{ty(org.short_name), "index.html", false}, {"Поиск", "search.html", true}};
    v.menu = menu_of(org, "search.html", "");
    search_files(v, "", "", search_, {"data/site.json"}, sink);
  }

  // search.html and search-index.js of an organisation (public: the privacy gate scans both).
  void search_files(const PageView& v, const std::string& prefix, const std::string& org_id,
                    SearchIndex& index, const std::vector<std::string>& sources, const Sink& sink) {
    OutputFile f;
    f.path = prefix + "search.html";
    f.kind = "page";
    f.content = wrap(v, f.path);
    f.sources = sources;
    f.org = org_id;
    sink(std::move(f));
    OutputFile idx;
    idx.path = prefix + "search-index.js";
    idx.kind = "index";
    idx.content = index.script();
    idx.sources = sources;
    idx.org = org_id;
    sink(std::move(idx));
  }

  SearchIndex& search() { return search_; }

  // The page `v` through its body template and the layout. A template that multiplies the page
  // (mustache::Template::render's limits) is an error of the build, not a page of gigabytes.
  std::string wrap(const PageView& v, const std::string& path) const {
    Data d = to_data(v);
    std::string body, page;
    std::string failed;  // the template that went past the limits
    if (!templates_.render(v.template_name, d, body)) {
      failed = v.template_name;
    } else {
      d.set("body_html", body);
      if (!templates_.render("layout", d, page)) failed = "layout";
    }
    if (!failed.empty()) {
      diags_.error({"templates/html/" + failed + ".mustache", 0, 0},
                   "страница " + path + " не собрана: шаблон размножает её (больше " +
                       std::to_string(mustache::Template::kMaxOutput >> 20) +
                       " МБ или " + std::to_string(mustache::Template::kMaxSteps / 1'000'000) + " млн шагов) — секции одного списка вложены друг в друга (например, {{#menu}} "
                       "внутри {{#menu}}) или шаблон подключает сам себя");
      page.clear();
    }
    return page;
  }

  void add_to_sitemap(const std::string& u) {
    std::lock_guard lock(mutex_);
    sitemap_.push_back(u);
  }

  const LinkIndex& links() const { return links_; }

  // The sections an organisation has, in menu order.
  static std::vector<const SectionDef*> sections_of(const Org& o) {
    std::vector<const SectionDef*> v;
    if (!o.pages_of("orders").empty() || !o.pages_of("documents").empty()) v.push_back(&kDocuments);
    if (!o.roadmaps.empty()) v.push_back(&kRoadmap);
    if (!o.pairs.empty()) v.push_back(&kPairs);
    if (!o.pages_of("programs").empty()) v.push_back(&kPrograms);
    if (!o.pages_of("practices").empty()) v.push_back(&kPractices);
    if (o.monitoring) v.push_back(&kMonitoring);
    if (!o.pages_of("reports").empty()) v.push_back(&kReports);
    if (!o.pages_of("news").empty()) v.push_back(&kNews);
    if (!o.events.empty()) v.push_back(&kEvents);
    return v;
  }

  // The section menu, with links relative to `from_url` ("" gives web-root paths).
  static std::vector<LinkView> menu_of(const Org& o, const std::string& from_url, const std::string& current) {
    std::vector<LinkView> m;
    auto link = [&](const std::string& target) {
      return from_url.empty() ? target : relative_url(from_url, target);
    };
    m.push_back({"О разделе", link(o.url_prefix + "index.html"), current == "index"});
    for (const SectionDef* s : sections_of(o))
      m.push_back({s->title, link(o.url_prefix + s->url), current == s->key});
    for (const Page* p : o.pages_of("pages"))
      m.push_back({ty(p->title), link(p->url), current == p->url});
    return m;
  }

 private:
  Templates templates_;
  Diagnostics& diags_;  // the build's (the renderer lives for one build)
  Pool<PageTerms> terms_{[] { return std::make_unique<PageTerms>(); }};
  const LinkIndex& links_;
  std::mutex mutex_;
  std::vector<std::string> sitemap_;
  SearchIndex search_;
};

PageView OrgRender::view(const std::string& page_url, const std::string& title,
                         const SectionDef* section, const std::string& tmpl) {
  const auto& s = ctx_.site.settings;
  PageView v;
  v.site_title = site_title_;
  v.org_name = org_name_;
  v.org_short_name = org_short_name_;
  v.title = ty(title);
  v.heading = v.title;
  v.root = root_prefix(page_url);
  v.home_url = relative_url(page_url, url("index.html"));
  v.canonical = s.base_url + (page_url == "index.html" ? "" : page_url);
  v.build_date = build_date_;
  if (!org_.pages_of("news").empty()) v.feed_url = relative_url(page_url, url("feed.xml"));
  v.search_url = relative_url(page_url, url("search.html"));
  v.search_index_url = relative_url(page_url, url("search-index.js"));
  v.template_name = tmpl;
  // Breadcrumbs: the department, the school, the section, the page.
  const Org* top = ctx_.site.org.get();
  v.breadcrumbs.push_back({top_short_name_, relative_url(page_url, "index.html"), false});
  if (&org_ != top) v.breadcrumbs.push_back({org_short_name_, relative_url(page_url, url("index.html")), false});
  if (section) v.breadcrumbs.push_back({section->title, relative_url(page_url, url(section->url)), false});
  if (v.breadcrumbs.back().url != relative_url(page_url, page_url))
    v.breadcrumbs.push_back({v.title, relative_url(page_url, page_url), true});
  else
    v.breadcrumbs.back().current = true;
  std::string current = section ? section->key : (page_url == url("index.html") ? "index" : page_url);
  v.menu = HtmlRenderer::menu_of(org_, page_url, current);
  return v;
}

void OrgRender::emit(const std::string& page_url, PageView& v, std::vector<std::string> sources) {
  OutputFile f;
  f.path = page_url;
  f.kind = "page";
  f.content = r_.wrap(v, page_url);
  f.sources = std::move(sources);
  f.org = org_.id;
  // The site's own organisation goes to the index at the web root; a school's pages to its own
  // index (addresses relative to its folder), and its landing page to the root index as well.
  terms_.read(v.title, f.content);
  if (org_.url_prefix.empty()) {
    r_.search().add(terms_, page_url, v.title, org_.department ? "" : v.org_short_name);
  } else {
    search_.add(terms_, page_url.substr(org_.url_prefix.size()), v.title, "");
    if (page_url == url("index.html")) r_.search().add(terms_, page_url, v.title, v.org_short_name);
  }
  sink_(std::move(f));
  r_.add_to_sitemap(page_url);
}

std::vector<DownloadView> OrgRender::downloads(const std::string& key, const std::string& from_url) {
  std::vector<DownloadView> v;
  for (const auto& a : ctx_.artifacts.of(key)) {
    DownloadView d;
    d.url = relative_url(from_url, a.url);
    if (a.kind == "pdf") {
      d.label = "Скачать PDF";
      d.info = std::to_string(a.pages) + "\u00A0с., " + format_size(a.bytes);
    } else if (a.kind == "xlsx") {
      d.label = "Скачать таблицу XLSX";
      d.info = format_size(a.bytes);
    } else {
      d.label = "Электронная подпись";
      d.info = a.note;
    }
    v.push_back(std::move(d));
  }
  return v;
}

ListItemView OrgRender::item(const Page& p, const std::string& from_url) {
  ListItemView i;
  i.title = ty(p.title);
  i.url = relative_url(from_url, p.url);
  if (p.date) i.date = date_long(*p.date);
  i.number = p.number_text();
  i.summary = ty(p.summary);
  i.kind = p.type == PageType::order ? (p.doc_name.empty() ? "Приказ" : ty(p.doc_name)) : "";
  if (!i.kind.empty()) {  // «ПРИКАЗ» → «Приказ»
    std::u32string k = utf8::decode(i.kind);
    for (size_t j = 1; j < k.size(); ++j) k[j] = utf8::to_lower(k[j]);
    i.kind = utf8::encode(k);
  }
  i.downloads = downloads(p.url, from_url);
  return i;
}

void OrgRender::landing() {
  std::string u = url("index.html");
  std::string title = org_.index ? org_.index->title : "Наставничество";
  PageView v = view(u, title, nullptr, "index");
  BlockContext bctx{ctx_.site, org_, u};
  if (org_.index) v.content_html = markdown_to_html(*org_.index, body(*org_.index).text(), bctx, r_.links());
  if (org_.curator) {
    PersonView c{"Куратор", ty(org_.curator->name), ty(org_.curator->position),
                 org_.curator_contacts.phone, org_.curator_contacts.email,
                 tel_uri(org_.curator_contacts.phone)};
    v.people.push_back(c);
  }
  auto counts = org_.current_counts();
  long m = 0, e = 0;
  // Form names typographed as in the tables of the same site («Учитель — ученик», DOMAIN.md).
  auto form_text = [](Form f) { return ty(std::string(form_title(f))); };
  for (const auto& [f, c] : counts) {
    if (c.mentors + c.mentees == 0) continue;
    v.forms.push_back(form_text(f));
    m += c.mentors;
    e += c.mentees;
  }
  if (org_.department) {
    for (const auto& s : org_.schools)
      for (const auto& [f, c] : counts_of(*s))
        if (c.mentors + c.mentees > 0 &&
            std::find(v.forms.begin(), v.forms.end(), form_text(f)) == v.forms.end())
          v.forms.push_back(form_text(f));
    // The list of schools, unless the landing's text already shows it (```nastavnik table: schools).
    bool text_has_schools = org_.index && std::any_of(org_.index->blocks.begin(), org_.index->blocks.end(), [](const DataBlock& b) {
                              return b.kind == DataBlock::Kind::table && b.what == "schools";
                            });
    if (!text_has_schools) v.schools_html = table_html(schools_table(ctx_.site), u);
    v.compliance_html = table_html(compliance_table(ctx_.site), u);
  } else {
    v.counts.push_back({"Наставники: " + std::to_string(m), "", false});
    v.counts.push_back({"Наставляемые: " + std::to_string(e), "", false});
    v.counts.push_back({"Пары и группы: " + std::to_string(org_.pairs.size()), "", false});
  }
  std::sort(v.forms.begin(), v.forms.end());
  v.downloads = downloads(workbook_key(org_), u);
  auto news = org_.pages_of("news");
  std::stable_sort(news.begin(), news.end(), [](const Page* a, const Page* b) { return a->date > b->date; });
  for (size_t i = 0; i < news.size() && i < 3; ++i) v.news.push_back(item(*news[i], u));
  std::vector<std::string> sources = {org_.data_dir + "/org.json"};
  if (org_.index) sources.push_back(org_.index->file);
  emit(u, v, sources);
}

void OrgRender::page(const Page& p) {
  const SectionDef* section = nullptr;
  if (p.section == "orders" || p.section == "documents") section = &kDocuments;
  else if (p.section == "programs") section = &kPrograms;
  else if (p.section == "practices") section = &kPractices;
  else if (p.section == "reports") section = &kReports;
  else if (p.section == "news") section = &kNews;
  PageView v = view(p.url, p.title, section, "page");
  BlockContext bctx{ctx_.site, org_, p.url};
  v.content_html = markdown_to_html(p, body(p).text(), bctx, r_.links());
  std::string kind;
  if (p.type == PageType::order) {
    ListItemView i = item(p, p.url);
    kind = i.kind;
  }
  std::string sub = kind;
  if (!p.number.empty()) sub += (sub.empty() ? "" : " ") + p.number_text();
  if (p.date) sub += std::string(sub.empty() ? "" : " от ") + date_long(*p.date);
  v.subtitle = sub;
  if (p.date) v.date = date_long(*p.date);
  if (p.approved_by) {
    const Page& o = *p.approved_by;
    v.approved = ty(p.approved_label) + (o.date ? " от " + date_long(*o.date) : "") +
                 (o.number.empty() ? "" : " " + o.number_text());
    v.approved_url = relative_url(p.url, o.url);
  }
  v.downloads = downloads(p.url, p.url);
  int n = 0;
  for (const auto& a : p.appendices) {
    ListItemView i;
    i.number = "Приложение " + std::to_string(++n);
    if (a.kind == Appendix::Kind::roadmap && a.roadmap) {
      i.title = ty(a.roadmap->title);
      i.url = relative_url(p.url, url(kRoadmap.url)) + "#" + roadmap_table(*a.roadmap, ctx_.site.settings.build_date).anchor;
    } else if (a.kind == Appendix::Kind::page && a.page) {
      i.title = ty(a.page->title);
      i.url = relative_url(p.url, a.page->url);
    } else if (a.kind == Appendix::Kind::file) {
      auto it = r_.links().find(a.file_path);
      i.title = std::filesystem::path(a.file_path).filename().string();
      if (it != r_.links().end() && it->second.attachment) {
        i.url = relative_url(p.url, it->second.url);
        i.summary = file_label(a.file_path, it->second.size);
      }
    }
    v.appendices.push_back(std::move(i));
  }
  emit(p.url, v, {p.file});
}

void OrgRender::list_page(const SectionDef& s, std::vector<const Page*> pages, const std::string& intro) {
  std::string u = url(s.url);
  PageView v = view(u, s.title, &s, "list");
  v.content_html = intro;
  std::vector<std::string> sources;
  for (const Page* p : pages) {
    v.items.push_back(item(*p, u));
    sources.push_back(p->file);
  }
  v.empty_text = "Пока ничего не опубликовано.";
  emit(u, v, sources);
}

void OrgRender::data_page(const SectionDef& s, const std::string& html, std::vector<std::string> sources) {
  std::string u = url(s.url);
  PageView v = view(u, s.title, &s, "section");
  v.content_html = html;
  if (&s == &kMonitoring) v.downloads = downloads(workbook_key(org_), u);
  emit(u, v, std::move(sources));
}

void OrgRender::feed() {
  auto news = org_.pages_of("news");
  if (news.empty()) return;
  std::stable_sort(news.begin(), news.end(), [](const Page* a, const Page* b) { return a->date > b->date; });
  const auto& s = ctx_.site.settings;
  std::string base = s.base_url;
  std::string updated = news.front()->date ? iso(*news.front()->date) : iso(s.build_date);
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">\n";
  x += "  <title>" + xml_escape(ty("Новости: " + org_.short_name)) + "</title>\n";
  x += "  <id>" + xml_escape(base + url("feed.xml")) + "</id>\n";
  x += "  <link rel=\"self\" href=\"" + xml_escape(base + url("feed.xml")) + "\"/>\n";
  x += "  <link href=\"" + xml_escape(base + url("news/index.html")) + "\"/>\n";
  x += "  <updated>" + updated + "T00:00:00Z</updated>\n";
  x += "  <author><name>" + xml_escape(org_.name) + "</name></author>\n";
  std::vector<std::string> sources;
  for (const Page* p : news) {
    std::string d = p->date ? iso(*p->date) : iso(s.build_date);
    x += "  <entry>\n    <title>" + xml_escape(ty(p->title)) + "</title>\n    <id>" + xml_escape(base + p->url) +
         "</id>\n    <link href=\"" + xml_escape(base + p->url) + "\"/>\n    <updated>" + d +
         "T00:00:00Z</updated>\n";
    if (!p->summary.empty()) x += "    <summary>" + xml_escape(ty(p->summary)) + "</summary>\n";
    x += "  </entry>\n";
    sources.push_back(p->file);
  }
  x += "</feed>\n";
  OutputFile f;
  f.path = url("feed.xml");
  f.kind = "feed";
  f.content = std::move(x);
  f.sources = std::move(sources);
  f.org = org_.id;
  sink_(std::move(f));
}

void OrgRender::run() {
  landing();
  for (const auto& p : org_.pages)
    if (p->type != PageType::index) page(*p);
  // Documents: orders and documents of the organisation, newest first.
  auto docs = org_.pages_of("orders");
  for (const Page* p : org_.pages_of("documents")) docs.push_back(p);
  std::stable_sort(docs.begin(), docs.end(), [](const Page* a, const Page* b) { return a->date > b->date; });
  if (!docs.empty()) list_page(kDocuments, docs, "");
  for (const SectionDef* s : {&kPrograms, &kPractices, &kReports, &kNews}) {
    auto pages = org_.pages_of(s->key);
    if (s == &kNews)
      std::stable_sort(pages.begin(), pages.end(), [](const Page* a, const Page* b) { return a->date > b->date; });
    if (!pages.empty()) list_page(*s, pages, "");
  }
  Date today = ctx_.site.settings.build_date;
  if (!org_.roadmaps.empty()) {
    std::string u = url(kRoadmap.url);
    std::string h = "<p>Статус пунктов — на " + date_long(today) + "</p>";
    std::vector<std::string> sources;
    for (const auto& r : org_.roadmaps) {
      h += table_html(roadmap_table(*r, today), u);
      sources.push_back(r->file);
    }
    data_page(kRoadmap, h, sources);
  }
  if (!org_.pairs.empty()) {
    std::string u = url(kPairs.url);
    std::string h = table_html(participants_table({&org_}), u) + table_html(pairs_table(org_, ctx_.site.settings), u);
    data_page(kPairs, h, {org_.data_dir + "/pairs.json", org_.data_dir + "/people.json"});
  }
  if (org_.monitoring) {
    std::string u = url(kMonitoring.url);
    std::string h;
    const auto& m = *org_.monitoring;
    if (!m.participants.empty() || !org_.pairs.empty()) {
      h += "<h2>Участники</h2>" + table_html(participants_table({&org_}), u) + chart_html(participants_chart({&org_}));
      if (m.participants.size() > 1) h += chart_html(participants_by_year_chart(m));
    }
    if (!m.indicators.empty()) {
      h += "<h2>Показатели</h2>";
      for (const auto& t : indicators_tables({&org_})) h += table_html(t, u);
      for (const auto& i : m.indicators)
        if (i.values.size() > 1) h += chart_html(indicator_chart({&org_}, i.id));
    }
    data_page(kMonitoring, h, {m.file});
  }
  if (!org_.events.empty())
    data_page(kEvents, table_html(events_table({&org_}), url(kEvents.url)), {org_.data_dir + "/events.json"});
  for (const auto& a : org_.attachments) {
    OutputFile f;
    f.path = a.url;
    f.kind = "attachment";
    f.copy_from = ctx_.site.root + "/" + a.source;
    f.sources = {a.source};
    f.org = org_.id;
    f.check_privacy = false;
    sink_(std::move(f));
  }
  feed();
  if (!org_.url_prefix.empty()) {  // a school: its search page over its own index
    std::string u = url("search.html");
    PageView v = view(u, "Поиск", nullptr, "search");
    r_.search_files(v, org_.url_prefix, org_.id, search_, {org_.data_dir + "/org.json"}, sink_);
  }
}

}  // namespace
}  // namespace html

std::unique_ptr<Renderer> make_html_renderer(const Site& site, Diagnostics& diags) {
  return std::make_unique<html::HtmlRenderer>(site, diags);
}

void check_html_templates(const std::string& site_dir, Diagnostics& diags) {
  html::Templates(NASTAVNIK_TEMPLATE_DIR, site_dir, diags);
}

}  // namespace nastavnik

#include "load/load.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <unordered_map>
#include <sstream>

#include "core/parallel.h"
#include "core/pool.h"
#include "core/text.h"
#include "core/utf8.h"
#include "load/fields.h"
#include "load/styles.h"
#include "load/workbook_styles.h"
#include "model/compliance.h"
#include "model/links.h"
#include "model/markdown.h"

namespace fs = std::filesystem;

namespace nastavnik {

std::unique_ptr<Org> reload_org(const LoadOptions& opts, const Site& site, const Org& org);

namespace {

const char* const kSections[] = {"orders",    "documents", "programs", "reports",
                                 "practices", "news",      "pages"};
const char* const kAttachmentExt[] = {".pdf", ".docx", ".xlsx", ".odt", ".ods", ".png",
                                      ".jpg", ".jpeg", ".doc",  ".xls", ".sig", ".cer",
                                      ".crt", ".pem",  ".p7s",  ".txt", ".csv", ".rtf"};

PageType default_type(std::string_view section) {
  if (section == "orders") return PageType::order;
  if (section == "documents") return PageType::document;
  if (section == "programs") return PageType::program;
  if (section == "reports") return PageType::report;
  if (section == "practices") return PageType::practice;
  if (section == "news") return PageType::news;
  return PageType::page;
}

// Org::source_hash: what an organisation was loaded from, in reading order.
void mix_hash(unsigned long long& h, std::string_view text) {
  h = (h ^ std::hash<std::string_view>{}(text)) * 0x100000001b3ull + text.size();
}

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e)
    if (c >= 'A' && c <= 'Z') c += 32;
  return e;
}

// Position of a byte offset as line:col (col in characters).
SourcePos offset_pos(std::string_view text, size_t off, const std::string& file) {
  auto p = TextPositions(text).at(off);
  return {file, p.line, p.col};
}

class Loader {
 public:
  Loader(const LoadOptions& o, Diagnostics& d) : opts_(o), diags_(d) {
    std::error_code ec;
    if (!opts_.out_dir.empty()) out_abs_ = fs::weakly_canonical(opts_.out_dir, ec);
  }

  std::unique_ptr<Site> run() {
    auto site = std::make_unique<Site>();
    std::error_code ec;
    root_ = fs::weakly_canonical(fs::absolute(opts_.site_dir), ec);
    site->root = root_.string();
    if (!fs::is_directory(root_)) {
      diags_.error({opts_.site_dir, 0, 0}, "папка сайта не найдена");
      return nullptr;
    }
    if (!fs::is_regular_file(root_ / "data/site.json")) {
      diags_.error({"data/site.json", 0, 0},
                   "нет файла настроек сайта: это не папка сайта nastavnik (см. FORMAT.md)");
      return nullptr;
    }
    // cmark-gfm registers its extensions in a global list, unguarded: once, before any threads.
    cmark_gfm_core_extensions_ensure_registered();
    load_settings(*site);
    load_styles(*site, NASTAVNIK_TEMPLATE_DIR, diags_);
    load_workbook_styles(*site, NASTAVNIK_TEMPLATE_DIR, diags_);
    site->org = load_org("data", "content", "", nullptr, *site);
    if (!site->org) return nullptr;
    // Schools of a department: data/schools/<id>/.
    if (fs::is_directory(root_ / "data/schools")) {
      if (!site->org->department)
        diags_.error({"data/schools", 0, 0},
                     "папка data/schools есть только у сайта департамента, а org.json описывает школу");
      // Schools in parallel: each reads only its own folders and the department's settings;
      // diagnostics are collected under a lock and sorted when printed. A school is resolved and
      // handed to `loaded` as soon as it is read (references to other organisations wait for all
      // of them), then released when the site is large: what loading holds at once is one school
      // per thread, not the site.
      auto ids = sorted_dir_names(root_ / "data/schools", "data/schools");
      release_ = ids.size() > opts_.release_schools_over;
      site->school_by_school = release_;
      std::vector<std::unique_ptr<Org>> schools(ids.size());
      parallel_for(ids.size(), opts_.jobs, [&](size_t i) {
        auto school = load_org("data/schools/" + ids[i], "content/schools/" + ids[i], ids[i],
                               site->org.get(), *site);
        if (!school) return;
        resolve(*school, *site);
        finish(*school, *site);
        schools[i] = std::move(school);
      });
      for (auto& school : schools)
        if (school) site->org->schools.push_back(std::move(school));
    }
    // A school's content without its data.
    if (fs::is_directory(root_ / "content/schools")) {
      for (const std::string& id : sorted_dir_names(root_ / "content/schools", "content/schools"))
        if (!site->find_org(id))
          diags_.error({"content/schools/" + id, 0, 0},
                       "у школы «" + id + "» есть страницы, но нет файла data/schools/" + id +
                           "/org.json");
    }
    resolve(*site->org, *site);
    finish(*site->org, *site);
    // Data blocks that show another organisation (org: <school> or all), now that every one is
    // known: their roadmaps (without items when released) and monitoring stay.
    for (const auto& [b, org] : deferred_) check_block(b, *org, *site);
    // A released school that another organisation's page shows in detail (its pairs, a roadmap)
    // is loaded again and kept for the render.
    for (auto& school : site->org->schools) {
      if (!school->released) continue;
      bool shown = std::any_of(deferred_.begin(), deferred_.end(), [&](const auto& d) {
        const DataBlock& b = d.first;
        bool detail = b.kind == DataBlock::Kind::roadmap || (b.kind == DataBlock::Kind::table && b.what == "pairs");
        return detail && (b.org == school->id || b.org == "all");
      });
      if (!shown) continue;
      if (auto full = reload_org(opts_, *site, *school)) school = std::move(full);
      else diags_.error({school->data_dir, 0, 0}, "файлы школы изменились во время загрузки");
    }
    return site;
  }

  // A released organisation's data loaded again, for the render (load.h: reload_org). References
  // to other organisations were checked by the first load; nothing is registered in the site.
  std::unique_ptr<Org> reload(const Org& org, const Site& site) {
    root_ = fs::path(site.root);
    reloading_ = true;
    auto full = load_org(org.data_dir, org.content_dir, org.id, org.parent, site);
    if (!full) return nullptr;
    resolve(*full, site);
    raw_.erase(full.get());
    full->summary = org.summary;
    return full;
  }

 private:
  const LoadOptions& opts_;
  Diagnostics& diags_;
  fs::path root_;
  fs::path out_abs_;  // the output folder's real path, skipped when it lies in the content
  bool release_ = false;    // the site is large: schools are released once loaded
  bool reloading_ = false;  // reload(): no references to other organisations, nothing registered
  std::atomic<unsigned long long> kept_body_bytes_{0};  // Page::body held by the site
  // Data blocks of a page that show another organisation, checked when all are loaded.
  std::vector<std::pair<DataBlock, const Org*>> deferred_;
  std::mutex site_mutex_;  // deferred_, site.links
  // The text of a page is read into a worker's buffer: its memory is reused page after page.
  Pool<std::string> read_buffers_{[] { return std::make_unique<std::string>(); }};

  // An organisation is loaded and resolved: its summary, its published files in the site's link
  // table, the caller's `loaded` (check stage), then, for a school of a large site, release.
  void finish(Org& org, Site& site) {
    org.summary = std::make_shared<const Compliance>(summary_of(compliance_of(org, site.settings.build_date)));
    {
      std::lock_guard lock(site_mutex_);
      for (const auto& p : org.pages) site.links[p->file] = LinkDest{p->url, 0, false};
      for (const auto& a : org.attachments) site.links[a.source] = LinkDest{a.url, a.size, true};
    }
    {
      std::lock_guard lock(raw_mutex_);
      raw_.erase(&org);  // front matters and pairs.json are resolved
    }
    if (opts_.loaded) opts_.loaded(site, org);
    if (release_ && !org.department) release_org(org);
  }
  // Raw pairs, resolved after pages are loaded.
  struct RawPairs {
    Org* org;
    std::optional<Value> value;
    std::string file;
  };
  struct RawPage {
    Page* page;
    std::optional<Value> front;
  };
  // What each organisation left to resolve, by organisation (resolve looks only at its own: a
  // scan of every page per organisation was quadratic in the site). Filled under raw_mutex_ by the
  // loading threads, read after loading.
  struct Raw {
    std::vector<RawPairs> pairs;
    std::vector<RawPage> pages;
  };
  std::mutex raw_mutex_;
  std::unordered_map<const Org*, Raw> raw_;
  Raw& raw_of(const Org& org) {
    std::lock_guard lock(raw_mutex_);
    return raw_[&org];  // nodes of an unordered_map do not move when it grows
  }

  std::string rel(const fs::path& p) const {
    return p.lexically_relative(root_).generic_string();
  }

  std::vector<std::string> sorted_dir_names(const fs::path& dir, const std::string& rel_dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      std::string name = e.path().filename().string();
      if (name.starts_with('.')) continue;
      if (!e.is_directory()) continue;
      if (!check_symlink(e.path())) continue;
      if (!is_valid_slug(name)) {
        diags_.error({rel_dir + "/" + name, 0, 0},
                     "недопустимое имя папки «" + name +
                         "»: разрешены строчные латинские буквы, цифры и «-»");
        continue;
      }
      names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  // A symlink must point inside the site: the path itself or a folder on the way (data/roadmaps →
  // /elsewhere) may be a link.
  bool check_symlink(const fs::path& p) {
    std::error_code ec;
    return check_symlink(p, fs::symlink_status(p, ec));
  }
  bool check_symlink(const fs::path& p, const fs::file_status& status) {
    const bool link = fs::is_symlink(status);
    if (link ? resolves_inside(p) : folder_inside(p.parent_path())) return true;
    diags_.error({rel(p), 0, 0}, "символическая ссылка указывает за пределы папки сайта");
    return false;
  }
  bool resolves_inside(const fs::path& p) const {
    std::error_code ec;
    auto r = fs::weakly_canonical(p, ec).lexically_relative(root_);
    return !ec && !r.empty() && *r.begin() != "..";
  }
  // Whether no link on the way from the site's root to `dir` leads out of the site. Remembered per
  // folder: it is asked for every file (resolving each file's whole path cost a readlink per part).
  bool folder_inside(const fs::path& dir) {
    if (dir == root_) return true;
    const auto& d = dir.native();
    if (d.size() <= root_.native().size() || d.compare(0, root_.native().size(), root_.native()) != 0)
      return resolves_inside(dir);  // not under the root as written
    {
      std::lock_guard lock(folders_mutex_);
      if (auto it = folders_inside_.find(d); it != folders_inside_.end()) return it->second;
    }
    std::error_code ec;
    const bool inside =
        fs::is_symlink(fs::symlink_status(dir, ec)) ? resolves_inside(dir) : folder_inside(dir.parent_path());
    std::lock_guard lock(folders_mutex_);
    folders_inside_.emplace(d, inside);
    return inside;
  }
  std::mutex folders_mutex_;
  std::unordered_map<std::string, bool> folders_inside_;

  // `hash`: the organisation's Org::source_hash, mixed with the file's text.
  std::optional<Value> load_json(const std::string& relpath, bool required, unsigned long long* hash = nullptr) {
    fs::path p = root_ / relpath;
    std::error_code ec;
    const auto status = fs::symlink_status(p, ec);  // one lstat: whether it is there, and a link
    if (!fs::exists(status)) {
      if (required) diags_.error({relpath, 0, 0}, "нет обязательного файла");
      return std::nullopt;
    }
    if (!check_symlink(p, status)) return std::nullopt;
    auto text = read_text_file(p.string(), relpath, opts_.max_text_bytes, diags_);
    if (!text) return std::nullopt;
    if (hash) mix(*hash, *text);
    return parse_json(*text, relpath, diags_);
  }

  void load_settings(Site& site) {
    auto v = load_json("data/site.json", true);
    if (!v) return;
    Fields f(*v, diags_, "site.json");
    auto& s = site.settings;
    s.title = f.str("title", true);
    s.base_url = f.str("base_url", true);
    if (!s.base_url.empty()) {
      if (!starts_with_ci_ascii(s.base_url, "https://") && !starts_with_ci_ascii(s.base_url, "http://"))
        f.error("base_url", "base_url должен быть абсолютным адресом http(s)://…");
      if (!s.base_url.ends_with('/')) s.base_url += '/';
    }
    if (auto d = f.date("build_date")) s.build_date = *d;
    else if (opts_.today) s.build_date = *opts_.today;
    s.gost = f.str("gost");
    if (s.gost.empty()) s.gost = "2025";
    else if (s.gost != "2025" && s.gost != "2016")
      f.error("gost", "поле «gost»: ожидается \"2025\" или \"2016\", а не «" + s.gost + "»");
    if (const Value* p = f.raw("privacy")) {
      Fields pf(*p, diags_, "privacy");
      s.privacy_students = pf.str("students");
      if (s.privacy_students.empty()) s.privacy_students = "initials";
      else if (s.privacy_students != "initials" && s.privacy_students != "none")
        pf.error("students", "privacy.students: ожидается \"initials\" или \"none\", а не «" +
                                 s.privacy_students + "»");
    }
  }

  std::optional<Signer> signer(const Value* v, const std::string& what, bool with_phone = false) {
    if (!v) return std::nullopt;
    Fields f(*v, diags_, what);
    if (!f.ok()) return std::nullopt;
    Signer s;
    s.name = f.str("name", true);
    s.position = f.str(with_phone ? "phone" : "position", false);
    if (with_phone) f.ignore({"position"});
    return s;
  }

  std::unique_ptr<Org> load_org(const std::string& data_dir, const std::string& content_dir,
                                const std::string& id, const Org* parent, const Site& site) {
    std::string file = data_dir + "/org.json";
    unsigned long long hash = 0;
    auto v = load_json(file, true, &hash);
    if (!v) return nullptr;
    auto org = std::make_unique<Org>();
    org->source_hash = hash;
    org->id = id;
    org->parent = parent;
    org->data_dir = data_dir;
    org->content_dir = content_dir;
    org->url_prefix = id.empty() ? "" : "schools/" + id + "/";
    {
      Fields f(*v, diags_, "org.json");
      if (!f.ok()) return nullptr;
      std::string kind = f.str("kind", true);
      if (kind == "department") org->department = true;
      else if (kind != "school" && !kind.empty())
        f.error("kind", "поле «kind»: ожидается \"department\" или \"school\", а не «" + kind + "»");
      if (parent && org->department)
        f.error("kind", "организация в data/schools/ должна быть школой (\"kind\": \"school\")");
      org->name = f.str("name", true);
      org->short_name = f.str("short_name", true);
      org->parent_name = f.str("parent_name");
      org->place = f.str("place");
      org->address = f.str("address");
      org->phone = f.str("phone");
      org->email = f.str("email");
      org->site = f.str("site");
      if (auto h = signer(f.raw("head"), "head")) org->head = *h;
      else if (!f.raw("head")) diags_.error(v->pos, "нет обязательного поля «head» в org.json");
      if (const Value* c = f.raw("curator")) {
        Fields cf(*c, diags_, "curator");
        if (cf.ok()) {
          org->curator = Signer{cf.str("position"), cf.str("name", true)};
          org->curator_contacts = {cf.str("phone"), cf.str("email")};
        }
      }
    }
    load_people(*org);
    load_roadmaps(*org);
    load_monitoring(*org);
    load_events(*org);
    auto pairs = load_json(data_dir + "/pairs.json", false, &org->source_hash);
    raw_of(*org).pairs.push_back({org.get(), std::move(pairs), data_dir + "/pairs.json"});
    load_content(*org, site);
    return org;
  }

  void load_people(Org& org) {
    std::string file = org.data_dir + "/people.json";
    auto v = load_json(file, false, &org.source_hash);
    if (!v) return;
    if (!v->is_array()) {
      diags_.error(v->pos, "people.json должен быть массивом людей");
      return;
    }
    for (const Value& item : v->items) {
      Fields f(item, diags_, "описании человека");
      if (!f.ok()) continue;
      auto p = std::make_unique<Person>();
      p->pos = item.pos;
      p->id = f.id("id");
      p->last_name = f.str("last_name", true);
      p->first_name = f.str("first_name");
      p->middle_name = f.str("middle_name");
      std::string cat = f.str("category", true);
      if (auto c = category_from_code(cat)) p->category = *c;
      else if (!cat.empty())
        f.error("category", "неизвестная категория «" + cat +
                                "»: ожидается teacher, student, university_student, employer, "
                                "manager или organization");
      p->position = f.str("position");
      p->class_name = f.str("class");
      p->young_specialist = f.boolean("young_specialist", false);
      p->experience_years = f.number("experience_years");
      bool minor_like = p->category == Category::student || p->category == Category::university_student;
      p->publish_name = !minor_like;
      if (const Value* c = f.raw("consent")) {
        Fields cf(*c, diags_, "consent");
        p->publish_name = cf.boolean("publish_name", p->publish_name);
        p->publish_photo = cf.boolean("publish_photo", false);
      }
      if (const Value* c = f.raw("contacts")) {
        Fields cf(*c, diags_, "contacts");
        p->contacts = {cf.str("phone"), cf.str("email")};
      }
      p->competencies = f.strings("competencies");
      p->interests = f.strings("interests");
      p->requests = f.strings("requests");
      p->birth_date = f.str("birth_date");
      p->achievements = f.str("achievements");
      if (!p->id.empty() && org.person(p->id)) {
        f.error("id", "человек с id «" + p->id + "» уже описан в этом файле");
        continue;
      }
      org.people.push_back(std::move(p));
    }
  }

  void load_roadmaps(Org& org) {
    fs::path dir = root_ / org.data_dir / "roadmaps";
    if (!fs::is_directory(dir)) return;
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      if (it->path().extension() == ".json") files.push_back(it->path());
    std::sort(files.begin(), files.end());
    static const std::set<std::string> kItemFields = {
        "title", "indicator", "result", "deadline", "responsible", "participants", "expected"};
    for (const fs::path& p : files) {
      std::string file = rel(p);
      std::string id = p.stem().string();
      if (!is_valid_slug(id)) {
        diags_.error({file, 0, 0}, "недопустимое имя файла «" + p.filename().string() +
                                       "»: разрешены строчные латинские буквы, цифры и «-»");
        continue;
      }
      auto v = load_json(file, true, &org.source_hash);
      if (!v) continue;
      Fields f(*v, diags_, "дорожной карте");
      if (!f.ok()) continue;
      auto r = std::make_unique<Roadmap>();
      r->id = id;
      r->file = file;
      r->title = f.str("title", true);
      r->columns = f.strings("columns");
      if (r->columns.empty()) r->columns = {"title", "deadline", "responsible", "result"};
      for (const auto& c : r->columns)
        if (!kItemFields.count(c) && c != "status")
          f.error("columns", "неизвестная колонка «" + c +
                                 "»: ожидается title, indicator, result, deadline, responsible, "
                                 "participants, expected или status");
      if (const Value* l = f.raw("labels")) {
        if (!l->is_object()) f.error("labels", wrong_type_message("labels", "объектом", *l));
        else
          for (const auto& [k, lv] : l->members)
            if (lv.is_string()) r->labels[k] = lv.str;
      }
      if (const Value* st = f.raw("stages")) {
        if (!st->is_array()) f.error("stages", wrong_type_message("stages", "массивом", *st));
        else
          for (const Value& sv : st->items) {
            Fields sf(sv, diags_, "этапе дорожной карты");
            if (!sf.ok()) continue;
            RoadmapStage stage;
            stage.title = sf.str("title", true);
            if (const Value* iv = sf.raw("items"); iv && iv->is_array()) {
              for (const Value& item : iv->items) {
                Fields itf(item, diags_, "пункте дорожной карты");
                if (!itf.ok()) continue;
                RoadmapItem it;
                it.pos = item.pos;
                for (const auto& k : kItemFields) {
                  std::string s = itf.str(k, k == "title");
                  if (!s.empty()) it.fields[k] = s;
                }
                it.due = itf.date("due");
                it.done = itf.boolean("done", false);
                stage.items.push_back(std::move(it));
              }
            } else if (iv) {
              sf.error("items", wrong_type_message("items", "массивом", *iv));
            }
            r->stages.push_back(std::move(stage));
          }
      } else {
        diags_.error(v->pos, "нет обязательного поля «stages» в дорожной карте");
      }
      org.roadmaps.push_back(std::move(r));
    }
  }

  void load_monitoring(Org& org) {
    std::string file = org.data_dir + "/monitoring.json";
    auto v = load_json(file, false, &org.source_hash);
    if (!v) return;
    Fields f(*v, diags_, "monitoring.json");
    if (!f.ok()) return;
    Monitoring m;
    m.file = file;
    if (const Value* ind = f.raw("indicators"); ind && ind->is_array()) {
      for (const Value& iv : ind->items) {
        Fields itf(iv, diags_, "показателе");
        if (!itf.ok()) continue;
        Indicator i;
        i.pos = iv.pos;
        i.id = itf.id("id");
        i.title = itf.str("title", true);
        i.unit = itf.str("unit");
        i.target = itf.number("target");
        if (const Value* vals = itf.raw("values"); vals && vals->is_object()) {
          for (const auto& [year, val] : vals->members) {
            if (!val.is_number()) {
              diags_.error(val.pos, "значение показателя за «" + year + "» должно быть числом");
              continue;
            }
            i.values.emplace_back(year, val.number);
          }
          std::stable_sort(i.values.begin(), i.values.end(),
                           [](const auto& a, const auto& b) { return a.first < b.first; });
        } else {
          itf.error("values", "нет значений показателя: поле «values» должно быть объектом {год: число}");
        }
        if (!i.id.empty() && m.indicator(i.id)) {
          itf.error("id", "показатель с id «" + i.id + "» уже описан");
          continue;
        }
        m.indicators.push_back(std::move(i));
      }
    } else if (ind) {
      f.error("indicators", wrong_type_message("indicators", "массивом", *ind));
    }
    if (const Value* parts = f.raw("participants"); parts && parts->is_array()) {
      for (const Value& pv : parts->items) {
        Fields pf(pv, diags_, "данных об участниках");
        if (!pf.ok()) continue;
        ParticipantsYear y;
        y.pos = pv.pos;
        y.year = pf.str("year", true);
        if (const Value* bf = pf.raw("by_form"); bf && bf->is_object()) {
          for (const auto& [code, cv] : bf->members) {
            auto form = form_from_code(code);
            if (!form) {
              diags_.error(cv.key_pos, "неизвестная форма наставничества «" + code + "»");
              continue;
            }
            Fields cf(cv, diags_, "числе участников");
            FormCount c;
            c.mentors = static_cast<long>(cf.number("mentors").value_or(0));
            c.mentees = static_cast<long>(cf.number("mentees").value_or(0));
            y.by_form[*form] = c;
          }
        } else {
          pf.error("by_form", "нет поля «by_form» с числом участников по формам");
        }
        m.participants.push_back(std::move(y));
      }
      std::stable_sort(m.participants.begin(), m.participants.end(),
                       [](const auto& a, const auto& b) { return a.year < b.year; });
    } else if (parts) {
      f.error("participants", wrong_type_message("participants", "массивом", *parts));
    }
    org.monitoring = std::move(m);
  }

  void load_events(Org& org) {
    std::string file = org.data_dir + "/events.json";
    auto v = load_json(file, false, &org.source_hash);
    if (!v) return;
    if (!v->is_array()) {
      diags_.error(v->pos, "events.json должен быть массивом мероприятий");
      return;
    }
    for (const Value& ev : v->items) {
      Fields f(ev, diags_, "мероприятии");
      if (!f.ok()) continue;
      Event e;
      e.pos = ev.pos;
      e.date = f.date("date");
      e.when = f.str("when");
      if (!e.date && e.when.empty() && !f.raw("date"))
        diags_.error(ev.pos, "у мероприятия нет ни даты «date», ни срока «when»");
      e.title = f.str("title", true);
      e.format = f.str("format");
      e.link = f.str("link");
      if (auto n = f.number("participants")) e.participants = static_cast<long>(*n);
      org.events.push_back(std::move(e));
    }
    std::stable_sort(org.events.begin(), org.events.end(), [](const Event& a, const Event& b) {
      if (a.date && b.date) return *a.date > *b.date;
      return a.date.has_value() > b.date.has_value();
    });
  }

  // content/…: pages and attachments of one organisation (a department's scan skips schools/).
  void load_content(Org& org, const Site& site) {
    fs::path dir = root_ / org.content_dir;
    if (!fs::is_directory(dir)) {
      diags_.warning({org.content_dir, 0, 0}, "нет папки со страницами: раздел будет пустым");
      return;
    }
    std::vector<fs::path> files;
    std::error_code ec;
    // The folder itself (or a folder on its way) may be a link: checked once. Below it the iterator
    // does not follow links, so an entry's real path is the real folder plus the entry's relative
    // path unless the entry is a link itself (known from the directory listing, no system call):
    // only links are resolved.
    if (!check_symlink(dir)) return;
    fs::path dir_real = fs::weakly_canonical(dir, ec);
    for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      if (name.starts_with('.')) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (org.id.empty() && it.depth() == 0 && name == "schools" && it->is_directory()) {
        it.disable_recursion_pending();
        continue;
      }
      std::error_code lec;
      bool link = it->is_symlink(lec);
      if (!out_abs_.empty() && (link || it->is_directory(lec)) &&
          (link ? fs::weakly_canonical(p, ec) : dir_real / p.lexically_relative(dir)) == out_abs_) {
        it.disable_recursion_pending();
        continue;
      }
      if (link && !check_symlink(p)) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) files.push_back(p);
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
      fs::path r = p.lexically_relative(dir);
      std::vector<std::string> parts;
      for (const auto& part : r) parts.push_back(part.string());
      std::string file = rel(p);
      bool in_files = std::find(parts.begin(), parts.end() - 1, "files") != parts.end() - 1;
      if (in_files) {
        add_attachment(org, p, file);
        continue;
      }
      if (lower_ext(p) != ".md") {
        diags_.warning({file, 0, 0}, "файл не является страницей (.md) и лежит не в папке files/: пропущен");
        continue;
      }
      if (parts.size() == 1 && parts[0] == "_index.md") {
        load_page(org, site, p, file, "", "_index");
        continue;
      }
      if (parts.size() != 2) {
        diags_.error({file, 0, 0}, "страница должна лежать в папке раздела: " + org.content_dir +
                                       "/<раздел>/<имя>.md");
        continue;
      }
      std::string section = parts[0];
      std::string slug = p.stem().string();
      bool ok = true;
      if (!is_valid_slug(section)) {
        diags_.error({file, 0, 0}, "недопустимое имя раздела «" + section +
                                       "»: разрешены строчные латинские буквы, цифры и «-»");
        ok = false;
      }
      if (slug == "_index") {
        diags_.warning({file, 0, 0}, "страница _index.md внутри раздела не поддерживается: пропущена");
        continue;
      }
      if (slug == "index") {
        diags_.error({file, 0, 0}, "имя страницы «index» занято списком раздела «" + section +
                                       "» (" + section + "/index.html): переименуйте файл");
        ok = false;
      } else if (!is_valid_slug(slug)) {
        diags_.error({file, 0, 0}, "недопустимое имя страницы «" + slug +
                                       "»: разрешены строчные латинские буквы, цифры и «-»");
        ok = false;
      }
      if (ok && std::find(std::begin(kSections), std::end(kSections), section) == std::end(kSections))
        diags_.warning({file, 0, 0}, "неизвестный раздел «" + section +
                                         "»: страница будет обычной страницей (type: page)");
      if (ok) load_page(org, site, p, file, section, slug);
    }
    std::stable_sort(org.pages.begin(), org.pages.end(), [](const auto& a, const auto& b) {
      if (a->section != b->section) return a->section < b->section;
      if (a->weight != b->weight) return a->weight < b->weight;
      if (a->date != b->date) return a->date > b->date;  // newest first
      return a->slug < b->slug;
    });
  }

  void add_attachment(Org& org, const fs::path& p, const std::string& file) {
    std::error_code ec;
    auto size = fs::file_size(p, ec);
    std::string ext = lower_ext(p);
    if (std::find(std::begin(kAttachmentExt), std::end(kAttachmentExt), ext) == std::end(kAttachmentExt)) {
      diags_.warning({file, 0, 0}, "вложение с расширением «" + ext +
                                       "» не публикуется: разрешены pdf, docx, xlsx, odt, ods, png, jpg");
      return;
    }
    if (size > opts_.max_attachment_bytes) {
      diags_.error({file, 0, 0}, "файл слишком большой (" + format_size(size) + ", предел " +
                                     format_size(opts_.max_attachment_bytes) + ")");
      return;
    }
    for (const auto& part : p.lexically_relative(root_ / "content"))
      if (!is_valid_file_name(part.string())) {
        diags_.error({file, 0, 0}, "недопустимое имя файла «" + part.string() +
                                       "»: разрешены строчные латинские буквы, цифры, «-», «_» и «.»");
        return;
      }
    mix(org.source_hash, file + ":" + std::to_string(size));
    Attachment a;
    a.source = file;
    a.url = file.substr(std::string("content/").size());
    a.size = size;
    org_attachments(org).push_back(a);
  }

  static bool is_valid_file_name(const std::string& s) {
    if (s.empty() || s.front() == '.' || s.front() == '-') return false;
    for (char c : s)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
        return false;
    return true;
  }

  std::vector<Attachment>& org_attachments(Org& org) { return org.attachments; }

  // Org::source_hash, kept only where a reload will compare it: schools of a released site.
  void mix(unsigned long long& h, std::string_view text) const {
    if (release_ || reloading_) mix_hash(h, text);
  }

  // Whether a page's body is kept in the model (LoadOptions::kept_body_bytes).
  bool keep_body(const Org& org, size_t bytes) {
    if (reloading_) return true;                          // rendered now, then dropped
    if (release_ && !org.department) return false;        // released before the render
    if (kept_body_bytes_.fetch_add(bytes) + bytes <= opts_.kept_body_bytes) return true;
    kept_body_bytes_.fetch_sub(bytes);
    return false;
  }

  void load_page(Org& org, const Site& site, const fs::path& p, const std::string& file,
                 const std::string& section, const std::string& slug) {
    unsigned long long file_bytes = 0;
    auto buffer = read_buffers_.acquire();
    std::string* text = &*buffer;
    if (!read_text_file(*text, p.string(), file, opts_.max_text_bytes, diags_, &file_bytes)) return;
    mix(org.source_hash, *text);
    auto fm = split_front_matter(*text);
    if (!fm) {
      diags_.error({file, 1, 1}, "нет заголовка страницы (front matter): файл должен начинаться "
                                 "со строки «---», затем YAML с полем title, затем «---»");
      return;
    }
    auto front = parse_yaml(fm->yaml, file, fm->yaml_line - 1, diags_);
    if (!front) return;
    if (front->is_null()) front->kind = Value::Kind::object, front->pos = {file, 1, 1};
    auto page = std::make_unique<Page>();
    page->file = file;
    page->section = section;
    page->slug = slug;
    page->org = &org;
    page->file_size = file_bytes;
    page->body_offset = fm->body_offset + (file_bytes - text->size());  // after a BOM
    page->body_size = fm->body.size();
    page->body_line = fm->body_line;
    page->type = section.empty() ? PageType::index : default_type(section);
    page->url = org.url_prefix + (section.empty() ? "index.html" : section + "/" + slug + ".html");
    {
      Fields f(*front, diags_, "заголовке страницы");
      if (!f.ok()) return;
      page->title = f.str("title", true);
      page->summary = f.str("summary");
      std::string type = f.str("type");
      if (!type.empty()) {
        if (auto t = page_type_from_code(type); t && *t != PageType::index) page->type = *t;
        else
          f.error("type", "неизвестный тип страницы «" + type +
                              "»: ожидается order, document, program, report, practice, news или page");
      }
      bool needs_date = page->type == PageType::order || page->type == PageType::news ||
                        page->type == PageType::report;
      page->date = f.date("date", needs_date);
      page->draft = f.boolean("draft", false);
      page->weight = f.number("weight").value_or(0);
      page->number = f.str("number");
      page->doc_name = f.str("doc_name");
      if (page->doc_name.empty() && page->type == PageType::order) page->doc_name = "ПРИКАЗ";
      if (const Value* s = f.raw("signatory")) {
        if (s->is_string() && s->str == "head") page->signatory = org.head;
        else if (s->is_string())
          f.error("signatory", "поле «signatory»: ожидается head или {position: …, name: …}");
        else page->signatory = signer(s, "signatory");
      } else if (page->type == PageType::order) {
        page->signatory = org.head;
      }
      page->executor = signer(f.raw("executor"), "executor", true);
      page->acquainted = f.strings("acquainted");
      f.ignore({"approved_by", "appendices"});
      if (const Value* sig = f.raw("signature")) {
        Fields sf(*sig, diags_, "signature");
        page->certificate = site_path(org, page->file, sf.str("certificate", true), sf.pos("certificate"));
        std::string s = sf.str("sig");
        if (!s.empty()) page->signature_file = site_path(org, page->file, s, sf.pos("sig"));
      }
    }
    if (page->draft) return;
    find_blocks(*page, fm->body);
    if (keep_body(org, fm->body.size())) page->body.emplace(fm->body);
    Page* raw = page.get();
    if (section.empty()) org.index = raw;
    org.pages.push_back(std::move(page));
    raw_of(org).pages.push_back({raw, std::move(front)});
    (void)site;
  }

  // Resolves a path written in a page (relative to the page's folder) to a site-relative path
  // inside the site; errors when it leaves the site.
  std::string site_path(const Org& org, const std::string& page_file, const std::string& written,
                        const SourcePos& at) {
    (void)org;
    if (written.empty()) return "";
    if (written.starts_with('/') || written.find(":") != std::string::npos) {
      diags_.error(at, "путь «" + written + "» должен быть относительным (от папки страницы)");
      return "";
    }
    fs::path p = (fs::path(page_file).parent_path() / written).lexically_normal();
    if (p.empty() || *p.begin() == "..") {
      diags_.error(at, "путь «" + written + "» ведёт за пределы папки сайта");
      return "";
    }
    std::error_code ec;
    if (!fs::is_regular_file(root_ / p, ec)) {
      diags_.error(at, "файл «" + written + "» не найден (" + p.generic_string() + ")");
      return "";
    }
    // A symbolic link on the way must not lead out of the site either.
    auto real = fs::weakly_canonical(root_ / p, ec).lexically_relative(root_);
    if (ec || real.empty() || *real.begin() == "..") {
      diags_.error(at, "путь «" + written + "» ведёт за пределы папки сайта (символическая ссылка)");
      return "";
    }
    return p.generic_string();
  }

  // Whether a Markdown body may hold what find_blocks looks for: a fence (` or ~), a link or image
  // ([), raw HTML or an angle-bracket autolink (<), or a bare autolink with a scheme we remove
  // (cmark-gfm links ftp://… and xmpp:… in plain text; http(s), www. and e-mail are safe). Most
  // pages are plain text with lists and tables: they are not parsed twice (render parses them).
  static bool may_have_blocks(std::string_view body) {
    if (find_byte_of<'`', '~', '[', '<'>(body, 0) < body.size()) return true;
    for (size_t at = body.find(':'); at != std::string_view::npos; at = body.find(':', at + 1)) {
      auto before = [&](std::string_view word) {
        return at >= word.size() && starts_with_ci_ascii(body.substr(at - word.size()), word);
      };
      if (before("ftp") || before("xmpp")) return true;
    }
    return false;
  }

  // Fenced ```nastavnik blocks and relative links of the Markdown body.
  void find_blocks(Page& page, std::string_view body) {
    if (!may_have_blocks(body)) return;
    MarkdownDoc md(body);
    TextPositions positions(body);  // cmark counts columns in bytes; diagnostics count characters
    cmark_iter* it = cmark_iter_new(md.root());
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* n = cmark_iter_get_node(it);
      auto type = cmark_node_get_type(n);
      if (type != CMARK_NODE_CODE_BLOCK && type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE &&
          type != CMARK_NODE_HTML_BLOCK && type != CMARK_NODE_HTML_INLINE)
        continue;  // the position (a walk over the text) only for nodes that may need it
      // Links the autolink extension makes have no position: the paragraph's line, no column.
      cmark_node* placed = n;
      while (placed && cmark_node_get_start_line(placed) == 0) placed = cmark_node_parent(placed);
      const int src_line = placed ? cmark_node_get_start_line(placed) : 1;
      int line = src_line + page.body_line - 1;
      int col = placed == n ? positions.column(src_line, cmark_node_get_start_column(n)) : 0;
      if (type == CMARK_NODE_CODE_BLOCK) {
        const char* info = cmark_node_get_fence_info(n);
        if (info && std::string_view(trim(info)) == "nastavnik") {
          SourcePos at{page.file, line, col};
          const char* body = cmark_node_get_literal(n);
          if (auto b = parse_data_block(body ? body : "", {page.file, line, col}, diags_)) page.blocks.push_back(*b);
          else page.blocks.push_back(DataBlock{DataBlock::Kind::table, "", "", "", "", at});  // keeps order
        }
      } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
        const char* url = cmark_node_get_url(n);
        check_link(page, url ? url : "", {page.file, line, col});
        if (type == CMARK_NODE_IMAGE) {  // an image needs a description for screen readers
          std::string alt;
          cmark_iter* sub = cmark_iter_new(n);
          for (cmark_event_type e; (e = cmark_iter_next(sub)) != CMARK_EVENT_DONE;)
            if (const char* lit = cmark_node_get_literal(cmark_iter_get_node(sub)); lit && e == CMARK_EVENT_ENTER) alt += lit;
          cmark_iter_free(sub);
          if (trim(alt).empty())
            diags_.warning({page.file, line, col}, "у изображения «" + std::string(url ? url : "") +
                                                       "» нет описания (alt): добавьте его в квадратные скобки");
        }
      } else if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
        // The renderers drop raw HTML; the author should know that it is not published.
        const char* lit = cmark_node_get_literal(n);
        std::string html(trim(lit ? lit : ""));
        html = html.substr(0, html.find('\n'));
        if (utf8::length(html) > 40) html = utf8::encode(utf8::decode(html).substr(0, 40)) + "…";
        diags_.warning({page.file, line, col}, "HTML в тексте страницы не публикуется (удалён): «" + html + "»");
      }
    }
    cmark_iter_free(it);
  }

  void check_link(const Page& page, const std::string& url, const SourcePos& at) {
    LinkTarget t = classify_link(url);
    if (t.kind == LinkTarget::Kind::dangerous) {
      diags_.warning(at, "ссылка «" + url + "» с опасной схемой удалена");
      return;
    }
    if (t.kind != LinkTarget::Kind::relative) return;
    fs::path p = (fs::path(page.file).parent_path() / t.path).lexically_normal();
    if (p.empty() || *p.begin() == ".." ) {
      diags_.error(at, "ссылка «" + url + "» ведёт за пределы папки сайта");
      return;
    }
    std::error_code ec;
    if (!fs::exists(root_ / p, ec)) diags_.error(at, "ссылка на несуществующий файл «" + url + "»");
  }

  // --- references, after everything is loaded ---
  void resolve(Org& org, const Site& site) {
    // Pages: approved_by, appendices.
    Raw& raw = raw_of(org);
    for (auto& rp : raw.pages) {
      if (!rp.front) continue;
      Page& page = *rp.page;
      Fields f(*rp.front, diags_, "заголовке страницы");
      f.ignore({"title", "summary", "type", "date", "draft", "weight", "number", "doc_name",
                "signatory", "executor", "acquainted", "signature"});
      if (const Value* a = f.raw("approved_by")) {
        Fields af(*a, diags_, "approved_by");
        std::string ref = af.str("order", true);
        page.approved_label = af.str("label");
        if (page.approved_label.empty()) page.approved_label = "УТВЕРЖДЕНО приказом";
        if (!ref.empty()) {
          page.approved_by = org.page(ref);
          if (!page.approved_by)
            af.error("order", "неизвестная страница «" + ref + "» в approved_by: нет файла " +
                                  org.content_dir + "/" + ref + ".md");
        }
      }
      if (const Value* list = f.raw("appendices")) {
        if (!list->is_array()) {
          f.error("appendices", wrong_type_message("appendices", "списком", *list));
        } else {
          for (const Value& av : list->items) {
            Fields af(av, diags_, "приложении");
            if (!af.ok()) continue;
            Appendix ap;
            ap.pos = av.pos;
            if (af.raw("roadmap")) {
              ap.kind = Appendix::Kind::roadmap;
              ap.ref = af.str("roadmap");
              ap.roadmap = org.roadmap(ap.ref);
              if (!ap.roadmap) {
                af.error("roadmap", "неизвестная дорожная карта «" + ap.ref + "»: нет файла " +
                                        org.data_dir + "/roadmaps/" + ap.ref + ".json");
                continue;
              }
            } else if (af.raw("page")) {
              ap.kind = Appendix::Kind::page;
              ap.ref = af.str("page");
              ap.page = org.page(ap.ref);
              if (!ap.page) {
                af.error("page", "неизвестная страница «" + ap.ref + "»: нет файла " +
                                     org.content_dir + "/" + ap.ref + ".md");
                continue;
              }
            } else if (af.raw("file")) {
              ap.kind = Appendix::Kind::file;
              ap.ref = af.str("file");
              ap.file_path = site_path(org, page.file, ap.ref, af.pos("file"));
              if (ap.file_path.empty()) continue;
            } else {
              diags_.error(av.pos, "приложение должно быть одним из: roadmap, page, file");
              continue;
            }
            af.ignore({"title"});
            page.appendices.push_back(std::move(ap));
          }
        }
      }
      // Data blocks: references to roadmaps, schools, indicators; those of another organisation
      // (or all) once every organisation is loaded.
      for (const DataBlock& b : page.blocks) {
        if (b.org.empty() || b.org == org.id) {
          check_block(b, org, site);
        } else if (!reloading_) {
          std::lock_guard lock(site_mutex_);
          deferred_.emplace_back(b, &org);
        }
      }
    }
    // Pairs.
    for (auto& rp : raw.pairs) {
      if (!rp.value) continue;
      if (!rp.value->is_array()) {
        diags_.error(rp.value->pos, "pairs.json должен быть массивом пар");
        continue;
      }
      for (const Value& pv : rp.value->items) {
        Fields f(pv, diags_, "описании пары");
        if (!f.ok()) continue;
        Pair pair;
        pair.pos = pv.pos;
        pair.id = f.id("id");
        std::string form = f.str("form", true);
        if (auto fm = form_from_code(form)) pair.form = *fm;
        else if (!form.empty())
          f.error("form", "неизвестная форма наставничества «" + form + "»");
        std::string kind = f.str("kind");
        if (!kind.empty()) {
          if (auto k = pair_kind_from_code(kind)) pair.kind = *k;
          else f.error("kind", "неизвестный вид наставничества «" + kind +
                                   "»: ожидается individual, group, flash, network, reverse или virtual");
        }
        std::string status = f.str("status");
        if (!status.empty()) {
          if (auto s = pair_status_from_code(status)) pair.status = *s;
          else f.error("status", "неизвестный статус пары «" + status +
                                     "»: ожидается planned, active, completed или terminated");
        }
        auto people = [&](const char* key, std::vector<const Person*>& out) {
          const Value* v = f.raw(key);
          if (!v || !v->is_array() || v->items.empty()) {
            diags_.error(v ? v->pos : pv.pos, std::string("в паре «") + pair.id +
                                                  "» нет списка «" + key + "» с id участников");
            return;
          }
          for (const Value& idv : v->items) {
            if (!idv.is_string()) {
              diags_.error(idv.pos, std::string("элементы «") + key + "» должны быть строками");
              continue;
            }
            const Person* p = org.person(idv.str);
            if (!p)
              diags_.error(idv.pos, "неизвестный человек «" + idv.str + "» в паре «" + pair.id +
                                        "»: его нет в " + org.data_dir + "/people.json");
            else out.push_back(p);
          }
        };
        people("mentors", pair.mentors);
        people("mentees", pair.mentees);
        pair.start = f.date("start");
        pair.end = f.date("end");
        pair.topic = f.str("topic");
        pair.result = f.str("result");
        auto page_ref = [&](const char* key) -> const Page* {
          std::string ref = f.str(key);
          if (ref.empty()) return nullptr;
          const Page* p = org.page(ref);
          if (!p)
            f.error(key, "неизвестная страница «" + ref + "» в паре «" + pair.id + "»: нет файла " +
                             org.content_dir + "/" + ref + ".md");
          return p;
        };
        pair.program = page_ref("program");
        pair.order = page_ref("order");
        bool dup = std::any_of(org.pairs.begin(), org.pairs.end(),
                               [&](const Pair& q) { return q.id == pair.id && !pair.id.empty(); });
        if (dup) {
          f.error("id", "пара с id «" + pair.id + "» уже описана");
          continue;
        }
        org.pairs.push_back(std::move(pair));
      }
    }
  }

  void check_block(const DataBlock& b, const Org& org, const Site& site) {
    if (b.what.empty()) return;  // already reported
    const Org* target = &org;
    if (!b.org.empty() && b.org != "all" && b.org != org.id) {
      target = site.find_org(b.org);
      if (!target || target->id.empty()) {
        diags_.error(b.pos, "неизвестная школа «" + b.org + "» в блоке данных (org)");
        return;
      }
    }
    if (b.kind == DataBlock::Kind::roadmap) {
      if (!target->roadmap(b.what))
        diags_.error(b.pos, "неизвестная дорожная карта «" + b.what + "»: нет файла " +
                                target->data_dir + "/roadmaps/" + b.what + ".json");
    } else if (b.kind == DataBlock::Kind::chart && b.what == "indicator") {
      if (b.org == "all") {
        bool any = false;
        for (const Org* o : site.orgs())
          any = any || (o->monitoring && o->monitoring->indicator(b.indicator));
        if (!any) diags_.error(b.pos, "неизвестный показатель «" + b.indicator + "» ни у одной организации");
      } else if (!target->monitoring || !target->monitoring->indicator(b.indicator)) {
        diags_.error(b.pos, "неизвестный показатель «" + b.indicator + "»: его нет в " +
                                target->data_dir + "/monitoring.json");
      }
    } else if (b.kind == DataBlock::Kind::table && b.what == "schools" && !site.org->department) {
      diags_.error(b.pos, "таблица школ (table: schools) есть только на сайте департамента");
    }
  }
};

}  // namespace

std::unique_ptr<Site> load_site(const LoadOptions& opts, Diagnostics& diags) {
  return Loader(opts, diags).run();
}

std::unique_ptr<Org> reload_org(const LoadOptions& opts, const Site& site, const Org& org) {
  Diagnostics again;
  auto full = Loader(opts, again).reload(org, site);
  if (again.has_errors() || !full || full->source_hash != org.source_hash) return nullptr;
  return full;
}

void release_org(Org& org) {
  org.people.clear();
  org.people.shrink_to_fit();
  org.pairs.clear();
  org.pairs.shrink_to_fit();
  for (auto& r : org.roadmaps) {
    r->stages.clear();
    r->stages.shrink_to_fit();
  }
  org.pages.clear();
  org.pages.shrink_to_fit();
  org.index = nullptr;
  org.attachments.clear();
  org.attachments.shrink_to_fit();
  org.released = true;
}

std::optional<std::string> read_text_file(const std::string& abs_path, const std::string& rel,
                                          unsigned long long max_bytes, Diagnostics& diags,
                                          unsigned long long* file_bytes) {
  std::string text;
  if (!read_text_file(text, abs_path, rel, max_bytes, diags, file_bytes)) return std::nullopt;
  return text;
}

bool read_text_file(std::string& text, const std::string& abs_path, const std::string& rel,
                    unsigned long long max_bytes, Diagnostics& diags, unsigned long long* file_bytes) {
  // open, fstat and read: the size is known, so one read fills the string (an istreambuf_iterator
  // copy was a twentieth of loading).
  const int fd = ::open(abs_path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0) ::close(fd);
    diags.error({rel, 0, 0}, "не удалось прочитать файл");
    return false;
  }
  auto too_big = [&](unsigned long long size) {
    ::close(fd);
    diags.error({rel, 0, 0}, "файл слишком большой (" + format_size(size) + ", предел " +
                                 format_size(max_bytes) + ")");
    return false;
  };
  const auto size = static_cast<unsigned long long>(st.st_size);
  if (size > max_bytes) return too_big(size);
  // One byte more than the size: a file that grew since fstat is read to its end, within the limit.
  text.resize(size + 1);
  size_t done = 0;
  for (;;) {
    if (done == text.size()) {
      if (text.size() > max_bytes) return too_big(text.size());
      text.resize(std::min<unsigned long long>(text.size() * 2, max_bytes + 1));
    }
    ssize_t n = ::read(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      diags.error({rel, 0, 0}, "не удалось прочитать файл");
      return false;
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
    // The size fstat gave, read in full, and the byte asked beyond it not given: the end of the
    // file, without one more read to hear it (a system call costs a microsecond on a VM).
    if (done == size && done < text.size()) break;
  }
  ::close(fd);
  text.resize(done);
  if (file_bytes) *file_bytes = text.size();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  if (auto bad = utf8::first_invalid(text)) {
    SourcePos pos = offset_pos(text, *bad, rel);
    diags.error(pos, "файл не в кодировке UTF-8: неверный байт 0x" +
                         [&] {
                           char buf[8];
                           std::snprintf(buf, sizeof buf, "%02X",
                                         static_cast<unsigned char>(text[*bad]));
                           return std::string(buf);
                         }() +
                         " по смещению " + std::to_string(*bad) +
                         " (сохраните файл в UTF-8)");
    return false;
  }
  if (text.find('\0') != std::string::npos) {
    diags.error(offset_pos(text, text.find('\0'), rel), "в текстовом файле нулевой байт");
    return false;
  }
  return true;
}

std::optional<FrontMatter> split_front_matter(std::string_view text) {
  auto line_end = [&](size_t from) {
    size_t e = text.find('\n', from);
    return e == std::string_view::npos ? text.size() : e;
  };
  size_t e = line_end(0);
  if (trim(text.substr(0, e)) != "---") return std::nullopt;
  FrontMatter fm;
  size_t start = e + 1;
  int line = 2;
  for (size_t pos = start; pos < text.size(); ++line) {
    size_t le = line_end(pos);
    std::string_view l = trim(text.substr(pos, le - pos));
    if (l == "---" || l == "...") {
      fm.yaml = text.substr(start, pos - start);
      fm.body_offset = le < text.size() ? le + 1 : text.size();
      fm.body = text.substr(fm.body_offset);
      fm.body_line = line + 1;
      return fm;
    }
    pos = le + 1;
  }
  return std::nullopt;
}

std::optional<DataBlock> parse_data_block(std::string_view yaml, const SourcePos& at,
                                          Diagnostics& diags) {
  auto v = parse_yaml(yaml, at.file, at.line, diags);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    diags.error(at, "блок nastavnik должен содержать YAML вида «table: participants»");
    return std::nullopt;
  }
  Fields f(*v, diags, "блоке данных");
  DataBlock b;
  b.pos = at;
  b.org = f.str("org");
  b.title = f.str("title");
  static const char* kTables[] = {"participants", "pairs", "schools", "events", "indicators"};
  if (f.raw("table")) {
    b.kind = DataBlock::Kind::table;
    b.what = f.str("table");
    if (std::find_if(std::begin(kTables), std::end(kTables),
                     [&](const char* k) { return b.what == k; }) == std::end(kTables)) {
      f.error("table", "неизвестная таблица «" + b.what +
                           "»: ожидается participants, pairs, schools, events или indicators");
      return std::nullopt;
    }
  } else if (f.raw("roadmap")) {
    b.kind = DataBlock::Kind::roadmap;
    b.what = f.id("roadmap");
    if (b.what.empty()) return std::nullopt;
  } else if (f.raw("chart")) {
    b.kind = DataBlock::Kind::chart;
    b.what = f.str("chart");
    if (b.what == "indicator") {
      b.indicator = f.str("indicator", true);
      if (b.indicator.empty()) return std::nullopt;
    } else if (b.what != "participants") {
      f.error("chart", "неизвестная диаграмма «" + b.what + "»: ожидается participants или indicator");
      return std::nullopt;
    }
  } else if (f.raw("video")) {
    b.kind = DataBlock::Kind::video;
    b.what = f.str("video");
    if (!video_embed_url(b.what)) {
      f.error("video", "видео «" + b.what +
                           "» не с разрешённого хостинга (rutube.ru, vk.com, vkvideo.ru, youtube.com, "
                           "youtu.be) или адрес не распознан");
      return std::nullopt;
    }
  } else {
    f.ignore({"indicator"});
    diags.error(at, "неизвестный вид блока данных: ожидается table, roadmap, chart или video");
    return std::nullopt;
  }
  f.ignore({"indicator"});
  return b;
}

}  // namespace nastavnik

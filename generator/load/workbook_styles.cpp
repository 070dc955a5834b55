#include "load/workbook_styles.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <initializer_list>

#include "core/text.h"
#include "core/utf8.h"
#include "core/value.h"
#include "load/fields.h"
#include "load/load.h"

namespace fs = std::filesystem;

namespace nastavnik {

namespace {

constexpr size_t kMaxSheetName = 31;  // Excel's limit

// Reads one style file into the styles of its workbook. The built-in file and then the site's are
// applied to the same struct: a key the site's file does not set keeps the built-in value.
class WorkbookStyleReader {
 public:
  WorkbookStyleReader(Diagnostics& diags, std::string file) : diags_(diags), file_(std::move(file)) {}

  void bases(const Value& root, BasesStyle& s) {
    s.file = file_;
    object(root, "", {"mentors", "mentees", "organisation_column", "colors", "print"},
           [&](const std::string& k, const Value& v) {
             if (k == "mentors" || k == "mentees") {
               BaseStyle& b = k == "mentors" ? s.mentors : s.mentees;
               object(v, k, {"sheet", "columns"}, [&](const std::string& bk, const Value& bv) {
                 if (bk == "sheet") sheet_name(bv, k + ".sheet", b.sheet);
                 if (bk == "columns") columns(bv, k + ".columns", base_fields(), b.columns);
               });
               // The two sheets are in different workbooks: no clash to check.
             }
             if (k == "organisation_column")
               object(v, k, {"header", "width"}, [&](const std::string& ck, const Value& cv) {
                 if (ck == "header") text(cv, k + ".header", s.organisation.header, false);
                 if (ck == "width") width(cv, k + ".width", s.organisation.width);
               });
             if (k == "colors")
               object(v, k, {"header"}, [&](const std::string& ck, const Value& cv) {
                 color(cv, k + "." + ck, s.header_fill);
               });
             if (k == "print") print(v, s.print);
           });
  }

  void monitoring(const Value& root, MonitoringStyle& s) {
    s.file = file_;
    object(root, "", {"sheets", "colors", "print"}, [&](const std::string& k, const Value& v) {
      if (k == "sheets") {
        sheets(v, {{"participants", &s.participants}, {"by_year", &s.by_year}, {"roadmap", &s.roadmap},
                   {"indicators", &s.indicators}});
      }
      if (k == "colors")
        object(v, k, {"header", "done", "overdue", "in_progress"}, [&](const std::string& ck, const Value& cv) {
          Fill* f = ck == "header" ? &s.header_fill : ck == "done" ? &s.done : ck == "overdue" ? &s.overdue
                                                                                                : &s.in_progress;
          color(cv, k + "." + ck, *f);
        });
      if (k == "print") print(v, s.print);
    });
  }

  void summary(const Value& root, SummaryStyle& s) {
    s.file = file_;
    object(root, "", {"sheets", "columns", "colors", "print"}, [&](const std::string& k, const Value& v) {
      if (k == "sheets") sheets(v, {{"summary", &s.summary}, {"forms", &s.forms}, {"charts", &s.charts}});
      if (k == "columns") summary_columns(v, s.columns);
      if (k == "colors")
        object(v, k, {"header", "missing", "present"}, [&](const std::string& ck, const Value& cv) {
          Fill* f = ck == "header" ? &s.header_fill : ck == "missing" ? &s.missing : &s.present;
          color(cv, k + "." + ck, *f);
        });
      if (k == "print") print(v, s.print);
    });
  }

 private:
  Diagnostics& diags_;
  std::string file_;

  // An empty value (`key:` or `key: # …`) has no place of its own in yaml-cpp (it gets the next
  // token's): its key's place then.
  static SourcePos where(const Value& v) {
    if (v.key_pos.line > 0 && (v.is_null() || v.pos.line == 0)) return v.key_pos;
    return v.pos;
  }
  void error(const Value& v, const std::string& msg) { diags_.error(where(v), msg); }

  static std::string list_of(std::initializer_list<const char*> keys) {
    std::string s;
    for (const char* k : keys) s += (s.empty() ? "" : ", ") + std::string(k);
    return s;
  }

  // Calls f for every member of an object; a key not in `keys` is an error (a typo in a style would
  // silently leave the default otherwise).
  void object(const Value& v, const std::string& prefix, std::initializer_list<const char*> keys,
              const std::function<void(const std::string&, const Value&)>& f) {
    if (!v.is_object()) {
      if (prefix.empty() && v.is_null()) return;  // an empty file
      error(v, (prefix.empty() ? std::string("стиль таблицы") : "«" + prefix + "»") +
                   " должен быть словарём ключ: значение, а не " + Value::kind_name(v.kind));
      return;
    }
    for (const auto& member : v.members) {
      // Named, not a structured binding: clang 14 cannot capture those in the lambda below.
      const std::string& k = member.first;
      const Value& m = member.second;
      bool known = std::any_of(keys.begin(), keys.end(), [&](const char* x) { return k == x; });
      if (!known) {
        diags_.error(m.key_pos, "неизвестный ключ «" + (prefix.empty() ? k : prefix + "." + k) +
                                    "» (допустимы: " + list_of(keys) + ")");
        continue;
      }
      f(k, m);
    }
  }

  // Text; a number is taken as written (`sheet: 2024`).
  bool text(const Value& v, const std::string& key, std::string& out, bool allow_empty) {
    if (v.is_number()) {
      out = v.str;
      return true;
    }
    if (!v.is_string()) {
      if (v.is_null() && allow_empty) {
        out.clear();
        return true;
      }
      error(v, wrong_type_message(key, "строкой", v));
      return false;
    }
    if (!allow_empty && trim(v.str).empty()) {
      error(v, "поле «" + key + "» не может быть пустым");
      return false;
    }
    out = v.str;
    return true;
  }

  void boolean(const Value& v, const std::string& key, bool& out) {
    if (!v.is_bool()) return error(v, wrong_type_message(key, "true или false", v));
    out = v.boolean;
  }

  void choice(const Value& v, const std::string& key, std::initializer_list<const char*> allowed,
              std::string& out) {
    std::string s;
    if (!text(v, key, s, false)) return;
    for (const char* a : allowed)
      if (s == a) {
        out = s;
        return;
      }
    error(v, "«" + key + "»: недопустимое значение «" + s + "», ожидается одно из: " + list_of(allowed));
  }

  void width(const Value& v, const std::string& key, double& out) {
    if (!v.is_number()) return error(v, wrong_type_message(key, "числом", v));
    if (v.number < 3 || v.number > 100)
      return error(v, "«" + key + "» = " + format_number(v.number, 2) + " вне допустимых пределов 3–100 (символов)");
    out = v.number;
  }

  // "#RRGGBB" or none.
  void color(const Value& v, const std::string& key, Fill& out) {
    if (v.is_null()) {
      return error(v, "«" + key + "»: нет значения цвета; в YAML знак # начинает комментарий — возьмите цвет "
                                  "в кавычки: \"#F4CCCC\" (или none — без заливки)");
    }
    if (!v.is_string()) return error(v, wrong_type_message(key, "строкой «#RRGGBB» или none", v));
    if (v.str == "none") {
      out.reset();
      return;
    }
    const std::string& s = v.str;
    bool ok = s.size() == 7 && s[0] == '#' &&
              std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
    if (!ok) return error(v, "«" + key + "»: неверный цвет «" + s + "», ожидается «#RRGGBB» (например \"#F4CCCC\") или none");
    out = static_cast<uint32_t>(std::stoul(s.substr(1), nullptr, 16));
  }

  // A sheet name Excel accepts as it is: not empty, at most 31 characters, without []:*?/\ and '.
  void sheet_name(const Value& v, const std::string& key, std::string& out) {
    std::string s;
    if (!text(v, key, s, false)) return;
    size_t bad = s.find_first_of("[]:*?/\\'");
    if (bad != std::string::npos)
      return error(v, "«" + key + "»: в имени листа «" + s + "» недопустим знак «" + s[bad] +
                          "» (Excel не принимает []:*?/\\ и апостроф)");
    if (utf8::length(s) > kMaxSheetName)
      return error(v, "«" + key + "»: имя листа «" + s + "» длиннее " + std::to_string(kMaxSheetName) +
                          " символа (в нём " + std::to_string(utf8::length(s)) + ")");
    out = s;
  }

  // The sheet names of one workbook: each valid, and no two the same (Excel ignores case).
  void sheets(const Value& v, std::vector<std::pair<const char*, std::string*>> targets) {
    std::vector<const char*> keys;
    for (const auto& t : targets) keys.push_back(t.first);
    if (!v.is_object()) return error(v, "«sheets» должен быть словарём ключ: значение, а не " + std::string(Value::kind_name(v.kind)));
    for (const auto& member : v.members) {
      const std::string& k = member.first;
      const Value& m = member.second;
      auto it = std::find_if(targets.begin(), targets.end(), [&](const auto& t) { return k == t.first; });
      if (it == targets.end()) {
        std::string list;
        for (const char* x : keys) list += (list.empty() ? "" : ", ") + std::string(x);
        diags_.error(m.key_pos, "неизвестный ключ «sheets." + k + "» (допустимы: " + list + ")");
        continue;
      }
      sheet_name(m, "sheets." + k, *it->second);
    }
    for (size_t i = 0; i < targets.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (utf8::lower(*targets[i].second) == utf8::lower(*targets[j].second)) {
          const Value* at = v.get(targets[i].first);
          if (!at) at = v.get(targets[j].first);
          if (!at) at = &v;
          error(*at, "листы «sheets." + std::string(targets[j].first) + "» и «sheets." + targets[i].first +
                         "» названы одинаково: «" + *targets[i].second + "»");
        }
  }

  // A list of columns: each a field name, or {field, header, width}. The list replaces the whole
  // list of the built-in style.
  bool columns(const Value& v, const std::string& key, const std::vector<WorkbookField>& fields,
               std::vector<WorkbookColumn>& out) {
    if (!v.is_array()) {
      error(v, wrong_type_message(key, "списком столбцов", v));
      return false;
    }
    if (v.items.empty()) {
      error(v, "«" + key + "»: список столбцов пуст");
      return false;
    }
    std::vector<WorkbookColumn> list;
    bool ok = true;
    for (const Value& item : v.items) {
      WorkbookColumn c;
      c.pos = where(item);
      const Value* name = &item;
      if (item.is_object()) {
        name = item.get("field");
        object(item, key + "[]", {"field", "header", "width"}, [&](const std::string& k, const Value& m) {
          if (k == "header") text(m, key + "[].header", c.header, false);
          if (k == "width") width(m, key + "[].width", c.width);
        });
        if (!name) {
          error(item, "«" + key + "»: у столбца нет ключа «field» (какое поле он показывает)");
          ok = false;
          continue;
        }
      }
      if (!name->is_string()) {
        error(*name, wrong_type_message(key + "[].field", "строкой (именем поля)", *name));
        ok = false;
        continue;
      }
      const WorkbookField* f = find_workbook_field(fields, name->str);
      if (!f) {
        std::string all;
        for (const auto& x : fields) all += (all.empty() ? "" : ", ") + std::string(x.name);
        error(*name, "«" + key + "»: неизвестное поле «" + name->str + "»; допустимы: " + all);
        ok = false;
        continue;
      }
      if (std::any_of(list.begin(), list.end(), [&](const WorkbookColumn& x) { return x.field == f->name; })) {
        error(*name, "«" + key + "»: поле «" + name->str + "» уже есть в списке столбцов");
        ok = false;
        continue;
      }
      c.field = f->name;
      // Defaults: the header and width this field has in the list being replaced (the built-in
      // one: «ФИО наставника», not just «ФИО»), else the field's own.
      auto prev = std::find_if(out.begin(), out.end(), [&](const WorkbookColumn& x) { return x.field == c.field; });
      if (c.header.empty()) c.header = prev != out.end() ? prev->header : f->header;
      if (c.width == 0) c.width = prev != out.end() ? prev->width : f->width;
      list.push_back(std::move(c));
    }
    if (ok) out = std::move(list);
    return ok;
  }

  void summary_columns(const Value& v, std::vector<WorkbookColumn>& out) {
    std::vector<WorkbookColumn> list = out;
    if (!columns(v, "columns", summary_fields(), list)) return;
    auto has = [&](const char* f) {
      return std::any_of(list.begin(), list.end(), [&](const WorkbookColumn& c) { return c.field == f; });
    };
    bool ok = true;
    if (!has("organisation")) {
      diags_.error(v.key_pos.line > 0 ? v.key_pos : where(v), "«columns»: нет столбца «organisation» — в нём названия школ и строка «Итого по муниципалитету»");
      ok = false;
    }
    // A share is a formula over two other columns of its row: they must be there.
    struct Needs {
      const char* share;
      const char* part;
      const char* whole;
    };
    for (const Needs& n : {Needs{"young_share", "young_mentored", "young"}, Needs{"done_share", "done", "roadmap_items"}}) {
      if (!has(n.share) || (has(n.part) && has(n.whole))) continue;
      const Value* at = &v;
      for (const Value& item : v.items) {
        const Value* name = item.is_object() ? item.get("field") : &item;
        if (name && name->is_string() && name->str == n.share) at = &item;
      }
      error(*at, "«columns»: столбец «" + std::string(n.share) + "» — формула над столбцами «" + n.part +
                     "» и «" + n.whole + "», добавьте их в список");
      ok = false;
    }
    if (ok) out = std::move(list);
  }

  // Placeholders of the header and footer text.
  void header_text(const Value& v, const std::string& key, std::string& out) {
    std::string s;
    if (!text(v, key, s, true)) return;
    static const char* kKnown[] = {"title", "organisation", "date", "sheet", "page", "pages"};
    for (size_t i = s.find('{'); i != std::string::npos; i = s.find('{', i + 1)) {
      size_t end = s.find('}', i);
      std::string name = s.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
      if (end == std::string::npos ||
          std::none_of(std::begin(kKnown), std::end(kKnown), [&](const char* k) { return name == k; }))
        return error(v, "«" + key + "»: неизвестная подстановка «{" + name +
                            "}», допустимы {title}, {organisation}, {date}, {sheet}, {page}, {pages}");
    }
    if (utf8::length(s) > 120) return error(v, "«" + key + "»: текст длиннее 120 символов");
    out = s;
  }

  void print(const Value& v, PrintSetup& p) {
    object(v, "print", {"paper", "orientation", "fit_to_width", "header", "footer"},
           [&](const std::string& k, const Value& m) {
             if (k == "paper") choice(m, "print.paper", {"A4", "A3"}, p.paper);
             if (k == "orientation") {
               std::string o = p.landscape ? "landscape" : "portrait";
               choice(m, "print.orientation", {"landscape", "portrait"}, o);
               p.landscape = o == "landscape";
             }
             if (k == "fit_to_width") boolean(m, "print.fit_to_width", p.fit_to_width);
             if (k == "header" || k == "footer") {
               HeaderFooter& hf = k == "header" ? p.header : p.footer;
               object(m, "print." + k, {"left", "center", "right"}, [&](const std::string& pk, const Value& pv) {
                 std::string& target = pk == "left" ? hf.left : pk == "center" ? hf.center : hf.right;
                 header_text(pv, "print." + k + "." + pk, target);
               });
             }
           });
  }
};

std::optional<Value> read_style(const fs::path& path, const std::string& shown, Diagnostics& diags) {
  auto text = read_text_file(path.string(), shown, 1 << 20, diags);
  if (!text) return std::nullopt;
  return parse_yaml(*text, shown, 0, diags);
}

// Applies the built-in file, then the site's, through `apply`.
template <typename Apply>
void load_one(Site& site, const std::string& builtin_dir, const std::string& name, Diagnostics& diags, Apply apply) {
  fs::path builtin = fs::path(builtin_dir) / "workbooks" / (name + ".yaml");
  std::error_code ec;
  if (fs::is_regular_file(builtin, ec)) {
    if (auto v = read_style(builtin, builtin.string(), diags)) {
      WorkbookStyleReader r(diags, builtin.string());
      apply(r, *v);
    }
  } else {
    diags.error({builtin.string(), 0, 0}, "нет встроенного стиля таблицы (повреждена установка nastavnik)");
  }
  std::string rel = "templates/workbooks/" + name + ".yaml";
  fs::path own = fs::path(site.root) / rel;
  if (fs::is_regular_file(own, ec)) {
    site.workbook_styles.site_files.push_back(rel);
    if (auto v = read_style(own, rel, diags)) {
      WorkbookStyleReader r(diags, rel);
      apply(r, *v);
    }
  }
}

}  // namespace

void load_workbook_styles(Site& site, const std::string& builtin_dir, Diagnostics& diags) {
  WorkbookStyles& w = site.workbook_styles;
  load_one(site, builtin_dir, "bases", diags, [&](WorkbookStyleReader& r, const Value& v) { r.bases(v, w.bases); });
  load_one(site, builtin_dir, "monitoring", diags,
           [&](WorkbookStyleReader& r, const Value& v) { r.monitoring(v, w.monitoring); });
  load_one(site, builtin_dir, "summary", diags,
           [&](WorkbookStyleReader& r, const Value& v) { r.summary(v, w.summary); });
  // Style files of unknown names are typos.
  std::error_code ec;
  fs::path own_dir = fs::path(site.root) / "templates/workbooks";
  if (fs::is_directory(own_dir, ec)) {
    std::vector<std::string> odd;
    for (const auto& e : fs::directory_iterator(own_dir, ec)) {
      const auto& names = workbook_style_names();
      if (e.path().extension() != ".yaml" ||
          std::find(names.begin(), names.end(), e.path().stem().string()) == names.end())
        odd.push_back(e.path().filename().string());
    }
    std::sort(odd.begin(), odd.end());
    for (const auto& f : odd)
      diags.error({"templates/workbooks/" + f, 0, 0},
                  "неизвестный файл стиля таблицы: ожидается bases.yaml, monitoring.yaml или summary.yaml");
  }
}

}  // namespace nastavnik

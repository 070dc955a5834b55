#include "load/styles.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "core/text.h"
#include "core/value.h"
#include "load/load.h"

namespace fs = std::filesystem;

namespace nastavnik {

namespace {

struct Family {
  const char* name;
  const char* regular;
  const char* bold;
  const char* italic;
  const char* bold_italic;
};
// Free families shipped by Debian (fonts-paratype, fonts-liberation2).
const Family kFamilies[] = {
    {"PT Serif", "paratype/PTF55F.ttf", "paratype/PTF75F.ttf", "paratype/PTF56F.ttf", "paratype/PTF76F.ttf"},
    {"PT Sans", "paratype/PTS55F.ttf", "paratype/PTS75F.ttf", "paratype/PTS56F.ttf", "paratype/PTS76F.ttf"},
    {"Liberation Serif", "liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf",
     "liberation2/LiberationSerif-Italic.ttf", "liberation2/LiberationSerif-BoldItalic.ttf"},
    {"Liberation Sans", "liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf",
     "liberation2/LiberationSans-Italic.ttf", "liberation2/LiberationSans-BoldItalic.ttf"},
};

class StyleReader {
 public:
  StyleReader(const Site& site, Diagnostics& diags, const std::string& name, const std::string& file,
              bool is_site)
      : site_(site), diags_(diags), name_(name), file_(file), is_site_(is_site) {}

  void apply(const Value& root, DocumentStyle& s) {
    s.file = file_;
    object(root, "", [&](const std::string& key, const Value& v) {
      if (key == "page") return page(v, s), true;
      if (key == "fonts") return fonts(v, s), true;
      if (key == "text") return text(v, s), true;
      if ((key == "letterhead" || key == "prikazyvayu") && name_ != "order")
        diags_.warning(v.key_pos, "ключ «" + key + "» действует только в стиле приказа (order.yaml): здесь он не меняет документ");
      if (key == "letterhead") return letterhead(v, s), true;
      if (key == "date_format") return choice(v, key, {"numeric", "long"}, s.date_format), true;
      if (key == "prikazyvayu") return choice(v, key, {"line", "spaced"}, s.prikazyvayu), true;
      if (key == "signature") return choice(v, key, {"two-sided", "stacked"}, s.signature_layout), true;
      if (key == "gost") {
        if (v.is_null()) s.gost.clear();  // the profile of site.json
        else choice(v, key, {"2016", "2025"}, s.gost);
        return true;
      }
      if (key == "qr_size") return number(v, key, 10, 60, s.qr_size_mm), true;
      return false;
    });
  }

 private:
  const Site& site_;
  Diagnostics& diags_;
  std::string name_, file_;
  bool is_site_;

  void error(const Value& v, const std::string& msg) { diags_.error(v.pos, msg); }

  // Calls f for every member; a key f does not know is an error (a typo in a style would silently
  // change a document otherwise).
  void object(const Value& v, const std::string& prefix,
              const std::function<bool(const std::string&, const Value&)>& f) {
    if (!v.is_object()) {
      error(v, (prefix.empty() ? std::string("стиль") : "«" + prefix + "»") + " должен быть словарём ключ: значение");
      return;
    }
    for (const auto& [k, m] : v.members)
      if (!f(k, m)) diags_.error(m.key_pos, "неизвестный ключ стиля «" + (prefix.empty() ? k : prefix + "." + k) + "»");
  }

  void number(const Value& v, const std::string& key, double lo, double hi, double& out) {
    if (!v.is_number()) return error(v, "«" + key + "» должно быть числом, а не " + Value::kind_name(v.kind));
    if (v.number < lo || v.number > hi)
      return error(v, "«" + key + "» = " + format_number(v.number, 2) + " вне допустимых пределов " +
                          format_number(lo) + "–" + format_number(hi));
    out = v.number;
  }
  void boolean(const Value& v, const std::string& key, bool& out) {
    if (!v.is_bool()) return error(v, "«" + key + "» должно быть true или false");
    out = v.boolean;
  }
  void choice(const Value& v, const std::string& key, std::initializer_list<const char*> allowed, std::string& out) {
    if (!v.is_string() && !v.is_number()) return error(v, "«" + key + "» должно быть строкой");
    const std::string& s = v.str;  // a number keeps its source text too (gost: 2025)
    std::string list;
    for (const char* a : allowed) {
      if (s == a) { out = s; return; }
      list += (list.empty() ? "" : ", ") + std::string(a);
    }
    error(v, "«" + key + "»: недопустимое значение «" + s + "», ожидается одно из: " + list);
  }

  // A file named in a style: relative to the site (a site's style) or an absolute system font.
  std::string site_file(const Value& v, const std::string& key, const std::set<std::string>& exts) {
    if (!v.is_string() || v.str.empty()) { error(v, "«" + key + "» должно быть путём к файлу"); return ""; }
    fs::path rel = fs::path(v.str).lexically_normal();
    if (rel.is_absolute() || (!rel.empty() && *rel.begin() == "..")) {
      error(v, "«" + key + "»: путь «" + v.str + "» должен быть относительным и не выходить за пределы сайта");
      return "";
    }
    std::string ext = rel.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!exts.count(ext)) {
      std::string list;
      for (const auto& e : exts) list += (list.empty() ? "" : ", ") + e;
      error(v, "«" + key + "»: файл «" + v.str + "» должен быть " + list);
      return "";
    }
    fs::path abs = fs::path(is_site_ ? site_.root : std::string(NASTAVNIK_TEMPLATE_DIR) + "/..") / rel;
    std::error_code ec;
    if (!fs::is_regular_file(abs, ec)) {
      error(v, "«" + key + "»: файл «" + v.str + "» не найден");
      return "";
    }
    return fs::weakly_canonical(abs, ec).string();
  }

  std::string font(const Value& v, const std::string& key) {
    if (v.is_string() && !v.str.empty() && v.str.find('/') == std::string::npos) {
      // A bare file name: a system font of Debian's packages.
      std::error_code ec;
      for (auto it = fs::recursive_directory_iterator(NASTAVNIK_FONT_DIR, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->path().filename() == v.str) return it->path().string();
      error(v, "«" + key + "»: шрифт «" + v.str + "» не найден в " + NASTAVNIK_FONT_DIR +
                   " (установите пакет со шрифтом или укажите путь к файлу TTF в сайте)");
      return "";
    }
    return site_file(v, key, {".ttf"});
  }

  void page(const Value& v, DocumentStyle& s) {
    object(v, "page", [&](const std::string& k, const Value& m) {
      if (k == "size") {
        std::string size;
        choice(m, "page.size", {"A4", "A5"}, size);
        bool landscape = s.page_width_mm > s.page_height_mm;
        if (size == "A4") { s.page_width_mm = 210; s.page_height_mm = 297; }
        if (size == "A5") { s.page_width_mm = 148; s.page_height_mm = 210; }
        if (landscape) std::swap(s.page_width_mm, s.page_height_mm);
        return true;
      }
      if (k == "orientation") {
        std::string o;
        choice(m, "page.orientation", {"portrait", "landscape"}, o);
        bool landscape = s.page_width_mm > s.page_height_mm;
        if ((o == "landscape") != landscape && !o.empty()) std::swap(s.page_width_mm, s.page_height_mm);
        return true;
      }
      if (k == "numbers") return choice(m, "page.numbers", {"top", "bottom", "bottom-right", "none"}, s.page_numbers), true;
      if (k == "number_first_page") return boolean(m, "page.number_first_page", s.number_first_page), true;
      if (k == "margins") {
        object(m, "page.margins", [&](const std::string& mk, const Value& mv) {
          double* target = mk == "left" ? &s.margin_left_mm : mk == "right" ? &s.margin_right_mm
                           : mk == "top" ? &s.margin_top_mm : mk == "bottom" ? &s.margin_bottom_mm : nullptr;
          if (!target) return false;
          number(mv, "page.margins." + mk, 5, 60, *target);
          return true;
        });
        return true;
      }
      return false;
    });
  }

  void fonts(const Value& v, DocumentStyle& s) {
    object(v, "fonts", [&](const std::string& k, const Value& m) {
      if (k == "family") {
        if (!m.is_string()) return error(m, "«fonts.family» должно быть строкой"), true;
        for (const auto& f : kFamilies)
          if (m.str == f.name) {
            std::string dir = NASTAVNIK_FONT_DIR;
            s.font_regular = dir + "/" + f.regular;
            s.font_bold = dir + "/" + f.bold;
            s.font_italic = dir + "/" + f.italic;
            s.font_bold_italic = dir + "/" + f.bold_italic;
            std::error_code ec;
            if (!fs::is_regular_file(s.font_regular, ec))
              error(m, "«fonts.family»: шрифт «" + m.str + "» не установлен (" + s.font_regular + ")");
            return true;
          }
        std::string list;
        for (const auto& f : kFamilies) list += (list.empty() ? "" : ", ") + std::string(f.name);
        error(m, "«fonts.family»: неизвестное семейство «" + m.str + "», доступны: " + list +
                     " (или укажите файлы regular, bold, italic, bold_italic)");
        return true;
      }
      std::string* target = k == "regular" ? &s.font_regular : k == "bold" ? &s.font_bold
                            : k == "italic" ? &s.font_italic : k == "bold_italic" ? &s.font_bold_italic : nullptr;
      if (!target) return false;
      std::string path = font(m, "fonts." + k);
      if (!path.empty()) *target = path;
      return true;
    });
  }

  void text(const Value& v, DocumentStyle& s) {
    object(v, "text", [&](const std::string& k, const Value& m) {
      std::pair<const char*, double*> sizes[] = {
          {"body", &s.body_pt}, {"heading", &s.heading_pt}, {"table", &s.table_pt},
          {"small", &s.small_pt}, {"requisites", &s.requisites_pt}, {"doc_name", &s.doc_name_pt}};
      for (auto& [name, target] : sizes)
        if (k == name) return number(m, "text." + k, 6, 30, *target), true;
      if (k == "line_spacing") return number(m, "text.line_spacing", 0.8, 2.5, s.line_spacing), true;
      if (k == "first_indent") return number(m, "text.first_indent", 0, 40, s.first_indent_mm), true;
      if (k == "align") return choice(m, "text.align", {"justify", "left"}, s.align), true;
      return false;
    });
  }

  void letterhead(const Value& v, DocumentStyle& s) {
    static const std::set<std::string> kRequisites = {"emblem", "parent", "organisation", "address",
                                                      "kind", "date_number", "place", "title"};
    object(v, "letterhead", [&](const std::string& k, const Value& m) {
      if (k == "layout") return choice(m, "letterhead.layout", {"centered", "corner"}, s.header_layout), true;
      if (k == "corner_width") return number(m, "letterhead.corner_width", 50, 120, s.corner_width_mm), true;
      if (k == "emblem") {
        if (m.is_null() || (m.is_string() && m.str.empty())) { s.emblem.clear(); return true; }
        std::string path = site_file(m, "letterhead.emblem", {".png", ".jpg", ".jpeg"});
        if (!path.empty()) s.emblem = path;
        return true;
      }
      if (k == "emblem_width") return number(m, "letterhead.emblem_width", 5, 60, s.emblem_width_mm), true;
      if (k == "emblem_height") return number(m, "letterhead.emblem_height", 5, 60, s.emblem_height_mm), true;
      if (k == "requisites") {
        if (!m.is_array()) return error(m, "«letterhead.requisites» должно быть списком"), true;
        std::vector<std::string> list;
        for (const Value& r : m.items) {
          if (!r.is_string() || !kRequisites.count(r.str)) {
            error(r, "«letterhead.requisites»: неизвестный реквизит «" + r.str +
                         "», ожидается emblem, parent, organisation, address, kind, date_number, place или title");
            continue;
          }
          list.push_back(r.str);
        }
        s.requisites = list;
        return true;
      }
      return false;
    });
  }
};

std::optional<Value> read_style(const fs::path& path, const std::string& shown, Diagnostics& diags) {
  auto text = read_text_file(path.string(), shown, 1 << 20, diags);
  if (!text) return std::nullopt;
  return parse_yaml(*text, shown, 0, diags);
}

}  // namespace

void load_styles(Site& site, const std::string& builtin_dir, Diagnostics& diags) {
  std::string dir = NASTAVNIK_FONT_DIR;
  for (const std::string& name : document_style_names()) {
    DocumentStyle s;
    s.font_regular = dir + "/paratype/PTF55F.ttf";
    s.font_bold = dir + "/paratype/PTF75F.ttf";
    s.font_italic = dir + "/paratype/PTF56F.ttf";
    s.font_bold_italic = dir + "/paratype/PTF76F.ttf";
    if (name == "roadmap") std::swap(s.page_width_mm, s.page_height_mm);
    fs::path builtin = fs::path(builtin_dir) / "documents" / (name + ".yaml");
    if (fs::is_regular_file(builtin))
      if (auto v = read_style(builtin, builtin.string(), diags); v && !v->is_null())
        StyleReader(site, diags, name, builtin.string(), false).apply(*v, s);
    std::string rel = "templates/documents/" + name + ".yaml";
    fs::path own = fs::path(site.root) / rel;
    if (fs::is_regular_file(own))
      if (auto v = read_style(own, rel, diags); v && !v->is_null())
        StyleReader(site, diags, name, rel, true).apply(*v, s);
    site.styles.documents[name] = std::move(s);
  }
  // Style files of unknown names are typos.
  std::error_code ec;
  fs::path own_dir = fs::path(site.root) / "templates/documents";
  if (fs::is_directory(own_dir, ec))
    for (const auto& e : fs::directory_iterator(own_dir, ec)) {
      std::string stem = e.path().stem().string();
      const auto& names = document_style_names();
      if (std::find(names.begin(), names.end(), stem) == names.end() || e.path().extension() != ".yaml")
        diags.error({"templates/documents/" + e.path().filename().string(), 0, 0},
                    "неизвестный файл стиля: ожидается order.yaml, document.yaml, program.yaml, report.yaml или roadmap.yaml");
    }
}

}  // namespace nastavnik

#include "render/html/templates.h"

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace nastavnik::html {

bool Templates::render(std::string_view name, const Data& data, std::string& out) const {
  const mustache::Template* t = find(name);
  if (!t) return true;
  out.reserve(16 << 10);
  return t->render(data, out, this);
}

const mustache::Template* Templates::find(std::string_view name) const {
  auto it = parsed_.find(name);
  return it == parsed_.end() ? nullptr : &it->second;
}

Templates::Templates(const std::string& builtin_dir, const std::string& site_dir, Diagnostics& diags) {
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  std::error_code ec;
  for (const fs::path& base : {fs::path(builtin_dir), fs::path(site_dir) / "templates"}) {
    bool is_site = base != fs::path(builtin_dir);
    if (fs::is_directory(base / "html", ec))
      for (const auto& e : fs::directory_iterator(base / "html", ec)) {
        if (e.path().extension() != ".mustache") continue;
        std::string name = e.path().stem().string();
        mustache::Template t(read(e.path()));
        if (!t.ok()) {
          std::string rel = is_site ? "templates/html/" + e.path().filename().string() : e.path().string();
          diags.error({rel, t.error_line(), t.error_col()}, "шаблон страницы: " + t.error());
          continue;
        }
        parsed_.insert_or_assign(name, std::move(t));  // a site's template replaces the built-in one
      }
    if (fs::is_directory(base / "assets", ec))
      for (const auto& e : fs::recursive_directory_iterator(base / "assets", ec))
        if (e.is_regular_file())
          assets_["assets/" + e.path().lexically_relative(base / "assets").generic_string()] =
              e.path().string();
  }
  for (const char* required : {"layout", "index", "list", "page", "section", "404"})
    if (!parsed_.count(required))
      diags.error({builtin_dir + "/html/" + required + ".mustache", 0, 0},
                  "нет встроенного шаблона: установка nastavnik повреждена");
}

}  // namespace nastavnik::html

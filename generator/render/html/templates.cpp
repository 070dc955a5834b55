#include "render/html/templates.h"

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace nastavnik::html {

std::string TemplateSet::render(const std::string& name, const Data& data) {
  auto it = parsed_.find(name);
  if (it == parsed_.end()) return "";
  // Lines appended to one string (render(data) goes through an ostringstream and copies it out).
  std::string out;
  out.reserve(16 << 10);
  it->second->render(data, [&out](const std::string& line) { out += line; });
  return out;
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
        std::string text = read(e.path());
        Template t(text);
        if (!t.is_valid()) {
          std::string rel = is_site ? "templates/html/" + e.path().filename().string() : e.path().string();
          diags.error({rel, 0, 0}, "ошибка в шаблоне: " + t.error_message());
          continue;
        }
        texts_[name] = std::move(text);  // a site's template replaces the built-in one
      }
    if (fs::is_directory(base / "assets", ec))
      for (const auto& e : fs::recursive_directory_iterator(base / "assets", ec))
        if (e.is_regular_file())
          assets_["assets/" + e.path().lexically_relative(base / "assets").generic_string()] =
              e.path().string();
  }
  for (const char* required : {"layout", "index", "list", "page", "section", "404"})
    if (!texts_.count(required))
      diags.error({builtin_dir + "/html/" + required + ".mustache", 0, 0},
                  "нет встроенного шаблона: установка nastavnik повреждена");
}

std::unique_ptr<TemplateSet> Templates::parse() const {
  auto s = std::make_unique<TemplateSet>();
  for (const auto& [name, text] : texts_) s->parsed_[name] = std::make_unique<Template>(text);
  return s;
}

}  // namespace nastavnik::html

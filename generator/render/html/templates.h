// The HTML templates: built in (templates/html/) and overridden by the site file by file
// (<site>/templates/html/). Parsed once per build (render/html/mustache.h); a parsed template is
// immutable, so every worker renders from the same set.
#pragma once
#include <map>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "render/html/mustache.h"

namespace nastavnik::html {

using Data = mustache::Value;

class Templates : public mustache::TemplateSet {
 public:
  // Reads and parses every template (site overrides first); syntax errors become diagnostics with
  // the template's line and column.
  Templates(const std::string& builtin_dir, const std::string& site_dir, Diagnostics& diags);
  // Renders template `name` into `out` (nothing when there is no such template); false when the
  // page grew past mustache::Template::kMaxOutput.
  bool render(std::string_view name, const Data& data, std::string& out) const;
  const mustache::Template* find(std::string_view name) const override;
  // Files of templates/assets (site overrides first): web path → absolute source path.
  const std::map<std::string, std::string>& assets() const { return assets_; }

 private:
  std::map<std::string, mustache::Template, std::less<>> parsed_;
  std::map<std::string, std::string> assets_;
};

}  // namespace nastavnik::html

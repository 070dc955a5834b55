// The HTML templates: built in (templates/html/) and overridden by the site file by file
// (<site>/templates/html/). Parsed once per worker (a pool of sets), since a parsed kainjow template
// is not safe to render from two threads at once.
#pragma once
#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/pool.h"

namespace nastavnik::html {

using Template = kainjow::mustache::mustache;
using Data = kainjow::mustache::data;

class TemplateSet {
 public:
  std::string render(const std::string& name, const Data& data);

 private:
  friend class Templates;
  std::map<std::string, std::unique_ptr<Template>> parsed_;
};

class Templates {
 public:
  // Reads every template (site overrides first); syntax errors become diagnostics.
  Templates(const std::string& builtin_dir, const std::string& site_dir, Diagnostics& diags);
  // A parsed set for the calling worker, given back when the lease ends.
  Pool<TemplateSet>::Lease acquire() { return sets_.acquire(); }
  // Files of templates/assets (site overrides first): web path → absolute source path.
  const std::map<std::string, std::string>& assets() const { return assets_; }

 private:
  std::map<std::string, std::string> texts_;  // name → template text
  std::map<std::string, std::string> assets_;
  std::unique_ptr<TemplateSet> parse() const;
  Pool<TemplateSet> sets_{[this] { return parse(); }};
};

}  // namespace nastavnik::html

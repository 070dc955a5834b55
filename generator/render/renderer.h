// The render stage's common interface: each output format is a Renderer that reads the model and
// hands files to a sink (the publisher). Renderers never touch out/ themselves.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "model/model.h"
#include "render/output.h"

namespace nastavnik {

using Sink = std::function<void(OutputFile)>;

// A document produced by one format that another format links to (the web page of an order
// links its PDF: «Скачать PDF, 2 с., 38 КБ»).
struct Artifact {
  std::string url;  // path in the web root
  std::string kind;  // pdf, xlsx, sig
  int pages = 0;
  unsigned long long bytes = 0;
  std::string note;  // e.g. the state of an electronic signature
};

// Artifacts of one organisation, keyed by what they belong to: a page's url, or "org:<kind>".
class Artifacts {
 public:
  void add(const std::string& key, Artifact a) {
    std::lock_guard lock(mutex_);
    items_.emplace(key, std::move(a));
  }
  std::vector<Artifact> of(const std::string& key) const {
    std::lock_guard lock(mutex_);
    std::vector<Artifact> v;
    auto [b, e] = items_.equal_range(key);
    for (auto it = b; it != e; ++it) v.push_back(it->second);
    return v;
  }

 private:
  mutable std::mutex mutex_;
  std::multimap<std::string, Artifact> items_;
};

struct RenderContext {
  const Site& site;
  Diagnostics& diags;
  Artifacts& artifacts;
  // Loads a released organisation again (Org::released; load.h: reload_org); reports and returns
  // nullptr when its files changed during the build. Set by the pipeline when a site is released.
  std::function<std::unique_ptr<Org>(const Org&)> reload = nullptr;
  // Where renderers put temporary files (Publisher::scratch_dir); "" — the system's temporary
  // folder (`check`, which writes nothing).
  std::string scratch_dir;
  // Calls fn with `org` whole: itself, or a copy loaded again for the call when it was released
  // (nothing is called when that copy cannot be loaded: the build fails).
  void with_data(const Org& org, const std::function<void(const Org&)>& fn) const {
    if (!org.released || !reload) return fn(org);
    if (auto full = reload(org)) fn(*full);
  }
};

class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual std::string_view format() const = 0;
  // Files of the whole site (assets, sitemap, feed, summaries across schools).
  virtual void render_site(RenderContext&, const Sink&) {}
  // Files of one organisation; called in parallel for different organisations.
  virtual void render_org(RenderContext&, const Org&, const Sink&) = 0;
};

}  // namespace nastavnik

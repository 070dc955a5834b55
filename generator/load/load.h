// Load stage: reads a site folder (FORMAT.md) into the model, resolving every reference.
// Every problem becomes a diagnostic; loading goes on after errors so that one run reports all.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "core/diagnostics.h"
#include "model/model.h"

namespace nastavnik {

struct LoadOptions {
  std::string site_dir;
  std::string out_dir;  // skipped while scanning when it lies inside the site
  unsigned long long max_text_bytes = 8ull << 20;         // JSON, Markdown
  unsigned long long max_attachment_bytes = 100ull << 20;  // files/*
  std::optional<Date> today;  // build date when site.json has none (SOURCE_DATE_EPOCH or clock)
  unsigned jobs = 1;          // schools are loaded and resolved on this many threads (0: per core)
  // Page bodies are kept as loaded (Page::body) up to this many bytes for the site, so that the
  // render does not open every page again (on a virtual machine an open and a read cost microseconds
  // each); past it they are read again when rendered. A released school's bodies are not kept by
  // its first load, and are kept by its reload (dropped after its render).
  unsigned long long kept_body_bytes = 64ull << 20;
  // Called for every organisation once it is loaded and resolved, before it may be released
  // (schools on the loading threads, then the department): the check stage and the privacy gate
  // see it whole there. References to other organisations are checked after all are loaded.
  std::function<void(const Site&, const Org&)> loaded;
  // A site with more schools than this releases each school once `loaded` has seen it (people,
  // pairs, roadmap items, pages: Org::released) and the render loads it again (reload_org):
  // memory is bounded by the largest school, not by the site, at the price of reading each school
  // twice. `build` sets it (--low-memory: 0); by default nothing is released.
  size_t release_schools_over = static_cast<size_t>(-1);
};

std::unique_ptr<Site> load_site(const LoadOptions& opts, Diagnostics& diags);

// A released school's data read again (the same folders and rules as the first load), for the
// time it is rendered; nullptr when its files are not what was loaded and checked (they changed
// during the build: Org::source_hash). The copy's pages belong to the copy; the site is not changed.
std::unique_ptr<Org> reload_org(const LoadOptions& opts, const Site& site, const Org& org);

// Drops what a school holds beyond what other organisations read of it (model.h: Org::released).
void release_org(Org& org);

// Reads a text file of the site: size limit, UTF-8 check (error with the byte offset), BOM.
// `rel` is the site-relative name used in messages.
// `file_bytes`, when given, receives the size of the file (the text is shorter by a BOM).
std::optional<std::string> read_text_file(const std::string& abs_path, const std::string& rel,
                                          unsigned long long max_bytes, Diagnostics& diags,
                                          unsigned long long* file_bytes = nullptr);
// The same into `text`, whose memory is reused (a worker reading page after page); false on error.
bool read_text_file(std::string& text, const std::string& abs_path, const std::string& rel,
                    unsigned long long max_bytes, Diagnostics& diags, unsigned long long* file_bytes = nullptr);

// Splits "---\nYAML\n---\nbody": returns the YAML text and the line where the body starts.
// The views are into the text given.
struct FrontMatter {
  std::string_view yaml;
  std::string_view body;
  size_t body_offset = 0;  // where the body starts in the text
  int yaml_line = 2;  // line of the file where the YAML starts
  int body_line = 1;
};
std::optional<FrontMatter> split_front_matter(std::string_view text);

// Parses a data block's YAML body into a DataBlock; errors go to diags.
std::optional<DataBlock> parse_data_block(std::string_view yaml, const SourcePos& at,
                                          Diagnostics& diags);

}  // namespace nastavnik

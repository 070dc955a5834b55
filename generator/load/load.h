// Load stage: reads a site folder (FORMAT.md) into the model, resolving every reference.
// Every problem becomes a diagnostic; loading goes on after errors so that one run reports all.
#pragma once
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
};

std::unique_ptr<Site> load_site(const LoadOptions& opts, Diagnostics& diags);

// Reads a text file of the site: size limit, UTF-8 check (error with the byte offset), BOM.
// `rel` is the site-relative name used in messages.
// `file_bytes`, when given, receives the size of the file (the text is shorter by a BOM).
std::optional<std::string> read_text_file(const std::string& abs_path, const std::string& rel,
                                          unsigned long long max_bytes, Diagnostics& diags,
                                          unsigned long long* file_bytes = nullptr);

// Splits "---\nYAML\n---\nbody": returns the YAML text and the line where the body starts.
struct FrontMatter {
  std::string yaml;
  std::string body;
  size_t body_offset = 0;  // where the body starts in the text
  int yaml_line = 2;  // line of the file where the YAML starts
  int body_line = 1;
};
std::optional<FrontMatter> split_front_matter(std::string_view text);

// Parses a data block's YAML body into a DataBlock; errors go to diags.
std::optional<DataBlock> parse_data_block(std::string_view yaml, const SourcePos& at,
                                          Diagnostics& diags);

}  // namespace nastavnik

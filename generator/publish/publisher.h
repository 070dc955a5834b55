// Publish stage: the only code that decides what lands in out/. Files go to a staging folder beside
// out/; only when the whole build succeeded is it swapped in, so a failed or interrupted build
// leaves the previous out/ as it was.
#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "render/output.h"

namespace nastavnik {

// The file-system operations the publisher needs; tests use MemoryFs.
class OutputFs {
 public:
  virtual ~OutputFs() = default;
  virtual bool write(const std::string& path, std::string_view data) = 0;
  // Appends to a file (manifest.json is written in parts: its text grows with the site).
  virtual bool append(const std::string& path, std::string_view data) = 0;
  virtual bool copy(const std::string& from, const std::string& to) = 0;
  // Makes a folder and its parents; a folder that exists is fine. Workers call it at once, for the
  // same folder too.
  virtual bool make_dirs(const std::string& path) = 0;
  virtual bool rename(const std::string& from, const std::string& to) = 0;
  virtual void remove_all(const std::string& path) = 0;
  virtual bool exists(const std::string& path) = 0;
  // Names of the entries of a folder (for stale staging folders); none by default.
  virtual std::vector<std::string> list(const std::string& dir) { (void)dir; return {}; }
  // Rebuilds: when `previous` (the file at the same place in the current out/) already holds
  // exactly these bytes, the file system may hard-link it to `path` instead of writing a copy.
  // The previous file is never modified, so out/ stays intact until the swap. Default: write.
  enum class Put { failed, written, linked };
  virtual Put write_or_link(const std::string& path, std::string_view data, const std::string& previous) {
    (void)previous;
    return write(path, data) ? Put::written : Put::failed;
  }
  virtual Put copy_or_link(const std::string& from, const std::string& to, const std::string& previous) {
    (void)previous;
    return copy(from, to) ? Put::written : Put::failed;
  }
};

std::unique_ptr<OutputFs> make_real_fs();
// Writes nothing and succeeds (`check` renders everything without writing).
std::unique_ptr<OutputFs> make_null_fs();
// Whether the process that named a staging folder is still running (kill(pid, 0)).
bool process_alive(long pid);

class MemoryFs : public OutputFs {
 public:
  bool write(const std::string& path, std::string_view data) override;
  bool append(const std::string& path, std::string_view data) override;
  bool copy(const std::string& from, const std::string& to) override;
  bool make_dirs(const std::string& path) override;
  bool rename(const std::string& from, const std::string& to) override;
  void remove_all(const std::string& path) override;
  bool exists(const std::string& path) override;
  std::vector<std::string> list(const std::string& dir) override;
  std::map<std::string, std::string> files;  // path → bytes
  std::map<std::string, std::string> sources;  // what copy() may read: path → bytes
};

struct ManifestEntry {
  std::string path, kind, org;
  std::vector<std::string> sources;
  unsigned long long size = 0;
};

class Publisher {
 public:
  Publisher(OutputFs& fs, std::string out_dir, std::string staging_suffix);
  ~Publisher();  // removes the staging folder unless committed
  // Removes folders left by killed builds (`<out>.staging-<pid>`, `<out>.old-<pid>` of a pid that
  // is not running; an old out/ whose swap was interrupted is put back first), then makes the
  // staging folder.
  bool begin(Diagnostics& diags);
  // Writes one output into the staging folder now (outputs are streamed, not held).
  // Two outputs with the same path are an error naming both sources.
  void add(OutputFile file, Diagnostics& diags);
  // Writes manifest.json into the staging folder in parts (manifest_parts), each handed to
  // `check` (the privacy gate) first: the manifest is built once for both. After the last add.
  bool write_manifest(Diagnostics& diags, const std::function<void(std::string_view)>& check);
  // Writes private/README.txt and manifest.json (unless write_manifest did), then swaps staging
  // and out/.
  bool commit(Diagnostics& diags);
  const std::string& staging_dir() const { return staging_; }
  // A folder for the renderers' temporary files (libxlsxwriter writes a workbook to a file):
  // `<staging>/tmp`, removed before the swap. A build killed mid-way leaves its files there, and the
  // next build removes them with the staging folder, instead of leaving them in /tmp.
  std::string scratch_dir() const { return staging_ + "/tmp"; }
  std::vector<ManifestEntry> manifest() const;
  // The text of manifest.json for the outputs added so far.
  std::string manifest_text() const;
  // The same text in parts of some hundred kilobytes, each ending after a whole entry (so that the
  // privacy gate and the writer never hold the manifest of a big site at once).
  void manifest_parts(const std::function<void(std::string_view)>& part) const;
  // How many outputs of each kind (page, pdf, xlsx, …) were added.
  std::map<std::string, size_t> kind_counts() const;
  // How many outputs were hard-linked from the previous out/ instead of written (rebuilds).
  size_t reused() const { return reused_; }

 private:
  OutputFs& fs_;
  std::string out_, staging_;
  bool begun_ = false, committed_ = false;
  bool manifest_written_ = false;  // write_manifest wrote it
  bool reuse_ = false;  // out/ holds a previous build whose unchanged files can be linked
  std::atomic<size_t> reused_{0};
  mutable std::mutex mutex_;
  // By path under out/; kind and organisation are stored once and referred to by number (a site
  // of thousands of schools has hundreds of thousands of entries).
  struct Entry {
    unsigned char kind = 0;
    unsigned org = 0;
    std::vector<std::string> sources;
    unsigned long long size = 0;
  };
  std::map<std::string, Entry> entries_;
  std::vector<std::string> kinds_, orgs_;
  unsigned intern(std::vector<std::string>& names, const std::string& name);
  ManifestEntry entry(const std::string& path, const Entry& e) const;
  std::set<std::string> dirs_;  // folders made (under mutex_)
  void ensure_parent(const std::string& path);  // makes the folder of `path` once
  void clean_stale();
};

// manifest.json: {"format": 1, "files": [{path, kind, org, sources, size}, …]}, indented by two.
std::string manifest_json(const std::vector<ManifestEntry>& entries);

}  // namespace nastavnik

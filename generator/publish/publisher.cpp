#include "publish/publisher.h"

#include "core/parallel.h"
#include "core/text.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>

namespace fs = std::filesystem;

namespace nastavnik {

namespace {

// Whether the file at `path` holds exactly `size` bytes equal to what `next` hands out.
template <class Next>
bool same_bytes(const std::string& path, unsigned long long size, Next next) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<unsigned long long>(st.st_size) != size)
    return false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buf[1 << 16];
  unsigned long long done = 0;
  bool same = true;
  while (same) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    same = done + static_cast<unsigned long long>(n) <= size && next(buf, static_cast<size_t>(n), done);
    done += static_cast<unsigned long long>(n);
  }
  ::close(fd);
  return same && done == size;
}

class RealFs : public OutputFs {
 public:
  static bool write_all(int fd, std::string_view data) {
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
      ssize_t n = ::write(fd, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      p += n;
      left -= static_cast<size_t>(n);
    }
    return true;
  }
  bool write(const std::string& path, std::string_view data) override {
    const size_t slash = path.rfind('/');
    std::shared_ptr<const Folder> folder = slash == std::string::npos ? nullptr : folders_.open(std::string_view(path).substr(0, slash));
    int fd = folder ? ::openat(folder->fd, path.c_str() + slash + 1, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)
                    : ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    bool ok = write_all(fd, data);
    return ::close(fd) == 0 && ok;
  }
  bool append(const std::string& path, std::string_view data) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    bool ok = write_all(fd, data);
    return ::close(fd) == 0 && ok;
  }
  Put write_or_link(const std::string& path, std::string_view data, const std::string& previous) override {
    bool same = same_bytes(previous, data.size(), [&](const char* buf, size_t n, unsigned long long at) {
      return std::memcmp(buf, data.data() + at, n) == 0;
    });
    if (same && ::link(previous.c_str(), path.c_str()) == 0) return Put::linked;
    return write(path, data) ? Put::written : Put::failed;
  }
  Put copy_or_link(const std::string& from, const std::string& to, const std::string& previous) override {
    std::error_code ec;
    auto size = fs::file_size(from, ec);
    if (!ec && size <= (64u << 20)) {  // through memory only what is reasonably small
      std::ifstream in(from, std::ios::binary);
      std::string data(size, '\0');
      if (in.read(data.data(), static_cast<std::streamsize>(size))) return write_or_link(to, data, previous);
    }
    return copy(from, to) ? Put::written : Put::failed;
  }
  bool copy(const std::string& from, const std::string& to) override {
    std::error_code ec;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    return !ec;
  }
  // mkdir first: the parent almost always exists (the publisher creates each folder once, parents
  // first), so one system call instead of create_directories' stat of every component.
  bool make_dirs(const std::string& path) override {
    if (::mkdir(path.c_str(), 0755) == 0) return true;
    if (errno == EEXIST) {
      struct stat st;
      return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    }
    if (errno != ENOENT) return false;
    std::error_code ec;
    fs::create_directories(path, ec);
    return !ec;
  }
  bool rename(const std::string& from, const std::string& to) override {
    folders_.clear();  // a folder open under one of these names would now be another
    std::error_code ec;
    fs::rename(from, to, ec);
    return !ec;
  }
  // The folders three levels down (out/site/schools/<id>, …) are removed in parallel: a rebuild
  // removes the previous out/ (thousands of names) after putting the new one in its place.
  void remove_all(const std::string& path) override {
    folders_.clear();
    std::error_code ec;
    std::vector<fs::path> parts;
    auto subdirs = [&](const fs::path& dir, auto&& each) {
      for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (it->is_directory(ec) && !it->is_symlink(ec)) each(it->path());
    };
    subdirs(path, [&](const fs::path& a) {
      subdirs(a, [&](const fs::path& b) { subdirs(b, [&](const fs::path& c) { parts.push_back(c); }); });
    });
    parallel_for(parts.size(), 0, [&](size_t i) {
      std::error_code e;
      fs::remove_all(parts[i], e);
    });
    fs::remove_all(path, ec);
  }
  bool exists(const std::string& path) override {
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec));
  }
  std::vector<std::string> list(const std::string& dir) override {
    std::vector<std::string> names;
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      names.push_back(it->path().filename().string());
    return names;
  }

 private:
  // The folders written into last, open (O_PATH) so that a file is created by its name in its
  // folder (openat) and not by a path the kernel walks part by part from the root: nine parts for
  // out.staging-…/site/schools/<id>/news/x.html, a tenth of the system time of writing a site.
  // An organisation writes into a handful of folders one after another, so a few dozen are
  // enough. A folder is shared: a worker may still create a file in it after it has left the list.
  struct Folder {
    int fd;
    explicit Folder(int f) : fd(f) {}
    ~Folder() { ::close(fd); }
    Folder(const Folder&) = delete;
    Folder& operator=(const Folder&) = delete;
  };
  class Folders {
   public:
    // The folder at `path`, opened if it is not in the list; nullptr if it cannot be.
    std::shared_ptr<const Folder> open(std::string_view path) {
      unsigned long long generation;
      {
        std::lock_guard lock(mutex_);
        for (const auto& [p, f] : list_)
          if (p == path) return f;
        generation = generation_;
      }
      int fd = ::open(std::string(path).c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0) return nullptr;
      auto folder = std::make_shared<const Folder>(fd);
      std::lock_guard lock(mutex_);
      if (generation != generation_) return folder;  // cleared meanwhile: this one may be stale
      list_.emplace_front(path, folder);  // the newest first: most files go where the last ones went
      if (list_.size() > kKept) list_.pop_back();
      return folder;
    }
    void clear() {
      std::lock_guard lock(mutex_);
      list_.clear();
      ++generation_;
    }

   private:
    static constexpr size_t kKept = 32;
    std::mutex mutex_;
    std::deque<std::pair<std::string, std::shared_ptr<const Folder>>> list_;
    unsigned long long generation_ = 0;  // clear() calls
  };
  Folders folders_;
};

class NullFs : public OutputFs {
 public:
  bool write(const std::string&, std::string_view) override { return true; }
  bool append(const std::string&, std::string_view) override { return true; }
  bool copy(const std::string&, const std::string&) override { return true; }
  bool make_dirs(const std::string&) override { return true; }
  bool rename(const std::string&, const std::string&) override { return true; }
  void remove_all(const std::string&) override {}
  bool exists(const std::string&) override { return false; }
};

const char* kPrivateReadme =
    "Папка private/ — служебные файлы с персональными данными (152-ФЗ)\n"
    "==============================================================\n\n"
    "Здесь лежат базы наставников и наставляемых (XLSX) с контактами, запросами,\n"
    "результатами и другими персональными данными участников.\n\n"
    "НЕ ПУБЛИКУЙТЕ эту папку на сайте и не передавайте её третьим лицам.\n"
    "Для публикации предназначена только папка site/.\n";

}  // namespace

std::unique_ptr<OutputFs> make_real_fs() { return std::make_unique<RealFs>(); }
std::unique_ptr<OutputFs> make_null_fs() { return std::make_unique<NullFs>(); }

bool process_alive(long pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

bool MemoryFs::write(const std::string& path, std::string_view data) {
  files[path] = std::string(data);
  return true;
}
bool MemoryFs::append(const std::string& path, std::string_view data) {
  files[path] += data;
  return true;
}
bool MemoryFs::copy(const std::string& from, const std::string& to) {
  auto it = sources.find(from);
  if (it == sources.end()) return false;
  files[to] = it->second;
  return true;
}
bool MemoryFs::make_dirs(const std::string&) { return true; }
bool MemoryFs::rename(const std::string& from, const std::string& to) {
  std::map<std::string, std::string> moved;
  for (auto it = files.begin(); it != files.end();) {
    if (it->first == from || it->first.starts_with(from + "/")) {
      moved[to + it->first.substr(from.size())] = std::move(it->second);
      it = files.erase(it);
    } else {
      ++it;
    }
  }
  if (moved.empty()) return false;
  files.merge(moved);
  return true;
}
void MemoryFs::remove_all(const std::string& path) {
  for (auto it = files.begin(); it != files.end();)
    it = (it->first == path || it->first.starts_with(path + "/")) ? files.erase(it) : std::next(it);
}
std::vector<std::string> MemoryFs::list(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& [p, _] : files)
    if (p.starts_with(dir + "/")) names.insert(p.substr(dir.size() + 1, p.find('/', dir.size() + 1) - dir.size() - 1));
  return {names.begin(), names.end()};
}
bool MemoryFs::exists(const std::string& path) {
  for (const auto& [p, _] : files)
    if (p == path || p.starts_with(path + "/")) return true;
  return false;
}

Publisher::Publisher(OutputFs& fs, std::string out_dir, std::string staging_suffix)
    : fs_(fs), out_(std::move(out_dir)) {
  while (out_.size() > 1 && out_.back() == '/') out_.pop_back();
  staging_ = out_ + ".staging-" + staging_suffix;
}

Publisher::~Publisher() {
  if (begun_ && !committed_) fs_.remove_all(staging_);
}

void Publisher::clean_stale() {
  auto slash = out_.rfind('/');
  std::string parent = slash == std::string::npos ? "." : slash == 0 ? "/" : out_.substr(0, slash);
  std::string base = slash == std::string::npos ? out_ : out_.substr(slash + 1);
  std::string dir_prefix = slash == std::string::npos ? "" : out_.substr(0, slash + 1);
  // The pid of a folder named <base><tag><digits>, or -1.
  auto pid_of = [&](const std::string& name, const std::string& tag) -> long {
    std::string head = base + tag;
    if (!name.starts_with(head) || name.size() == head.size() || name.size() - head.size() > 9) return -1;
    for (size_t i = head.size(); i < name.size(); ++i)
      if (name[i] < '0' || name[i] > '9') return -1;
    return std::stol(name.substr(head.size()));
  };
  std::string own_pid = staging_.substr(staging_.rfind('-') + 1);
  for (const std::string& name : fs_.list(parent)) {
    long pid = pid_of(name, ".staging-");
    bool old = false;
    if (pid < 0) {
      pid = pid_of(name, ".old-");
      old = true;
    }
    if (pid < 0 || std::to_string(pid) == own_pid || process_alive(pid)) continue;
    std::string path = dir_prefix + name;
    // A build killed between its two renames left out/ as <out>.old-<pid>: put it back.
    if (old && !fs_.exists(out_) && fs_.rename(path, out_)) continue;
    fs_.remove_all(path);
  }
}

bool Publisher::begin(Diagnostics& diags) {
  clean_stale();
  fs_.remove_all(staging_);
  if (!fs_.make_dirs(staging_ + "/site") || !fs_.make_dirs(staging_ + "/private") || !fs_.make_dirs(scratch_dir())) {
    diags.error({out_, 0, 0}, "не удалось создать временную папку сборки " + staging_);
    return false;
  }
  begun_ = true;
  reuse_ = fs_.exists(out_ + "/manifest.json");
  return true;
}

void Publisher::ensure_parent(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return;
  std::string dir = path.substr(0, slash);
  {
    std::lock_guard lock(mutex_);
    if (dirs_.count(dir)) return;
  }
  // Outside the lock (a mkdir under it kept the other workers waiting): two workers may make the
  // same folder at once, which make_dirs allows.
  fs_.make_dirs(dir);
  std::lock_guard lock(mutex_);
  dirs_.insert(std::move(dir));
}

void Publisher::add(OutputFile file, Diagnostics& diags) {
  std::string rel = (file.area == OutputFile::Area::site ? "site/" : "private/") + file.path;
  std::string target = staging_ + "/" + rel;
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(rel); it != entries_.end()) {
      std::string a = it->second.sources.empty() ? "?" : it->second.sources.front();
      std::string b = file.sources.empty() ? "?" : file.sources.front();
      diags.error({b, 0, 0}, "два источника пишут один и тот же файл out/" + rel + ": " + a +
                                 " и " + b);
      return;
    }
    Entry e{static_cast<unsigned char>(intern(kinds_, file.kind)), intern(orgs_, file.org), file.sources,
            file.copy_from.empty() ? file.content.size() : 0};
    entries_.emplace(rel, std::move(e));
  }
  ensure_parent(target);
  using Put = OutputFs::Put;
  Put put;
  if (reuse_) {
    std::string previous = out_ + "/" + rel;
    put = file.copy_from.empty() ? fs_.write_or_link(target, file.content, previous)
                                 : fs_.copy_or_link(file.copy_from, target, previous);
  } else {
    bool ok = file.copy_from.empty() ? fs_.write(target, file.content) : fs_.copy(file.copy_from, target);
    put = ok ? Put::written : Put::failed;
  }
  if (put == Put::failed) diags.error({rel, 0, 0}, "не удалось записать файл " + target);
  if (put == Put::linked) ++reused_;
  if (!file.copy_from.empty()) {
    std::error_code ec;
    auto size = fs::file_size(file.copy_from, ec);
    std::lock_guard lock(mutex_);
    entries_[rel].size = ec ? 0 : size;
  }
}

unsigned Publisher::intern(std::vector<std::string>& names, const std::string& name) {
  // Few distinct names (kinds; organisations arrive one after another): the last ones first.
  for (size_t i = names.size(); i-- > 0;)
    if (names[i] == name) return static_cast<unsigned>(i);
  names.push_back(name);
  return static_cast<unsigned>(names.size() - 1);
}

ManifestEntry Publisher::entry(const std::string& path, const Entry& e) const {
  return {path, kinds_[e.kind], orgs_[e.org], e.sources, e.size};
}

std::vector<ManifestEntry> Publisher::manifest() const {
  std::lock_guard lock(mutex_);
  std::vector<ManifestEntry> v;
  for (const auto& [path, e] : entries_) v.push_back(entry(path, e));
  return v;
}

namespace {
// One entry of manifest.json, as nlohmann::ordered_json::dump(2) lays it out inside "files".
void append_entry(std::string& out, const ManifestEntry& e) {
  // Appended in place: with a string per value and per "+", 7,000 entries were 70,000 strings.
  out += "    {\n      \"path\": ";
  append_json_string(out, e.path);
  out += ",\n      \"kind\": ";
  append_json_string(out, e.kind);
  out += ",\n      \"org\": ";
  append_json_string(out, e.org);
  out += ",\n      \"sources\": ";
  if (e.sources.empty()) {
    out += "[]";
  } else {
    out += "[\n";
    for (size_t i = 0; i < e.sources.size(); ++i) {
      out += "        ";
      append_json_string(out, e.sources[i]);
      out += i + 1 < e.sources.size() ? ",\n" : "\n";
    }
    out += "      ]";
  }
  out += ",\n      \"size\": ";
  char num[24];
  out.append(num, static_cast<size_t>(std::to_chars(num, num + sizeof num, e.size).ptr - num));
  out += "\n    }";
}
std::string manifest_head(bool empty) { return empty ? "{\n  \"format\": 1,\n  \"files\": []\n}\n" : "{\n  \"format\": 1,\n  \"files\": [\n"; }
const char* kManifestTail = "\n  ]\n}\n";
}  // namespace

// Written by hand, entry by entry, rather than through a JSON document of the whole site (which
// took several times the memory of the text); the same bytes as ordered_json::dump(2) + "\n".
std::string manifest_json(const std::vector<ManifestEntry>& entries) {
  if (entries.empty()) return manifest_head(true);
  std::string out = manifest_head(false);
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i) out += ",\n";
    append_entry(out, entries[i]);
  }
  return out + kManifestTail;
}

void Publisher::manifest_parts(const std::function<void(std::string_view)>& part) const {
  std::lock_guard lock(mutex_);
  if (entries_.empty()) {
    part(manifest_head(true));
    return;
  }
  std::string out = manifest_head(false);
  bool first = true;
  for (const auto& [path, e] : entries_) {
    if (!first) out += ",\n";
    first = false;
    append_entry(out, entry(path, e));
    if (out.size() >= (256u << 10)) {
      part(out);
      out.clear();
    }
  }
  part(out + kManifestTail);
}

std::string Publisher::manifest_text() const {
  std::string text;
  manifest_parts([&](std::string_view part) { text += part; });
  return text;
}

std::map<std::string, size_t> Publisher::kind_counts() const {
  std::lock_guard lock(mutex_);
  std::map<std::string, size_t> counts;
  for (const auto& [_, e] : entries_) ++counts[kinds_[e.kind]];
  return counts;
}

bool Publisher::write_manifest(Diagnostics& diags, const std::function<void(std::string_view)>& check) {
  bool ok = fs_.write(staging_ + "/manifest.json", "");
  manifest_parts([&](std::string_view part) {
    check(part);
    ok = ok && fs_.append(staging_ + "/manifest.json", part);
  });
  if (!ok) diags.error({out_, 0, 0}, "не удалось записать manifest.json во временную папку " + staging_);
  manifest_written_ = ok;
  return ok;
}

bool Publisher::commit(Diagnostics& diags) {
  if (!begun_) return false;
  fs_.remove_all(scratch_dir());  // empty: every temporary file is removed by its renderer
  if (!fs_.write(staging_ + "/private/README.txt", kPrivateReadme)) {
    diags.error({out_, 0, 0}, "не удалось записать private/README.txt во временную папку " + staging_);
    return false;
  }
  if (!manifest_written_ && !write_manifest(diags, [](std::string_view) {})) return false;
  std::string old = out_ + ".old-" + staging_.substr(staging_.rfind('-') + 1);
  bool had_old = fs_.exists(out_);
  if (had_old && !fs_.rename(out_, old)) {
    diags.error({out_, 0, 0}, "не удалось заменить папку результата " + out_);
    return false;
  }
  if (!fs_.rename(staging_, out_)) {
    if (had_old) fs_.rename(old, out_);
    diags.error({out_, 0, 0}, "не удалось переместить результат в " + out_);
    return false;
  }
  committed_ = true;
  if (had_old) fs_.remove_all(old);
  return true;
}

}  // namespace nastavnik

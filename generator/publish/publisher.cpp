#include "publish/publisher.h"

#include <nlohmann/json.hpp>

#include <signal.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace nastavnik {

namespace {

class RealFs : public OutputFs {
 public:
  bool write(const std::string& path, std::string_view data) override {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    return static_cast<bool>(out);
  }
  bool copy(const std::string& from, const std::string& to) override {
    std::error_code ec;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    return !ec;
  }
  bool make_dirs(const std::string& path) override {
    std::error_code ec;
    fs::create_directories(path, ec);
    return !ec;
  }
  bool rename(const std::string& from, const std::string& to) override {
    std::error_code ec;
    fs::rename(from, to, ec);
    return !ec;
  }
  void remove_all(const std::string& path) override {
    std::error_code ec;
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
};

class NullFs : public OutputFs {
 public:
  bool write(const std::string&, std::string_view) override { return true; }
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
  if (!fs_.make_dirs(staging_ + "/site") || !fs_.make_dirs(staging_ + "/private")) {
    diags.error({out_, 0, 0}, "не удалось создать временную папку сборки " + staging_);
    return false;
  }
  begun_ = true;
  return true;
}

void Publisher::ensure_parent(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return;
  std::string dir = path.substr(0, slash);
  if (dirs_.count(dir)) return;
  fs_.make_dirs(dir);
  dirs_[dir] = true;
}

void Publisher::add(OutputFile file, Diagnostics& diags) {
  std::string rel = (file.area == OutputFile::Area::site ? "site/" : "private/") + file.path;
  ManifestEntry e{rel, file.kind, file.org, file.sources,
                  file.copy_from.empty() ? file.content.size() : 0};
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
    entries_[rel] = e;
    ensure_parent(target);
  }
  bool ok = file.copy_from.empty() ? fs_.write(target, file.content) : fs_.copy(file.copy_from, target);
  if (!ok) diags.error({rel, 0, 0}, "не удалось записать файл " + target);
  if (!file.copy_from.empty()) {
    std::error_code ec;
    auto size = fs::file_size(file.copy_from, ec);
    std::lock_guard lock(mutex_);
    entries_[rel].size = ec ? 0 : size;
  }
}

std::vector<ManifestEntry> Publisher::manifest() const {
  std::lock_guard lock(mutex_);
  std::vector<ManifestEntry> v;
  for (const auto& [_, e] : entries_) v.push_back(e);
  return v;
}

std::string manifest_json(const std::vector<ManifestEntry>& entries) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& e : entries) {
    nlohmann::ordered_json f;
    f["path"] = e.path;
    f["kind"] = e.kind;
    f["org"] = e.org;
    f["sources"] = e.sources;
    f["size"] = e.size;
    files.push_back(std::move(f));
  }
  nlohmann::ordered_json doc;
  doc["format"] = 1;
  doc["files"] = std::move(files);
  return doc.dump(2) + "\n";
}

bool Publisher::commit(Diagnostics& diags) {
  if (!begun_) return false;
  fs_.write(staging_ + "/private/README.txt", kPrivateReadme);
  fs_.write(staging_ + "/manifest.json", manifest_json(manifest()));
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

// Diagnostics: every problem in user input, with its place, in Russian, collected over one run.
#pragma once
#include <compare>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace nastavnik {

enum class Severity { warning, error };

// A file's path relative to the site folder, with '/' separators. Copies share one string: every
// value parsed from a file carries its place (a people.json of thirty people has a thousand), and
// a copy of a path longer than the short-string buffer was an allocation each.
class FileName {
 public:
  FileName() = default;
  FileName(std::string path) : path_(path.empty() ? nullptr : std::make_shared<const std::string>(std::move(path))) {}
  FileName(const char* path) : FileName(std::string(path)) {}
  const std::string& str() const { return path_ ? *path_ : kEmpty; }
  operator const std::string&() const { return str(); }
  bool empty() const { return !path_ || path_->empty(); }
  friend bool operator==(const FileName& a, const FileName& b) { return a.path_ == b.path_ || a.str() == b.str(); }
  friend std::strong_ordering operator<=>(const FileName& a, const FileName& b) { return a.str() <=> b.str(); }
  friend bool operator==(const FileName& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const char* b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const std::string& b) { return a.str() == b; }

 private:
  static inline const std::string kEmpty;
  std::shared_ptr<const std::string> path_;
};

// A place in a source file; line and column are 1-based, 0 means unknown.
struct SourcePos {
  FileName file;
  int line = 0;
  int col = 0;
};

struct Diagnostic {
  Severity severity = Severity::error;
  SourcePos pos;
  std::string message;  // Russian, without the place and without a trailing period
};

// "file:line:col: ошибка: message" — the one format of a diagnostic for people.
std::string format_diagnostic(const Diagnostic& d);

// Collects diagnostics from all stages (thread-safe: renderers run in parallel).
class Diagnostics {
 public:
  void error(SourcePos pos, std::string message);
  void warning(SourcePos pos, std::string message);
  void add(Diagnostic d);

  bool has_errors() const;
  size_t error_count() const;
  size_t warning_count() const;
  // Sorted by file, line, column, then message: the order of a run does not depend on threads.
  std::vector<Diagnostic> sorted() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> items_;
};

}  // namespace nastavnik

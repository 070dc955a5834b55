// Diagnostics: every problem in user input, with its place, in Russian, collected over one run.
#pragma once
#include <mutex>
#include <string>
#include <vector>

namespace nastavnik {

enum class Severity { warning, error };

// A place in a source file; line and column are 1-based, 0 means unknown.
struct SourcePos {
  std::string file;  // path relative to the site folder, with '/' separators
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

#include "core/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace nastavnik {

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  if (!d.pos.file.empty()) {
    out += d.pos.file;
    if (d.pos.line > 0) {
      out += ':' + std::to_string(d.pos.line);
      if (d.pos.col > 0) out += ':' + std::to_string(d.pos.col);
    }
    out += ": ";
  }
  out += d.severity == Severity::error ? "ошибка: " : "предупреждение: ";
  out += d.message;
  return out;
}

void Diagnostics::error(SourcePos pos, std::string message) {
  add({Severity::error, std::move(pos), std::move(message)});
}
void Diagnostics::warning(SourcePos pos, std::string message) {
  add({Severity::warning, std::move(pos), std::move(message)});
}
void Diagnostics::add(Diagnostic d) {
  std::lock_guard lock(mutex_);
  items_.push_back(std::move(d));
}
bool Diagnostics::has_errors() const { return error_count() > 0; }
size_t Diagnostics::error_count() const {
  std::lock_guard lock(mutex_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}
size_t Diagnostics::warning_count() const {
  std::lock_guard lock(mutex_);
  return items_.size() -
         std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}
std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> v;
  {
    std::lock_guard lock(mutex_);
    v = items_;
  }
  std::stable_sort(v.begin(), v.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.pos.file, a.pos.line, a.pos.col, a.message) <
           std::tie(b.pos.file, b.pos.line, b.pos.col, b.message);
  });
  v.erase(std::unique(v.begin(), v.end(),
                      [](const Diagnostic& a, const Diagnostic& b) {
                        return a.pos.file == b.pos.file && a.pos.line == b.pos.line &&
                               a.pos.col == b.pos.col && a.message == b.message;
                      }),
          v.end());
  return v;
}

}  // namespace nastavnik

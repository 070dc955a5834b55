#include "model/styles.h"

namespace nastavnik {

const std::vector<std::string>& document_style_names() {
  static const std::vector<std::string> names = {"order", "document", "program", "report", "roadmap"};
  return names;
}

const DocumentStyle& Styles::document(const std::string& name) const {
  static const DocumentStyle fallback;
  auto it = documents.find(name);
  return it == documents.end() ? fallback : it->second;
}

}  // namespace nastavnik

#include "render/html/urls.h"

#include <algorithm>

namespace nastavnik {

std::string root_prefix(const std::string& from_url) {
  std::string p;
  for (char c : from_url)
    if (c == '/') p += "../";
  return p;
}

std::string relative_url(const std::string& from_url, const std::string& to_url) {
  // Common directory prefix.
  size_t common = 0;
  for (size_t i = 0; i < std::min(from_url.size(), to_url.size()); ++i) {
    if (from_url[i] != to_url[i]) break;
    if (from_url[i] == '/') common = i + 1;
  }
  std::string up;
  for (size_t i = common; i < from_url.size(); ++i)
    if (from_url[i] == '/') up += "../";
  std::string rest = to_url.substr(common);
  return up + rest;
}

}  // namespace nastavnik

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

std::string tel_uri(const std::string& phone) {
  std::string digits;
  bool plus = false;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c == '+' && digits.empty()) plus = true;
    else if (c == ',' || c == ';') break;  // «…, доб. 12» or a second number: the first one only
  }
  if (digits.size() < 5) return {};
  if (!plus && digits.size() == 11 && digits[0] == '8') digits[0] = '7', plus = true;
  else if (!plus && digits.size() == 11 && digits[0] == '7') plus = true;
  return "tel:" + std::string(plus ? "+" : "") + digits;
}

}  // namespace nastavnik

#include "render/html/urls.h"

#include <algorithm>

#include "core/text.h"

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
  size_t up = 0;
  for (size_t i = common; i < from_url.size(); ++i) up += from_url[i] == '/';
  std::string url;
  url.reserve(3 * up + to_url.size() - common);
  for (size_t i = 0; i < up; ++i) url += "../";
  url.append(to_url, common, std::string::npos);
  return url;
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

std::vector<std::pair<std::string, std::string>> sitemap_files(const std::string& base_url, const std::string& lastmod,
                                                               const std::vector<std::string>& urls, size_t per_file) {
  const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  const std::string ns = " xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  per_file = std::max<size_t>(per_file, 1);
  size_t parts = urls.size() <= per_file ? 1 : (urls.size() + per_file - 1) / per_file;
  std::vector<std::pair<std::string, std::string>> files;
  std::string index = head + "<sitemapindex" + ns;
  for (size_t part = 0; part < parts; ++part) {
    std::string sm = head + "<urlset" + ns;
    const size_t first = part * per_file, last = std::min(urls.size(), (part + 1) * per_file);
    sm.reserve(sm.size() + (last - first) * (base_url.size() + lastmod.size() + 80));
    std::string loc;  // appended in place: six strings a URL were most of the sitemap's time
    for (size_t i = first; i < last; ++i) {
      const std::string& u = urls[i];
      loc.assign(base_url);
      if (u != "index.html") loc += u;
      sm += "  <url><loc>";
      append_xml_escaped(sm, loc);
      sm += "</loc><lastmod>";
      sm += lastmod;
      sm += "</lastmod></url>\n";
    }
    sm += "</urlset>\n";
    if (parts == 1) {
      files.emplace_back("sitemap.xml", std::move(sm));
      return files;
    }
    std::string name = "sitemap-" + std::to_string(part + 1) + ".xml";
    index += "  <sitemap><loc>" + xml_escape(base_url + name) + "</loc><lastmod>" + lastmod + "</lastmod></sitemap>\n";
    files.emplace_back(std::move(name), std::move(sm));
  }
  files.emplace_back("sitemap.xml", index + "</sitemapindex>\n");
  return files;
}

}  // namespace nastavnik

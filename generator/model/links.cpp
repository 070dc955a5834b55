#include "model/links.h"

#include <regex>

#include "core/text.h"

namespace nastavnik {

LinkTarget classify_link(const std::string& raw) {
  std::string url(trim(raw));
  LinkTarget t;
  if (url.empty()) { t.kind = LinkTarget::Kind::anchor; return t; }
  if (url[0] == '#') { t.kind = LinkTarget::Kind::anchor; t.fragment = url.substr(1); return t; }
  // Scheme: letters, digits, + - . before the first ':' (and before any '/').
  std::string lower;
  for (char c : url) {
    if (c == '\t' || c == '\n' || c == '\r' || c == ' ') continue;  // "java\tscript:" tricks
    lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  size_t colon = lower.find(':');
  size_t slash = lower.find_first_of("/?#");
  if (colon != std::string::npos && (slash == std::string::npos || colon < slash)) {
    std::string scheme = lower.substr(0, colon);
    if (scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel") {
      t.kind = LinkTarget::Kind::external;
      return t;
    }
    t.kind = LinkTarget::Kind::dangerous;
    return t;
  }
  if (url.starts_with("//")) { t.kind = LinkTarget::Kind::external; return t; }
  if (url[0] == '/') { t.kind = LinkTarget::Kind::absolute; t.path = url; return t; }
  t.kind = LinkTarget::Kind::relative;
  size_t cut = url.find_first_of("?#");
  t.path = url.substr(0, cut);
  if (cut != std::string::npos && url[cut] == '#') t.fragment = url.substr(cut + 1);
  return t;
}

std::optional<std::string> video_embed_url(const std::string& url) {
  static const std::regex kRutube(R"(^https://(www\.)?rutube\.ru/(video|play/embed)/([0-9a-f]{32})/?$)");
  static const std::regex kYoutube(
      R"(^https://(www\.)?(youtube\.com/watch\?v=|youtube\.com/embed/|youtu\.be/)([A-Za-z0-9_-]{11})$)");
  static const std::regex kVk(R"(^https://(www\.)?(vk\.com|vkvideo\.ru)/video(-?[0-9]+)_([0-9]+)/?$)");
  std::smatch m;
  if (std::regex_match(url, m, kRutube)) return "https://rutube.ru/play/embed/" + m[3].str();
  if (std::regex_match(url, m, kYoutube)) return "https://www.youtube-nocookie.com/embed/" + m[3].str();
  if (std::regex_match(url, m, kVk))
    return "https://vk.com/video_ext.php?oid=" + m[3].str() + "&id=" + m[4].str();
  return std::nullopt;
}

}  // namespace nastavnik

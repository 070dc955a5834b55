// What a link written in Markdown points to, and which video hosts may be embedded.
#pragma once
#include <optional>
#include <string>

namespace nastavnik {

struct LinkTarget {
  enum class Kind {
    external,   // http(s), mailto, tel
    anchor,     // #part
    relative,   // a file of the site, relative to the page: path (without #fragment / ?query)
    absolute,   // /path: breaks on sub-paths and file://, kept as written
    dangerous,  // javascript:, vbscript:, data:, file: and unknown schemes: dropped
  };
  Kind kind = Kind::external;
  std::string path, fragment;
};
LinkTarget classify_link(const std::string& url);

// The player address for an allowed video host (rutube.ru, vk.com/vkvideo.ru, youtube.com,
// youtu.be), or nullopt when the host is not allowed or the address is not a video.
std::optional<std::string> video_embed_url(const std::string& url);

}  // namespace nastavnik

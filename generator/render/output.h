// What a renderer produces: files for the publisher, never written by the renderer itself.
#pragma once
#include <string>
#include <vector>

namespace nastavnik {

struct OutputFile {
  enum class Area { site, private_ };  // out/site/ (public) or out/private/ (personal data)
  Area area = Area::site;
  std::string path;         // relative to the area: orders/x.html
  std::string kind;         // page, asset, attachment, pdf, xlsx, feed, sitemap, signature, index
  std::string content;      // the bytes, when in memory
  std::string copy_from;    // or an absolute source path to copy (attachments)
  std::vector<std::string> sources;  // site-relative source files
  std::string org;          // organisation id ("" for the site's own)
  bool check_privacy = true;  // public text that the privacy gate scans
  std::string gate_text;      // for binary formats (PDF, XLSX): the text they contain, for the gate
};

using Outputs = std::vector<OutputFile>;

}  // namespace nastavnik

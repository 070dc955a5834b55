// Markdown of a page to safe HTML: raw HTML dropped, dangerous links removed, links to pages and
// attachments rewritten relative to the page, Russian typography, data blocks inserted.
#pragma once
#include <map>
#include <string>

#include "model/model.h"
#include "render/html/blocks.h"

namespace nastavnik::html {

struct LinkIndex {
  std::map<std::string, std::string> page_url;         // site-relative .md file → web path
  std::map<std::string, const Attachment*> attachment;  // site-relative file → attachment
};

// A link's label for an attachment: «PDF, 240 КБ».
std::string file_label(const std::string& path, unsigned long long size);

// `body`: the page's Markdown (model/markdown.h: page_body).
std::string markdown_to_html(const Page& page, std::string_view body, const BlockContext& ctx,
                             const LinkIndex& links);

}  // namespace nastavnik::html

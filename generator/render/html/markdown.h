// Markdown of a page to safe HTML: raw HTML dropped, dangerous links removed, links to pages and
// attachments rewritten relative to the page, Russian typography, data blocks inserted.
#pragma once
#include <map>
#include <string>

#include "model/model.h"
#include "render/html/blocks.h"

namespace nastavnik::html {

// Site-relative file (a page's .md, an attachment) → where it is published (model.h: Site::links).
using LinkIndex = std::unordered_map<std::string, LinkDest>;

// A link's label for an attachment: «PDF, 240 КБ».
std::string file_label(const std::string& path, unsigned long long size);

// `body`: the page's Markdown (model/markdown.h: page_body).
std::string markdown_to_html(const Page& page, std::string_view body, const BlockContext& ctx,
                             const LinkIndex& links);

}  // namespace nastavnik::html

// Page bodies: the model keeps the Markdown text of the pages only up to a budget (on a big site
// the texts are the largest part of it: LoadOptions::kept_body_bytes). For the others loading
// records where the body lies in its file, and a renderer reads it when it renders that page, so
// memory is bounded by the budget and what one worker renders, not by the site.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "model/model.h"

struct cmark_node;
struct cmark_parser;
struct _cmark_llist;

namespace nastavnik {

// The Markdown body of a page as loading saw it: the kept one (Page::body), else read from its
// file. When the file has changed since (a page edited during the build: its size or its UTF-8 no
// longer match) it is an error, and the body is empty.
std::string page_body(const Site& site, const Page& page, Diagnostics& diags);
// The same without a report (nullopt when changed): for renderers without diagnostics at hand.
std::optional<std::string> read_page_body(const Site& site, const Page& page);

// A parsed Markdown document with the GFM extensions the site format uses (tables,
// strikethrough, autolinks): one set-up for loading, the HTML and the PDF renderers.
class MarkdownDoc {
 public:
  explicit MarkdownDoc(std::string_view text);
  ~MarkdownDoc();
  MarkdownDoc(const MarkdownDoc&) = delete;
  MarkdownDoc& operator=(const MarkdownDoc&) = delete;
  cmark_node* root() const { return doc_; }
  _cmark_llist* extensions() const;  // for cmark_render_html

 private:
  cmark_parser* parser_ = nullptr;
  cmark_node* doc_ = nullptr;
};

}  // namespace nastavnik

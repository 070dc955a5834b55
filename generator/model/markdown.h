// Page bodies: the model keeps the Markdown text of the pages only up to a budget (on a big site
// the texts are the largest part of it: LoadOptions::kept_body_bytes). For the others loading
// records where the body lies in its file, and a renderer reads it when it renders that page, so
// memory is bounded by the budget and what one worker renders, not by the site.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

struct cmark_node;
struct cmark_parser;
struct cmark_mem;
struct _cmark_llist;

namespace nastavnik {

// The Markdown body of a page as loading saw it: the kept one (Page::body), else read from its
// file. When the file has changed since (a page edited during the build: its size or its UTF-8 no
// longer match) it is an error, and the body is empty. A kept body is not copied: text() views
// Page::body, valid while the page lives.
class PageBody {
 public:
  std::string_view text() const { return read_ ? std::string_view(owned_) : kept_; }

 private:
  friend PageBody page_body(const Site&, const Page&, Diagnostics&);
  std::string_view kept_;  // Page::body, not copied
  std::string owned_;      // read from the file
  bool read_ = false;
};
PageBody page_body(const Site& site, const Page& page, Diagnostics& diags);
// The same without a report (nullopt when changed): for renderers without diagnostics at hand.
std::optional<std::string> read_page_body(const Site& site, const Page& page);

// The memory of Markdown documents: cmark-gfm allocates each node, literal and buffer on its own
// (a page: thousands of allocations), and they all die with the document, so they come from
// blocks of this arena, all let go at once (clear) and used again by the next document. Not
// thread-safe: one per thread.
class MarkdownArena {
 public:
  MarkdownArena() = default;
  MarkdownArena(const MarkdownArena&) = delete;
  MarkdownArena& operator=(const MarkdownArena&) = delete;
  void* allocate(size_t bytes);             // zeroed, 16-byte aligned
  void* reallocate(void* p, size_t bytes);  // in place when p is the last allocation
  // Everything given out is dead: the blocks are used again (beyond kKeep bytes, freed).
  void clear();
  size_t used() const { return used_; }       // bytes given out since clear
  size_t reserved() const { return reserved_; }  // bytes of the blocks held

 private:
  static constexpr size_t kKeep = 1 << 20;
  struct Block {
    std::unique_ptr<std::byte[]> mem;
    size_t size;
  };
  std::vector<Block> blocks_;
  size_t current_ = 0;         // the block being filled
  std::byte* next_ = nullptr;  // its free space
  std::byte* end_ = nullptr;
  void* last_ = nullptr;       // the last allocation, which may grow in place
  size_t used_ = 0, reserved_ = 0;
  void next_block(size_t need);
};

// A parsed Markdown document with the GFM extensions the site format uses (tables,
// strikethrough, autolinks): one set-up for loading, the HTML and the PDF renderers.
// Its nodes live in its thread's MarkdownArena: nodes added to it are made with
// cmark_node_new_with_mem(type, mem()), and what cmark renders from it dies with the document
// (copy it out first). cmark_mem's functions take no context, so the arena is the thread's (a
// thread_local, the one piece of such state in the tool): one document at a time on a thread,
// a second one while the first lives throws.
class MarkdownDoc {
 public:
  explicit MarkdownDoc(std::string_view text);
  ~MarkdownDoc();
  MarkdownDoc(const MarkdownDoc&) = delete;
  MarkdownDoc& operator=(const MarkdownDoc&) = delete;
  cmark_node* root() const { return doc_; }
  _cmark_llist* extensions() const;  // for cmark_render_html
  cmark_mem* mem() const;            // the arena's allocator, for new nodes
  static const MarkdownArena& thread_arena();  // for tests

 private:
  cmark_parser* parser_ = nullptr;
  cmark_node* doc_ = nullptr;
};

}  // namespace nastavnik

#include "model/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>

#include "core/utf8.h"
#include "core/diagnostics.h"

namespace nastavnik {

std::optional<std::string> read_page_body(const Site& site, const Page& page) {
  if (page.body) return *page.body;
  std::string path = site.root + "/" + page.file;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st;
  if (::fstat(fd, &st) != 0 || static_cast<unsigned long long>(st.st_size) != page.file_size) {
    ::close(fd);
    return std::nullopt;
  }
  std::string body(page.body_size, '\0');
  size_t done = 0;
  while (done < body.size()) {
    ssize_t n = ::pread(fd, body.data() + done, body.size() - done, static_cast<off_t>(page.body_offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (done != body.size() || utf8::first_invalid(body) || body.find('\0') != std::string::npos) return std::nullopt;
  return body;
}

PageBody page_body(const Site& site, const Page& page, Diagnostics& diags) {
  PageBody b;
  if (page.body) {
    b.kept_ = *page.body;
    return b;
  }
  b.read_ = true;
  if (auto body = read_page_body(site, page)) b.owned_ = std::move(*body);
  else diags.error({page.file, 0, 0}, "файл изменился или пропал во время сборки: запустите сборку ещё раз");
  return b;
}

namespace {
constexpr size_t kHeader = 16;       // before each allocation: its size (reallocate copies it)
constexpr size_t kBlock = 64 << 10;  // a page's document fits in one or two

size_t round16(size_t n) { return (n + 15) & ~size_t{15}; }
}  // namespace

void MarkdownArena::next_block(size_t need) {
  // The next held block that is big enough, else a new one.
  while (++current_ < blocks_.size() && blocks_[current_].size < need) {
  }
  if (current_ >= blocks_.size()) {
    const size_t size = std::max(kBlock, need);
    blocks_.push_back({std::make_unique_for_overwrite<std::byte[]>(size), size});
    reserved_ += size;
    current_ = blocks_.size() - 1;
  }
  next_ = blocks_[current_].mem.get();
  end_ = next_ + blocks_[current_].size;
}

void* MarkdownArena::allocate(size_t bytes) {
  const size_t need = kHeader + round16(bytes);
  if (need < bytes) throw std::bad_alloc();
  if (static_cast<size_t>(end_ - next_) < need) {
    if (!next_) current_ = static_cast<size_t>(-1);  // the first block
    next_block(need);
  }
  std::byte* p = next_;
  next_ += need;
  std::memcpy(p, &bytes, sizeof bytes);
  std::memset(p + kHeader, 0, bytes);
  used_ += bytes;
  last_ = p + kHeader;
  return last_;
}

void* MarkdownArena::reallocate(void* p, size_t bytes) {
  if (!p) return allocate(bytes);
  size_t old;
  std::memcpy(&old, static_cast<std::byte*>(p) - kHeader, sizeof old);
  if (bytes <= old) return p;
  // The last allocation grows where it is while its block has room (cmark's buffers grow so).
  std::byte* start = static_cast<std::byte*>(p);
  if (p == last_ && round16(bytes) >= bytes && static_cast<size_t>(end_ - start) >= round16(bytes)) {
    next_ = start + round16(bytes);
    std::memcpy(start - kHeader, &bytes, sizeof bytes);
    used_ += bytes - old;
    return p;
  }
  void* q = allocate(bytes);
  std::memcpy(q, p, old);
  return q;
}

void MarkdownArena::clear() {
  // Keep the first blocks up to kKeep bytes (a huge page does not hold its memory for the rest).
  size_t kept = 0, n = 0;
  while (n < blocks_.size() && kept + blocks_[n].size <= kKeep) kept += blocks_[n++].size;
  blocks_.resize(n);
  reserved_ = kept;
  next_ = end_ = nullptr;
  last_ = nullptr;
  used_ = 0;
}

namespace {
thread_local MarkdownArena t_arena;
thread_local bool t_document = false;  // a MarkdownDoc lives on this thread

void* arena_calloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) return nullptr;
  return t_arena.allocate(count * size);
}
void* arena_realloc(void* p, size_t bytes) { return t_arena.reallocate(p, bytes); }
void arena_free(void*) {}  // everything goes with the document
cmark_mem kArenaMem = {arena_calloc, arena_realloc, arena_free};
}  // namespace

MarkdownDoc::MarkdownDoc(std::string_view text) {
  if (t_document) throw std::logic_error("MarkdownDoc: a second document on the same thread");
  t_document = true;
  // cmark-gfm registers its extensions in a global list: loading does it once before any threads.
  cmark_gfm_core_extensions_ensure_registered();
  parser_ = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &kArenaMem);
  for (const char* ext : {"table", "strikethrough", "autolink"})
    if (auto* e = cmark_find_syntax_extension(ext)) cmark_parser_attach_syntax_extension(parser_, e);
  cmark_parser_feed(parser_, text.data(), text.size());
  doc_ = cmark_parser_finish(parser_);
}

// The parser and the tree are not walked to be freed: all of them is in the arena.
MarkdownDoc::~MarkdownDoc() {
  t_arena.clear();
  t_document = false;
}

cmark_mem* MarkdownDoc::mem() const { return &kArenaMem; }
const MarkdownArena& MarkdownDoc::thread_arena() { return t_arena; }

_cmark_llist* MarkdownDoc::extensions() const { return cmark_parser_get_syntax_extensions(parser_); }

}  // namespace nastavnik

#include "model/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

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

std::string page_body(const Site& site, const Page& page, Diagnostics& diags) {
  if (auto body = read_page_body(site, page)) return std::move(*body);
  diags.error({page.file, 0, 0}, "файл изменился или пропал во время сборки: запустите сборку ещё раз");
  return {};
}

MarkdownDoc::MarkdownDoc(std::string_view text) {
  // cmark-gfm registers its extensions in a global list: loading does it once before any threads.
  cmark_gfm_core_extensions_ensure_registered();
  parser_ = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (const char* ext : {"table", "strikethrough", "autolink"})
    if (auto* e = cmark_find_syntax_extension(ext)) cmark_parser_attach_syntax_extension(parser_, e);
  cmark_parser_feed(parser_, text.data(), text.size());
  doc_ = cmark_parser_finish(parser_);
}

MarkdownDoc::~MarkdownDoc() {
  cmark_node_free(doc_);
  cmark_parser_free(parser_);
}

_cmark_llist* MarkdownDoc::extensions() const { return cmark_parser_get_syntax_extensions(parser_); }

}  // namespace nastavnik

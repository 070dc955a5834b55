#include "render/html/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <filesystem>
#include <vector>

#include "core/text.h"
#include "core/utf8.h"
#include "model/links.h"
#include "model/markdown.h"
#include "render/html/urls.h"

namespace nastavnik::html {

std::string file_label(const std::string& path, unsigned long long size) {
  std::string ext = std::filesystem::path(path).extension().string();
  if (!ext.empty()) ext = ext.substr(1);
  for (char& c : ext)
    if (c >= 'a' && c <= 'z') c -= 32;
  if (ext == "JPEG") ext = "JPG";
  return ext + ", " + format_size(size);
}

namespace {

// Replaces a node by its children (a link whose address was dropped keeps its text).
void unwrap(cmark_node* n) {
  while (cmark_node* c = cmark_node_first_child(n)) cmark_node_insert_before(n, c);
  cmark_node_free(n);
}

// Tables written in Markdown: header cells get scope="col", and a wide table scrolls in its own
// keyboard-focusable box instead of the page. Our data blocks' tables (class="data") are already so.
std::string accessible_tables(std::string html) {
  size_t b = html.find("<table>");
  if (b == std::string::npos) return html;  // most pages: no copy
  std::string out;
  size_t pos = 0;
  for (; b != std::string::npos; b = html.find("<table>", pos)) {
    size_t e = html.find("</table>", b);
    if (e == std::string::npos) break;
    e += 8;
    std::string t = html.substr(b, e - b);
    for (size_t i = 0; (i = t.find("<th", i)) != std::string::npos; i += 3)
      if (t.compare(i, 4, "<th>") == 0 || t.compare(i, 4, "<th ") == 0) t.insert(i + 3, " scope=\"col\"");
    out.append(html, pos, b - pos);
    out += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Таблица\">" + t + "</div>";
    pos = e;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

}  // namespace

std::string markdown_to_html(const Page& page, std::string_view body, const BlockContext& ctx,
                             const LinkIndex& links) {
  MarkdownDoc md(body);
  cmark_node* doc = md.root();

  std::vector<cmark_node*> to_unwrap, to_remove;
  std::vector<std::pair<cmark_node*, std::string>> to_replace;  // node → HTML
  std::vector<std::pair<cmark_node*, std::string>> append_after;  // link → « (PDF, 240 КБ)»
  size_t block_index = 0;
  cmark_iter* it = cmark_iter_new(doc);
  bool in_code = false;
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    auto type = cmark_node_get_type(n);
    if (type == CMARK_NODE_CODE && ev == CMARK_EVENT_ENTER) continue;
    if (ev == CMARK_EVENT_EXIT) continue;
    switch (type) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        to_remove.push_back(n);  // raw HTML is never passed through
        break;
      case CMARK_NODE_CODE_BLOCK: {
        const char* info = cmark_node_get_fence_info(n);
        if (info && std::string_view(trim(info)) == "nastavnik") {
          std::string html;
          if (block_index < page.blocks.size()) html = data_block(page.blocks[block_index], ctx);
          ++block_index;
          to_replace.emplace_back(n, "<div class=\"data-block\">" + html + "</div>");
        }
        break;
      }
      case CMARK_NODE_TEXT: {
        if (in_code) break;
        const char* lit = cmark_node_get_literal(n);
        if (lit) cmark_node_set_literal(n, typograph_utf8(lit).c_str());  // the body was checked when read
        break;
      }
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: {
        const char* u = cmark_node_get_url(n);
        std::string url = u ? u : "";
        LinkTarget t = classify_link(url);
        if (t.kind == LinkTarget::Kind::dangerous) {
          if (type == CMARK_NODE_LINK) to_unwrap.push_back(n);
          else to_remove.push_back(n);
          break;
        }
        if (t.kind != LinkTarget::Kind::relative) break;
        std::string file =
            (std::filesystem::path(page.file).parent_path() / t.path).lexically_normal().generic_string();
        std::string target;
        if (auto d = links.find(file); d != links.end()) {
          target = d->second.url;
          if (d->second.attachment && type == CMARK_NODE_LINK)
            append_after.emplace_back(n, " (" + file_label(file, d->second.size) + ")");
        }
        if (target.empty()) {  // a draft or a file that is not published: keep the text only
          if (type == CMARK_NODE_LINK) to_unwrap.push_back(n);
          break;
        }
        std::string rel = relative_url(page.url, target);
        if (!t.fragment.empty()) rel += "#" + t.fragment;
        cmark_node_set_url(n, rel.c_str());
        break;
      }
      default: break;
    }
  }
  cmark_iter_free(it);
  for (auto& [n, suffix] : append_after) {
    cmark_node* t = cmark_node_new_with_mem(CMARK_NODE_TEXT, md.mem());
    cmark_node_set_literal(t, suffix.c_str());
    cmark_node_insert_after(n, t);
  }
  for (auto& [n, html] : to_replace) {
    cmark_node* h = cmark_node_new_with_mem(CMARK_NODE_HTML_BLOCK, md.mem());
    cmark_node_set_literal(h, html.c_str());
    cmark_node_replace(n, h);
    cmark_node_free(n);
  }
  for (cmark_node* n : to_unwrap) unwrap(n);
  for (cmark_node* n : to_remove) cmark_node_free(n);

  // Raw HTML is gone from the tree; what is left as HTML blocks is ours.
  char* out = cmark_render_html(doc, CMARK_OPT_UNSAFE, md.extensions());  // in the arena
  return accessible_tables(out);
}

}  // namespace nastavnik::html

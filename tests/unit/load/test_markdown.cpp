// model/markdown.h: the arena cmark-gfm's documents live in.
#include <catch2/catch.hpp>

#include <cmark-gfm.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "model/markdown.h"

using namespace nastavnik;

namespace {
bool all_are(const unsigned char* p, size_t size, unsigned char v) {
  for (size_t k = 0; k < size; ++k)
    if (p[k] != v) return false;
  return true;
}
}  // namespace

TEST_CASE("the Markdown arena gives zeroed, aligned, separate memory, and reallocate keeps the bytes") {
  MarkdownArena a;
  std::mt19937 rng(7);
  struct Piece {
    unsigned char* p;
    size_t size;
    unsigned char fill;
  };
  std::vector<Piece> pieces;
  for (int i = 0; i < 3000; ++i) {
    size_t size = rng() % 3 == 0 ? rng() % 5000 : rng() % 200;  // some larger than a block's share
    auto* p = static_cast<unsigned char*>(a.allocate(size));
    REQUIRE(reinterpret_cast<std::uintptr_t>(p) % 16 == 0);
    REQUIRE(all_are(p, size, 0));
    auto fill = static_cast<unsigned char>(1 + i % 250);
    std::memset(p, fill, size);
    pieces.push_back({p, size, fill});
    if (rng() % 4 == 0) {  // grow one: the last (in place) or an older one (moved)
      Piece& g = rng() % 2 ? pieces.back() : pieces[rng() % pieces.size()];
      size_t bigger = g.size + 1 + rng() % 300;
      auto* q = static_cast<unsigned char*>(a.reallocate(g.p, bigger));
      REQUIRE(all_are(q, g.size, g.fill));
      std::memset(q, g.fill, bigger);
      g.p = q;
      g.size = bigger;
    }
  }
  // Nothing overlaps: every piece still holds its own bytes.
  for (const Piece& p : pieces) REQUIRE(all_are(p.p, p.size, p.fill));
  // A shrink keeps the place; the null pointer allocates.
  void* s = a.allocate(100);
  CHECK(a.reallocate(s, 10) == s);
  CHECK(a.reallocate(nullptr, 10) != nullptr);
  // The last allocation grows in place while its block has room.
  void* last = a.allocate(32);
  CHECK(a.reallocate(last, 64) == last);
  // clear keeps at most 1 MiB of blocks for the next document, and hands out from the start again.
  CHECK(a.reserved() > (1u << 20));
  a.clear();
  CHECK(a.used() == 0);
  CHECK(a.reserved() <= (1u << 20));
  auto* again = static_cast<unsigned char*>(a.allocate(64));
  CHECK(all_are(again, 64, 0));  // used memory is zeroed when given again
}

TEST_CASE("a Markdown document lives in its thread's arena, one at a time, emptied when it dies") {
  {
    MarkdownDoc doc("# Заголовок\n\nТекст с *выделением* и [ссылкой](a.md).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    CHECK(MarkdownDoc::thread_arena().used() > 0);
    // A node added to the tree comes from the arena too, and renders with it.
    cmark_node* text = cmark_node_new_with_mem(CMARK_NODE_TEXT, doc.mem());
    cmark_node_set_literal(text, "добавлено");
    cmark_node* para = cmark_node_new_with_mem(CMARK_NODE_PARAGRAPH, doc.mem());
    cmark_node_append_child(para, text);
    cmark_node_append_child(doc.root(), para);
    std::string html = cmark_render_html(doc.root(), CMARK_OPT_DEFAULT, doc.extensions());
    CHECK(html.find("<h1>Заголовок</h1>") != std::string::npos);
    CHECK(html.find("<em>выделением</em>") != std::string::npos);
    CHECK(html.find("<td>2</td>") != std::string::npos);
    CHECK(html.find("<p>добавлено</p>") != std::string::npos);
    // A second document while the first lives would share its arena: refused.
    CHECK_THROWS_AS(MarkdownDoc("второй"), std::logic_error);
  }
  CHECK(MarkdownDoc::thread_arena().used() == 0);
  // Another thread has its own arena: documents on two threads at once.
  MarkdownDoc here("*здесь*");
  std::string there;
  std::thread t([&] {
    MarkdownDoc doc("**там**");
    there = cmark_render_html(doc.root(), CMARK_OPT_DEFAULT, doc.extensions());
  });
  t.join();
  CHECK(there == "<p><strong>там</strong></p>\n");
  CHECK(std::string(cmark_render_html(here.root(), CMARK_OPT_DEFAULT, here.extensions())) == "<p><em>здесь</em></p>\n");
}

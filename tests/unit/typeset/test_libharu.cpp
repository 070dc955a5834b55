// The program's replacements of libharu helpers (typeset/libharu.cpp): they are the ones libharu
// calls, and the font subset is byte for byte the one libharu itself writes.
#include <catch2/catch.hpp>

#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>

#include <random>
#include <string>

#include "typeset/internal.h"

using namespace nastavnik::typeset;
using namespace nastavnik::typeset::detail;

namespace {

using SaveFn = HPDF_STATUS (*)(HPDF_FontDef, HPDF_Stream);

std::string contents(HPDF_Stream s) {
  std::string out;
  HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET);
  for (;;) {
    HPDF_BYTE buf[4096];
    HPDF_UINT n = sizeof buf;
    HPDF_STATUS st = HPDF_Stream_Read(s, buf, &n);
    out.append(reinterpret_cast<const char*>(buf), n);
    if (st != HPDF_OK) break;
  }
  return out;
}

}  // namespace

TEST_CASE("libharu calls the program's replacements of its helpers", "[typeset][pdf]") {
  const int before = libharu_hook_calls();
  Document doc;
  doc.blocks.push_back(Paragraph{{Span{"Приказ о наставничестве"}}});
  Result r = render(doc);
  REQUIRE(r.pages == 1);
  CHECK(libharu_hook_calls() > before);
}

TEST_CASE("the font subset is the one libharu writes, for any set of glyphs", "[typeset][pdf]") {
  auto original = reinterpret_cast<SaveFn>(dlsym(RTLD_NEXT, "HPDF_TTFontDef_SaveFontData"));
  REQUIRE(original != nullptr);
  REQUIRE(original != &HPDF_TTFontDef_SaveFontData);  // libharu's own, not the replacement
  HpdfError err;
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  const FaceFiles faces = resolve_faces(Fonts{});
  const auto names = load_faces(pdf, faces, &err);
  std::mt19937 rng(7);
  for (int face = 0; face < 4; ++face) {
    HPDF_FontDef def = HPDF_GetFontDef(pdf, names[face]);
    REQUIRE(def != nullptr);
    auto* attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
    REQUIRE(memory_font_bytes(attr->stream) != nullptr);  // read from memory: the fast path
    for (int round = 0; round < 12; ++round) {
      // Sparse, dense, none and all glyphs.
      const unsigned every = round == 0 ? 1u : round == 1 ? 1000000u : 1u + rng() % 20;
      for (HPDF_UINT g = 0; g < attr->num_glyphs; ++g) attr->glyph_tbl.flgs[g] = rng() % every == 0 ? 1 : 0;
      attr->glyph_tbl.flgs[0] = 1;
      HPDF_Stream mine = HPDF_MemStream_New(pdf->mmgr, 4096);
      HPDF_Stream theirs = HPDF_MemStream_New(pdf->mmgr, 4096);
      REQUIRE(HPDF_TTFontDef_SaveFontData(def, mine) == HPDF_OK);
      const HPDF_UINT mine_length1 = attr->length1;
      REQUIRE(original(def, theirs) == HPDF_OK);
      const std::string a = contents(mine), b = contents(theirs);
      CHECK(a.size() > 1000);
      CHECK(a == b);
      CHECK(mine_length1 == attr->length1);
      HPDF_Stream_Free(mine);
      HPDF_Stream_Free(theirs);
    }
  }
  HPDF_Free(pdf);
}

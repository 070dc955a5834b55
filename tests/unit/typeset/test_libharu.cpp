// The program's replacements of libharu helpers (typeset/libharu.cpp): they are the ones libharu
// calls, and the font subset is byte for byte the one libharu itself writes.
#include <catch2/catch.hpp>

#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_encoder.h>
#include <hpdf_utils.h>

#include <cstring>
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
  if (kLibharuHooks) CHECK(libharu_hook_calls() > before);
  else CHECK(libharu_hook_calls() == before);  // another libharu: its own functions
}

TEST_CASE("the font subset is the one libharu writes, for any set of glyphs", "[typeset][pdf]") {
  auto original = reinterpret_cast<SaveFn>(dlsym(RTLD_NEXT, "HPDF_TTFontDef_SaveFontData"));
  REQUIRE(original != nullptr);
  REQUIRE(original != &HPDF_TTFontDef_SaveFontData);  // libharu's own, not the replacement
  HpdfError err;
  FontFiles files;  // outlives pdf, which reads the fonts from it
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  const FaceFiles faces = resolve_faces(Fonts{}, files);
  const auto names = load_faces(pdf, faces, files, &err);
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

TEST_CASE("numbers are written as libharu writes them", "[typeset][pdf]") {
  using Fn = char* (*)(char*, HPDF_REAL, char*);
  auto original = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "HPDF_FToA"));
  REQUIRE(original != nullptr);
  REQUIRE(original != &HPDF_FToA);  // libharu's own, not the replacement
  std::mt19937 rng(11);
  size_t differ = 0, tried = 0;
  auto same = [&](float v, int room) {
    char a[40], b[40];
    std::memset(a, 0xAA, sizeof a);
    std::memset(b, 0xAA, sizeof b);
    char* ea = HPDF_FToA(a + 2, v, a + 2 + room);
    char* eb = original(b + 2, v, b + 2 + room);
    ++tried;
    if (ea - a != eb - b || std::memcmp(a, b, sizeof a) != 0) {
      if (++differ < 5) FAIL_CHECK("value " << v << " room " << room);
    }
  };
  // Values with up to five decimals, the usual page coordinates, negative ones, limits, random floats
  // of every magnitude, and buffers with little room.
  for (int k = 0; k <= 2000000; ++k) same(static_cast<float>(k / 100000.0), 30);
  for (int k = 0; k < 3000000; ++k) same(std::uniform_real_distribution<float>(-40000.f, 40000.f)(rng), 30);
  for (int k = 0; k < 2000000; ++k) {
    uint32_t bits = static_cast<uint32_t>(rng());
    float v;
    std::memcpy(&v, &bits, sizeof v);
    same(v, 30);
  }
  for (float v : {0.f, -0.f, 1e-7f, -1e-7f, 0.000005f, -0.000005f, 0.999995f, 0.9999949f, 32767.f, -32767.f, 32767.5f,
                  1e30f, -1e30f, 12.5f, 100.f, 0.5f, 841.8898f, 595.2756f})
    for (int room = 0; room < 20; ++room) same(v, room);
  CHECK(differ == 0);
  CHECK(tried > 7000000);
}

TEST_CASE("string lengths and glyph names are libharu's", "[typeset][pdf]") {
  using Len = HPDF_UINT (*)(const char*, HPDF_INT);
  using Name = const char* (*)(HPDF_UNICODE);
  auto len = reinterpret_cast<Len>(dlsym(RTLD_NEXT, "HPDF_StrLen"));
  auto name = reinterpret_cast<Name>(dlsym(RTLD_NEXT, "HPDF_UnicodeToGryphName"));
  REQUIRE(len != nullptr);
  REQUIRE(name != nullptr);
  REQUIRE(len != &HPDF_StrLen);
  REQUIRE(name != &HPDF_UnicodeToGryphName);
  for (const char* s : {static_cast<const char*>(nullptr), "", "a", "abc", "Приказ № 76"})
    for (HPDF_INT maxlen : {-1, 0, 1, 2, 3, 100})
      CHECK(HPDF_StrLen(s, maxlen) == len(s, maxlen));
  for (unsigned u = 0; u < 0x10000; ++u) {
    const char* a = HPDF_UnicodeToGryphName(static_cast<HPDF_UNICODE>(u));
    const char* b = name(static_cast<HPDF_UNICODE>(u));
    if (a != b) FAIL_CHECK("code point " << u);
  }
  CHECK(HPDF_UnicodeToGryphName(0x0416) == name(0x0416));  // remembered: the same
}

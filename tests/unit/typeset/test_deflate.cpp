// Deflater (internal API): compresses the streams of a PDF libharu wrote uncompressed, rebuilds the
// cross-reference table, and refuses anything laid out otherwise.
#include <catch2/catch.hpp>

#include <hpdf.h>
#include <libdeflate.h>

#include <string>

#include "typeset/internal.h"

using namespace nastavnik::typeset;
using namespace nastavnik::typeset::detail;

namespace {

// A one-page document written by libharu without compression.
std::string raw_pdf() {
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
  const char* name = HPDF_LoadTTFontFromFile(pdf, Fonts{}.regular.c_str(), HPDF_TRUE);
  HPDF_Font font = HPDF_GetFont(pdf, name, "CP1251");
  HPDF_Page page = HPDF_AddPage(pdf);
  HPDF_Page_BeginText(page);
  HPDF_Page_SetFontAndSize(page, font, 12);
  for (int i = 0; i < 40; ++i) HPDF_Page_TextOut(page, 50, 800 - 18 * i, "\xCF\xF0\xE8\xEA\xE0\xE7 (order)");
  HPDF_Page_EndText(page);
  HPDF_SaveToStream(pdf);
  std::string out(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 n = static_cast<HPDF_UINT32>(out.size());
  HPDF_ResetStream(pdf);
  HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &n);
  out.resize(n);
  HPDF_Free(pdf);
  return out;
}

// Offset recorded in the xref for object `id`.
size_t xref_offset(const std::string& pdf, size_t id) {
  size_t xref = std::stoul(pdf.substr(pdf.rfind("startxref\n") + 10));
  size_t entries = pdf.find('\n', xref + 5) + 1;
  return std::stoul(pdf.substr(entries + id * 20, 10));
}

}  // namespace

TEST_CASE("the streams of a libharu PDF are deflated and every object is where the xref says", "[typeset][pdf]") {
  const std::string raw = raw_pdf();
  REQUIRE(raw.find("/Filter") == std::string::npos);
  Deflater deflater(3);
  auto packed = deflater.compress_pdf(raw);
  REQUIRE(packed);
  CHECK(packed->size() < raw.size() / 2);
  // Every object the xref names starts where it says, with its own number.
  const size_t count = std::stoul(packed->substr(packed->rfind("xref\n0 ") + 7));
  REQUIRE(count > 5);
  for (size_t id = 1; id < count; ++id) {
    size_t off = xref_offset(*packed, id);
    INFO("object " << id);
    CHECK(packed->compare(off, std::to_string(id).size() + 6, std::to_string(id) + " 0 obj") == 0);
  }
  // Every stream decodes back to the bytes libharu wrote; one of them is the page's text.
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  size_t streams = 0;
  bool page = false;
  for (size_t s = packed->find("/Filter /FlateDecode\n/Length "); s != std::string::npos;
       s = packed->find("/Filter /FlateDecode\n/Length ", s + 1)) {
    ++streams;
    const size_t len_id = std::stoul(packed->substr(s + 29));
    const size_t len_at = xref_offset(*packed, len_id);
    const size_t len = std::stoul(packed->substr(packed->find('\n', len_at) + 1));
    const size_t data = packed->find("stream\r\n", s) + 8;
    std::string back(raw.size(), '\0');
    size_t got = 0;
    auto res = libdeflate_zlib_decompress(d, packed->data() + data, len, back.data(), back.size(), &got);
    CHECK(res == LIBDEFLATE_SUCCESS);
    back.resize(got);
    CHECK(raw.find(back) != std::string::npos);
    page = page || (back.find("order") != std::string::npos && back.find(" Tj") != std::string::npos);
  }
  libdeflate_free_decompressor(d);
  CHECK(streams >= 2);  // the font program and the page
  CHECK(page);
}

TEST_CASE("a file not laid out as libharu writes it is refused, not damaged", "[typeset][pdf]") {
  Deflater deflater(3);
  CHECK_FALSE(deflater.compress_pdf(""));
  CHECK_FALSE(deflater.compress_pdf("%PDF-1.3\nnot really\n"));
  std::string raw = raw_pdf();
  std::string direct = raw;
  size_t at = direct.find("/Length ");
  REQUIRE(at != std::string::npos);
  direct.replace(at, direct.find('\n', at) - at, "/Length 99999");  // a direct length
  CHECK_FALSE(deflater.compress_pdf(direct));
  std::string cut = raw.substr(0, raw.size() - 40);  // no startxref
  CHECK_FALSE(deflater.compress_pdf(cut));
}

// Faster versions of libharu 2.3's own helpers, by symbol interposition.
//
// libharu calls its exported functions through the PLT, so a definition of the same name in the
// program is the one its code calls (as a program's malloc replaces libc's). The replacements give
// exactly the results of the originals (the PDFs stay byte for byte the same, tests compare them);
// should a libharu build not call through the PLT, its own versions run and only speed is lost.
// They follow libharu 2.3's structures (hpdf_fontdef.h, Debian 12's 2.3.0): built against another
// version, none of them is compiled (kLibharuHooks) and libharu's own run.
#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_consts.h>
#include <hpdf_encoder.h>
#include <hpdf_utils.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "typeset/internal.h"

namespace nastavnik::typeset::detail {
namespace {
// Calls of the font subset replacement, for the unit test that checks it is in use (from every
// PDF thread: atomic).
std::atomic<int> g_calls{0};
}
int libharu_hook_calls() { return g_calls.load(std::memory_order_relaxed); }

namespace {

// ---- the subset of an embedded TrueType font (HPDF_TTFontDef_SaveFontData) ----
//
// libharu 2.3 writes the font program of every document anew: the 13 tables it keeps, each copied
// four bytes at a time through its streams, a seek and read per glyph, checksums read back four
// bytes at a time (perf: 13 % of the PDF build). The same program is built here from the file's
// bytes in memory (fonts.cpp) and libharu's parsed tables, in one pass of memcpy: the tables in
// the same order without padding, `head` with checkSumAdjustment computed as libharu does, `glyf`
// with the used glyphs only and `loca` pointing into it, `name` with the subset tag (HPDFAA+)
// before the family and full names. Unit test: byte-identical to libharu's for many glyph sets.

using SaveFn = HPDF_STATUS (*)(HPDF_FontDef, HPDF_Stream);

SaveFn original_save() {
  static SaveFn fn = reinterpret_cast<SaveFn>(dlsym(RTLD_NEXT, "HPDF_TTFontDef_SaveFontData"));
  return fn;
}

constexpr const char* kTags[13] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                   "hmtx", "loca", "maxp", "name", "post", "prep"};

void put16(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
  out.push_back(static_cast<char>(v & 0xFF));
}
void put32(std::string& out, uint32_t v) {
  put16(out, v >> 16);
  put16(out, v & 0xFFFF);
}
uint32_t get32(const std::string& s, size_t at) {
  auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[at + k])); };
  return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

const HPDF_TTFTable* find_table(HPDF_TTFontDefAttr attr, const char* tag) {
  for (HPDF_UINT i = 0; i < attr->offset_tbl.num_tables; ++i)
    if (std::memcmp(attr->offset_tbl.table[i].tag, tag, 4) == 0) return &attr->offset_tbl.table[i];
  return nullptr;
}

// The tables after the table directory; false when the font is not as expected (libharu then
// writes it itself).
bool build_tables(HPDF_TTFontDefAttr attr, const std::string& file, std::string& tmp, uint32_t (&offset)[13],
                  uint32_t (&length)[13], size_t& check_sum_at) {
  const HPDF_TTF_FontHeader& h = attr->header;
  const bool short_loca = h.index_to_loc_format == 0;
  std::vector<uint32_t> new_offsets(static_cast<size_t>(attr->num_glyphs) + 1, 0);
  auto in_file = [&](uint64_t at, uint64_t n) { return at + n <= file.size(); };
  for (int i = 0; i < 13; ++i) {
    const HPDF_TTFTable* tbl = find_table(attr, kTags[i]);
    if (!tbl) return false;
    offset[i] = static_cast<uint32_t>(tmp.size());
    const std::string_view tag(kTags[i], 4);
    if (tag == "head") {
      tmp.append(reinterpret_cast<const char*>(h.version_number), 4);
      put32(tmp, h.font_revision);
      check_sum_at = tmp.size();
      put32(tmp, 0);
      put32(tmp, h.magic_number);
      put16(tmp, h.flags);
      put16(tmp, h.units_per_em);
      tmp.append(reinterpret_cast<const char*>(h.created), 8);
      tmp.append(reinterpret_cast<const char*>(h.modified), 8);
      put16(tmp, static_cast<uint16_t>(h.x_min));
      put16(tmp, static_cast<uint16_t>(h.y_min));
      put16(tmp, static_cast<uint16_t>(h.x_max));
      put16(tmp, static_cast<uint16_t>(h.y_max));
      put16(tmp, h.mac_style);
      put16(tmp, h.lowest_rec_ppem);
      put16(tmp, static_cast<uint16_t>(h.font_direction_hint));
      put16(tmp, static_cast<uint16_t>(h.index_to_loc_format));
      put16(tmp, static_cast<uint16_t>(h.glyph_data_format));
    } else if (tag == "glyf") {
      const size_t start = tmp.size();
      uint32_t saved = 0;
      for (HPDF_UINT g = 0; g < attr->num_glyphs; ++g) {
        if (attr->glyph_tbl.flgs[g] != 1) {
          new_offsets[g] = saved;
          continue;
        }
        uint64_t from = attr->glyph_tbl.offsets[g];
        uint64_t len = static_cast<uint64_t>(attr->glyph_tbl.offsets[g + 1]) - from;
        if (attr->glyph_tbl.offsets[g + 1] < attr->glyph_tbl.offsets[g]) return false;
        uint32_t at = static_cast<uint32_t>(tmp.size() - start);
        if (short_loca) {
          at /= 2;
          len *= 2;
          from *= 2;
        }
        new_offsets[g] = at;
        from += attr->glyph_tbl.base_offset;
        if (!in_file(from, len)) return false;
        tmp.append(file, from, len);
        saved = static_cast<uint32_t>(tmp.size() - start);
        if (short_loca) saved /= 2;
      }
      new_offsets[attr->num_glyphs] = saved;
    } else if (tag == "loca") {
      for (HPDF_UINT g = 0; g <= attr->num_glyphs; ++g) {
        if (short_loca) put16(tmp, static_cast<uint16_t>(new_offsets[g]));
        else put32(tmp, new_offsets[g]);
      }
    } else if (tag == "name") {
      const HPDF_TTF_NamingTable& nt = attr->name_tbl;
      std::string strings;
      put16(tmp, nt.format);
      put16(tmp, nt.count);
      put16(tmp, nt.string_offset);
      for (HPDF_UINT k = 0; k < nt.count; ++k) {
        const HPDF_TTF_NameRecord& r = nt.name_records[k];
        uint32_t len = r.length;
        const uint32_t rec_offset = static_cast<uint32_t>(strings.size());
        if (r.name_id == 1 || r.name_id == 4) {
          if (r.platform_id == 0 || r.platform_id == 3) {
            strings.append(attr->tag_name2, sizeof attr->tag_name2);
            len += sizeof attr->tag_name2;
          } else {
            strings.append(attr->tag_name, sizeof attr->tag_name);
            len += sizeof attr->tag_name;
          }
        }
        put16(tmp, r.platform_id);
        put16(tmp, r.encoding_id);
        put16(tmp, r.language_id);
        put16(tmp, r.name_id);
        put16(tmp, static_cast<uint16_t>(len));
        put16(tmp, static_cast<uint16_t>(rec_offset));
        const uint64_t from = static_cast<uint64_t>(tbl->offset) + nt.string_offset + r.offset;
        if (!in_file(from, r.length)) return false;
        strings.append(file, from, r.length);
      }
      tmp += strings;
    } else {
      if (!in_file(tbl->offset, tbl->length)) return false;
      tmp.append(file, tbl->offset, tbl->length);
    }
    length[i] = static_cast<uint32_t>(tmp.size() - offset[i]);
  }
  return true;
}

}  // namespace
}  // namespace nastavnik::typeset::detail

#if NASTAVNIK_LIBHARU_HOOKS
extern "C" {

// Byte-by-byte loops in libharu (perf: a tenth of the PDF build in these two alone, every byte of
// every stream passes through them several times). Same results: the end of the destination is
// returned, an overlapping forward copy repeats the pattern as the byte loop does.
HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n) {
  if (out > in && out < in + n) {
    for (HPDF_UINT i = 0; i < n; ++i) out[i] = in[i];
  } else if (n) {
    std::memcpy(out, in, n);
  }
  return out + n;
}

void* HPDF_MemSet(void* s, HPDF_BYTE c, HPDF_UINT n) {
  if (n) std::memset(s, c, n);
  return static_cast<HPDF_BYTE*>(s) + n;
}

// Every number of every content stream (perf: 5 % of the PDF build, a dependent division chain per
// digit). The same arithmetic as libharu's (float value clamped to ±32767, integer part and five
// decimals rounded the same way through double and float), the same bytes written (the string, then
// NULs over the trailing zeros and a bare point), the same end returned; digits by table. A buffer
// with little room, or NaN, goes to libharu's own. Unit test: identical results over many values.
char* HPDF_FToA(char* s, HPDF_REAL val, char* eptr) {
  using Fn = char* (*)(char*, HPDF_REAL, char*);
  static const Fn original = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "HPDF_FToA"));
  if (eptr - s < 16 || val != val) return original(s, val, eptr);
  if (val > HPDF_LIMIT_MAX_REAL) val = HPDF_LIMIT_MAX_REAL;
  else if (val < HPDF_LIMIT_MIN_REAL) val = HPDF_LIMIT_MIN_REAL;
  if (val < 0) {
    *s++ = '-';
    val = -val;
  }
  const HPDF_INT32 int_val = static_cast<HPDF_INT32>(val + 0.000005);
  const HPDF_INT32 fpart = static_cast<HPDF_INT32>(static_cast<HPDF_REAL>(val - int_val + 0.000005) * 100000);
  static constexpr char kTwo[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  // The integer part (0..32767), at most five digits.
  char digits[8];
  int n = 0;
  {
    HPDF_INT32 v = int_val;
    char rev[8];
    int k = 0;
    do {
      rev[k++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v > 0);
    while (k > 0) digits[n++] = rev[--k];
  }
  std::memcpy(s, digits, static_cast<size_t>(n));
  s += n;
  *s++ = '.';
  // Five decimals: libharu takes fpart % 10 five times (0 <= fpart <= 100000).
  const unsigned f = static_cast<unsigned>(fpart) % 100000u;
  const unsigned hi = f / 1000, mid = (f / 10) % 100, lo = f % 10;
  s[0] = kTwo[2 * hi];
  s[1] = kTwo[2 * hi + 1];
  s[2] = kTwo[2 * mid];
  s[3] = kTwo[2 * mid + 1];
  s[4] = static_cast<char>('0' + lo);
  // Trailing zeros become NULs; with all five, the point too.
  int keep = 5;
  while (keep > 0 && s[keep - 1] == '0') s[--keep] = 0;
  if (keep == 0) {
    s[-1] = 0;
    return s - 1;
  }
  return s + keep;
}

// String lengths, a byte at a time in libharu: the same result (0 for a null pointer or a zero
// limit, at most maxlen when it is positive, unbounded when negative).
HPDF_UINT HPDF_StrLen(const char* s, HPDF_INT maxlen) {
  if (!s || maxlen == 0) return 0;
  return static_cast<HPDF_UINT>(maxlen < 0 ? std::strlen(s) : strnlen(s, static_cast<size_t>(maxlen)));
}

// The glyph name of a character: libharu searches its whole table for each of the 224 codes of a
// single-byte encoding that every document writes (Differences). Remembered per code point.
const char* HPDF_UnicodeToGryphName(HPDF_UNICODE unicode) {
  using Fn = const char* (*)(HPDF_UNICODE);
  static const Fn original = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "HPDF_UnicodeToGryphName"));
  static std::atomic<const char*> known[0x10000];
  const char* name = known[unicode].load(std::memory_order_relaxed);
  if (!name) {
    name = original(unicode);
    known[unicode].store(name, std::memory_order_relaxed);
  }
  return name;
}

HPDF_STATUS HPDF_TTFontDef_SaveFontData(HPDF_FontDef fontdef, HPDF_Stream stream) {
  using namespace nastavnik::typeset::detail;
  g_calls.fetch_add(1, std::memory_order_relaxed);
  auto* attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);
  const std::string* file = attr ? memory_font_bytes(attr->stream) : nullptr;
  std::string tmp;
  uint32_t offset[13], length[13];
  size_t check_sum_at = 0;
  if (!file || !build_tables(attr, *file, tmp, offset, length, check_sum_at)) {
    SaveFn original = original_save();
    return original ? original(fontdef, stream) : HPDF_SetError(fontdef->error, HPDF_INVALID_OPERATION, 0);
  }
  constexpr uint32_t kBase = 12 + 16 * 13;
  std::string out;
  out.reserve(kBase + tmp.size());
  put32(out, attr->offset_tbl.sfnt_version);
  put16(out, 13);
  put16(out, attr->offset_tbl.search_range);
  put16(out, attr->offset_tbl.entry_selector);
  put16(out, attr->offset_tbl.range_shift);
  // Table checksums: big-endian words, the last one padded with zeros.
  for (int i = 0; i < 13; ++i) {
    uint32_t sum = 0;
    size_t at = offset[i], end = offset[i] + length[i];
    for (; at + 4 <= end; at += 4) sum += get32(tmp, at);
    if (at < end) {
      uint32_t w = 0;
      for (int k = 0; at < end; ++at, ++k) w |= static_cast<uint32_t>(static_cast<unsigned char>(tmp[at])) << (24 - 8 * k);
      sum += w;
    }
    out.append(kTags[i], 4);
    put32(out, sum);
    put32(out, offset[i] + kBase);
    put32(out, length[i]);
  }
  // checkSumAdjustment as libharu computes it: over the tables only (not the directory), whole
  // words from the start of the tables, a trailing partial word left out.
  uint32_t adjust = 0xB1B0AFBA;
  for (size_t at = 0; at + 4 <= tmp.size(); at += 4) adjust -= get32(tmp, at);
  for (int k = 0; k < 4; ++k) tmp[check_sum_at + k] = static_cast<char>((adjust >> (24 - 8 * k)) & 0xFF);
  out += tmp;
  attr->length1 = static_cast<HPDF_UINT>(tmp.size() + kBase);
  return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(out.data()), static_cast<HPDF_UINT>(out.size()));
}

}  // extern "C"
#endif  // NASTAVNIK_LIBHARU_HOOKS

#include "core/utf8.h"

#include <cstdint>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace nastavnik::utf8 {

namespace {
// Length of a valid sequence starting at s[i], or 0.
size_t valid_seq(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  char32_t cp;
  if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}
}  // namespace

namespace {
#ifdef __SSE2__
// Sixteen bytes at a time while the text is ASCII and two-byte sequences (Cyrillic, «», №, nbsp):
// every continuation byte (10xxxxxx) must follow a lead C2..DF and every such lead must be followed
// by one; a block with another byte ≥ 0x80 (a longer sequence or an invalid byte) stops the fast
// part. Returns where the byte-by-byte check goes on: the lead of a pair cut by a block's end is
// left to it.
size_t skip_two_byte_text(const unsigned char* p, size_t size) {
  const __m128i c0 = _mm_set1_epi8(static_cast<char>(0xC0)), c80 = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i below_c2 = _mm_set1_epi8(static_cast<char>(0xC2 - 1)), above_df = _mm_set1_epi8(static_cast<char>(0xDF + 1));
  unsigned prev_lead = 0;  // the last byte of the previous block is a lead
  size_t i = 0;
  for (; i + 16 <= size; i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(b));
    if (high == 0 && !prev_lead) continue;
    const unsigned cont = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(b, c0), c80)));
    // C2..DF as signed bytes: greater than C1 and less than E0 (ASCII is greater than C1 too, but not less than E0).
    const unsigned lead = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(b, below_c2), _mm_cmplt_epi8(b, above_df))));
    if ((high & ~(cont | lead)) != 0 || cont != (((lead << 1) | prev_lead) & 0xFFFF)) break;
    prev_lead = lead >> 15;
  }
  return i - prev_lead;
}
#endif
}  // namespace

std::optional<size_t> first_invalid(std::string_view s) {
  size_t i = 0;
  const size_t size = s.size();
#ifdef __SSE2__
  i = skip_two_byte_text(reinterpret_cast<const unsigned char*>(s.data()), size);
#endif
  while (i < size) {
    // Eight bytes at once: all ASCII, or four two-byte sequences (Cyrillic text): leads 110xxxxx
    // but not C0/C1 (overlong), continuations 10xxxxxx.
    while (i + 8 <= size) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
      const uint64_t lead_bits = (w & 0x001E001E001E001Eull) + 0x7FFF7FFF7FFF7FFFull;
      if ((w & 0xC0E0C0E0C0E0C0E0ull) == 0x80C080C080C080C0ull && (lead_bits & 0x8000800080008000ull) == 0x8000800080008000ull) {
        i += 8;
        continue;
      }
      break;
    }
    if (i >= size) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    // Two-byte sequences (Cyrillic) without the general check: C2..DF then a continuation byte.
    if (c >= 0xC2 && c <= 0xDF && i + 1 < size && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    size_t n = valid_seq(s, i);
    if (n == 0) return i;
    i += n;
#ifdef __SSE2__
    // Past a longer sequence (an emoji, «€»), back to sixteen bytes at a time.
    if (i + 16 <= size) i += skip_two_byte_text(reinterpret_cast<const unsigned char*>(s.data()) + i, size - i);
#endif
  }
  return std::nullopt;
}

char32_t next_multibyte(std::string_view s, size_t& i) {
  unsigned char c0 = static_cast<unsigned char>(s[i]);
  if (c0 >= 0xC2 && c0 <= 0xDF && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
    char32_t cp = static_cast<char32_t>(c0 & 0x1F) << 6 | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    i += 2;
    return cp;
  }
  size_t n = valid_seq(s, i);
  if (n == 0) { ++i; return 0xFFFD; }
  unsigned char c = static_cast<unsigned char>(s[i]);
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) out.push_back(next(s, i));
  return out;
}

void append_multibyte(std::string& out, char32_t cp) {
  if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char32_t c : s) append(out, c);
  return out;
}

size_t length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) { next(s, i); ++n; }
  return n;
}

char32_t to_upper(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c == 0x451) return 0x401;
  return c;
}
std::string lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) append(out, to_lower(next(s, i)));
  return out;
}

}  // namespace nastavnik::utf8

// UTF-8 helpers: validation with the byte offset of the first bad byte, decoding, encoding.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nastavnik::utf8 {

// Offset of the first byte that is not valid UTF-8 (overlong, surrogate, truncated), or nullopt.
std::optional<size_t> first_invalid(std::string_view s);

// Decodes one code point at s[i], advancing i. Invalid bytes decode as U+FFFD (one byte).
// ASCII is decoded inline (most of the text of pages and markup); the rest in next_multibyte.
char32_t next_multibyte(std::string_view s, size_t& i);
inline char32_t next(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  // Two-byte sequences (Cyrillic) inline too.
  if (c >= 0xC2 && c <= 0xDF && i + 1 < s.size()) {
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c1 & 0xC0) == 0x80) {
      i += 2;
      return static_cast<char32_t>(c & 0x1F) << 6 | (c1 & 0x3F);
    }
  }
  return next_multibyte(s, i);
}
std::u32string decode(std::string_view s);
void append_multibyte(std::string& out, char32_t cp);
inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else append_multibyte(out, cp);
}
std::string encode(std::u32string_view s);
size_t length(std::string_view s);  // number of code points

// Lower case for ASCII and Cyrillic (А-Я, Ё); other characters unchanged.
inline char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c == 0x401) return 0x451;
  return c;
}
char32_t to_upper(char32_t c);
std::string lower(std::string_view s);
inline bool is_cyrillic_letter(char32_t c) { return (c >= 0x410 && c <= 0x44F) || c == 0x401 || c == 0x451; }
// ASCII letters, Cyrillic, Latin-1 letters.
inline bool is_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_cyrillic_letter(c) ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

}  // namespace nastavnik::utf8

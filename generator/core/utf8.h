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
char32_t next(std::string_view s, size_t& i);
std::u32string decode(std::string_view s);
void append(std::string& out, char32_t cp);
std::string encode(std::u32string_view s);
size_t length(std::string_view s);  // number of code points

// Lower case for ASCII and Cyrillic (А-Я, Ё); other characters unchanged.
char32_t to_lower(char32_t c);
char32_t to_upper(char32_t c);
std::string lower(std::string_view s);
bool is_cyrillic_letter(char32_t c);
bool is_letter(char32_t c);  // ASCII letters, Cyrillic, Latin-1 letters

}  // namespace nastavnik::utf8

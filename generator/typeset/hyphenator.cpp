#include <hyphen.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <mutex>
#include <stdexcept>

#include "core/utf8.h"
#include "typeset/typeset.h"

namespace nastavnik::typeset {

namespace {

enum class Charset { koi8r, iso8859_5, cp1251, utf8 };

std::string upper_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// Lower-case Cyrillic code point to a byte of the dictionary's single-byte charset, or 0.
unsigned char to_byte(Charset cs, char32_t c) {
  if (c == U'ё') {
    switch (cs) {
      case Charset::koi8r: return 0xA3;
      case Charset::iso8859_5: return 0xF1;
      case Charset::cp1251: return 0xB8;
      case Charset::utf8: return 0;
    }
  }
  if (c < U'а' || c > U'я') return 0;
  unsigned idx = static_cast<unsigned>(c - U'а');
  switch (cs) {
    case Charset::koi8r: {
      // KOI8-R lower case letters 0xC0..0xDF in this order.
      static constexpr char32_t order[] = U"юабцдефгхийклмнопярстужвьызшэщчъ";
      for (unsigned i = 0; i < 32; ++i)
        if (order[i] == c) return static_cast<unsigned char>(0xC0 + i);
      return 0;
    }
    case Charset::iso8859_5: return static_cast<unsigned char>(0xD0 + idx);
    case Charset::cp1251: return static_cast<unsigned char>(0xE0 + idx);
    case Charset::utf8: return 0;
  }
  return 0;
}

bool is_keyword_line(const std::string& l) {
  return !l.empty() && l[0] >= 'A' && l[0] <= 'Z';
}

// libhyphen applies only the longest pattern matched at each position (its automaton has no
// output links), so it expects dictionaries whose patterns already contain the values of all the
// patterns that are their substrings (LibreOffice runs substrings.pl on them). Debian's
// hyph_ru_RU.dic is not prepared that way: libhyphen then misses most points («пе-дагоги-че-ских»).
// This makes the closure in memory, as substrings.pl does.
std::string close_patterns(const std::string& text) {
  std::vector<std::string> lines;
  {
    size_t a = 0;
    while (a <= text.size()) {
      size_t b = text.find('\n', a);
      if (b == std::string::npos) b = text.size();
      std::string l = text.substr(a, b - a);
      while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.pop_back();
      lines.push_back(l);
      a = b + 1;
    }
  }
  std::string out;
  if (lines.empty()) return out;
  out += lines[0] + "\n";  // charset
  std::vector<std::string> letters;
  std::vector<std::vector<char>> digits;
  std::unordered_map<std::string, size_t> index;
  auto flush = [&] {
    // Every state of libhyphen's automaton is a prefix of a pattern: give each prefix the values
    // of all the patterns it contains.
    std::vector<std::string> states;
    {
      std::unordered_map<std::string, bool> seen;
      for (const std::string& w : letters)
        for (size_t n = 1; n <= w.size(); ++n)
          if (seen.emplace(w.substr(0, n), true).second) states.push_back(w.substr(0, n));
    }
    for (const std::string& w : states) {
      std::vector<char> d(w.size() + 1, 0);
      bool any = false;
      for (size_t a = 0; a < w.size(); ++a)
        for (size_t b = a + 1; b <= w.size(); ++b) {
          auto it = index.find(w.substr(a, b - a));
          if (it == index.end()) continue;
          const std::vector<char>& q = digits[it->second];
          for (size_t k = 0; k < q.size(); ++k) {
            d[a + k] = std::max(d[a + k], q[k]);
            any |= q[k] != 0;
          }
        }
      if (!any) continue;
      std::string pat;
      for (size_t k = 0; k <= w.size(); ++k) {
        if (d[k]) pat += static_cast<char>('0' + d[k]);
        if (k < w.size()) pat += w[k];
      }
      out += pat + "\n";
    }
    letters.clear();
    digits.clear();
    index.clear();
  };
  for (size_t li = 1; li < lines.size(); ++li) {
    const std::string& l = lines[li];
    if (l.empty() || l[0] == '%' || l[0] == '#') continue;
    if (is_keyword_line(l) || l.find('/') != std::string::npos) {
      if (l.rfind("NEXTLEVEL", 0) == 0) flush();
      out += l + "\n";
      continue;
    }
    std::string w;
    std::vector<char> d(1, 0);
    for (char c : l) {
      if (c >= '0' && c <= '9') d.back() = static_cast<char>(c - '0');
      else {
        w += c;
        d.push_back(0);
      }
    }
    auto it = index.find(w);
    if (it != index.end()) {
      for (size_t k = 0; k < d.size(); ++k) digits[it->second][k] = std::max(digits[it->second][k], d[k]);
      continue;
    }
    index.emplace(w, letters.size());
    letters.push_back(w);
    digits.push_back(d);
  }
  flush();
  return out;
}

}  // namespace

struct Hyphenator::Impl {
  HyphenDict* dict = nullptr;
  Charset cs = Charset::utf8;
  ~Impl() {
    if (dict) hnj_hyphen_free(dict);
  }
};

Hyphenator::Hyphenator(const std::string& dict_path) : impl_(std::make_unique<Impl>()) {
  std::string text;
  {
    std::ifstream in(dict_path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read hyphenation dictionary " + dict_path);
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  std::string closed = close_patterns(text);
  FILE* f = fmemopen(closed.data(), closed.size(), "r");
  if (!f) throw std::runtime_error("cannot open hyphenation patterns in memory");
  impl_->dict = hnj_hyphen_load_file(f);
  std::fclose(f);
  if (!impl_->dict) throw std::runtime_error("cannot load hyphenation dictionary " + dict_path);
  std::string cset = upper_ascii(impl_->dict->cset);
  if (impl_->dict->utf8 || cset.find("UTF") != std::string::npos) impl_->cs = Charset::utf8;
  else if (cset.find("KOI8") != std::string::npos) impl_->cs = Charset::koi8r;
  else if (cset.find("8859-5") != std::string::npos) impl_->cs = Charset::iso8859_5;
  else if (cset.find("1251") != std::string::npos) impl_->cs = Charset::cp1251;
  else throw std::runtime_error("unsupported hyphenation dictionary charset " + cset);
}

Hyphenator::~Hyphenator() = default;

std::vector<size_t> Hyphenator::points(std::string_view word_utf8) const {
  std::vector<size_t> out;
  std::u32string w = utf8::decode(word_utf8);
  size_t i = 0;
  while (i < w.size()) {
    // A maximal run of Cyrillic letters.
    if (!utf8::is_cyrillic_letter(w[i])) { ++i; continue; }
    size_t a = i;
    while (i < w.size() && utf8::is_cyrillic_letter(w[i])) ++i;
    size_t b = i;
    // Runs glued to Latin letters or digits are not words of the dictionary.
    if ((a > 0 && utf8::is_letter(w[a - 1])) || (b < w.size() && utf8::is_letter(w[b]))) continue;
    size_t n = b - a;
    if (n < 4) continue;
    std::string enc;
    std::vector<size_t> char_of_byte;  // byte index -> index within the run
    bool ok = true;
    for (size_t k = a; k < b; ++k) {
      char32_t lc = utf8::to_lower(w[k]);
      if (impl_->cs == Charset::utf8) {
        size_t before = enc.size();
        utf8::append(enc, lc);
        for (size_t q = before; q < enc.size(); ++q) char_of_byte.push_back(k - a);
      } else {
        unsigned char byte = to_byte(impl_->cs, lc);
        if (!byte) { ok = false; break; }
        enc.push_back(static_cast<char>(byte));
        char_of_byte.push_back(k - a);
      }
    }
    if (!ok) continue;
    std::vector<char> hyphens(enc.size() + 5, 0);
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    if (hnj_hyphen_hyphenate2(impl_->dict, enc.data(), static_cast<int>(enc.size()), hyphens.data(),
                              nullptr, &rep, &pos, &cut) != 0)
      continue;
    if (rep) {  // non-standard hyphenation is not used by Russian patterns; ignore it
      for (size_t k = 0; k < enc.size(); ++k) free(rep[k]);
      free(rep);
      free(pos);
      free(cut);
    }
    for (size_t byte = 0; byte + 1 < enc.size(); ++byte) {
      if (!(hyphens[byte] & 1)) continue;
      // Break after the character that ends at this byte.
      if (char_of_byte[byte + 1] == char_of_byte[byte]) continue;  // inside a UTF-8 sequence
      size_t p = char_of_byte[byte] + 1;                           // break before run[p]
      if (p < 2 || p > n - 2) continue;
      out.push_back(a + p);
    }
  }
  return out;
}

std::unique_ptr<const Hyphenator> Hyphenator::load_default() {
  try {
    return std::make_unique<Hyphenator>(NASTAVNIK_HYPHEN_DICT);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace nastavnik::typeset

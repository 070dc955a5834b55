#include <hyphen.h>

#include <cstring>
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

}  // namespace

struct Hyphenator::Impl {
  HyphenDict* dict = nullptr;
  Charset cs = Charset::utf8;
  ~Impl() {
    if (dict) hnj_hyphen_free(dict);
  }
};

Hyphenator::Hyphenator(const std::string& dict_path) : impl_(std::make_unique<Impl>()) {
  impl_->dict = hnj_hyphen_load(dict_path.c_str());
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

std::shared_ptr<const Hyphenator> Hyphenator::shared() {
  static std::once_flag once;
  static std::shared_ptr<const Hyphenator> instance;
  std::call_once(once, [] {
    try {
      instance = std::make_shared<Hyphenator>(NASTAVNIK_HYPHEN_DICT);
    } catch (const std::exception&) {
      instance = nullptr;
    }
  });
  return instance;
}

}  // namespace nastavnik::typeset

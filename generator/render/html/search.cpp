#include "render/html/search.h"

#include <libstemmer.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <stdexcept>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/text.h"
#include "core/utf8.h"

namespace nastavnik::html {

Stemmer::Stemmer() : st_(sb_stemmer_new("russian", "UTF_8")) {
  if (!st_) throw std::runtime_error("libstemmer: нет русского стеммера");
}
Stemmer::~Stemmer() { sb_stemmer_delete(st_); }

std::string Stemmer::stem(std::string_view word) {
  const sb_symbol* s = sb_stemmer_stem(st_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!s) return std::string(word);
  return std::string(reinterpret_cast<const char*>(s), static_cast<size_t>(sb_stemmer_length(st_)));
}

namespace {

// Function words that would match almost every page. The same list is in search.js.
const std::unordered_set<std::string_view> kStopWords = {
    "во", "не", "на", "со", "ко", "об", "от", "до", "по", "за", "из", "под", "над", "при", "про", "для",
    "без", "но", "да", "или", "ли", "же", "бы", "то", "как", "что", "это", "так", "его", "ее", "их",
    "он", "она", "оно", "они", "мы", "вы", "все", "том", "также", "а", "и", "в", "с", "к", "у", "о", "г"};

bool word_char(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 0x430 && c <= 0x44F); }

// Decodes the entities that our templates and cmark write; a numeric one is written into `buf`.
std::string_view decode_entity(std::string_view e, char (&buf)[4]) {  // e without '&' and ';'
  if (e == "amp") return "&";
  if (e == "lt") return "<";
  if (e == "gt") return ">";
  if (e == "quot") return "\"";
  if (e == "apos") return "'";
  if (e == "nbsp") return "\u00A0";
  if (e.size() > 1 && e[0] == '#') {
    const bool hex = e[1] == 'x' || e[1] == 'X';
    std::string_view digits = e.substr(hex ? 2 : 1);
    unsigned long cp = 0;
    if (digits.empty() || digits.size() > 8) return " ";
    for (char c : digits) {
      int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return " ";
      cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
    }
    if (cp == 0 || cp >= 0x110000 || (cp >= 0xD800 && cp < 0xE000)) return "";
    std::string out;
    utf8::append(out, static_cast<char32_t>(cp));
    std::memcpy(buf, out.data(), out.size());
    return {buf, out.size()};
  }
  return " ";
}

bool inline_tag(std::string_view t) {
  // By length first: a page has a tag every few words, and most are block tags (p, li, td, div).
  switch (t.size()) {
    case 1: return t[0] == 'a' || t[0] == 'b' || t[0] == 'i' || t[0] == 'q' || t[0] == 's' || t[0] == 'u';
    case 2: return t == "em";
    case 3: return t == "del" || t == "ins" || t == "sub" || t == "sup";
    case 4: return t == "abbr" || t == "code" || t == "mark" || t == "span" || t == "time";
    case 5: return t == "small";
    case 6: return t == "strong";
    default: return false;
  }
}

}  // namespace

namespace {
// Reads words as search_words does, from text given in pieces (a word may go on in the next piece:
// «жир<b>ный</b>»): calls f(word) for each word but the function words, which the caller's cache
// of stems knows (kStopWords): one hash lookup per word. Works on the bytes: the word characters
// are ASCII or two-byte Cyrillic (U+0400–U+045F, lead byte D0 or D1); every other character ends
// a word. Pieces never split a character (they are cut at '<', '&' or whole entities).
class WordReader {
 public:
  template <class F>
  void feed(std::string_view text, F&& f) {
    const size_t n = text.size();
    for (size_t i = 0; i < n;) {
      if (letters_ == 0) {  // most words: lower case, within one piece; they are read where they are
        size_t count = 0;
        const size_t j = lower_word_end(text, i, count);
        if (count > 0) {
          if (j < n && !other_word_char(text, j)) {
            if (count > 1) f(text.substr(i, j - i));
            i = j;
            continue;
          }
          cur_.assign(text.data() + i, j - i);  // the word goes on in capitals, «ё» or the next piece
          letters_ = count;
          i = j;
          continue;
        }
      }
      const auto b = static_cast<unsigned char>(text[i]);
      if (b < 0x80) {
        ++i;
        if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z')) {
          cur_ += static_cast<char>(b);
          ++letters_;
        } else if (b >= 'A' && b <= 'Z') {
          cur_ += static_cast<char>(b + 32);
          ++letters_;
        } else if (letters_) {
          end(f);
        }
        continue;
      }
      if ((b == 0xD0 || b == 0xD1) && i + 1 < n && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        i += 2;
        // а–п (D0 B0–BF) and р–я (D1 80–8F) go as they are; А–Я, Ё and ё are lowered first (ё → е).
        if ((b == 0xD0 && b1 >= 0xB0) || (b == 0xD1 && b1 <= 0x8F)) {
          const char two[2] = {static_cast<char>(b), static_cast<char>(b1)};
          cur_.append(two, 2);
          ++letters_;
          continue;
        }
        char32_t c = utf8::to_lower(static_cast<char32_t>(b & 0x1F) << 6 | (b1 & 0x3F));
        if (c == 0x451) c = 0x435;  // ё → е
        if (word_char(c)) {
          utf8::append(cur_, c);
          ++letters_;
        } else if (letters_) {
          end(f);
        }
        continue;
      }
      utf8::next(text, i);  // any other character ends a word
      if (letters_) end(f);
    }
  }
  // The end of the text, or a break between pieces (a block tag): ends the word being read.
  template <class F>
  void end(F&& f) {
    if (letters_ > 1) f(std::string_view(cur_));
    cur_.clear();
    letters_ = 0;
  }

 private:
  // The end of the run at s[i] of characters a word keeps as they are: a–z, 0–9, а–я but ё
  // (D0 B0–BF, D1 80–8F); `count`: their number.
  static size_t lower_word_end(std::string_view s, size_t i, size_t& count) {
    const size_t n = s.size();
#ifdef __SSE2__
    // Eight Cyrillic letters a step (most words of a page are lower-case Russian): a 16-bit lane
    // holds one where its bytes are D0 B0–BF (а–п) or D1 80–8F (р–я), so masked with F0FF it is
    // B0D0 or 80D1 (bytes in memory order, little-endian lanes).
    const __m128i keep = _mm_set1_epi16(static_cast<short>(0xF0FF));
    const __m128i a_p = _mm_set1_epi16(static_cast<short>(0xB0D0)), r_ya = _mm_set1_epi16(static_cast<short>(0x80D1));
    while (i + 16 <= n) {
      const __m128i v = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)), keep);
      const auto ok = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi16(v, a_p), _mm_cmpeq_epi16(v, r_ya))));
      const unsigned letters = static_cast<unsigned>(__builtin_ctz(~ok)) / 2;  // ~ok has bit 16 set
      i += 2 * letters;
      count += letters;
      if (letters < 8) break;
    }
#endif
    while (i < n) {
      const auto b = static_cast<unsigned char>(s[i]);
      if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
        ++i, ++count;
        continue;
      }
      if (i + 1 >= n) break;
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      if (!((b == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) || (b == 0xD1 && b1 >= 0x80 && b1 <= 0x8F))) break;
      i += 2, ++count;
    }
    return i;
  }
  // Whether s[i] begins a word character that lower_word_end stops at: A–Z, А–Я, Ё, ё.
  static bool other_word_char(std::string_view s, size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return b >= 'A' && b <= 'Z';
    if (i + 1 >= s.size()) return false;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    return (b == 0xD0 && ((b1 >= 0x90 && b1 <= 0xAF) || b1 == 0x81)) || (b == 0xD1 && b1 == 0x91);
  }

  std::string cur_;
  size_t letters_ = 0;
};

template <class F>
void each_word(std::string_view text, F&& f) {
  WordReader r;
  r.feed(text, f);
  r.end(f);
}
}  // namespace

std::vector<std::string> search_words(std::string_view text) {
  std::vector<std::string> words;
  each_word(text, [&](std::string_view w) {
    if (!kStopWords.count(w)) words.emplace_back(w);
  });
  return words;
}

namespace {
// Text written with its whitespace collapsed as it comes: runs of spaces, line breaks, tabs and
// non-breaking spaces become one space between words, none at the ends.
class CollapsedText {
 public:
  explicit CollapsedText(std::string& s) : s_(s) {}
  void space() { pending_ = !s_.empty(); }
  void add(std::string_view t) {
    size_t i = 0;
    const size_t n = t.size();
    while (i < n) {
      size_t j = i;
      // The next whitespace byte, or C2 (the lead of U+00A0 and of other characters, passed over).
      while ((j = find_byte_of<' ', '\n', '\t', '\r', '\xC2'>(t, j)) < n && !white(t, j)) ++j;
      if (j > i) {
        if (pending_) s_ += ' ';
        pending_ = false;
        s_.append(t, i, j - i);
      }
      if (j < n) {
        space();
        j += t[j] == '\xC2' ? 2 : 1;
      }
      i = j;
    }
  }

 private:
  static bool white(std::string_view t, size_t j) {
    const char c = t[j];
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || (c == '\xC2' && j + 1 < t.size() && t[j + 1] == '\xA0');
  }
  std::string& s_;
  bool pending_ = false;
};
}  // namespace

namespace {
// Walks the readable text of a page (page_text's rules) and hands it to `out` in pieces:
// out.add(in_heading, text) and out.space(in_heading) where a block tag breaks the text.
template <class Out>
void walk_text(std::string_view html, Out& out) {
  // find_text: glibc's memmem, through the whole body to its "</main>", was a tenth of this function.
  if (size_t b = find_text(html, "<main"); b != std::string_view::npos) {
    size_t e = find_text(html, "</main>", b);
    html = html.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
  }
  bool in_heading = false;
  bool had_h1 = false;
  std::string_view skip_until;  // a closing tag: everything up to it is skipped
  int skip_depth = 0;
  char name_buf[16];
  auto find = [&](size_t from, char c) {
    const void* at = from < html.size() ? std::memchr(html.data() + from, c, html.size() - from) : nullptr;
    return at ? static_cast<size_t>(static_cast<const char*>(at) - html.data()) : html.size();
  };
  size_t lt = 0, amp = 0;  // the next '<' and '&' at or after the text being read (0: not looked for)
  for (size_t i = 0; i < html.size();) {
    char ch = html[i];
    if (ch == '<') {
      if (i + 4 <= html.size() && html[i + 1] == '!' && html[i + 2] == '-' && html[i + 3] == '-') {
        size_t e = html.find("-->", i + 4);
        i = e == std::string_view::npos ? html.size() : e + 3;
        continue;
      }
      size_t e = html.find('>', i);
      if (e == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, e - i - 1);
      i = e + 1;
      bool closing = !tag.empty() && tag[0] == '/';
      if (closing) tag.remove_prefix(1);
      size_t n = 0;
      auto alnum = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
      while (n < tag.size() && alnum(tag[n])) ++n;
      // The tag's name in lower case; names longer than any we look for are only told apart from them.
      const size_t len = std::min(n, sizeof name_buf);
      for (size_t k = 0; k < len; ++k) name_buf[k] = tag[k] >= 'A' && tag[k] <= 'Z' ? static_cast<char>(tag[k] + 32) : tag[k];
      const std::string_view name(name_buf, n > sizeof name_buf ? 0 : len);
      if (!skip_until.empty()) {
        if (name == skip_until) skip_depth += closing ? -1 : 1;
        if (skip_depth == 0) skip_until = {};
        continue;
      }
      if (!closing && (name == "nav" || name == "svg" || name == "script" || name == "style" || name == "template")) {
        if (!tag.ends_with("/")) {
          static constexpr std::string_view kSkipped[] = {"nav", "svg", "script", "style", "template"};
          for (std::string_view k : kSkipped)
            if (k == name) skip_until = k;
          skip_depth = 1;
        }
        continue;
      }
      if (name == "h1" && !closing && !had_h1) {
        had_h1 = true;
        in_heading = true;
        continue;
      }
      if (name == "h1" && closing && in_heading) {
        in_heading = false;
        continue;
      }
      if (!inline_tag(name)) out.space(in_heading);
      continue;
    }
    if (!skip_until.empty()) {
      i = std::min(html.find('<', i), html.size());
      continue;
    }
    if (ch == '&') {
      size_t e = html.substr(i, 11).find(';');  // an entity is short: no search to the end of the page
      if (e != std::string_view::npos) {
        char buf[4];
        out.add(in_heading, decode_entity(html.substr(i + 1, e - 1), buf));
        i += e + 1;
        continue;
      }
    }
    // Text up to the next tag or entity, whole (memchr finds them a word at a time).
    if (lt <= i) lt = find(i + 1, '<');
    if (amp <= i) amp = find(i + 1, '&');
    const size_t j = std::min(lt, amp);
    out.add(in_heading, html.substr(i, j - i));
    i = j;
  }
}
}  // namespace

PageText page_text(std::string_view html) {
  PageText t;
  struct Out {
    CollapsedText heading, body;
    void add(bool h, std::string_view s) { (h ? heading : body).add(s); }
    void space(bool h) { (h ? heading : body).space(); }
  } out{CollapsedText(t.heading), CollapsedText(t.body)};
  walk_text(html, out);
  return t;
}

namespace {

// About `limit` characters of text, cut at a word boundary: before the last space among characters
// limit/2 + 1 … limit, else after limit/2 characters. Walks only the first `limit` + 1 characters
// (a page's text can be long), keeping no table of their offsets.
std::string snippet(const std::string& text, size_t limit) {
  size_t i = 0, chars = 0;
  size_t half = 0, space = std::string::npos;  // byte offsets: character limit/2, the last space after it
  for (; i < text.size() && chars <= limit; ++chars) {
    if (chars == limit / 2) half = i;
    if (chars > limit / 2 && text[i] == ' ') space = i;
    utf8::next(text, i);
  }
  if (chars <= limit) return text;  // limit characters or fewer
  return text.substr(0, space != std::string::npos ? space : half) + "…";
}


}  // namespace

namespace {
constexpr size_t kSnippetChars = 220;  // the snippet shown in search results
}  // namespace

void PageTerms::read(const std::string& title, std::string_view page_html) {
  for (int id : touched_) weight_[id] = 0;
  touched_.clear();
  if (title.empty()) {  // the first heading counts as the title: it is known only after the walk
    PageText t = page_text(page_html);
    count(t.heading, 5);
    count(t.body, 1);
    snippet_ = snippet(t.body, kSnippetChars);
    return;
  }
  count(title, 5);  // the title counts more
  // One walk over the page: the body's words are counted as they come, and of its text only the
  // beginning is kept, for the snippet (at most 4 bytes a character).
  auto body_word = [this](std::string_view w) { add_word(w, 1); };
  std::string start_text;
  struct Out {  // the first heading is not read: the title stands for it
    decltype(body_word)& word;
    CollapsedText start;
    const std::string& start_text;
    WordReader words;
    void add(bool h, std::string_view s) {
      if (h) return;
      if (start_text.size() <= 4 * (kSnippetChars + 1)) start.add(s);
      words.feed(s, word);
    }
    void space(bool h) {
      if (h) return;
      start.space();
      words.end(word);
    }
  } out{body_word, CollapsedText(start_text), start_text, {}};
  walk_text(page_html, out);
  out.words.end(body_word);
  snippet_ = snippet(start_text, kSnippetChars);
}

namespace {
// A hash of a word, eight bytes at a time (words are short; std::hash was a tenth of indexing).
uint64_t word_hash(std::string_view w) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ w.size();
  size_t i = 0;
  for (; i + 8 <= w.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, w.data() + i, 8);
    h = (h ^ x) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  if (i < w.size()) {
    uint64_t x = 0;
    std::memcpy(&x, w.data() + i, w.size() - i);
    h = (h ^ x) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
  }
  return h * 0xFF51AFD7ED558CCDull;
}
}  // namespace

int PageTerms::stem_of(std::string_view word) {
  if (slots_.empty()) slots_.resize(1024);
  const uint64_t h = word_hash(word);
  size_t mask = slots_.size() - 1;
  for (size_t at = h & mask;; at = (at + 1) & mask) {
    Slot& s = slots_[at];
    if (s.len == 0) break;  // words have at least two letters: an empty slot has length 0
    if (s.hash == h && s.len == word.size() && std::memcmp(words_.data() + s.offset, word.data(), word.size()) == 0)
      return s.stem;
  }
  // A word not seen before: its stem, then a slot (the table kept at most half full).
  const int stem = stem_number(word);
  if (2 * (used_ + 1) > slots_.size()) {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.len == 0) continue;
      size_t at = s.hash & mask;
      while (slots_[at].len != 0) at = (at + 1) & mask;
      slots_[at] = s;
    }
  }
  size_t at = h & mask;
  while (slots_[at].len != 0) at = (at + 1) & mask;
  slots_[at] = Slot{h, words_.size(), word.size(), stem};
  words_ += word;
  ++used_;
  return stem;
}

void PageTerms::add_word(std::string_view word, int w) {
  const int id = stem_of(word);
  if (id < 0) return;
  if (weight_[id] == 0) touched_.push_back(id);
  weight_[id] += w;
}

void PageTerms::count(std::string_view text, int w) {
  each_word(text, [&](std::string_view word) { add_word(word, w); });
}

int PageTerms::stem_number(std::string_view word) {
  if (kStopWords.count(word)) return -1;
  std::string s = stemmer_.stem(word);
  auto [it, added] = stem_ids_.try_emplace(s, static_cast<int>(stems_.size()));
  if (added) {
    stems_.push_back(std::move(s));
    weight_.push_back(0);
  }
  return it->second;
}

void SearchIndex::add(const PageTerms& page, const std::string& url, const std::string& title, const std::string& org) {
  Doc d{url, title, org, page.snippet_, {}};
  d.terms.reserve(page.touched_.size());
  constexpr unsigned kNone = ~0u;
  std::lock_guard lock(mutex_);
  auto it = std::find_if(known_.begin(), known_.end(), [&](const auto& k) { return k.first == page.identity_; });
  if (it == known_.end()) it = known_.insert(known_.end(), {page.identity_, {}});
  std::vector<unsigned>& ids = it->second;
  if (ids.size() < page.stems_.size()) ids.resize(page.stems_.size(), kNone);
  for (int id : page.touched_) {
    unsigned& global = ids[static_cast<size_t>(id)];
    if (global == kNone) global = stems_.try_emplace(page.stems_[id], static_cast<unsigned>(stems_.size())).first->second;
    d.terms.emplace_back(global, static_cast<unsigned short>(std::min(page.weight_[id], 999)));
  }
  docs_.push_back(std::move(d));
}

size_t SearchIndex::size() const {
  std::lock_guard lock(mutex_);
  return docs_.size();
}

// The same bytes as a nlohmann::json document {"pages": […], "terms": {…}, "version": 1} dumped
// compactly (object keys in byte order), written directly: the document of a big site took
// several times the memory of its text.
std::string SearchIndex::script() {
  std::lock_guard lock(mutex_);
  std::vector<const Doc*> docs;
  docs.reserve(docs_.size());
  for (const Doc& d : docs_) docs.push_back(&d);
  std::sort(docs.begin(), docs.end(), [](const Doc* a, const Doc* b) { return a->url < b->url; });
  std::string out =
      "// Поисковый индекс раздела «Наставничество» (создан nastavnik; основы слов — стеммер Snowball).\n"
      "window.NK_SEARCH_INDEX = {\"pages\":[";
  // The postings of each stem (page, weight) in one array, by stem id: counted, then placed.
  std::vector<unsigned> from(stems_.size() + 1, 0);
  for (const Doc* d : docs)
    for (const auto& term : d->terms) ++from[term.first + 1];
  for (size_t k = 1; k < from.size(); ++k) from[k] += from[k - 1];
  std::vector<std::pair<unsigned, unsigned short>> postings(from.back());
  std::vector<unsigned> fill(from.begin(), from.end() - 1);
  for (size_t i = 0; i < docs.size(); ++i) {
    const Doc& d = *docs[i];
    out += i ? ",{\"o\":" : "{\"o\":";
    append_json_string(out, d.org);
    out += ",\"s\":";
    append_json_string(out, d.snippet);
    out += ",\"t\":";
    append_json_string(out, d.title);
    out += ",\"u\":";
    append_json_string(out, d.url);
    out += "}";
    for (const auto& [id, w] : d.terms) postings[fill[id]++] = {static_cast<unsigned>(i), w};
  }
  out += "],\"terms\":{";
  // The stems in byte order, as a JSON object's keys are dumped.
  std::vector<std::pair<std::string_view, unsigned>> stems(stems_.begin(), stems_.end());
  std::sort(stems.begin(), stems.end());
  bool first = true;
  for (const auto& [s, id] : stems) {
    out += first ? "" : ",";
    first = false;
    append_json_string(out, s);
    out += ":[";
    auto number = [&out](unsigned v) {
      char num[16];
      out.append(num, static_cast<size_t>(std::to_chars(num, num + sizeof num, v).ptr - num));
    };
    for (unsigned k = from[id]; k < from[id + 1]; ++k) {  // page,weight,page,weight…
      if (k != from[id]) out += ',';
      number(postings[k].first);
      out += ',';
      number(postings[k].second);
    }
    out += "]";
  }
  out += "},\"version\":1};\n";
  return out;
}

}  // namespace nastavnik::html

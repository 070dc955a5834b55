// Site search without an external service: an index of Russian word stems built at build time
// (Snowball's Russian stemmer from libstemmer) and written as a script, search-index.js, that the
// search page loads with <script src> (so it works from file://, where fetch of a local file is
// blocked). templates/assets/search.js stems the query with a port of the same algorithm.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sb_stemmer;

namespace nastavnik::html {

// Snowball's Russian stemmer (libstemmer). One instance is not safe to use from two threads.
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  // The stem of a lower-case word.
  std::string stem(std::string_view word);

 private:
  sb_stemmer* st_;
};

// The words of a text as the search sees them: lower case, «ё» as «е», runs of [0-9a-zа-я];
// one-letter words and function words («и», «в», «для», …) are dropped. Same rules as search.js.
std::vector<std::string> search_words(std::string_view text);

// The readable text of a page: the inside of <main> (or the whole text), without tags, navigation,
// SVG and the first heading; entities decoded; whitespace collapsed.
struct PageText {
  std::string heading;  // the text of the first <h1>
  std::string body;     // everything else
};
PageText page_text(std::string_view html);

// The words of one page as the index counts them: its text read from the HTML, the stems with their
// weights, the snippet shown in results. One per worker (not thread-safe); it keeps between pages
// its stemmer (libstemmer's is not thread-safe) and every word it has seen with the number of its
// stem (-1: a function word): a site's vocabulary is some thousands of words, so nearly every word
// costs one hash lookup.
class PageTerms {
 public:
  // Reads a page (forgetting the previous one); the title, or else the first heading, counts more.
  void read(const std::string& title, std::string_view page_html);

 private:
  friend class SearchIndex;
  // Who numbered the stems, for the indexes that remember this numbering (SearchIndex::known_).
  // Not the object's address: a PageTerms made after another one died may get the same address
  // with another numbering. An index keeps the token alive, so no other PageTerms can get it.
  std::shared_ptr<const char> identity_ = std::make_shared<const char>();
  void count(std::string_view text, int weight);
  void add_word(std::string_view word, int weight);
  int stem_of(std::string_view word);      // through the cache of words
  int stem_number(std::string_view word);  // the stemmer, for a word not seen before
  Stemmer stemmer_;
  // Every word seen, with the number of its stem: an open-addressing table over one arena of words.
  struct Slot {
    uint64_t hash = 0;
    size_t offset = 0;  // in words_
    size_t len = 0;     // 0: empty
    int stem = 0;
  };
  std::vector<Slot> slots_;
  std::string words_;
  size_t used_ = 0;
  std::unordered_map<std::string, int> stem_ids_;
  std::vector<std::string> stems_;
  std::vector<int> weight_;   // by stem number: the weight on the page read last
  std::vector<int> touched_;  // stems with a weight on that page
  std::string snippet_;
};

// The index of all pages of a site. add() is safe to call from several threads; script() sorts
// the pages by address, so the output does not depend on the order of the workers.
// It keeps of a page only its stems, weights and snippet, not its text, which would grow the memory
// of a build with the site.
class SearchIndex {
 public:
  // The page `terms` has read last, at `url`.
  void add(const PageTerms& terms, const std::string& url, const std::string& title, const std::string& org);
  // The text of search-index.js: `window.NK_SEARCH_INDEX = {…};`. Page addresses are relative to
  // the web root (search.html lives there).
  std::string script();
  size_t size() const;

 private:
  struct Doc {
    std::string url, title, org, snippet;
    std::vector<std::pair<unsigned, unsigned short>> terms;  // (stem id, weight)
  };
  mutable std::mutex mutex_;
  std::vector<Doc> docs_;
  std::unordered_map<std::string, unsigned> stems_;  // stem → id (sorted when written)
  // For each PageTerms that added pages (one per worker), by its identity_: its stem numbers → ids
  // here, so that a stem is looked up by its text once per worker, not once per page.
  std::vector<std::pair<std::shared_ptr<const char>, std::vector<unsigned>>> known_;
};

}  // namespace nastavnik::html

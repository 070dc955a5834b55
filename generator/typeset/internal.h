// Internal parts of the typesetting engine: fonts and metrics, the display list, line breaking.
#pragma once

#include <hpdf.h>

#include <array>
#include <bitset>
#include <cstring>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "typeset/typeset.h"

namespace nastavnik::typeset::detail {

constexpr double kPtPerMm = 72.0 / 25.4;
inline double mm(double v) { return v * kPtPerMm; }

enum FontId { kRegular = 0, kBold = 1, kItalic = 2, kBoldItalic = 3 };
inline int font_id(bool bold, bool italic) { return (bold ? 1 : 0) + (italic ? 2 : 0); }

// Collects libharu errors of one document (passed as the error handler's user data).
struct HpdfError {
  HPDF_STATUS code = 0;
  HPDF_STATUS detail = 0;
};

// Font files by path, for the documents of one build (Resources), thread-safe. Whether a file
// opens: a file found readable is remembered (every render resolves its font set; the files do not
// come and go during a build), a missing one is asked again. And the bytes of the files libharu
// embeds, read once and kept as long as this (a few files of ~300 KB; fonts.cpp: read from memory).
class FontFiles {
 public:
  bool readable(const std::string& path);
  const std::string* bytes(const std::string& path);  // nullptr when the file cannot be read

 private:
  std::mutex readable_mutex_, bytes_mutex_;
  std::set<std::string> readable_;
  std::map<std::string, std::unique_ptr<const std::string>> bytes_;
};

// The document's fonts, loaded lazily (a face that is never used is never embedded), with cached
// text widths.
//
// Each face is used through two libharu fonts over one embedded font program: a single-byte one in
// CP1251 for every character that encoding has (Cyrillic, Latin, the typographic punctuation of
// DOMAIN.md: « » — – … №), and a UTF-8 (CID) one only for the characters outside it. libharu 2.3
// builds the CID font's CIDToGIDMap over all 65,536 codes with a linear glyph search for every font
// it creates, and compresses that map into every document: ≈4 ms per face per document, a fifth
// of the PDF build (issue 6). Both fonts give a character the same advance width (both take it from
// the glyph's advance in the font), so the layout does not depend on which one draws it.
// The four faces' files after fallbacks (bold italic -> bold -> regular, italic -> regular); throws
// when the regular one cannot be read. `key` names the set.
struct FaceFiles {
  std::array<std::string, 4> files;
  std::string key;
};
FaceFiles resolve_faces(const Fonts& fonts, FontFiles& files);
// Parses the set's distinct files into `pdf`, always all of them and in face order: libharu names
// the embedded subsets HPDFAA+, HPDFAB+, … in the order fonts are loaded, so the names (and the
// bytes) depend on the font set alone, not on which face a document happens to use first. The
// fonts are then read from `files`' bytes, which must outlive `pdf`.
std::array<const char*, 4> load_faces(HPDF_Doc pdf, const FaceFiles& faces, FontFiles& files, HpdfError* err);

class FontSet {
 public:
  // `names`: the faces as loaded into `pdf` by load_faces.
  FontSet(HPDF_Doc pdf, const FaceFiles& faces, const std::array<const char*, 4>& names, HpdfError* err);
  // Resolves and loads the faces itself (a document object of its own; `files` outlives `pdf`).
  FontSet(HPDF_Doc pdf, const Fonts& fonts, FontFiles& files, HpdfError* err);
  // Width in points of a UTF-8 string (no line breaks) at the given size.
  double width(int id, std::string_view text, double size);
  double space(int id, double size) { return width(id, " ", size); }
  // Ascent and descent (positive) as fractions of the size, from the regular face.
  double ascent();
  double descent();

  // A run of text in one libharu font: `bytes` in that font's encoding, `width` per 1 pt.
  struct Run {
    HPDF_Font font;
    std::string bytes;
    double width = 0;
  };
  // Measuring has effects in libharu: the first character of a face creates its font, and every
  // measured glyph is embedded. A paragraph whose lines come from the cache measures again what it
  // measured when it was broken (record, then replay), so that a document's bytes do not depend on
  // which documents were laid out before it (signatures are checked against them).
  void record(std::vector<std::pair<int, char32_t>>* into);
  void replay(const std::vector<std::pair<int, char32_t>>& measured) {
    for (const auto& [id, c] : measured) char_width(id, c);
  }
  // The font files, one string: widths, and so line breaks, depend on nothing else of the set.
  const std::string& key() const { return key_; }
  HPDF_Font single_font(int id) { return single(id); }
  // Splits a UTF-8 string into runs that the single-byte and the UTF-8 fonts draw.
  void runs(int id, std::string_view text, std::vector<Run>& out);

 private:
  HPDF_Doc pdf_;
  std::array<std::string, 4> files_;
  std::string key_;
  std::array<const char*, 4> names_{};          // libharu font definitions, by face
  std::array<HPDF_Font, 4> single_{};           // CP1251
  std::array<HPDF_Font, 4> unicode_{};          // UTF-8, only if a character needs it
  std::array<unsigned char, 0x2200> cp1251_{};  // code point -> CP1251 byte, 0 = none
  // Advance widths per 1 pt by code point: a string's width is the sum of its characters' (libharu
  // applies no kerning to TrueType fonts), so each character is asked of libharu once per document.
  std::array<std::unordered_map<char32_t, double>, 4> char_width_;
  std::array<std::array<double, 0x500>, 4> fast_{};  // Latin and Cyrillic; < 0 = not asked yet
  HpdfError* err_;
  std::vector<std::pair<int, char32_t>>* record_ = nullptr;
  std::array<std::bitset<0x500>, 4> recorded_;
  std::unordered_set<char32_t> recorded_other_[4];

  HPDF_Font font_in(std::array<HPDF_Font, 4>& fonts, int id, const char* encoding);
  HPDF_Font single(int id) { return font_in(single_, id, "CP1251"); }
  HPDF_Font unicode(int id) { return font_in(unicode_, id, "UTF-8"); }
  unsigned char byte_of(char32_t c) const { return c < cp1251_.size() ? cp1251_[c] : 0; }
  double char_width(int id, char32_t c);
  [[noreturn]] void fail(const std::string& what, int id) const;
  FontSet(HPDF_Doc pdf, const FaceFiles& faces, FontFiles& files, HpdfError* err);
};

struct Color {
  double r = 0, g = 0, b = 0;
  bool operator==(const Color&) const = default;
};

struct TextOp {
  double x, y;
  int font;
  double size;
  std::string text;
  Color color;
  // Added to every space of the text (PDF word spacing, Tw): a justified line is one string with
  // its spaces stretched instead of a string per word, which is less to write and to compress and
  // gives text extraction real spaces.
  double word_space = 0;
};
struct LineOp {
  double x1, y1, x2, y2, width;
  Color color;
};
struct RectOp {
  double x, y, w, h;
  std::optional<Color> fill, stroke;
  double line_width = 0.5;
  double radius = 0;
};
struct PolylineOp {
  std::vector<std::pair<double, double>> pts;
  double width;
  Color color;
};
struct CircleOp {
  double x, y, r;
  Color fill;
};
// A row of dots (dot leaders of the table of contents): circles of radius r at x = to - 1,
// to - 1 - step, ... while x > from, drawn as CircleOps would be. One op instead of a hundred.
struct DotsOp {
  double from, to, y, r, step;
  Color fill;
};
struct ImageOp {
  std::string path;
  double x, y, w, h;
};
struct LinkOp {
  double x, y, w, h;
  std::string uri;     // external link, or
  int dest_page = -1;  // internal destination
  double dest_y = 0;
};
using Op = std::variant<TextOp, LineOp, RectOp, PolylineOp, CircleOp, DotsOp, ImageOp, LinkOp>;

struct PageOps {
  std::vector<Op> ops;
};

struct OutlineEntry {
  std::string title;
  int level;
  int page;
  double y;  // top of the heading
};

// ---- line breaking ----

struct Run {
  int font;
  std::string text;  // UTF-8, NBSP already replaced by a space
  int link = -1;     // index into the paragraph's links
  double width = 0;
};

struct PlacedWord {
  double x;  // relative to the line start
  std::vector<Run> runs;
  double width;
};

struct Line {
  std::vector<PlacedWord> words;
  double indent = 0;  // offset of the line start from the paragraph's left edge
  double width = 0;   // drawn width (from the first word's start to the last word's end)
  bool last = false;  // last line of the paragraph or before a forced break
  std::string text() const;
};

// The lines of a paragraph, shared with the cache of line breaks that made them (a paragraph set
// again, in the section PDF or in another layout pass, is not copied line by line and word by
// word); copied only when changed.
class Lines {
 public:
  Lines() = default;
  Lines(std::vector<Line> v) : p_(std::make_shared<const std::vector<Line>>(std::move(v))) {}
  explicit Lines(std::shared_ptr<const std::vector<Line>> p) : p_(std::move(p)) {}
  size_t size() const { return p_ ? p_->size() : 0; }
  bool empty() const { return size() == 0; }
  const Line& operator[](size_t i) const { return (*p_)[i]; }
  const Line& back() const { return p_->back(); }
  const Line& front() const { return p_->front(); }
  std::vector<Line>::const_iterator begin() const { return p_ ? p_->begin() : empty_().begin(); }
  std::vector<Line>::const_iterator end() const { return p_ ? p_->end() : empty_().end(); }
  const std::shared_ptr<const std::vector<Line>>& shared() const { return p_; }
  // Changes work on a copy of the lines.
  std::vector<Line>& edit() {
    auto own = std::make_shared<std::vector<Line>>(p_ ? *p_ : std::vector<Line>{});
    std::vector<Line>& ref = *own;
    p_ = std::move(own);
    return ref;
  }
  void clear() { p_.reset(); }

 private:
  std::shared_ptr<const std::vector<Line>> p_;
  static const std::vector<Line>& empty_() {
    static const std::vector<Line> e;
    return e;
  }
};

struct BreakParams {
  double size = 14;
  double first_width = 0, rest_width = 0;  // available widths
  double first_indent = 0, rest_indent = 0;
  Align align = Align::justify;
  bool hyphenate = true;
  bool base_bold = false, base_italic = false;
};

// What LineBreaker remembers: hyphenation points of words, and whole paragraphs by their text,
// fonts and measures (see Session). Bounded: emptied when it grows past kMaxBytes.
struct BreakCache {
  static constexpr size_t kMaxBytes = 64u << 20;
  struct Entry {
    std::shared_ptr<const std::vector<Line>> lines;
    std::vector<std::string> links;
    std::vector<std::pair<int, char32_t>> measured;  // see FontSet::record
  };
  std::unordered_map<std::string, Entry> paragraphs;
  std::unordered_map<std::string, std::vector<size_t>> hyphenation;
  size_t bytes = 0;
  void account(size_t n) {
    bytes += n;
    if (bytes > kMaxBytes) {
      paragraphs.clear();
      hyphenation.clear();
      bytes = 0;
    }
  }
};

// Compressed font programs and images by the SHA-256 of their uncompressed bytes, for the documents
// of one build (Resources), thread-safe. The same subset of a face recurs in many documents (the
// same glyphs used), and compressing a font program is several times the work of hashing it; the
// output is what compressing would give (same input, level and libdeflate), so a document's bytes do
// not depend on what the cache holds. Only the compressed bytes are kept (new memory costs page
// faults, more than the hash): bounded, the oldest entries go past kMaxBytes.
class StreamCache {
 public:
  static constexpr size_t kMaxBytes = 32u << 20;
  static constexpr size_t kDigestBytes = 32;  // SHA-256
  using Key = std::array<unsigned char, kDigestBytes + sizeof(size_t) + sizeof(int)>;
  static Key key(int level, std::string_view raw);
  // Copies the compressed bytes to where reserve(n) says; false when not cached.
  template <class Reserve>
  bool find(const Key& k, Reserve reserve, size_t& n) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(k);
    if (it == index_.end()) return false;
    n = it->second->packed.size();
    std::memcpy(reserve(n), it->second->packed.data(), n);
    return true;
  }
  void add(const Key& k, std::string_view packed);

 private:
  struct Entry {
    Key key;
    std::string packed;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      size_t h;
      std::memcpy(&h, k.data(), sizeof h);
      return h;
    }
  };
  std::mutex mutex_;
  std::list<Entry> entries_;  // oldest first
  std::unordered_map<Key, std::list<Entry>::iterator, KeyHash> index_;
  size_t bytes_ = 0;
};

// Compresses the streams of a PDF that libharu wrote uncompressed, with libdeflate. libharu deflates
// with zlib at its default level inside HPDF_SaveToStream, the font programs of every document too:
// half of the PDF build time (perf, issue 6); libdeflate gives the same or smaller streams in less
// than half the time. nullopt when the file is not laid out as libharu 2.3 writes it (the caller
// then lets libharu compress). Font programs and images go through `cache` when one is given. Used
// by one thread at a time (one per Workspace).
class Deflater {
 public:
  explicit Deflater(int level, StreamCache* cache = nullptr);
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  std::optional<std::string> compress_pdf(std::string_view pdf);

 private:
  int level_;
  StreamCache* cache_;
  struct libdeflate_compressor* compressor_ = nullptr;
  std::unique_ptr<char[]> arena_;  // compressed streams of the current document
  size_t arena_size_ = 0, arena_used_ = 0;
  void reserve_arena(size_t n);  // keeps the first arena_used_ bytes
  std::string rewrite(std::string_view pdf);
};

// A libharu document object with one font set parsed into it, for one document at a time.
struct Engine {
  FaceFiles faces;
  HPDF_Doc pdf = nullptr;
  HpdfError err;  // the error handler's user data
  std::array<const char*, 4> names{};
  Engine() = default;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine() {
    if (pdf) HPDF_Free(pdf);
  }
};

// What the Resources of a build hold (typeset.h).
struct ResourcesState {
  FontFiles fonts;
  StreamCache streams;
  // The Russian hyphenation dictionary, loaded when the first document needs it (immutable after).
  const Hyphenator* hyphenator() {
    std::call_once(hyphenator_loaded_, [this] { hyphenator_ = Hyphenator::load_default(); });
    return hyphenator_.get();
  }

 private:
  std::once_flag hyphenator_loaded_;
  std::unique_ptr<const Hyphenator> hyphenator_;
};

// What a Workspace keeps from one document to the next, also across sessions (a session lives for
// one organisation): libharu's document objects with the fonts parsed into them (engines by font
// set: a few, order, programme and report styles may name other fonts; parsing the four faces and
// freeing them again per organisation was 3 % of the PDF build), the buffer libharu saves into and
// the compressor with its buffer (fresh memory for them cost page faults). The engines read their
// fonts from the resources' bytes. A document's bytes do not depend on what the workspace rendered
// before (unit tests).
struct WorkspaceState {
  static constexpr size_t kMaxEngines = 4;
  explicit WorkspaceState(ResourcesState& r) : resources(r), deflater(3, &r.streams) {}
  ResourcesState& resources;
  std::vector<std::unique_ptr<Engine>> engines;
  std::string raw;  // the document as libharu wrote it
  Deflater deflater;  // 20 schools: level 3 = 2.2 s and 21.7 MB of PDF, 6 = 2.9 s and 21.1 MB; libharu's zlib gave 22 MB
};

// What a Session keeps (typeset.h): line breaks. (libharu's document objects with the parsed fonts
// are kept by the session's Workspace.)
struct SessionState {
  BreakCache breaks;
};

class LineBreaker {
 public:
  LineBreaker(FontSet& fonts, const Hyphenator* hyph, BreakCache* shared = nullptr)
      : fonts_(fonts), hyph_(hyph), cache_(shared ? shared : &own_) {}
  Lines break_lines(const std::vector<Span>& spans, const BreakParams& p,
                                std::vector<std::string>* links);
  // Widths used for automatic table column widths.
  double longest_word(const std::vector<Span>& spans, double size, bool bold);
  double natural_width(const std::vector<Span>& spans, double size, bool bold);
  FontSet& fonts() { return fonts_; }

 private:
  FontSet& fonts_;
  const Hyphenator* hyph_;
  BreakCache own_;
  BreakCache* cache_;
  std::vector<Line> break_uncached(const std::vector<Span>& spans, const BreakParams& p,
                                   std::vector<std::string>* links);
};

std::string plain_text(const std::vector<Span>& spans);
// libharu.cpp replaces helpers of libharu 2.3 (the version of Debian 12) only.
#if HPDF_MAJOR_VERSION == 2 && HPDF_MINOR_VERSION == 3
#define NASTAVNIK_LIBHARU_HOOKS 1
#else
#define NASTAVNIK_LIBHARU_HOOKS 0
#endif
inline constexpr bool kLibharuHooks = NASTAVNIK_LIBHARU_HOOKS;
// How many times the program's replacement of libharu's font subset was called (libharu.cpp).
int libharu_hook_calls();
// The file's bytes when `s` is a font stream read from memory (fonts.cpp), else nullptr.
const std::string* memory_font_bytes(HPDF_Stream s);
std::string format_number(double v);  // decimal comma

}  // namespace nastavnik::typeset::detail

// Compression of the streams of a PDF that libharu wrote uncompressed (see internal.h).
#include <libdeflate.h>
#include <openssl/sha.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <functional>
#include <optional>
#include <stdexcept>

#include "typeset/internal.h"

namespace nastavnik::typeset::detail {

namespace {

// The structure is not the one libharu 2.3 writes.
struct Unexpected {
  const char* what;
};
[[noreturn]] void bad(const char* what) { throw Unexpected{what}; }

// Parses an unsigned decimal number at `pos` (no sign, no spaces); advances pos.
size_t number(std::string_view s, size_t& pos) {
  size_t v = 0;
  auto [end, ec] = std::from_chars(s.data() + pos, s.data() + s.size(), v);
  if (ec != std::errc() || end == s.data() + pos) bad("a number was expected");
  pos = static_cast<size_t>(end - s.data());
  return v;
}

bool starts(std::string_view s, size_t pos, std::string_view with) { return s.substr(pos, with.size()) == with; }

struct Object {
  size_t id = 0;
  std::string_view text;  // "N 0 obj\n … endobj\n"
};

// The number inside "N 0 obj\n<value>\nendobj\n" (libharu's indirect stream lengths).
size_t integer_object(std::string_view text) {
  size_t pos = text.find("obj\n");
  if (pos == std::string_view::npos) bad("length object");
  pos += 4;
  return number(text, pos);
}

}  // namespace

static_assert(StreamCache::kDigestBytes == SHA256_DIGEST_LENGTH);

StreamCache::Key StreamCache::key(int level, std::string_view raw) {
  Key k{};
  SHA256(reinterpret_cast<const unsigned char*>(raw.data()), raw.size(), k.data());
  const size_t n = raw.size();
  std::memcpy(k.data() + kDigestBytes, &n, sizeof n);
  std::memcpy(k.data() + kDigestBytes + sizeof n, &level, sizeof level);
  return k;
}

void StreamCache::add(const Key& k, std::string_view packed) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (index_.count(k)) return;
  entries_.push_back(Entry{k, std::string(packed)});
  index_.emplace(k, std::prev(entries_.end()));
  bytes_ += packed.size() + sizeof(Entry);
  while (bytes_ > kMaxBytes && !entries_.empty()) {
    auto old = entries_.begin();
    index_.erase(old->key);
    bytes_ -= old->packed.size() + sizeof(Entry);
    entries_.erase(old);
  }
}

Deflater::Deflater(int level, StreamCache* cache) : level_(level), cache_(cache) {}

void Deflater::reserve_arena(size_t n) {
  if (n <= arena_size_) return;
  size_t size = std::max(n, arena_size_ * 2);
  std::unique_ptr<char[]> grown(new char[size]);  // not zero-filled
  if (arena_used_) std::memcpy(grown.get(), arena_.get(), arena_used_);
  arena_ = std::move(grown);
  arena_size_ = size;
}

Deflater::~Deflater() {
  if (compressor_) libdeflate_free_compressor(compressor_);
}

std::optional<std::string> Deflater::compress_pdf(std::string_view pdf) {
  if (!compressor_) compressor_ = libdeflate_alloc_compressor(level_);
  if (!compressor_) throw std::runtime_error("libdeflate: out of memory");
  try {
    return rewrite(pdf);
  } catch (const Unexpected&) {
    return std::nullopt;
  }
}

std::string Deflater::rewrite(std::string_view pdf) {
  // ---- the cross-reference table: where each object starts ----
  const size_t sx = pdf.rfind("startxref\n");
  if (sx == std::string_view::npos) bad("no startxref");
  size_t pos = sx + 10;
  const size_t xref = number(pdf, pos);
  if (xref >= sx || !starts(pdf, xref, "xref\n0 ")) bad("no xref table");
  pos = xref + 7;
  const size_t count = number(pdf, pos);
  if (!starts(pdf, pos, "\n")) bad("xref header");
  const size_t entries = pos + 1;
  const size_t trailer = entries + count * 20;
  if (trailer > sx || !starts(pdf, trailer, "trailer\n")) bad("xref entries");
  std::vector<Object> objects;
  for (size_t i = 0; i < count; ++i) {
    std::string_view e = pdf.substr(entries + i * 20, 20);
    if (e[17] != 'n') continue;
    size_t p = 0;
    size_t off = number(e, p);
    if (off >= xref) bad("object offset");
    objects.push_back(Object{i, pdf.substr(off, 0)});
  }
  std::sort(objects.begin(), objects.end(),
            [](const Object& a, const Object& b) { return a.text.data() < b.text.data(); });
  if (objects.empty()) bad("no objects");
  for (size_t i = 0; i < objects.size(); ++i) {
    const char* begin = objects[i].text.data();
    const char* end = i + 1 < objects.size() ? objects[i + 1].text.data() : pdf.data() + xref;
    objects[i].text = std::string_view(begin, static_cast<size_t>(end - begin));
  }
  std::vector<size_t> index(count, SIZE_MAX);  // object id -> position in `objects`
  for (size_t i = 0; i < objects.size(); ++i) index[objects[i].id] = i;

  // ---- compress every stream without a filter; lengths are objects of their own ----
  // The compressed data goes to one buffer kept between documents (arena_), and the file is written
  // once from the pieces: no string per stream, no fresh pages of memory per document.
  struct Packed {
    size_t dict = 0, data = 0, len = 0;  // in the object's text: "<<\n" end, data start, raw length
    size_t at = 0, n = 0;                // in arena_
  };
  std::vector<Packed> packed(objects.size());
  std::vector<size_t> new_length(objects.size(), SIZE_MAX);  // length objects: the new value
  std::vector<bool> is_packed(objects.size(), false);
  arena_used_ = 0;
  for (size_t i = 0; i < objects.size(); ++i) {
    std::string_view t = objects[i].text;
    const size_t dict = t.find("obj\n<<\n");
    const size_t s = t.find(">>\nstream\r\n");
    if (dict == std::string_view::npos || s == std::string_view::npos) continue;
    std::string_view d = t.substr(dict + 7, s - dict - 7);
    if (d.find("/Filter") != std::string_view::npos) continue;  // JPEG: DCTDecode already
    size_t lp = d.find("/Length ");
    if (lp == std::string_view::npos) bad("stream without /Length");
    lp += 8;
    size_t len = number(d, lp);
    if (!starts(d, lp, " 0 R")) bad("a direct stream length");  // libharu writes them as objects
    if (len >= count || index[len] == SIZE_MAX) bad("stream length reference");
    const size_t length_object = index[len];
    len = integer_object(objects[length_object].text);
    const size_t data = s + 11;
    if (data + len > t.size() || !starts(t, data + len, "\nendstream\n")) bad("stream length");
    std::string_view raw = t.substr(data, len);
    // Font programs (/Length1) and images: the same bytes recur across documents.
    const bool shared = cache_ && raw.size() >= 1024 && (d.find("/Length1 ") != std::string_view::npos ||
                                                         d.find("/Subtype /Image") != std::string_view::npos);
    const size_t at = arena_used_;
    size_t n = 0;
    StreamCache::Key key{};
    bool cached = false;
    if (shared) {
      key = StreamCache::key(level_, raw);
      cached = cache_->find(key, [&](size_t len) {
        reserve_arena(at + len);
        return arena_.get() + at;
      }, n);
    }
    if (!cached) {
      const size_t bound = libdeflate_zlib_compress_bound(compressor_, raw.size());
      reserve_arena(at + bound);
      n = libdeflate_zlib_compress(compressor_, raw.data(), raw.size(), arena_.get() + at, bound);
      if (shared && n != 0 && n < raw.size()) cache_->add(key, std::string_view(arena_.get() + at, n));
    }
    if (n == 0 || n >= raw.size()) continue;  // tiny streams stay as they are
    arena_used_ = at + n;
    packed[i] = Packed{dict + 7, data, len, at, n};
    is_packed[i] = true;
    new_length[length_object] = n;
  }

  // ---- the file again, with a new cross-reference table ----
  std::string out;
  out.reserve(pdf.size() / 2 + arena_used_);
  out.append(pdf.substr(0, static_cast<size_t>(objects[0].text.data() - pdf.data())));
  std::vector<size_t> offset(count, 0);
  char num[48];
  for (size_t i = 0; i < objects.size(); ++i) {
    offset[objects[i].id] = out.size();
    std::string_view t = objects[i].text;
    if (is_packed[i]) {
      const Packed& p = packed[i];
      out.append(t.substr(0, p.dict));
      out.append("/Filter /FlateDecode\n");
      out.append(t.substr(p.dict, p.data - p.dict));  // the rest of the dictionary, "stream\r\n"
      out.append(arena_.get() + p.at, p.n);
      out.append(t.substr(p.data + p.len));
    } else if (new_length[i] != SIZE_MAX) {
      int k = std::snprintf(num, sizeof num, "%zu 0 obj\n%zu\nendobj\n", objects[i].id, new_length[i]);
      out.append(num, static_cast<size_t>(k));
    } else {
      out.append(t);
    }
  }
  const size_t new_xref = out.size();
  out.append(pdf.substr(xref, entries - xref));  // "xref\n0 N\n"
  char line[32];
  for (size_t i = 0; i < count; ++i) {
    std::string_view e = pdf.substr(entries + i * 20, 20);
    if (e[17] != 'n') {
      out.append(e);
      continue;
    }
    std::snprintf(line, sizeof line, "%010zu %.5s n\r\n", offset[i], e.data() + 11);
    out.append(line, 20);
  }
  out.append(pdf.substr(trailer, sx - trailer));
  out.append("startxref\n").append(std::to_string(new_xref)).append("\n%%EOF\n");
  return out;
}

}  // namespace nastavnik::typeset::detail

#include <hpdf_doc.h>
#include <hpdf_fontdef.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/utf8.h"
#include "typeset/internal.h"

namespace nastavnik::typeset {

std::string default_font_dir() {
  // NASTAVNIK_FONT_DIR is either the folder of the PT Serif files or its parent (Debian's
  // /usr/share/fonts/truetype, where fonts-paratype installs into paratype/). Looked up once: every
  // Document (its Fonts) asks, four times.
  static const std::string found = [] {
    const std::string dir = NASTAVNIK_FONT_DIR;
    if (FILE* f = std::fopen((dir + "/PTF55F.ttf").c_str(), "rb")) {
      std::fclose(f);
      return dir;
    }
    return dir + "/paratype";
  }();
  return found;
}

namespace detail {

bool FontFiles::readable(const std::string& path) {
  if (path.empty()) return false;
  {
    std::lock_guard<std::mutex> lock(readable_mutex_);
    if (readable_.count(path)) return true;
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::fclose(f);
  std::lock_guard<std::mutex> lock(readable_mutex_);
  readable_.insert(path);
  return true;
}

const std::string* FontFiles::bytes(const std::string& path) {
  std::lock_guard<std::mutex> lock(bytes_mutex_);
  auto it = bytes_.find(path);
  if (it != bytes_.end()) return it->second.get();
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in && !in.eof()) return nullptr;
  return bytes_.emplace(path, std::make_unique<const std::string>(ss.str())).first->second.get();
}

namespace {
// ---- font files read from memory ----
//
// libharu keeps an embedded TrueType font's file open and reads it again for every document: a
// seek and a read per used glyph (composite check when a glyph is first measured, the subset when
// the document is saved), each a system call (perf: an eighth of the PDF build in lseek and read).
// After loading, the font definition's stream is swapped for one over the file's bytes in memory
// (FontFiles, read once per build); libharu reads exactly the same bytes, so the PDFs do not change.

// The reader's position; allocated from the document's memory manager, freed with the stream.
struct MemReader {
  const std::string* bytes;
  size_t pos;
};

// As libharu's file reader: the buffer is zeroed, a short read reports HPDF_STREAM_EOF.
HPDF_STATUS HPDF_STDCALL mem_read(HPDF_Stream stream, HPDF_BYTE* ptr, HPDF_UINT* size) {
  auto* r = static_cast<MemReader*>(stream->attr);
  const size_t want = *size;
  const size_t have = r->pos < r->bytes->size() ? r->bytes->size() - r->pos : 0;
  const size_t n = want < have ? want : have;
  if (n) std::memcpy(ptr, r->bytes->data() + r->pos, n);
  if (n < want) std::memset(ptr + n, 0, want - n);
  r->pos += n;
  if (n < want) {
    *size = static_cast<HPDF_UINT>(n);
    return HPDF_STREAM_EOF;
  }
  return HPDF_OK;
}

HPDF_STATUS HPDF_STDCALL mem_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
  auto* r = static_cast<MemReader*>(stream->attr);
  long long base = mode == HPDF_SEEK_CUR ? static_cast<long long>(r->pos)
                   : mode == HPDF_SEEK_END ? static_cast<long long>(r->bytes->size())
                                           : 0;
  long long to = base + pos;
  if (to < 0) return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
  r->pos = static_cast<size_t>(to);
  return HPDF_OK;
}

HPDF_INT32 HPDF_STDCALL mem_tell(HPDF_Stream stream) {
  return static_cast<HPDF_INT32>(static_cast<MemReader*>(stream->attr)->pos);
}

HPDF_UINT32 HPDF_STDCALL mem_size(HPDF_Stream stream) {
  return static_cast<HPDF_UINT32>(static_cast<MemReader*>(stream->attr)->bytes->size());
}

void HPDF_STDCALL mem_free(HPDF_Stream stream) {
  if (stream->attr) HPDF_FreeMem(stream->mmgr, stream->attr);
  stream->attr = nullptr;
}

// Replaces the file stream of an embedded TrueType font definition by a memory one at the same
// position. Leaves the definition as it is when anything does not look as expected.
void read_from_memory(HPDF_Doc pdf, const char* name, const std::string& path, FontFiles& files) {
  HPDF_FontDef def = HPDF_GetFontDef(pdf, name);
  if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr) return;
  auto* attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
  if (!attr->embedding || !attr->stream || attr->stream->type != HPDF_STREAM_FILE) return;
  const std::string* bytes = files.bytes(path);
  if (!bytes || HPDF_Stream_Size(attr->stream) != bytes->size()) return;
  HPDF_INT32 pos = HPDF_Stream_Tell(attr->stream);
  if (pos < 0) return;
  auto* r = static_cast<MemReader*>(HPDF_GetMem(pdf->mmgr, sizeof(MemReader)));
  if (!r) return;
  r->bytes = bytes;
  r->pos = static_cast<size_t>(pos);
  HPDF_Stream s = HPDF_CallbackReader_New(pdf->mmgr, mem_read, mem_seek, mem_tell, mem_size, r);
  if (!s) {
    HPDF_FreeMem(pdf->mmgr, r);
    return;
  }
  s->free_fn = mem_free;
  HPDF_Stream_Free(attr->stream);  // closes the file
  attr->stream = s;
}

}  // namespace

const std::string* memory_font_bytes(HPDF_Stream s) {
  if (!s || s->read_fn != mem_read || !s->attr) return nullptr;
  return static_cast<MemReader*>(s->attr)->bytes;
}

FaceFiles resolve_faces(const Fonts& fonts, FontFiles& files) {
  FaceFiles f;
  f.files = {fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic};
  if (!files.readable(f.files[kRegular])) throw std::runtime_error("cannot read font " + f.files[kRegular]);
  if (!files.readable(f.files[kBold])) f.files[kBold] = f.files[kRegular];
  if (!files.readable(f.files[kItalic])) f.files[kItalic] = f.files[kRegular];
  if (!files.readable(f.files[kBoldItalic])) f.files[kBoldItalic] = f.files[kBold];
  for (const std::string& file : f.files) f.key.append(file).push_back('\0');
  return f;
}

std::array<const char*, 4> load_faces(HPDF_Doc pdf, const FaceFiles& faces, FontFiles& files, HpdfError* err) {
  std::array<const char*, 4> names{};
  for (int id = 0; id < 4; ++id) {
    for (int k = 0; k < id && !names[id]; ++k)  // faces sharing a file share its definition
      if (faces.files[k] == faces.files[id]) names[id] = names[k];
    if (names[id]) continue;
    names[id] = HPDF_LoadTTFontFromFile(pdf, faces.files[id].c_str(), HPDF_TRUE);
    if (!names[id]) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04X", unsigned(err ? err->code : 0));
      throw std::runtime_error("cannot load font " + faces.files[id] + " (libharu error 0x" + buf + ")");
    }
    read_from_memory(pdf, names[id], faces.files[id], files);
  }
  return names;
}

FontSet::FontSet(HPDF_Doc pdf, const Fonts& fonts, FontFiles& files, HpdfError* err)
    : FontSet(pdf, resolve_faces(fonts, files), files, err) {}

FontSet::FontSet(HPDF_Doc pdf, const FaceFiles& faces, FontFiles& files, HpdfError* err)
    : FontSet(pdf, faces, load_faces(pdf, faces, files, err), err) {}

FontSet::FontSet(HPDF_Doc pdf, const FaceFiles& faces, const std::array<const char*, 4>& names, HpdfError* err)
    : pdf_(pdf), files_(faces.files), key_(faces.key), names_(names), err_(err) {
  for (auto& f : fast_) f.fill(-1);
  // The CP1251 table is libharu's own, so what we encode is what its encoder declares in the PDF.
  HPDF_Encoder enc = HPDF_GetEncoder(pdf_, "CP1251");
  if (!enc) throw std::runtime_error("libharu has no CP1251 encoder");
  for (unsigned b = 0x20; b < 0x100; ++b) {
    HPDF_UNICODE u = HPDF_Encoder_GetUnicode(enc, static_cast<HPDF_UINT16>(b));
    if (u >= 0x20 && u < cp1251_.size() && !cp1251_[u] && u != 0xAD) cp1251_[u] = static_cast<unsigned char>(b);
  }
}

void FontSet::fail(const std::string& what, int id) const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04X", unsigned(err_ ? err_->code : 0));
  throw std::runtime_error("cannot load font " + files_[id] + " (" + what + ", libharu error 0x" + buf + ")");
}

// The libharu font of a face in one encoding, created on first use; faces sharing a file share it.
HPDF_Font FontSet::font_in(std::array<HPDF_Font, 4>& fonts, int id, const char* encoding) {
  if (fonts[id]) return fonts[id];
  for (int k = 0; k < 4; ++k)
    if (fonts[k] && files_[k] == files_[id]) return fonts[id] = fonts[k];
  fonts[id] = HPDF_GetFont(pdf_, names_[id], encoding);
  if (!fonts[id]) fail(encoding, id);
  return fonts[id];
}

void FontSet::record(std::vector<std::pair<int, char32_t>>* into) {
  record_ = into;
  for (int k = 0; k < 4; ++k) {
    recorded_[k].reset();
    recorded_other_[k].clear();
  }
}

double FontSet::char_width(int id, char32_t c) {
  if (record_) {
    bool first = c < recorded_[id].size() ? !recorded_[id].test(c) : recorded_other_[id].insert(c).second;
    if (c < recorded_[id].size()) recorded_[id].set(c);
    if (first) record_->push_back({id, c});
  }
  if (c < fast_[id].size() && fast_[id][c] >= 0) return fast_[id][c];
  auto it = char_width_[id].find(c);
  if (it != char_width_[id].end()) return it->second;
  HPDF_TextWidth tw;
  if (unsigned char b = byte_of(c)) {
    tw = HPDF_Font_TextWidth(single(id), &b, 1);
  } else {
    std::string one;
    utf8::append(one, c);
    tw = HPDF_Font_TextWidth(unicode(id), reinterpret_cast<const HPDF_BYTE*>(one.data()),
                             static_cast<HPDF_UINT>(one.size()));
  }
  double w = tw.width / 1000.0;
  if (c < fast_[id].size())
    fast_[id][c] = w;
  else
    char_width_[id].emplace(c, w);
  return w;
}

double FontSet::width(int id, std::string_view text, double size) {
  double w = 0;
  for (size_t i = 0; i < text.size();) w += char_width(id, utf8::next(text, i));
  return w * size;
}

void FontSet::runs(int id, std::string_view text, std::vector<Run>& out) {
  out.clear();
  for (size_t i = 0; i < text.size();) {
    char32_t c = utf8::next(text, i);
    unsigned char b = byte_of(c);
    HPDF_Font f = b ? single(id) : unicode(id);
    if (out.empty() || out.back().font != f) out.push_back(Run{f, {}, 0});
    Run& r = out.back();
    if (b)
      r.bytes += static_cast<char>(b);
    else
      utf8::append(r.bytes, c);
    r.width += char_width(id, c);
  }
}

double FontSet::ascent() { return HPDF_Font_GetAscent(single(kRegular)) / 1000.0; }
double FontSet::descent() { return -HPDF_Font_GetDescent(single(kRegular)) / 1000.0; }

}  // namespace detail
}  // namespace nastavnik::typeset

#include <cstdio>
#include <stdexcept>

#include "core/utf8.h"
#include "typeset/internal.h"

namespace nastavnik::typeset {

std::string default_font_dir() {
  // NASTAVNIK_FONT_DIR is either the folder of the PT Serif files or its parent (Debian's
  // /usr/share/fonts/truetype, where fonts-paratype installs into paratype/).
  const std::string dir = NASTAVNIK_FONT_DIR;
  if (FILE* f = std::fopen((dir + "/PTF55F.ttf").c_str(), "rb")) {
    std::fclose(f);
    return dir;
  }
  return dir + "/paratype";
}

namespace detail {

namespace {
bool readable(const std::string& path) {
  if (path.empty()) return false;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::fclose(f);
  return true;
}
}  // namespace

FaceFiles resolve_faces(const Fonts& fonts) {
  FaceFiles f;
  f.files = {fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic};
  if (!readable(f.files[kRegular])) throw std::runtime_error("cannot read font " + f.files[kRegular]);
  if (!readable(f.files[kBold])) f.files[kBold] = f.files[kRegular];
  if (!readable(f.files[kItalic])) f.files[kItalic] = f.files[kRegular];
  if (!readable(f.files[kBoldItalic])) f.files[kBoldItalic] = f.files[kBold];
  for (const std::string& file : f.files) f.key.append(file).push_back('\0');
  return f;
}

std::array<const char*, 4> load_faces(HPDF_Doc pdf, const FaceFiles& faces, HpdfError* err) {
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
  }
  return names;
}

FontSet::FontSet(HPDF_Doc pdf, const Fonts& fonts, HpdfError* err) : FontSet(pdf, resolve_faces(fonts), err) {}

FontSet::FontSet(HPDF_Doc pdf, const FaceFiles& faces, HpdfError* err)
    : FontSet(pdf, faces, load_faces(pdf, faces, err), err) {}

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

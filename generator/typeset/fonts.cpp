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

FontSet::FontSet(HPDF_Doc pdf, const Fonts& files, HpdfError* err) : pdf_(pdf), err_(err) {
  files_ = {files.regular, files.bold, files.italic, files.bold_italic};
  for (auto& f : fast_) f.fill(-1);
  if (!readable(files_[kRegular])) throw std::runtime_error("cannot read font " + files_[kRegular]);
  // Fallbacks: bold italic -> bold -> regular, italic -> regular.
  if (!readable(files_[kBold])) files_[kBold] = files_[kRegular];
  if (!readable(files_[kItalic])) files_[kItalic] = files_[kRegular];
  if (!readable(files_[kBoldItalic])) files_[kBoldItalic] = files_[kBold];
}

HPDF_Font FontSet::font(int id) {
  if (fonts_[id]) return fonts_[id];
  // Faces sharing a file share the libharu font.
  for (int k = 0; k < 4; ++k)
    if (fonts_[k] && files_[k] == files_[id]) return fonts_[id] = fonts_[k];
  const char* name = HPDF_LoadTTFontFromFile(pdf_, files_[id].c_str(), HPDF_TRUE);
  HPDF_Font f = name ? HPDF_GetFont(pdf_, name, "UTF-8") : nullptr;
  if (!f) {
    throw std::runtime_error("cannot load font " + files_[id] + " (libharu error 0x" +
                             [&] {
                               char buf[16];
                               std::snprintf(buf, sizeof buf, "%04X", unsigned(err_ ? err_->code : 0));
                               return std::string(buf);
                             }() +
                             ")");
  }
  return fonts_[id] = f;
}

double FontSet::char_width(int id, char32_t c) {
  if (c < fast_[id].size() && fast_[id][c] >= 0) return fast_[id][c];
  auto it = char_width_[id].find(c);
  if (it != char_width_[id].end()) return it->second;
  std::string one;
  utf8::append(one, c);
  HPDF_TextWidth tw =
      HPDF_Font_TextWidth(font(id), reinterpret_cast<const HPDF_BYTE*>(one.data()), static_cast<HPDF_UINT>(one.size()));
  double w = tw.width / 1000.0;
  if (c < fast_[id].size()) fast_[id][c] = w;
  else char_width_[id].emplace(c, w);
  return w;
}

double FontSet::width(int id, std::string_view text, double size) {
  double w = 0;
  for (size_t i = 0; i < text.size();) w += char_width(id, utf8::next(text, i));
  return w * size;
}

double FontSet::ascent() { return HPDF_Font_GetAscent(font(kRegular)) / 1000.0; }
double FontSet::descent() { return -HPDF_Font_GetDescent(font(kRegular)) / 1000.0; }

}  // namespace detail
}  // namespace nastavnik::typeset

// render(): layout, then drawing the display list with libharu and saving to memory.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_utils.h>

#include "typeset/layout.h"

namespace nastavnik::typeset {

namespace {

using namespace detail;

void HPDF_STDCALL on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* e = static_cast<HpdfError*>(user);
  if (e && !e->code) {
    e->code = code;
    e->detail = detail;
  }
}

std::string hex(unsigned v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04X", v);
  return buf;
}

void check(const HpdfError& e, const char* what) {
  if (e.code) throw std::runtime_error(std::string("libharu error ") + hex(e.code) + " (detail " +
                                       std::to_string(e.detail) + ") while " + what);
}

// libharu writes the URI as is: keep it ASCII.
std::string ascii_uri(const std::string& uri) {
  std::string out;
  for (unsigned char c : uri) {
    if (c < 0x80 && c > 0x20 && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' && c != '`' &&
        c != '{' && c != '|' && c != '}') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

void rounded_rect(HPDF_Page page, double x, double y, double w, double h, double r) {
  const double k = 0.5523 * r;
  HPDF_Page_MoveTo(page, x + r, y);
  HPDF_Page_LineTo(page, x + w - r, y);
  HPDF_Page_CurveTo(page, x + w - r + k, y, x + w, y + r - k, x + w, y + r);
  HPDF_Page_LineTo(page, x + w, y + h - r);
  HPDF_Page_CurveTo(page, x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
  HPDF_Page_LineTo(page, x + r, y + h);
  HPDF_Page_CurveTo(page, x + r - k, y + h, x, y + h - r + k, x, y + h - r);
  HPDF_Page_LineTo(page, x, y + r);
  HPDF_Page_CurveTo(page, x, y + r - k, x + r - k, y, x + r, y);
  HPDF_Page_ClosePath(page);
}

class Painter {
 public:
  Painter(HPDF_Doc pdf, FontSet& fonts, std::vector<HPDF_Page>& pages) : pdf_(pdf), fonts_(fonts), pages_(pages) {}

  void paint(int index, const PageOps& ops) {
    page_ = pages_[index];
    in_text_ = false;
    font_ = nullptr;
    word_space_ = 0;
    size_ = -1;
    fill_.reset();
    stroke_.reset();
    for (const Op& o : ops.ops) std::visit([&](const auto& v) { draw(v); }, o);
    end_text();
  }

 private:
  HPDF_Doc pdf_;
  FontSet& fonts_;
  std::vector<HPDF_Page>& pages_;
  HPDF_Page page_ = nullptr;
  bool in_text_ = false;
  HPDF_Font font_ = nullptr;
  double word_space_ = 0;
  std::vector<FontSet::Run> runs_;
  double size_ = -1;
  std::optional<Color> fill_, stroke_;
  std::map<std::string, HPDF_Image> images_;
  std::map<double, HPDF_XObject> dots_;  // dot leaders' form XObjects by radius

  void end_text() {
    if (in_text_) HPDF_Page_EndText(page_);
    in_text_ = false;
  }
  void set_fill(const Color& c) {
    if (fill_ && *fill_ == c) return;
    HPDF_Page_SetRGBFill(page_, c.r, c.g, c.b);
    fill_ = c;
  }
  void set_stroke(const Color& c) {
    if (stroke_ && *stroke_ == c) return;
    HPDF_Page_SetRGBStroke(page_, c.r, c.g, c.b);
    stroke_ = c;
  }

  void draw(const TextOp& t) {
    if (t.text.empty()) return;
    if (!in_text_) {
      HPDF_Page_BeginText(page_);
      in_text_ = true;
    }
    set_fill(t.color);
    if (t.word_space != word_space_) {
      HPDF_Page_SetWordSpace(page_, t.word_space);
      word_space_ = t.word_space;
    }
    fonts_.runs(t.font, t.text, runs_);
    double x = t.x;
    for (const FontSet::Run& r : runs_) {
      if (r.font != font_ || t.size != size_) {
        HPDF_Page_SetFontAndSize(page_, r.font, t.size);
        font_ = r.font;
        size_ = t.size;
      }
      HPDF_Page_TextOut(page_, x, t.y, r.bytes.c_str());
      x += r.width * t.size;
      // Word spacing applies to the single-byte space only (never in the UTF-8 fonts' runs).
      if (t.word_space != 0 && r.font == fonts_.single_font(t.font))
        x += t.word_space * static_cast<double>(std::count(r.bytes.begin(), r.bytes.end(), ' '));
    }
  }
  void draw(const LineOp& l) {
    end_text();
    HPDF_Page_SetLineWidth(page_, l.width);
    set_stroke(l.color);
    HPDF_Page_MoveTo(page_, l.x1, l.y1);
    HPDF_Page_LineTo(page_, l.x2, l.y2);
    HPDF_Page_Stroke(page_);
  }
  void draw(const RectOp& r) {
    end_text();
    if (!r.fill && !r.stroke) return;
    if (r.stroke) {
      HPDF_Page_SetLineWidth(page_, r.line_width);
      set_stroke(*r.stroke);
    }
    if (r.fill) set_fill(*r.fill);
    if (r.radius > 0) rounded_rect(page_, r.x, r.y, r.w, r.h, r.radius);
    else HPDF_Page_Rectangle(page_, r.x, r.y, r.w, r.h);
    if (r.fill && r.stroke) HPDF_Page_FillStroke(page_);
    else if (r.fill) HPDF_Page_Fill(page_);
    else HPDF_Page_Stroke(page_);
  }
  void draw(const PolylineOp& p) {
    end_text();
    if (p.pts.size() < 2) return;
    HPDF_Page_SetLineWidth(page_, p.width);
    HPDF_Page_SetLineJoin(page_, HPDF_ROUND_JOIN);
    set_stroke(p.color);
    HPDF_Page_MoveTo(page_, p.pts[0].first, p.pts[0].second);
    for (size_t i = 1; i < p.pts.size(); ++i) HPDF_Page_LineTo(page_, p.pts[i].first, p.pts[i].second);
    HPDF_Page_Stroke(page_);
  }
  void draw(const CircleOp& c) {
    end_text();
    set_fill(c.fill);
    HPDF_Page_Circle(page_, c.x, c.y, c.r);
    HPDF_Page_Fill(page_);
  }
  // Dot leaders: one form XObject per document holds a dot (the circle libharu draws, centred on the
  // origin) and each dot places it ("q 1 0 0 1 x y cm /X1 Do Q", ~45 bytes instead of the ~190 of
  // a circle's four curves). A section PDF's table of contents has thousands of dots: they were
  // 84 % of its content streams, most of the compression and number formatting of the whole build.
  void draw(const DotsOp& d) {
    for (double x = d.to - 1; x > d.from; x -= d.step) {
      end_text();
      set_fill(d.fill);
      HPDF_Page_GSave(page_);
      HPDF_Page_Concat(page_, 1, 0, 0, 1, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(d.y));
      HPDF_Page_ExecuteXObject(page_, dot(d.r));
      HPDF_Page_GRestore(page_);
    }
  }
  HPDF_XObject dot(double r) {
    auto it = dots_.find(r);
    if (it != dots_.end()) return it->second;
    HPDF_Dict form = HPDF_DictStream_New(pdf_->mmgr, pdf_->xref);
    if (!form) throw std::runtime_error("cannot create a form XObject");
    form->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    HPDF_Dict_AddName(form, "Type", "XObject");
    HPDF_Dict_AddName(form, "Subtype", "Form");
    const HPDF_REAL e = static_cast<HPDF_REAL>(r) + 1;
    HPDF_Dict_Add(form, "BBox", HPDF_Box_Array_New(pdf_->mmgr, HPDF_Box{-e, -e, e, e}));
    // The path of HPDF_Page_Circle(0, 0, r) and a fill: four quarters, control points at
    // r * 0.552 (libharu's KAPPA), numbers as libharu writes them.
    const HPDF_REAL ray = static_cast<HPDF_REAL>(r), k = ray * 0.552F;
    std::string path;
    auto num = [&](HPDF_REAL v) {
      char buf[32] = {};
      char* end = HPDF_FToA(buf, v, buf + sizeof buf - 1);
      path.append(buf, static_cast<size_t>(end - buf));
    };
    auto pt = [&](HPDF_REAL x, HPDF_REAL y, const char* op) {
      num(x);
      path += ' ';
      num(y);
      path += op;
    };
    pt(-ray, 0, " m\n");
    pt(-ray, k, " ");
    pt(-k, ray, " ");
    pt(0, ray, " c\n");
    pt(k, ray, " ");
    pt(ray, k, " ");
    pt(ray, 0, " c\n");
    pt(ray, -k, " ");
    pt(k, -ray, " ");
    pt(0, -ray, " c\n");
    pt(-k, -ray, " ");
    pt(-ray, -k, " ");
    pt(-ray, 0, " c\n");
    path += "f\n";
    HPDF_Stream_Write(form->stream, reinterpret_cast<const HPDF_BYTE*>(path.data()), static_cast<HPDF_UINT>(path.size()));
    auto xo = reinterpret_cast<HPDF_XObject>(form);
    dots_.emplace(r, xo);
    return xo;
  }
  void draw(const ImageOp& im) {
    end_text();
    auto it = images_.find(im.path);
    if (it == images_.end()) {
      std::string ext = im.path.size() > 4 ? im.path.substr(im.path.size() - 4) : "";
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      HPDF_Image img = ext == ".jpg" || ext == "jpeg" ? HPDF_LoadJpegImageFromFile(pdf_, im.path.c_str())
                                                      : HPDF_LoadPngImageFromFile(pdf_, im.path.c_str());
      if (!img) throw std::runtime_error("cannot load PNG image " + im.path);
      it = images_.emplace(im.path, img).first;
    }
    HPDF_Page_DrawImage(page_, it->second, im.x, im.y, im.w, im.h);
  }
  void draw(const LinkOp& l) {
    HPDF_Rect rect{static_cast<HPDF_REAL>(l.x), static_cast<HPDF_REAL>(l.y), static_cast<HPDF_REAL>(l.x + l.w),
                   static_cast<HPDF_REAL>(l.y + l.h)};
    HPDF_Annotation a = nullptr;
    if (!l.uri.empty()) {
      a = HPDF_Page_CreateURILinkAnnot(page_, rect, ascii_uri(l.uri).c_str());
    } else if (l.dest_page >= 0 && l.dest_page < static_cast<int>(pages_.size())) {
      HPDF_Destination d = HPDF_Page_CreateDestination(pages_[l.dest_page]);
      HPDF_Destination_SetFitH(d, l.dest_y);
      a = HPDF_Page_CreateLinkAnnot(page_, rect, d);
    }
    if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
  }
};

std::vector<TocEntry> toc_from(const std::vector<OutlineEntry>& outlines) {
  std::vector<TocEntry> v;
  for (size_t i = 1; i < outlines.size(); ++i)
    if (outlines[i].level <= 2) v.push_back(TocEntry{outlines[i].title, outlines[i].level, outlines[i].page, outlines[i].y});
  return v;
}

bool same_toc(const std::vector<TocEntry>& a, const std::vector<TocEntry>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].title != b[i].title || a[i].page != b[i].page || a[i].y != b[i].y) return false;
  return true;
}

HPDF_STATUS HPDF_STDCALL append_to_string(HPDF_Stream stream, const HPDF_BYTE* ptr, HPDF_UINT size) {
  static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(ptr), size);
  return HPDF_OK;
}

// The document as libharu writes it. HPDF_SaveToStream writes into the document's stream, a memory
// stream of 4 KB blocks copied a byte at a time, from which HPDF_ReadFromStream copies out again;
// here the document's stream is a callback writer appending to the string (libharu keeps no memory
// stream that is not of the memory type; offsets in the cross-reference table come from the
// stream's byte count either way), and it is freed before returning.
void save(HPDF_Doc pdf, const HpdfError& err, std::string& out) {
  out.clear();
  if (pdf->stream) {
    HPDF_Stream_Free(pdf->stream);
    pdf->stream = nullptr;
  }
  pdf->stream = HPDF_CallbackWriter_New(pdf->mmgr, append_to_string, &out);
  if (!pdf->stream) check(err, "saving");
  HPDF_STATUS st = HPDF_SaveToStream(pdf);
  HPDF_Stream_Free(pdf->stream);
  pdf->stream = nullptr;
  if (st != HPDF_OK) check(err, "saving");
  if (out.empty()) throw std::runtime_error("libharu wrote an empty PDF");
}

}  // namespace

// Links libharu.cpp (its replacements of libharu helpers are referenced by libharu only).
[[gnu::used]] static int (*const keep_libharu_hooks)() = &libharu_hook_calls;

Resources::Resources() : state_(std::make_unique<ResourcesState>()) {}
Resources::~Resources() = default;

Workspace::Workspace(Resources& resources) : state_(std::make_unique<WorkspaceState>(resources.state())) {}
Workspace::~Workspace() = default;

Session::Session()
    : own_resources_(std::make_unique<Resources>()),
      own_workspace_(std::make_unique<Workspace>(*own_resources_)),
      workspace_(own_workspace_.get()),
      state_(std::make_unique<SessionState>()) {}
Session::Session(Workspace& workspace) : workspace_(&workspace), state_(std::make_unique<SessionState>()) {}
Session::~Session() = default;

Result render(const Document& doc, Session* session) {
  std::optional<Session> local;
  if (!session) session = &local.emplace();
  SessionState& st = session->state();
  WorkspaceState& ws = session->workspace().state();
  const FaceFiles faces = resolve_faces(doc.fonts, ws.resources.fonts);
  Engine* engine = nullptr;
  for (auto& e : ws.engines)
    if (e->faces.key == faces.key) engine = e.get();
  if (engine) {
    engine->err = {};
    // The previous document goes; the parsed fonts stay (their glyph marks are cleared).
    if (HPDF_NewDoc(engine->pdf) != HPDF_OK) throw std::runtime_error("cannot create a PDF document");
  } else {
    auto e = std::make_unique<Engine>();
    e->faces = faces;
    e->pdf = HPDF_New(on_error, &e->err);
    if (!e->pdf) throw std::runtime_error("cannot create a PDF document");
    HPDF_UseUTFEncodings(e->pdf);
    e->names = load_faces(e->pdf, faces, ws.resources.fonts, &e->err);
    if (ws.engines.size() >= WorkspaceState::kMaxEngines) ws.engines.erase(ws.engines.begin());
    ws.engines.push_back(std::move(e));
    engine = ws.engines.back().get();
  }
  HpdfError& err = engine->err;
  HPDF_Doc pdf = engine->pdf;
  HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);  // streams are compressed after saving (Deflater)
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  auto info = [&](HPDF_InfoType t, const std::string& v) {
    if (!v.empty()) HPDF_SetInfoAttr(pdf, t, v.c_str());
  };
  info(HPDF_INFO_TITLE, doc.title);
  info(HPDF_INFO_AUTHOR, doc.author);
  info(HPDF_INFO_SUBJECT, doc.subject);
  info(HPDF_INFO_KEYWORDS, doc.keywords);
  check(err, "setting up the document");

  FontSet fonts(pdf, faces, engine->names, &err);
  fonts.ascent();  // loads the regular face: a missing or broken font fails here
  check(err, "loading the regular font");
  const Hyphenator* hyph = ws.resources.hyphenator();

  std::vector<TocEntry> toc;
  // A document with a table of contents is laid out until the page numbers in it settle (usually
  // three passes: without it, with it, with its numbers corrected); the passes before the one that
  // is drawn only measure (Layouter::measure_only). The pass with the corrected numbers is the one
  // expected to be final; should another pass turn out final, it is run again in full.
  auto pass = [&](bool measure) {
    auto l = std::make_unique<Layouter>(doc, fonts, hyph, toc, &st.breaks);
    l->measure_only = measure;
    l->run();
    return l;
  };
  auto lay = pass(doc.toc);
  if (doc.toc && lay->pages.size() > 3) {
    for (int iter = 0; iter < 4; ++iter) {
      std::vector<TocEntry> entries = toc_from(lay->outlines);
      if (entries.empty() || same_toc(entries, toc)) break;
      toc = std::move(entries);
      lay = pass(iter == 0);
    }
  }
  if (lay->measure_only) lay = pass(false);
  check(err, "laying out");

  std::vector<HPDF_Page> pages;
  for (size_t i = 0; i < lay->pages.size(); ++i) {
    HPDF_Page p = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(p, mm(doc.page.width_mm));
    HPDF_Page_SetHeight(p, mm(doc.page.height_mm));
    pages.push_back(p);
  }
  Painter painter(pdf, fonts, pages);
  for (size_t i = 0; i < lay->pages.size(); ++i) painter.paint(static_cast<int>(i), lay->pages[i]);
  check(err, "drawing");

  if (!lay->outlines.empty()) {
    HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
    std::vector<std::pair<int, HPDF_Outline>> stack;
    for (const OutlineEntry& o : lay->outlines) {
      while (!stack.empty() && stack.back().first >= o.level) stack.pop_back();
      HPDF_Outline parent = stack.empty() ? nullptr : stack.back().second;
      HPDF_Outline ol = HPDF_CreateOutline(pdf, parent, o.title.c_str(), enc);
      if (!ol) break;
      HPDF_Outline_SetOpened(ol, HPDF_TRUE);
      HPDF_Destination d = HPDF_Page_CreateDestination(pages[o.page]);
      HPDF_Destination_SetFitH(d, o.y);
      HPDF_Outline_SetDestination(ol, d);
      stack.push_back({o.level, ol});
    }
    check(err, "creating bookmarks");
  }

  Result res;
  save(pdf, err, ws.raw);
  // Written uncompressed, compressed here (Deflater); a file libharu laid out otherwise than we
  // expect stays uncompressed, still valid (a unit test fails then).
  if (auto packed = ws.deflater.compress_pdf(ws.raw)) res.pdf = std::move(*packed);
  else res.pdf = ws.raw;
  res.pages = static_cast<int>(lay->pages.size());
  res.boxes = std::move(lay->boxes);
  return res;
}

}  // namespace nastavnik::typeset

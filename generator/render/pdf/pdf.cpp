#include "render/pdf/pdf.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "core/pool.h"
#include "render/pdf/blocks.h"
#include "render/pdf/documents.h"
#include "render/pdf/signature.h"

namespace nastavnik {

namespace pdf {
namespace {

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// One per build (make_renderers): the typesetting resources and workspaces live as long as the
// build's PDF rendering.
class PdfRenderer : public Renderer {
 public:
  std::string_view format() const override { return "pdf"; }

  void render_org(RenderContext& ctx, const Org& org, const Sink& sink) override {
    const Site& site = ctx.site;
    auto workspace = workspaces_.acquire();  // no other organisation uses it meanwhile
    typeset::Session session(*workspace);  // line breaks shared with the section PDF
    for (const auto& page : org.pages) {
      if (!has_pdf(*page)) continue;
      DocumentOptions opts;
      std::optional<CertificateInfo> cert;
      if (!page->certificate.empty()) {
        std::string error;
        auto bytes = read_file(site.root + "/" + page->certificate);
        if (bytes) cert = read_certificate(*bytes, error);
        if (!cert) {
          ctx.diags.error({page->file, 0, 0}, "сертификат подписи «" + page->certificate + "»: " +
                                                  (bytes ? error : "файл не читается"));
          continue;
        }
        opts.certificate = &*cert;
      }
      const bool signed_pdf = !page->signature_file.empty();
      auto pdf = emit(ctx, session, page_document(*page, site, opts), pdf_url(*page), page->url, {page->file}, org,
                      sink, signed_pdf);
      if (pdf && signed_pdf) signature(ctx, *page, *pdf, org, sink);
    }
    for (const auto& r : org.roadmaps)
      emit(ctx, session, roadmap_document(*r, org, site), org.url_prefix + "roadmap-" + r->id + ".pdf",
           org.url_prefix + "roadmap.html", {r->file}, org, sink);
    bool any = false;
    for (const auto& p : org.pages) any = any || has_pdf(*p);
    if (any) {
      std::vector<std::string> sources;
      for (const auto& p : org.pages)
        if (has_pdf(*p)) sources.push_back(p->file);
      emit(ctx, session, section_document(org, site), org.url_prefix + "nastavnichestvo.pdf",
           org.url_prefix + "documents/index.html", sources, org, sink);
    }
  }

 private:
  typeset::Resources resources_;  // font files and compressed font programs, for all threads
  // The typesetting workspaces (parsed fonts kept for the next organisation), one per organisation
  // rendered at once (--jobs); declared after resources_, so freed before them.
  Pool<typeset::Workspace> workspaces_{[this] { return std::make_unique<typeset::Workspace>(resources_); }};

  // Renders one document, hands it to the publisher and records it for the web pages. The bytes are
  // returned too when `keep` (to check a signature against them), otherwise an empty string: a copy
  // of every PDF cost fresh memory for nothing.
  std::optional<std::string> emit(RenderContext& ctx, typeset::Session& session, const typeset::Document& doc,
                                  const std::string& url, const std::string& page_key, std::vector<std::string> sources,
                                  const Org& org, const Sink& sink, bool keep = false) {
    typeset::Result r;
    try {
      r = typeset::render(doc, &session);
    } catch (const std::exception& e) {
      ctx.diags.error({sources.empty() ? "" : sources.front(), 0, 0},
                      std::string("не удалось построить PDF: ") + e.what());
      return std::nullopt;
    }
    ctx.artifacts.add(page_key, Artifact{url, "pdf", r.pages, r.pdf.size(), ""});
    OutputFile f;
    f.path = url;
    f.kind = "pdf";
    f.sources = std::move(sources);
    f.org = org.id;
    f.gate_text = plain_text(doc);
    if (keep) f.content = r.pdf;
    else f.content = std::move(r.pdf);
    sink(std::move(f));
    return keep ? std::move(r.pdf) : std::string();
  }

  // A detached signature is published beside its PDF only when it signs exactly this PDF.
  void signature(RenderContext& ctx, const Page& page, const std::string& pdf, const Org& org, const Sink& sink) {
    auto sig = read_file(ctx.site.root + "/" + page.signature_file);
    if (!sig) {
      ctx.diags.error({page.file, 0, 0}, "файл подписи «" + page.signature_file + "» не читается");
      return;
    }
    std::string detail;
    std::string note;
    switch (check_signature(*sig, pdf, detail)) {
      case SignatureCheck::valid: note = "подпись проверена"; break;
      case SignatureCheck::mismatch:
        ctx.diags.warning({page.file, 0, 0},
                          "подпись «" + page.signature_file + "» не соответствует PDF: документ изменился, "
                          "его нужно подписать заново (подпись не опубликована)");
        return;
      case SignatureCheck::unsupported:
        note = "подпись не проверена: алгоритм не поддерживается";
        ctx.diags.warning({page.file, 0, 0}, "подпись «" + page.signature_file +
                                                 "» не проверена: OpenSSL не поддерживает её алгоритм (" + detail + ")");
        break;
      case SignatureCheck::invalid:
        ctx.diags.error({page.file, 0, 0}, "подпись «" + page.signature_file + "»: " + detail);
        return;
    }
    std::string url = pdf_url(page) + ".sig";
    ctx.artifacts.add(page.url, Artifact{url, "sig", 0, sig->size(), note});
    OutputFile f;
    f.path = url;
    f.kind = "signature";
    f.sources = {page.signature_file};
    f.org = org.id;
    f.content = std::move(*sig);
    f.check_privacy = false;
    sink(std::move(f));
  }
};

}  // namespace
}  // namespace pdf

std::unique_ptr<Renderer> make_pdf_renderer(const Site&, Diagnostics&) {
  return std::make_unique<pdf::PdfRenderer>();
}

}  // namespace nastavnik

// Official documents as typeset documents: orders with their requisites (ГОСТ Р 7.0.97), documents
// approved by an order, reports, roadmaps, and one bundle per organisation.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "render/pdf/signature.h"
#include "typeset/typeset.h"

namespace nastavnik::pdf {

struct DocumentOptions {
  const CertificateInfo* certificate = nullptr;  // draw the e-signature stamp
  bool stamp_beside_signature = true;
};

// Orders, documents, programmes and reports: the page with its requisites and appendices.
typeset::Document page_document(const Page& page, const Site& site, const DocumentOptions& opts);
typeset::Document roadmap_document(const Roadmap& r, const Org& org, const Site& site);
// The whole section of an organisation: its documents in order, a table of contents, bookmarks.
typeset::Document section_document(const Org& org, const Site& site);
// Which pages get a PDF.
bool has_pdf(const Page& page);
std::string pdf_url(const Page& page);  // orders/x.html → orders/x.pdf

}  // namespace nastavnik::pdf

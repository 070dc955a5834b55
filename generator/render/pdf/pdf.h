// The PDF renderer: orders, documents, programmes, reports and roadmaps as official documents,
// and one PDF per organisation with its whole section.
#pragma once
#include <memory>

#include "render/renderer.h"

namespace nastavnik {

std::unique_ptr<Renderer> make_pdf_renderer(const Site& site, Diagnostics& diags);

}  // namespace nastavnik

// The XLSX renderer: per school a public monitoring workbook and the private bases of mentors and
// mentees; for a department the public summary across schools and the private merged bases.
// Public workbooks are registered as artifacts for the web pages («org:xlsx:<id>», «site:xlsx»).
#pragma once
#include <memory>

#include "render/renderer.h"

namespace nastavnik {

std::unique_ptr<Renderer> make_xlsx_renderer(const Site& site, Diagnostics& diags);

}  // namespace nastavnik

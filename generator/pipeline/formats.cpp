#include "pipeline/formats.h"

#include "render/html/html.h"
#include "render/pdf/pdf.h"
#include "render/xlsx/xlsx.h"

namespace nastavnik {

std::vector<std::unique_ptr<Renderer>> make_renderers(const std::set<std::string>& formats,
                                                      const Site& site, Diagnostics& diags) {
  std::vector<std::unique_ptr<Renderer>> v;
  // PDF and XLSX first: the web pages link what they made.
  if (formats.count("pdf")) v.push_back(make_pdf_renderer(site, diags));
  if (formats.count("xlsx")) v.push_back(make_xlsx_renderer(site, diags));
  if (formats.count("html")) v.push_back(make_html_renderer(site, diags));
  return v;
}

void check_render_inputs(const std::set<std::string>& formats, const std::string& site_dir, Diagnostics& diags) {
  if (formats.count("html")) check_html_templates(site_dir, diags);
}

}  // namespace nastavnik

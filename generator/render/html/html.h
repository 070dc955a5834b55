// The HTML renderer: the web pages of every organisation's «Наставничество» section, from
// Mustache templates (built in, overridable by the site file by file).
#pragma once
#include <memory>

#include "render/renderer.h"

namespace nastavnik {

std::unique_ptr<Renderer> make_html_renderer(const Site& site, Diagnostics& diags);
// Reads and parses the page templates of the site at `site_dir` only to report their errors: the
// pipeline calls it when loading failed (the renderer, which would report them, is not made), so
// that one run shows every error.
void check_html_templates(const std::string& site_dir, Diagnostics& diags);

}  // namespace nastavnik

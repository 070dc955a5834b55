// The HTML renderer: the web pages of every organisation's «Наставничество» section, from
// Mustache templates (built in, overridable by the site file by file).
#pragma once
#include <memory>

#include "render/renderer.h"

namespace nastavnik {

std::unique_ptr<Renderer> make_html_renderer(const Site& site, Diagnostics& diags);

}  // namespace nastavnik

// The output formats the render stage knows, in the order they run for an organisation.
#pragma once
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "model/model.h"
#include "render/renderer.h"

namespace nastavnik {

std::vector<std::unique_ptr<Renderer>> make_renderers(const std::set<std::string>& formats,
                                                      const Site& site, Diagnostics& diags);
// When loading failed no renderer is made: the inputs of those `formats` that renderers read
// themselves (the page templates) are checked alone, so that one run reports their errors too.
void check_render_inputs(const std::set<std::string>& formats, const std::string& site_dir, Diagnostics& diags);

}  // namespace nastavnik

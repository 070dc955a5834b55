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

}  // namespace nastavnik

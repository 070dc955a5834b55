// Load stage, styles: templates/documents/<type>.yaml of the tool, then of the site, into
// Site::styles. A wrong key, a wrong type, a missing font or image is an error with file:line.
#pragma once
#include <string>

#include "core/diagnostics.h"
#include "model/model.h"

namespace nastavnik {

void load_styles(Site& site, const std::string& builtin_dir, Diagnostics& diags);

}  // namespace nastavnik

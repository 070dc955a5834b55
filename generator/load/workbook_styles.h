// Load stage, workbook styles: templates/workbooks/<name>.yaml of the tool, then of the site, into
// Site::workbook_styles. A wrong key, a wrong type, an unknown field in a list of columns, a sheet
// name Excel refuses is an error with file:line:col.
#pragma once
#include <string>

#include "core/diagnostics.h"
#include "model/model.h"

namespace nastavnik {

void load_workbook_styles(Site& site, const std::string& builtin_dir, Diagnostics& diags);

}  // namespace nastavnik

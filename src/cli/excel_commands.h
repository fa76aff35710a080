// `it2 export --xlsx -o OUT.xlsx [--policy FILE] [--as-of YYYY-MM-DD] [--lang zh|en] FILES…`: the
// summary as one Excel workbook (xlsx_export.h). Loading (options, inputs, policy files,
// workspaces) is summarize's, handed in by main.cpp.
#pragma once

#include <string>
#include <vector>

#include "tracker.h"

namespace it2 {

// Parses the load options summarize takes and loads the inputs into `tracker`; returns -1 to go
// on (with `lang` set), else the exit status. Given by main.cpp.
using ExportLoader = int (*)(const std::vector<std::string>& args, const char* usage, Tracker& tracker, Lang& lang);

int run_export(const std::vector<std::string>& args, ExportLoader load);

}  // namespace it2

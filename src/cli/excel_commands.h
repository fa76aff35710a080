// `it2 export --xlsx -o OUT.xlsx [--policy FILE] [--as-of YYYY-MM-DD] [--lang zh|en] FILES…`: the
// summary as one Excel workbook (xlsx_export.h). Loading (options, inputs, policy files,
// workspaces) is summarize's, handed in by main.cpp.
#pragma once

#include <string>
#include <vector>

#include "command_loader.h"

namespace it2 {

int run_export(const std::vector<std::string>& args, CommandLoader load);

}  // namespace it2

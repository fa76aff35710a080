// `it2 remind [--school ID] FILES…`: the 催办名单 (core/remind.h) as plain text.
#pragma once

#include <string>
#include <vector>

#include "command_loader.h"

namespace it2 {

// `args` are the words after the command name; output goes to stdout, messages to stderr.
// `load` reads the inputs as summarize does (main.cpp's).
int run_remind(const std::vector<std::string>& args, CommandLoader load);

}  // namespace it2

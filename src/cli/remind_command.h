// `it2 remind [--school ID] FILES…`: the 催办名单 (core/remind.h) as plain text.
#pragma once

#include <string>
#include <vector>

namespace it2 {

// `args` are the words after the command name; output goes to stdout, messages to stderr.
int run_remind(const std::vector<std::string>& args);

}  // namespace it2

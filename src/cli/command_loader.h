// How a command loads its inputs as `it2 summarize` does (options, folders, policy and workspace
// files, threads): main.cpp hands its loader to the commands that live in other files.
#pragma once

#include <string>
#include <vector>

#include "tracker.h"

namespace it2 {

// Parses the load options summarize takes and loads the inputs into `tracker`; returns -1 to go
// on (with `lang` set), else the exit status (usage printed, or --help answered).
using CommandLoader = int (*)(const std::vector<std::string>& args, const char* usage, Tracker& tracker, Lang& lang);

}  // namespace it2

// The map and reduce commands of docs/scale.md, on the core's partial summaries.
//   it2 summarize --partial [--order-index N | --order-key KEY] [--name NAME] [--out-dir DIR] FILES_OR_DIRS…
//   it2 merge [--policy FILE] [--as-of YYYY-MM-DD] [--json|--csv|--table|--partial] [--lang zh|en] PARTIALS…|-
// `args` are the words after the command name; output goes to stdout, messages to stderr.
// Exit status: 2 on a usage or I/O error (merge: also any line that is not a valid partial);
// otherwise the map step and `merge --partial` exit 0 (problems travel inside the partials, and
// a map task must not fail on bad data), and `merge` exits like summarize: 1 when any input
// problem was reported, else 0.
#pragma once

#include <string>
#include <vector>

namespace it2 {

// `it2 summarize --partial …`: one partial line per input file. The --partial word itself may
// be present or not in `args`.
int run_partial(const std::vector<std::string>& args);

// `it2 merge …`: the format.md §4 summary of all partials, or (--partial) their sorted union.
int run_merge(const std::vector<std::string>& args);

}  // namespace it2

// Mergeable partial summaries (docs/scale.md): the map step loads each file on its own and
// writes one JSON line holding the file's validated data, status and problems; the reduce step
// rebuilds the workspace from any set of such lines and runs the ordinary merge and metrics.
// Because the partial is policy- and date-independent and carries every record (superseded
// ones too), merging the partials of any split of the files gives exactly the summary of all
// files loaded at once, for any policy and as-of date.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "problems.h"
#include "workspace.h"

namespace it2 {

constexpr int kPartialVersion = 1;

// One loaded file plus its place in the global load order.
struct PartialEntry {
    std::string order_key;  // entries are merged in ascending byte order of this key
    FileEntry file;
};

// One line of JSON (no newline) for one loaded file: {"format":"it2-partial","version":1,…}.
std::string partial_line(const FileEntry& file, std::string_view order_key);

// A zero-padded decimal key, so that byte order equals number order ("00000000000042").
std::string order_key_for_index(uint64_t index);

struct PartialRead {
    std::vector<PartialEntry> entries;
    Problems problems;  // lines that are not valid partials; such a line adds no entry
};

// Reads JSON Lines (one partial per line; blank lines and a UTF-8 BOM are ignored).
// `source_name` names the partial file in problems. Never throws.
PartialRead read_partials(std::string_view source_name, std::string_view text);

// The workspace of all entries in ascending order key (equal keys keep the given order).
Workspace workspace_from_partials(std::vector<PartialEntry> entries);

}  // namespace it2

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

#include "parallel_for.h"
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
// The same line and a newline, appended to `out` (a map's output).
void append_partial_line(std::string& out, const FileEntry& file, std::string_view order_key);

// A zero-padded decimal key, so that byte order equals number order ("00000000000042").
std::string order_key_for_index(uint64_t index);

struct PartialRead {
    std::vector<PartialEntry> entries;
    Problems problems;  // lines that are not valid partials; such a line adds no entry
};

// How each line is read: a fast reader for the form partial_line() writes, then, for any line it
// does not take, the general one (any JSON, and the reason a line is not a partial); `general`
// only: for the tests, which check that both give the same.
enum class PartialReader : uint8_t { fast_then_general, general };

// The fast reader alone (for the tests): true when `line` is in partial_line()'s form and a
// valid partial, `entry` then holding it; false for any other line (read_partials then asks the
// general reader).
bool read_partial_line_fast(std::string_view line, PartialEntry& entry);

// Reads JSON Lines (one partial per line; blank lines and a UTF-8 BOM are ignored).
// `source_name` names the partial file in problems; `text` starts at line `first_line` of it
// (a piece of a file cut at line ends, read on a thread of its own). Never throws.
PartialRead read_partials(std::string_view source_name, std::string_view text, int first_line = 1,
                          PartialReader reader = PartialReader::fast_then_general);
// The same on `parallel`'s threads (parallel_for.h): a large text is cut at line ends into
// pieces read at once; entries and problems come in the order of the lines, as above.
PartialRead read_partials(std::string_view source_name, std::string_view text, const ParallelFor& parallel);

// The workspace of all entries in ascending order key (equal keys keep the given order).
Workspace workspace_from_partials(std::vector<PartialEntry> entries);

}  // namespace it2

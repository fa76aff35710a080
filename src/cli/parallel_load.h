// Reading and parsing the input files on both cores (issue 14): the calling thread and a few
// more read and parse files ahead, and the calling thread takes them strictly in load order, so
// what is built from them (the merge, the summary, the partials) is byte-identical whatever the
// number of threads; and the pool behind the core's ParallelFor (the summary's other work).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli_io.h"
#include "parallel_for.h"
#include "tracker.h"
#include "workspace.h"

namespace it2::cli {

// The threads to use: `text` from --threads N (1 to 256), or when empty the IT2_THREADS
// environment variable, or else the hardware's cores (at most 8). False (with a message on
// stderr saying what to write) when the number given is not a whole number from 1 to 256.
bool thread_count(const std::string& text, unsigned& threads);

// Runs prepare(i) for i = 0 … n-1 on `threads` threads (the calling thread one of them), at most a
// few dozen ahead of what was taken, and take(i) on the calling thread in order, each after its
// prepare(i) finished. The caller keeps whatever prepare(i) makes in its own slot i. With one
// thread, all runs on the caller's.
void run_in_order(size_t n, unsigned threads, const std::function<void(size_t)>& prepare,
                  const std::function<void(size_t)>& take);

// The core's ParallelFor (parallel_for.h) on `threads` threads that last as long as it (and its
// copies) do: each call splits [0, n) into a few ranges per thread, which the caller's thread
// and the pool's claim in turn, and returns when all are done. Empty (the calling thread) for 1.
ParallelFor parallel_for(unsigned threads);

// One input, read and sniffed; a data file parsed too.
struct LoadedInput {
    int error = 0;                   // errno when it could not be read (or InputFile::error); nothing else is set
    FileKind kind = FileKind::data;  // sniff_file()
    std::string bytes;               // kept for policy and workspace files only (data files are parsed)
    std::vector<FileEntry> entries;  // a data file's entries (load_data_entries)
};

// Reads files[i] (named names[i]) through run_in_order(), calling take(i, input) in order.
void load_in_order(const std::vector<InputFile>& files, const std::vector<std::string>& names, unsigned threads,
                   const std::function<void(size_t, LoadedInput&)>& take);

}  // namespace it2::cli

// Input and output of the `it2` commands, shared by main.cpp and partial_commands.cpp: files
// read to EOF whatever they are (regular files, `-`, /dev/stdin, pipes, `<(…)`), folders
// walked without skipping what cannot be read, stdout writes that are checked, and problem
// lines that data cannot forge.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "problems.h"
#include "workspace.h"

namespace it2::cli {

constexpr int kExitClean = 0;
constexpr int kExitProblems = 1;
constexpr int kExitUsage = 2;  // usage error, a rejected --policy, an output that could not be written

// Reads `path` ("-" is stdin) until EOF. 0 on success, else the errno of the failure.
int read_input(const std::string& path, std::string& bytes);

// A file's bytes to read once, without copying them: a regular file is mapped into memory
// (read-only), anything else (stdin, a pipe, an empty file) is read into a string. For the
// merge's partial files, tens of megabytes each: reading them into a buffer cost a zero-filled
// allocation, a page fault per 4 KB and a copy, 75 ms of the merge's 340 at 100,000 teachers
// on 2 threads (docs/performance.md, session 10).
// A mapped file that another process shortens while it is mapped faults (SIGBUS): the process
// then says so on stderr and exits with kExitUsage (2), as for an input that cannot be read.
// Callers read the bytes before writing any output.
class InputBytes {
public:
    InputBytes() = default;
    InputBytes(InputBytes&& other) noexcept { swap(other); }
    InputBytes& operator=(InputBytes&& other) noexcept {
        InputBytes(std::move(other)).swap(*this);
        return *this;
    }
    InputBytes(const InputBytes&) = delete;
    InputBytes& operator=(const InputBytes&) = delete;
    ~InputBytes();

    // Opens `path` ("-" is stdin). 0 on success, else the errno of the failure.
    int open(const std::string& path);
    std::string_view view() const { return map_ ? std::string_view(static_cast<const char*>(map_), size_) : read_; }
    bool empty() const { return view().empty(); }

private:
    void swap(InputBytes& other) noexcept;
    void* map_ = nullptr;
    size_t size_ = 0;
    std::string read_;
};

// One input: a file to read, or something found that cannot be read (error != 0).
struct InputFile {
    std::string path;     // where to read it ("-" for stdin)
    std::string display;  // the path as found, shown when two inputs share a base name
    int error = 0;        // errno when it cannot be read (a folder, a broken link, …), or kNotRegularFile
    bool folder = false;  // the unreadable thing is a folder
};

// Files as given ("-" is stdin), folders expanded recursively to their files ending in one of
// `extensions` (any case), each folder's files in sorted path order. What cannot be read
// (a folder without permission, a broken link, a pipe found in a folder) is kept as an
// InputFile with `error` set, never skipped. False (with a message) when a path given does not
// exist or stdin is named twice: a usage error.
bool expand_inputs(const std::vector<std::string>& inputs, const std::vector<std::string>& extensions,
                   std::vector<InputFile>& files);

// The names `it2 summarize` gives the inputs: their base names, as the page names files, or
// the path as found where two inputs share a base name.
std::vector<std::string> summary_names(const std::vector<InputFile>& files);

// file:line:column: severity: pointer: message, with control characters made visible.
std::string problem_line(const Problem& p, Lang lang);

// Writes to stdout; false once any write failed. finish_output() flushes and, on failure,
// prints why to stderr and returns kExitUsage; otherwise it returns `status`.
void write_out(std::string_view text);
int finish_output(int status);

}  // namespace it2::cli

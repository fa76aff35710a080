// Everything loaded, in load order, and the merge rules of format.md §3: replacement of the
// same (school, batch) and one winning record per teacher id.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load_batch.h"
#include "parallel_for.h"

namespace it2 {

struct FileEntry {
    std::string name;
    FileStatus status = FileStatus::rejected;  // as loaded; merge() may report `replaced`
    std::shared_ptr<const BatchFile> data;     // null when rejected
    Problems problems;                         // the file's own problems
    // Each teacher's id hash as merge() takes it, noted where the file is loaded (on the CLI's
    // load threads, while the records are in cache: merge() read every record again for it);
    // merge() uses them only while `hashed` is still `data` (else it hashes the ids itself).
    // `hashed` holds its data (not a raw pointer), so data replaced in place can never be
    // mistaken for the one the hashes were noted for at a reused address.
    std::vector<uint64_t> id_hashes;
    std::shared_ptr<const BatchFile> hashed;
};

// Notes entry.id_hashes for its data (nothing for a rejected entry).
void note_id_hashes(FileEntry& entry);

struct Workspace {
    std::vector<FileEntry> files;  // load order

    // Loads and appends one file; a rejected file is listed but changes no data.
    const FileEntry& add(std::string name, std::string_view bytes);
    void remove(size_t index);
    void clear() { files.clear(); }
};

// One data file's entries, as Workspace::add appends them (a platform CSV gives one per school
// and batch). Depends on nothing but its arguments, so files may be loaded on several threads
// and appended in load order afterwards with the same result.
std::vector<FileEntry> load_data_entries(std::string name, std::string_view bytes);

// The rejected entry of a file that could not be read at all, with a file error saying why (in
// Chinese and English): `error` is the errno of the failure, or kNotRegularFile for a pipe,
// socket or device found in a folder (not read: it could block). `folder`: a folder that could
// not be opened. Listed like any rejected file, so nothing is skipped in silence.
constexpr int kNotRegularFile = -1;
FileEntry unreadable_entry(const std::string& name, int error, bool folder);

// The rule of format.md §3 that a later copy of the same (school id, batch id) replaces the
// earlier one, applied as files arrive in load order: merge() marks `replaced` through it, and
// Tracker::load says which files a new one replaces through it. Keys view the files' data: keep
// the entries noted alive (rebuild after a file is removed).
class LatestCopies {
public:
    // Notes files[index]; returns the index of the earlier copy it replaces, or -1 (none, or
    // a rejected file, which replaces nothing).
    long note(const FileEntry& file, size_t index);
    void clear() { latest_.clear(); }

private:
    // The key is the pair itself: ids may hold any character, so no separator could keep two
    // pairs apart.
    std::map<std::pair<std::string_view, std::string_view>, size_t> latest_;
};

// A teacher's winning record (format.md §3): which file and which teacher in it.
struct TeacherRef {
    int file = 0;     // index into Workspace::files
    int teacher = 0;  // index into that file's teachers
};

// The merge result: policy- and date-independent, so it is rebuilt only when files change.
struct Merged {
    std::vector<FileStatus> file_status;  // per file, `replaced` applied
    std::vector<TeacherRef> teachers;     // winning records, in load order of first appearance
    Problems problems;                    // replaced files, superseded teacher records
};

// `parallel` (optional) spreads the ids' hashing and the winners' search over threads: the
// ids are split by hash into groups, each group visits its records in load order, so the
// result is the same, field for field, as on the calling thread alone.
Merged merge(const Workspace& ws, const ParallelFor& parallel = {});

}  // namespace it2

// The tracker: what is loaded (the workspace, the policy in force and the problems of policy
// files), the as-of date and the results (the merge and the summary), brought up to date in
// steps. Pure C++: `it2 summarize / validate` and the page drive the same Tracker, so the
// summary they print (it2 summarize --json, it2.summary()) is built by the same code.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics.h"
#include "workspace.h"
#include "workspace_file.h"

namespace it2 {

// What a file is, told from its bytes once: data (an it2-batch JSON, a platform CSV, or
// anything else, which loads as a rejected data file with its problems), an it2-policy file,
// or a workspace file (保存工作区). Only a file whose bytes mention "it2-policy" or
// "it2-workspace" is parsed here; the others are parsed once, by the loader.
enum class FileKind : uint8_t { data, policy, workspace };
FileKind sniff_file(std::string_view name, std::string_view bytes);

// ---- how a file opens: the one definition (summarize, the page's loads, summarize --partial) ----
// A data or policy file is one part; a workspace file is one part (the document: its problems,
// policy and settings) followed, when it could be read, by each stored file opened the same way
// and in order, so a workspace stored in a workspace opens in place as a workspace (its files,
// its policy), at any depth. The depth is bounded by the bytes, as it always was: a stored file
// is strictly shorter than the workspace that holds it (base64 and the document around it), so
// no workspace holds itself and every chain of workspaces ends.
struct OpenedPart {
    FileKind kind = FileKind::data;
    const std::string& name;                      // the name given, or as stored in the workspace
    std::string_view bytes;                       // the file's bytes
    const WorkspaceFileRead* workspace = nullptr; // kind workspace: the document (its files follow)
    int depth = 0;                                // 0: the file given; 1: stored in it; …
};
void open_file(FileKind kind, const std::string& name, std::string_view bytes,
               const std::function<void(const OpenedPart&)>& each);
inline void open_file(const std::string& name, std::string_view bytes, const std::function<void(const OpenedPart&)>& each) {
    open_file(sniff_file(name, bytes), name, bytes, each);
}

// A workspace file that could not be read, listed as `it2 summarize` lists it: a rejected file
// with the document's problems, so they are reported and counted.
FileEntry rejected_workspace_entry(const std::string& name, const WorkspaceFileRead& read);

// What a file gives on its own, without a tracker (a map task of `it2 summarize --partial`):
// the entries of its data files in load order, an unreadable workspace as its rejected entry;
// the policies met (policy files, workspaces' policies) are counted, not applied.
struct FileEntries {
    std::vector<FileEntry> entries;
    int policies = 0;
};
FileEntries file_entries(FileKind kind, const std::string& name, std::string_view bytes);

struct LoadResult {
    FileKind kind = FileKind::data;
    // data: loaded / partial / rejected (as loaded: `replaced` is what the merge says later);
    // policy: policy / rejected; workspace: workspace / rejected.
    std::string status;
    int problems = 0;
    // Data: the earlier files of the same school and batch that this one replaces (format.md
    // §3), by the rule merge() applies (LatestCopies).
    std::vector<std::string> replaced;
    // Workspace: the document read. Its policy is in force already; its files are the
    // caller's to load, one by one through load() (the page keeps each file's bytes).
    WorkspaceFileRead workspace;
};

// A batch of the files in force (not rejected or replaced), with the first name and dates given.
struct BatchInfo {
    std::string id, name, start, end;
};
std::vector<BatchInfo> batches_in_force(const Workspace& ws, const Merged& merged);  // sorted by start, then id

// Cumulative teachers passed by review date for one batch: (day, count) steps.
struct ProgressSeries {
    std::string batch_id, label;
    std::vector<std::pair<long, int>> steps;
};
struct Progress {
    std::vector<ProgressSeries> series;  // one per batch, in the order given
    long first_day = 0, last_day = 0;    // days_from_iso; last_day reaches the as-of date
    int max = 0;                         // the largest count
};
class Tracker;
// A teacher passed on their pass day (forecast.h: the review date that met the points rules).
Progress passing_progress(const Tracker& tracker, const std::vector<BatchInfo>& batches);

class Tracker {
public:
    Tracker();

    // ---- changes ---------------------------------------------------------------------------
    LoadResult load(FileKind kind, const std::string& name, std::string_view bytes);
    LoadResult load(const std::string& name, std::string_view bytes) { return load(sniff_file(name, bytes), name, bytes); }
    // One part of open_file(): a workspace's document applies its policy (not read again; its
    // files come as parts of their own, and LoadResult::workspace is left empty).
    LoadResult load(const OpenedPart& part);
    void add_entry(FileEntry entry);  // an entry made elsewhere (a file that could not be read)
    void remove_file(size_t index);   // index into workspace().files
    void clear();                     // every file and the policy problems; the policy stays
    void set_policy(const Policy& policy);
    void reset_policy() { set_policy(Policy{}); }
    // The policy's fields for an editor: call mark_results_changed() after changing any.
    Policy& policy_for_editing() { return policy_; }
    void add_policy_problems(const Problems& problems);
    bool set_as_of(const std::string& iso);  // false (nothing changed) unless a new YYYY-MM-DD date
    // Lets compute() spread its work over threads (parallel_for.h; the CLI's pool). The results
    // are the same with or without; none (the default, the page) runs on the calling thread.
    void set_parallel(ParallelFor parallel) { parallel_ = std::move(parallel); }
    const ParallelFor& parallel() const { return parallel_; }  // for the summary's output (summary_json.h)
    void mark_data_changed() { data_dirty_ = true; }
    void mark_results_changed() { results_dirty_ = true; }

    // ---- refresh ---------------------------------------------------------------------------
    // The next step that brings merged() and summary() up to date; `none` when they are.
    enum class Step : uint8_t { none, merge, compute };
    Step next_step() const;
    // Runs next_step(); each step first drops the results it replaces (wasm memory never
    // shrinks: two copies alive at once would stay the page's size).
    Step refresh_step();
    void refresh();  // every step
    // The results' revisions: revision() changes each time merged() or summary() is replaced,
    // merge_revision() each time merged() is (its records move). Whoever refreshed the tracker
    // (a frame's steps, it2.summary()), a view cache built from the results keeps the revisions
    // it was built from and rebuilds when they differ.
    long revision() const { return revision_; }
    long merge_revision() const { return merge_revision_; }
    // How many summaries were computed so far (it2.state(): tests check that scrolling computes nothing).
    int results_computed() const { return results_computed_; }

    // ---- what is loaded and what it gives (as of the last refresh) --------------------------
    const Workspace& workspace() const { return workspace_; }
    const Policy& policy() const { return policy_; }
    const Problems& policy_problems() const { return policy_problems_; }  // of every policy file given
    const std::string& as_of() const { return as_of_; }
    const Merged& merged() const { return merged_; }
    // format.md §4: the problems of policy files first, then the files' and the merge's.
    const Summary& summary() const { return summary_; }
    // The same for another as-of date (up to date first); `as_of` "" or the current date
    // returns summary().
    Summary summary_as_of(const std::string& as_of);
    std::string summary_json(const std::string& as_of, Lang lang);  // summary_as_of() as format.md §4 JSON
    // A teacher's winning record, and the file that holds it (its points and items:
    // BatchFile::points_of, items_of); null if the file is gone.
    const Teacher* record(const TeacherResult& t) const;
    const BatchFile* record_file(const TeacherResult& t) const;
    PointRange record_points(const TeacherResult& t) const;  // empty if the file is gone

private:
    Workspace workspace_;
    Policy policy_;
    Problems policy_problems_;
    std::string as_of_;
    Merged merged_;
    Summary summary_;
    ParallelFor parallel_;
    LatestCopies latest_copies_;  // of the files loaded so far, for LoadResult::replaced
    bool data_dirty_ = true, results_dirty_ = true;
    long revision_ = 0, merge_revision_ = 0;
    int results_computed_ = 0;

    Summary computed(const std::string& as_of) const;
    void rebuild_latest_copies();
};

}  // namespace it2

#include "tracker.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "csv_import.h"
#include "load_batch.h"
#include "policy.h"
#include "summary_json.h"
#include "text_sniff.h"
#include "xlsx_import.h"

namespace it2 {

namespace {

// Whether the bytes hold "it2-policy" or "it2-workspace" anywhere: one pass over "it2-"
// (find_it2_prefix; string_view::find stops at every 'i', memmem was 3 % of `it2 summarize`).
bool mentions_policy_or_workspace(std::string_view bytes) {
    for (size_t at = find_it2_prefix(bytes); at != std::string_view::npos; at = find_it2_prefix(bytes, at + 4)) {
        const std::string_view rest = bytes.substr(at + 4);
        if (rest.substr(0, 6) == "policy" || rest.substr(0, 9) == "workspace") return true;
    }
    return false;
}

}  // namespace

FileKind sniff_file(std::string_view name, std::string_view bytes) {
    if (looks_like_csv(name, bytes) || looks_like_workbook(name, bytes)) return FileKind::data;
    // The byte search spares the parse for the many files that cannot be either kind; the
    // answer comes from the parsed top-level "format" (a district named "it2-policy" is data).
    if (!mentions_policy_or_workspace(bytes)) return FileKind::data;
    const std::string format = sniff_format(bytes);
    if (format == "it2-policy") return FileKind::policy;
    if (format == "it2-workspace") return FileKind::workspace;
    return FileKind::data;
}

void open_file(FileKind kind, const std::string& name, std::string_view bytes,
               const std::function<void(const OpenedPart&)>& each) {
    // Depth-first, in order; `depth` only says where a part was found (see tracker.h: the
    // bytes bound it).
    struct Open {
        const std::function<void(const OpenedPart&)>& each;
        void operator()(FileKind kind, const std::string& name, std::string_view bytes, int depth) const {
            if (kind != FileKind::workspace) {
                each(OpenedPart{kind, name, bytes, nullptr, depth});
                return;
            }
            const WorkspaceFileRead read = read_workspace_file(name, bytes);
            each(OpenedPart{kind, name, bytes, &read, depth});
            for (const StoredFile& file : read.files) (*this)(sniff_file(file.name, file.bytes), file.name, file.bytes, depth + 1);
        }
    };
    Open{each}(kind, name, bytes, 0);
}

FileEntry rejected_workspace_entry(const std::string& name, const WorkspaceFileRead& read) {
    FileEntry entry;  // status: rejected
    entry.name = name;
    entry.problems = read.problems;
    return entry;
}

FileEntries file_entries(FileKind kind, const std::string& name, std::string_view bytes) {
    FileEntries out;
    open_file(kind, name, bytes, [&](const OpenedPart& part) {
        switch (part.kind) {
            case FileKind::data:
                for (FileEntry& entry : load_data_entries(part.name, part.bytes)) out.entries.push_back(std::move(entry));
                break;
            case FileKind::policy: ++out.policies; break;
            case FileKind::workspace:
                if (!part.workspace->ok) out.entries.push_back(rejected_workspace_entry(part.name, *part.workspace));
                else if (part.workspace->policy) ++out.policies;
                break;
        }
    });
    return out;
}

Tracker::Tracker() : as_of_(today_iso()) {}

LoadResult Tracker::load(const OpenedPart& part) {
    if (part.kind != FileKind::workspace) return load(part.kind, part.name, part.bytes);
    LoadResult result;
    result.kind = FileKind::workspace;
    result.status = part.workspace->ok ? "workspace" : "rejected";
    result.problems = int(part.workspace->problems.size());
    if (part.workspace->policy) set_policy(*part.workspace->policy);
    return result;
}

LoadResult Tracker::load(FileKind kind, const std::string& name, std::string_view bytes) {
    LoadResult result;
    result.kind = kind;
    switch (kind) {
        case FileKind::policy: {
            PolicyLoad loaded = load_policy(name, bytes, policy_);
            result.status = loaded.ok ? "policy" : "rejected";
            result.problems = int(loaded.problems.size());
            add_policy_problems(loaded.problems);
            if (loaded.ok) set_policy(loaded.policy);
            return result;
        }
        case FileKind::workspace: {
            WorkspaceFileRead read = read_workspace_file(name, bytes);
            result = load(OpenedPart{kind, name, bytes, &read, 0});
            result.workspace = std::move(read);
            return result;
        }
        case FileKind::data: break;
    }
    const size_t before = workspace_.files.size();
    const FileEntry& entry = workspace_.add(name, bytes);  // a CSV adds one entry per school and batch
    result.status = file_status_key(entry.status);
    result.problems = 0;
    for (size_t i = before; i < workspace_.files.size(); ++i) {
        result.problems += int(workspace_.files[i].problems.size());
        const long earlier = latest_copies_.note(workspace_.files[i], i);
        if (earlier < 0 || size_t(earlier) >= before) continue;  // a CSV's own groups are new, not replaced
        const std::string& replaced = workspace_.files[size_t(earlier)].name;
        bool listed = false;
        for (const std::string& r : result.replaced) listed = listed || r == replaced;
        if (!listed) result.replaced.push_back(replaced);
    }
    data_dirty_ = true;
    return result;
}

void Tracker::add_entry(FileEntry entry) {
    workspace_.files.push_back(std::move(entry));
    latest_copies_.note(workspace_.files.back(), workspace_.files.size() - 1);
    data_dirty_ = true;
}

void Tracker::remove_file(size_t index) {
    if (index >= workspace_.files.size()) return;
    workspace_.remove(index);
    rebuild_latest_copies();  // indices moved, and the removed file's keys are gone
    data_dirty_ = true;
}

void Tracker::clear() {
    workspace_.clear();
    latest_copies_.clear();
    policy_problems_.clear();
    data_dirty_ = true;
}

void Tracker::set_policy(const Policy& policy) {
    policy_ = policy;
    results_dirty_ = true;
}

void Tracker::add_policy_problems(const Problems& problems) {
    if (problems.empty()) return;
    policy_problems_.insert(policy_problems_.end(), problems.begin(), problems.end());
    results_dirty_ = true;  // they are part of the summary
}

bool Tracker::set_as_of(const std::string& iso) {
    if (!is_iso_date(iso) || iso == as_of_) return false;
    as_of_ = iso;
    results_dirty_ = true;
    return true;
}

void Tracker::rebuild_latest_copies() {
    latest_copies_.clear();
    for (size_t i = 0; i < workspace_.files.size(); ++i) latest_copies_.note(workspace_.files[i], i);
}

Tracker::Step Tracker::next_step() const {
    if (data_dirty_) return Step::merge;
    if (results_dirty_) return Step::compute;
    return Step::none;
}

Tracker::Step Tracker::refresh_step() {
    const Step step = next_step();
    switch (step) {
        case Step::none: break;
        case Step::merge:
            summary_ = Summary{};
            merged_ = Merged{};
            merged_ = merge(workspace_, parallel_);
            data_dirty_ = false;
            results_dirty_ = true;
            ++merge_revision_;
            ++revision_;
            break;
        case Step::compute:
            summary_ = Summary{};
            summary_ = computed(as_of_);
            results_dirty_ = false;
            ++results_computed_;
            ++revision_;
            break;
    }
    return step;
}

void Tracker::refresh() {
    while (refresh_step() != Step::none) {
    }
}

Summary Tracker::computed(const std::string& as_of) const {
    Summary summary = compute(workspace_, merged_, policy_, as_of, parallel_);
    summary.problems.insert(summary.problems.begin(), policy_problems_.begin(), policy_problems_.end());
    return summary;
}

Summary Tracker::summary_as_of(const std::string& as_of) {
    refresh();
    if (as_of.empty() || as_of == as_of_) return summary_;
    return computed(as_of);
}

std::string Tracker::summary_json(const std::string& as_of, Lang lang) {
    refresh();
    if (as_of.empty() || as_of == as_of_) return it2::summary_json(summary_, lang, parallel_);
    return it2::summary_json(computed(as_of), lang, parallel_);
}

const BatchFile* Tracker::record_file(const TeacherResult& t) const {
    if (t.ref.file < 0 || size_t(t.ref.file) >= workspace_.files.size()) return nullptr;
    const auto& data = workspace_.files[size_t(t.ref.file)].data;
    if (!data || t.ref.teacher < 0 || size_t(t.ref.teacher) >= data->teachers.size()) return nullptr;
    return data.get();
}

const Teacher* Tracker::record(const TeacherResult& t) const {
    const BatchFile* file = record_file(t);
    return file ? &file->teachers[size_t(t.ref.teacher)] : nullptr;
}

PointRange Tracker::record_points(const TeacherResult& t) const {
    const BatchFile* file = record_file(t);
    return file ? file->points_of(file->teachers[size_t(t.ref.teacher)]) : PointRange{};
}

std::vector<BatchInfo> batches_in_force(const Workspace& workspace, const Merged& merged) {
    std::vector<BatchInfo> batches;
    for (size_t f = 0; f < workspace.files.size(); ++f) {
        const FileEntry& file = workspace.files[f];
        if (!file.data) continue;
        if (f < merged.file_status.size() && merged.file_status[f] == FileStatus::replaced) continue;
        const BatchFile& b = *file.data;
        auto it = std::find_if(batches.begin(), batches.end(), [&](const BatchInfo& x) { return x.id == b.batch_id; });
        if (it == batches.end()) {
            batches.push_back({b.batch_id, b.batch_name, b.batch_start, b.batch_end});
        } else {
            if (it->name.empty()) it->name = b.batch_name;
            if (it->start.empty()) it->start = b.batch_start;
            if (it->end.empty()) it->end = b.batch_end;
        }
    }
    std::sort(batches.begin(), batches.end(), [](const BatchInfo& a, const BatchInfo& b) {
        return a.start != b.start ? a.start < b.start : a.id < b.id;
    });
    return batches;
}

Progress passing_progress(const Tracker& tracker, const std::vector<BatchInfo>& batches) {
    Progress out;
    std::vector<ProgressSeries>& series = out.series;
    const Summary& summary = tracker.summary();
    const std::string& as_of = tracker.as_of();
    std::unordered_map<std::string_view, size_t> series_of;
    for (const BatchInfo& b : batches) {
        series_of.emplace(b.id, series.size());
        ProgressSeries s;
        s.batch_id = b.id;
        s.label = b.name.empty() ? b.id : b.name;
        series.push_back(std::move(s));
    }
    std::vector<std::vector<long>> days(series.size());
    for (const TeacherResult& t : summary.teachers) {
        if (t.status != TeacherStatus::passed && t.status != TeacherStatus::excellent) continue;
        auto it = series_of.find(t.batch);
        if (it == series_of.end()) continue;
        // The forecast's pass day (forecast.h), so the chart and the projection count alike. A
        // record whose file is gone has no points, so no pass day.
        const long day = pass_day(tracker.record_points(t), tracker.policy());
        if (day != kNoDate) days[it->second].push_back(day);
    }
    bool first = true;
    for (size_t i = 0; i < series.size(); ++i) {
        std::sort(days[i].begin(), days[i].end());
        int count = 0;
        for (long d : days[i]) {
            ++count;
            if (!series[i].steps.empty() && series[i].steps.back().first == d) {
                series[i].steps.back().second = count;
            } else {
                series[i].steps.emplace_back(d, count);
            }
            if (first || d < out.first_day) out.first_day = d;
            if (first || d > out.last_day) out.last_day = d;
            first = false;
        }
        out.max = std::max(out.max, count);
    }
    if (is_iso_date(as_of) && !first) out.last_day = std::max(out.last_day, days_from_iso(as_of));
    return out;
}

}  // namespace it2

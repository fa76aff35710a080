#include "dashboard.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "forecast_parts.h"
#include "pinyin_order.h"
#include "row_order.h"
#include "widgets.h"

namespace it2::ui {

// ---- changes ---------------------------------------------------------------------------------

Dashboard::Dashboard(Tracker& data)
    : tracker(data),
      workspace(data.workspace()),
      merged(data.merged()),
      summary(data.summary()),
      as_of(data.as_of()),
      policy(data.policy_for_editing()) {}

LoadResult Dashboard::load(FileKind kind, const std::string& name, std::string_view bytes) {
    if (kind == FileKind::data) last_load_ = std::chrono::steady_clock::now();
    glyphs_dirty = true;
    return tracker.load(kind, name, bytes);
}

LoadResult Dashboard::load(const OpenedPart& part) {
    if (part.kind != FileKind::workspace) return load(part.kind, part.name, part.bytes);
    glyphs_dirty = true;
    return tracker.load(part);
}

void Dashboard::clear() {
    tracker.clear();
    school_id.clear();
    teacher_id.clear();
    capability_scope = Scope{};
    refresh();  // at once: no frame may pair old results with the new (empty) file list
}

bool Dashboard::loading_burst() const {
    return tracker.next_step() == Tracker::Step::merge &&
           (batch_open || std::chrono::steady_clock::now() - last_load_ < std::chrono::milliseconds(150));
}

void Dashboard::open_school(const std::string& id) {
    view = View::school;
    if (id != school_id) {
        school_id = id;
        // The school's own choices (subject, batch, search) start over; the status filters stay.
        teacher_filter.subject.clear();
        teacher_filter.batch.clear();
        teacher_filter.search.clear();
        rebuild_teacher_rows();
        rebuild_school_detail();
    }
}

void Dashboard::open_capability(const Scope& scope) {
    view = View::capability;
    if (scope.kind != capability_scope.kind || scope.id != capability_scope.id) {
        capability_scope = scope;
        rebuild_levels();
    }
}

// ---- derived ---------------------------------------------------------------------------------

namespace {
// Times the steps of one refresh into Dashboard::refresh_ms (reported in it2.state()).
class StepTimer {
public:
    explicit StepTimer(std::vector<std::pair<const char*, double>>& out) : out_(out) {}
    void done(const char* step) {
        const auto now = std::chrono::steady_clock::now();
        out_.emplace_back(step, std::chrono::duration<double, std::milli>(now - start_).count());
        start_ = now;
    }

private:
    std::vector<std::pair<const char*, double>>& out_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};
}  // namespace

void Dashboard::refresh() {
    while (refresh_step()) {
    }
}

void Dashboard::refresh_for(double budget_ms) {
    const auto start = std::chrono::steady_clock::now();
    while (refresh_step() && std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() < budget_ms) {
    }
}

bool Dashboard::refreshing() const { return step_ != RefreshStep::idle; }

// Drops every result before the new ones are built: wasm memory never shrinks, so two copies
// alive at once would stay the page's size. Frames in between draw the `computing` notice.
void Dashboard::forget_results(bool merged_again) {
    seen_revision_ = tracker.revision();  // (after a tracker step: set again once it ran)
    seen_merge_revision_ = tracker.merge_revision();
    if (merged_again) {
        teacher_index.clear();  // its keys view records that may be gone
        teacher_name_rank.clear();
        glyphs_dirty = true;
    }
    school_index.clear();
    school_rows.clear();
    schools_by_name.clear();
    school_name_rank.clear();
    teacher_rows.clear();
    problem_rows.clear();
    levels = CapabilityLevels{};
    progress.clear();
}

bool Dashboard::refresh_step() {
    const bool starting = step_ == RefreshStep::idle;
    // A change while a refresh is under way restarts it from the tracker's steps.
    const Tracker::Step core = tracker.next_step();
    if (core != Tracker::Step::none) {
        step_ = RefreshStep::core;
    } else if (tracker.revision() != seen_revision_) {
        // Results newer than the caches (it2.summary() refreshed the tracker): rebuild from lookups.
        forget_results(tracker.merge_revision() != seen_merge_revision_);
        step_ = RefreshStep::lookups;
    }
    if (step_ == RefreshStep::idle) return false;
    if (starting) refresh_ms.clear();
    StepTimer timer(refresh_ms);
    switch (step_) {
        case RefreshStep::idle: break;
        case RefreshStep::core:
            forget_results(core == Tracker::Step::merge);  // before the tracker drops its own
            tracker.refresh_step();
            seen_revision_ = tracker.revision();
            seen_merge_revision_ = tracker.merge_revision();
            timer.done(core == Tracker::Step::merge ? "merge" : "compute");
            step_ = tracker.next_step() == Tracker::Step::none ? RefreshStep::lookups : RefreshStep::core;
            break;
        case RefreshStep::lookups:
            rebuild_lookups();
            if (!school_id.empty() && !school(school_id)) school_id.clear();
            if (capability_scope.kind == Scope::Kind::school && !school(capability_scope.id)) capability_scope = Scope{};
            if (capability_scope.kind == Scope::Kind::batch && !batch(capability_scope.id)) capability_scope = Scope{};
            // A principal's workspace holds one school: it opens on that school, not on a
            // district of one (only when the count becomes one, so a later choice stands).
            if (summary.schools.size() == 1 && schools_seen_ != 1 && view == View::district) open_school(summary.schools[0].id);
            schools_seen_ = summary.schools.size();
            timer.done("lookups");
            step_ = RefreshStep::tables;
            break;
        case RefreshStep::tables:
            rebuild_school_rows();
            rebuild_school_detail();
            rebuild_problem_rows();
            timer.done("tables");
            step_ = RefreshStep::teacher_rows;
            break;
        case RefreshStep::teacher_rows:
            // Only the school view shows them: elsewhere they wait (100k rows sort in ~60 ms).
            if (view == View::school) rebuild_teacher_rows();
            else teacher_rows_stale_ = true;
            timer.done("teacherRows");
            step_ = RefreshStep::levels;
            break;
        case RefreshStep::levels:
            rebuild_levels();
            rebuild_progress();
            timer.done("levels");
            step_ = RefreshStep::idle;
            break;
    }
    return step_ != RefreshStep::idle;
}

void Dashboard::rebuild_lookups() {
    school_index.clear();
    for (size_t i = 0; i < summary.schools.size(); ++i) school_index.emplace(summary.schools[i].id, int(i));
    rebuild_school_names();
    // Teachers keep their place in the summary across policy and date changes (the merge's
    // order), so their index is rebuilt only after a merge, which empties it. Keys view the
    // loaded records.
    if (teacher_index.empty()) {
        teacher_index.reserve(summary.teachers.size());
        for (size_t i = 0; i < summary.teachers.size(); ++i) {
            const Teacher* t = record(summary.teachers[i]);
            if (t) teacher_index.emplace(t->id, int(i));
        }
    }
    batches = batches_in_force(workspace, merged);
    problem_counts = count_problems(summary.problems);
}

void Dashboard::rebuild_school_names() {
    school_name_rank = places_in_order(summary.schools.size(), [&](int i) { return pinyin_sort_key(summary.schools[size_t(i)].name); });
    schools_by_name.resize(school_name_rank.size());
    for (size_t i = 0; i < school_name_rank.size(); ++i) schools_by_name[size_t(school_name_rank[i])] = int(i);
}

void Dashboard::rebuild_school_rows() {
    if (school_name_rank.size() != summary.schools.size()) rebuild_school_names();  // a refresh under way
    ++rows_built;
    school_rows.clear();
    for (size_t i = 0; i < summary.schools.size(); ++i) {
        const SchoolResult& s = summary.schools[i];
        if (contains_folded(s.name, school_search) || contains_folded(s.id, school_search)) school_rows.push_back(int(i));
    }
    const auto& schools = summary.schools;
    auto rate = [](const std::optional<double>& r) { return r.value_or(-1.0); };
    bool asc = school_sort.ascending;
    switch (school_sort.column) {
        case 0: sort_rows(school_rows, asc, [&](int i) { return school_name_rank[size_t(i)]; }); break;
        case 1: sort_rows(school_rows, asc, [&](int i) { return pinyin_sort_key(schools[i].stage); }); break;
        case 2: sort_rows(school_rows, asc, [&](int i) { return schools[i].batches.size(); }); break;
        case 3: sort_rows(school_rows, asc, [&](int i) { return schools[i].rates.teachers; }); break;
        case 4: sort_rows(school_rows, asc, [&](int i) { return rate(schools[i].rates.participation); }); break;
        case 5: sort_rows(school_rows, asc, [&](int i) { return rate(schools[i].rates.hours); }); break;
        case 6: sort_rows(school_rows, asc, [&](int i) { return rate(schools[i].rates.submission); }); break;
        case 7: sort_rows(school_rows, asc, [&](int i) { return rate(schools[i].rates.pass); }); break;
        case 8: sort_rows(school_rows, asc, [&](int i) { return rate(schools[i].rates.excellence); }); break;
        case 9: sort_rows(school_rows, asc, [&](int i) { return schools[i].score.total(); }); break;
        case 10: sort_rows(school_rows, asc, [&](int i) { return schools[i].at_risk; }); break;
        case 11: sort_rows(school_rows, asc, [&](int i) { return schools[i].overdue; }); break;
        case 12: sort_rows(school_rows, asc, [&](int i) {
                     const SchoolResult& s = schools[i];
                     int done = s.by_status[size_t(TeacherStatus::excellent)] + s.by_status[size_t(TeacherStatus::passed)];
                     return s.rates.teachers ? double(done) / s.rates.teachers : -1.0;
                 });
            break;
        case kColumnForecastFinish: case kColumnForecastUnpassed: case kColumnNewPassed7d:
            sort_rows(school_rows, asc, [&](int i) { return forecast_sort_key(summary, i, school_sort.column); });
            break;
        default: break;
    }
}

void Dashboard::ensure_teacher_rows() {
    if (teacher_rows_stale_) rebuild_teacher_rows();
}

void Dashboard::rebuild_teacher_rows() {
    teacher_rows_stale_ = false;
    ++rows_built;
    teacher_rows.clear();
    std::set<std::string> subjects, batch_ids;
    const SchoolResult* scope = school_id.empty() ? nullptr : school(school_id);
    auto consider = [&](int i) {
        const TeacherResult& t = summary.teachers[size_t(i)];
        const Teacher* rec = record(t);
        if (!rec) return;
        if (!rec->subject.empty()) subjects.insert(rec->subject.str());
        batch_ids.insert(std::string(t.batch));
        const TeacherFilter& f = teacher_filter;
        if (f.status >= 0 && int(t.status) != f.status) return;
        if (f.status == kStatusNotPassed && (t.status == TeacherStatus::passed || t.status == TeacherStatus::excellent)) return;
        if (!f.subject.empty() && rec->subject != f.subject) return;
        if (!f.batch.empty() && t.batch != f.batch) return;
        if (f.at_risk_only && !t.at_risk && !t.overdue) return;
        if (!f.search.empty() && !contains_folded(rec->name, f.search) && !contains_folded(rec->id, f.search)) return;
        teacher_rows.push_back(i);
    };
    if (scope) {
        for (int i : scope->teachers) consider(i);
    } else {
        for (size_t i = 0; i < summary.teachers.size(); ++i) consider(int(i));
    }
    scope_subjects.assign(subjects.begin(), subjects.end());
    std::sort(scope_subjects.begin(), scope_subjects.end(),
              [](const std::string& a, const std::string& b) { return compare_pinyin(a, b) < 0; });
    scope_batches.assign(batch_ids.begin(), batch_ids.end());

    if (school_name_rank.size() != summary.schools.size()) rebuild_school_names();  // a refresh under way
    const auto& ts = summary.teachers;
    auto rec = [&](int i) -> const Teacher& { return *record(ts[size_t(i)]); };
    bool asc = teacher_sort.ascending;
    switch (teacher_sort.column) {
        case 0:
            if (teacher_name_rank.size() != ts.size()) {
                teacher_name_rank = places_in_order(ts.size(), [&](int i) {
                    const Teacher* t = record(ts[size_t(i)]);
                    return pinyin_sort_key(t ? std::string_view(t->name) : std::string_view(), CollateAs::person_name);
                });
            }
            sort_rows(teacher_rows, asc, [&](int i) { return teacher_name_rank[size_t(i)]; });
            break;
        case 1: sort_rows(teacher_rows, asc, [&](int i) { return pinyin_sort_key(rec(i).subject); }); break;
        case 2: sort_rows(teacher_rows, asc, [&](int i) { return pinyin_sort_key(rec(i).role); }); break;
        case 3: sort_rows(teacher_rows, asc, [&](int i) { return ts[size_t(i)].online; }); break;
        case 4: sort_rows(teacher_rows, asc, [&](int i) { return ts[size_t(i)].practice; }); break;
        case 5: sort_rows(teacher_rows, asc, [&](int i) { return ts[size_t(i)].passed_points * 100 + ts[size_t(i)].excellent_points; }); break;
        case 6: sort_rows(teacher_rows, asc, [&](int i) { return int(ts[size_t(i)].status); }); break;
        case 7: sort_rows(teacher_rows, asc, [&](int i) { return int(ts[size_t(i)].overdue) * 2 + int(ts[size_t(i)].at_risk); }); break;
        case 8: sort_rows(teacher_rows, asc, [&](int i) { return ts[size_t(i)].missing.size(); }); break;
        case 9: sort_rows(teacher_rows, asc, [&](int i) { return std::string_view(rec(i).id); }); break;
        case 10: sort_rows(teacher_rows, asc, [&](int i) { return school_name_rank[size_t(ts[size_t(i)].school)]; }); break;
        default: break;
    }
}

void Dashboard::rebuild_problem_rows() {
    problem_rows.clear();
    std::set<std::string> files;
    const int n = problem_count();
    for (int i = 0; i < n; ++i) {
        const Problem& p = problem(i);
        files.insert(p.file);
        if (problem_severity >= 0 && int(p.severity) != problem_severity) continue;
        if (!problem_file.empty() && p.file != problem_file) continue;
        problem_rows.push_back(i);
    }
    problem_files.assign(files.begin(), files.end());
}

void Dashboard::rebuild_levels() {
    levels = capability_levels(workspace, summary, capability_scope);
    rates_by_point = point_rates(levels);
    for (int p = 0; p < kPointCount; ++p) points_by_chosen[size_t(p)] = p;
    std::stable_sort(points_by_chosen.begin(), points_by_chosen.end(),
                     [&](int a, int b) { return rates_by_point[size_t(a)].chosen > rates_by_point[size_t(b)].chosen; });
    weakest_points = it2::weakest_points(rates_by_point, weakest_min_submitted(capability_scope.kind), 5);
    set_capability_sort(capability_sort);
}

void Dashboard::rebuild_school_detail() {
    school_activities.clear();
    school_batch_rates.clear();
    school_pass_days.clear();
    for (std::string& date : school_deliverable_dates) date.clear();
    if (school_id.empty()) return;
    if (const SchoolResult* s = school(school_id)) school_pass_days = forecast_pass_days(*this, *s);
    if (const SchoolResult* s = school(school_id); s && s->batches.size() > 1) {
        for (const std::string& b : s->batches) {
            std::vector<const TeacherResult*> in_batch;
            for (int i : s->teachers) {
                if (summary.teachers[size_t(i)].batch == b) in_batch.push_back(&summary.teachers[size_t(i)]);
            }
            school_batch_rates.emplace_back(b, rates_of(in_batch));
        }
    }
    for (size_t f = 0; f < workspace.files.size(); ++f) {
        const FileEntry& file = workspace.files[f];
        if (!file.data || file.data->school_id != school_id) continue;
        if (f < merged.file_status.size() && merged.file_status[f] == FileStatus::replaced) continue;
        const BatchFile& b = *file.data;
        for (const Activity& a : b.activities) school_activities.push_back(&a);
        const Deliverable* parts[3] = {&b.management_team, &b.development_plan, &b.training_plan};
        for (size_t i = 0; i < 3; ++i) {
            if (parts[i]->present && !parts[i]->date.empty()) school_deliverable_dates[i] = parts[i]->date;
        }
    }
    std::stable_sort(school_activities.begin(), school_activities.end(),
                     [](const Activity* a, const Activity* b) { return a->date < b->date; });
}

void Dashboard::rebuild_progress() {
    Progress p = passing_progress(tracker, batches);
    progress = std::move(p.series);
    progress_first_day = p.first_day;
    progress_last_day = p.last_day;
    progress_max = p.max;
}

// ---- lookups ---------------------------------------------------------------------------------

const SchoolResult* Dashboard::school(const std::string& id) const {
    auto it = school_index.find(id);
    return it == school_index.end() ? nullptr : &summary.schools[size_t(it->second)];
}

const TeacherResult* Dashboard::teacher(const std::string& id) const {
    auto it = teacher_index.find(id);
    // The index outlives a recompute (see rebuild_lookups): mid-refresh the summary may be empty.
    return it == teacher_index.end() || size_t(it->second) >= summary.teachers.size() ? nullptr
                                                                                      : &summary.teachers[size_t(it->second)];
}

const BatchInfo* Dashboard::batch(std::string_view id) const {
    for (const BatchInfo& b : batches)
        if (b.id == id) return &b;
    return nullptr;
}

const Rates& Dashboard::scope_rates() const {
    if (view == View::school) {
        if (const SchoolResult* s = school(school_id)) return s->rates;
    }
    return summary.district;
}

}  // namespace it2::ui

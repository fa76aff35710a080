#include "dashboard.h"

#include <imgui.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "load_batch.h"
#include "pinyin_order.h"
#include "policy.h"
#include "widgets.h"

namespace it2::ui {

namespace {

const char* const kViewKeys[kViewCount] = {"district", "school", "teacher", "capability", "problems", "rules", "help"};

// Case-insensitive (ASCII) substring test; Chinese bytes compare exactly.
bool contains_folded(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    auto fold = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                          [&](char a, char b) { return fold(a) == fold(b); });
    return it != hay.end();
}

// The distinct code points of some text: a bit per BMP character (names and messages are
// nearly all BMP, and a province has millions of them), a set for the rest.
struct CodePoints {
    std::vector<bool> bmp = std::vector<bool>(0x10000);
    std::set<char32_t> beyond;
    void insert(char32_t c) {
        if (c < 0x10000) bmp[c] = true;
        else beyond.insert(c);
    }
    std::vector<char32_t> list() const {
        std::vector<char32_t> out;
        for (char32_t c = 0; c < 0x10000; ++c)
            if (bmp[c]) out.push_back(c);
        out.insert(out.end(), beyond.begin(), beyond.end());
        return out;
    }
};

// Decodes UTF-8 into code points (invalid bytes become U+FFFD).
void collect_code_points(std::string_view s, CodePoints& out) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        char32_t cp = 0xFFFD;
        size_t len = 1;
        if (c < 0x80) {
            cp = c;
        } else if ((c >> 5) == 0x6 && i + 1 < s.size()) {
            cp = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
            len = 2;
        } else if ((c >> 4) == 0xE && i + 2 < s.size()) {
            cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
            len = 3;
        } else if ((c >> 3) == 0x1E && i + 3 < s.size()) {
            cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
            len = 4;
        }
        if (cp >= 0x20) out.insert(cp);
        i += len;
    }
}

template <typename Key>
void sort_rows(std::vector<int>& rows, bool ascending, Key key) {
    // Keys are computed once per row, not per comparison: at 100k rows, a key that copies a
    // string or follows a record per comparison cost more than the whole recompute. (Pinyin keys
    // cost 1.5x the old byte order's sort this way, 10x per comparison: the pinyin benchmark in
    // tests/core/test_pinyin_order.cpp. Names sort once per merge, see places_in_order.)
    using K = decltype(key(0));
    std::vector<std::pair<K, int>> keyed;
    keyed.reserve(rows.size());
    for (int row : rows) keyed.emplace_back(key(row), row);
    std::stable_sort(keyed.begin(), keyed.end(), [ascending](const auto& a, const auto& b) {
        return ascending ? a.first < b.first : b.first < a.first;
    });
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = keyed[i].second;
}

// Each index's place when 0..n-1 are sorted by `key`: sorting by it later sorts integers.
template <typename Key>
std::vector<int> places_in_order(size_t n, Key key) {
    std::vector<int> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = int(i);
    sort_rows(order, true, key);
    std::vector<int> place(n);
    for (size_t p = 0; p < n; ++p) place[size_t(order[p])] = int(p);
    return place;
}

nlohmann::json optional_number(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

const char* view_key(View v) { return kViewKeys[int(v)]; }

bool view_from_key(std::string_view key, View& out) {
    for (int i = 0; i < kViewCount; ++i) {
        if (key == kViewKeys[i]) {
            out = View(i);
            return true;
        }
    }
    if (key == "levels") {
        out = View::capability;
        return true;
    }
    return false;
}

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

void Dashboard::clear() {
    tracker.clear();
    school_id.clear();
    teacher_id.clear();
    capability_scope = Scope{};
    refresh();  // at once: no frame may pair old results with the new (empty) file list
}

bool Dashboard::loading_burst() const {
    return tracker.next_step() == Tracker::Step::merge && (batch_open || std::chrono::steady_clock::now() - last_load_ < std::chrono::milliseconds(150));
}

void Dashboard::set_school_sort(SortOrder s) {
    school_sort = s;
    rebuild_school_rows();
}

void Dashboard::set_teacher_sort(SortOrder s) {
    teacher_sort = s;
    rebuild_teacher_rows();
}

void Dashboard::set_lang(Lang l) {
    if (l == lang) return;
    lang = l;
    glyphs_dirty = true;
    rebuild_progress();  // labels are in the UI language
    if (actions.remember) actions.remember("lang", l == Lang::zh ? "zh" : "en");
}

void Dashboard::set_text_scale(float s) {
    text_scale = std::clamp(s, 0.8f, 2.0f);
    if (actions.remember) actions.remember("textScale", std::to_string(text_scale));
}

void Dashboard::set_as_of(const std::string& iso) { tracker.set_as_of(iso); }

void Dashboard::open_school(const std::string& id) {
    view = View::school;
    if (id != school_id) {
        school_id = id;
        teacher_filter = TeacherFilter{};
        rebuild_teacher_rows();
        rebuild_school_detail();
    }
}

void Dashboard::open_teacher(const std::string& id) {
    view = View::teacher;
    teacher_id = id;
}

void Dashboard::open_capability(const Scope& scope) {
    view = View::capability;
    if (scope.kind != capability_scope.kind || scope.id != capability_scope.id) {
        capability_scope = scope;
        rebuild_levels();
    }
}

bool Dashboard::set_view(const std::string& name, const std::string& arg) {
    refresh();
    View v;
    if (!view_from_key(name, v)) return false;
    switch (v) {
        case View::school:
            if (!arg.empty() && !school(arg)) return false;
            open_school(arg);
            return true;
        case View::teacher:
            if (arg.empty()) {
                if (!teacher(teacher_id)) return false;
            } else if (!teacher(arg)) {
                return false;
            }
            open_teacher(arg.empty() ? teacher_id : arg);
            return true;
        case View::capability: {
            Scope scope;
            if (arg.empty()) {
                scope.kind = Scope::Kind::district;
            } else if (school(arg)) {
                scope.kind = Scope::Kind::school;
                scope.id = arg;
            } else if (batch(arg)) {
                scope.kind = Scope::Kind::batch;
                scope.id = arg;
            } else {
                return false;
            }
            open_capability(scope);
            return true;
        }
        default:
            view = v;
            return true;
    }
}

void Dashboard::reset_policy() { tracker.reset_policy(); }

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
void Dashboard::clear_results() {
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
    if (core != Tracker::Step::none) step_ = RefreshStep::core;
    if (step_ == RefreshStep::idle) return false;
    if (starting) refresh_ms.clear();
    StepTimer timer(refresh_ms);
    switch (step_) {
        case RefreshStep::idle: break;
        case RefreshStep::core:
            clear_results();  // before the tracker drops its own: never two copies alive at once
            if (core == Tracker::Step::merge) {
                teacher_index.clear();  // its keys view records that may be gone
                teacher_name_rank.clear();
                glyphs_dirty = true;
            }
            tracker.refresh_step();
            timer.done(core == Tracker::Step::merge ? "merge" : "compute");
            step_ = tracker.next_step() == Tracker::Step::none ? RefreshStep::lookups : RefreshStep::core;
            break;
        case RefreshStep::lookups:
            rebuild_lookups();
            if (!school_id.empty() && !school(school_id)) school_id.clear();
            if (capability_scope.kind == Scope::Kind::school && !school(capability_scope.id)) capability_scope = Scope{};
            if (capability_scope.kind == Scope::Kind::batch && !batch(capability_scope.id)) capability_scope = Scope{};
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
    // Batches: from the files still in force (not rejected or replaced).
    batches.clear();
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
    std::set<std::string> with_problems;
    for (const Problem& p : summary.problems) with_problems.insert(p.file);
    files_with_problems = int(with_problems.size());
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
        if (!rec->subject.empty()) subjects.insert(rec->subject);
        batch_ids.insert(t.batch);
        const TeacherFilter& f = teacher_filter;
        if (f.status >= 0 && int(t.status) != f.status) return;
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
    auto chosen = [&](int p) {
        int n = 0;
        for (int c : levels.points[size_t(p)]) n += c;
        return n;
    };
    for (int p = 0; p < kPointCount; ++p) points_by_chosen[size_t(p)] = points_by_failed[size_t(p)] = p;
    std::stable_sort(points_by_chosen.begin(), points_by_chosen.end(), [&](int a, int b) { return chosen(a) > chosen(b); });
    const size_t fail = size_t(PointState::fail);
    std::stable_sort(points_by_failed.begin(), points_by_failed.end(),
                     [&](int a, int b) { return levels.points[size_t(a)][fail] > levels.points[size_t(b)][fail]; });
}

void Dashboard::rebuild_school_detail() {
    school_activities.clear();
    for (std::string& date : school_deliverable_dates) date.clear();
    if (school_id.empty()) return;
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
    progress.clear();
    progress_first_day = progress_last_day = 0;
    progress_max = 0;
    std::unordered_map<std::string, size_t> series_of;
    for (const BatchInfo& b : batches) {
        series_of.emplace(b.id, progress.size());
        ProgressSeries s;
        s.batch_id = b.id;
        s.label = b.name.empty() ? b.id : b.name;
        progress.push_back(std::move(s));
    }
    // A teacher passed on the latest review date of the points that count toward passing.
    std::vector<std::vector<long>> days(progress.size());
    for (const TeacherResult& t : summary.teachers) {
        if (t.status != TeacherStatus::passed && t.status != TeacherStatus::excellent) continue;
        const Teacher* rec = record(t);
        auto it = series_of.find(t.batch);
        if (!rec || it == series_of.end()) continue;
        std::string last;
        for (const PointRecord& p : rec->points) {
            if (p.status != PointStatus::graded || (p.grade != Grade::pass && p.grade != Grade::excellent)) continue;
            if (is_iso_date(p.reviewed) && p.reviewed > last) last = p.reviewed;
        }
        if (!last.empty()) days[it->second].push_back(days_from_iso(last));
    }
    bool first = true;
    for (size_t i = 0; i < progress.size(); ++i) {
        std::sort(days[i].begin(), days[i].end());
        int count = 0;
        for (long d : days[i]) {
            ++count;
            if (!progress[i].steps.empty() && progress[i].steps.back().first == d) {
                progress[i].steps.back().second = count;
            } else {
                progress[i].steps.emplace_back(d, count);
            }
            if (first || d < progress_first_day) progress_first_day = d;
            if (first || d > progress_last_day) progress_last_day = d;
            first = false;
        }
        progress_max = std::max(progress_max, count);
    }
    if (is_iso_date(as_of) && !first) progress_last_day = std::max(progress_last_day, days_from_iso(as_of));
}

void Dashboard::count_missing_glyphs() {
    glyphs_dirty = false;
    CodePoints chars;
    for (int i = 0; i < kStrCount; ++i) collect_code_points(tr(Str(i), lang), chars);
    for (const SchoolResult& s : summary.schools) {
        collect_code_points(s.name, chars);
        collect_code_points(s.stage, chars);
    }
    for (const BatchInfo& b : batches) collect_code_points(b.name, chars);
    for (const TeacherResult& t : summary.teachers) {
        const Teacher* rec = record(t);
        if (!rec) continue;
        collect_code_points(rec->name, chars);
        collect_code_points(rec->subject, chars);
        collect_code_points(rec->role, chars);
    }
    for (const FileEntry& f : workspace.files) {
        collect_code_points(f.name, chars);
        if (!f.data) continue;
        for (const Activity& a : f.data->activities) collect_code_points(a.title, chars);
    }
    for (int i = 0; i < problem_count(); ++i) collect_code_points(problem(i).message(lang), chars);
    for (const PointInfo& p : catalog()) collect_code_points(lang == Lang::zh ? p.name_zh : p.name_en, chars);

    ImFont* font = ImGui::GetCurrentContext() ? ImGui::GetFont() : nullptr;
    int missing = 0;
    for (char32_t c : chars.list()) {
        if (c == 0xFFFD) {
            ++missing;
            continue;
        }
        bool ok;
        if (actions.can_render) {
            ok = actions.can_render(c);
        } else if (!font) {
            ok = false;
        } else if (c > IM_UNICODE_CODEPOINT_MAX) {
            ok = false;  // ImWchar too narrow for this plane in this build
        } else {
            ok = font->IsGlyphInFont(ImWchar(c));
        }
        if (!ok) ++missing;
    }
    missing_glyphs = missing;
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

const BatchInfo* Dashboard::batch(const std::string& id) const {
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

std::string Dashboard::state_json() {
    if (view == View::school) ensure_teacher_rows();  // its row count is reported
    using nlohmann::json;
    json j;
    j["view"] = view_key(view);
    j["lang"] = lang == Lang::zh ? "zh" : "en";
    j["notice"] = notice;
    j["asOf"] = as_of;
    j["frames"] = frames;
    j["drawMs"] = last_draw_ms;
    j["resultsComputed"] = tracker.results_computed();
    j["rowsBuilt"] = rows_built;
    json steps = json::object();
    for (const auto& [step, ms] : refresh_ms) steps[step] = ms;
    j["refreshMs"] = steps;
    j["viewScroll"] = view_scroll;
    j["missingGlyphs"] = missing_glyphs;
    j["tooltip"] = tooltip_shown;
    j["textScale"] = text_scale;

    json scope;
    switch (view) {
        case View::school:
            scope["kind"] = school_id.empty() ? "district" : "school";
            scope["id"] = school_id;
            break;
        case View::teacher:
            scope["kind"] = "teacher";
            scope["id"] = teacher_id;
            break;
        case View::capability:
            scope["kind"] = capability_scope.kind == Scope::Kind::district ? "district"
                            : capability_scope.kind == Scope::Kind::school ? "school"
                                                                           : "batch";
            scope["id"] = capability_scope.id;
            break;
        default:
            scope["kind"] = "district";
            scope["id"] = "";
            break;
    }
    j["scope"] = scope;

    json filters;
    filters["status"] = teacher_filter.status >= 0 ? teacher_status_key(TeacherStatus(teacher_filter.status)) : "";
    filters["subject"] = teacher_filter.subject;
    filters["batch"] = teacher_filter.batch;
    filters["atRiskOnly"] = teacher_filter.at_risk_only;
    filters["search"] = teacher_filter.search;
    filters["schoolSearch"] = school_search;
    filters["severity"] = problem_severity >= 0 ? severity_key(Severity(problem_severity)) : "";
    filters["file"] = problem_file;
    j["filters"] = filters;
    j["sort"] = {{"schools", {{"column", school_sort.column}, {"ascending", school_sort.ascending}}},
                 {"teachers", {{"column", teacher_sort.column}, {"ascending", teacher_sort.ascending}}}};

    // The numbers the rate cards show, with the text they are shown as.
    if (view == View::district || view == View::school) {
        const Rates& r = scope_rates();
        json cards;
        json text;
        cards["teachers"] = r.teachers;
        const std::pair<const char*, const std::optional<double>*> rates[] = {
            {"participation_rate", &r.participation}, {"hours_rate", &r.hours}, {"submission_rate", &r.submission},
            {"pass_rate", &r.pass}, {"excellence_rate", &r.excellence}};
        for (const auto& [key, value] : rates) {
            cards[key] = optional_number(*value);
            text[key] = format_rate(*value, lang);
        }
        const SchoolResult* s = view == View::school ? school(school_id) : nullptr;
        cards["score"] = s ? s->score.total() : summary.district_score;
        if (s) {
            cards["score_parts"] = {{"organisation", s->score.organisation},
                                    {"activities", s->score.activities},
                                    {"participation_hours", s->score.participation_hours},
                                    {"pass", s->score.pass},
                                    {"excellence", s->score.excellence}};
        }
        text["score"] = format("%.1f", cards["score"].get<double>());
        j["cards"] = cards;
        j["cardsText"] = text;
    } else if (view == View::teacher) {
        if (const TeacherResult* t = teacher(teacher_id)) {
            j["cards"] = {{"online", t->online},
                          {"practice", t->practice},
                          {"status", teacher_status_key(t->status)},
                          {"passed_points", t->passed_points},
                          {"missing", t->missing.size()}};
        }
    } else if (view == View::capability) {
        json points = json::array();
        for (int p = 0; p < kPointCount; ++p) {
            const auto& row = levels.points[size_t(p)];
            points.push_back({{"code", catalog()[size_t(p)].code},
                              {"selected", row[0]},
                              {"submitted", row[1]},
                              {"pass", row[2]},
                              {"excellent", row[3]},
                              {"fail", row[4]}});
        }
        j["cards"] = {{"teachers", levels.teachers}, {"points", points}};
    }

    int rows = 0;
    switch (view) {
        case View::district: rows = int(school_rows.size()); break;
        case View::school: rows = int(teacher_rows.size()); break;
        case View::problems: rows = int(problem_rows.size()); break;
        case View::capability: rows = kPointCount; break;
        default: break;
    }
    j["rows"] = rows;
    json rect_json = json::object();
    for (const auto& [name, r] : rects) rect_json[name] = {r[0], r[1], r[2], r[3]};
    j["rects"] = rect_json;
    j["loaded"] = {{"schools", summary.schools.size()},
                   {"teachers", summary.teachers.size()},
                   {"batches", batches.size()},
                   {"files", workspace.files.size()},
                   {"filesWithProblems", files_with_problems},
                   {"problems", problem_count()}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace it2::ui

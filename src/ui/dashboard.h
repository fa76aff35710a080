// The dashboard's state: the view state (view, scope, filters, sort, language) and the view
// caches derived from the tracker's results (sorted and filtered row lists, lookups, capability
// levels, the progress series). The data itself (files, policy, as-of date, merge, summary) is
// the Tracker's (core/tracker.h). Owned by App; the panels draw from it and ask it to change,
// and every cache is rebuilt only when its inputs change, never per frame.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "counts.h"
#include "capability_rates.h"
#include "metrics.h"
#include "tracker.h"
#include "ui_strings.h"

namespace it2::ui {

enum class View : uint8_t { district, school, teacher, capability, problems, rules, help };
constexpr int kViewCount = 7;

// What the page can do for the dashboard; an empty function means "not available here", and
// the button that needs it is shown disabled with a tooltip.
struct PlatformActions {
    std::function<void()> open_files, open_folder, load_demo, print_report;
    std::function<void()> export_table;  // the current view's table as CSV, exactly as shown
    std::function<void()> export_xlsx;   // schools, teachers and problems as one Excel workbook (xlsx_export.h)
    std::function<void()> manage_files;  // opens 文件管理 (remove, clear, workspace files)
    std::function<void()> export_school_page;  // 导出本校页面: the open school's own page (school_page.h)
    std::function<void(const std::string& name, const std::string& bytes, const std::string& mime)> save_file;
    std::function<bool(char32_t)> can_render;  // empty: ask the ImGui font
    std::function<void(const std::string& key, const std::string& value)> remember;
};

// Sort order of a table: which column, which direction.
struct SortOrder {
    int column = 0;
    bool ascending = true;
};

constexpr int kStatusNotPassed = -2;  // TeacherFilter::status: 未合格（全部）, every status but 合格 and 优秀

struct TeacherFilter {
    int status = -1;          // -1 = any, kStatusNotPassed, else TeacherStatus
    std::string subject;      // "" = any
    std::string batch;        // "" = any
    bool at_risk_only = false;  // at risk or overdue
    std::string search;       // name or id, substring
};

struct Dashboard {
    explicit Dashboard(Tracker& data);
    Dashboard(const Dashboard&) = delete;
    Dashboard& operator=(const Dashboard&) = delete;

    // ---- data: the tracker's (core/tracker.h); changes go through it ------------------------
    Tracker& tracker;
    // Read-only views of the tracker's data for the panels.
    const Workspace& workspace;
    const Merged& merged;
    const Summary& summary;  // the problems of policy files first (format.md §4)
    const std::string& as_of;
    Policy& policy;  // the rules editor changes fields in place, then calls mark_results_changed()

    // ---- UI state --------------------------------------------------------------------------
    Lang lang = Lang::zh;
    float text_scale = 1.0f;
    View view = View::district;
    std::string school_id;   // school view scope ("" = every school)
    std::string teacher_id;  // teacher view
    Scope capability_scope;  // capability view scope
    std::string as_of_edit;  // the date field's text while being edited
    bool reminder_with_ids = false;  // 附带工号: copied reminder lists give ids (a kept setting)

    std::string school_search;
    SortOrder school_sort{0, true};
    TeacherFilter teacher_filter;
    SortOrder teacher_sort{0, true};
    SortOrder capability_sort{0, true};  // column: PointColumn
    int problem_severity = -1;  // -1 = any, else Severity
    std::string problem_file;   // "" = any
    float view_scroll = 0;    // vertical scroll of the current view (reported in it2.state())
    View drawn_view = View::district;  // the view drawn last frame: a new view starts at the top
    View tabs_view = View::district;   // the view the phone's tab row last scrolled to
    // How often table rows were rebuilt (it2.state(), with Tracker::results_computed()): tests
    // check that scrolling or redrawing rebuilds nothing, without timing anything.
    int rows_built = 0;
    std::vector<std::pair<const char*, double>> refresh_ms;  // the last refresh's steps, in ms
    bool theme_applied = false;  // the light theme is set on the first frame (needs a context)
    PlatformActions actions;
    // A principal's own page (导出本校页面): the one school it holds, its name and the data date,
    // said in the top bar. Empty on the main page.
    struct OwnSchool {
        std::string id, name, date;
    } own_school;
    std::string notice;  // last message shown under the top bar (a load result, a copy)
    std::string notice_drawn;                         // the notice as first drawn, to time it
    std::chrono::steady_clock::time_point notice_since;  // when it was first drawn

    // ---- derived (rebuilt on change) -------------------------------------------------------
    std::unordered_map<std::string, int> school_index;       // id -> summary index
    std::unordered_map<std::string_view, int> teacher_index;  // id (a view of the record) -> summary index
    std::vector<BatchInfo> batches;                                     // distinct, sorted by start
    std::vector<int> school_rows;                                       // district table rows
    std::vector<int> schools_by_name;   // every school, in pinyin order of the name (the school picker)
    std::vector<int> school_name_rank;  // summary index -> place in schools_by_name (sorts a school column)
    // Summary index -> place of the teacher's name in pinyin order: built on the first sort by
    // name after a merge, so each later sort or filter sorts integers, not pinyin keys.
    std::vector<int> teacher_name_rank;
    std::vector<int> teacher_rows;                                      // school view table rows
    std::vector<std::string> scope_subjects, scope_batches;             // filter choices
    std::vector<int> problem_rows;                                      // indices into summary.problems
    std::vector<std::string> problem_files;
    CapabilityLevels levels;
    std::array<int, kPointCount> points_by_chosen{};  // point indices, most chosen first
    PointRates rates_by_point{};                      // pass and fail rate of each point (levels)
    std::array<int, kPointCount> capability_rows{};   // the points table's order (capability_sort)
    std::vector<int> weakest_points;                  // 最薄弱的能力点, weakest first
    std::vector<const Activity*> school_activities;                       // the open school's, by date
    std::array<std::string, 3> school_deliverable_dates;                  // team, plan, training plan
    std::vector<std::pair<std::string, Rates>> school_batch_rates;        // the open school's, by batch id
    // The open school's forecast chart (forecast_parts.h): per open batch, its index in the
    // school's forecast batches and its teachers' pass days, sorted.
    std::vector<std::pair<size_t, std::vector<long>>> school_pass_days;
    std::vector<ProgressSeries> progress;
    long progress_first_day = 0, progress_last_day = 0;
    int progress_max = 0;
    ProblemCounts problem_counts;  // of summary.problems: the header, the files list, it2.state() (core/counts.h)
    int missing_glyphs = 0;
    bool glyphs_dirty = true;

    // ---- changes ---------------------------------------------------------------------------
    // Tracker::load, noted for loading_burst() and the glyph count.
    LoadResult load(FileKind kind, const std::string& name, std::string_view bytes);
    LoadResult load(const OpenedPart& part);  // one part of open_file() (tracker.h)
    void clear();
    void mark_data_changed() { tracker.mark_data_changed(); }
    void mark_results_changed() { tracker.mark_results_changed(); }  // policy or date changed
    void set_school_sort(SortOrder s);
    void set_teacher_sort(SortOrder s);
    void set_capability_sort(SortOrder s);
    void teacher_filter_changed() { rebuild_teacher_rows(); }
    // teacher_rows (and the subject / batch choices) are built when a refresh finds the school
    // view open, else on first use: call this before reading them.
    void ensure_teacher_rows();
    void school_search_changed() { rebuild_school_rows(); }
    void problem_filter_changed() { rebuild_problem_rows(); }
    void set_lang(Lang l);
    void set_text_scale(float s);
    void set_as_of(const std::string& iso) { tracker.set_as_of(iso); }
    void open_school(const std::string& id);   // "" = every school
    void open_teacher(const std::string& id) {
        view = View::teacher;
        teacher_id = id;
    }
    void open_capability(const Scope& scope);
    // Rule edits can be undone (规则设置 撤销): the policy before each edit, newest last. An edit
    // still under way (a field being typed into) adds no second step.
    std::vector<Policy> policy_undo;
    bool rule_edit_open = false;
    void note_rule_edit(const Policy& before, bool still_editing);
    void undo_rule_edit();
    void reset_policy();  // to the defaults, undoable

    // Sort orders and filters kept across reloads (the stored settings, src/app/app_files.cpp):
    // (key, value) texts, and one of them given back (unknown keys and bad values are ignored).
    std::vector<std::pair<std::string, std::string>> kept_view_state() const;
    void restore_view_state(const std::string& key, const std::string& value);

    // Brings every derived list up to date; cheap when nothing changed.
    void refresh();
    // The same in steps (the tracker's merge and compute, then lookups, tables, teacher rows,
    // levels), as many as fit in `budget_ms`, so that a province never freezes a frame for long; while steps remain,
    // refreshing() is true and the view shows the `computing` notice instead of partial results.
    void refresh_for(double budget_ms);
    bool refreshing() const;
    // True while files are arriving in a burst (the last one less than 150 ms ago, or the page
    // said a batch is open): the frame then draws the previous results instead of recomputing
    // after every file.
    bool loading_burst() const;
    bool batch_open = false;  // set by the page around a batch of files (picker, drop, restore)

    // ---- lookups ---------------------------------------------------------------------------
    const SchoolResult* school(const std::string& id) const;
    const TeacherResult* teacher(const std::string& id) const;
    const Teacher* record(const TeacherResult& t) const { return tracker.record(t); }  // null if the file is gone
    const BatchFile* record_file(const TeacherResult& t) const { return tracker.record_file(t); }
    PointRange record_points(const TeacherResult& t) const { return tracker.record_points(t); }
    const BatchInfo* batch(std::string_view id) const;
    const Problem& problem(int index) const { return summary.problems[size_t(index)]; }
    int problem_count() const { return int(summary.problems.size()); }
    const Rates& scope_rates() const;  // the rates the current view's cards show

private:
    // `core`: the tracker's steps (merge, compute), then the view caches'.
    enum class RefreshStep : uint8_t { idle, core, lookups, tables, teacher_rows, levels };
    bool teacher_rows_stale_ = false;  // teacher_rows wait for the school view (ensure_teacher_rows)
    RefreshStep step_ = RefreshStep::idle;
    bool refresh_step();            // runs the next step; false when none is left
    // Drops the caches built from the tracker's results (all of them after a new merge) and
    // notes which results they are rebuilt from.
    void forget_results(bool merged_again);
    long seen_revision_ = 0, seen_merge_revision_ = 0;  // the tracker's, when the caches were built
    size_t schools_seen_ = 0;  // schools after the last refresh: a load that leaves one opens it
    std::chrono::steady_clock::time_point last_load_;
    void rebuild_lookups();
    void rebuild_school_names();
    void rebuild_school_rows();
    void rebuild_teacher_rows();
    void rebuild_problem_rows();
    void rebuild_levels();
    void rebuild_school_detail();
    void rebuild_progress();
};

}  // namespace it2::ui

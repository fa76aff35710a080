// What the user chose and the page keeps (Dashboard, dashboard.h): sort orders and filters,
// kept across reloads through actions.remember; the language and text size; rule edits and
// their undo. Kept apart from dashboard.cpp, which refreshes the results and their row caches.
#include <algorithm>
#include <cstdlib>

#include "dashboard.h"

namespace it2::ui {

void Dashboard::set_school_sort(SortOrder s) {
    school_sort = s;
    rebuild_school_rows();
}

void Dashboard::set_teacher_sort(SortOrder s) {
    teacher_sort = s;
    rebuild_teacher_rows();
}

void Dashboard::note_rule_edit(const Policy& before, bool still_editing) {
    if (!rule_edit_open) {
        constexpr size_t kUndoSteps = 50;
        if (policy_undo.size() == kUndoSteps) policy_undo.erase(policy_undo.begin());
        policy_undo.push_back(before);
    }
    rule_edit_open = still_editing;
    mark_results_changed();
}

void Dashboard::undo_rule_edit() {
    if (policy_undo.empty()) return;
    tracker.set_policy(policy_undo.back());
    policy_undo.pop_back();
    rule_edit_open = false;
}

void Dashboard::reset_policy() {
    rule_edit_open = false;
    note_rule_edit(policy, false);
    tracker.reset_policy();
}

namespace {
std::string sort_text(const SortOrder& s) { return std::to_string(s.column) + (s.ascending ? "+" : "-"); }
bool parse_sort(const std::string& text, int columns, SortOrder& out) {
    if (text.size() < 2 || (text.back() != '+' && text.back() != '-')) return false;
    int column = 0;
    for (size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9' || column > 1000) return false;
        column = column * 10 + (text[i] - '0');
    }
    if (column >= columns) return false;
    out = {column, text.back() == '+'};
    return true;
}
}  // namespace

std::vector<std::pair<std::string, std::string>> Dashboard::kept_view_state() const {
    return {{"schoolSort", sort_text(school_sort)},
            {"teacherSort", sort_text(teacher_sort)},
            {"capabilitySort", sort_text(capability_sort)},
            {"teacherStatus", std::to_string(teacher_filter.status)},
            {"atRiskOnly", teacher_filter.at_risk_only ? "1" : "0"},
            {"problemSeverity", std::to_string(problem_severity)},
            {"reminderIds", reminder_with_ids ? "1" : "0"}};
}

void Dashboard::restore_view_state(const std::string& key, const std::string& value) {
    SortOrder s;
    auto small_int = [&](int min_value, int max_value, int& out) {
        if (value.empty() || value.size() > 3) return false;
        char* end = nullptr;
        const long v = std::strtol(value.c_str(), &end, 10);
        if (*end != '\0' || v < min_value || v > max_value) return false;
        out = int(v);
        return true;
    };
    if (key == "schoolSort" && parse_sort(value, 13, s)) set_school_sort(s);
    else if (key == "teacherSort" && parse_sort(value, 11, s)) set_teacher_sort(s);
    else if (key == "capabilitySort" && parse_sort(value, kPointColumnCount, s)) set_capability_sort(s);
    else if (key == "teacherStatus" && small_int(kStatusNotPassed, kTeacherStatusCount - 1, teacher_filter.status)) rebuild_teacher_rows();
    else if (key == "atRiskOnly" && (value == "0" || value == "1")) {
        teacher_filter.at_risk_only = value == "1";
        rebuild_teacher_rows();
    } else if (key == "problemSeverity" && small_int(-1, 2, problem_severity)) {
        rebuild_problem_rows();
    } else if (key == "reminderIds" && (value == "0" || value == "1")) {
        reminder_with_ids = value == "1";
    }
}

void Dashboard::set_capability_sort(SortOrder s) {
    capability_sort = s;
    capability_rows = points_in_order(levels, rates_by_point, PointColumn(s.column), s.ascending);
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

}  // namespace it2::ui

#include "page_probe.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "page_views.h"
#include "widgets.h"

namespace it2 {

using namespace ui;

namespace {

nlohmann::json optional_number(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

void PageProbe::begin_frame() {
    ++frames_;
    frame_started_ = std::chrono::steady_clock::now();
    drawing_ = DrawnFrame{};
    drawing_.record_text = record_text_;
    record_drawn(&drawing_);
}

void PageProbe::end_frame(bool tooltip_shown) {
    last_draw_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_started_).count();
    tooltip_shown_ = tooltip_shown;
    record_drawn(nullptr);
    drawn_ = std::move(drawing_);
    if (drawn_.record_text) ++text_frames_;
}

std::string PageProbe::drawn_text_json() {
    record_text_ = true;
    using nlohmann::json;
    json items = json::array();
    for (const DrawnText& t : drawn_.text) {
        items.push_back({{"region", t.region}, {"window", t.window}, {"text", t.text}, {"column", t.column}, {"rect", t.rect}});
    }
    return json{{"frame", text_frames_}, {"items", items}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string PageProbe::format_value(const Dashboard& d, const std::string& kind, const std::string& text, double a, double b) {
    if (kind == "rate") return format_rate(std::isnan(a) ? std::optional<double>() : std::optional<double>(a), d.lang);
    if (kind == "score") return format_score(a);
    if (kind == "count") return format("%d", int(a));
    if (kind == "hours") return format(tr(Str::fmt_hours_of, d.lang), a, b);
    if (kind == "status") {
        for (int s = 0; s < kTeacherStatusCount; ++s) {
            if (text == teacher_status_key(TeacherStatus(s))) return tr(status_label(TeacherStatus(s)), d.lang);
        }
    }
    return "";
}

std::string PageProbe::state_json(Dashboard& d) const {
    if (d.view == View::school) d.ensure_teacher_rows();  // its row count is reported
    using nlohmann::json;
    json j;
    j["view"] = view_key(d.view);
    j["lang"] = d.lang == Lang::zh ? "zh" : "en";
    j["notice"] = d.notice;
    j["asOf"] = d.as_of;
    j["frames"] = frames_;
    j["drawMs"] = last_draw_ms_;
    j["resultsComputed"] = d.tracker.results_computed();
    j["rowsBuilt"] = d.rows_built;
    json steps = json::object();
    for (const auto& [step, ms] : d.refresh_ms) steps[step] = ms;
    j["refreshMs"] = steps;
    j["viewScroll"] = d.view_scroll;
    j["missingGlyphs"] = d.missing_glyphs;
    j["tooltip"] = tooltip_shown_;
    j["textScale"] = d.text_scale;

    json scope;
    switch (d.view) {
        case View::school:
            scope["kind"] = d.school_id.empty() ? "district" : "school";
            scope["id"] = d.school_id;
            break;
        case View::teacher:
            scope["kind"] = "teacher";
            scope["id"] = d.teacher_id;
            break;
        case View::capability:
            scope["kind"] = d.capability_scope.kind == Scope::Kind::district ? "district"
                            : d.capability_scope.kind == Scope::Kind::school ? "school"
                                                                           : "batch";
            scope["id"] = d.capability_scope.id;
            break;
        default:
            scope["kind"] = "district";
            scope["id"] = "";
            break;
    }
    j["scope"] = scope;

    json filters;
    filters["status"] = d.teacher_filter.status >= 0 ? teacher_status_key(TeacherStatus(d.teacher_filter.status)) : "";
    filters["subject"] = d.teacher_filter.subject;
    filters["batch"] = d.teacher_filter.batch;
    filters["atRiskOnly"] = d.teacher_filter.at_risk_only;
    filters["search"] = d.teacher_filter.search;
    filters["schoolSearch"] = d.school_search;
    filters["severity"] = d.problem_severity >= 0 ? severity_key(Severity(d.problem_severity)) : "";
    filters["file"] = d.problem_file;
    j["filters"] = filters;
    j["sort"] = {{"schools", {{"column", d.school_sort.column}, {"ascending", d.school_sort.ascending}}},
                 {"teachers", {{"column", d.teacher_sort.column}, {"ascending", d.teacher_sort.ascending}}}};

    // The numbers the rate cards show, with the text they are shown as.
    if (d.view == View::district || d.view == View::school) {
        const Rates& r = d.scope_rates();
        json cards;
        json text;
        cards["teachers"] = r.teachers;
        const std::pair<const char*, const std::optional<double>*> rates[] = {
            {"participation_rate", &r.participation}, {"hours_rate", &r.hours}, {"submission_rate", &r.submission},
            {"pass_rate", &r.pass}, {"excellence_rate", &r.excellence}};
        for (const auto& [key, value] : rates) {
            cards[key] = optional_number(*value);
            text[key] = format_rate(*value, d.lang);
        }
        const SchoolResult* s = d.view == View::school ? d.school(d.school_id) : nullptr;
        cards["score"] = s ? s->score.total() : d.summary.district_score;
        if (s) {
            cards["score_parts"] = {{"organisation", s->score.organisation},
                                    {"activities", s->score.activities},
                                    {"participation_hours", s->score.participation_hours},
                                    {"pass", s->score.pass},
                                    {"excellence", s->score.excellence}};
        }
        text["score"] = format_score(cards["score"].get<double>());
        j["cards"] = cards;
        j["cardsText"] = text;
    } else if (d.view == View::teacher) {
        if (const TeacherResult* t = d.teacher(d.teacher_id)) {
            j["cards"] = {{"online", t->online},
                          {"practice", t->practice},
                          {"status", teacher_status_key(t->status)},
                          {"passed_points", t->passed_points},
                          {"missing", t->missing.size()}};
        }
    } else if (d.view == View::capability) {
        json points = json::array();
        for (int p = 0; p < kPointCount; ++p) {
            const auto& row = d.levels.points[size_t(p)];
            points.push_back({{"code", catalog()[size_t(p)].code},
                              {"selected", row[0]},
                              {"submitted", row[1]},
                              {"pass", row[2]},
                              {"excellent", row[3]},
                              {"fail", row[4]}});
        }
        j["cards"] = {{"teachers", d.levels.teachers}, {"points", points}};
    }

    int rows = 0;
    switch (d.view) {
        case View::district: rows = int(d.school_rows.size()); break;
        case View::school: rows = int(d.teacher_rows.size()); break;
        case View::problems: rows = int(d.problem_rows.size()); break;
        case View::capability: rows = kPointCount; break;
        default: break;
    }
    j["rows"] = rows;
    json rect_json = json::object();
    for (const auto& [name, r] : drawn_.rects) rect_json[name] = {r[0], r[1], r[2], r[3]};
    j["rects"] = rect_json;
    j["loaded"] = {{"schools", school_count(d.summary)},
                   {"teachers", teacher_count(d.summary)},
                   {"batches", d.batches.size()},
                   {"files", d.workspace.files.size()},
                   {"filesWithProblems", d.problem_counts.files_with_problems},
                   {"problems", d.problem_counts.problems}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace it2

// 学校: one school's rate cards, its score and what would raise it, its deliverables and
// activities, and the teacher table (filters, search; a click opens the teacher). With no
// school chosen the teacher table lists every teacher of the district.
#include <algorithm>

#include <imgui_internal.h>

#include "forecast_parts.h"
#include "number_bar.h"
#include "panels.h"
#include "widgets.h"
#include "summary_json.h"
#include "table_export.h"

namespace it2::ui {

namespace {

enum TeacherColumn { t_name, t_subject, t_role, t_online, t_practice, t_points, t_status, t_flag, t_missing, t_id, t_school };

struct TeacherColumnInfo {
    TeacherColumn id;
    Str label;
    float weight;
};

constexpr TeacherColumnInfo kTeacherColumnsWide[] = {
    {t_name, Str::col_name, 1.1f},        {t_subject, Str::col_subject, 0.8f}, {t_role, Str::col_role, 0.8f},
    {t_online, Str::col_online, 1.3f},    {t_practice, Str::col_practice, 1.3f}, {t_points, Str::col_points, 1.9f},
    {t_status, Str::col_status, 0.9f},    {t_flag, Str::col_flag, 0.7f},       {t_missing, Str::col_missing, 3.2f}};
constexpr TeacherColumnInfo kTeacherColumnsAllSchools[] = {
    {t_name, Str::col_name, 1.1f},     {t_school, Str::col_school, 1.6f},     {t_subject, Str::col_subject, 0.8f},
    {t_online, Str::col_online, 1.2f}, {t_practice, Str::col_practice, 1.2f}, {t_points, Str::col_points, 1.8f},
    {t_status, Str::col_status, 0.9f}, {t_flag, Str::col_flag, 0.7f},         {t_missing, Str::col_missing, 2.8f}};
constexpr TeacherColumnInfo kTeacherColumnsNarrow[] = {
    {t_name, Str::col_name, 1.0f}, {t_status, Str::col_status, 0.9f}, {t_missing, Str::col_missing, 2.2f}};

void school_picker(Dashboard& d) {
    const Lang lang = d.lang;
    const SchoolResult* current = d.school(d.school_id);
    std::string preview = current ? current->name : std::string(tr(Str::all_schools, lang));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::school_label, lang));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 18));
    if (!ImGui::BeginCombo("##school", preview.c_str(), ImGuiComboFlags_HeightLarge)) return;
    push_touch_list();
    std::string chosen;
    bool picked = false;
    if (ImGui::Selectable(tr(Str::all_schools, lang), current == nullptr)) {
        picked = true;
    }
    // Schools in pinyin order of their names, as a Chinese list of schools reads.
    ImGuiListClipper clipper;
    clipper.Begin(int(d.schools_by_name.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const SchoolResult& s = d.summary.schools[size_t(d.schools_by_name[size_t(i)])];
            ImGui::PushID(i);
            if (ImGui::Selectable(s.name.c_str(), current == &s)) {
                picked = true;
                chosen = s.id;
            }
            ImGui::PopID();
        }
    }
    pop_touch_list();
    ImGui::EndCombo();
    if (picked) d.open_school(chosen);
}

void score_parts(const Dashboard& d, const SchoolResult& s) {
    const Lang lang = d.lang;
    const ScoreWeights& w = d.policy.weights;
    struct Part {
        Str label;
        double given, weight;
        std::string detail;
    };
    const double batches = double(std::max<size_t>(1, s.batches.size()));
    const Part parts[] = {
        {Str::part_organisation, s.score.organisation, w.organisation, format(tr(Str::fmt_deliverables, lang), s.deliverables)},
        {Str::part_activities, s.score.activities, w.activities,
         format(tr(Str::fmt_activities_of, lang), s.activities, d.policy.activities_per_batch * batches)},
        {Str::part_participation_hours, s.score.participation_hours, w.participation_hours,
         format(tr(Str::fmt_two_rates, lang), format_rate(s.rates.participation, lang).c_str(), format_rate(s.rates.hours, lang).c_str())},
        {Str::part_pass, s.score.pass, w.pass, format_rate(s.rates.pass, lang)},
        {Str::part_excellence, s.score.excellence, w.excellence,
         format(tr(Str::fmt_rate_of_target, lang), format_rate(s.rates.excellence, lang).c_str(), d.policy.excellence_target * 100.0)},
    };
    ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.25f);
    ImGui::TextUnformatted(format(tr(Str::fmt_score_total, lang), s.score.total()).c_str());
    ImGui::PopFont();

    // The part with the most points still available is what raises the score most.
    int best = -1;
    double best_gain = 0.05;
    for (int i = 0; i < 5; ++i) {
        double gain = parts[i].weight - parts[i].given;
        if (gain > best_gain) {
            best_gain = gain;
            best = i;
        }
    }
    if (best >= 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
        text_wrapped(format(tr(Str::fmt_best_gain, lang), tr(parts[best].label, lang), best_gain));
        ImGui::PopStyleColor();
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg;
    if (!ImGui::BeginTable("score_parts", narrow() ? 2 : 3, flags)) return;
    ImGui::TableSetupColumn("part", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("bar", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    if (!narrow()) ImGui::TableSetupColumn("detail", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    // The bars' labels; every bar of the column leaves room for the widest, so the bars line up.
    std::string labels[std::size(parts)];
    float label_room = 0;
    for (size_t i = 0; i < std::size(parts); ++i) {
        const Part& p = parts[i];
        labels[i] = narrow() ? format(tr(Str::fmt_hours_of, lang), p.given, p.weight)
                             : format(tr(Str::fmt_points_given, lang), p.given, p.weight, std::max(0.0, p.weight - p.given));
        label_room = std::max(label_room, ImGui::CalcTextSize(labels[i].c_str()).x);
    }
    for (size_t i = 0; i < std::size(parts); ++i) {
        const Part& p = parts[i];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(tr(p.label, lang));
        ImGui::TableSetColumnIndex(1);
        const double gain = std::max(0.0, p.weight - p.given);
        number_bar(p.weight > 0 ? float(p.given / p.weight) : 0.0f, colour::neutral, labels[i].c_str(), label_room);
        if (narrow()) {
            ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
            text_wrapped(format(tr(Str::fmt_detail_gain, lang), p.detail.c_str(), gain));
            ImGui::PopStyleColor();
        } else {
            ImGui::TableSetColumnIndex(2);
            ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
            ImGui::TextUnformatted(p.detail.c_str());
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
}

// The deliverables' dates and the activities come from the school's files (cached by the
// dashboard when the school or the data changes).
void deliverables(const Dashboard& d, const SchoolResult& s) {
    const Lang lang = d.lang;
    ImGui::TextUnformatted(tr(Str::deliverables_heading, lang));
    const std::pair<Str, bool> rows[] = {
        {Str::deliverable_team, s.management_team}, {Str::deliverable_plan, s.development_plan}, {Str::deliverable_training, s.training_plan}};
    for (size_t i = 0; i < 3; ++i) {
        const auto& [label, present] = rows[i];
        chip(tr(present ? Str::present : Str::absent, lang), present ? colour::passed : colour::failed, colour::white);
        ImGui::SameLine();
        ImGui::TextUnformatted(tr(label, lang));
        if (present && !d.school_deliverable_dates[i].empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", d.school_deliverable_dates[i].c_str());
        }
    }
}

void activities(Dashboard& d, const SchoolResult& s, bool heading = true) {
    const Lang lang = d.lang;
    if (heading) ImGui::TextUnformatted(format(tr(Str::fmt_activities_heading, lang), s.activities).c_str());
    const std::vector<const Activity*>& list = d.school_activities;
    if (list.empty()) {
        ImGui::TextDisabled("%s", tr(Str::no_activities, lang));
        return;
    }
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const float height = row_h * float(std::min<size_t>(list.size(), 4) + 1) + 8;  // more scroll
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_BordersOuter;
    if (!ImGui::BeginTable("activities", 4, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(Str::col_date, lang), ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn(tr(Str::col_title, lang), ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ImGui::TableSetupColumn(tr(Str::col_activity_hours, lang), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn(tr(Str::col_participants, lang), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableHeadersRow();
    touch_scroll();
    ImGuiListClipper clipper;
    clipper.Begin(int(list.size()), row_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Activity* a = list[size_t(i)];
            ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(a->date.c_str());
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(a->title.c_str());
            tooltip_wrapped(a->title.c_str());
            ImGui::TableSetColumnIndex(2);
            text_right(format_number(a->hours));
            ImGui::TableSetColumnIndex(3);
            text_right(format("%d", a->participants));
        }
    }
    ImGui::EndTable();
}

std::string batch_name(const Dashboard& d, const std::string& id) {
    const BatchInfo* b = d.batch(id);
    return b && !b->name.empty() ? b->name : id;
}

void teacher_filters(Dashboard& d) {
    const Lang lang = d.lang;
    TeacherFilter& f = d.teacher_filter;
    bool changed = false;
    const float combo_w = ImGui::GetFontSize() * 7;

    ImGui::SetNextItemWidth(combo_w);
    const char* status_preview = f.status == kStatusNotPassed ? tr(Str::status_not_passed_all, lang)
                                 : f.status < 0                ? tr(Str::all_statuses, lang)
                                                               : tr(status_label(TeacherStatus(f.status)), lang);
    const bool status_open = ImGui::BeginCombo("##status", status_preview, ImGuiComboFlags_HeightLarge);
    remember_rect(d, "statusFilter");
    if (status_open) {
        push_touch_list();
        if (ImGui::Selectable(tr(Str::all_statuses, lang), f.status == -1)) {
            f.status = -1;
            changed = true;
        }
        // Everyone still to chase at once: 未达标, 待评审, 学习中, 未开始.
        if (ImGui::Selectable(tr(Str::status_not_passed_all, lang), f.status == kStatusNotPassed)) {
            f.status = kStatusNotPassed;
            changed = true;
        }
        remember_rect(d, "statusNotPassed");
        for (int s = 0; s < kTeacherStatusCount; ++s) {
            if (ImGui::Selectable(tr(status_label(TeacherStatus(s)), lang), f.status == s)) {
                f.status = s;
                changed = true;
            }
        }
        pop_touch_list();
        ImGui::EndCombo();
    }
    flow(combo_w);
    ImGui::SetNextItemWidth(combo_w);
    if (ImGui::BeginCombo("##subject", f.subject.empty() ? tr(Str::all_subjects, lang) : f.subject.c_str())) {
        push_touch_list();
        if (ImGui::Selectable(tr(Str::all_subjects, lang), f.subject.empty())) {
            f.subject.clear();
            changed = true;
        }
        for (const std::string& s : d.scope_subjects) {
            if (ImGui::Selectable(s.c_str(), f.subject == s)) {
                f.subject = s;
                changed = true;
            }
        }
        pop_touch_list();
        ImGui::EndCombo();
    }
    flow(combo_w);
    ImGui::SetNextItemWidth(combo_w);
    const std::string batch_preview = f.batch.empty() ? std::string(tr(Str::all_batches, lang)) : batch_name(d, f.batch);
    if (ImGui::BeginCombo("##batch", batch_preview.c_str())) {
        push_touch_list();
        if (ImGui::Selectable(tr(Str::all_batches, lang), f.batch.empty())) {
            f.batch.clear();
            changed = true;
        }
        for (const std::string& b : d.scope_batches) {
            if (ImGui::Selectable(batch_name(d, b).c_str(), f.batch == b)) {
                f.batch = b;
                changed = true;
            }
        }
        pop_touch_list();
        ImGui::EndCombo();
    }
    const char* risk_label = tr(Str::at_risk_only, lang);
    flow(ImGui::CalcTextSize(risk_label).x + ImGui::GetFrameHeight() + 8);
    if (ImGui::Checkbox(risk_label, &f.at_risk_only)) changed = true;
    const float search_w = narrow() ? ImGui::GetContentRegionAvail().x : ImGui::GetFontSize() * 11;
    flow(search_w);
    if (input_text("##teachersearch", f.search, tr(Str::search_teacher_hint, lang), search_w)) changed = true;
    remember_rect(d, "teacherSearch");
    if (changed) d.teacher_filter_changed();
}

// 第一批 vs 第二批: the school's rates batch by batch (when it has more than one); a click on a
// batch shows only its teachers in the table below, a second click all of them again.
void batch_comparison(Dashboard& d) {
    if (d.school_batch_rates.size() < 2) return;
    const Lang lang = d.lang;
    const bool compact = narrow();
    const std::optional<double> Rates::*const wide_rates[] = {&Rates::participation, &Rates::hours, &Rates::submission, &Rates::pass,
                                                              &Rates::excellence};
    const Str wide_labels[] = {Str::col_participation, Str::col_hours_rate, Str::col_submission, Str::col_pass, Str::col_excellence};
    const int rate_count = compact ? 2 : 5;
    const int first_rate = compact ? 3 : 0;  // a phone: 合格率 and 优秀率
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(lang == Lang::zh ? "batch_rates_zh" : "batch_rates_en", 2 + rate_count, flags)) return;
    const char* batch_header = tr(Str::batch_label, lang);
    ImGui::TableSetupColumn(batch_header, ImGuiTableColumnFlags_WidthStretch, column_weight(batch_header, 2.0f));
    ImGui::TableSetupColumn(tr(Str::col_teachers, lang), ImGuiTableColumnFlags_WidthStretch, column_weight(tr(Str::col_teachers, lang), 0.8f));
    for (int i = 0; i < rate_count; ++i) {
        const char* label = tr(wide_labels[first_rate + i], lang);
        ImGui::TableSetupColumn(label, ImGuiTableColumnFlags_WidthStretch, column_weight(label, 1.0f));
    }
    ImGui::TableHeadersRow();
    std::string picked;
    bool clicked = false;
    for (size_t r = 0; r < d.school_batch_rates.size(); ++r) {
        const auto& [id, rates] = d.school_batch_rates[r];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushID(int(r));
        const bool selected = d.teacher_filter.batch == id;
        if (ImGui::Selectable(batch_name(d, id).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
            picked = selected ? std::string() : id;
            clicked = true;
        }
        remember_rect(d, format("batchRow%d", int(r)).c_str());
        ImGui::PopID();
        ImGui::TableSetColumnIndex(1);
        text_right(format("%d", rates.teachers));
        for (int i = 0; i < rate_count; ++i) {
            ImGui::TableSetColumnIndex(2 + i);
            text_right(format_rate(rates.*wide_rates[first_rate + i], lang));
        }
    }
    ImGui::EndTable();
    if (clicked) {
        d.teacher_filter.batch = picked;
        d.teacher_filter_changed();
    }
}

void point_chips(PointRange points, Lang lang) {
    bool first = true;
    for (const PointRecord& p : points) {
        const PointInfo& info = catalog()[p.point];
        if (!first) ImGui::SameLine(0, 3);
        first = false;
        const ImU32 fill = grade_colour(p.grade, p.status);
        const bool light = fill == colour::not_started;
        chip(info.code, fill, light ? colour::text : colour::white);
        if (ImGui::BeginItemTooltip()) {
            ImGui::Text("%s %s", info.code, lang == Lang::zh ? info.name_zh : info.name_en);
            ImGui::TextUnformatted(tr(grade_label(p.grade, p.status), lang));
            ImGui::EndTooltip();
        }
    }
}

// Where each teacher row starts when 还缺什么 wraps: measured once per row list, column width,
// text size and language (measuring 1,000 rows takes a frame), so that a frame draws only the
// rows on screen. top[r] is row r's offset from the first row; top[n] is the rows' height.
struct WrappedRowTops {
    int rows_built = -1;
    float width = 0, font_size = 0;
    Lang lang = Lang::zh;
    std::vector<float> top;
};
WrappedRowTops g_teacher_row_tops;

void hours_bar(double value, double target, Lang lang) {
    const std::string label = format(tr(Str::fmt_hours_of, lang), value, target);
    const bool met = value + 1e-9 >= target;
    // The label beside the bar (room for "100.0 / 25"), so the bars of a column line up.
    const float room = ImGui::CalcTextSize(format(tr(Str::fmt_hours_of, lang), 100.0, target).c_str()).x;
    number_bar(target > 0 ? float(value / target) : 1.0f, met ? colour::passed : colour::neutral, label.c_str(), room);
}

void teacher_table(Dashboard& d) {
    const Lang lang = d.lang;
    const bool compact = narrow();
    const bool all_schools = d.school_id.empty();
    const TeacherColumnInfo* columns = compact ? kTeacherColumnsNarrow : all_schools ? kTeacherColumnsAllSchools : kTeacherColumnsWide;
    const int column_count = compact ? int(std::size(kTeacherColumnsNarrow))
                             : all_schools ? int(std::size(kTeacherColumnsAllSchools))
                                           : int(std::size(kTeacherColumnsWide));

    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    // The table fills what is left of the window, but never less than eight rows.
    const float height = std::max(ImGui::GetContentRegionAvail().y - 4, row_h * 9);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    // One table state per language and layout: column weights follow the headers' widths.
    const std::string table_id = std::string(compact ? "teachers_narrow" : all_schools ? "teachers_all" : "teachers") +
                                 (lang == Lang::zh ? "_zh" : "_en");
    if (!ImGui::BeginTable(table_id.c_str(), column_count, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < column_count; ++c) {
        ImGuiTableColumnFlags cf = ImGuiTableColumnFlags_WidthStretch;
        // A new table (other language or layout) starts from the sort already chosen.
        if (int(columns[c].id) == d.teacher_sort.column) {
            cf |= ImGuiTableColumnFlags_DefaultSort |
                  (d.teacher_sort.ascending ? ImGuiTableColumnFlags_PreferSortAscending : ImGuiTableColumnFlags_PreferSortDescending);
        }
        ImGui::TableSetupColumn(tr(columns[c].label, lang), cf, column_weight(tr(columns[c].label, lang), columns[c].weight),
                                ImGuiID(columns[c].id));
    }
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty && specs->SpecsCount > 0) {
            d.set_teacher_sort({int(specs->Specs[0].ColumnUserID), specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending});
            specs->SpecsDirty = false;
        }
    }
    touch_scroll();
    std::string open_id;
    // 还缺什么 wraps and its row grows to fit, unless the list is long enough that measuring
    // every row would cost frames (the clipper needs one height): then one line and a tooltip.
    constexpr size_t kWrapRowsMax = 1000;
    const bool wrap_missing = d.teacher_rows.size() <= kWrapRowsMax;
    int missing_column = -1;
    for (int c = 0; c < column_count; ++c)
        if (columns[c].id == t_missing) missing_column = c;
    const ImGuiTableColumn& missing_cell = ImGui::GetCurrentTable()->Columns[std::max(missing_column, 0)];
    const float missing_width = std::max(1.0f, missing_cell.WorkMaxX - missing_cell.WorkMinX);
    const float line_h = ImGui::GetTextLineHeight();
    auto missing_of = [&](const TeacherResult& t) { return t.missing.empty() ? std::string() : it2::missing_text(t, lang); };
    WrappedRowTops& tops = g_teacher_row_tops;
    if (wrap_missing && (tops.rows_built != d.rows_built || tops.width != missing_width ||
                         tops.font_size != ImGui::GetFontSize() || tops.lang != lang || tops.top.size() != d.teacher_rows.size() + 1)) {
        tops = {d.rows_built, missing_width, ImGui::GetFontSize(), lang, {0.0f}};
        for (int i : d.teacher_rows) {
            const std::string missing = missing_of(d.summary.teachers[size_t(i)]);
            const int lines = missing.empty() ? 1 : wrapped_line_count(missing, missing_width);
            tops.top.push_back(tops.top.back() + row_h + line_h * float(lines - 1));
        }
    }
    bool first_remembered = false;
    auto draw_row = [&](int r) {
        const TeacherResult& t = d.summary.teachers[size_t(d.teacher_rows[size_t(r)])];
        const Teacher* rec = d.record(t);
        const std::string missing = missing_of(t);
        const float height = wrap_missing ? tops.top[size_t(r) + 1] - tops.top[size_t(r)] : row_h;
        const int lines = int((height - row_h) / line_h + 0.5f) + 1;
        ImGui::TableNextRow(ImGuiTableRowFlags_None, height);
        if (!rec) return;
        ImGui::PushID(r);
        for (int c = 0; c < column_count; ++c) {
            ImGui::TableSetColumnIndex(c);
            switch (columns[c].id) {
                case t_name:
                    if (row_selectable(rec->name.str().c_str(), line_h * float(lines))) open_id = rec->id;
                    if (!first_remembered && ImGui::IsItemVisible()) {
                        remember_rect(d, "firstTeacherRow");  // the first row on screen
                        first_remembered = true;
                    }
                    // The row selectable spans the row: its tooltip only over the name itself.
                    if (ImGui::TableGetHoveredColumn() == c) ImGui::SetItemTooltip("%s  %s", rec->id.str().c_str(), rec->name.str().c_str());
                    break;
                case t_id: text_unformatted(rec->id); break;
                case t_school: ImGui::TextUnformatted(d.summary.schools[size_t(t.school)].name.c_str()); break;
                case t_subject: text_unformatted(rec->subject); break;
                case t_role: text_unformatted(rec->role); break;
                case t_online: hours_bar(t.online, d.policy.online_min, lang); break;
                case t_practice: hours_bar(t.practice, d.policy.practice_min, lang); break;
                case t_points: point_chips(d.record_points(t), lang); break;
                case t_status: chip(tr(status_label(t.status), lang), status_colour(t.status), status_text_colour(t.status)); break;
                case t_flag:
                    if (t.overdue) chip(tr(Str::flag_overdue, lang), colour::failed, colour::white);
                    else if (t.at_risk) chip(tr(Str::flag_at_risk, lang), colour::at_risk, colour::white);
                    break;
                case t_missing:
                    if (missing.empty()) break;
                    if (wrap_missing) {
                        text_wrapped(missing, missing_width);
                    } else {
                        text_one_line(missing, missing_width);
                        tooltip_wrapped(missing.c_str());
                    }
                    break;
            }
        }
        ImGui::PopID();
    };
    if (wrap_missing) {
        table_rows_on_screen(tops.top, draw_row);
    } else {
        ImGuiListClipper clipper;
        clipper.Begin(int(d.teacher_rows.size()), row_h);
        while (clipper.Step())
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) draw_row(r);
    }
    ImGui::EndTable();
    if (!open_id.empty()) d.open_teacher(open_id);
}

}  // namespace

void draw_school_view(Dashboard& d) {
    d.ensure_teacher_rows();
    const Lang lang = d.lang;
    if (d.summary.schools.empty()) {
        text_wrapped(tr(Str::empty_workspace, lang));
        return;
    }
    school_picker(d);
    const SchoolResult* s = d.school(d.school_id);
    if (s) {
        std::string batches;
        for (const std::string& b : s->batches) {
            const BatchInfo* info = d.batch(b);
            if (!batches.empty()) batches += tr(Str::list_separator, lang);
            batches += info && !info->name.empty() ? info->name : b;
        }
        const std::string line =
            format(tr(Str::fmt_school_line, lang), s->id.c_str(), vocab::stage_name(s->stage, lang).c_str(), batches.c_str(), s->rates.teachers);
        if (narrow()) {
            text_wrapped(line);
        } else {
            flow(ImGui::CalcTextSize(line.c_str()).x);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(line.c_str());
        }
        rate_cards(d, s->rates);
        ImGui::Spacing();
        if (narrow()) {
            score_parts(d, *s);
            batch_comparison(d);
            ImGui::Separator();
            deliverables(d, *s);
            ImGui::Separator();
            activities(d, *s);
            school_forecast_chart(d, *s, d.school_pass_days);
        } else if (ImGui::BeginTable("school_layout", 2, ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("left", ImGuiTableColumnFlags_WidthStretch, 1.35f);
            ImGui::TableSetupColumn("right", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            // Two columns of about the same height, so the teacher table starts high enough to
            // show its first rows at 1366x768: the score and the batches on the left; the
            // materials, then the projection and the activities as two tabs, on the right.
            score_parts(d, *s);
            ImGui::Spacing();
            batch_comparison(d);
            ImGui::TableSetColumnIndex(1);
            deliverables(d, *s);
            ImGui::Spacing();
            if (ImGui::BeginTabBar("school_tabs")) {
                if (ImGui::BeginTabItem(tr(Str::school_tab_forecast, lang))) {
                    school_forecast_chart(d, *s, d.school_pass_days);
                    ImGui::EndTabItem();
                }
                remember_rect(d, "schoolTabForecast");
                const std::string heading = format(tr(Str::fmt_activities_heading, lang), s->activities) + "###activities";
                if (ImGui::BeginTabItem(heading.c_str())) {
                    activities(d, *s, false);
                    ImGui::EndTabItem();
                }
                remember_rect(d, "schoolTabActivities");
                ImGui::EndTabBar();
            }
            ImGui::EndTable();
        }
    } else {
        rate_cards(d, d.summary.district);
    }
    ImGui::Spacing();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::teachers_heading, lang));
    ImGui::SameLine();
    teacher_filters(d);
    const std::string shown = format(tr(Str::fmt_rows_shown, lang), int(d.teacher_rows.size()),
                                     s ? s->rates.teachers : int(d.summary.teachers.size()));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(shown.c_str());
    flow(button_width(tr(Str::copy_table, lang)));
    if (ImGui::Button(tr(Str::copy_table, lang))) copy_table_tsv(d, "teachers");
    remember_rect(d, "copyTeachers");
    tooltip_wrapped(tr(Str::copy_table_tooltip, lang));
    if (s) copy_reminder_button(d, int(s - d.summary.schools.data()));
    if (s) {  // 导出本校页面 (web helper): a page with only this school's data, for its principal
        flow(button_width(tr(Str::school_page_button, lang)));
        ImGui::BeginDisabled(!d.actions.export_school_page);
        if (ImGui::Button(tr(Str::school_page_button, lang))) d.actions.export_school_page();
        ImGui::EndDisabled();
        remember_rect(d, "schoolPage");
        tooltip_wrapped(tr(d.actions.export_school_page ? Str::school_page_tooltip : Str::not_available_here, lang));
    }
    teacher_table(d);
}

}  // namespace it2::ui

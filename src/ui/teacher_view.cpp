// 教师: one teacher's hours against the targets, every chosen point with its environment,
// dimension, status, grade, items and dates, and what is still missing to pass.
#include <algorithm>

#include "number_bar.h"
#include "panels.h"
#include "widgets.h"

namespace it2::ui {

namespace {

void hours_row(const char* label, double value, double target, Lang lang) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(label);
    ImGui::TableSetColumnIndex(1);
    const bool met = value + 1e-9 >= target;
    number_bar(target > 0 ? float(value / target) : 1.0f, met ? colour::passed : colour::neutral,
               format(tr(Str::fmt_hours_of, lang), value, target).c_str());
}

const char* grade_text(Grade g, Lang lang) {
    switch (g) {
        case Grade::excellent: return tr(Str::grade_excellent, lang);
        case Grade::pass: return tr(Str::grade_pass, lang);
        case Grade::fail: return tr(Str::grade_fail, lang);
        case Grade::none: return tr(Str::no_value, lang);
    }
    return "";
}

}  // namespace

void draw_teacher_view(Dashboard& d) {
    const Lang lang = d.lang;
    const TeacherResult* t = d.teacher(d.teacher_id);
    const BatchFile* file = t ? d.record_file(*t) : nullptr;  // the record's file (its items)
    const Teacher* rec = t ? d.record(*t) : nullptr;
    if (!t || !rec || !file) {
        text_wrapped(tr(Str::no_teacher_selected, lang));
        return;
    }
    const SchoolResult& s = d.summary.schools[size_t(t->school)];
    if (ImGui::Button(format(tr(Str::fmt_back_to_school, lang), s.name.c_str()).c_str())) d.open_school(s.id);

    ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.35f);
    text_unformatted(rec->name);
    ImGui::PopFont();
    ImGui::SameLine();
    chip(tr(status_label(t->status), lang), status_colour(t->status), status_text_colour(t->status));
    if (t->overdue) {
        ImGui::SameLine();
        chip(tr(Str::flag_overdue, lang), colour::failed, colour::white);
    } else if (t->at_risk) {
        ImGui::SameLine();
        chip(tr(Str::flag_at_risk, lang), colour::at_risk, colour::white);
    }
    const BatchInfo* b = d.batch(t->batch);
    const std::string batch_name = b && !b->name.empty() ? b->name : std::string(t->batch);
    const std::string batch_dates = b ? format(tr(Str::fmt_date_range, lang), b->start.c_str(), b->end.c_str()) : std::string();
    text_wrapped(format(tr(Str::fmt_teacher_line, lang), rec->id.str().c_str(), s.name.c_str(), rec->subject.str().c_str(),
                        rec->role.str().c_str(), batch_name.c_str(), batch_dates.c_str()));

    // Hours against the policy's targets.
    ImGui::Spacing();
    ImGui::TextUnformatted(tr(Str::hours_heading, lang));
    const float hours_width = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 36);
    if (ImGui::BeginTable("hours", 2, ImGuiTableFlags_SizingStretchProp, ImVec2(hours_width, 0))) {
        ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("bar", ImGuiTableColumnFlags_WidthStretch, narrow() ? 2.0f : 4.0f);
        hours_row(tr(Str::hours_online, lang), t->online, d.policy.online_min, lang);
        hours_row(tr(Str::hours_practice, lang), t->practice, d.policy.practice_min, lang);
        hours_row(tr(Str::hours_total, lang), t->online + t->practice, d.policy.total_min, lang);
        ImGui::EndTable();
    }

    // What is still missing: the answer a principal needs first.
    ImGui::Spacing();
    ImGui::TextUnformatted(tr(Str::missing_heading, lang));
    if (t->missing.empty()) {
        text_coloured(colour::passed, tr(Str::nothing_missing, lang));
    } else {
        for (const Missing& m : t->missing) {
            ImGui::Bullet();
            text_wrapped(describe(m, lang));
        }
    }

    ImGui::Spacing();
    ImGui::TextUnformatted(format(tr(Str::fmt_points_heading, lang), t->passed_points, d.policy.min_passed, t->dimensions,
                                  d.policy.min_dimensions)
                               .c_str());
    const PointRange points = file->points_of(*rec);
    if (points.empty()) {
        ImGui::TextDisabled("%s", tr(Str::no_points, lang));
        return;
    }
    const bool compact = narrow();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("points", compact ? 3 : 7, flags)) return;
    ImGui::TableSetupColumn(tr(Str::col_point, lang), ImGuiTableColumnFlags_WidthStretch, 2.4f);
    if (!compact) {
        ImGui::TableSetupColumn(tr(Str::col_environment, lang), ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn(tr(Str::col_dimension, lang), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    }
    ImGui::TableSetupColumn(tr(Str::col_grade, lang), ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn(tr(Str::col_items, lang), ImGuiTableColumnFlags_WidthStretch, 2.4f);
    if (!compact) {
        ImGui::TableSetupColumn(tr(Str::col_submitted, lang), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr(Str::col_reviewed, lang), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    }
    ImGui::TableHeadersRow();
    for (const PointRecord& p : points) {
        const PointInfo& info = catalog()[p.point];
        ImGui::TableNextRow();
        int col = 0;
        ImGui::TableSetColumnIndex(col++);
        text_wrapped(format("%s %s", info.code, lang == Lang::zh ? info.name_zh : info.name_en));
        if (!d.policy.environments[int(info.env)]) {
            ImGui::TextDisabled("%s", tr(Str::env_not_counted, lang));
        }
        if (std::find(d.policy.required.begin(), d.policy.required.end(), int(p.point)) != d.policy.required.end()) {
            ImGui::TextDisabled("%s", tr(Str::required_point, lang));
        }
        if (!compact) {
            ImGui::TableSetColumnIndex(col++);
            text_wrapped(env_name(info.env, lang));
            ImGui::TableSetColumnIndex(col++);
            ImGui::TextUnformatted(dimension_name(info.dimension, lang));
        }
        ImGui::TableSetColumnIndex(col++);
        const ImU32 fill = grade_colour(p.grade, p.status);
        chip(tr(grade_label(p.grade, p.status), lang), fill, fill == colour::not_started ? colour::text : colour::white);
        ImGui::TableSetColumnIndex(col++);
        const ItemRange items = file->items_of(p);
        if (items.empty()) ImGui::TextDisabled("%s", tr(Str::no_value, lang));
        for (const Item& item : items) {
            text_wrapped(format(tr(Str::fmt_item_grade, lang), item.title.str().c_str(), grade_text(item.grade, lang)));
        }
        if (compact) {
            if (p.submitted != kNoDay) ImGui::TextDisabled("%s", format(tr(Str::fmt_submitted_on, lang), iso_date(p.submitted).c_str()).c_str());
            if (p.reviewed != kNoDay) ImGui::TextDisabled("%s", format(tr(Str::fmt_reviewed_on, lang), iso_date(p.reviewed).c_str()).c_str());
        } else {
            ImGui::TableSetColumnIndex(col++);
            ImGui::TextUnformatted(iso_date(p.submitted).c_str());
            ImGui::TableSetColumnIndex(col++);
            ImGui::TextUnformatted(iso_date(p.reviewed).c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace it2::ui

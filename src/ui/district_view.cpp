// 区县总览: the district's rate cards, the schools table (sortable, filterable, click opens the
// school) with each school's teachers by status, and the cumulative passes over time.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "dates.h"
#include "forecast_parts.h"
#include "number_bar.h"
#include "panels.h"
#include "widgets.h"
#include "table_export.h"

namespace it2::ui {

namespace {

enum SchoolColumn { c_name, c_stage, c_batches, c_teachers, c_part, c_hours, c_sub, c_pass, c_exc, c_score, c_risk, c_overdue, c_status,
                   c_finish = kColumnForecastFinish, c_unpassed = kColumnForecastUnpassed, c_new7 = kColumnNewPassed7d };

struct SchoolColumnInfo {
    SchoolColumn id;
    Str label;
    float weight;
};

constexpr SchoolColumnInfo kSchoolColumnsWide[] = {
    {c_name, Str::col_school, 3.0f},   {c_stage, Str::col_stage, 1.0f},        {c_batches, Str::col_batches, 0.8f},
    {c_teachers, Str::col_teachers, 0.9f}, {c_part, Str::col_participation, 1.1f}, {c_hours, Str::col_hours_rate, 1.1f},
    {c_sub, Str::col_submission, 1.1f}, {c_pass, Str::col_pass, 1.1f},          {c_exc, Str::col_excellence, 1.1f},
    {c_score, Str::col_score, 2.0f},   {c_risk, Str::col_at_risk, 0.9f},       {c_overdue, Str::col_overdue, 0.9f},
    {c_status, Str::col_status_mix, 2.2f},
    {c_new7, Str::col_new_passed_7d, 0.9f}, {c_finish, Str::col_forecast_finish, 1.5f}, {c_unpassed, Str::col_forecast_unpassed, 1.0f}};
constexpr SchoolColumnInfo kSchoolColumnsNarrow[] = {
    {c_name, Str::col_school, 2.6f}, {c_pass, Str::col_pass, 1.2f}, {c_score, Str::col_score, 1.6f}, {c_status, Str::col_status_short, 1.6f}};

void schools_table(Dashboard& d) {
    const Lang lang = d.lang;
    const bool compact = narrow();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::schools_heading, lang));
    ImGui::SameLine();
    const float search_width = compact ? std::max(120.0f, ImGui::GetContentRegionAvail().x) : ImGui::GetFontSize() * 14;
    flow(search_width);
    if (input_text("##schoolsearch", d.school_search, tr(Str::search_school_hint, lang), search_width)) d.school_search_changed();
    remember_rect(d, "schoolSearch");
    std::string shown = format(tr(Str::fmt_rows_shown, lang), int(d.school_rows.size()), school_count(d.summary));
    flow(ImGui::CalcTextSize(shown.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(shown.c_str());
    flow(button_width(tr(Str::copy_table, lang)));
    if (ImGui::Button(tr(Str::copy_table, lang))) copy_table_tsv(d, "schools");
    tooltip_wrapped(tr(Str::copy_table_tooltip, lang));
    copy_reminder_button(d, -1);

    const SchoolColumnInfo* columns = compact ? kSchoolColumnsNarrow : kSchoolColumnsWide;
    const int column_count = compact ? int(std::size(kSchoolColumnsNarrow)) : int(std::size(kSchoolColumnsWide));

    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const int visible = std::clamp(int(d.school_rows.size()), 3, 14);
    const float height = row_h * float(visible + 1) + 6;
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    // One table state per language and layout: column weights follow the headers' widths.
    const char* table_id = compact ? (lang == Lang::zh ? "schools_narrow_zh" : "schools_narrow_en")
                                   : (lang == Lang::zh ? "schools_zh" : "schools_en");
    if (!ImGui::BeginTable(table_id, column_count, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < column_count; ++c) {
        ImGuiTableColumnFlags cf = ImGuiTableColumnFlags_WidthStretch;
        // A new table (other language or layout) starts from the sort already chosen.
        if (int(columns[c].id) == d.school_sort.column) {
            cf |= ImGuiTableColumnFlags_DefaultSort |
                  (d.school_sort.ascending ? ImGuiTableColumnFlags_PreferSortAscending : ImGuiTableColumnFlags_PreferSortDescending);
        } else if (columns[c].id >= c_teachers && columns[c].id != c_status) {
            cf |= ImGuiTableColumnFlags_PreferSortDescending;
        }
        ImGui::TableSetupColumn(tr(columns[c].label, lang), cf, column_weight(tr(columns[c].label, lang), columns[c].weight),
                                ImGuiID(columns[c].id));
    }
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty && specs->SpecsCount > 0) {
            d.set_school_sort({int(specs->Specs[0].ColumnUserID), specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending});
            specs->SpecsDirty = false;
        }
    }
    touch_scroll();
    std::string open_id;
    const float score_room = ImGui::CalcTextSize("100.0").x;
    ImGuiListClipper clipper;
    clipper.Begin(int(d.school_rows.size()), row_h);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const SchoolResult& s = d.summary.schools[size_t(d.school_rows[size_t(r)])];
            ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
            ImGui::PushID(r);
            for (int c = 0; c < column_count; ++c) {
                ImGui::TableSetColumnIndex(c);
                switch (columns[c].id) {
                    case c_name:
                        if (row_selectable(s.name.c_str())) open_id = s.id;
                        if (r == clipper.DisplayStart) remember_rect(d, "firstSchoolRow");
                        // The row selectable spans the row: its tooltip only over the name itself.
                        if (ImGui::TableGetHoveredColumn() == c) ImGui::SetItemTooltip("%s  %s", s.id.c_str(), s.name.c_str());
                        break;
                    case c_stage: ImGui::TextUnformatted(vocab::stage_name(s.stage, lang).c_str()); break;
                    case c_batches: text_right(format("%d", int(s.batches.size()))); break;
                    case c_teachers: text_right(format("%d", s.rates.teachers)); break;
                    case c_part: text_right(format_rate(s.rates.participation, lang)); break;
                    case c_hours: text_right(format_rate(s.rates.hours, lang)); break;
                    case c_sub: text_right(format_rate(s.rates.submission, lang)); break;
                    case c_pass: text_right(format_rate(s.rates.pass, lang)); break;
                    case c_exc: text_right(format_rate(s.rates.excellence, lang)); break;
                    case c_score: {
                        // The number beside the bar, never across its fill's edge.
                        const double total = s.score.total();
                        number_bar(float(total / 100.0), colour::neutral, format("%.1f", total).c_str(), score_room);
                        break;
                    }
                    case c_risk:
                        if (s.at_risk > 0) {
                            ImGui::PushStyleColor(ImGuiCol_Text, colour::at_risk);
                            text_right(format("%d", s.at_risk));
                            ImGui::PopStyleColor();
                        } else {
                            text_right("0");
                        }
                        break;
                    case c_overdue:
                        if (s.overdue > 0) {
                            ImGui::PushStyleColor(ImGuiCol_Text, colour::failed);
                            text_right(format("%d", s.overdue));
                            ImGui::PopStyleColor();
                        } else {
                            text_right("0");
                        }
                        break;
                    case c_status: status_stack(s.by_status, 0, ImGui::GetTextLineHeight(), lang); break;
                    case c_finish: case c_unpassed: case c_new7: forecast_cell(d, d.school_rows[size_t(r)], columns[c].id); break;
                }
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (!open_id.empty()) d.open_school(open_id);
}

void status_legend(const Dashboard& d) {
    bool first = true;
    for (TeacherStatus s : vocab::kStatusDrawOrder) {
        const char* label = tr(status_label(s), d.lang);
        if (!first) flow(ImGui::CalcTextSize(label).x + ImGui::GetTextLineHeight());
        first = false;
        legend_item(status_colour(s), label);
    }
    const char* risk = tr(Str::flag_at_risk, d.lang);
    flow(ImGui::CalcTextSize(risk).x + ImGui::GetTextLineHeight());
    legend_item(colour::at_risk, risk);
}

void progress_chart(const Dashboard& d) {
    const Lang lang = d.lang;
    ImGui::TextUnformatted(tr(Str::progress_heading, lang));
    if (d.progress_max == 0) {
        ImGui::TextDisabled("%s", tr(Str::progress_empty, lang));
        return;
    }
    const float height = narrow() ? 200.0f : 230.0f;
    ImGui::BeginChild("progress", ImVec2(0, height), ImGuiChildFlags_Borders, ImGuiWindowFlags_NoScrollbar);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float line = ImGui::GetTextLineHeight();
    const std::string max_label = format("%d", d.progress_max);
    const float left = ImGui::CalcTextSize(max_label.c_str()).x + 8;
    const float label_room = narrow() ? 0.0f : ImGui::GetFontSize() * 6;
    const ImVec2 plot_min(origin.x + left, origin.y + 4);
    const ImVec2 plot_max(origin.x + avail.x - label_room - 4, origin.y + avail.y - line - 6);
    const long first = d.progress_first_day, last = std::max(d.progress_last_day, d.progress_first_day + 1);
    auto px = [&](long day) { return plot_min.x + (plot_max.x - plot_min.x) * float(day - first) / float(last - first); };
    auto py = [&](int count) { return plot_max.y - (plot_max.y - plot_min.y) * float(count) / float(d.progress_max); };

    // Axes and grid: zero, half and max.
    for (int k = 0; k <= 2; ++k) {
        const int v = d.progress_max * k / 2;
        const float y = py(v);
        dl->AddLine(ImVec2(plot_min.x, y), ImVec2(plot_max.x, y), colour::track);
        const std::string t = format("%d", v);
        dl->AddText(ImVec2(plot_min.x - 4 - ImGui::CalcTextSize(t.c_str()).x, y - line * 0.5f), colour::text_weak, t.c_str());
    }
    dl->AddLine(ImVec2(plot_min.x, plot_max.y), ImVec2(plot_max.x, plot_max.y), colour::text_weak);
    // A tick at each 1 January inside the range, labelled with the year.
    for (int year = std::atoi(iso_from_days(first).substr(0, 4).c_str()) + 1;; ++year) {
        const long day = days_from_iso(format("%04d-01-01", year));
        if (day >= last) break;
        const float x = px(day);
        dl->AddLine(ImVec2(x, plot_min.y), ImVec2(x, plot_max.y), colour::track);
        const std::string label = format("%d", year);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        if (x - w * 0.5f > px(first) + 90 && x + w * 0.5f < px(last) - 90) {
            dl->AddText(ImVec2(x - w * 0.5f, plot_max.y + 3), colour::text_weak, label.c_str());
        }
    }
    const std::string d0 = iso_from_days(first), d1 = iso_from_days(last);
    dl->AddText(ImVec2(plot_min.x, plot_max.y + 3), colour::text_weak, d0.c_str());
    dl->AddText(ImVec2(plot_max.x - ImGui::CalcTextSize(d1.c_str()).x, plot_max.y + 3), colour::text_weak, d1.c_str());

    // Batch lines: neutral hues that no status uses; each line is labelled at its end.
    const ImU32 palette[] = {IM_COL32(55, 71, 79, 255), IM_COL32(141, 110, 99, 255), IM_COL32(0, 131, 143, 255),
                             IM_COL32(130, 119, 23, 255), IM_COL32(94, 53, 177, 255), IM_COL32(173, 20, 87, 255)};
    float last_label_y = -1000;
    for (size_t i = 0; i < d.progress.size(); ++i) {
        const ProgressSeries& s = d.progress[i];
        if (s.steps.empty()) continue;
        const ImU32 c = palette[i % std::size(palette)];
        ImVec2 prev(px(s.steps.front().first), py(0));
        for (const auto& [day, count] : s.steps) {
            const ImVec2 here(px(day), py(count));
            dl->AddLine(prev, ImVec2(here.x, prev.y), c, 2.0f);
            dl->AddLine(ImVec2(here.x, prev.y), here, c, 2.0f);
            prev = here;
        }
        dl->AddLine(prev, ImVec2(px(last), prev.y), c, 2.0f);
        const std::string label = format(tr(Str::fmt_series_label, lang), s.label.c_str(), s.steps.back().second);
        float y = prev.y - line * 0.5f;
        if (std::fabs(y - last_label_y) < line) y = last_label_y + line;  // keep labels apart
        last_label_y = y;
        if (label_room > 0) {
            dl->AddText(ImVec2(plot_max.x + 6, y), c, label.c_str());
        } else {
            dl->AddText(ImVec2(plot_min.x + 4, plot_min.y + line * float(i)), c, label.c_str());
        }
    }
    ImGui::Dummy(avail);
    ImGui::EndChild();
}

}  // namespace

void draw_district_view(Dashboard& d) {
    const Lang lang = d.lang;
    if (d.summary.schools.empty()) {
        ImGui::Spacing();
        text_wrapped(tr(Str::empty_workspace, lang));
        return;
    }
    ImGui::TextUnformatted(format(tr(Str::fmt_district_heading, lang), school_count(d.summary), teacher_count(d.summary),
                                  d.summary.district_score)
                               .c_str());
    rate_cards(d, d.summary.district);
    forecast_district_line(d);
    ImGui::Spacing();
    schools_table(d);
    status_legend(d);
    ImGui::Spacing();
    progress_chart(d);
}

}  // namespace it2::ui

// 能力点分析: for the district, one school or one batch, the 30 points by state with each
// point's pass and fail rate (sortable by every column), the weakest points by pass rate, the
// environment × dimension heat map of passed points, and the most chosen points.
#include <algorithm>

#include "capability_rates.h"
#include "number_bar.h"
#include "panels.h"
#include "widgets.h"

namespace it2::ui {

namespace {

std::string scope_name(const Dashboard& d, const Scope& scope) {
    switch (scope.kind) {
        case Scope::Kind::district: return tr(Str::scope_district, d.lang);
        case Scope::Kind::school: {
            const SchoolResult* s = d.school(scope.id);
            return s ? s->name : scope.id;
        }
        case Scope::Kind::batch: {
            const BatchInfo* b = d.batch(scope.id);
            const std::string name = b && !b->name.empty() ? b->name : scope.id;
            return format(tr(Str::fmt_scope_batch, d.lang), name.c_str());
        }
    }
    return {};
}

void scope_picker(Dashboard& d) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::scope_label, d.lang));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 18));
    const std::string preview = scope_name(d, d.capability_scope);
    if (!ImGui::BeginCombo("##scope", preview.c_str(), ImGuiComboFlags_HeightLarge)) return;
    push_touch_list();
    Scope chosen = d.capability_scope;
    bool picked = false;
    if (ImGui::Selectable(tr(Str::scope_district, d.lang), d.capability_scope.kind == Scope::Kind::district)) {
        chosen = Scope{};
        picked = true;
    }
    ImGui::SeparatorText(tr(Str::scope_batches, d.lang));
    for (const BatchInfo& b : d.batches) {
        Scope s{Scope::Kind::batch, b.id};
        if (ImGui::Selectable(scope_name(d, s).c_str(), d.capability_scope.kind == s.kind && d.capability_scope.id == s.id)) {
            chosen = s;
            picked = true;
        }
    }
    ImGui::SeparatorText(tr(Str::scope_schools, d.lang));
    ImGuiListClipper clipper;
    clipper.Begin(int(d.schools_by_name.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const SchoolResult& school = d.summary.schools[size_t(d.schools_by_name[size_t(i)])];
            ImGui::PushID(i);
            if (ImGui::Selectable(school.name.c_str(), d.capability_scope.kind == Scope::Kind::school && d.capability_scope.id == school.id)) {
                chosen = Scope{Scope::Kind::school, school.id};
                picked = true;
            }
            ImGui::PopID();
        }
    }
    pop_touch_list();
    ImGui::EndCombo();
    if (picked) d.open_capability(chosen);
}

struct PointColumnInfo {
    PointColumn id;
    Str label;
    float weight;
    const char* key;  // it2.state() rects: capHeader.<key>
};

constexpr PointColumnInfo kPointColumnsWide[] = {
    {PointColumn::point, Str::col_point, 3.0f, "point"},
    {PointColumn::environment, Str::col_environment_short, 0.5f, "environment"},
    {PointColumn::dimension, Str::col_dimension, 1.0f, "dimension"},
    {PointColumn::chosen, Str::col_chosen, 1.6f, "chosen"},
    {PointColumn::selected, Str::point_selected, 0.8f, "selected"},
    {PointColumn::submitted_awaiting, Str::point_submitted, 0.8f, "awaiting"},
    {PointColumn::pass, Str::grade_pass, 0.8f, "pass"},
    {PointColumn::excellent, Str::grade_excellent, 0.8f, "excellent"},
    {PointColumn::fail, Str::grade_fail, 0.8f, "fail"},
    {PointColumn::pass_rate, Str::col_pass, 1.8f, "passRate"},
    {PointColumn::fail_rate, Str::cap_col_fail_rate, 1.8f, "failRate"}};
constexpr PointColumnInfo kPointColumnsNarrow[] = {
    {PointColumn::point, Str::col_point, 0.8f, "point"},
    {PointColumn::chosen, Str::col_chosen, 0.9f, "chosen"},
    {PointColumn::fail, Str::grade_fail, 0.9f, "fail"},
    {PointColumn::pass_rate, Str::col_pass, 1.0f, "passRate"},
    {PointColumn::fail_rate, Str::cap_col_fail_rate, 1.0f, "failRate"}};

std::string point_label(const PointInfo& info, Lang lang) {
    return format("%s %s", info.code, lang == Lang::zh ? info.name_zh : info.name_en);
}

// The point's code, name, environment and dimension, for a tooltip.
std::string point_tooltip(const PointInfo& info, Lang lang) {
    return format("%s %s / %s / %s", info.code, lang == Lang::zh ? info.name_zh : info.name_en, env_name(info.env, lang),
                  dimension_name(info.dimension, lang));
}

// The 30 points, sortable by every column; rates are the core's (capability_rates.h).
void points_table(Dashboard& d) {
    const Lang lang = d.lang;
    const CapabilityLevels& lv = d.levels;
    const bool compact = narrow();
    const PointColumnInfo* columns = compact ? kPointColumnsNarrow : kPointColumnsWide;
    const int column_count = compact ? int(std::size(kPointColumnsNarrow)) : int(std::size(kPointColumnsWide));
    int max_count = 1;
    for (const PointRate& r : d.rates_by_point) max_count = std::max(max_count, r.chosen);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    // One table state per language and layout: column weights follow the headers' widths.
    const char* table_id = compact ? (lang == Lang::zh ? "points_narrow_zh" : "points_narrow_en")
                                   : (lang == Lang::zh ? "points_zh" : "points_en");
    if (!ImGui::BeginTable(table_id, column_count, flags)) return;
    for (int c = 0; c < column_count; ++c) {
        ImGuiTableColumnFlags cf = ImGuiTableColumnFlags_WidthStretch;
        if (int(columns[c].id) == d.capability_sort.column) {
            cf |= ImGuiTableColumnFlags_DefaultSort |
                  (d.capability_sort.ascending ? ImGuiTableColumnFlags_PreferSortAscending : ImGuiTableColumnFlags_PreferSortDescending);
        } else if (columns[c].id >= PointColumn::chosen && columns[c].id != PointColumn::pass_rate) {
            cf |= ImGuiTableColumnFlags_PreferSortDescending;  // most first; pass rate: lowest first
        }
        const char* label = tr(columns[c].label, lang);
        ImGui::TableSetupColumn(label, cf, column_weight(label, columns[c].weight), ImGuiID(columns[c].id));
    }
    // Headers one by one: each is remembered (browser tests click them), rates explain themselves.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < column_count; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        ImGui::TableHeader(ImGui::TableGetColumnName(c));
        remember_rect(d, format("capHeader.%s", columns[c].key).c_str());
        if (columns[c].id == PointColumn::pass_rate || columns[c].id == PointColumn::fail_rate) {
            tooltip_wrapped(tr(Str::cap_rates_tooltip, lang));
        }
    }
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty && specs->SpecsCount > 0) {
            d.set_capability_sort({int(specs->Specs[0].ColumnUserID), specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending});
            specs->SpecsDirty = false;
        }
    }
    const float rate_room = ImGui::CalcTextSize("100.0%").x;
    const float count_room = ImGui::CalcTextSize(format("%d", max_count).c_str()).x;
    for (int row = 0; row < kPointCount; ++row) {
        const int p = d.capability_rows[size_t(row)];
        const PointInfo& info = catalog()[size_t(p)];
        const PointRate& rate = d.rates_by_point[size_t(p)];
        const auto& states = lv.points[size_t(p)];
        ImGui::TableNextRow();
        ImGui::PushID(p);
        for (int c = 0; c < column_count; ++c) {
            ImGui::TableSetColumnIndex(c);
            switch (columns[c].id) {
                case PointColumn::point:
                    // English names are long: one line with "…", the whole name in the tooltip.
                    if (compact) ImGui::TextUnformatted(info.code);
                    else text_one_line(point_label(info, lang));
                    remember_rect(d, format("capRow.%s", info.code).c_str());
                    tooltip_wrapped(point_tooltip(info, lang).c_str());
                    break;
                case PointColumn::environment: ImGui::TextUnformatted(info.code[0] == 'A' ? "A" : info.code[0] == 'B' ? "B" : "C"); break;
                case PointColumn::dimension: text_one_line(dimension_name(info.dimension, lang)); break;
                case PointColumn::chosen:
                    if (compact) text_right(format("%d", rate.chosen));
                    else number_bar(float(rate.chosen) / float(max_count), colour::neutral, format("%d", rate.chosen).c_str(), count_room);
                    break;
                case PointColumn::selected: text_right(format("%d", states[size_t(PointState::selected)])); break;
                case PointColumn::submitted_awaiting: text_right(format("%d", states[size_t(PointState::submitted)])); break;
                case PointColumn::pass: text_right(format("%d", states[size_t(PointState::pass)])); break;
                case PointColumn::excellent: text_right(format("%d", states[size_t(PointState::excellent)])); break;
                case PointColumn::fail: text_right(format("%d", states[size_t(PointState::fail)])); break;
                case PointColumn::pass_rate:
                case PointColumn::fail_rate: {
                    const bool pass = columns[c].id == PointColumn::pass_rate;
                    const std::optional<double>& value = pass ? rate.pass_rate : rate.fail_rate;
                    const std::string text = format_rate(value, lang);
                    if (compact) text_right(text);
                    else number_bar(float(value.value_or(0)), pass ? colour::passed : colour::failed, text.c_str(), rate_room);
                    if (value) tooltip_wrapped(format(tr(Str::fmt_weakest_row, lang), format_rate(rate.pass_rate, lang).c_str(),
                                                      format_rate(rate.fail_rate, lang).c_str(), rate.submitted)
                                                   .c_str());
                    break;
                }
            }
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void heat_map(const Dashboard& d) {
    const Lang lang = d.lang;
    const CapabilityLevels& lv = d.levels;
    ImGui::TextUnformatted(tr(Str::heat_map_heading, lang));
    int max_cell = 1;
    for (const auto& row : lv.passed_by_env_dim)
        for (int v : row) max_cell = std::max(max_cell, v);
    // Which cells have points at all (C has no 学情分析 point).
    std::array<std::array<int, kDimensionCount>, kEnvCount> points_in_cell{};
    for (const PointInfo& p : catalog()) ++points_in_cell[size_t(p.env)][size_t(p.dimension)];

    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInner | ImGuiTableFlags_SizingStretchSame;
    if (!ImGui::BeginTable("heat", 1 + kDimensionCount, flags)) return;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    for (int dim = 0; dim < kDimensionCount; ++dim) {
        ImGui::TableSetupColumn(dimension_name(Dimension(dim), lang), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    }
    ImGui::TableHeadersRow();
    const float cell_h = ImGui::GetTextLineHeight() * 2.0f;
    for (int env = 0; env < kEnvCount; ++env) {
        ImGui::TableNextRow(ImGuiTableRowFlags_None, cell_h);
        ImGui::TableSetColumnIndex(0);
        text_wrapped(env_name(Env(env), lang));
        for (int dim = 0; dim < kDimensionCount; ++dim) {
            ImGui::TableSetColumnIndex(1 + dim);
            const int v = lv.passed_by_env_dim[size_t(env)][size_t(dim)];
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const float w = ImGui::GetContentRegionAvail().x;
            ImDrawList* dl = ImGui::GetWindowDrawList();
            if (points_in_cell[size_t(env)][size_t(dim)] == 0) {
                dl->AddRectFilled(p, ImVec2(p.x + w, p.y + cell_h), colour::track, 3);
                ImGui::Dummy(ImVec2(w, cell_h));
                tooltip_wrapped(tr(Str::no_such_point, lang));
                continue;
            }
            // Shade from white to the neutral colour by the cell's share of the largest cell.
            const float t = 0.08f + 0.92f * float(v) / float(max_cell);  // a faint tint even for small counts
            const ImVec4 a = ImGui::ColorConvertU32ToFloat4(colour::white);
            const ImVec4 b = ImGui::ColorConvertU32ToFloat4(colour::neutral);
            const ImU32 fill = ImGui::ColorConvertFloat4ToU32(
                ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1.0f));
            dl->AddRectFilled(p, ImVec2(p.x + w, p.y + cell_h), fill, 3);
            const std::string n = format("%d", v);
            const ImVec2 ts = ImGui::CalcTextSize(n.c_str());
            dl->AddText(ImVec2(p.x + (w - ts.x) * 0.5f, p.y + (cell_h - ts.y) * 0.5f), t > 0.5f ? colour::white : colour::text, n.c_str());
            ImGui::Dummy(ImVec2(w, cell_h));
        }
    }
    ImGui::EndTable();
}

// 选择最多的能力点: the five most chosen, with how many chose each.
void most_chosen(const Dashboard& d) {
    const Lang lang = d.lang;
    ImGui::TextUnformatted(tr(Str::most_chosen, lang));
    const int max_value = std::max(1, d.rates_by_point[size_t(d.points_by_chosen[0])].chosen);
    const float room = ImGui::CalcTextSize(format("%d", max_value).c_str()).x;
    int shown = 0;
    for (int i = 0; i < 5; ++i) {
        const int p = d.points_by_chosen[size_t(i)];
        const int v = d.rates_by_point[size_t(p)].chosen;
        if (v == 0) break;
        const PointInfo& info = catalog()[size_t(p)];
        text_one_line(point_label(info, lang));
        tooltip_wrapped(point_tooltip(info, lang).c_str());
        number_bar(float(v) / float(max_value), colour::neutral, format("%d", v).c_str(), room);
        ++shown;
    }
    if (shown == 0) ImGui::TextDisabled("%s", tr(Str::no_value, lang));
}

// 最薄弱的能力点: lowest pass rate among points with enough submissions (the sample size shown),
// each with a bar of its passed (green) and failed (red) share of the submissions.
void weakest(Dashboard& d) {
    const Lang lang = d.lang;
    const int min_submitted = weakest_min_submitted(d.capability_scope.kind);
    text_wrapped(format(tr(Str::fmt_weakest_heading, lang), min_submitted));
    remember_rect(d, "capWeakestHeading");
    tooltip_wrapped(tr(Str::cap_rates_tooltip, lang));
    if (d.weakest_points.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
        text_wrapped(format(tr(Str::fmt_weakest_none, lang), min_submitted));
        ImGui::PopStyleColor();
        return;
    }
    const float room = ImGui::CalcTextSize("100.0%").x;
    for (size_t i = 0; i < d.weakest_points.size(); ++i) {
        const int p = d.weakest_points[i];
        const PointInfo& info = catalog()[size_t(p)];
        const PointRate& r = d.rates_by_point[size_t(p)];
        text_one_line(format("%d. %s", int(i + 1), point_label(info, lang).c_str()));
        remember_rect(d, format("capWeakest%d", int(i)).c_str());
        tooltip_wrapped(point_tooltip(info, lang).c_str());
        stacked_number_bar({{float(r.pass_rate.value_or(0)), colour::passed}, {float(r.fail_rate.value_or(0)), colour::failed}},
                           format_rate(r.pass_rate, lang).c_str(), room);
        tooltip_wrapped(format(tr(Str::fmt_weakest_row, lang), format_rate(r.pass_rate, lang).c_str(),
                               format_rate(r.fail_rate, lang).c_str(), r.submitted)
                            .c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
        text_wrapped(format(tr(Str::fmt_weakest_row, lang), format_rate(r.pass_rate, lang).c_str(),
                            format_rate(r.fail_rate, lang).c_str(), r.submitted));
        ImGui::PopStyleColor();
    }
}

}  // namespace

void draw_capability_view(Dashboard& d) {
    const Lang lang = d.lang;
    if (d.summary.schools.empty()) {
        text_wrapped(tr(Str::empty_workspace, lang));
        return;
    }
    scope_picker(d);
    const std::string line = format(tr(Str::fmt_scope_teachers, lang), d.levels.teachers);
    flow(ImGui::CalcTextSize(line.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(line.c_str());

    if (narrow()) {
        weakest(d);
        ImGui::Spacing();
        points_table(d);
        ImGui::Spacing();
        heat_map(d);
        ImGui::Spacing();
        most_chosen(d);
        return;
    }
    if (ImGui::BeginTable("capability_layout", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("table", ImGuiTableColumnFlags_WidthStretch, 2.3f);
        ImGui::TableSetupColumn("side", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        points_table(d);
        ImGui::TableSetColumnIndex(1);
        weakest(d);
        ImGui::Spacing();
        heat_map(d);
        ImGui::Spacing();
        most_chosen(d);
        ImGui::EndTable();
    }
}

}  // namespace it2::ui

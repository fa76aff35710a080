// 能力点分析: for the district, one school or one batch, the 30 points by state with bars, the
// environment × dimension heat map of passed points, and the most chosen and most failed points.
#include <algorithm>

#include "panels.h"
#include "widgets.h"

namespace it2::ui {

namespace {

// The five states are exclusive (a point is in exactly one), so their sum is how many chose it.
constexpr Str kStateLabels[kPointStateCount] = {Str::point_selected, Str::point_submitted, Str::grade_pass,
                                                Str::grade_excellent, Str::grade_fail};
constexpr ImU32 kStateColours[kPointStateCount] = {colour::not_started, colour::awaiting, colour::passed, colour::excellent,
                                                   colour::failed};

int chosen(const CapabilityLevels& lv, int point) {
    int n = 0;
    for (int c : lv.points[size_t(point)]) n += c;
    return n;
}

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
    ImGui::EndCombo();
    if (picked) d.open_capability(chosen);
}

void points_table(const Dashboard& d) {
    const Lang lang = d.lang;
    const CapabilityLevels& lv = d.levels;
    const bool compact = narrow();
    int max_count = 1;
    for (int p = 0; p < kPointCount; ++p) max_count = std::max(max_count, chosen(lv, p));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("points", compact ? 2 + kPointStateCount : 4 + kPointStateCount, flags)) return;
    ImGui::TableSetupColumn(tr(Str::col_point, lang), ImGuiTableColumnFlags_WidthStretch, compact ? 0.8f : 2.6f);
    if (!compact) {
        ImGui::TableSetupColumn(tr(Str::col_environment_short, lang), ImGuiTableColumnFlags_WidthStretch, 0.5f);
        ImGui::TableSetupColumn(tr(Str::col_dimension, lang), ImGuiTableColumnFlags_WidthStretch, 0.9f);
    }
    ImGui::TableSetupColumn(tr(Str::col_chosen, lang), ImGuiTableColumnFlags_WidthStretch, compact ? 0.8f : 1.3f);
    for (int s = 0; s < kPointStateCount; ++s) {
        ImGui::TableSetupColumn(tr(kStateLabels[s], lang), ImGuiTableColumnFlags_WidthStretch, compact ? 0.8f : 1.3f);
    }
    ImGui::TableHeadersRow();
    for (int p = 0; p < kPointCount; ++p) {
        const PointInfo& info = catalog()[size_t(p)];
        const auto& row = lv.points[size_t(p)];
        ImGui::TableNextRow();
        int col = 0;
        ImGui::TableSetColumnIndex(col++);
        if (compact) {
            ImGui::TextUnformatted(info.code);
        } else {
            ImGui::Text("%s %s", info.code, lang == Lang::zh ? info.name_zh : info.name_en);
        }
        tooltip_wrapped(format("%s %s / %s / %s", info.code, lang == Lang::zh ? info.name_zh : info.name_en,
                               env_name(info.env, lang), dimension_name(info.dimension, lang))
                            .c_str());
        if (!compact) {
            ImGui::TableSetColumnIndex(col++);
            ImGui::TextUnformatted(info.code[0] == 'A' ? "A" : info.code[0] == 'B' ? "B" : "C");
            ImGui::TableSetColumnIndex(col++);
            ImGui::TextUnformatted(dimension_name(info.dimension, lang));
        }
        ImGui::TableSetColumnIndex(col++);
        const int total = chosen(lv, p);
        if (compact) {
            text_right(format("%d", total));
        } else {
            bar(float(total) / float(max_count), colour::neutral, format("%d", total).c_str(), 0);
        }
        for (int s = 0; s < kPointStateCount; ++s) {
            ImGui::TableSetColumnIndex(col++);
            const std::string n = format("%d", row[size_t(s)]);
            if (compact) {
                text_right(n);
            } else {
                bar(float(row[size_t(s)]) / float(max_count), kStateColours[s], n.c_str(), 0);
            }
        }
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

// state -1: by how many chose the point; else PointState::fail (the orders are cached).
void top_list(const Dashboard& d, Str heading, int state) {
    const Lang lang = d.lang;
    ImGui::TextUnformatted(tr(heading, lang));
    const std::array<int, kPointCount>& order = state < 0 ? d.points_by_chosen : d.points_by_failed;
    auto value_of = [&](int p) { return state < 0 ? chosen(d.levels, p) : d.levels.points[size_t(p)][size_t(state)]; };
    const int max_value = std::max(1, value_of(order[0]));
    int shown = 0;
    for (int i = 0; i < 5; ++i) {
        const int p = order[size_t(i)];
        const int v = value_of(p);
        if (v == 0) break;
        const PointInfo& info = catalog()[size_t(p)];
        const std::string label = format("%s %s", info.code, lang == Lang::zh ? info.name_zh : info.name_en);
        ImGui::TextUnformatted(label.c_str());
        bar(float(v) / float(max_value), state < 0 ? colour::neutral : kStateColours[state], format("%d", v).c_str(), 0);
        ++shown;
    }
    if (shown == 0) ImGui::TextDisabled("%s", tr(Str::no_value, lang));
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
        heat_map(d);
        ImGui::Spacing();
        top_list(d, Str::most_chosen, -1);
        top_list(d, Str::most_failed, int(PointState::fail));
        ImGui::Spacing();
        points_table(d);
        return;
    }
    if (ImGui::BeginTable("capability_layout", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("table", ImGuiTableColumnFlags_WidthStretch, 2.3f);
        ImGui::TableSetupColumn("side", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        points_table(d);
        ImGui::TableSetColumnIndex(1);
        heat_map(d);
        ImGui::Spacing();
        top_list(d, Str::most_chosen, -1);
        ImGui::Spacing();
        top_list(d, Str::most_failed, int(PointState::fail));
        ImGui::EndTable();
    }
}

}  // namespace it2::ui

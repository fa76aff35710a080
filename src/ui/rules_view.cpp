// 规则设置: the policy in force, editable, with immediate recalculation everywhere; reset to the
// default (after a confirmation) and undo of rule edits; load (through open files) and save a
// policy file. The score formula sits next to the weights. Also the 使用了自定义规则 chip every
// view shows while the rules differ from the defaults, with the list of what differs.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "panels.h"
#include "policy.h"
#include "widgets.h"

namespace it2::ui {

namespace {

// The field and its − + buttons: room for "1000.0" whatever the buttons' size (a phone's are 40 px).
float number_field_width() {
    return ImGui::GetFontSize() * 4 + (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x) * 2;
}

bool edit_number(const char* label, double& value, double step, double min_value, double max_value, const char* fmt = "%.1f") {
    ImGui::SetNextItemWidth(number_field_width());
    double v = value;
    if (!ImGui::InputDouble(label, &v, step, step * 5, fmt)) return false;
    v = std::clamp(v, min_value, max_value);
    if (v == value) return false;
    value = v;
    return true;
}

bool edit_int(const char* label, int& value, int min_value, int max_value) {
    ImGui::SetNextItemWidth(number_field_width());
    int v = value;
    if (!ImGui::InputInt(label, &v)) return false;
    v = std::clamp(v, min_value, max_value);
    if (v == value) return false;
    value = v;
    return true;
}

void section(const char* title) {
    ImGui::Spacing();
    ImGui::SeparatorText(title);
}

// Every rule as (label, value) text, in the editor's order: two policies differ where the texts do.
std::vector<std::pair<Str, std::string>> rule_texts(const Policy& p, Lang lang) {
    std::vector<std::pair<Str, std::string>> out = {
        {Str::rule_online_min, format_number(p.online_min)},
        {Str::rule_practice_min, format_number(p.practice_min)},
        {Str::rule_total_min, format_number(p.total_min)},
        {Str::rule_min_passed, format("%d", p.min_passed)},
        {Str::rule_min_dimensions, format("%d", p.min_dimensions)},
        {Str::rule_min_excellent, format("%d", p.min_excellent_points)},
    };
    std::string envs;
    for (int e = 0; e < kEnvCount; ++e) {
        if (!p.environments[e]) continue;
        envs += envs.empty() ? "" : " / ";
        envs += env_name(Env(e), lang);
    }
    out.emplace_back(Str::rule_environments, envs.empty() ? tr(Str::no_value, lang) : envs);
    std::string required;
    for (int i : p.required) {
        if (i < 0 || i >= kPointCount) continue;
        required += required.empty() ? "" : " ";
        required += catalog()[size_t(i)].code;
    }
    out.emplace_back(Str::rule_required, required.empty() ? tr(Str::no_value, lang) : required);
    const ScoreWeights& w = p.weights;
    out.emplace_back(Str::weight_organisation, format_number(w.organisation));
    out.emplace_back(Str::weight_activities, format_number(w.activities));
    out.emplace_back(Str::weight_participation_hours, format_number(w.participation_hours));
    out.emplace_back(Str::weight_pass, format_number(w.pass));
    out.emplace_back(Str::weight_excellence, format_number(w.excellence));
    out.emplace_back(Str::rule_activities_per_batch, format_number(p.activities_per_batch));
    out.emplace_back(Str::rule_excellence_target, format_number(p.excellence_target * 100.0));
    out.emplace_back(Str::rule_at_risk_days, format("%d", p.at_risk_days));
    return out;
}

// 撤销 for the last rule edit (disabled when there is none).
void undo_button(Dashboard& d) {
    const char* label = tr(Str::undo_rule, d.lang);
    flow(button_width(label));
    ImGui::BeginDisabled(d.policy_undo.empty());
    if (ImGui::Button(label)) d.undo_rule_edit();
    ImGui::EndDisabled();
    remember_rect(d, "rulesUndo");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tr(Str::undo_rule_tooltip, d.lang));
}

}  // namespace

std::vector<std::string> rule_differences(const Policy& p, Lang lang) {
    const auto now = rule_texts(p, lang);
    const auto defaults = rule_texts(Policy{}, lang);
    std::vector<std::string> out;
    for (size_t i = 0; i < now.size(); ++i) {
        if (now[i].second == defaults[i].second) continue;
        out.push_back(format(tr(Str::fmt_rule_diff, lang), tr(now[i].first, lang), now[i].second.c_str(), defaults[i].second.c_str()));
    }
    return out;
}

void draw_rules_chip(Dashboard& d, bool compact) {
    const std::vector<std::string> differences = rule_differences(d.policy, d.lang);
    if (differences.empty()) return;
    const Lang lang = d.lang;
    const char* label = tr(compact ? Str::rules_changed_chip_short : Str::rules_changed_chip, lang);
    flow(button_width(label));
    ImGui::PushStyleColor(ImGuiCol_Button, colour::at_risk);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colour::at_risk);
    ImGui::PushStyleColor(ImGuiCol_Text, colour::white);
    if (ImGui::Button(label)) ImGui::OpenPopup("rules_differ");
    ImGui::PopStyleColor(3);
    remember_rect(d, "rulesChip");
    tooltip_wrapped(tr(Str::rules_changed_tooltip, lang));
    // The popup stays inside the screen (a phone's included).
    const float max_w = std::min(ImGui::GetFontSize() * 30, ImGui::GetIO().DisplaySize.x - 24);
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(max_w, ImGui::GetIO().DisplaySize.y * 0.7f));
    if (ImGui::BeginPopup("rules_differ")) {
        ImGui::TextUnformatted(tr(Str::rules_diff_heading, lang));
        remember_rect(d, "rulesDiffHeading");
        for (const std::string& line : differences) text_wrapped("· " + line, max_w - ImGui::GetStyle().WindowPadding.x * 2);
        ImGui::Spacing();
        if (d.view != View::rules && ImGui::Button(tr(Str::rules_open, lang))) {
            d.view = View::rules;
            ImGui::CloseCurrentPopup();
        }
        undo_button(d);
        ImGui::EndPopup();
    }
}

void draw_rules_view(Dashboard& d) {
    const Lang lang = d.lang;
    Policy& p = d.policy;
    bool changed = false;

    const Policy before = p;  // a change below is one undo step
    text_wrapped(tr(Str::rules_intro, lang));
    // 恢复默认 asks first; 撤销 brings the rules back either way.
    if (ImGui::Button(tr(Str::reset_policy, lang))) ImGui::OpenPopup("reset_confirm");
    remember_rect(d, "rulesReset");
    if (ImGui::BeginPopup("reset_confirm")) {
        text_wrapped(tr(Str::reset_confirm, lang), std::min(ImGui::GetFontSize() * 20, ImGui::GetIO().DisplaySize.x - 40));
        if (ImGui::Button(tr(Str::reset_confirm_yes, lang))) {
            d.reset_policy();
            ImGui::CloseCurrentPopup();
        }
        remember_rect(d, "rulesResetConfirm");
        ImGui::SameLine();
        if (ImGui::Button(tr(Str::cancel, lang))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    undo_button(d);
    flow(button_width(tr(Str::save_policy, lang)));
    if (d.actions.save_file) {
        if (ImGui::Button(tr(Str::save_policy, lang))) d.actions.save_file(tr(Str::policy_file_name, lang), policy_json(p), "application/json");
    } else {
        ImGui::BeginDisabled();
        ImGui::Button(tr(Str::save_policy, lang));
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tr(Str::not_available_here, lang));
    }
    flow(button_width(tr(Str::load_policy, lang)));
    if (d.actions.open_files) {
        if (ImGui::Button(tr(Str::load_policy, lang))) d.actions.open_files();
        tooltip_wrapped(tr(Str::load_policy_tooltip, lang));
    } else {
        ImGui::BeginDisabled();
        ImGui::Button(tr(Str::load_policy, lang));
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tr(Str::not_available_here, lang));
    }

    section(tr(Str::rules_hours, lang));
    changed |= edit_number(tr(Str::rule_online_min, lang), p.online_min, 1, 0, 500);
    remember_rect(d, "ruleOnlineMin");
    changed |= edit_number(tr(Str::rule_practice_min, lang), p.practice_min, 1, 0, 500);
    changed |= edit_number(tr(Str::rule_total_min, lang), p.total_min, 1, 0, 1000);

    section(tr(Str::rules_points, lang));
    changed |= edit_int(tr(Str::rule_min_passed, lang), p.min_passed, 0, kPointCount);
    changed |= edit_int(tr(Str::rule_min_dimensions, lang), p.min_dimensions, 0, kDimensionCount);
    changed |= edit_int(tr(Str::rule_min_excellent, lang), p.min_excellent_points, 0, kPointCount);
    ImGui::TextUnformatted(tr(Str::rule_environments, lang));
    for (int e = 0; e < kEnvCount; ++e) {
        const char* name = env_name(Env(e), lang);
        if (e > 0) flow(ImGui::CalcTextSize(name).x + ImGui::GetFrameHeight() + 8);
        ImGui::PushID(e);
        changed |= ImGui::Checkbox(name, &p.environments[e]);
        ImGui::PopID();
    }
    ImGui::TextUnformatted(tr(Str::rule_required, lang));
    ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
    text_wrapped(tr(Str::rule_required_help, lang));
    ImGui::PopStyleColor();
    const float cell_w = ImGui::CalcTextSize("A13").x + ImGui::GetFrameHeight() + 14;
    for (int i = 0; i < kPointCount; ++i) {
        const PointInfo& info = catalog()[size_t(i)];
        const bool new_env = i > 0 && catalog()[size_t(i - 1)].env != info.env;
        if (i > 0 && !new_env) flow(cell_w);
        bool required = std::find(p.required.begin(), p.required.end(), i) != p.required.end();
        ImGui::PushID(100 + i);
        if (ImGui::Checkbox(info.code, &required)) {
            if (required) {
                p.required.push_back(i);
                std::sort(p.required.begin(), p.required.end());
            } else {
                p.required.erase(std::remove(p.required.begin(), p.required.end(), i), p.required.end());
            }
            changed = true;
        }
        ImGui::SetItemTooltip("%s %s", info.code, lang == Lang::zh ? info.name_zh : info.name_en);
        ImGui::PopID();
    }

    section(tr(Str::rules_score, lang));
    const bool side_by_side = !narrow();
    if (side_by_side) {
        ImGui::BeginTable("score_layout", 2, ImGuiTableFlags_SizingStretchProp);
        ImGui::TableSetupColumn("edit", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("formula", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
    }
    ScoreWeights& w = p.weights;
    changed |= edit_number(tr(Str::weight_organisation, lang), w.organisation, 1, 0, 100);
    changed |= edit_number(tr(Str::weight_activities, lang), w.activities, 1, 0, 100);
    changed |= edit_number(tr(Str::weight_participation_hours, lang), w.participation_hours, 1, 0, 100);
    changed |= edit_number(tr(Str::weight_pass, lang), w.pass, 1, 0, 100);
    changed |= edit_number(tr(Str::weight_excellence, lang), w.excellence, 1, 0, 100);
    const double sum = w.organisation + w.activities + w.participation_hours + w.pass + w.excellence;
    const std::string sum_text = format(tr(Str::fmt_weights_sum, lang), sum);
    if (std::abs(sum - 100.0) > 1e-6) {
        text_coloured(colour::at_risk, sum_text.c_str());
    } else {
        ImGui::TextUnformatted(sum_text.c_str());
    }
    changed |= edit_number(tr(Str::rule_activities_per_batch, lang), p.activities_per_batch, 1, 0, 100);
    double target_percent = p.excellence_target * 100.0;
    if (edit_number(tr(Str::rule_excellence_target, lang), target_percent, 1, 0, 100)) {
        p.excellence_target = target_percent / 100.0;
        changed = true;
    }
    changed |= edit_int(tr(Str::rule_at_risk_days, lang), p.at_risk_days, 0, 3650);
    if (side_by_side) ImGui::TableSetColumnIndex(1);
    else ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
    text_wrapped(format(tr(Str::fmt_score_formula, lang), w.organisation, w.activities, p.activities_per_batch,
                        w.participation_hours, w.pass, w.excellence, p.excellence_target * 100.0));
    ImGui::PopStyleColor();
    if (side_by_side) ImGui::EndTable();

    if (changed) d.note_rule_edit(before, ImGui::IsAnyItemActive());
    else if (!ImGui::IsAnyItemActive()) d.rule_edit_open = false;
}

}  // namespace it2::ui

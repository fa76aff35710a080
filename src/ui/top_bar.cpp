// Top bar: title, what is loaded, the as-of date, language, file actions, text size; and the
// row of view buttons under it.
#include <algorithm>
#include <chrono>

#include "panels.h"
#include "summary_json.h"
#include "widgets.h"

namespace it2::ui {

namespace {

// A button that runs `action`, or a disabled button whose tooltip says why.
void action_button(const Dashboard& d, Str label, const std::function<void()>& action) {
    const char* text = tr(label, d.lang);
    flow(button_width(text));
    if (!action) {
        ImGui::BeginDisabled();
        ImGui::Button(text);
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tr(Str::not_available_here, d.lang));
        return;
    }
    if (ImGui::Button(text)) action();
}

}  // namespace

void draw_top_bar(Dashboard& d) {
    const Lang lang = d.lang;
    ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.35f);
    text_coloured(colour::text, tr(Str::app_title, lang));
    ImGui::PopFont();
    if (!d.own_school.id.empty()) {  // a principal's own page says whose data it holds, as of when
        const std::string holds = format(tr(Str::school_page_holds, lang), d.own_school.name.c_str(), d.own_school.date.c_str());
        flow(ImGui::CalcTextSize(holds.c_str()).x);
        ImGui::AlignTextToFramePadding();
        text_coloured(colour::neutral, holds.c_str());
        remember_rect(d, "ownSchool");
    }

    // What is loaded, with the problems as a link.
    std::string loaded = format(tr(Str::fmt_loaded, lang), school_count(d.summary), teacher_count(d.summary),
                                int(d.batches.size()), int(d.workspace.files.size()));
    flow(ImGui::CalcTextSize(loaded.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(loaded.c_str());
    if (d.problem_counts.files_with_problems > 0) {
        std::string link = format(tr(Str::fmt_files_with_problems, lang), d.problem_counts.problems, d.problem_counts.files_with_problems);
        flow(ImGui::CalcTextSize(link.c_str()).x);
        ImGui::PushStyleColor(ImGuiCol_TextLink, colour::failed);
        if (ImGui::TextLink(link.c_str())) d.view = View::problems;
        ImGui::PopStyleColor();
    }

    // As-of date: edited as text, applied when it is a valid date.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(Str::as_of_label, lang));
    ImGui::SameLine();
    if (d.as_of_edit.empty()) d.as_of_edit = d.as_of;
    bool valid = is_iso_date(d.as_of_edit);
    if (!valid) ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(255, 228, 228, 255));
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 2 + 4);
    if (input_text("##asof", d.as_of_edit, tr(Str::date_hint, lang)) && is_iso_date(d.as_of_edit)) d.set_as_of(d.as_of_edit);
    remember_rect(d, "asOf");
    if (!valid) ImGui::PopStyleColor();
    if (!ImGui::IsItemActive()) d.as_of_edit = d.as_of;  // an unfinished date reverts when left
    tooltip_wrapped(tr(Str::as_of_tooltip, lang));
    flow(button_width(tr(Str::today, lang)));
    if (ImGui::Button(tr(Str::today, lang))) {
        d.set_as_of(today_iso());
        d.as_of_edit = d.as_of;
    }

    // Language switch: the active language is shown selected.
    // Each language is named in itself, in both tables.
    const char* zh = tr(Str::lang_zh, lang);
    const char* en = tr(Str::lang_en, lang);
    flow(button_width(zh) + button_width(en) + ImGui::GetStyle().ItemSpacing.x * 3);
    ImGui::Dummy(ImVec2(4, 1));
    ImGui::SameLine();
    for (int i = 0; i < 2; ++i) {
        const Lang l = i == 0 ? Lang::zh : Lang::en;
        const bool active = lang == l;
        if (i == 1) ImGui::SameLine(0, 2);
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
        if (ImGui::Button(i == 0 ? zh : en)) d.set_lang(l);
        remember_rect(d, i == 0 ? "langZh" : "langEn");
        if (active) ImGui::PopStyleColor();
    }

    std::function<void()> export_csv;
    if (d.actions.export_table && !d.summary.teachers.empty()) {
        export_csv = d.actions.export_table;
    } else if (d.actions.save_file && !d.summary.teachers.empty()) {
        export_csv = [&d] {
            d.actions.save_file(tr(Str::export_file_name, d.lang), summary_csv(d.summary, d.lang), "text/csv");
        };
    }
    std::function<void()> export_xlsx;  // only with data, like 导出
    if (d.actions.export_xlsx && !d.summary.teachers.empty()) export_xlsx = d.actions.export_xlsx;
    const char* files_label = tr(Str::files_window_title, d.lang);
    if (narrow()) {
        // Phone: the file actions live in one menu to keep the top bar short.
        const char* menu = tr(Str::file_menu, lang);
        flow(button_width(menu));
        if (ImGui::Button(menu)) ImGui::OpenPopup("file_actions");
        remember_rect(d, "fileMenu");
        if (ImGui::BeginPopup("file_actions")) {
            if (ImGui::MenuItem(files_label, nullptr, false, bool(d.actions.manage_files))) d.actions.manage_files();
            const std::pair<Str, const std::function<void()>*> items[] = {
                {Str::open_files, &d.actions.open_files}, {Str::open_folder, &d.actions.open_folder},
                {Str::load_demo, &d.actions.load_demo},   {Str::export_csv, &export_csv},
                {Str::export_xlsx, &export_xlsx},
                {Str::print_report, &d.actions.print_report}};
            for (const auto& [label, action] : items) {
                if (ImGui::MenuItem(tr(label, lang), nullptr, false, bool(*action))) (*action)();
                if (!*action && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
                    ImGui::SetTooltip("%s", tr(Str::not_available_here, lang));
                }
            }
            ImGui::EndPopup();
        }
    } else {
        action_button(d, Str::open_files, d.actions.open_files);
        remember_rect(d, "openFiles");
        action_button(d, Str::open_folder, d.actions.open_folder);
        action_button(d, Str::load_demo, d.actions.load_demo);
        action_button(d, Str::export_csv, export_csv);
        remember_rect(d, "exportCsv");
        action_button(d, Str::export_xlsx, export_xlsx);
        remember_rect(d, "exportXlsx");
        action_button(d, Str::print_report, d.actions.print_report);
        remember_rect(d, "printReport");
        flow(button_width(files_label));
        if (ImGui::Button(files_label) && d.actions.manage_files) d.actions.manage_files();
        remember_rect(d, "manageFiles");
    }

    // Text size for older eyes.
    const char* smaller = tr(Str::text_smaller, lang);
    const char* larger = tr(Str::text_larger, lang);
    flow(button_width(smaller) + button_width(larger) + 2);
    if (ImGui::Button(smaller)) d.set_text_scale(d.text_scale - 0.1f);
    tooltip_wrapped(tr(Str::text_size_tooltip, lang));
    ImGui::SameLine(0, 2);
    if (ImGui::Button(larger)) d.set_text_scale(d.text_scale + 0.1f);
    remember_rect(d, "textLarger");
    tooltip_wrapped(tr(Str::text_size_tooltip, lang));

    // A notice stays 12 seconds, then gives its line back (it2.state() still reports it).
    if (d.notice != d.notice_drawn) {
        d.notice_drawn = d.notice;
        d.notice_since = std::chrono::steady_clock::now();
    }
    if (!d.notice.empty() && std::chrono::steady_clock::now() - d.notice_since < std::chrono::seconds(12)) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
        text_wrapped(d.notice);
        ImGui::PopStyleColor();
    }
}

void draw_nav(Dashboard& d) {
    const Str labels[kViewCount] = {Str::view_district, Str::view_school, Str::view_teacher, Str::view_capability,
                                    Str::view_problems, Str::view_rules, Str::view_help};
    ImGui::Separator();
    for (int i = 0; i < kViewCount; ++i) {
        const char* label = tr(labels[i], d.lang);
        if (i > 0) flow(button_width(label));
        const bool active = int(d.view) == i;
        if (active) {
            ImGui::PushStyleColor(ImGuiCol_Button, colour::neutral);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, colour::neutral);
            ImGui::PushStyleColor(ImGuiCol_Text, colour::white);
        }
        ImGui::PushID(i);
        if (ImGui::Button(label)) {
            const View v = View(i);
            if (v == View::school) d.open_school(d.school_id);
            else if (v == View::capability) d.open_capability(d.capability_scope);
            else d.view = v;
        }
        ImGui::PopID();
        if (active) ImGui::PopStyleColor(3);
    }
    ImGui::Separator();
}

}  // namespace it2::ui

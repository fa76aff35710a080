// Top bar: title, what is loaded, the rules chip, the as-of date, language, file actions, text
// size; and the row of view buttons under it. The bar and the view buttons keep one size
// whatever the text size (dashboard_frame.cpp), and the notice is a toast over the page: the
// buttons never move under the pointer without a user action. On a phone: three short rows.
#include <algorithm>
#include <chrono>

#include <imgui_internal.h>

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

// The as-of date field and 今天.
void as_of_date(Dashboard& d) {
    const Lang lang = d.lang;
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
}

// Language switch: the active language is shown selected. Each language is named in itself.
void language_switch(Dashboard& d) {
    const char* zh = tr(Str::lang_zh, d.lang);
    const char* en = tr(Str::lang_en, d.lang);
    flow(button_width(zh) + button_width(en) + ImGui::GetStyle().ItemSpacing.x * 3);
    ImGui::Dummy(ImVec2(4, 1));
    ImGui::SameLine();
    const Lang lang = d.lang;
    for (int i = 0; i < 2; ++i) {
        const Lang l = i == 0 ? Lang::zh : Lang::en;
        const bool active = lang == l;
        if (i == 1) ImGui::SameLine(0, 2);
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
        if (ImGui::Button(i == 0 ? zh : en)) d.set_lang(l);
        remember_rect(d, i == 0 ? "langZh" : "langEn");
        if (active) ImGui::PopStyleColor();
    }
}

// Text size for older eyes. The bar keeps its size whatever the text size, so these two
// buttons stay where they are under a finger that taps twice.
void text_size_buttons(Dashboard& d) {
    const char* smaller = tr(Str::text_smaller, d.lang);
    const char* larger = tr(Str::text_larger, d.lang);
    flow(button_width(smaller) + button_width(larger) + 2);
    if (ImGui::Button(smaller)) d.set_text_scale(d.text_scale - 0.1f);
    remember_rect(d, "textSmaller");
    tooltip_wrapped(tr(Str::text_size_tooltip, d.lang));
    ImGui::SameLine(0, 2);
    if (ImGui::Button(larger)) d.set_text_scale(d.text_scale + 0.1f);
    remember_rect(d, "textLarger");
    tooltip_wrapped(tr(Str::text_size_tooltip, d.lang));
}

// The problems link ("N 个问题（M 个文件）"; a phone: "N 个问题") when some file has problems.
std::string problems_text(const Dashboard& d, bool compact) {
    const ProblemCounts& counts = d.problem_counts;
    if (counts.files_with_problems == 0) return {};
    return compact ? format(tr(Str::fmt_problems_short, d.lang), counts.problems)
                   : format(tr(Str::fmt_files_with_problems, d.lang), counts.problems, counts.files_with_problems);
}

void problems_link(Dashboard& d, bool compact) {
    const std::string link = problems_text(d, compact);
    if (link.empty()) return;
    flow(ImGui::CalcTextSize(link.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_TextLink, colour::failed);
    if (ImGui::TextLink(link.c_str())) d.view = View::problems;
    ImGui::PopStyleColor();
    remember_rect(d, "problemsLink");
}

// The notice (a load result, a copy) as a toast over the bottom of the page for 12 seconds: it
// never takes a line of its own, so nothing moves when it comes or goes, and it lets clicks
// through to what lies under it. (it2.state() still reports it afterwards.)
void notice_toast(Dashboard& d) {
    if (d.notice != d.notice_drawn) {
        d.notice_drawn = d.notice;
        d.notice_since = std::chrono::steady_clock::now();
    }
    if (d.notice.empty() || std::chrono::steady_clock::now() - d.notice_since >= std::chrono::seconds(12)) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float margin = narrow() ? 8.0f : 16.0f;
    const float width = std::min(vp->WorkSize.x - margin * 2, ImGui::GetFontSize() * 40);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - margin), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(width, vp->WorkSize.y * 0.4f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(38, 50, 56, 235));
    ImGui::PushStyleColor(ImGuiCol_Text, colour::white);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6.0f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
    if (ImGui::Begin("##notice", nullptr, flags)) {
        text_wrapped(d.notice, std::min(ImGui::CalcTextSize(d.notice.c_str()).x + 1, width - ImGui::GetStyle().WindowPadding.x * 2));
        remember_rect(d, "notice");
    }
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

std::function<void()> export_action(Dashboard& d) {
    if (d.actions.export_table && !d.summary.teachers.empty()) return d.actions.export_table;
    if (d.actions.save_file && !d.summary.teachers.empty()) {
        return [&d] { d.actions.save_file(tr(Str::export_file_name, d.lang), summary_csv(d.summary, d.lang), "text/csv"); };
    }
    return {};
}

std::function<void()> export_xlsx_action(Dashboard& d) {  // only with data, like 导出
    if (d.actions.export_xlsx && !d.summary.teachers.empty()) return d.actions.export_xlsx;
    return {};
}

// Phone: the file actions in one menu (文件…), the date, language and text size in another
// (设置…), so the whole bar takes three short rows.
void phone_menus(Dashboard& d, const std::function<void()>& export_csv, const std::function<void()>& export_xlsx) {
    const Lang lang = d.lang;
    const char* menu = tr(Str::file_menu, lang);
    if (ImGui::Button(menu)) ImGui::OpenPopup("file_actions");
    remember_rect(d, "fileMenu");
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y), ImGuiCond_Appearing);  // under the button
    if (ImGui::BeginPopup("file_actions")) {
        push_touch_list();
        const char* files_label = tr(Str::files_window_title, lang);
        if (ImGui::MenuItem(files_label, nullptr, false, bool(d.actions.manage_files))) d.actions.manage_files();
        remember_rect(d, "fileMenuFirstItem");
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
        pop_touch_list();
        ImGui::EndPopup();
    }
    const char* more = tr(Str::more_menu, lang);
    ImGui::SameLine();
    if (ImGui::Button(more)) ImGui::OpenPopup("settings_menu");
    remember_rect(d, "settingsMenu");
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y), ImGuiCond_Appearing);
    if (ImGui::BeginPopup("settings_menu")) {
        // A−/A+ first: the bar's fixed text size (dashboard_frame.cpp) keeps them under the finger.
        text_size_buttons(d);
        language_switch(d);
        as_of_date(d);
        ImGui::EndPopup();
    }
}

}  // namespace

void draw_top_bar(Dashboard& d) {
    const Lang lang = d.lang;
    const bool phone = narrow();

    // Title, and what is loaded. On a phone one line: the counts end in "…" when they do not
    // fit (a long press shows them whole).
    if (phone) {
        ImGui::AlignTextToFramePadding();  // the line is as tall as the chip and the link beside it
        text_coloured(colour::text, tr(Str::app_title, lang));
    } else {
        ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.35f);
        text_coloured(colour::text, tr(Str::app_title, lang));
        ImGui::PopFont();
    }
    // A principal's own page says whose data it holds, as of when (beside the title; a phone: a line of its own).
    const std::string holds = d.own_school.id.empty() ? std::string()
        : format(tr(Str::school_page_holds, lang), d.own_school.name.c_str(), d.own_school.date.c_str());
    if (!holds.empty() && !phone) {
        flow(ImGui::CalcTextSize(holds.c_str()).x);
        ImGui::AlignTextToFramePadding();
        text_coloured(colour::neutral, holds.c_str());
        remember_rect(d, "ownSchool");
    }
    std::string loaded = format(tr(Str::fmt_loaded, lang), school_count(d.summary), teacher_count(d.summary),
                                int(d.batches.size()), int(d.workspace.files.size()));
    if (phone) {
        // The short counts take what the problems link and the rules chip leave; the whole
        // line stays one line (a long press on the counts shows them all).
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        float reserve = 0;
        if (const std::string link = problems_text(d, true); !link.empty()) reserve += ImGui::CalcTextSize(link.c_str()).x + spacing;
        if (!rule_differences(d.policy, lang).empty()) reserve += button_width(tr(Str::rules_changed_chip_short, lang)) + spacing;
        const std::string counts = format(tr(Str::fmt_loaded_short, lang), school_count(d.summary), teacher_count(d.summary));
        const float counts_width = ImGui::GetContentRegionAvail().x - reserve - spacing;
        if (counts_width > ImGui::GetFontSize() * 2) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
            text_one_line(counts, counts_width);
            ImGui::PopStyleColor();
            tooltip_wrapped(loaded.c_str());
        }
        problems_link(d, true);
        draw_rules_chip(d, true);
        if (!holds.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, colour::neutral);
            text_one_line(holds, ImGui::GetContentRegionAvail().x);
            ImGui::PopStyleColor();
            tooltip_wrapped(holds.c_str());
            remember_rect(d, "ownSchool");
        }
        notice_toast(d);
        return;
    }
    flow(ImGui::CalcTextSize(loaded.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(loaded.c_str());
    problems_link(d, false);
    draw_rules_chip(d, false);
    as_of_date(d);
    language_switch(d);
    action_button(d, Str::open_files, d.actions.open_files);
    remember_rect(d, "openFiles");
    action_button(d, Str::open_folder, d.actions.open_folder);
    action_button(d, Str::load_demo, d.actions.load_demo);
    action_button(d, Str::export_csv, export_action(d));
    remember_rect(d, "exportCsv");
    action_button(d, Str::export_xlsx, export_xlsx_action(d));
    remember_rect(d, "exportXlsx");
    action_button(d, Str::print_report, d.actions.print_report);
    remember_rect(d, "printReport");
    const char* files_label = tr(Str::files_window_title, lang);
    flow(button_width(files_label));
    if (ImGui::Button(files_label) && d.actions.manage_files) d.actions.manage_files();
    remember_rect(d, "manageFiles");
    text_size_buttons(d);
    notice_toast(d);
}

namespace {

// A finger dragging sideways over the view buttons scrolls them (and opens none).
void touch_scroll_x() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.MouseSource != ImGuiMouseSource_TouchScreen) return;
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) return;
    if (!ImGui::IsMouseDragging(ImGuiMouseButton_Left, 8.0f)) return;
    if (ImGui::IsAnyItemActive()) ImGui::ClearActiveID();
    ImGui::SetScrollX(ImGui::GetScrollX() - io.MouseDelta.x);
}

}  // namespace

void draw_nav(Dashboard& d) {
    const Str labels[kViewCount] = {Str::view_district, Str::view_school, Str::view_teacher, Str::view_capability,
                                    Str::view_problems, Str::view_rules, Str::view_help};
    const bool phone = narrow();
    if (!phone) ImGui::Separator();
    if (phone) {
        // The two menus, then the view buttons in what is left of the row, scrolling sideways;
        // the open view is brought into sight when it changes.
        phone_menus(d, export_action(d), export_xlsx_action(d));
        ImGui::SameLine();
        const float h = ImGui::GetFrameHeight();
        ImGui::BeginChild("##tabs", ImVec2(0, h), ImGuiChildFlags_None,
                          ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
    }
    for (int i = 0; i < kViewCount; ++i) {
        const char* label = tr(labels[i], d.lang);
        if (i > 0) {
            if (phone) ImGui::SameLine();
            else flow(button_width(label));
        }
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
        if (i == 0) remember_rect(d, "tabRow");
        if (active) {
            ImGui::PopStyleColor(3);
            if (phone && d.tabs_view != d.view) {
                ImGui::SetScrollHereX(0.5f);
                d.tabs_view = d.view;
            }
        }
    }
    if (phone) {
        touch_scroll_x();
        ImGui::EndChild();
    }
    ImGui::Separator();
}

}  // namespace it2::ui

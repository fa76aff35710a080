#include "files_window.h"

#include <algorithm>

#include "widgets.h"

namespace it2::ui {

namespace {

const char* status_text(const std::string& status, Lang lang) {
    if (status == "loaded") return tr(Str::file_loaded, lang);
    if (status == "partial") return tr(Str::file_partial, lang);
    if (status == "replaced") return tr(Str::file_replaced, lang);
    return tr(Str::file_rejected, lang);
}

// A yes/no modal, open while `pending`; returns true on yes.
bool confirm_modal(Dashboard& d, const std::string& title_and_id, const std::string& question, bool& pending) {
    const char* id = title_and_id.c_str();
    const Lang lang = d.lang;
    if (pending && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    bool confirmed = false;
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        // 24 characters wide, less on a phone (the modal stays inside the screen).
        text_wrapped(question, std::min(ImGui::GetFontSize() * 24, ImGui::GetIO().DisplaySize.x * 0.8f));
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Button, colour::failed);
        ImGui::PushStyleColor(ImGuiCol_Text, colour::white);
        const bool yes = ImGui::Button(tr(Str::files_yes, lang));
        remember_rect(d, "confirmYes");
        ImGui::PopStyleColor(2);
        if (yes) {
            confirmed = true;
            pending = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(tr(Str::files_cancel, lang)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            pending = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    return confirmed;
}

void action(const char* label, const std::function<void()>& run) {
    flow(button_width(label));
    if (!run) ImGui::BeginDisabled();
    if (ImGui::Button(label) && run) run();
    if (!run) ImGui::EndDisabled();
}

}  // namespace

void draw_files_window(Dashboard& d, FilesWindow& w) {
    if (!w.open) return;
    const Lang lang = d.lang;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 size(std::min(viewport->WorkSize.x - 16, ImGui::GetFontSize() * 40),
                      std::min(viewport->WorkSize.y - 16, ImGui::GetFontSize() * 28));
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
    const std::string title = std::string(tr(Str::files_window_title, lang)) + "###files_window";
    if (!ImGui::Begin(title.c_str(), &w.open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    const ImVec2 pos = ImGui::GetWindowPos(), extent = ImGui::GetWindowSize();
    remember_rect("filesWindow", pos, extent);
    action(tr(Str::files_open_workspace, lang), w.open_workspace);
    remember_rect(d, "openWorkspace");
    action(tr(Str::files_save_workspace, lang), w.rows.empty() ? std::function<void()>() : w.save_workspace);
    remember_rect(d, "saveWorkspace");
    action(tr(Str::files_export_school, lang), d.school_id.empty() ? std::function<void()>() : w.export_school);
    remember_rect(d, "exportSchool");
    if (d.school_id.empty()) {
        tooltip_wrapped(tr(Str::files_export_school_tooltip, lang));
    }
    action(tr(Str::files_download_template, lang), w.download_template);
    remember_rect(d, "downloadTemplate");
    action(tr(Str::files_clear_all, lang), w.rows.empty() ? std::function<void()>() : std::function<void()>([&w] { w.confirm_clear = true; }));
    remember_rect(d, "clearAll");

    ImGui::Separator();
    if (w.rows.empty()) {
        text_wrapped(tr(Str::empty_workspace, lang));
    } else {
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                                      ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("loaded_files", 4, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(tr(Str::col_file, lang), ImGuiTableColumnFlags_WidthStretch, 3.0f);
            ImGui::TableSetupColumn(tr(Str::col_file_status, lang), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn(tr(Str::col_problem_count, lang), ImGuiTableColumnFlags_WidthStretch, 0.7f);
            ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, button_width(tr(Str::files_remove, lang)));
            ImGui::TableHeadersRow();
            touch_scroll();
            ImGuiListClipper clipper;
            clipper.Begin(int(w.rows.size()));
            while (clipper.Step()) {
                for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                    const FileRow& row = w.rows[size_t(i)];
                    ImGui::TableNextRow();
                    ImGui::PushID(i);
                    ImGui::TableSetColumnIndex(0);
                    ImGui::TextUnformatted(row.name.c_str());
                    ImGui::TableSetColumnIndex(1);
                    ImGui::TextUnformatted(status_text(row.status, lang));
                    ImGui::TableSetColumnIndex(2);
                    text_right(format("%d", row.problems));
                    ImGui::TableSetColumnIndex(3);
                    if (ImGui::SmallButton(tr(Str::files_remove, lang))) w.confirm_remove = row.name;
                    if (i == 0) remember_rect(d, "firstRemove");
                    ImGui::PopID();
                }
            }
            ImGui::EndTable();
        }
    }

    bool removing = !w.confirm_remove.empty();
    const std::string remove_question =
        format(tr(Str::files_remove_question, lang),
               w.confirm_remove.c_str());
    if (confirm_modal(d, std::string(tr(Str::files_remove_title, lang)) + "###confirm_remove", remove_question, removing)) {
        if (w.remove) w.remove(w.confirm_remove);
    }
    if (!removing) w.confirm_remove.clear();
    const std::string clear_question = format(tr(Str::files_clear_question, lang),
                                              int(w.rows.size()));
    if (confirm_modal(d, std::string(tr(Str::files_clear_title, lang)) + "###confirm_clear", clear_question, w.confirm_clear)) {
        if (w.clear_all) w.clear_all();
    }
    ImGui::End();
}

}  // namespace it2::ui

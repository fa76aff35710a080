// 数据问题: every problem with file, line:column, pointer and message, filtered by severity and
// file; a click on a teacher-level problem opens that teacher.
#include <algorithm>

#include "panels.h"
#include "widgets.h"

namespace it2::ui {

namespace {

Str severity_label(Severity s) {
    switch (s) {
        case Severity::error: return Str::severity_error;
        case Severity::record: return Str::severity_record;
        case Severity::warning: return Str::severity_warning;
    }
    return Str::severity_warning;
}

ImU32 severity_colour(Severity s) { return im_colour(vocab::severity_colour(s)); }

void files_list(const Dashboard& d) {
    const Lang lang = d.lang;
    if (d.workspace.files.empty()) return;
    if (!ImGui::CollapsingHeader(format(tr(Str::fmt_files_heading, lang), int(d.workspace.files.size())).c_str())) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_ScrollY;
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const float height = row_h * float(std::min<size_t>(d.workspace.files.size(), 8) + 1) + 6;
    if (!ImGui::BeginTable("files", 3, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(Str::col_file, lang), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(tr(Str::col_file_status, lang), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr(Str::col_problem_count, lang), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableHeadersRow();
    touch_scroll();
    ImGuiListClipper clipper;
    clipper.Begin(int(d.workspace.files.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const FileEntry& f = d.workspace.files[size_t(i)];
            FileStatus status = size_t(i) < d.merged.file_status.size() ? d.merged.file_status[size_t(i)] : f.status;
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(f.name.c_str());
            ImGui::TableSetColumnIndex(1);
            Str label = status == FileStatus::loaded    ? Str::file_loaded
                        : status == FileStatus::partial ? Str::file_partial
                        : status == FileStatus::replaced ? Str::file_replaced
                                                         : Str::file_rejected;
            ImGui::TextUnformatted(tr(label, lang));
            ImGui::TableSetColumnIndex(2);
            text_right(format("%d", d.problem_counts.of_file(f.name)));
        }
    }
    ImGui::EndTable();
}

}  // namespace

void draw_problems_view(Dashboard& d) {
    const Lang lang = d.lang;
    files_list(d);
    if (d.problem_count() == 0) {
        text_wrapped(tr(d.workspace.files.empty() ? Str::empty_workspace : Str::no_problems, lang));
        return;
    }
    bool changed = false;
    const float combo_w = ImGui::GetFontSize() * 8;
    ImGui::SetNextItemWidth(combo_w);
    const char* sev_preview = d.problem_severity < 0 ? tr(Str::all_severities, lang) : tr(severity_label(Severity(d.problem_severity)), lang);
    if (ImGui::BeginCombo("##severity", sev_preview)) {
        push_touch_list();
        if (ImGui::Selectable(tr(Str::all_severities, lang), d.problem_severity < 0)) {
            d.problem_severity = -1;
            changed = true;
        }
        for (int s = 0; s < 3; ++s) {
            if (ImGui::Selectable(tr(severity_label(Severity(s)), lang), d.problem_severity == s)) {
                d.problem_severity = s;
                changed = true;
            }
        }
        pop_touch_list();
        ImGui::EndCombo();
    }
    const float file_w = narrow() ? ImGui::GetContentRegionAvail().x : ImGui::GetFontSize() * 16;
    flow(file_w);
    ImGui::SetNextItemWidth(file_w);
    if (ImGui::BeginCombo("##file", d.problem_file.empty() ? tr(Str::all_files, lang) : d.problem_file.c_str(), ImGuiComboFlags_HeightLarge)) {
        push_touch_list();
        if (ImGui::Selectable(tr(Str::all_files, lang), d.problem_file.empty())) {
            d.problem_file.clear();
            changed = true;
        }
        for (const std::string& f : d.problem_files) {
            if (ImGui::Selectable(f.c_str(), d.problem_file == f)) {
                d.problem_file = f;
                changed = true;
            }
        }
        pop_touch_list();
        ImGui::EndCombo();
    }
    if (changed) d.problem_filter_changed();
    const std::string shown = format(tr(Str::fmt_rows_shown, lang), int(d.problem_rows.size()), d.problem_count());
    flow(ImGui::CalcTextSize(shown.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(shown.c_str());

    const bool compact = narrow();
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const float height = std::max(ImGui::GetContentRegionAvail().y - 4, row_h * 9);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(compact ? "problems_narrow" : "problems", compact ? 2 : 5, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(Str::col_severity, lang), ImGuiTableColumnFlags_WidthStretch, compact ? 0.9f : 0.7f);
    if (!compact) {
        ImGui::TableSetupColumn(tr(Str::col_file, lang), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn(tr(Str::col_line_column, lang), ImGuiTableColumnFlags_WidthStretch, 0.6f);
        ImGui::TableSetupColumn(tr(Str::col_pointer, lang), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    }
    ImGui::TableSetupColumn(tr(Str::col_message, lang), ImGuiTableColumnFlags_WidthStretch, compact ? 3.0f : 4.0f);
    ImGui::TableHeadersRow();
    touch_scroll();
    std::string open_id;
    // The message wraps (rows of different heights, so no clipper) unless the list is long
    // enough that drawing every row would cost frames; then one line each, the rest in a tooltip.
    const bool wrap = d.problem_rows.size() <= 2000;
    bool first_teacher_problem_seen = false;
    auto draw_row = [&](int r) {
        const Problem& p = d.problem(d.problem_rows[size_t(r)]);
        ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
        ImGui::PushID(r);
        ImGui::TableSetColumnIndex(0);
        const bool opens_teacher = !p.teacher_id.empty() && d.teacher(p.teacher_id);
        if (opens_teacher) {
            if (row_selectable("##open")) open_id = p.teacher_id;
            if (!first_teacher_problem_seen) remember_rect(d, "firstTeacherProblem");
            first_teacher_problem_seen = true;
            tooltip_wrapped(tr(Str::problem_opens_teacher, lang));
            ImGui::SameLine(0, 0);
        }
        chip(tr(severity_label(p.severity), lang), severity_colour(p.severity), colour::white);
        int col = 1;
        if (!compact) {
            auto cell = [wrap](const std::string& text) {
                if (wrap) text_wrapped(text);
                else ImGui::TextUnformatted(text.c_str());
            };
            ImGui::TableSetColumnIndex(col++);
            cell(p.file);
            ImGui::TableSetColumnIndex(col++);
            if (p.line > 0) ImGui::Text("%d:%d", p.line, p.column);
            ImGui::TableSetColumnIndex(col++);
            cell(p.pointer);
        }
        ImGui::TableSetColumnIndex(col);
        const std::string& message = p.message(lang);
        if (wrap && !compact) {
            text_wrapped(message);
        } else if (wrap) {
            text_wrapped(message);
            ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
            text_wrapped(p.line > 0 ? format("%s %d:%d %s", p.file.c_str(), p.line, p.column, p.pointer.c_str())
                                    : format("%s %s", p.file.c_str(), p.pointer.c_str()));
            ImGui::PopStyleColor();
        } else {
            ImGui::TextUnformatted(message.c_str());
            if (opens_teacher) {
                // Underlined like a link: the row opens the teacher.
                const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y - 1), ImVec2(b.x, b.y - 1), colour::text_weak);
            }
            const std::string full = compact ? format("%s %d:%d %s\n%s", p.file.c_str(), p.line, p.column, p.pointer.c_str(), message.c_str())
                                             : message;
            tooltip_wrapped(full.c_str());
        }
        ImGui::PopID();
    };
    if (wrap) {
        for (int r = 0; r < int(d.problem_rows.size()); ++r) draw_row(r);
    } else {
        ImGuiListClipper clipper;
        clipper.Begin(int(d.problem_rows.size()), row_h);
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) draw_row(r);
        }
    }
    ImGui::EndTable();
    if (!open_id.empty()) d.open_teacher(open_id);
}

}  // namespace it2::ui

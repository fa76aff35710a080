// The page: top bar, view buttons and the current view, filling the whole display.
#include <chrono>

#include "glyph_count.h"
#include "panels.h"
#include "widgets.h"

namespace it2::ui {

namespace {
void draw_view(Dashboard& d) {
    switch (d.view) {
        case View::district: draw_district_view(d); break;
        case View::school: draw_school_view(d); break;
        case View::teacher: draw_teacher_view(d); break;
        case View::capability: draw_capability_view(d); break;
        case View::problems: draw_problems_view(d); break;
        case View::rules: draw_rules_view(d); break;
        case View::help: draw_help_view(d); break;
    }
}
}  // namespace

void draw_dashboard(Dashboard& d) {
    const auto started = std::chrono::steady_clock::now();
    ++d.frames;
    if (!d.theme_applied) {
        apply_light_theme();
        d.theme_applied = true;
    }
    ImGui::GetStyle().FontScaleMain = d.text_scale;
    // A frame spends at most about this long on a refresh; a province's takes a few frames.
    constexpr double kRefreshBudgetMs = 25;
    if (!d.loading_burst()) d.refresh_for(kRefreshBudgetMs);
    if (d.glyphs_dirty && !d.loading_burst() && !d.refreshing()) {
        d.glyphs_dirty = false;
        d.missing_glyphs = count_missing_glyphs(d);
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, narrow() ? ImVec2(6, 6) : ImVec2(12, 8));
    ImGui::Begin("##it2", nullptr, flags);
    ImGui::PopStyleVar();
    draw_top_bar(d);
    draw_nav(d);

    ImGui::BeginChild("##view", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NoBackground);
    if (d.view != d.drawn_view) {
        ImGui::SetScrollY(0);
        d.drawn_view = d.view;
    }
    touch_scroll();
    if (d.refreshing()) {
        ImGui::Spacing();
        ImGui::TextUnformatted(format(tr(Str::computing, d.lang), int(d.merged.teachers.size())).c_str());
    } else {
        draw_view(d);
    }
    d.view_scroll = ImGui::GetScrollY();
    ImGui::EndChild();
    ImGui::End();
    d.last_draw_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace it2::ui

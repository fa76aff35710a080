// The page: top bar, view buttons and the current view, filling the whole display.
#include <algorithm>

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
    // Phones: every button, field and tab at least 40 px tall (a fingertip), at any text size.
    const bool phone = narrow();
    auto push_touch_padding = [&] {
        const float pad_y = std::max(ImGui::GetStyle().FramePadding.y, (kTouchTarget - ImGui::GetFontSize()) * 0.5f);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, pad_y));
    };
    // The bar and the view buttons keep the base text size: A−/A+ change the views only, so
    // nothing in the bar moves under a second tap.
    ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase / std::max(0.1f, d.text_scale));
    if (phone) {
        push_touch_padding();
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6, 4));
    }
    draw_top_bar(d);
    draw_nav(d);
    if (phone) ImGui::PopStyleVar(2);
    ImGui::PopFont();
    if (phone) push_touch_padding();
    remember_rect("view", ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail());  // where the view starts (the bar's height)

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
    if (phone) ImGui::PopStyleVar();
    ImGui::End();
}

}  // namespace it2::ui

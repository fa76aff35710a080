// 帮助: how to prepare the files, what each rate means, how the score is made, what each
// colour means.
#include <algorithm>

#include "panels.h"
#include "widgets.h"

namespace it2::ui {

void draw_help_view(Dashboard& d) {
    const Lang lang = d.lang;
    const float wrap = narrow() ? 0.0f : ImGui::GetFontSize() * 46;
    auto paragraph = [&](Str s) { text_wrapped(tr(s, lang), wrap > 0 ? std::min(wrap, ImGui::GetContentRegionAvail().x) : 0.0f); };
    ImGui::SeparatorText(tr(Str::help_start_heading, lang));
    paragraph(Str::help_start);
    ImGui::SeparatorText(tr(Str::help_files_heading, lang));
    paragraph(Str::help_files);
    ImGui::SeparatorText(tr(Str::help_excel_heading, lang));
    paragraph(Str::help_excel);
    paragraph(Str::school_page_help);  // 导出本校页面
    ImGui::SeparatorText(tr(Str::help_rates_heading, lang));
    paragraph(Str::help_rates);
    ImGui::SeparatorText(tr(Str::help_status_heading, lang));
    paragraph(Str::help_status);
    ImGui::SeparatorText(tr(Str::help_score_heading, lang));
    paragraph(Str::help_score);
    ImGui::SeparatorText(tr(Str::help_forecast_heading, lang));
    paragraph(Str::help_forecast);
    ImGui::SeparatorText(tr(Str::help_colours_heading, lang));
    for (TeacherStatus s : vocab::kStatusDrawOrder) legend_item(status_colour(s), tr(status_label(s), lang));
    legend_item(colour::at_risk, tr(Str::help_colour_at_risk, lang));
    legend_item(colour::neutral, tr(Str::help_colour_neutral, lang));
    ImGui::SeparatorText(tr(Str::help_privacy_heading, lang));
    paragraph(Str::help_privacy);
}

}  // namespace it2::ui

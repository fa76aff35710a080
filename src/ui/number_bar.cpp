#include "number_bar.h"

#include <algorithm>

#include "widgets.h"

namespace it2::ui {

void stacked_number_bar(std::initializer_list<std::pair<float, ImU32>> parts, const char* label, float label_room) {
    const float gap = ImGui::GetStyle().ItemInnerSpacing.x;
    const float text_w = ImGui::CalcTextSize(label).x;
    const float room = std::max(label_room, text_w);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = std::max(8.0f, avail - room - gap);
    const float height = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float inset = height * 0.15f;  // a little thinner than the text beside it
    dl->AddRectFilled(ImVec2(p.x, p.y + inset), ImVec2(p.x + width, p.y + height - inset), colour::track, 3);
    float x = p.x;
    for (const auto& [fraction, fill] : parts) {
        const float w = width * std::clamp(fraction, 0.0f, 1.0f);
        if (w <= 0) continue;
        const float right = std::min(p.x + width, x + w);
        dl->AddRectFilled(ImVec2(x, p.y + inset), ImVec2(right, p.y + height - inset), fill, 3);
        x = right;
    }
    // The label right-aligned in its room, outside the bar.
    dl->AddText(ImVec2(p.x + width + gap + room - text_w, p.y), colour::text, label);
    ImGui::Dummy(ImVec2(width + gap + room, height));
    note_drawn(label);
}

void number_bar(float fraction, ImU32 fill, const char* label, float label_room) {
    stacked_number_bar({{fraction, fill}}, label, label_room);
}

}  // namespace it2::ui

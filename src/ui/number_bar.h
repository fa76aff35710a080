// Bars whose number never crosses the fill's edge (issue 12): the number stands to the right of
// the bar, in a space of its own, so it reads the same however far the fill reaches.
#pragma once

#include <imgui.h>

#include <initializer_list>
#include <utility>

namespace it2::ui {

// A bar of `fraction` (0..1) filled with `fill`, then `label` after it. `label_room` is the width
// kept for labels in this column (0: this label's own width), so bars of one column line up.
void number_bar(float fraction, ImU32 fill, const char* label, float label_room = 0);
// The same with several fills one after another (fraction, colour), e.g. passed then failed.
void stacked_number_bar(std::initializer_list<std::pair<float, ImU32>> parts, const char* label, float label_room = 0);

}  // namespace it2::ui

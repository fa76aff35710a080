// How many characters of the UI strings and the loaded data the font cannot draw (it2.state()
// reports it as missingGlyphs). Needs a live ImGui context (or Dashboard::actions.can_render).
#pragma once

#include "dashboard.h"

namespace it2::ui {

int count_missing_glyphs(const Dashboard& d);

}  // namespace it2::ui

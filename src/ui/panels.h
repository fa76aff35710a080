// The dashboard's panels, one file each. Every panel draws from the Dashboard and changes it
// only through its methods.
#pragma once

#include <string>
#include <vector>

#include "dashboard.h"

namespace it2::ui {

void draw_top_bar(Dashboard& d);          // top_bar.cpp
void draw_nav(Dashboard& d);              // top_bar.cpp
void draw_district_view(Dashboard& d);    // district_view.cpp
void draw_school_view(Dashboard& d);      // school_view.cpp
void draw_teacher_view(Dashboard& d);     // teacher_view.cpp
void draw_capability_view(Dashboard& d);  // capability_view.cpp
void draw_problems_view(Dashboard& d);    // problems_view.cpp
void draw_rules_view(Dashboard& d);       // rules_view.cpp
void draw_help_view(Dashboard& d);        // help_view.cpp

// The rules that differ from the defaults, one line each ("label：value（默认 x）"); empty when
// none does. And the chip every view shows while some do (`compact`: its short label): a click
// lists them.
std::vector<std::string> rule_differences(const Policy& policy, Lang lang);  // rules_view.cpp
void draw_rules_chip(Dashboard& d, bool compact);                            // rules_view.cpp

// The whole page: top bar, navigation and the current view, filling the display.
void draw_dashboard(Dashboard& d);  // dashboard_frame.cpp

}  // namespace it2::ui

// The page probe: what the browser tests read through it2.state() (the view and its scope,
// filters and sort, the numbers the cards show with their text, row counts, where widgets were
// drawn, counters of rebuilds and the refresh's steps). Kept out of the Dashboard, which only
// draws; the page's C exports call it.
#pragma once

#include <string>

#include "dashboard.h"

namespace it2 {

// JSON for it2.state(); builds the school view's rows first when their count is reported.
std::string page_state_json(ui::Dashboard& d);

}  // namespace it2

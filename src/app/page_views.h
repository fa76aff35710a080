// The page's names of the views ("district", "school", …): it2.view(name, arg), the state
// it2.state() reports, and the layout a workspace file keeps.
#pragma once

#include <string>
#include <string_view>

#include "dashboard.h"

namespace it2 {

const char* view_key(ui::View v);
bool view_from_key(std::string_view key, ui::View& out);  // "levels" is the capability view too
// Opens the view `name` with its scope `arg` (a school id, a teacher id, a school or batch id
// for the capability view; "" = the district or the teacher open last). False when either is unknown.
bool open_view(ui::Dashboard& d, const std::string& name, const std::string& arg);

}  // namespace it2

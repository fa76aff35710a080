// `it2 school-page`: a principal's own offline page (导出本校页面) from the command line, for a
// trainer writing twenty of them at once. `args` are the words after the command name.
#pragma once

#include <string>
#include <vector>

namespace it2 {

int run_school_page(const std::vector<std::string>& args);

}  // namespace it2

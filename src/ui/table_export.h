// A dashboard table as rows of text, exactly as shown (the view's filters and sort applied), for
// the CSV export (导出) and it2.exportCsv(). The columns are those of 复制表格.
#pragma once

#include <string>
#include <vector>

#include "dashboard.h"

namespace it2::ui {

struct TableText {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

// `table`: "schools" (district table), "teachers" (school view table), "problems" (data
// problems view). Returns false for an unknown name. Brings the dashboard up to date first.
bool table_text(Dashboard& d, const std::string& table, TableText& out);

// 复制表格: `table` as tab-separated text on the clipboard (pastes into Excel), with a notice.
void copy_table_tsv(Dashboard& d, const char* table);

// The table the current view shows ("schools" for the district, "problems" for the problems
// view, "teachers" otherwise).
const char* current_table(const Dashboard& d);

}  // namespace it2::ui

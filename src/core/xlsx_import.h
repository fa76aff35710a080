// The platform import from an Excel workbook (docs/csv-import.md, "Excel"): the first sheet
// whose first non-blank row holds the 教师编号 header is read with the CSV import's mapping
// (load_csv_records); its problems name the sheet, row and column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "load_batch.h"
#include "workspace.h"

namespace it2 {

// An .xlsx or .xls by its bytes (xlsx_read.h: workbook_kind); a misnamed file counts by content.
bool looks_like_workbook(std::string_view file_name, std::string_view bytes);

// As load_csv: one BatchLoad per (学校编号, 批次), or exactly one rejected load saying why
// (the workbook cannot be read, or no sheet has the header: which sheets were tried).
std::vector<BatchLoad> load_workbook(std::string_view file_name, std::string_view bytes);

// The rows of one school (by 学校编号) from the sheet the import reads, as a UTF-8 CSV with
// the same header (csv_rows_of_school's form); "" when none. Used by 导出本校.
std::string workbook_rows_of_school(std::string_view file_name, std::string_view bytes, std::string_view school_id);

// As csv_file_entries: what Workspace::add appends for a workbook.
std::vector<FileEntry> workbook_file_entries(std::string_view file_name, std::string_view bytes);

}  // namespace it2

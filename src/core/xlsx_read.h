// Workbooks as rows of text (docs/csv-import.md, "Excel"): an .xlsx (zip + XML, read with zlib
// and expat) or a legacy .xls (BIFF, read with FreeXL) becomes, per sheet, the same records the
// CSV import consumes, so the column mapping is the CSV import's own (load_csv_records).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "csv_import.h"

namespace it2 {

enum class WorkbookKind : unsigned char { none, xlsx, xls };

// By signature: a zip holding xl/workbook.xml is .xlsx; an OLE2 compound file (D0 CF 11 E0) or
// a BIFF2–4 stream whose name ends in .xls is .xls. The name alone never decides.
WorkbookKind workbook_kind(std::string_view file_name, std::string_view bytes);

struct WorkbookSheet {
    std::string name;
    // Non-blank rows in sheet order; CsvRecord::number and ::line are the sheet's row number
    // (1 = the first row), fields[0] is column A. Numbers are written as text the way a CSV
    // export writes them (28.5, 50011000123); booleans TRUE/FALSE; errors as shown (#N/A).
    std::vector<CsvRecord> rows;
};

struct WorkbookRead {
    std::vector<WorkbookSheet> sheets;  // in the workbook's order
    std::string error_zh, error_en;     // non-empty: the workbook could not be read at all
    bool ok() const { return error_zh.empty(); }
};

// Limits that keep a hostile workbook (a zip bomb, a sheet of a million empty columns) from
// exhausting memory: beyond them the workbook is refused with a message saying which limit.
struct WorkbookLimits {
    size_t max_part_bytes = size_t(256) << 20;   // one XML part, uncompressed
    size_t max_total_bytes = size_t(512) << 20;  // every part read, uncompressed
    size_t max_ratio = 200;                      // uncompressed/compressed, for parts over 1 MB
    size_t max_columns = 1024;                   // cells to the right of this are refused
    size_t max_cells = size_t(16) << 20;         // fields kept, blanks included
};

// A read that failed, saying why; and the message of the cell limit (both readers use them).
WorkbookRead workbook_failure(std::string zh, std::string en);
WorkbookRead too_many_cells(const WorkbookLimits& limits);

WorkbookRead read_xlsx(std::string_view bytes, const WorkbookLimits& limits = {});
WorkbookRead read_xls(std::string_view bytes, const WorkbookLimits& limits = {});

// A number cell as text: integers without a decimal point (up to 15 digits), others with up to
// 15 significant digits ("28.5", "0.1").
std::string workbook_number_text(double value);

}  // namespace it2

// The Excel export (docs/csv-import.md, "Excel"): one .xlsx workbook with a 说明 sheet (the data
// date and the rules used), then the schools, teachers and problems tables, one sheet each.
// Chinese headers from the vocabulary, a frozen header row, column widths fitted to the text,
// rates as numbers with a percent format, and the CSV export's formula guard on every text
// cell. Written with libxlsxwriter (Debian's sources, cmake/excel.cmake).
#pragma once

#include <string>
#include <vector>

#include "metrics.h"
#include "policy.h"

namespace it2 {

enum class XlsxKind : unsigned char { text, number, percent };

struct XlsxCell {
    XlsxKind kind = XlsxKind::text;
    std::string text;  // text cells (guarded and made visible when written)
    double number = 0;
    bool blank = false;  // a number or percent with no value (a rate with no teachers)
};

struct XlsxSheet {
    std::string name;  // at most 31 characters, none of []:*?/\ (Excel's rules)
    std::vector<std::string> header;
    std::vector<std::vector<XlsxCell>> rows;
    bool freeze_header = true;
};

// The workbook's bytes; "" with `error` set when libxlsxwriter fails (a full temp folder, …).
std::string xlsx_write(const std::vector<XlsxSheet>& sheets, std::string& error);

// The sheets of the export: 说明, 学校, 教师 (the columns of `it2 summarize --csv`), 问题.
std::vector<XlsxSheet> xlsx_summary_sheets(const Summary& summary, const Policy& policy, Lang lang);

// Both at once: what `it2 export --xlsx` and the page's 导出 Excel write.
std::string xlsx_summary_workbook(const Summary& summary, const Policy& policy, Lang lang, std::string& error);

}  // namespace it2

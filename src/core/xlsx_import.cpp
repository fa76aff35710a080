#include "xlsx_import.h"

#include <string>

#include "code_layout.h"
#include "csv_import.h"
#include "export.h"
#include "xlsx_read.h"

namespace it2 {

namespace {

bool is_header_row(const CsvRecord& row) {
    for (const std::string& cell : row.fields) {
        size_t a = cell.find_first_not_of(" \t\r\n"), b = cell.find_last_not_of(" \t\r\n");
        if (a == std::string::npos) continue;
        std::string name = cell.substr(a, b - a + 1);
        for (char& c : name)
            if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (name == CsvColumns::teacher_id || name == "teacher_id") return true;
    }
    return false;
}

std::vector<BatchLoad> rejected(std::string_view file_name, std::string zh, std::string en) {
    BatchLoad load;
    load.status = FileStatus::rejected;
    Problem p;
    p.file = std::string(file_name);
    p.severity = Severity::error;
    p.message_zh = std::move(zh);
    p.message_en = std::move(en);
    load.problems.push_back(std::move(p));
    std::vector<BatchLoad> out;
    out.push_back(std::move(load));
    return out;
}

// The sheet the import reads: the first whose first row is the header; null when none.
const WorkbookSheet* header_sheet(const WorkbookRead& book) {
    for (const WorkbookSheet& sheet : book.sheets)
        if (!sheet.rows.empty() && is_header_row(sheet.rows.front())) return &sheet;
    return nullptr;
}

WorkbookRead read_workbook(std::string_view file_name, std::string_view bytes) {
    const WorkbookKind kind = workbook_kind(file_name, bytes);
    if (kind == WorkbookKind::none)
        return workbook_failure("不是 Excel 工作簿（.xlsx 或 .xls）", "not an Excel workbook (.xlsx or .xls)");
    return kind == WorkbookKind::xlsx ? read_xlsx(bytes) : read_xls(bytes);
}

}  // namespace

bool looks_like_workbook(std::string_view file_name, std::string_view bytes) {
    return workbook_kind(file_name, bytes) != WorkbookKind::none;
}

// Puts `label` before the first `row` in `message` (the place CSV problems give), else in front.
static void sheet_before_row(std::string& message, const std::string& row, const std::string& label) {
    const size_t at = message.find(row);
    message.insert(at == std::string::npos ? 0 : at, label);
}

std::vector<BatchLoad> load_workbook(std::string_view file_name, std::string_view bytes) {
    WorkbookRead book = read_workbook(file_name, bytes);
    if (!book.ok()) return rejected(file_name, book.error_zh, book.error_en);
    if (const WorkbookSheet* found = header_sheet(book)) {
        const WorkbookSheet& sheet = *found;
        std::vector<BatchLoad> loads = load_csv_records(file_name, sheet.rows);
        // Every problem says which sheet; pointers gain the sheet (/sheets/NAME/rows/N/列).
        for (BatchLoad& load : loads)
            for (Problem& p : load.problems) {
                // The sheet goes just before the row ("…，工作表「名单」第 3 行（教师 …）"), or first.
                sheet_before_row(p.message_zh, "第 " + std::to_string(p.line) + " 行", "工作表「" + sheet.name + "」");
                sheet_before_row(p.message_en, "row " + std::to_string(p.line), "sheet " + sheet.name + ", ");
                if (!p.pointer.empty()) {
                    std::string escaped;
                    for (char c : sheet.name) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
                    p.pointer = "/sheets/" + escaped + p.pointer;
                }
            }
        return loads;
    }
    std::string tried_zh, tried_en;
    for (const WorkbookSheet& sheet : book.sheets) {
        const CsvRecord* first = sheet.rows.empty() ? nullptr : &sheet.rows.front();
        tried_zh += (tried_zh.empty() ? "" : "、") + ("「" + sheet.name + "」") +
                    (first ? "（第 " + std::to_string(first->number) + " 行不是表头）" : "（空）");
        tried_en += (tried_en.empty() ? "" : ", ") + sheet.name +
                    (first ? " (row " + std::to_string(first->number) + " is not the header)" : " (empty)");
    }
    return rejected(file_name, "没有一个工作表的第一行是含「教师编号」的表头；试过：" + tried_zh,
                    "no sheet starts with a header holding 教师编号 (teacher_id); tried: " + tried_en);
}

IT2_COLD std::vector<FileEntry> workbook_file_entries(std::string_view file_name, std::string_view bytes) {
    return file_entries_of_loads(file_name, load_workbook(file_name, bytes));
}

std::string workbook_rows_of_school(std::string_view file_name, std::string_view bytes, std::string_view school_id) {
    WorkbookRead book = read_workbook(file_name, bytes);
    const WorkbookSheet* sheet = book.ok() ? header_sheet(book) : nullptr;
    if (!sheet) return {};
    // The sheet as CSV text, then csv_rows_of_school: one rule for which rows are the school's.
    const std::vector<std::string>& header = sheet->rows.front().fields;
    std::vector<std::vector<std::string>> rows;
    for (size_t r = 1; r < sheet->rows.size(); ++r) rows.push_back(sheet->rows[r].fields);
    return csv_rows_of_school(csv_export_raw(header, rows), school_id);
}

}  // namespace it2

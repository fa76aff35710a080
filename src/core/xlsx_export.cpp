#include "xlsx_export.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "catalog.h"
#include "export.h"
#include "summary_json.h"
#include "vocabulary.h"

namespace it2 {

namespace {

// The workbook's own words (sheet names, the 说明 sheet); column words come from the vocabulary.
struct Words {
    const char *sheet_about, *sheet_schools, *sheet_teachers, *sheet_problems;
    const char *title, *as_of, *schools, *teachers, *problems, *rules, *online_min, *practice_min, *total_min,
        *min_passed, *min_dimensions, *required, *min_excellent, *activities, *excellence_target, *at_risk_days,
        *weights, *none, *note_numbers, *note_guard;
    const char *col_file, *col_severity, *col_line, *col_column, *col_pointer, *col_message;
};

constexpr Words kZh = {
    "说明", "学校", "教师", "问题",
    "提升工程2.0 进度看板 · 导出", "数据日期", "学校数", "教师数", "问题数", "统计所用的规则",
    "在线学时至少", "实践学时至少", "总学时至少", "合格能力点至少", "覆盖维度至少", "必须合格的能力点",
    "优秀所需的优秀能力点", "每批次校本研修活动（次）", "优秀率目标", "临期提醒（截止前天数）",
    "推进得分权重（组织与方案、校本研修活动、参训与学时、合格率、优秀率）", "无",
    "百分比列是数值（设置了百分比格式），可以排序、求和。",
    "以 = + - @ 开头的文字前加了英文单引号 '，防止 Excel 把它当作公式执行（与 CSV 导出相同）。",
    "文件", "级别", "行", "列", "位置", "问题"};
constexpr Words kEn = {
    "About", "Schools", "Teachers", "Problems",
    "IT2 Tracker export", "Data as of", "Schools", "Teachers", "Problems", "Rules used",
    "Online hours at least", "Practice hours at least", "Total hours at least", "Passed points at least",
    "Dimensions covered at least", "Points that must pass", "Excellent points for 优秀",
    "School activities per batch", "Excellence rate target", "At risk: days before the end",
    "Score weights (organisation, activities, participation × hours, pass, excellence)", "none",
    "Percent columns are numbers with a percent format: they sort and sum.",
    "Text starting with = + - @ has a leading ' so that Excel does not run it as a formula (as in the CSV export).",
    "File", "Severity", "Line", "Column", "Pointer", "Message"};

XlsxCell text(std::string s) {
    XlsxCell c;
    c.text = std::move(s);
    return c;
}
XlsxCell number(double v) {
    XlsxCell c;
    c.kind = XlsxKind::number;
    c.number = v;
    return c;
}
XlsxCell blank() {  // a number cell with no value
    XlsxCell c;
    c.kind = XlsxKind::number;
    c.blank = true;
    return c;
}
XlsxCell rate(const std::optional<double>& r) {
    XlsxCell c;
    c.kind = XlsxKind::percent;
    c.blank = !r;
    c.number = r.value_or(0);
    return c;
}

// Excel's column width unit is about one Latin character; a Chinese character takes two.
double fitted_width(const XlsxSheet& sheet, size_t column) {
    size_t widest = column < sheet.header.size() ? display_width(sheet.header[column]) : 0;
    for (const auto& row : sheet.rows) {
        if (column >= row.size()) continue;
        const XlsxCell& c = row[column];
        size_t w = c.kind == XlsxKind::text ? display_width(c.text) : 10;
        widest = std::max(widest, w);
    }
    return double(std::min<size_t>(std::max<size_t>(widest, 4), 80)) + 2;
}

constexpr size_t kMaxCellText = 32767;  // Excel's limit for one cell

std::string cell_text(const std::string& s) {
    std::string out = csv_neutralise(visible_controls(s, true));
    if (out.size() > kMaxCellText) {
        size_t cut = kMaxCellText;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // whole characters
        out.resize(cut);
    }
    return out;
}

}  // namespace

std::string xlsx_write(const std::vector<XlsxSheet>& sheets, std::string& error) {
    error.clear();
    // libxlsxwriter writes a file: a private temporary one (the page's is in its memory file system).
    const char* tmp = std::getenv("TMPDIR");
    std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/it2-export-XXXXXX";
    const int fd = mkstemp(path.data());
    if (fd < 0) {
        error = "cannot create a temporary file in " + std::string(tmp && *tmp ? tmp : "/tmp");
        return {};
    }
    close(fd);
    lxw_workbook_options options = {};
    options.constant_memory = LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    if (!wb) {
        std::remove(path.c_str());
        error = "libxlsxwriter could not start the workbook";
        return {};
    }
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bg_color(head, 0xE8ECEF);
    format_set_text_wrap(head);
    lxw_format* percent = workbook_add_format(wb);
    format_set_num_format(percent, "0.0%");
    lxw_format* plain = workbook_add_format(wb);
    format_set_num_format(plain, "General");
    for (const XlsxSheet& sheet : sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
        if (!ws) {
            workbook_close(wb);
            std::remove(path.c_str());
            error = "libxlsxwriter refused the sheet name " + sheet.name;
            return {};
        }
        for (size_t c = 0; c < sheet.header.size(); ++c)
            worksheet_write_string(ws, 0, lxw_col_t(c), cell_text(sheet.header[c]).c_str(), head);
        for (size_t r = 0; r < sheet.rows.size(); ++r) {
            const lxw_row_t row = lxw_row_t(r + (sheet.header.empty() ? 0 : 1));
            for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
                const XlsxCell& cell = sheet.rows[r][c];
                if (cell.kind == XlsxKind::text) {
                    if (!cell.text.empty()) worksheet_write_string(ws, row, lxw_col_t(c), cell_text(cell.text).c_str(), nullptr);
                } else if (!cell.blank) {
                    worksheet_write_number(ws, row, lxw_col_t(c), cell.number,
                                           cell.kind == XlsxKind::percent ? percent : plain);
                }
            }
        }
        size_t columns = sheet.header.size();
        for (const auto& row : sheet.rows) columns = std::max(columns, row.size());
        for (size_t c = 0; c < columns; ++c)
            worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), fitted_width(sheet, c), nullptr);
        if (sheet.freeze_header && !sheet.header.empty()) {
            worksheet_freeze_panes(ws, 1, 0);
            if (!sheet.rows.empty())
                worksheet_autofilter(ws, 0, 0, lxw_row_t(sheet.rows.size()), lxw_col_t(sheet.header.size() - 1));
        }
    }
    const lxw_error rc = workbook_close(wb);
    std::string bytes;
    if (rc == LXW_NO_ERROR) {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (bytes.empty()) error = "the workbook could not be read back from " + path;
    } else {
        error = std::string("libxlsxwriter: ") + lxw_strerror(rc);
    }
    std::remove(path.c_str());
    return bytes;
}

std::vector<XlsxSheet> xlsx_summary_sheets(const Summary& s, const Policy& policy, Lang lang) {
    const Words& w = lang == Lang::zh ? kZh : kEn;
    using vocab::Term;
    std::vector<XlsxSheet> sheets(4);

    // 说明: the data date and the rules the numbers were computed with.
    XlsxSheet& about = sheets[0];
    about.name = w.sheet_about;
    about.freeze_header = false;
    auto line = [&](const char* label, XlsxCell value) { about.rows.push_back({text(label), std::move(value)}); };
    about.rows.push_back({text(w.title)});
    line(w.as_of, text(s.as_of));
    line(w.schools, number(double(s.schools.size())));
    line(w.teachers, number(double(s.teachers.size())));
    line(w.problems, number(double(s.problems.size())));
    about.rows.push_back({});
    about.rows.push_back({text(w.rules)});
    line(w.online_min, number(policy.online_min));
    line(w.practice_min, number(policy.practice_min));
    line(w.total_min, number(policy.total_min));
    line(w.min_passed, number(policy.min_passed));
    line(w.min_dimensions, number(policy.min_dimensions));
    std::string required;
    for (int i : policy.required)
        if (i >= 0 && i < kPointCount) required += (required.empty() ? "" : ",") + std::string(catalog()[size_t(i)].code);
    line(w.required, text(required.empty() ? w.none : required));
    line(w.min_excellent, number(policy.min_excellent_points));
    line(w.activities, number(policy.activities_per_batch));
    XlsxCell target = rate(policy.excellence_target);
    line(w.excellence_target, target);
    line(w.at_risk_days, number(policy.at_risk_days));
    const ScoreWeights& sw = policy.weights;
    char weights[96];
    std::snprintf(weights, sizeof weights, "%g / %g / %g / %g / %g", sw.organisation, sw.activities,
                  sw.participation_hours, sw.pass, sw.excellence);
    line(w.weights, text(weights));
    about.rows.push_back({});
    about.rows.push_back({text(w.note_numbers)});
    about.rows.push_back({text(w.note_guard)});

    // 学校: the district table's columns (school_table_columns, export.h: the CSV export of the
    // page's table has the same), rates as numbers in a percent format.
    XlsxSheet& schools = sheets[1];
    schools.name = w.sheet_schools;
    const std::vector<SchoolTableColumn>& columns = school_table_columns();
    for (const SchoolTableColumn& c : columns) schools.header.push_back(vocab::term(c.term, lang));
    for (int i = 0; i <= int(s.schools.size()); ++i) {  // the schools, then the district
        const std::vector<SchoolTableCell> cells = school_table_row(s, i < int(s.schools.size()) ? i : -1, lang);
        std::vector<XlsxCell>& row = schools.rows.emplace_back();
        for (size_t c = 0; c < columns.size() && c < cells.size(); ++c) {
            const std::optional<double>& v = cells[c].value;
            switch (columns[c].kind) {
                case SchoolCellKind::text: row.push_back(text(cells[c].text)); break;
                case SchoolCellKind::percent: row.push_back(rate(v)); break;
                case SchoolCellKind::score: row.push_back(v ? number(std::round(*v * 10) / 10) : blank()); break;
                case SchoolCellKind::count: row.push_back(v ? number(*v) : blank()); break;
            }
        }
    }

    // 教师: exactly the rows of `it2 summarize --csv`; hours and counts as numbers.
    XlsxSheet& teachers = sheets[2];
    teachers.name = w.sheet_teachers;
    std::vector<std::vector<std::string>> rows;
    summary_teacher_rows(s, lang, teachers.header, rows);
    for (std::vector<std::string>& r : rows) {
        std::vector<XlsxCell> cells;
        for (size_t c = 0; c < r.size(); ++c) {
            // online, practice, passed points, excellent points, dimensions (summary_json.cpp kCsvColumns)
            const bool numeric = c >= 7 && c <= 11;
            char* end = nullptr;
            const double v = numeric ? std::strtod(r[c].c_str(), &end) : 0;
            cells.push_back(numeric && end && *end == '\0' && !r[c].empty() ? number(v) : text(std::move(r[c])));
        }
        teachers.rows.push_back(std::move(cells));
    }

    // 问题: every problem of the files and of the merge.
    XlsxSheet& problems = sheets[3];
    problems.name = w.sheet_problems;
    problems.header = {w.col_file, w.col_severity, w.col_line, w.col_column, w.col_pointer, w.col_message};
    for (const Problem& p : s.problems) {
        XlsxCell line_cell = number(p.line), column_cell = number(p.column);
        line_cell.blank = p.line <= 0;
        column_cell.blank = p.column <= 0;
        problems.rows.push_back({text(p.file), text(vocab::term(vocab::severity_term(p.severity), lang)), line_cell,
                                 column_cell, text(p.pointer), text(p.message(lang))});
    }
    return sheets;
}

std::string xlsx_summary_workbook(const Summary& summary, const Policy& policy, Lang lang, std::string& error) {
    return xlsx_write(xlsx_summary_sheets(summary, policy, lang), error);
}

}  // namespace it2

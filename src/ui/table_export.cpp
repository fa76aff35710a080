#include "table_export.h"

#include <imgui.h>

#include "export.h"
#include "summary_json.h"
#include "vocabulary.h"
#include "widgets.h"

namespace it2::ui {

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> cells(1);
    for (char c : line) {
        if (c == '\t') cells.emplace_back();
        else cells.back() += c;
    }
    return cells;
}

// The columns and cells of the core's schools table (export.h), shared with the workbook's 学校
// sheet, written as the screen writes them.
void school_rows(const Dashboard& d, TableText& out) {
    const Lang lang = d.lang;
    const std::vector<SchoolTableColumn>& columns = school_table_columns();
    for (const SchoolTableColumn& c : columns) out.header.push_back(vocab::term(c.term, lang));
    for (int i : d.school_rows) {
        const std::vector<SchoolTableCell> cells = school_table_row(d.summary, i, lang);
        std::vector<std::string>& row = out.rows.emplace_back();
        for (size_t c = 0; c < columns.size() && c < cells.size(); ++c) {
            const SchoolTableCell& cell = cells[c];
            switch (columns[c].kind) {
                case SchoolCellKind::text: row.push_back(cell.text); break;
                case SchoolCellKind::percent: row.push_back(format_rate(cell.value, lang)); break;
                case SchoolCellKind::score: row.push_back(cell.value ? format("%.1f", *cell.value) : tr(Str::no_value, lang)); break;
                case SchoolCellKind::count:
                    row.push_back(cell.value ? format("%d", int(*cell.value)) : tr(Str::no_value, lang));
                    break;
            }
        }
    }
}

void teacher_rows(const Dashboard& d, TableText& out) {
    const Lang lang = d.lang;
    out.header = split_tabs(tr(Str::tsv_teachers_header, lang));
    for (int i : d.teacher_rows) {
        const TeacherResult& t = d.summary.teachers[size_t(i)];
        const Teacher* rec = d.record(t);
        if (!rec) continue;
        const SchoolResult& s = d.summary.schools[size_t(t.school)];
        const char* flag = t.overdue ? tr(Str::flag_overdue, lang) : t.at_risk ? tr(Str::flag_at_risk, lang) : "";
        out.rows.push_back({rec->id.str(), rec->name.str(), s.name, std::string(t.batch), rec->subject.str(), format_number(t.online),
                            format_number(t.practice), format_number(t.online + t.practice), format("%d", t.passed_points),
                            tr(status_label(t.status), lang), flag, it2::missing_text(t, lang)});
    }
}

void problem_rows(const Dashboard& d, TableText& out) {
    const Lang lang = d.lang;
    out.header = {tr(Str::col_file, lang),   tr(Str::col_severity, lang), tr(Str::col_line, lang),
                  tr(Str::col_column, lang), tr(Str::col_pointer, lang),  tr(Str::col_message, lang)};
    for (int i : d.problem_rows) {
        const Problem& p = d.problem(i);
        out.rows.push_back({p.file, severity_key(p.severity), p.line > 0 ? format("%d", p.line) : "",
                            p.column > 0 ? format("%d", p.column) : "", p.pointer, p.message(lang)});
    }
}

}  // namespace

bool table_text(Dashboard& d, const std::string& table, TableText& out) {
    d.refresh();
    d.ensure_teacher_rows();
    out = TableText{};
    if (table == "schools") school_rows(d, out);
    else if (table == "teachers") teacher_rows(d, out);
    else if (table == "problems") problem_rows(d, out);
    else return false;
    return true;
}

void copy_table_tsv(Dashboard& d, const char* table) {
    TableText text;
    if (!table_text(d, table, text)) return;
    auto append_line = [](std::string& tsv, const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i) tsv += '\t';
            tsv += tsv_cell(cells[i]);
        }
        tsv += '\n';
    };
    std::string tsv;
    append_line(tsv, text.header);
    for (const auto& row : text.rows) append_line(tsv, row);
    ImGui::SetClipboardText(tsv.c_str());
    d.notice = format(tr(Str::fmt_copied_rows, d.lang), int(text.rows.size()));
}

const char* current_table(const Dashboard& d) {
    if (d.view == View::district) return "schools";
    if (d.view == View::problems) return "problems";
    return "teachers";
}

}  // namespace it2::ui

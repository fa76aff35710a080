// What leaves the product: CSV of a table (UTF-8 with BOM for Excel, guarded against formula
// injection) and the printable report (one self-contained HTML page).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.h"
#include "policy.h"
#include "vocabulary.h"
#include "workspace.h"

namespace it2 {

// Control characters made visible, one rule for every export and for terminal output: C0
// controls as their Control Pictures (U+0000 → ␀ U+2400, ESC → ␛ U+241B), DEL as ␡, C1 controls
// (U+0080–U+009F) as U+FFFD. Tab and line feed are kept when `keep_tab_and_newline` (inside a
// CSV cell or HTML text), replaced too when not (one terminal line per record). Nothing else
// changes, so text without control characters comes back as it was.
std::string visible_controls(std::string_view text, bool keep_tab_and_newline);

// A cell that starts with '=', '+', '-', '@', tab or carriage return gets a leading "'" so a
// spreadsheet shows it as text instead of running it (this includes negative numbers: "-3"
// becomes "'-3", as issue 5 asks). Every other cell is returned unchanged.
std::string csv_neutralise(std::string_view cell);

// One RFC 4180 field: quoted when it holds the delimiter, a quote, CR or LF (quotes doubled).
std::string csv_quote(std::string_view cell);

// UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting, every cell (header too)
// neutralised, control characters made visible. Rows shorter than the header are written as
// they are.
std::string csv_export(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// The same without neutralising: for data the product reads back itself (导出本校 of a CSV).
std::string csv_export_raw(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// Plain RFC 4180 for scripts (`it2 summarize --csv --raw`): no BOM, no neutralising; control
// characters still made visible.
std::string csv_export_plain(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// The district's schools table (区县总览) as one list of columns for everything that exports it:
// the page's CSV export and 复制表格 of the district table (ui/table_export.cpp) and the 学校
// sheet of the workbook (xlsx_export.h). The screen's columns in the screen's order, with the
// school id first and the status bars left out; the forecast columns included.
enum class SchoolCellKind : uint8_t { text, count, percent, score };
struct SchoolTableColumn {
    vocab::Term term;
    SchoolCellKind kind;
};
const std::vector<SchoolTableColumn>& school_table_columns();
// A cell: text cells carry `text`; the others `value` (none: no value, e.g. a rate with no
// teachers, or 预计未达标 of a school with no batch under way).
struct SchoolTableCell {
    std::string text;
    std::optional<double> value;
};
// The cells of one school (index into Summary::schools), or of the district row (school < 0).
std::vector<SchoolTableCell> school_table_row(const Summary& s, int school, Lang lang);

// & < > " ' as entities and control characters made visible: every piece of user data in the
// report goes through this.
std::string html_escape(std::string_view text);
// html_escape, then every character above U+007F as a numeric character reference ("&#x7efc;"):
// the page's title, which is ASCII as the rest of the page (scripts/bundle-page.py; web/page.js
// writes it again the same way).
std::string html_escape_ascii(std::string_view text);

// A self-contained printable report: rate cards, the score and its five parts, the schools
// table (district) or the teachers table with status and what is still missing (one school),
// inline SVG charts, print CSS (A4), a CSP that allows nothing external. Scope::Kind::batch
// is reported as the district (the summary has no per-batch rates).
std::string report_html(const Workspace& ws, const Summary& summary, const Policy& policy, const Scope& scope,
                        Lang lang);

}  // namespace it2

// The summary as format.md §4 JSON (what `it2 summarize --json` and it2.summary() print),
// and as CSV / a text table.
#pragma once

#include <string>
#include <vector>

#include "json_out.h"
#include "metrics.h"

namespace it2 {

// format.md §4 JSON, written in chunks to `sink` (no document tree; no trailing newline). With a
// ParallelFor (parallel_for.h) the elements of its arrays are written on its threads: the same bytes.
void write_summary_json(const Summary& s, Lang lang, const JsonOut::Sink& sink, const ParallelFor& parallel = {});
std::string summary_json(const Summary& s, Lang lang, const ParallelFor& parallel = {});  // the same, as one string
// Teacher rows. Excel-safe by default: the page's CSV writer (export.h: UTF-8 BOM, formula
// guard); `excel_safe` false gives plain RFC 4180 without BOM or guard (it2 summarize --raw).
// The rows are made on the ParallelFor's threads when one is given: the same text.
std::string summary_csv(const Summary& s, Lang lang, bool excel_safe = true, const ParallelFor& parallel = {});
// The rows summary_csv writes (before its guard), for the Excel workbook (xlsx_export.h).
void summary_teacher_rows(const Summary& s, Lang lang, std::vector<std::string>& header,
                          std::vector<std::vector<std::string>>& rows, const ParallelFor& parallel = {});
// A number in the teacher CSV ("26", "28.5"): printf's %.15g, shortest text that reads back
// as the same number in a spreadsheet; whole numbers and tenths without printf.
std::string csv_number(double value);
// Terminal (and spreadsheet) columns a UTF-8 string takes: East Asian wide characters take two.
size_t display_width(const std::string& text);
std::string summary_table(const Summary& s, Lang lang);  // human-readable text, control characters made visible

// Everything a teacher still misses, one describe() per item, joined by "；" / "; ".
std::string missing_text(const TeacherResult& t, Lang lang);

}  // namespace it2

// Platform CSV import (docs/csv-import.md): one row per teacher with Chinese headers, in UTF-8
// or GB18030/GBK, becomes one BatchFile per (学校编号, 批次) — the same model as it2-batch files.
// Text decoding and RFC 4180 parsing are exposed for the tests and for 导出本校.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "load_batch.h"
#include "workspace.h"

namespace it2 {

// ---- text encodings ------------------------------------------------------------------------

enum class TextEncoding : uint8_t { utf8, utf8_bom, gb18030, utf16, invalid };
const char* text_encoding_name(TextEncoding e);  // "UTF-8", "UTF-8 (BOM)", "GB18030/GBK", …

struct DecodedText {
    TextEncoding encoding = TextEncoding::invalid;
    std::string utf8;       // the text without BOM; empty when the bytes could not be decoded
    size_t bad_offset = 0;  // first undecodable byte when encoding == invalid
};

bool is_valid_utf8(std::string_view bytes);

// GB18030 (a superset of GBK and GB2312; 0x80 is read as € like Windows code page 936) to
// UTF-8. False, with *bad_offset set, on a byte sequence that is not GB18030.
bool decode_gb18030(std::string_view bytes, std::string& utf8, size_t* bad_offset = nullptr);

// UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030; UTF-16 (a BOM
// FF FE / FE FF) is recognised and not decoded.
DecodedText decode_text(std::string_view bytes);

// ---- RFC 4180 ----------------------------------------------------------------------------------

struct CsvRecord {
    std::vector<std::string> fields;
    int line = 0;    // 1-based line where the record starts (records may span lines)
    int number = 0;  // 1-based record number counting blank ones: the row number Excel shows
};

struct CsvParse {
    std::vector<CsvRecord> records;  // blank lines dropped
    char delimiter = ',';
    int unterminated_quote_line = 0;    // >0: a quoted field opened on this line never closes
    int unterminated_quote_column = 0;  // … in this column (1 = the first field of its record)
};

// Quoted fields, embedded delimiters, doubled quotes, line breaks inside quotes, CRLF or LF.
// The delimiter is ',' unless the first line splits better on ';' or a tab (Excel in some
// locales, "Unicode text" exports).
CsvParse parse_csv(std::string_view utf8);

// The same, one record at a time (a 50 MB file need not exist twice as strings); returns the
// unterminated quote's line, or 0 (and sets *quote_column to its column when given). Records
// already handed over stay handed over.
int for_each_csv_record(std::string_view utf8, char delimiter, const std::function<void(const CsvRecord&)>& on_record,
                        int* quote_column = nullptr);
char csv_delimiter(std::string_view utf8);  // what parse_csv sniffs

// ---- the import --------------------------------------------------------------------------------

// One BatchLoad per (学校编号, 批次) in order of first appearance; each BatchFile::file is
// `file_name`. A file error gives exactly one rejected BatchLoad (data null) holding the
// problem. Row problems sit in the BatchLoad of the row's group; problems of rows that belong
// to no group (no 学校编号 or 批次) sit in the first group's BatchLoad.
std::vector<BatchLoad> load_csv(std::string_view file_name, std::string_view bytes);

// The single-group convenience: the first group, with every group's problems; a CSV holding
// several groups adds a warning that only the first was kept.
BatchLoad load_csv_single(std::string_view file_name, std::string_view bytes);

// The workspace entries of one CSV (what Workspace::add should append for a CSV): one per
// group, named `file_name` when the file holds one group and "file_name#学校编号/批次" when it
// holds several (problems carry the same name); a rejected file is one rejected entry.
std::vector<FileEntry> csv_file_entries(std::string_view file_name, std::string_view bytes);

// The same mapping for records that are already rows of text (a workbook sheet, xlsx_read.h):
// blank records are skipped, the first non-blank one is the header; problems point at each
// record's `number` (row) and `line`.
std::vector<BatchLoad> load_csv_records(std::string_view file_name, const std::vector<CsvRecord>& records);

// csv_file_entries for loads already made (one per group, named as csv_file_entries names them).
std::vector<FileEntry> file_entries_of_loads(std::string_view file_name, std::vector<BatchLoad> loads);

// True for a name ending in .csv (any case), or bytes that are not JSON and whose first line
// holds the 教师编号 header (UTF-8 or GB18030).
bool looks_like_csv(std::string_view file_name, std::string_view bytes);

// The rows of one school (by 学校编号) as a new UTF-8 CSV (BOM, CRLF) with the same header;
// "" when the file is not a usable CSV or no row belongs to the school. Used by 导出本校.
std::string csv_rows_of_school(std::string_view bytes, std::string_view school_id);

// 下载模板: the template CSV (UTF-8 with BOM, CRLF, a header row and two example rows);
// data/templates/it2-template.csv holds exactly these bytes (a unit test keeps them equal).
std::string csv_template();

// Column names, for the template and the docs.
struct CsvColumns {
    static constexpr const char* school_id = "学校编号";
    static constexpr const char* school_name = "学校名称";
    static constexpr const char* batch = "批次";
    static constexpr const char* teacher_id = "教师编号";
    static constexpr const char* teacher_name = "姓名";
    static constexpr const char* subject = "学科";
    static constexpr const char* online = "在线学时";
    static constexpr const char* practice = "实践学时";
    static constexpr const char* point = "能力点";  // + N
    static constexpr const char* status = "状态";   // + N
    static constexpr const char* grade = "等级";    // + N
};

}  // namespace it2

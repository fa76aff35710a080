// Excel in and out: the workbook → rows converter (xlsx_read.h), the import through the CSV
// mapping (xlsx_import.h) and the export (xlsx_export.h). Workbooks are written with
// libxlsxwriter and read back with the independent zip/XML reader; tests/excel/run.sh checks
// both against openpyxl and xlwt.
#include <doctest/doctest.h>

#include <string>

#include "csv_import.h"
#include "tracker.h"
#include "xlsx_export.h"
#include "xlsx_import.h"
#include "xlsx_read.h"

using namespace it2;

namespace {

XlsxCell t(const std::string& s) {
    XlsxCell c;
    c.text = s;
    return c;
}
XlsxCell n(double v) {
    XlsxCell c;
    c.kind = XlsxKind::number;
    c.number = v;
    return c;
}

// The CSV template's rows as a sheet, hours and ids as numbers the way a platform writes them.
XlsxSheet template_sheet(const std::string& name) {
    XlsxSheet s;
    s.name = name;
    CsvParse csv = parse_csv(decode_text(csv_template()).utf8);
    s.header = csv.records.front().fields;
    for (size_t r = 1; r < csv.records.size(); ++r) {
        std::vector<XlsxCell> row;
        for (size_t c = 0; c < csv.records[r].fields.size(); ++c) {
            const std::string& f = csv.records[r].fields[c];
            row.push_back(c == 3 || c == 6 || c == 7 ? n(std::stod(f)) : t(f));
        }
        s.rows.push_back(row);
    }
    return s;
}

std::string write(const std::vector<XlsxSheet>& sheets) {
    std::string error;
    std::string bytes = xlsx_write(sheets, error);
    REQUIRE_MESSAGE(!bytes.empty(), error);
    return bytes;
}

}  // namespace

TEST_CASE("xlsx: number cells read back as the text a CSV export holds") {
    CHECK(workbook_number_text(28.5) == "28.5");
    CHECK(workbook_number_text(26) == "26");
    CHECK(workbook_number_text(50011000123.0) == "50011000123");
    CHECK(workbook_number_text(0.1) == "0.1");
    CHECK(workbook_number_text(-3) == "-3");
}

TEST_CASE("xlsx: workbook_kind goes by the bytes, not the name") {
    const std::string book = write({template_sheet("名单")});
    CHECK(workbook_kind("a.xlsx", book) == WorkbookKind::xlsx);
    CHECK(workbook_kind("renamed.csv", book) == WorkbookKind::xlsx);
    CHECK(workbook_kind("a.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0')) ==
          WorkbookKind::xls);
    CHECK(workbook_kind("a.xlsx", csv_template()) == WorkbookKind::none);
    CHECK(workbook_kind("a.json", "{\"format\":\"it2-batch\"}") == WorkbookKind::none);
}

TEST_CASE("xlsx: a written workbook reads back sheet by sheet, row numbers kept, blank rows skipped") {
    XlsxSheet a;
    a.name = "第一页";
    a.header = {"甲", "乙"};
    a.rows = {{t("綦江区石壕小学"), n(28.5)}, {}, {t(""), n(3)}};
    XlsxSheet b;
    b.name = "Sheet2";
    b.rows = {{t("x")}};
    WorkbookRead read = read_xlsx(write({a, b}));
    REQUIRE(read.ok());
    REQUIRE(read.sheets.size() == 2);
    CHECK(read.sheets[0].name == "第一页");
    REQUIRE(read.sheets[0].rows.size() == 3);  // header, row 2, row 4 (row 3 is blank)
    CHECK(read.sheets[0].rows[0].fields == std::vector<std::string>{"甲", "乙"});
    CHECK(read.sheets[0].rows[1].fields == std::vector<std::string>{"綦江区石壕小学", "28.5"});
    CHECK(read.sheets[0].rows[2].number == 4);
    CHECK(read.sheets[0].rows[2].line == 4);
    CHECK(read.sheets[0].rows[2].fields == std::vector<std::string>{"", "3"});
    CHECK(read.sheets[1].rows.at(0).fields == std::vector<std::string>{"x"});
}

TEST_CASE("xlsx: the import maps the template exactly as the CSV import does") {
    std::vector<BatchLoad> from_csv = load_csv("t.csv", csv_template());
    std::vector<BatchLoad> from_xlsx = load_workbook("t.xlsx", write({template_sheet("名单")}));
    REQUIRE(from_csv.size() == 1);
    REQUIRE(from_xlsx.size() == 1);
    REQUIRE(from_xlsx[0].data.get() != nullptr);
    const BatchFile& x = *from_xlsx[0].data;
    const BatchFile& c = *from_csv[0].data;
    CHECK(x.school_id == c.school_id);
    CHECK(x.school_name == c.school_name);
    CHECK(x.batch_id == c.batch_id);
    REQUIRE(x.teachers.size() == c.teachers.size());
    for (size_t i = 0; i < x.teachers.size(); ++i) {
        CHECK(x.teachers[i].id == c.teachers[i].id);
        CHECK(x.teachers[i].name == c.teachers[i].name);
        CHECK(x.teachers[i].online == c.teachers[i].online);
        CHECK(x.teachers[i].practice == c.teachers[i].practice);
        CHECK(x.points_of(x.teachers[i]).size() == c.points_of(c.teachers[i]).size());
    }
    CHECK(from_xlsx[0].problems.size() == from_csv[0].problems.size());
}

TEST_CASE("xlsx: problems name the sheet, the row and the column") {
    XlsxSheet s = template_sheet("名单");
    s.rows[1][7] = t("abc");  // 实践学时 of the second teacher, sheet row 3
    std::vector<BatchLoad> loads = load_workbook("t.xlsx", write({s}));
    REQUIRE(loads.size() == 1);
    REQUIRE(loads[0].problems.size() == 1);
    const Problem& p = loads[0].problems[0];
    CHECK(p.line == 3);
    CHECK(p.column == 8);
    CHECK(p.pointer == "/sheets/名单/rows/3/实践学时");
    CHECK(p.message_zh.find("工作表「名单」第 3 行（教师 王小明") != std::string::npos);
    CHECK(p.message_zh.find("「实践学时」") != std::string::npos);
    CHECK(p.message_en.find("sheet 名单, row 3 (王小明") != std::string::npos);
}

TEST_CASE("xlsx: the first sheet with the header is used, without one the sheets tried are named") {
    XlsxSheet cover;
    cover.name = "封面";
    cover.rows = {{t("2022 年培训名单")}};
    XlsxSheet empty;
    empty.name = "空白";
    std::vector<BatchLoad> loads = load_workbook("t.xlsx", write({cover, empty, template_sheet("名单")}));
    REQUIRE(loads.size() == 1);
    REQUIRE(loads[0].data.get() != nullptr);
    CHECK(loads[0].data->teachers.size() == 2);

    loads = load_workbook("t.xlsx", write({cover, empty}));
    REQUIRE(loads.size() == 1);
    CHECK(loads[0].status == FileStatus::rejected);
    REQUIRE(loads[0].problems.size() == 1);
    CHECK(loads[0].problems[0].message_zh.find("试过：「封面」（第 1 行不是表头）、「空白」（空）") != std::string::npos);
}

TEST_CASE("xlsx: a header without the required columns is the CSV import's problem, in its sheet") {
    XlsxSheet s;
    s.name = "名单";
    s.header = {"教师编号", "姓名"};
    s.rows = {{t("1"), t("王")}};
    std::vector<BatchLoad> loads = load_workbook("t.xlsx", write({s}));
    REQUIRE(loads.size() == 1);
    CHECK(loads[0].status == FileStatus::rejected);
    CHECK(loads[0].problems.at(0).message_zh.find("工作表「名单」缺少必需的列：学校编号") == 0);
}

TEST_CASE("xlsx: limits refuse a part that would inflate too far, and a damaged file says so") {
    const std::string book = write({template_sheet("名单")});
    WorkbookLimits tiny;
    tiny.max_part_bytes = 200;
    WorkbookRead read = read_xlsx(book, tiny);
    CHECK_FALSE(read.ok());
    CHECK(read.error_zh.find("压缩炸弹") != std::string::npos);

    WorkbookLimits narrow;
    narrow.max_columns = 5;
    read = read_xlsx(book, narrow);
    CHECK_FALSE(read.ok());
    CHECK(read.error_zh.find("工作表太宽") != std::string::npos);

    read = read_xlsx(book.substr(0, book.size() / 2));
    CHECK_FALSE(read.ok());
    CHECK(read.error_zh.find("zip") != std::string::npos);

    std::string flipped = book;
    flipped[flipped.size() / 3] ^= 0x55;  // inside some part's data: the CRC or inflate catches it
    std::vector<BatchLoad> loads = load_workbook("t.xlsx", flipped);
    REQUIRE(loads.size() == 1);
    CHECK(loads[0].status == FileStatus::rejected);
}

TEST_CASE("xls: bytes that only look like an .xls are refused with FreeXL's reason") {
    std::vector<BatchLoad> loads =
        load_workbook("t.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'));
    REQUIRE(loads.size() == 1);
    CHECK(loads[0].status == FileStatus::rejected);
    CHECK(loads[0].problems.at(0).message_zh.find(".xls 工作簿已损坏") == 0);
}

TEST_CASE("xlsx export: sheets, percent rates, numbers and the formula guard") {
    Tracker tracker;
    std::string csv = csv_template();
    const std::string evil = "=HYPERLINK(\"x\")";
    csv.replace(csv.find("彭瑶"), std::string("彭瑶").size(), "\"" + std::string("=HYPERLINK(\"\"x\"\")") + "\"");
    tracker.load("t.csv", csv);
    tracker.set_as_of("2022-11-01");
    tracker.refresh();
    std::vector<XlsxSheet> sheets = xlsx_summary_sheets(tracker.summary(), tracker.policy(), Lang::zh);
    REQUIRE(sheets.size() == 4);
    CHECK(sheets[0].name == "说明");
    CHECK(sheets[1].header.at(5) == "参训率");
    CHECK(sheets[1].rows.at(0).at(5).kind == XlsxKind::percent);
    CHECK(sheets[2].rows.at(0).at(7).kind == XlsxKind::number);

    WorkbookRead read = read_xlsx(write(sheets));
    REQUIRE(read.ok());
    REQUIRE(read.sheets.size() == 4);
    CHECK(read.sheets[0].rows.at(1).fields == std::vector<std::string>{"数据日期", "2022-11-01"});
    const std::vector<CsvRecord>& teachers = read.sheets[2].rows;
    bool guarded = false;
    for (const CsvRecord& r : teachers) guarded |= r.fields.at(1) == "'" + evil;
    CHECK(guarded);
    CHECK(read.sheets[1].rows.at(1).fields.at(5) == "1");  // participation 100 % as the number 1
}

TEST_CASE("xlsx: 导出本校 keeps a workbook's rows of one school as CSV") {
    XlsxSheet s = template_sheet("名单");
    std::vector<XlsxCell> other = s.rows[0];
    other[0] = t("500110-0099");
    other[1] = t("綦江区另一小学");
    other[3] = n(50011000999.0);
    s.rows.push_back(other);
    const std::string book = write({s});
    const std::string csv = workbook_rows_of_school("t.xlsx", book, "500110-0012");
    std::vector<BatchLoad> loads = load_csv("t.csv", csv);
    REQUIRE(loads.size() == 1);
    REQUIRE(loads[0].data.get() != nullptr);
    CHECK(loads[0].data->school_id == "500110-0012");
    CHECK(loads[0].data->teachers.size() == 2);
    CHECK(workbook_rows_of_school("t.xlsx", book, "no-such-school").empty());
}

// Issue 10: hostile sizes are data problems, not crashes (format.md §3 length limits), and
// files that are not text say what they are. Checked on the core the CLI and the page share.
#include <doctest/doctest.h>

#include <string>

#include "csv_import.h"
#include "export.h"
#include "field_limits.h"
#include "load_batch.h"
#include "metrics.h"
#include "summary_json.h"
#include "workspace.h"

using namespace it2;

namespace {

std::string repeat(const std::string& piece, size_t times) {
    std::string out;
    out.reserve(piece.size() * times);
    for (size_t i = 0; i < times; ++i) out += piece;
    return out;
}

const Problem* problem_at(const Problems& problems, const std::string& pointer) {
    for (const Problem& p : problems)
        if (p.pointer == pointer) return &p;
    return nullptr;
}

// The batch of issue 10, reproduction 4: 2,000 teachers, a school name of 350,000 characters.
std::string long_name_batch() {
    std::string text = R"({"format": "it2-batch", "version": 1, "school": {"id": "500110-0001", "name": ")" +
                       repeat("校", 350000) + R"("}, "batch": {"id": "2022-1", "start": "2022-03-01", "end": "2022-12-31"},
 "teachers": [)";
    for (int i = 0; i < 2000; ++i)
        text += std::string(i ? ",\n" : "\n") + R"({"id": "T)" + std::to_string(i) + R"(", "name": "教师)" +
                std::to_string(i) + R"(", "hours": {"online": 30, "practice": 10}, "points": [{"code": "A1", "status": "graded", "grade": "合格"}]})";
    return text + "]}";
}

}  // namespace

TEST_CASE("a 1.2 MB file with a 350,000-character school name loads with a warning — exports stay bounded") {
    const std::string bytes = long_name_batch();
    REQUIRE(bytes.size() > 1'100'000);
    Workspace ws;
    const FileEntry& entry = ws.add("long-name.json", bytes);
    CHECK(entry.status == FileStatus::loaded);  // a warning keeps the data
    REQUIRE(bool(entry.data));
    CHECK(entry.data->teachers.size() == 2000);
    CHECK(utf8_chars(entry.data->school_name) == kMaxNameChars);
    CHECK(entry.data->school_name == repeat("校", kMaxNameChars - 1) + "…");
    const Problem* p = problem_at(entry.problems, "/school/name");
    REQUIRE(p);
    CHECK(p->severity == Severity::warning);
    CHECK(p->line == 1);
    CHECK(p->message_zh.find("学校名称 有 350000 个字符，超过 200 个字符的上限") != std::string::npos);
    CHECK(p->message_en.find("the school name has 350000 characters, more than the limit of 200") != std::string::npos);

    // Every export is linear in the records: at most a few hundred bytes per teacher here.
    const Summary summary = compute(ws, merge(ws), Policy{}, "2022-11-01");
    const size_t per_row = 1500;  // 13 bounded cells, the school name at most 600 bytes of it
    CHECK(summary_csv(summary, Lang::zh).size() < 2000 * per_row);
    CHECK(summary_csv(summary, Lang::en, false).size() < 2000 * per_row);
    CHECK(summary_json(summary, Lang::zh).size() < 2000 * per_row);
    CHECK(summary_table(summary, Lang::zh).size() < 10'000);
    const std::string school = report_html(ws, summary, Policy{}, Scope{Scope::Kind::school, "500110-0001"}, Lang::zh);
    CHECK(school.size() < 2000 * per_row);
    CHECK(school.find(repeat("校", 300)) == std::string::npos);
    // The district report lists the teachers not passed in its 催办名单 (one line each, at most
    // two): linear in the teachers like the school's, with the long name cut there too.
    const std::string district = report_html(ws, summary, Policy{}, Scope{}, Lang::en);
    CHECK(district.size() < 2000 * per_row);
    CHECK(district.find(repeat("校", 300)) == std::string::npos);
}

TEST_CASE("length limits count Unicode characters, not bytes — an id over the limit is a file or record error") {
    auto batch = [](const std::string& school_id, const std::string& batch_id, const std::string& teachers) {
        return R"({"format": "it2-batch", "version": 1, "school": {"id": ")" + school_id +
               R"(", "name": "一小", "stage": "小学"}, "batch": {"id": ")" + batch_id + R"("}, "teachers": [)" + teachers + "]}";
    };
    // 200 characters of three bytes each (600 bytes) are within the limit.
    const std::string id200 = repeat("校", 200);
    BatchLoad ok = load_batch("ok.json", batch(id200, "B1", R"({"id": ")" + repeat("号", 200) + R"(", "name": ")" +
                                                          repeat("名", 200) + R"("})"));
    CHECK(ok.status == FileStatus::loaded);
    REQUIRE(bool(ok.data));
    CHECK(ok.data->teachers.size() == 1);

    BatchLoad long_school = load_batch("a.json", batch(id200 + "x", "B1", ""));
    CHECK(long_school.status == FileStatus::rejected);
    REQUIRE(long_school.problems.size() == 1);
    CHECK(long_school.problems[0].pointer == "/school/id");
    CHECK(long_school.problems[0].severity == Severity::error);
    CHECK(long_school.problems[0].message_en.find("school.id has 201 characters, more than the limit of 200") !=
          std::string::npos);
    BatchLoad long_batch = load_batch("b.json", batch("S1", repeat("b", 201), ""));
    CHECK(long_batch.status == FileStatus::rejected);
    REQUIRE(long_batch.problems.size() == 1);
    CHECK(long_batch.problems[0].pointer == "/batch/id");

    // Teachers: an id or name over 200 skips the teacher; longer labels and titles are ignored.
    const std::string teachers =
        R"({"id": ")" + repeat("1", 201) + R"(", "name": "甲"},
           {"id": "T2", "name": ")" + repeat("乙", 201) + R"("},
           {"id": "T3", "name": "丙", "subject": ")" + repeat("语", 101) + R"(", "role": "教师",
            "points": [{"code": "A1", "status": "graded", "grade": "合格",
                        "items": [{"title": ")" + repeat("题", 501) + R"(", "grade": "合格"}]}]},
           {"id": ")" + repeat("1", 201) + R"(", "name": "丁"})";
    std::string file = batch("S1", "B1", teachers);
    file.insert(file.size() - 1, R"(, "activities": [{"date": "2022-04-01", "title": ")" + repeat("活", 501) + R"("}])");
    BatchLoad load = load_batch("t.json", file);
    CHECK(load.status == FileStatus::partial);
    REQUIRE(bool(load.data));
    REQUIRE(load.data->teachers.size() == 1);  // the over-long id does not reserve the id either
    const Teacher& t = load.data->teachers[0];
    CHECK(t.id == "T3");
    CHECK(t.subject.empty());
    CHECK(t.role == "教师");
    REQUIRE(load.data->points_of(t).size() == 1);
    const ItemRange items = load.data->items_of(load.data->points_of(t)[0]);
    REQUIRE(items.size() == 1);
    CHECK(items[0].title.empty());
    CHECK(items[0].grade == Grade::pass);
    REQUIRE(load.data->activities.size() == 1);
    CHECK(load.data->activities[0].title.empty());
    for (const char* pointer : {"/teachers/0/id", "/teachers/1/name", "/teachers/2/subject",
                                "/teachers/2/points/0/items/0/title", "/teachers/3/id", "/activities/0/title"}) {
        const Problem* p = problem_at(load.problems, pointer);
        REQUIRE_MESSAGE(p, pointer);
        CHECK_MESSAGE(p->severity == Severity::record, pointer);
        CHECK_MESSAGE(p->line > 0, pointer);
        CHECK_MESSAGE(!p->message_zh.empty(), pointer);
        CHECK_MESSAGE(p->message_en.find("more than the limit") != std::string::npos, pointer);
    }
    // The message quotes no more than a clipped value: no 200-character id inside it.
    CHECK(problem_at(load.problems, "/teachers/0/id")->message_en.size() < 200);
}

TEST_CASE("the CSV import applies the same length limits") {
    const std::string header = "学校编号,学校名称,批次,教师编号,姓名,学科,在线学时,实践学时\r\n";
    const std::string csv = header + "S1," + repeat("校", 300) + ",B1,T1,甲,语文,1,1\r\n" +  // name cut
                            "S1,一小,B1," + repeat("9", 201) + ",乙,,1,1\r\n" +             // teacher skipped
                            "S1,一小,B1,T3," + repeat("丙", 201) + ",,1,1\r\n" +            // teacher skipped
                            "S1,一小,B1,T4,丁," + repeat("学", 101) + ",1,1\r\n" +          // subject ignored
                            repeat("S", 201) + ",一小,B1,T5,戊,,1,1\r\n";                   // row skipped
    std::vector<BatchLoad> loads = load_csv("long.csv", csv);
    REQUIRE(loads.size() == 1);
    REQUIRE(bool(loads[0].data));
    const BatchFile& data = *loads[0].data;
    CHECK(loads[0].status == FileStatus::partial);
    CHECK(data.school_name == repeat("校", 199) + "…");
    REQUIRE(data.teachers.size() == 2);
    CHECK(data.teachers[0].id == "T1");
    CHECK(data.teachers[1].id == "T4");
    CHECK(data.teachers[1].subject.empty());
    for (const char* pointer : {"/rows/2/学校名称", "/rows/3/教师编号", "/rows/4/姓名", "/rows/5/学科", "/rows/6/学校编号"}) {
        const Problem* p = problem_at(loads[0].problems, pointer);
        REQUIRE_MESSAGE(p, pointer);
        CHECK_MESSAGE(p->message_en.find("more than the limit of") != std::string::npos, pointer);
        CHECK_MESSAGE(p->severity == (std::string(pointer) == "/rows/2/学校名称" ? Severity::warning : Severity::record),
                      pointer);
    }
}

TEST_CASE("UTF-16 and binary files are diagnosed as what they are, in the JSON loader and the CSV import") {
    auto utf16le = [](const std::string& ascii, bool bom) {
        std::string out = bom ? "\xFF\xFE" : "";
        for (char c : ascii) out += std::string{c, '\0'};
        return out;
    };
    auto utf16be = [](const std::string& ascii) {
        std::string out;
        for (char c : ascii) out += std::string{'\0', c};
        return out;
    };
    const std::string json = R"({"format": "it2-batch", "version": 1, "teachers": []})";
    const std::string csv = "学校编号,学校名称,批次,教师编号,姓名\r\nS1,一小,B1,T1,甲\r\n";
    const std::string xlsx = std::string("PK\x03\x04\x14\0\x06\0", 8) + std::string(200, '\x01');
    struct Case {
        std::string bytes;
        const char* zh;
        const char* en;
    };
    const Case cases[] = {
        {utf16le(json, true), "UTF-16LE", "the file is UTF-16 (UTF-16LE"},
        {utf16le(json, false), "UTF-16LE", "the file is UTF-16 (UTF-16LE"},
        {utf16be(json), "UTF-16BE", "the file is UTF-16 (UTF-16BE"},
        {xlsx, "Excel 工作簿（.xlsx）", "an Excel workbook (.xlsx)"},
        {std::string("\x89PNG\r\n\x1A\n", 8) + std::string(64, '\0'), "PNG 图片", "a PNG image"},
        {std::string(300, '\0') + "{}", "二进制内容", "binary content"},
    };
    for (const Case& c : cases) {
        BatchLoad load = load_batch("x.json", c.bytes);
        CHECK(load.status == FileStatus::rejected);
        REQUIRE(load.problems.size() == 1);
        CHECK_MESSAGE(load.problems[0].message_zh.find(c.zh) != std::string::npos, load.problems[0].message_zh);
        CHECK_MESSAGE(load.problems[0].message_en.find(c.en) != std::string::npos, load.problems[0].message_en);
        CHECK(load.problems[0].message_en.find("GBK") == std::string::npos);
        CHECK(load.problems[0].message_en.find("data loaded before is unchanged") != std::string::npos);

        std::vector<BatchLoad> loads = load_csv("x.csv", c.bytes);
        REQUIRE(loads.size() == 1);
        CHECK_FALSE(bool(loads[0].data));
        REQUIRE(loads[0].problems.size() == 1);
        CHECK_MESSAGE(loads[0].problems[0].message_en.find(c.en) != std::string::npos, loads[0].problems[0].message_en);
        CHECK(loads[0].problems[0].message_en.find("GB18030") == std::string::npos);
    }
    // A UTF-16 CSV of mostly Chinese text without a BOM (digits and commas give it away).
    std::string csv16;
    {
        // UTF-16LE by hand for the characters used: ASCII, and the header's CJK characters.
        const std::u16string wide = u"学校编号,学校名称,批次,教师编号,姓名\r\nS1,一小,B1,T1,甲\r\n";
        for (char16_t c : wide) csv16 += std::string{char(c & 0xFF), char(c >> 8)};
    }
    std::vector<BatchLoad> wide = load_csv("wide.csv", csv16);
    REQUIRE(wide.size() == 1);
    CHECK(wide[0].problems.at(0).message_en.find("UTF-16LE") != std::string::npos);
    // The policy reader says the same.
    CHECK(load_batch("p.json", utf16le(csv, true)).problems.at(0).message_zh.find("UTF-16") != std::string::npos);
    // Plain text with a bad byte is still "not UTF-8" (perhaps GBK), and real text is not binary.
    BatchLoad gbk = load_batch("gbk.json", "{\"format\": \"\xD6\xD0\xCE\xC4\"}");
    CHECK(gbk.problems.at(0).message_en.find("perhaps GBK") != std::string::npos);
    CHECK(load_csv("ok.csv", csv).at(0).status == FileStatus::loaded);
    CHECK(load_batch("ok.json", json).problems.at(0).message_en.find("school.id") != std::string::npos);
}

TEST_CASE("an unclosed CSV quote is reported at the line and column where it opens") {
    const std::string csv = "学校编号,学校名称,批次,教师编号,姓名\r\nS1,一小,B1,T1,甲\r\nS1,一小,B1,\"T2,乙\r\nS1,一小,B1,T3,丙\r\n";
    std::vector<BatchLoad> loads = load_csv("q.csv", csv);
    REQUIRE(loads.size() == 1);
    CHECK(loads[0].status == FileStatus::rejected);
    const Problem& p = loads[0].problems.at(0);
    CHECK(p.line == 3);
    CHECK(p.column == 4);
    CHECK(p.message_zh.find("第 3 行第 4 列") != std::string::npos);
    CHECK(p.message_en.find("opened on line 3, column 4") != std::string::npos);
    CHECK(parse_csv("a,b\n\"x\n").unterminated_quote_column == 1);
}

TEST_CASE("能力点N columns: any N up to 999999999 — beyond it or 0 is reported, not taken for unknown") {
    const std::string csv = "学校编号,学校名称,批次,教师编号,姓名,能力点1000,等级1000,能力点0,能力点1000000000\r\n"
                            "S1,一小,B1,T1,甲,A1,合格,A2,A3\r\n";
    std::vector<BatchLoad> loads = load_csv("n.csv", csv);
    REQUIRE(loads.size() == 1);
    REQUIRE(bool(loads[0].data));
    REQUIRE(loads[0].data->teachers.size() == 1);
    REQUIRE(loads[0].data->points_of(loads[0].data->teachers[0]).size() == 1);  // 能力点1000 is read
    CHECK(loads[0].data->points_of(loads[0].data->teachers[0])[0].grade == Grade::pass);
    for (const char* pointer : {"/rows/1/能力点0", "/rows/1/能力点1000000000"}) {
        const Problem* p = problem_at(loads[0].problems, pointer);
        REQUIRE_MESSAGE(p, pointer);
        CHECK(p->severity == Severity::warning);
        CHECK(p->message_en.find("from 1 to 999999999") != std::string::npos);
    }
}

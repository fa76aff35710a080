// Platform CSV import: encodings, RFC 4180, the rows → BatchFile rules and their problems.
#include <doctest/doctest.h>

#include <iconv.h>

#include <string>

#include "csv_import.h"
#include "workspace.h"

using namespace it2;

namespace {

const std::string kHeader = "学校编号,学校名称,批次,教师编号,姓名,学科,在线学时,实践学时,能力点1,状态1,等级1,能力点2,状态2,等级2\r\n";

// UTF-8 → GB18030 through glibc, to make the files Excel writes on Chinese Windows.
std::string to_gb18030(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    REQUIRE(cd != iconv_t(-1));
    std::string out(utf8.size() * 2 + 8, '\0');
    char* in = const_cast<char*>(utf8.data());
    size_t in_left = utf8.size(), out_left = out.size();
    char* outp = &out[0];
    REQUIRE(iconv(cd, &in, &in_left, &outp, &out_left) != size_t(-1));
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

const Problem* find_problem(const BatchLoad& load, const std::string& pointer) {
    for (const Problem& p : load.problems)
        if (p.pointer == pointer) return &p;
    return nullptr;
}

}  // namespace

TEST_CASE("UTF-8 validation rejects overlongs, surrogates and cut sequences") {
    CHECK(is_valid_utf8("彭瑶 abc"));
    CHECK(is_valid_utf8("\xF0\xA0\x80\x80"));         // U+20000
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));           // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));       // surrogate
    CHECK_FALSE(is_valid_utf8("\xE5\xBD"));           // cut short
    CHECK_FALSE(is_valid_utf8("\xD6\xD0\xCE\xC4"));   // 中文 in GBK
}

TEST_CASE("GB18030 decoding matches glibc for every two-byte and four-byte BMP code") {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    REQUIRE(cd != iconv_t(-1));
    auto glibc = [&](const std::string& in, std::string& out) {
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
        char buf[16];
        char* ip = const_cast<char*>(in.data());
        size_t il = in.size(), ol = sizeof buf;
        char* op = buf;
        if (iconv(cd, &ip, &il, &op, &ol) == size_t(-1)) return false;
        out.assign(buf, sizeof buf - ol);
        return true;
    };
    int compared = 0, mismatches = 0;
    std::string mine, theirs;
    for (int a = 0x81; a <= 0xFE; ++a)
        for (int b = 0x40; b <= 0xFE; ++b) {
            if (b == 0x7F) continue;
            std::string in{char(a), char(b)};
            REQUIRE(glibc(in, theirs));
            bool ok = decode_gb18030(in, mine);
            mismatches += !ok || mine != theirs;
            ++compared;
        }
    for (int a = 0x81; a <= 0x84; ++a)
        for (int b = 0x30; b <= 0x39; ++b)
            for (int c = 0x81; c <= 0xFE; ++c)
                for (int d = 0x30; d <= 0x39; ++d) {
                    std::string in{char(a), char(b), char(c), char(d)};
                    if (!glibc(in, theirs)) continue;  // unassigned (or a 2005 code glibc dropped)
                    bool ok = decode_gb18030(in, mine);
                    mismatches += !ok || mine != theirs;
                    ++compared;
                }
    iconv_close(cd);
    CHECK(compared > 23940 + 39000);
    CHECK(mismatches == 0);
}

TEST_CASE("GB18030 decoding: supplementary plane, euro, invalid bytes") {
    std::string out;
    REQUIRE(decode_gb18030("\x95\x32\x82\x36", out));  // U+20000 𠀀
    CHECK(out == "\xF0\xA0\x80\x80");
    REQUIRE(decode_gb18030("\xE3\x32\x9A\x35", out));  // U+10FFFF
    CHECK(out == "\xF4\x8F\xBF\xBF");
    REQUIRE(decode_gb18030("a\x80z", out));
    CHECK(out == "a€z");
    size_t bad = 0;
    CHECK_FALSE(decode_gb18030("ab\xD6", out, &bad));  // cut two-byte sequence
    CHECK(bad == 2);
    CHECK_FALSE(decode_gb18030("\xD6\xD0\xFF", out, &bad));
    CHECK(bad == 2);
    CHECK_FALSE(decode_gb18030("\x85\x30\x81\x30", out, &bad));  // between BMP and supplementary: unassigned
    CHECK(bad == 0);
    CHECK_FALSE(decode_gb18030("\xE3\x32\x9A\x36", out));  // beyond U+10FFFF
}

TEST_CASE("decode_text tells UTF-8, UTF-8 with BOM, GB18030 and UTF-16 apart") {
    CHECK(decode_text("学校").encoding == TextEncoding::utf8);
    DecodedText bom = decode_text("\xEF\xBB\xBF学校");
    CHECK(bom.encoding == TextEncoding::utf8_bom);
    CHECK(bom.utf8 == "学校");
    DecodedText gb = decode_text(to_gb18030("学校编号,綦江区通惠小学,堃喆玥"));
    CHECK(gb.encoding == TextEncoding::gb18030);
    CHECK(gb.utf8 == "学校编号,綦江区通惠小学,堃喆玥");
    CHECK(decode_text("\xFF\xFE" "a\0b\0").encoding == TextEncoding::utf16);
    DecodedText broken = decode_text("\xEF\xBB\xBF" "ab\xD6\xD0");  // a BOM promises UTF-8
    CHECK(broken.encoding == TextEncoding::invalid);
    CHECK(broken.bad_offset == 5);
}

TEST_CASE("RFC 4180: quotes, embedded commas, doubled quotes, line breaks, CRLF and LF") {
    CsvParse p = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",x,\n\n\"\",last\n");
    REQUIRE(p.unterminated_quote_line == 0);
    REQUIRE(p.records.size() == 3);
    CHECK(p.records[0].fields == std::vector<std::string>{"a", "b,c", "say \"hi\""});
    CHECK(p.records[0].line == 1);
    CHECK(p.records[1].fields == std::vector<std::string>{"two\nlines", "x", ""});
    CHECK(p.records[1].line == 2);
    CHECK(p.records[2].fields == std::vector<std::string>{"", "last"});
    CHECK(p.records[2].line == 5);  // the blank line 4 is dropped, numbering continues
    CHECK(p.records[2].number == 4);  // Excel's row 4: record 3 is the blank line
    CHECK(parse_csv("a,b").records.at(0).fields.size() == 2);  // no final line break
    CHECK(parse_csv("a,\"open\nb,c\n").unterminated_quote_line == 1);
    CsvParse semi = parse_csv("a;b;c\n1;2,5;3\n");
    CHECK(semi.delimiter == ';');
    CHECK(semi.records.at(1).fields == std::vector<std::string>{"1", "2,5", "3"});
    CHECK(parse_csv("a\tb\tc\n").delimiter == '\t');
}

TEST_CASE("a platform CSV becomes one BatchFile per school and batch") {
    std::string csv = "\xEF\xBB\xBF" + kHeader +
                      "500110-0012,綦江区通惠小学,2022-1,T1,彭瑶,语文,28.5,26,A1,已评审,合格,B2,已提交,\r\n"
                      "500110-0012,綦江区通惠小学,2022-1,T2,\"王, 小明\",数学,10,0,a6,selected,,,,\r\n"
                      "500110-0012,綦江区通惠小学,2022-2,T3,李雷,英语,0,0,,,,,,\r\n"
                      "500110-0020,綦江区文龙小学,2022-1,T4,韩梅梅,\"科学\n(兼)\",30,30,C7,graded,优秀,A1,已评,excellent\r\n";
    std::vector<BatchLoad> loads = load_csv("platform.csv", csv);
    REQUIRE(loads.size() == 3);
    for (const BatchLoad& l : loads) {
        REQUIRE(bool(l.data));
        CHECK(l.status == FileStatus::loaded);
        CHECK(l.data->file == "platform.csv");
        CHECK(l.problems.empty());
    }
    const BatchFile& a = *loads[0].data;
    CHECK(a.school_id == "500110-0012");
    CHECK(a.school_name == "綦江区通惠小学");
    CHECK(a.batch_id == "2022-1");
    REQUIRE(a.teachers.size() == 2);
    const Teacher& t1 = a.teachers[0];
    CHECK(t1.name == "彭瑶");
    CHECK(t1.online == doctest::Approx(28.5));
    CHECK(t1.practice == doctest::Approx(26));
    REQUIRE(a.points_of(t1).size() == 2);
    CHECK(a.points_of(t1)[0].point == point_index("A1"));
    CHECK(a.points_of(t1)[0].status == PointStatus::graded);
    CHECK(a.points_of(t1)[0].grade == Grade::pass);
    CHECK(a.points_of(t1)[1].point == point_index("B2"));
    CHECK(a.points_of(t1)[1].status == PointStatus::submitted);
    CHECK(a.teachers[1].name == "王, 小明");
    CHECK(a.teachers[1].index == 1);
    REQUIRE(a.points_of(a.teachers[1]).size() == 1);
    CHECK(a.points_of(a.teachers[1])[0].point == point_index("A6"));  // code case-insensitive
    CHECK(a.points_of(a.teachers[1])[0].status == PointStatus::selected);
    CHECK(loads[1].data->batch_id == "2022-2");
    CHECK(loads[1].data->points_of(loads[1].data->teachers.at(0)).empty());
    const BatchFile& c = *loads[2].data;
    CHECK(c.school_name == "綦江区文龙小学");
    CHECK(c.teachers.at(0).subject == "科学\n(兼)");
    REQUIRE(c.points_of(c.teachers.at(0)).size() == 2);
    CHECK(c.points_of(c.teachers.at(0))[0].grade == Grade::excellent);
    CHECK(c.points_of(c.teachers.at(0))[1].grade == Grade::excellent);
}

TEST_CASE("a GBK CSV (Excel on Chinese Windows) imports the same as UTF-8") {
    std::string utf8 = kHeader + "500110-0012,綦江区通惠小学,2022-1,T1,张堃,语文,25,25,A1,已评审,优秀,A3,已评审,合格\r\n";
    std::vector<BatchLoad> from_utf8 = load_csv("a.csv", utf8);
    std::vector<BatchLoad> from_gbk = load_csv("a.csv", to_gb18030(utf8));
    REQUIRE(from_gbk.size() == 1);
    REQUIRE(bool(from_gbk[0].data));
    CHECK(from_gbk[0].problems.empty());
    CHECK(from_gbk[0].data->school_name == from_utf8[0].data->school_name);
    CHECK(from_gbk[0].data->teachers.at(0).name == "张堃");
    CHECK(from_gbk[0].data->points_of(from_gbk[0].data->teachers.at(0)).size() == 2);
}

TEST_CASE("record rules mirror format.md §3, with row, column and pointer") {
    std::string csv = kHeader +
                      /* row 2 */ "S1,一小,B1,T1,甲,语文,-3,abc,A1,已评审,合格,A1,已提交,\r\n"
                      /* row 3 */ "S1,一小,B1,,乙,语文,1,1,,,,,,\r\n"
                      /* row 4 */ "S1,一小,B1,T1,丙,语文,1,1,,,,,,\r\n"
                      /* row 5 */ "S1,一小,B1,T5,丁,语文,600,0,Z9,已评审,合格,B1,已评审,\r\n"
                      /* row 6 */ "S1,一小,B1,T6,戊,语文,1,1,B3,审核中,,C1,已提交,优秀\r\n"
                      /* row 7 */ ",一小,B1,T7,己,语文,1,1,,,,,,\r\n"
                      /* row 8 */ "S1,二小,B1,T8,庚,语文,,,,已提交,,,,\r\n";
    std::vector<BatchLoad> loads = load_csv("rules.csv", csv);
    REQUIRE(loads.size() == 1);
    const BatchLoad& l = loads[0];
    REQUIRE(bool(l.data));
    CHECK(l.status == FileStatus::partial);
    const BatchFile& d = *l.data;
    REQUIRE(d.teachers.size() == 4);  // T1, T5, T6, T8

    const Teacher& t1 = d.teachers[0];
    CHECK(t1.online == 0);
    CHECK(t1.practice == 0);
    const Problem* neg = find_problem(l, "/rows/2/在线学时");
    REQUIRE(neg);
    CHECK(neg->severity == Severity::record);
    CHECK(neg->line == 2);
    CHECK(neg->column == 7);
    CHECK(neg->teacher_id == "T1");
    CHECK(neg->message_zh.find("按 0 计") != std::string::npos);
    CHECK(neg->message_en.find("counted as 0") != std::string::npos);
    REQUIRE(find_problem(l, "/rows/2/实践学时"));
    CHECK(d.points_of(t1).size() == 1);  // the second A1 is skipped
    const Problem* dup_point = find_problem(l, "/rows/2/能力点2");
    REQUIRE(dup_point);
    CHECK(dup_point->column == 12);

    const Problem* no_id = find_problem(l, "/rows/3/教师编号");
    REQUIRE(no_id);
    CHECK(no_id->severity == Severity::record);
    const Problem* dup_teacher = find_problem(l, "/rows/4/教师编号");
    REQUIRE(dup_teacher);
    CHECK(dup_teacher->message_en.find("skipped") != std::string::npos);

    const Teacher& t5 = d.teachers[1];
    CHECK(t5.online == 600);
    const Problem* big = find_problem(l, "/rows/5/在线学时");
    REQUIRE(big);
    CHECK(big->severity == Severity::warning);
    REQUIRE(find_problem(l, "/rows/5/能力点1"));                // unknown code
    REQUIRE(find_problem(l, "/rows/5/等级2"));                  // graded without grade
    CHECK(d.points_of(t5).empty());

    const Teacher& t6 = d.teachers[2];
    REQUIRE(find_problem(l, "/rows/6/状态1"));                  // unknown status
    REQUIRE(d.points_of(t6).size() == 1);
    CHECK(d.points_of(t6)[0].status == PointStatus::submitted);
    CHECK(d.points_of(t6)[0].grade == Grade::none);
    const Problem* ignored_grade = find_problem(l, "/rows/6/等级2");
    REQUIRE(ignored_grade);
    CHECK(ignored_grade->severity == Severity::warning);

    const Problem* no_school = find_problem(l, "/rows/7/学校编号");
    REQUIRE(no_school);
    CHECK(no_school->severity == Severity::record);
    CHECK(no_school->line == 7);

    CHECK(d.school_name == "一小");  // first name wins; a different one is a warning
    const Problem* other_name = find_problem(l, "/rows/8/学校名称");
    REQUIRE(other_name);
    CHECK(other_name->severity == Severity::warning);
    CHECK(d.teachers[3].online == 0);  // empty hours are 0, silently
    CHECK_FALSE(find_problem(l, "/rows/8/在线学时"));
    REQUIRE(find_problem(l, "/rows/8/状态1"));  // a status with no point
}

TEST_CASE("line numbers follow the file when a quoted field spans lines") {
    std::string csv = kHeader + "S1,一小,B1,T1,甲,\"语\n文\",x,1,,,,,,\r\n" + "S1,一小,B1,T2,乙,语文,y,1,,,,,,\r\n";
    std::vector<BatchLoad> loads = load_csv("lines.csv", csv);
    REQUIRE(loads.size() == 1);
    const Problem* first = find_problem(loads[0], "/rows/2/在线学时");
    const Problem* second = find_problem(loads[0], "/rows/3/在线学时");
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->line == 2);
    CHECK(second->line == 4);  // record 3 starts on physical line 4
}

TEST_CASE("row numbers are Excel's: blank rows count") {
    std::string csv = "\r\n" + kHeader + "S1,一小,B1,T1,甲,语文,1,1,,,,,,\r\n,,,,\r\n\r\nS1,一小,B1,T2,乙,语文,x,1,,,,,,\r\n";
    std::vector<BatchLoad> loads = load_csv("blank.csv", csv);
    REQUIRE(loads.size() == 1);
    const Problem* bad = find_problem(loads[0], "/rows/6/在线学时");
    REQUIRE(bad);
    CHECK(bad->line == 6);
    CHECK(loads[0].data->teachers.size() == 2);
}

TEST_CASE("file errors reject the CSV with one error problem") {
    auto rejected = [](const std::string& bytes) {
        std::vector<BatchLoad> loads = load_csv("bad.csv", bytes);
        REQUIRE(loads.size() == 1);
        CHECK_FALSE(bool(loads[0].data));
        CHECK(loads[0].status == FileStatus::rejected);
        REQUIRE_FALSE(loads[0].problems.empty());
        CHECK(loads[0].problems[0].severity == Severity::error);
        CHECK(loads[0].problems[0].file == "bad.csv");
        return loads[0].problems[0];
    };
    Problem missing = rejected("学校编号,学校名称,教师编号,在线学时\r\nS1,一小,T1,3\r\n");
    CHECK(missing.message_zh.find("批次") != std::string::npos);
    CHECK(missing.message_zh.find("姓名") != std::string::npos);
    CHECK(missing.message_en.find("required columns missing") != std::string::npos);
    rejected("");
    rejected("\xFF\xFE" "a\0");
    Problem quote = rejected(kHeader + "S1,\"一小,B1\r\n");
    CHECK(quote.line == 2);
    rejected(kHeader + "\xEF\xBB\xBF\xFF\xFE\xFD");  // neither UTF-8 nor GB18030
    rejected(kHeader + ",,,,,,,,\r\n,一小,,T1,甲\r\n");  // no row has a school and batch
}

TEST_CASE("English headers, extra columns and batch dates") {
    std::string csv = "school_id,school_name,batch,teacher_id,name,online_hours,practice_hours,point1,status1,grade1,"
                      "结束日期,备注\n"
                      "S1,One,B1,T1,Ann,30,30,a1,graded,pass,2022-12-31,x\n"
                      "S1,One,B1,T2,Bob,1,1,,,,2022-13-01,y\n";
    std::vector<BatchLoad> loads = load_csv("en.csv", csv);
    REQUIRE(loads.size() == 1);
    REQUIRE(bool(loads[0].data));
    CHECK(loads[0].status == FileStatus::loaded);  // warnings only
    CHECK(loads[0].data->batch_end == "2022-12-31");
    CHECK(loads[0].data->teachers.size() == 2);
    REQUIRE(loads[0].data->points_of(loads[0].data->teachers[0]).size() == 1);
    CHECK(loads[0].data->points_of(loads[0].data->teachers[0])[0].grade == Grade::pass);
    CHECK(find_problem(loads[0], "/rows/1/备注"));  // unknown column: a warning
    CHECK(find_problem(loads[0], "/rows/3/结束日期"));
}

TEST_CASE("load_csv_single keeps the first group and says so") {
    std::string csv = kHeader + "S1,一小,B1,T1,甲,1,1,,,,,,,\r\nS2,二小,B1,T2,乙,1,1,,,,,,,\r\n";
    BatchLoad one = load_csv_single("two.csv", csv);
    REQUIRE(bool(one.data));
    CHECK(one.data->school_id == "S1");
    REQUIRE_FALSE(one.problems.empty());
    CHECK(one.problems.back().message_en.find("only the first") != std::string::npos);
}

TEST_CASE("looks_like_csv: by extension or by the header") {
    CHECK(looks_like_csv("x.CSV", "{}"));
    CHECK(looks_like_csv("export", kHeader));
    CHECK(looks_like_csv("export.txt", to_gb18030(kHeader)));
    CHECK_FALSE(looks_like_csv("a.json", "{\"format\":\"it2-batch\"}"));
    CHECK_FALSE(looks_like_csv("notes.txt", "hello,world\n"));
}

TEST_CASE("csv_rows_of_school keeps the header and only that school's rows") {
    std::string csv = to_gb18030(kHeader + "S1,一小,B1,T1,甲,1,1,,,,,,,\r\nS2,二小,B1,T2,乙,1,1,,,,,,,\r\n"
                                           "S1,一小,B2,T3,\"丙\n丁\",1,1,,,,,,,\r\n");
    std::string mine = csv_rows_of_school(csv, "S1");
    REQUIRE_FALSE(mine.empty());
    CHECK(mine.substr(0, 3) == "\xEF\xBB\xBF");
    std::vector<BatchLoad> loads = load_csv("mine.csv", mine);
    REQUIRE(loads.size() == 2);
    for (const BatchLoad& l : loads) CHECK(l.data->school_id == "S1");
    CHECK(loads[1].data->teachers.at(0).name == "丙\n丁");
    CHECK(mine.find("二小") == std::string::npos);
    CHECK(csv_rows_of_school(csv, "S9").empty());
}

TEST_CASE("the downloadable template loads without problems") {
    std::string path = std::string(IT2_SOURCE_DIR) + "/data/templates/it2-template.csv";
    FILE* f = std::fopen(path.c_str(), "rb");
    REQUIRE(f);
    std::string bytes;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.append(buf, n);
    std::fclose(f);
    CHECK(bytes.substr(0, 3) == "\xEF\xBB\xBF");
    CHECK(bytes == csv_template());  // the page offers csv_template(); the repo file must match
    std::vector<BatchLoad> loads = load_csv("it2-template.csv", bytes);
    REQUIRE(loads.size() == 1);
    REQUIRE(bool(loads[0].data));
    CHECK(loads[0].status == FileStatus::loaded);
    CHECK(loads[0].problems.empty());
    CHECK(loads[0].data->teachers.size() == 2);
}

TEST_CASE("Workspace::add takes a platform CSV as one entry per school and batch") {
    it2::Workspace ws;
    ws.add("a.json", R"({"format":"it2-batch","version":1,"school":{"id":"S0","name":"甲"},"batch":{"id":"B1"},"teachers":[]})");
    const std::string csv =
        "学校编号,学校名称,批次,教师编号,姓名,学科,在线学时,实践学时\n"
        "S1,一小,2024-1,T1,张三,语文,30,26\n"
        "S2,二小,2024-1,T2,李四,数学,5,0\n";
    ws.add("platform.csv", csv);
    REQUIRE(ws.files.size() == 3);
    CHECK(ws.files[1].data->school_id == "S1");
    CHECK(ws.files[2].data->school_id == "S2");
    CHECK(ws.files[2].data->teachers.at(0).online == doctest::Approx(5));
    it2::Merged merged = it2::merge(ws);
    CHECK(merged.teachers.size() == 2);
}

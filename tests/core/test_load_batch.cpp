// The batch-file loader against format.md §1 and §3: every problem kind with its pointer,
// and line/column worked out by hand (columns count characters, so 彭瑶 is two columns).
#include <doctest/doctest.h>

#include <string>

#include "json_doc.h"
#include "load_batch.h"

using namespace it2;

namespace {

// The problem at `pointer` (nullptr when there is none).
const Problem* problem_at(const Problems& problems, const std::string& pointer) {
    for (const Problem& p : problems)
        if (p.pointer == pointer) return &p;
    return nullptr;
}

int count(const Problems& problems, Severity severity) {
    int n = 0;
    for (const Problem& p : problems) n += p.severity == severity ? 1 : 0;
    return n;
}

// A minimal valid header around a teachers array given as text (teachers start on line 4).
std::string with_teachers(const std::string& teachers) {
    return "{\"format\": \"it2-batch\", \"version\": 1,\n"
           " \"school\": {\"id\": \"S1\", \"name\": \"一小\"},\n"
           " \"batch\": {\"id\": \"2022-1\", \"start\": \"2022-03-01\", \"end\": \"2022-12-31\"},\n"
           " \"teachers\": [\n" +
           teachers + "\n]}\n";
}

const char* kExample = R"J({
  "format": "it2-batch",
  "version": 1,
  "district": { "code": "500110", "name": "綦江区" },
  "school": {
    "id": "500110-0012",
    "name": "綦江区通惠小学",
    "stage": "小学",
    "environment": "B",
    "deliverables": {
      "management_team": "2022-03-02",
      "development_plan": "2022-03-10",
      "training_plan": null
    }
  },
  "batch": { "id": "2022-1", "name": "第一批", "start": "2022-03-01", "end": "2022-12-31" },
  "activities": [
    { "date": "2022-04-12", "title": "能力点选点指导", "hours": 2, "participants": 46 }
  ],
  "teachers": [
    {
      "id": "50011000123",
      "name": "彭瑶",
      "subject": "语文",
      "role": "教师",
      "hours": { "online": 28.5, "practice": 26 },
      "points": [
        { "code": "A1", "status": "graded", "grade": "合格", "reviewed": "2022-10-02",
          "items": [ { "title": "教学设计", "grade": "优秀" }, { "title": "教学反思", "grade": "合格" } ] },
        { "code": "A6", "status": "submitted", "submitted": "2022-10-20" },
        { "code": "B2", "status": "selected" }
      ]
    }
  ]
}
)J";

}  // namespace

TEST_CASE("the format.md example loads with no problems and every field read") {
    BatchLoad load = load_batch("tonghui-2022-1.json", kExample);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::loaded);
    CHECK(load.problems.empty());
    const BatchFile& f = *load.data;
    CHECK(f.file == "tonghui-2022-1.json");
    CHECK(f.district_code == "500110");
    CHECK(f.district_name == "綦江区");
    CHECK(f.school_id == "500110-0012");
    CHECK(f.school_name == "綦江区通惠小学");
    CHECK(f.school_stage == "小学");
    CHECK(f.environment == 'B');
    CHECK(f.management_team.present);
    CHECK(f.management_team.date == "2022-03-02");
    CHECK(f.development_plan.present);
    CHECK_FALSE(f.training_plan.present);
    CHECK(f.batch_id == "2022-1");
    CHECK(f.batch_name == "第一批");
    CHECK(f.batch_start == "2022-03-01");
    CHECK(f.batch_end == "2022-12-31");
    REQUIRE(f.activities.size() == 1);
    CHECK(f.activities[0].date == "2022-04-12");
    CHECK(f.activities[0].hours == 2);
    CHECK(f.activities[0].participants == 46);
    REQUIRE(f.teachers.size() == 1);
    const Teacher& t = f.teachers[0];
    CHECK(t.id == "50011000123");
    CHECK(t.name == "彭瑶");
    CHECK(t.subject == "语文");
    CHECK(t.role == "教师");
    CHECK(t.online == 28.5);
    CHECK(t.practice == 26);
    CHECK(t.index == 0);
    CHECK(t.line == 21);
    CHECK(t.column == 5);
    REQUIRE(f.points_of(t).size() == 3);
    CHECK(f.points_of(t)[0].point == point_index("A1"));
    CHECK(f.points_of(t)[0].status == PointStatus::graded);
    CHECK(f.points_of(t)[0].grade == Grade::pass);  // 优秀 + 合格 items: 合格, agreeing with the grade
    CHECK(iso_date(f.points_of(t)[0].reviewed) == "2022-10-02");
    const ItemRange items = load.data->items_of(f.points_of(t)[0]);
    REQUIRE(items.size() == 2);
    CHECK(items[0].title == "教学设计");
    CHECK(items[0].grade == Grade::excellent);
    CHECK(f.points_of(t)[1].status == PointStatus::submitted);
    CHECK(iso_date(f.points_of(t)[1].submitted) == "2022-10-20");
    CHECK(f.points_of(t)[1].grade == Grade::none);
    CHECK(f.points_of(t)[2].point == point_index("B2"));
    CHECK(f.points_of(t)[2].status == PointStatus::selected);
}

TEST_CASE("a UTF-8 byte-order mark is ignored, and positions are counted after it") {
    std::string text = with_teachers("  {\"id\": \"T1\", \"name\": \"彭瑶\", \"hours\": {\"online\": \"28.5\"}}");
    BatchLoad plain = load_batch("a.json", text);
    BatchLoad bom = load_batch("a.json", "\xEF\xBB\xBF" + text);
    REQUIRE(bool(bom.data));
    CHECK(bom.status == FileStatus::partial);
    REQUIRE(bom.problems.size() == 1);
    REQUIRE(plain.problems.size() == 1);
    CHECK(bom.problems[0].line == 5);
    CHECK(bom.problems[0].column == 50);
    CHECK(bom.problems[0].line == plain.problems[0].line);
    CHECK(bom.problems[0].column == plain.problems[0].column);
    CHECK(bom.data->school_id == "S1");
}

TEST_CASE("numbers given as strings and negative hours count as 0, with a record problem each") {
    // Line 5, column 50 is the opening quote of "28.5"; column 70 is the minus of -2.
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"彭瑶\", \"hours\": {\"online\": \"28.5\", \"practice\": -2}},\n"
        "  {\"id\": \"T2\", \"name\": \"李四\", \"hours\": {\"online\": true, \"practice\": null}}");
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::partial);
    REQUIRE(load.data->teachers.size() == 2);  // both teachers stay visible
    CHECK(load.data->teachers[0].online == 0);
    CHECK(load.data->teachers[0].practice == 0);

    const Problem* online = problem_at(load.problems, "/teachers/0/hours/online");
    REQUIRE(online);
    CHECK(online->severity == Severity::record);
    CHECK(online->file == "a.json");
    CHECK(online->line == 5);
    CHECK(online->column == 50);
    CHECK(online->teacher_id == "T1");
    CHECK(online->message_zh == "一小，第 1 位教师（彭瑶，T1）的在线学时：\"28.5\" 不是数字，按 0 计");
    CHECK(online->message_en == "一小, teacher 1 (彭瑶, T1), online hours: \"28.5\" is not a number; counted as 0");

    const Problem* practice = problem_at(load.problems, "/teachers/0/hours/practice");
    REQUIRE(practice);
    CHECK(practice->severity == Severity::record);
    CHECK(practice->line == 5);
    CHECK(practice->column == 70);
    CHECK(practice->message_en == "一小, teacher 1 (彭瑶, T1), practice hours: -2 is negative; counted as 0");

    CHECK(problem_at(load.problems, "/teachers/1/hours/online"));
    CHECK(problem_at(load.problems, "/teachers/1/hours/practice"));  // null is not a number either
    CHECK(count(load.problems, Severity::record) == 4);
}

TEST_CASE("absent hours are 0 without a problem — hours above 500 are kept with a warning") {
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"甲\"},\n"
        "  {\"id\": \"T2\", \"name\": \"乙\", \"hours\": {\"online\": 612, \"practice\": 500}}");
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::loaded);  // a warning keeps the file `loaded`
    CHECK(load.data->teachers[0].online == 0);
    CHECK(load.data->teachers[1].online == 612);
    CHECK(load.data->teachers[1].practice == 500);
    REQUIRE(load.problems.size() == 1);
    const Problem& p = load.problems[0];
    CHECK(p.severity == Severity::warning);
    CHECK(p.pointer == "/teachers/1/hours/online");
    CHECK(p.line == 6);
    CHECK(p.column == 49);
    CHECK(p.teacher_id == "T2");
}

TEST_CASE("1e400 is out of range: a record problem and 0, not inf and not a rejected file") {
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"甲\", \"hours\": {\"online\": 1e400, \"practice\": -1E+999}, \"x\": 9e9999}");
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::partial);
    const Teacher& t = load.data->teachers[0];
    CHECK(t.online == 0);
    CHECK(t.practice == 0);
    const Problem* online = problem_at(load.problems, "/teachers/0/hours/online");
    REQUIRE(online);
    CHECK(online->severity == Severity::record);
    CHECK(online->line == 5);
    CHECK(online->column == 49);
    CHECK(online->message_en == "一小, teacher 1 (甲, T1), online hours: 1e400 is out of range; counted as 0");
    CHECK(online->message_zh == "一小，第 1 位教师（甲，T1）的在线学时：1e400 超出数值范围，按 0 计");
    CHECK(online->teacher_name == "甲");
    CHECK(online->school == "一小");
    const Problem* practice = problem_at(load.problems, "/teachers/0/hours/practice");
    REQUIRE(practice);
    CHECK(practice->message_en == "一小, teacher 1 (甲, T1), practice hours: -1E+999 is out of range; counted as 0");
    CHECK(load.problems.size() == 2);  // the unknown field "x" is ignored, whatever it holds
}

TEST_CASE("a file with very many out-of-range numbers is rejected with a clear error") {
    std::string many;
    for (int i = 0; i < 40; ++i) many += (i ? ", " : "") + std::string("1e400");
    std::string text = with_teachers("  {\"id\": \"T1\", \"name\": \"甲\", \"x\": [" + many + "]}");
    BatchLoad load = load_batch("a.json", text);
    CHECK_FALSE(bool(load.data));
    CHECK(load.status == FileStatus::rejected);
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].severity == Severity::error);
    CHECK(load.problems[0].message_en.find("out of range") != std::string::npos);
}

TEST_CASE("invalid UTF-8 rejects the file, naming the line and column of the bad byte") {
    // GBK bytes for 彭 (0xC5 0xED) on line 2, after ` "school": {"id": "S1", "name": "`.
    std::string text =
        "{\"format\": \"it2-batch\", \"version\": 1,\n"
        " \"school\": {\"id\": \"S1\", \"name\": \"\xC5\xED\"},\n"
        " \"batch\": {\"id\": \"b\"}, \"teachers\": []}";
    BatchLoad load = load_batch("gbk.json", text);
    CHECK_FALSE(bool(load.data));
    CHECK(load.status == FileStatus::rejected);
    REQUIRE(load.problems.size() == 1);
    const Problem& p = load.problems[0];
    CHECK(p.severity == Severity::error);
    CHECK(p.pointer == "");
    CHECK(p.line == 2);
    CHECK(p.column == 34);
    CHECK(p.message_en.find("not UTF-8") != std::string::npos);
    CHECK(p.message_en.find("0xC5") != std::string::npos);
    CHECK(p.message_zh.find("UTF-8") != std::string::npos);

    // Overlong forms, surrogates and bytes above U+10FFFF are not UTF-8 either.
    for (const char* bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xE4\xBD"}) {
        std::string doc = "{\"x\": \"" + std::string(bad) + "\"}";
        CHECK(first_invalid_utf8(doc) == 7);
        CHECK(load_batch("b.json", doc).problems[0].message_en.find("not UTF-8") != std::string::npos);
    }
    CHECK(first_invalid_utf8("彭瑶 𠀀 ok") == std::string_view::npos);
}

TEST_CASE("truncated JSON, NaN and an empty file are not JSON: the file is rejected") {
    std::string whole = with_teachers("  {\"id\": \"T1\", \"name\": \"甲\"}");
    std::string cut = whole.substr(0, whole.find("\"甲\"") + 4);  // ends inside the name
    BatchLoad truncated = load_batch("cut.json", cut);
    CHECK_FALSE(bool(truncated.data));
    REQUIRE(truncated.problems.size() == 1);
    CHECK(truncated.problems[0].severity == Severity::error);
    CHECK(truncated.problems[0].message_en.find("truncated") != std::string::npos);
    CHECK(truncated.problems[0].line == 5);
    CHECK(truncated.problems[0].column == 26);  // just after the last character

    BatchLoad nan = load_batch("nan.json", with_teachers("  {\"id\": \"T1\", \"name\": \"甲\", \"hours\": {\"online\": NaN}}"));
    CHECK_FALSE(bool(nan.data));
    REQUIRE(nan.problems.size() == 1);
    CHECK(nan.problems[0].severity == Severity::error);
    CHECK(nan.problems[0].line == 5);
    CHECK(nan.problems[0].column == 49);
    CHECK(nan.problems[0].message_en.rfind("not valid JSON", 0) == 0);

    BatchLoad empty = load_batch("empty.json", "  \n");
    CHECK_FALSE(bool(empty.data));
    REQUIRE(empty.problems.size() == 1);
    CHECK(empty.problems[0].message_en.find("empty") != std::string::npos);

    BatchLoad trailing = load_batch("t.json", whole + "x");
    CHECK_FALSE(bool(trailing.data));
}

TEST_CASE("100,000 levels of nesting do not crash: the file is rejected at a sane depth") {
    std::string deep(100000, '[');
    deep += std::string(100000, ']');
    BatchLoad load = load_batch("deep.json", deep);
    CHECK_FALSE(bool(load.data));
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].severity == Severity::error);
    CHECK(load.problems[0].line == 1);
    CHECK(load.problems[0].column == int(kMaxJsonDepth) + 1);
    CHECK(load.problems[0].message_en.find("nested deeper") != std::string::npos);

    // The same inside an unknown field of a valid file, with objects.
    std::string objects;
    for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
    objects += "1" + std::string(100000, '}');
    BatchLoad inside = load_batch("deep2.json", with_teachers("  {\"id\": \"T1\", \"name\": \"甲\", \"x\": " + objects + "}"));
    CHECK_FALSE(bool(inside.data));
    CHECK(inside.status == FileStatus::rejected);

    // Unknown fields nested a little are fine.
    std::string some;
    for (int i = 0; i < 100; ++i) some += "[";
    some += std::string(100, ']');
    BatchLoad fine = load_batch("ok.json", with_teachers("  {\"id\": \"T1\", \"name\": \"甲\", \"x\": " + some + "}"));
    CHECK(fine.status == FileStatus::loaded);
}

TEST_CASE("file errors: each rejects the whole file with a pointer") {
    struct Case {
        const char* name;
        std::string text;
        const char* pointer;
        int line, column;
    };
    const Case cases[] = {
        {"top level array", "[1, 2]", "", 1, 1},
        {"unknown format", "{\"format\": \"it2-roster\", \"version\": 1}", "/format", 1, 12},
        {"no format", "{\"version\": 1}", "/format", 1, 1},
        {"unknown version", "{\"format\": \"it2-batch\",\n \"version\": 2}", "/version", 2, 13},
        {"version as text", "{\"format\": \"it2-batch\", \"version\": \"1\"}", "/version", 1, 36},
        {"no school.id",
         "{\"format\": \"it2-batch\", \"version\": 1,\n \"school\": {\"name\": \"x\"}, \"batch\": {\"id\": \"b\"}, \"teachers\": []}",
         "/school/id", 2, 12},
        {"school.id not text",
         "{\"format\": \"it2-batch\", \"version\": 1, \"school\": {\"id\": 12}, \"batch\": {\"id\": \"b\"}, \"teachers\": []}",
         "/school/id", 1, 56},
        {"no batch.id",
         "{\"format\": \"it2-batch\", \"version\": 1, \"school\": {\"id\": \"s\"}, \"batch\": {}, \"teachers\": []}",
         "/batch/id", 1, 71},
        {"no batch", "{\"format\": \"it2-batch\", \"version\": 1, \"school\": {\"id\": \"s\"}, \"teachers\": []}",
         "/batch/id", 1, 1},
        {"no teachers", "{\"format\": \"it2-batch\", \"version\": 1, \"school\": {\"id\": \"s\"}, \"batch\": {\"id\": \"b\"}}",
         "/teachers", 1, 1},
        {"teachers not an array",
         "{\"format\": \"it2-batch\", \"version\": 1, \"school\": {\"id\": \"s\"}, \"batch\": {\"id\": \"b\"}, \"teachers\": {}}",
         "/teachers", 1, 96},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        BatchLoad load = load_batch("f.json", c.text);
        CHECK_FALSE(bool(load.data));
        CHECK(load.status == FileStatus::rejected);
        REQUIRE(load.problems.size() >= 1);
        const Problem& p = load.problems[0];
        CHECK(p.severity == Severity::error);
        CHECK(p.file == "f.json");
        CHECK(p.pointer == c.pointer);
        CHECK(p.line == c.line);
        CHECK(p.column == c.column);
        CHECK_FALSE(p.message_zh.empty());
        CHECK(p.message_en.find("not loaded") != std::string::npos);
    }
    // Both ids missing: both reasons are given.
    BatchLoad both = load_batch("f.json", "{\"format\": \"it2-batch\", \"version\": 1, \"school\": {}, \"batch\": {}, \"teachers\": []}");
    CHECK(both.problems.size() == 2);
    CHECK(count(both.problems, Severity::error) == 2);
}

TEST_CASE("a rejected file reports only why it was rejected, not its record problems") {
    std::string text = with_teachers("  {\"id\": \"T1\", \"name\": \"甲\", \"hours\": {\"online\": -1}}");
    text.replace(text.find("\"version\": 1"), 12, "\"version\": 3");
    BatchLoad load = load_batch("v3.json", text);
    CHECK_FALSE(bool(load.data));
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].pointer == "/version");
}

TEST_CASE("record errors on teachers: no id, no name, an id used twice in the file") {
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"甲\"},\n"     // line 5
        "  {\"name\": \"乙\"},\n"                     // line 6: no id
        "  {\"id\": \"T3\"},\n"                       // line 7: no name
        "  {\"id\": \"T1\", \"name\": \"丙\"},\n"     // line 8: duplicate of line 5
        "  {\"id\": 42, \"name\": \"丁\"},\n"         // line 9: id not text
        "  \"T5\"");                                  // line 10: not an object
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::partial);
    REQUIRE(load.data->teachers.size() == 1);
    CHECK(load.data->teachers[0].name == "甲");  // the first T1 stays

    const Problem* no_id = problem_at(load.problems, "/teachers/1/id");
    REQUIRE(no_id);
    CHECK(no_id->severity == Severity::record);
    CHECK(no_id->line == 6);
    CHECK(no_id->column == 3);
    CHECK(no_id->message_en == "一小, teacher 2, teacher id: the teacher has no id; the teacher is skipped");

    const Problem* no_name = problem_at(load.problems, "/teachers/2/name");
    REQUIRE(no_name);
    CHECK(no_name->line == 7);
    CHECK(no_name->column == 3);
    CHECK(no_name->teacher_id == "T3");

    const Problem* duplicate = problem_at(load.problems, "/teachers/3/id");
    REQUIRE(duplicate);
    CHECK(duplicate->severity == Severity::record);
    CHECK(duplicate->line == 8);
    CHECK(duplicate->column == 10);
    CHECK(duplicate->teacher_id == "T1");
    CHECK(duplicate->message_zh.find("已用于第 1 位教师") != std::string::npos);
    CHECK(duplicate->message_zh.find("/teachers") == std::string::npos);  // people's words, not a pointer

    const Problem* numeric = problem_at(load.problems, "/teachers/4/id");
    REQUIRE(numeric);
    CHECK(numeric->column == 10);
    CHECK(problem_at(load.problems, "/teachers/5"));
    CHECK(count(load.problems, Severity::record) == 5);
}

TEST_CASE("record errors on points: unknown code, unknown status, repeated code, graded without a grade") {
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"甲\", \"points\": [\n"
        "    {\"code\": \"a1\", \"status\": \"graded\", \"grade\": \"pass\"},\n"  // line 6: kept (code case-insensitive)
        "    {\"code\": \"D1\", \"status\": \"selected\"},\n"                     // line 7: unknown code
        "    {\"code\": \"A2\", \"status\": \"done\"},\n"                         // line 8: unknown status
        "    {\"code\": \"A1\", \"status\": \"selected\"},\n"                     // line 9: repeated
        "    {\"code\": \"A3\", \"status\": \"graded\"},\n"                       // line 10: no grade
        "    {\"code\": \"A4\", \"status\": \"graded\", \"grade\": \"good\"},\n"  // line 11: unusable grade
        "    {\"code\": \"A5\", \"status\": \"Graded\", \"grade\": \"pass\"},\n"  // line 12: statuses are exact
        "    {\"status\": \"selected\"},\n"                                       // line 13: no code
        "    7\n"                                                                 // line 14: not an object
        "  ]}");
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::partial);
    REQUIRE(load.data->teachers.size() == 1);
    const Teacher& t = load.data->teachers[0];
    REQUIRE(load.data->points_of(t).size() == 1);
    CHECK(load.data->points_of(t)[0].point == point_index("A1"));
    CHECK(load.data->points_of(t)[0].grade == Grade::pass);

    const Problem* code = problem_at(load.problems, "/teachers/0/points/1/code");
    REQUIRE(code);
    CHECK(code->severity == Severity::record);
    CHECK(code->line == 7);
    CHECK(code->column == 14);
    CHECK(code->teacher_id == "T1");
    CHECK(code->message_zh.find("已跳过该能力点") != std::string::npos);

    const Problem* status = problem_at(load.problems, "/teachers/0/points/2/status");
    REQUIRE(status);
    CHECK(status->line == 8);
    CHECK(status->column == 30);

    const Problem* repeated = problem_at(load.problems, "/teachers/0/points/3/code");
    REQUIRE(repeated);
    CHECK(repeated->line == 9);
    CHECK(repeated->message_en == "一小, teacher 1 (甲, T1), point 4, code: point A1 is listed twice for this teacher; this entry is skipped");

    const Problem* no_grade = problem_at(load.problems, "/teachers/0/points/4");
    REQUIRE(no_grade);
    CHECK(no_grade->line == 10);
    CHECK(no_grade->column == 5);
    CHECK(no_grade->severity == Severity::record);

    const Problem* bad_grade = problem_at(load.problems, "/teachers/0/points/5/grade");
    REQUIRE(bad_grade);
    CHECK(bad_grade->severity == Severity::record);

    CHECK(problem_at(load.problems, "/teachers/0/points/6/status"));
    CHECK(problem_at(load.problems, "/teachers/0/points/7/code"));
    CHECK(problem_at(load.problems, "/teachers/0/points/8"));
    CHECK(count(load.problems, Severity::record) == 8);
}

TEST_CASE("a point's grade comes from its items: 优秀 only if all, 不合格 if any, else 合格") {
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"甲\", \"points\": [\n"
        "    {\"code\": \"A1\", \"status\": \"graded\", \"items\": [{\"grade\": \"优秀\"}, {\"grade\": \"excellent\"}]},\n"
        "    {\"code\": \"A2\", \"status\": \"graded\", \"items\": [{\"grade\": \"优秀\"}, {\"grade\": \"不合格\"}]},\n"
        "    {\"code\": \"A3\", \"status\": \"graded\", \"items\": [{\"grade\": \"优秀\"}, {\"grade\": \"pass\"}]},\n"
        "    {\"code\": \"A4\", \"status\": \"graded\", \"grade\": \"fail\", \"items\": []}\n"
        "  ]}");
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::loaded);
    CHECK(load.problems.empty());
    const auto& points = load.data->points_of(load.data->teachers[0]);
    REQUIRE(points.size() == 4);
    CHECK(points[0].grade == Grade::excellent);
    CHECK(points[1].grade == Grade::fail);
    CHECK(points[2].grade == Grade::pass);
    CHECK(points[3].grade == Grade::fail);  // no items: the explicit grade
}

TEST_CASE("items: a disagreeing grade is a warning and the items win — an item without a grade drops the items") {
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"甲\", \"points\": [\n"
        "    {\"code\": \"A1\", \"status\": \"graded\", \"grade\": \"优秀\", \"items\": [{\"grade\": \"合格\"}]},\n"  // line 6
        "    {\"code\": \"A2\", \"status\": \"graded\", \"grade\": \"合格\", \"items\": [{\"grade\": \"优秀\"}, {\"title\": \"x\"}]},\n"  // line 7
        "    {\"code\": \"A3\", \"status\": \"graded\", \"items\": [{\"grade\": \"优\"}]}\n"  // line 8: nothing usable
        "  ]}");
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::partial);
    const auto& points = load.data->points_of(load.data->teachers[0]);
    REQUIRE(points.size() == 2);
    CHECK(points[0].grade == Grade::pass);  // the items win over 优秀
    CHECK(points[1].grade == Grade::pass);  // items ignored, the grade used
    CHECK(load.data->items_of(points[1]).empty());
    CHECK(load.data->items.size() == 1);  // point 0's: the ignored items are not kept either

    const Problem* disagree = problem_at(load.problems, "/teachers/0/points/0/grade");
    REQUIRE(disagree);
    CHECK(disagree->severity == Severity::warning);
    CHECK(disagree->line == 6);
    CHECK(disagree->column == 49);
    CHECK(disagree->message_en == "一小, teacher 1 (甲, T1), point 1, grade: point A1 has the grade excellent but its items give pass; the items win");

    const Problem* item = problem_at(load.problems, "/teachers/0/points/1/items/1");
    REQUIRE(item);
    CHECK(item->severity == Severity::record);
    CHECK(item->line == 7);
    CHECK(item->column == 82);
    CHECK(item->message_en.find("items are ignored and its grade (pass) is used") != std::string::npos);

    const Problem* skipped = problem_at(load.problems, "/teachers/0/points/2");
    REQUIRE(skipped);
    CHECK(skipped->severity == Severity::record);
    CHECK(load.problems.size() == 3);
}

TEST_CASE("a grade on a point that is not graded is ignored with a warning") {
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"甲\", \"points\": [{\"code\": \"B2\", \"status\": \"submitted\", \"grade\": \"优秀\"}]}");
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::loaded);
    REQUIRE(load.problems.size() == 1);
    const Problem& p = load.problems[0];
    CHECK(p.severity == Severity::warning);
    CHECK(p.pointer == "/teachers/0/points/0/grade");
    CHECK(p.line == 5);
    CHECK(p.column == 87);
    CHECK(p.teacher_id == "T1");
    CHECK(load.data->points_of(load.data->teachers[0])[0].grade == Grade::none);
    CHECK(load.data->points_of(load.data->teachers[0])[0].status == PointStatus::submitted);
}

TEST_CASE("activities: a missing or invalid date skips the activity — a date outside the batch is a warning") {
    std::string text =
        "{\"format\": \"it2-batch\", \"version\": 1, \"school\": {\"id\": \"S1\", \"name\": \"一小\"},\n"
        " \"batch\": {\"id\": \"2022-1\", \"start\": \"2022-03-01\", \"end\": \"2022-12-31\"},\n"
        " \"activities\": [\n"
        "  {\"date\": \"2022-04-12\", \"hours\": 2},\n"  // line 4: fine
        "  {\"date\": \"2022-02-29\"},\n"                // line 5: not a calendar date
        "  {\"title\": \"no date\"},\n"                  // line 6
        "  {\"date\": \"2023-01-05\"},\n"                // line 7: after the batch
        "  {\"date\": \"2022-4-1\"}\n"                   // line 8
        " ],\n"
        " \"teachers\": []}";
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::partial);
    REQUIRE(load.data->activities.size() == 2);
    CHECK(load.data->activities[1].date == "2023-01-05");

    const Problem* invalid = problem_at(load.problems, "/activities/1/date");
    REQUIRE(invalid);
    CHECK(invalid->severity == Severity::record);
    CHECK(invalid->line == 5);
    CHECK(invalid->column == 12);
    const Problem* missing = problem_at(load.problems, "/activities/2/date");
    REQUIRE(missing);
    CHECK(missing->line == 6);
    CHECK(missing->column == 3);
    const Problem* outside = problem_at(load.problems, "/activities/3/date");
    REQUIRE(outside);
    CHECK(outside->severity == Severity::warning);
    CHECK(outside->line == 7);
    CHECK(outside->column == 12);
    CHECK(problem_at(load.problems, "/activities/4/date"));
    CHECK(load.problems.size() == 4);
}

TEST_CASE("point dates outside the batch are warnings — invalid dates are dropped with a warning") {
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"甲\", \"points\": [\n"
        "    {\"code\": \"A1\", \"status\": \"graded\", \"grade\": \"pass\", \"reviewed\": \"2023-01-02\"},\n"  // line 6
        "    {\"code\": \"A2\", \"status\": \"submitted\", \"submitted\": \"2022-02-28\"},\n"  // line 7
        "    {\"code\": \"A3\", \"status\": \"submitted\", \"submitted\": \"2024-02-29\"},\n"  // leap day, after the batch
        "    {\"code\": \"A4\", \"status\": \"submitted\", \"submitted\": \"2022-13-01\"}\n"
        "  ]}");
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::loaded);
    const auto& points = load.data->points_of(load.data->teachers[0]);
    REQUIRE(points.size() == 4);
    CHECK(iso_date(points[0].reviewed) == "2023-01-02");
    CHECK(points[3].submitted == kNoDay);

    const Problem* reviewed = problem_at(load.problems, "/teachers/0/points/0/reviewed");
    REQUIRE(reviewed);
    CHECK(reviewed->severity == Severity::warning);
    CHECK(reviewed->line == 6);
    CHECK(reviewed->column == 69);
    CHECK(reviewed->teacher_id == "T1");
    const Problem* early = problem_at(load.problems, "/teachers/0/points/1/submitted");
    REQUIRE(early);
    CHECK(early->line == 7);
    CHECK(problem_at(load.problems, "/teachers/0/points/2/submitted"));
    CHECK(problem_at(load.problems, "/teachers/0/points/3/submitted"));
    CHECK(load.problems.size() == 4);
    // Problems come in file order.
    for (size_t i = 1; i < load.problems.size(); ++i) CHECK(load.problems[i - 1].line <= load.problems[i].line);
}

TEST_CASE("deliverables: a date, true, null, absent, and values that are none of these") {
    std::string text =
        "{\"format\": \"it2-batch\", \"version\": 1, \"batch\": {\"id\": \"b\"}, \"teachers\": [],\n"
        " \"school\": {\"id\": \"S1\", \"name\": \"一小\", \"deliverables\": {\n"
        "   \"management_team\": true, \"development_plan\": \"2022-02-30\", \"training_plan\": \"2022-03-01\"}}}";
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::loaded);
    CHECK(load.data->management_team.present);
    CHECK(load.data->management_team.date.empty());
    CHECK_FALSE(load.data->development_plan.present);
    CHECK(load.data->training_plan.present);
    CHECK(load.data->training_plan.date == "2022-03-01");
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].pointer == "/school/deliverables/development_plan");
    CHECK(load.problems[0].severity == Severity::warning);
    CHECK(load.problems[0].line == 3);
    CHECK(load.problems[0].column == 49);
}

TEST_CASE("unknown fields are ignored at every level, and later duplicates of a key win") {
    std::string text =
        "{\"format\": \"it2-batch\", \"version\": 1, \"future\": {\"a\": [1, 2, {\"b\": null}]},\n"
        " \"school\": {\"id\": \"old\", \"id\": \"S1\", \"name\": \"一小\", \"extra\": 1},\n"
        " \"batch\": {\"id\": \"b\", \"colour\": \"red\"},\n"
        " \"teachers\": [{\"id\": \"X\", \"name\": \"x\"}],\n"
        " \"teachers\": [{\"id\": \"T1\", \"name\": \"甲\", \"shoe\": 42,\n"
        "   \"hours\": {\"online\": 1, \"practice\": 2, \"other\": \"x\"},\n"
        "   \"points\": [{\"code\": \"C7\", \"status\": \"selected\", \"note\": [true]}]}]}";
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::loaded);
    CHECK(load.problems.empty());
    CHECK(load.data->school_id == "S1");
    REQUIRE(load.data->teachers.size() == 1);
    CHECK(load.data->teachers[0].id == "T1");
    CHECK(load.data->points_of(load.data->teachers[0])[0].point == point_index("C7"));
}

TEST_CASE("an empty teachers array is a valid file") {
    BatchLoad load = load_batch("a.json", with_teachers(""));
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::loaded);
    CHECK(load.data->teachers.empty());
}

TEST_CASE("every problem has both messages, and teacher-level problems name the teacher") {
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"甲\", \"hours\": 12, \"points\": {\"A1\": 1}, \"subject\": 3},\n"
        "  {\"id\": \"T2\", \"name\": \"乙\", \"points\": [{\"code\": \"A1\", \"status\": \"graded\", \"grade\": \"pass\", \"items\": 5}]}");
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    CHECK(load.status == FileStatus::partial);
    CHECK(load.problems.size() == 4);
    for (const Problem& p : load.problems) {
        CAPTURE(p.pointer);
        CHECK_FALSE(p.message_zh.empty());
        CHECK_FALSE(p.message_en.empty());
        CHECK(p.line > 0);
        CHECK(p.column > 0);
        CHECK(p.teacher_id == (p.pointer.rfind("/teachers/0", 0) == 0 ? "T1" : "T2"));
    }
    CHECK(problem_at(load.problems, "/teachers/0/hours")->severity == Severity::record);
    CHECK(problem_at(load.problems, "/teachers/0/points")->severity == Severity::record);
    CHECK(problem_at(load.problems, "/teachers/0/subject")->severity == Severity::warning);
    CHECK(problem_at(load.problems, "/teachers/1/points/0/items")->severity == Severity::warning);
    CHECK(load.data->points_of(load.data->teachers[1])[0].grade == Grade::pass);
}

TEST_CASE("sniff_format tells the kinds of file apart") {
    CHECK(sniff_format(kExample) == "it2-batch");
    CHECK(sniff_format("{\"format\": \"it2-policy\", \"version\": 1}") == "it2-policy");
    CHECK(sniff_format("[1]") == "");
    CHECK(sniff_format("not json") == "");
}

TEST_CASE("line index: lines, characters and repeated questions in any order") {
    LineIndex lines("ab\n彭瑶x\n\nz");
    CHECK(lines.at(0).line == 1);
    CHECK(lines.at(0).column == 1);
    CHECK(lines.at(9).line == 2);  // 'x' after two 3-byte characters
    CHECK(lines.at(9).column == 3);
    CHECK(lines.at(3).column == 1);
    CHECK(lines.at(12).line == 4);
    CHECK(lines.at(1).column == 2);
    CHECK(lines.at(100).line == 4);  // clamped to the end
}

TEST_CASE("every catalogue code is read, in any letter case — near misses are unknown codes") {
    for (int i = 0; i < kPointCount; ++i) {
        std::string code = catalog()[size_t(i)].code;
        std::string lower = code;
        lower[0] = char(lower[0] - 'A' + 'a');
        for (const std::string& spelling : {code, lower}) {
            CAPTURE(spelling);
            BatchLoad load = load_batch("a.json", with_teachers("  {\"id\": \"T1\", \"name\": \"甲\", \"points\": [{\"code\": \"" +
                                                                 spelling + "\", \"status\": \"selected\"}]}"));
            REQUIRE(bool(load.data));
            REQUIRE(load.data->points_of(load.data->teachers[0]).size() == 1);
            CHECK(load.data->points_of(load.data->teachers[0])[0].point == i);
        }
    }
    for (const char* bad : {"A0", "A14", "A01", "B11", "C8", "D1", "A", "A1x", "A1 ", "Ａ1", "", "100"}) {
        CAPTURE(bad);
        BatchLoad load = load_batch("a.json", with_teachers("  {\"id\": \"T1\", \"name\": \"甲\", \"points\": [{\"code\": \"" +
                                                             std::string(bad) + "\", \"status\": \"selected\"}]}"));
        REQUIRE(bool(load.data));
        CHECK(load.data->points_of(load.data->teachers[0]).empty());
        CHECK(point_index(bad) == -1);
    }
}

TEST_CASE("a re-parse after an out-of-range number does not read the teachers twice") {
    std::string text = with_teachers(
        "  {\"id\": \"T1\", \"name\": \"甲\", \"hours\": {\"online\": -1}},\n"
        "  {\"id\": \"T2\", \"name\": \"乙\"},\n"
        "  {\"id\": \"T3\", \"name\": \"丙\", \"hours\": {\"practice\": 1e400}}");
    text.insert(text.rfind('}'), ", \"later\": [1e999, 2e999]");
    BatchLoad load = load_batch("a.json", text);
    REQUIRE(bool(load.data));
    REQUIRE(load.data->teachers.size() == 3);
    CHECK(load.data->teachers[2].id == "T3");
    REQUIRE(load.problems.size() == 2);  // not repeated by the re-parses
    CHECK(load.problems[0].pointer == "/teachers/0/hours/online");
    CHECK(load.problems[1].pointer == "/teachers/2/hours/practice");
    CHECK(load.problems[1].line == 7);
}

TEST_CASE("thousands of teachers: every one read, positions right to the last line") {
    std::string teachers;
    const int n = 3000;
    for (int i = 0; i < n; ++i) {
        teachers += (i ? ",\n" : "") + std::string("  {\"id\": \"T") + std::to_string(i) + "\", \"name\": \"名\", \"hours\": {\"online\": " +
                    (i == n - 1 ? std::string("\"x\"") : std::to_string(i % 60)) + "}}";
    }
    BatchLoad load = load_batch("big.json", with_teachers(teachers));
    REQUIRE(bool(load.data));
    REQUIRE(load.data->teachers.size() == size_t(n));
    CHECK(load.data->teachers[1234].id == "T1234");
    CHECK(load.data->teachers[1234].online == 1234 % 60);
    CHECK(load.data->teachers[n - 1].line == 4 + n);
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].line == 4 + n);
    CHECK(load.problems[0].pointer == "/teachers/" + std::to_string(n - 1) + "/hours/online");
}

TEST_CASE("load_batch: each teacher's line and column as LineIndex gives them, on one line or many") {
    // Teacher::line / column are counted on from the previous teacher (load_batch.cpp,
    // teacher_position): several teachers on one line after CJK text, blank lines, CRLF, a
    // skipped record and a duplicate between them, and a BOM, against LineIndex on the same text.
    const std::string teachers =
        "{\"id\": \"T1\", \"name\": \"彭瑶\"}, {\"id\": \"T2\", \"name\": \"王小明\"},\r\n"
        "\n"
        "   {\"id\": \"T3\", \"name\": \"𠀀甲\"}, 7, {\"id\": \"T1\", \"name\": \"重复\"},   {\"id\": \"T4\", \"name\": \"乙\"},\n"
        "{\"id\": \"T5\", \"name\": \"丙\"}";
    for (const std::string& bom : {std::string(), std::string("\xEF\xBB\xBF")}) {
        const std::string text = bom + with_teachers(teachers);  // (with_teachers adds the brackets)
        const BatchLoad load = load_batch("t.json", text);
        REQUIRE(load.data.get() != nullptr);
        const std::vector<Teacher>& kept = load.data->teachers;
        REQUIRE(kept.size() == 5);
        const JsonParse parse = parse_json(text);  // the offsets of the "teachers" elements
        REQUIRE(parse.error == JsonError::none);
        const JsonDoc& doc = parse.doc;
        const uint32_t array = doc.find(doc.root(), "teachers");
        std::vector<uint32_t> offsets;
        for (uint32_t c = doc.first_child(array); c != JsonDoc::npos; c = doc.next_sibling(array, c))
            offsets.push_back(doc.offset(c));
        const LineIndex lines(doc.text);
        for (const Teacher& t : kept) {
            INFO("teacher ", t.id, " (element ", t.index, ")");
            const TextPosition expected = lines.at(offsets[size_t(t.index)]);
            CHECK(t.line == expected.line);
            CHECK(t.column == expected.column);
        }
        CHECK(kept[2].line == kept[3].line);  // T3 and T4 share a line: the column tells them apart
        CHECK(kept[3].column > kept[2].column);
    }
}

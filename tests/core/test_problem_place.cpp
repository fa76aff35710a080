// Problems in people's words (issue 12 item 8): the place (school, teacher, field) and the JSON
// reader's reasons in Chinese.
#include <doctest/doctest.h>

#include <regex>

#include "csv_import.h"
#include "json_doc.h"
#include "json_problems.h"
#include "load_batch.h"
#include "problems.h"

using namespace it2;

TEST_CASE("problem_place names the school, the teacher (name and id) and the field in Chinese") {
    CHECK(problem_place("綦江区通惠小学", "/teachers/20/hours/practice", "彭瑶", "T021", Lang::zh) ==
          "綦江区通惠小学，第 21 位教师（彭瑶，T021）的实践学时");
    CHECK(problem_place("綦江区通惠小学", "/teachers/20/hours/practice", "彭瑶", "T021", Lang::en) ==
          "綦江区通惠小学, teacher 21 (彭瑶, T021), practice hours");
    CHECK(problem_place("一小", "/teachers/0/points/2/items/1/grade", "甲", "T1", Lang::zh) ==
          "一小，第 1 位教师（甲，T1）的第 3 个能力点的第 2 个评价项的成绩");
    CHECK(problem_place("一小", "/teachers/4/id", "", "", Lang::zh) == "一小，第 5 位教师的教师编号");
    CHECK(problem_place("一小", "/teachers/4", "", "T5", Lang::zh) == "一小，第 5 位教师（T5）");
    // School and batch members: the specific word replaces the object's (学校编号, not 学校信息的学校编号).
    CHECK(problem_place("一小", "/school/deliverables/training_plan", "", "", Lang::zh) == "一小，校本研修方案");
    CHECK(problem_place("一小", "/batch/start", "", "", Lang::zh) == "一小，批次开始日期");
    CHECK(problem_place("一小", "/activities/6/date", "", "", Lang::zh) == "一小，第 7 项校本研修活动的日期");
    // CSV rows are numbered as in the file; the column is quoted as the file names it.
    CHECK(problem_place("一小", "/rows/5/实践学时", "彭瑶", "T021", Lang::zh) == "一小，第 5 行（教师 彭瑶，T021）的「实践学时」");
    // An unknown member, a pointer escape, nothing known at all.
    CHECK(problem_place("", "/teachers/0/备注~1说明", "", "", Lang::zh) == "第 1 位教师的「备注/说明」");
    CHECK(problem_place("", "", "", "", Lang::zh).empty());
    CHECK(problem_place("一小", "", "", "", Lang::zh) == "一小");
}

TEST_CASE("every problem of a batch file names the school and, for a teacher, the teacher's name and id") {
    const std::string text = R"J({"format": "it2-batch", "version": 1,
 "school": {"id": "S1", "name": "綦江区通惠小学", "environment": "Z"},
 "batch": {"id": "2022-1", "start": "2022-03-01", "end": "2022-12-31"},
 "activities": [{"date": "2023-01-05"}],
 "teachers": [
  {"id": "T020", "name": "李娜", "hours": {"online": 30}},
  {"id": "T021", "name": "彭瑶", "subject": 7, "hours": {"online": 30, "practice": -3},
   "points": [{"code": "A1", "status": "graded", "grade": "良"}, {"code": "A2", "status": "submitted", "submitted": "2023-02-01"}]}
 ]})J";
    BatchLoad load = load_batch("tonghui.json", text);
    REQUIRE(bool(load.data));
    REQUIRE(load.problems.size() == 6);  // environment, activity date, subject, practice, grade, submitted
    for (const Problem& p : load.problems) {
        INFO(p.message_zh);
        CHECK(p.school == "綦江区通惠小学");
        CHECK(p.message_zh.rfind("綦江区通惠小学，", 0) == 0);
        CHECK(p.message_zh.find(p.pointer) == std::string::npos);  // no pointer in the words for people
        if (!p.teacher_id.empty()) {
            CHECK(p.teacher_name == "彭瑶");
            CHECK(p.message_zh.find("第 2 位教师（彭瑶，T021）的") != std::string::npos);
        }
    }
    const auto find = [&](const char* pointer) -> const Problem* {
        for (const Problem& p : load.problems)
            if (p.pointer == pointer) return &p;
        return nullptr;
    };
    const Problem* practice = find("/teachers/1/hours/practice");
    REQUIRE(practice);
    CHECK(practice->message_zh == "綦江区通惠小学，第 2 位教师（彭瑶，T021）的实践学时：-3 为负数，按 0 计");
    const Problem* subject = find("/teachers/1/subject");
    REQUIRE(subject);
    CHECK(subject->message_zh == "綦江区通惠小学，第 2 位教师（彭瑶，T021）的学科：应为文字，实际是 7，已忽略");
    const Problem* late = find("/teachers/1/points/1/submitted");  // reported after the whole file is read
    REQUIRE(late);
    CHECK(late->teacher_name == "彭瑶");
    const Problem* environment = find("/school/environment");
    REQUIRE(environment);
    CHECK(environment->message_zh.rfind("綦江区通惠小学，学校环境：", 0) == 0);
}

TEST_CASE("a CSV problem names the school, the row, the teacher and the column") {
    const std::string csv = "学校编号,学校名称,批次,教师编号,姓名,实践学时\n"
                            "S1,綦江区通惠小学,2022-1,T021,彭瑶,abc\n";
    std::vector<BatchLoad> loads = load_csv("t.csv", csv);
    REQUIRE(loads.size() == 1);
    REQUIRE(loads[0].problems.size() == 1);
    const Problem& p = loads[0].problems[0];
    CHECK(p.teacher_name == "彭瑶");
    CHECK(p.message_zh.rfind("綦江区通惠小学，第 2 行（教师 彭瑶，T021）的「实践学时」：", 0) == 0);
}

TEST_CASE("every reason of the JSON reader reads in Chinese in the Chinese UI") {
    // One input per reason json_doc.cpp can give (its fail() calls).
    const char* inputs[] = {
        "{\"a\": @}",         "{} x",          "{\"a\": 1 \"b\"}", "[1 2]",     "{\"a\": 1,}",
        "{a: 1}",             "{\"a\" 1}",     "{\"a\": \"x\ty\"}", "[\"\\u12\"]", "[\"\\q\"]",
        "[\"\\uDC00\"]",      "[\"\\uD800x\"]", "[tru]",          "[-x]",      "[1.x]",
        "[1ex]",
    };
    for (const char* input : inputs) {
        JsonParse parse = parse_json(input);
        INFO(std::string(input), " → ", parse.detail);
        REQUIRE(parse.error == JsonError::syntax);
        const std::string zh = json_detail_zh(parse.detail);
        CHECK(zh != "格式错误");  // the table knows this reason
        // No English prose left (a shown character like 'x', \uDC00, JSON or the literal true may stay).
        CHECK_FALSE(std::regex_search(zh, std::regex("expected|found|after|before|must|invalid|string|character|"
                                                     "surrogate|digit|member|element|escape|value|comma")));
    }
    BatchLoad load = load_batch("bad.json", "{\"format\": \"it2-batch\",}");
    REQUIRE(load.problems.size() == 1);
    CHECK(load.problems[0].message_zh.find("JSON 不允许末尾逗号") != std::string::npos);
}

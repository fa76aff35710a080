// The summary's JSON shape (format.md §4 keys, null rates, full precision), CSV and table, and
// the generated reference files data/catalog.json and data/policy.json.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "metrics_fixture.h"
#include "policy.h"
#include "summary_json.h"

using namespace it2;
using namespace it2_test;
using nlohmann::json;

namespace {

std::set<std::string> keys_of(const json& object) {
    std::set<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it) keys.insert(it.key());
    return keys;
}

json parse(const std::string& text) {
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    return doc;
}

const json& by_id(const json& array, const std::string& id) {
    for (const json& item : array)
        if (item["id"] == id) return item;
    FAIL("no item with id " << id);
    return array;
}

std::string read_source_file(const std::string& relative) {
    std::ifstream in(std::string(IT2_SOURCE_DIR) + "/" + relative, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), relative << " is missing: regenerate it with build/native/it2");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Two schools (one empty), a replaced and a rejected file, and two problems.
Fixture sample() {
    Fixture fx;
    BatchFile first = batch("S1", "2022-1", "2022-10-31",
                            {teacher("t1", 25, 25, {excellent("A1"), excellent("A2"), pass("A5")}),
                             teacher("t2", 28.5, 26, {pass("A1"), submitted("A2")}),
                             teacher("t3", 0, 0)});
    first.school_name = "綦江区通惠小学";
    first.management_team = {true, "2022-03-02"};
    first.activities.resize(1);
    fx.add(batch("S1", "2022-1", "2022-10-31", {teacher("old", 1, 1)}), FileStatus::replaced);
    fx.add(std::move(first), FileStatus::partial);
    fx.add(batch("EMPTY", "2022-2", "2022-12-31"));
    fx.add(batch("BAD", "x", ""), FileStatus::rejected);

    Problem record;
    record.file = fx.ws.files[1].name;
    record.severity = Severity::record;
    record.pointer = "/teachers/3/points/0";
    record.line = 41;
    record.column = 9;
    record.message_zh = "能力点代码未知，已跳过";
    record.message_en = "unknown point code, skipped";
    fx.ws.files[1].problems.push_back(record);
    Problem whole_file;
    whole_file.file = fx.ws.files[3].name;
    whole_file.severity = Severity::error;
    whole_file.message_zh = "不是 JSON";
    whole_file.message_en = "not JSON";
    fx.ws.files[3].problems.push_back(whole_file);
    return fx;
}

}  // namespace

TEST_CASE("summary JSON has exactly the format.md §4 keys") {
    Fixture fx = sample();
    const Summary s = fx.run(Policy{}, "2022-11-01");
    const json doc = parse(summary_json(s, Lang::zh));
    CHECK(keys_of(doc) == std::set<std::string>{"as_of", "district", "schools", "teachers", "files", "problems"});
    CHECK(doc["as_of"] == "2022-11-01");
    CHECK(keys_of(doc["district"]) == std::set<std::string>{"schools", "teachers", "participation_rate", "hours_rate",
                                                            "submission_rate", "pass_rate", "excellence_rate", "score", "forecast"});
    CHECK(keys_of(doc["district"]["forecast"]) ==
          std::set<std::string>{"window_days", "new_passed_7d", "projected_unpassed", "late_schools"});
    REQUIRE(doc["schools"].size() == 2);
    for (const json& school : doc["schools"]) {
        CHECK(keys_of(school) == std::set<std::string>{"id", "name", "batches", "teachers", "participation_rate",
                                                       "hours_rate", "submission_rate", "pass_rate", "excellence_rate",
                                                       "score", "score_parts", "forecast"});
        CHECK(keys_of(school["score_parts"]) ==
              std::set<std::string>{"organisation", "activities", "participation_hours", "pass", "excellence"});
        CHECK(keys_of(school["forecast"]) ==
              std::set<std::string>{"new_passed_7d", "projected_unpassed", "late", "finish", "batches"});
        REQUIRE(school["forecast"]["batches"].size() == school["batches"].size());
        for (const json& batch : school["forecast"]["batches"])
            CHECK(keys_of(batch) == std::set<std::string>{"batch", "end", "state", "teachers", "passed", "window_days",
                                                          "window_passed", "pace_per_week", "projected_unpassed",
                                                          "finish"});
    }
    REQUIRE(doc["teachers"].size() == 3);
    for (const json& teacher : doc["teachers"])
        CHECK(keys_of(teacher) == std::set<std::string>{"id", "name", "school", "batch", "status", "online",
                                                        "practice", "passed_points", "excellent_points",
                                                        "dimensions"});
    REQUIRE(doc["files"].size() == 4);
    for (const json& file : doc["files"]) CHECK(keys_of(file) == std::set<std::string>{"file", "status"});
    REQUIRE(doc["problems"].size() == 2);
    for (const json& problem : doc["problems"])
        CHECK(keys_of(problem) ==
              std::set<std::string>{"file", "severity", "pointer", "line", "column", "message"});
}

TEST_CASE("summary JSON values: statuses, null rates, full precision, files and problems") {
    Fixture fx = sample();
    const Summary s = fx.run(Policy{}, "2022-11-01");
    const json doc = parse(summary_json(s, Lang::zh));

    const json& empty = by_id(doc["schools"], "EMPTY");
    CHECK(empty["teachers"] == 0);
    CHECK(empty["batches"] == json::array({"2022-2"}));
    for (const char* rate : {"participation_rate", "hours_rate", "submission_rate", "pass_rate", "excellence_rate"})
        CHECK(empty[rate].is_null());
    CHECK(empty["score"].get<double>() == 0.0);

    const json& s1 = by_id(doc["schools"], "S1");
    CHECK(s1["name"] == "綦江区通惠小学");
    CHECK(s1["teachers"] == 3);
    // Thirds survive the trip through text bit for bit.
    CHECK(s1["pass_rate"].get<double>() == 1.0 / 3.0);
    CHECK(s1["participation_rate"].get<double>() == 2.0 / 3.0);
    CHECK(s1["hours_rate"].get<double>() == 2.0 / 3.0);
    CHECK(s1["submission_rate"].get<double>() == 1.0 / 3.0);
    CHECK(s1["excellence_rate"].get<double>() == 1.0 / 3.0);
    const json& parts = s1["score_parts"];
    CHECK(parts["organisation"].get<double>() == 20.0 * 1 / 3.0);
    CHECK(parts["activities"].get<double>() == 20.0 * 1 / 4.0);
    CHECK(parts["participation_hours"].get<double>() == 20.0 * (2.0 / 3.0) * (2.0 / 3.0));
    CHECK(parts["pass"].get<double>() == 25.0 * (1.0 / 3.0));
    CHECK(parts["excellence"].get<double>() == 15.0);
    CHECK(s1["score"].get<double>() == doctest::Approx(parts["organisation"].get<double>() +
                                                       parts["activities"].get<double>() +
                                                       parts["participation_hours"].get<double>() +
                                                       parts["pass"].get<double>() + parts["excellence"].get<double>()));
    CHECK(doc["district"]["schools"] == 2);
    CHECK(doc["district"]["teachers"] == 3);
    CHECK(doc["district"]["pass_rate"].get<double>() == 1.0 / 3.0);
    CHECK(doc["district"]["score"].get<double>() == doctest::Approx(s1["score"].get<double>() / 2));

    const json& t1 = by_id(doc["teachers"], "t1");
    CHECK(t1["status"] == "excellent");
    CHECK(t1["school"] == "S1");
    CHECK(t1["batch"] == "2022-1");
    CHECK(t1["passed_points"] == 3);
    CHECK(t1["excellent_points"] == 2);
    CHECK(t1["dimensions"] == 3);
    const json& t2 = by_id(doc["teachers"], "t2");
    CHECK(t2["status"] == "not_met");  // the batch ended on 2022-10-31
    CHECK(t2["online"].get<double>() == 28.5);
    CHECK(t2["practice"].get<double>() == 26);
    CHECK(by_id(doc["teachers"], "t3")["status"] == "not_met");

    CHECK(doc["files"][0]["status"] == "replaced");
    CHECK(doc["files"][1]["status"] == "partial");
    CHECK(doc["files"][1]["file"] == "S1-2022-1.json");
    CHECK(doc["files"][2]["status"] == "loaded");
    CHECK(doc["files"][3]["status"] == "rejected");

    const json& record = doc["problems"][0];
    CHECK(record["file"] == "S1-2022-1.json");
    CHECK(record["severity"] == "record");
    CHECK(record["pointer"] == "/teachers/3/points/0");
    CHECK(record["line"] == 41);
    CHECK(record["column"] == 9);
    CHECK(record["message"] == "能力点代码未知，已跳过");
    const json& whole = doc["problems"][1];
    CHECK(whole["severity"] == "error");
    CHECK(whole["pointer"] == "");
    CHECK(whole["line"].is_null());
    CHECK(whole["column"].is_null());
    CHECK(parse(summary_json(s, Lang::en))["problems"][0]["message"] == "unknown point code, skipped");
}

TEST_CASE("summary JSON with nothing loaded") {
    Fixture fx;
    const json doc = parse(summary_json(fx.run(), Lang::en));
    CHECK(doc["district"]["schools"] == 0);
    CHECK(doc["district"]["teachers"] == 0);
    CHECK(doc["district"]["pass_rate"].is_null());
    CHECK(doc["district"]["score"].get<double>() == 0.0);
    CHECK(doc["schools"].is_array());
    CHECK(doc["schools"].empty());
    CHECK(doc["teachers"].empty());
    CHECK(doc["files"].empty());
    CHECK(doc["problems"].empty());
}

TEST_CASE("summary CSV: one row per teacher, quoted when needed, with the missing list") {
    Fixture fx;
    HandTeacher comma = teacher("t1", 20.5, 0, {pass("A1")});
    comma.record.name = "张,\"三\"";
    fx.add(batch("S1", "2022-1", "2022-12-31", {comma, teacher("t2", 25, 25, {pass("A1"), pass("A2"), pass("A5")})}));
    const Summary s = fx.run();
    const std::string zh = summary_csv(s, Lang::zh, false);  // plain RFC 4180 (--raw)
    CHECK(zh.rfind("教师编号,姓名,学科,学校编号,学校,批次,状态,在线学时,实践学时,合格能力点,优秀能力点,覆盖维度,还缺什么\r\n", 0) ==
          0);
    CHECK(zh.find("t1,\"张,\"\"三\"\"\",,S1,学校S1,2022-1,学习中,20.5,0,1,0,1,在线学时还差 4.5 学时；实践学时还差 25 学时；") !=
          std::string::npos);
    CHECK(zh.find("t2,教师t2,,S1,学校S1,2022-1,合格,25,25,3,0,3,\r\n") != std::string::npos);
    size_t rows = 0;
    for (size_t at = zh.find("\r\n"); at != std::string::npos; at = zh.find("\r\n", at + 2)) ++rows;
    CHECK(rows == 3);
    const std::string en = summary_csv(s, Lang::en, false);
    CHECK(en.rfind("teacher_id,name,", 0) == 0);
    CHECK(en.find(",Passed,") != std::string::npos);
    CHECK(en.find("4.5 online hours still missing; 25 practice hours still missing") != std::string::npos);
}

TEST_CASE("summary CSV is the page's Excel-safe CSV by default: BOM, formula guard, visible controls") {
    Fixture fx;
    HandTeacher formula = teacher("t1", 20.5, 0, {pass("A1")});
    formula.record.name = "=HYPERLINK(\"http://x\")";
    HandTeacher controls = teacher("t2", 25, 25, {});
    controls.record.name = test_text().keep(std::string_view("甲\0乙\x1B[31m", 12));
    fx.add(batch("S1", "2022-1", "2022-12-31", {formula, controls}));
    const Summary s = fx.run();
    const std::string csv = summary_csv(s, Lang::en);
    CHECK(csv.rfind("\xEF\xBB\xBF" "teacher_id,name,", 0) == 0);
    CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\"") != std::string::npos);
    CHECK(csv.find("甲␀乙␛[31m") != std::string::npos);
    CHECK(csv.find('\0') == std::string::npos);
    CHECK(csv.find('\x1B') == std::string::npos);
    const std::string raw = summary_csv(s, Lang::en, false);
    CHECK(raw.rfind("teacher_id,name,", 0) == 0);
    CHECK(raw.find("\"=HYPERLINK(") != std::string::npos);
    CHECK(raw.find('\0') == std::string::npos);  // one rule for control characters, raw too
}

TEST_CASE("summary table: data cannot drive the terminal or forge a line") {
    Fixture fx;
    BatchFile named = batch("S1", "2022-1", "2022-12-31");
    named.school_name = "一小\n\x1B[2J假的一行";
    fx.add(std::move(named));
    const std::string table = summary_table(fx.run(Policy{}, "2022-11-01"), Lang::zh);
    CHECK(table.find('\x1B') == std::string::npos);
    CHECK(table.find("一小␊␛[2J假的一行") != std::string::npos);
    size_t lines = 0;
    for (char c : table) lines += c == '\n';
    CHECK(lines == 6);  // title, header, rule, one school, rule, district
}

TEST_CASE("summary table lists schools, null rates as '-', and the district row") {
    Fixture fx;
    BatchFile named = batch("S1", "2022-1", "2022-12-31", {teacher("t1", 25, 25, {pass("A1"), pass("A2"), pass("A5")})});
    named.school_name = "綦江区通惠小学";
    fx.add(std::move(named));
    fx.add(batch("S2", "2022-1", "2022-12-31"));
    const std::string table = summary_table(fx.run(Policy{}, "2022-11-01"), Lang::zh);
    CHECK(table.find("截至 2022-11-01：2 所学校，1 名教师") != std::string::npos);
    CHECK(table.find("綦江区通惠小学") != std::string::npos);
    CHECK(table.find("100.0%") != std::string::npos);
    CHECK(table.find("全区") != std::string::npos);
    // S2 has no teachers: its five rates print as '-'.
    const size_t s2 = table.find("S2 ");
    REQUIRE(s2 != std::string::npos);
    const std::string s2_line = table.substr(s2, table.find('\n', s2) - s2);
    size_t dashes = 0;
    for (size_t at = s2_line.find(" -"); at != std::string::npos; at = s2_line.find(" -", at + 1)) ++dashes;
    CHECK(dashes == 5);
    CHECK(summary_table(fx.run(), Lang::en).find("District") != std::string::npos);
}

TEST_CASE("data/catalog.json and data/policy.json equal their generators") {
    CHECK(read_source_file("data/catalog.json") == catalog_json());
    CHECK(read_source_file("data/policy.json") == policy_json(Policy{}));
}

// Issue 14, session 7: the CSV's numbers skip printf for whole numbers and tenths (the hours);
// every value must still print exactly as %.15g prints it.
TEST_CASE("csv_number prints what %.15g prints: tenths, their neighbours, any double") {
    auto printed = [](double value) {
        char text[64];
        std::snprintf(text, sizeof text, "%.15g", value);
        return std::string(text);
    };
    size_t checked = 0, differ = 0;
    auto check = [&](double value) {
        ++checked;
        if (csv_number(value) != printed(value) && ++differ <= 10) {
            CAPTURE(value);
            CHECK(csv_number(value) == printed(value));
        }
    };
    const double edges[] = {0.0, -0.0, 0.1, 0.5, 1.0, 0.05, 1e-5, 1e14, 1e14 - 0.5, 99999999999999.9, 1e15, 1e16, 1e300,
                            5e-324, std::numeric_limits<double>::max(), std::numeric_limits<double>::infinity(),
                            std::numeric_limits<double>::quiet_NaN(), 1.0 / 3.0, 0.30000000000000004};
    for (double e : edges)
        for (double v : {e, -e, std::nextafter(e, 0.0), std::nextafter(e, 1e300)}) check(v);
    for (int64_t m = -1000000; m <= 1000000; ++m) {
        check(double(m) / 10);
        if (m % 7 == 0) check(std::nextafter(double(m) / 10, 1e300));
    }
    std::mt19937_64 random(1202);
    for (int i = 0; i < 300000; ++i) {
        const int digits = int(random() % 17) + 1;
        const auto m = int64_t(random() % uint64_t(std::pow(10.0, digits)));
        check(double(m) / 10);
        uint64_t bits = random();
        double any;
        std::memcpy(&any, &bits, sizeof any);
        check(any);
    }
    CHECK(checked > 2500000);
    CHECK(differ == 0);
}

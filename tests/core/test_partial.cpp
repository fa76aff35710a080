// Partial summaries: merging the partials of any split of the files gives exactly the summary
// of all files loaded at once (docs/scale.md).
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "generate.h"
#include "metrics.h"
#include "partial.h"
#include "policy.h"
#include "summary_json.h"
#include "workspace.h"

using namespace it2;

namespace {

struct NamedFile {
    std::string name, bytes;
};

nlohmann::json teacher_json(const std::string& id, const std::string& name, double online, double practice,
                            const std::vector<std::pair<std::string, std::string>>& graded_points) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& [code, grade] : graded_points)
        points.push_back({{"code", code}, {"status", "graded"}, {"grade", grade}, {"reviewed", "2022-06-01"}});
    return {{"id", id}, {"name", name}, {"hours", {{"online", online}, {"practice", practice}}}, {"points", points}};
}

std::string batch_file(const std::string& school_id, const std::string& school_name, const std::string& batch_id,
                       const std::string& start, const nlohmann::json& teachers) {
    nlohmann::json file = {{"format", "it2-batch"},
                           {"version", 1},
                           {"school", {{"id", school_id}, {"name", school_name}}},
                           {"batch", {{"id", batch_id}, {"start", start}, {"end", "2022-12-31"}}},
                           {"teachers", teachers}};
    return file.dump(2);
}

// Hand-made files that exercise every order-dependent rule of format.md §3: a replaced
// (school, batch), a teacher in a later batch, a tie on batch start, and a rejected file.
std::vector<NamedFile> order_sensitive_files() {
    const std::vector<std::pair<std::string, std::string>> three_passed = {{"A1", "合格"}, {"A2", "优秀"}, {"A6", "合格"}};
    std::vector<NamedFile> files;
    files.push_back({"m-100-2022-1.json",
                     batch_file("S-100", "旧校名", "2022-1", "2022-03-01",
                                {teacher_json("T1", "甲", 30, 30, three_passed), teacher_json("T2", "乙", 10, 0, {}),
                                 teacher_json("T3", "丙", 0, 0, {})})});
    // Same school and batch, loaded later: replaces the file above (T3 disappears).
    files.push_back({"m-100-2022-1.v2.json",
                     batch_file("S-100", "新校名", "2022-1", "2022-03-01",
                                {teacher_json("T1", "甲", 30, 30, three_passed), teacher_json("T2", "乙", 26, 26, three_passed)})});
    // A later batch of another school: T1 moves there (latest start wins).
    files.push_back({"m-200-2022-2.json",
                     batch_file("S-200", "第二学校", "2022-2", "2022-09-01", {teacher_json("T1", "甲", 1, 2, {})})});
    // Two files with the same start holding T4: the file loaded last wins.
    files.push_back({"m-300-2022-1.json",
                     batch_file("S-300", "第三学校", "2022-1", "2022-03-01", {teacher_json("T4", "丁", 5, 5, {})})});
    files.push_back({"m-400-2022-1.json",
                     batch_file("S-400", "第四学校", "2022-1", "2022-03-01", {teacher_json("T4", "丁", 40, 40, three_passed)})});
    files.push_back({"m-500-broken.json", "{\"format\": \"it2-batch\", \"version\": 1, \"school\": "});
    return files;
}

std::vector<NamedFile> test_files() {
    GenerateOptions options;
    options.schools = 5;
    options.teachers_per_school = 12;
    options.batches = 3;
    options.seed = 11;
    options.with_errors = true;
    std::vector<NamedFile> files;
    for (GeneratedFile& g : generate(options)) files.push_back({std::move(g.name), std::move(g.bytes)});
    for (NamedFile& f : order_sensitive_files()) files.push_back(std::move(f));
    std::sort(files.begin(), files.end(), [](const NamedFile& a, const NamedFile& b) { return a.name < b.name; });
    return files;
}

std::string summary_of(const Workspace& ws, const Policy& policy, const std::string& as_of) {
    return summary_json(compute(ws, merge(ws), policy, as_of), Lang::zh);
}

// The map step for one group: load its files on their own, one partial line each.
std::string partials_of(const std::vector<const NamedFile*>& group) {
    Workspace ws;
    std::string text;
    for (const NamedFile* f : group) {
        ws.add(f->name, f->bytes);
        text += partial_line(ws.files.back(), f->name);
        text += '\n';
    }
    return text;
}

Policy strict_policy() {
    Policy p;
    p.online_min = 28;
    p.min_passed = 2;
    p.environments[int(Env::C)] = false;
    p.required = {0};
    p.min_excellent_points = 1;
    return p;
}

}  // namespace

TEST_CASE("partials of any split merge into exactly the summary of all files") {
    const std::vector<NamedFile> files = test_files();
    Workspace all;
    for (const NamedFile& f : files) all.add(f.name, f.bytes);
    const std::string as_of = "2022-11-01";
    const std::string expected = summary_of(all, Policy{}, as_of);
    const std::string expected_strict = summary_of(all, strict_policy(), "2023-01-15");

    // The data really exercises the order rules and the error paths.
    const Merged merged = merge(all);
    CHECK(std::count(merged.file_status.begin(), merged.file_status.end(), FileStatus::replaced) >= 1);
    CHECK(std::count(merged.file_status.begin(), merged.file_status.end(), FileStatus::rejected) >= 1);
    CHECK(std::count(merged.file_status.begin(), merged.file_status.end(), FileStatus::partial) >= 1);
    CHECK(expected.find("\"旧校名\"") == std::string::npos);
    CHECK(expected.find("\"新校名\"") != std::string::npos);

    std::mt19937_64 rng(20221101);
    for (int split = 0; split < 12; ++split) {
        CAPTURE(split);
        const int groups = 1 + int(rng() % 6);
        std::vector<std::vector<const NamedFile*>> group_files(static_cast<size_t>(groups));
        // Files inside a group in random order too: the order key, not the position, decides.
        std::vector<const NamedFile*> shuffled;
        for (const NamedFile& f : files) shuffled.push_back(&f);
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        for (const NamedFile* f : shuffled) group_files[rng() % size_t(groups)].push_back(f);

        std::string reduce_input;
        for (const auto& group : group_files) reduce_input += partials_of(group);

        PartialRead read = read_partials("reduce-input", reduce_input);
        CHECK(read.problems.empty());
        REQUIRE(read.entries.size() == files.size());
        const Workspace rebuilt = workspace_from_partials(read.entries);
        CHECK(summary_of(rebuilt, Policy{}, as_of) == expected);
        CHECK(summary_of(rebuilt, strict_policy(), "2023-01-15") == expected_strict);
    }
}

TEST_CASE("the order key decides the merge: a wrong order gives a different summary") {
    const std::vector<NamedFile> files = order_sensitive_files();
    Workspace all;
    for (const NamedFile& f : files) all.add(f.name, f.bytes);
    const std::string expected = summary_of(all, Policy{}, "2022-11-01");

    std::string reversed;
    for (size_t i = 0; i < files.size(); ++i) {
        Workspace one;
        one.add(files[i].name, files[i].bytes);
        reversed += partial_line(one.files.back(), order_key_for_index(files.size() - i)) + "\n";
    }
    const Workspace rebuilt = workspace_from_partials(read_partials("reversed", reversed).entries);
    const std::string reversed_summary = summary_of(rebuilt, Policy{}, "2022-11-01");
    CHECK(reversed_summary != expected);
    CHECK(reversed_summary.find("\"旧校名\"") != std::string::npos);  // the first copy now replaces the resent one
}

TEST_CASE("a partial line round-trips the loaded file") {
    for (const NamedFile& f : test_files()) {
        CAPTURE(f.name);
        Workspace ws;
        ws.add(f.name, f.bytes);
        const std::string line = partial_line(ws.files.back(), "k");
        CHECK(line.find('\n') == std::string::npos);
        PartialRead read = read_partials("p", line);
        REQUIRE(read.entries.size() == 1);
        CHECK(read.entries[0].order_key == "k");
        CHECK(read.entries[0].file.name == f.name);
        CHECK(read.entries[0].file.problems.size() == ws.files.back().problems.size());
        CHECK(partial_line(read.entries[0].file, "k") == line);
    }
}

TEST_CASE("order keys from indices sort like numbers") {
    CHECK(order_key_for_index(9) < order_key_for_index(10));
    CHECK(order_key_for_index(0).size() == order_key_for_index(UINT64_MAX).size());
}

TEST_CASE("lines that are not partials are reported with their line and add nothing") {
    Workspace ws;
    ws.add("a.json", batch_file("S", "学校", "2022-1", "2022-03-01", nlohmann::json::array({teacher_json("T", "甲", 1, 1, {})})));
    const std::string good = partial_line(ws.files.back(), "a.json");

    nlohmann::json wrong_version = nlohmann::json::parse(good);
    wrong_version["version"] = 2;
    nlohmann::json bad_teacher = nlohmann::json::parse(good);
    bad_teacher["data"]["teachers"][0][5] = "many";
    nlohmann::json rejected_with_data = nlohmann::json::parse(good);
    rejected_with_data["status"] = "rejected";
    nlohmann::json bad_point = nlohmann::json::parse(good);
    bad_point["data"]["teachers"][0][10] = nlohmann::json::array({nlohmann::json::array({99, 0, 0, "", "", nlohmann::json::array()})});

    const std::string text = "\xEF\xBB\xBF" + good + "\r\n\n" + "{\"format\":\"it2-batch\",\"version\":1}\n" +
                             wrong_version.dump() + "\n" + "not json\n" + bad_teacher.dump() + "\n" +
                             rejected_with_data.dump() + "\n" + bad_point.dump() + "\n[1,2]\n   \n" + good;
    PartialRead read = read_partials("in.jsonl", text);
    CHECK(read.entries.size() == 2);
    REQUIRE(read.problems.size() == 7);
    const int expected_lines[] = {3, 4, 5, 6, 7, 8, 9};
    for (size_t i = 0; i < read.problems.size(); ++i) {
        CHECK(read.problems[i].line == expected_lines[i]);
        CHECK(read.problems[i].file == "in.jsonl");
        CHECK(read.problems[i].severity == Severity::error);
        CHECK(!read.problems[i].message_en.empty());
    }
}

// partial.cpp writes every field of the model by hand; a field added to model.h or problems.h
// must be added there too (the split test above shows when a summary needs it). These sizes
// are the 64-bit layouts the serializer was last checked against.
TEST_CASE("the partial serializer knows every field of the model") {
    if (sizeof(void*) != 8) return;
    CHECK_MESSAGE(sizeof(Teacher) == 120, "Teacher changed: update partial.cpp");  // points: written per teacher
    CHECK_MESSAGE(sizeof(PointRecord) == 20, "PointRecord changed: update partial.cpp");
    CHECK_MESSAGE(sizeof(Item) == 24, "Item changed: update partial.cpp");
    CHECK_MESSAGE(sizeof(Activity) == 80, "Activity changed: update partial.cpp");
    CHECK_MESSAGE(sizeof(Deliverable) == 40, "Deliverable changed: update partial.cpp");
    CHECK_MESSAGE(sizeof(BatchFile) == 600, "BatchFile changed: update partial.cpp");  // points, items: per teacher, per point; text: storage
    CHECK_MESSAGE(sizeof(Problem) == 240, "Problem changed: update partial.cpp");
}

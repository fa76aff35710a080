// The generator (`it2 generate`): deterministic bytes, valid files that load with zero problems
// and the counts the generator wrote, every problem kind with --with-errors, and data/demo
// reproducible from demo_options().
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "forecast.h"
#include "generate.h"
#include "metrics.h"
#include "workspace.h"

namespace {

using namespace it2;
using nlohmann::json;

GenerateOptions small_options(uint64_t seed, bool with_errors = false) {
    GenerateOptions o;
    o.schools = 6;
    o.teachers_per_school = 40;
    o.batches = 3;
    o.seed = seed;
    o.with_errors = with_errors;
    return o;
}

Workspace load_all(const std::vector<GeneratedFile>& files) {
    Workspace ws;
    for (const GeneratedFile& f : files) ws.add(f.name, f.bytes);
    return ws;
}

// Counts straight from the generated JSON: distinct teacher ids per school id.
std::map<std::string, std::set<std::string>> teachers_by_school(const std::vector<GeneratedFile>& files) {
    std::map<std::string, std::set<std::string>> out;
    for (const GeneratedFile& f : files) {
        const json doc = json::parse(f.bytes.begin(), f.bytes.end(), nullptr, false);
        REQUIRE_FALSE(doc.is_discarded());
        auto& ids = out[doc["school"]["id"].get<std::string>()];
        for (const json& t : doc["teachers"]) ids.insert(t["id"].get<std::string>());
    }
    return out;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("generate: the same options give byte-identical files, another seed different ones") {
    for (bool with_errors : {false, true}) {
        const auto a = generate(small_options(42, with_errors));
        const auto b = generate(small_options(42, with_errors));
        const auto c = generate(small_options(43, with_errors));
        REQUIRE(a.size() == b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].name == b[i].name);
            CHECK(a[i].bytes == b[i].bytes);
        }
        REQUIRE(a.size() == c.size());
        size_t differing = 0;
        for (size_t i = 0; i < a.size(); ++i) differing += a[i].bytes != c[i].bytes;
        CHECK(differing == a.size());
    }
}

TEST_CASE("generate: one file per school per batch, every one an it2-batch document") {
    const auto files = generate(small_options(7));
    REQUIRE(files.size() == 6 * 3);
    std::set<std::string> names, stages;
    for (const GeneratedFile& f : files) {
        names.insert(f.name);
        const json doc = json::parse(f.bytes.begin(), f.bytes.end(), nullptr, false);
        REQUIRE_FALSE(doc.is_discarded());
        CHECK(doc["format"] == "it2-batch");
        CHECK(doc["version"] == 1);
        CHECK(f.name == doc["school"]["id"].get<std::string>() + "-" + doc["batch"]["id"].get<std::string>() + ".json");
        stages.insert(doc["school"]["stage"].get<std::string>());
    }
    CHECK(names.size() == files.size());
    CHECK(stages.size() >= 4);  // 小学, 高中, 初中, 九年一贯制 among the first six schools
    const auto by_school = teachers_by_school(files);
    CHECK(by_school.size() == 6);
    for (const auto& [school, ids] : by_school) CHECK_MESSAGE(ids.size() == 40, school);
}

TEST_CASE("generate: names use characters beyond GB2312, Ext-A and Ext-B") {
    GenerateOptions o = small_options(3);
    o.schools = 10;
    o.teachers_per_school = 60;
    std::string all;
    for (const GeneratedFile& f : generate(o)) all += f.bytes;
    CHECK(all.find("\xF0") != std::string::npos);  // a 4-byte UTF-8 sequence (Ext-B)
    CHECK(all.find("䶮") != std::string::npos);     // Ext-A
    bool rare = false;
    for (const char* c : {"堃", "喆", "玥", "昇", "赟", "珺", "琤", "旻", "祎", "垚", "彧", "翀", "璟"})
        rare = rare || all.find(c) != std::string::npos;
    CHECK(rare);
}

TEST_CASE("generate: output loads with zero problems and the summary counts what was written") {
    const auto files = generate(small_options(11));
    const Workspace ws = load_all(files);
    REQUIRE(ws.files.size() == files.size());
    for (const FileEntry& f : ws.files) {
        CHECK_MESSAGE(f.status == FileStatus::loaded, f.name);
        for (const Problem& p : f.problems) FAIL_CHECK(f.name << " " << p.pointer << ": " << p.message_en);
    }
    const Merged merged = merge(ws);
    CHECK(merged.problems.empty());
    const Summary summary = compute(ws, merged, Policy{}, "2022-11-01");
    CHECK(summary.problems.empty());
    CHECK(summary.teachers.size() == 6 * 40);
    REQUIRE(summary.schools.size() == 6);
    const auto by_school = teachers_by_school(files);
    for (const SchoolResult& s : summary.schools) {
        REQUIRE(by_school.count(s.id) == 1);
        CHECK_MESSAGE(s.teachers.size() == by_school.at(s.id).size(), s.id);
        CHECK(s.rates.teachers == 40);
        CHECK(s.batches == std::vector<std::string>{"2020-1", "2021-1", "2022-1"});
    }
}

TEST_CASE("generate: a district shows every teacher status and a spread of schools") {
    GenerateOptions o = small_options(5);
    o.schools = 20;
    o.teachers_per_school = 55;
    const auto files = generate(o);
    const Workspace ws = load_all(files);
    const Summary summary = compute(ws, merge(ws), Policy{}, "2022-11-01");  // inside the last batch
    std::set<TeacherStatus> seen;
    for (const TeacherResult& t : summary.teachers) seen.insert(t.status);
    CHECK(seen.size() == size_t(kTeacherStatusCount));
    double lowest = 1, highest = 0;
    for (const SchoolResult& s : summary.schools) {
        REQUIRE(s.rates.pass.has_value());
        lowest = std::min(lowest, *s.rates.pass);
        highest = std::max(highest, *s.rates.pass);
    }
    CHECK(lowest < 0.1);   // far behind
    CHECK(highest > 0.7);  // nearly done
}

TEST_CASE("generate --with-errors: every severity, a rejected and a replaced file, the rest loads") {
    const auto files = generate(small_options(13, true));
    std::string all;
    for (const GeneratedFile& f : files) all += f.bytes;
    // The flaws, as they appear in the text.
    for (const char* flaw : {"\"status\":\"reviewing\"", "\"grade\":\"良好\"", "\"code\":\"D4\"", "\"practice\":-",
                             "\"title\":\"教研组内研讨\"", "\"title\":\"假期研修预备会\""})
        CHECK_MESSAGE(all.find(flaw) != std::string::npos, flaw);

    const Workspace ws = load_all(files);
    const Merged merged = merge(ws);
    std::map<FileStatus, int> statuses;
    for (FileStatus s : merged.file_status) ++statuses[s];
    CHECK(statuses[FileStatus::rejected] == 1);
    CHECK(statuses[FileStatus::replaced] == 1);
    CHECK(statuses[FileStatus::partial] >= 5);
    std::map<Severity, int> severities;
    for (const FileEntry& f : ws.files)
        for (const Problem& p : f.problems) ++severities[p.severity];
    for (const Problem& p : merged.problems) ++severities[p.severity];
    CHECK(severities[Severity::error] == 1);
    CHECK(severities[Severity::record] >= 11);   // the record-error kinds of format.md §3
    CHECK(severities[Severity::warning] >= 7);   // disagreeing grade … superseded teacher, replaced file
    const Summary summary = compute(ws, merged, Policy{}, "2022-11-01");
    CHECK(summary.schools.size() == 6);
    CHECK(summary.teachers.size() == 6 * 40);  // flawed extra records never add teachers
}

TEST_CASE("data/demo is exactly what demo_options() generates, with a handful of problems") {
    const std::filesystem::path demo = std::filesystem::path(IT2_SOURCE_DIR) / "data" / "demo";
    const auto files = generate(demo_options());
    std::set<std::string> on_disk;
    for (const auto& entry : std::filesystem::directory_iterator(demo))
        if (entry.path().extension() == ".json") on_disk.insert(entry.path().filename().string());
    CHECK(on_disk.size() == files.size());
    size_t total_bytes = 0;
    for (const GeneratedFile& f : files) {
        CHECK_MESSAGE(on_disk.count(f.name) == 1, f.name);
        CHECK_MESSAGE(read_file(demo / f.name) == f.bytes, f.name << " differs: regenerate data/demo (data/demo/README.md)");
        total_bytes += f.bytes.size();
    }
    CHECK(total_bytes <= 700 * 1024);

    const Workspace ws = load_all(files);
    const Merged merged = merge(ws);
    const Summary summary = compute(ws, merged, Policy{}, "2026-11-28");
    CHECK(summary.schools.size() >= 20);
    CHECK(summary.teachers.size() >= 1000);
    std::set<std::string> stages, batches;
    for (const SchoolResult& s : summary.schools) {
        stages.insert(s.stage);
        batches.insert(s.batches.begin(), s.batches.end());
    }
    CHECK(stages.size() == 5);
    CHECK(batches.size() == 3);
    CHECK(summary.problems.size() >= 5);
    CHECK(summary.problems.size() <= 15);
}

TEST_CASE("the demo's data date: no date after it, and the forecast shows done, on-pace and late schools") {
    const auto files = generate(demo_options());
    REQUIRE(demo_options().data_date == "2026-11-27");
    // No submitted, reviewed or activity date after the data date, in any file.
    std::string latest;
    for (const GeneratedFile& f : files) {
        const json doc = json::parse(f.bytes, nullptr, false);
        if (doc.is_discarded()) continue;  // the cut-off draft
        for (const json& a : doc["activities"])
            if (a.contains("date")) latest = std::max(latest, a["date"].get<std::string>());
        for (const json& t : doc["teachers"])
            for (const json& p : t["points"])
                for (const char* key : {"submitted", "reviewed"})
                    if (p.contains(key)) latest = std::max(latest, p[key].get<std::string>());
    }
    CHECK(latest <= "2026-11-27");
    CHECK(latest >= "2026-11-20");  // and the batch in progress runs up to it

    const Workspace ws = load_all(files);
    const Summary summary = compute(ws, merge(ws), Policy{}, "2026-11-30");
    const Forecast f = forecast(ws, summary, Policy{});
    int done = 0, on_track = 0, late = 0;
    for (size_t i = 0; i < f.schools.size(); ++i) {
        const SchoolForecast& s = f.schools[i];
        REQUIRE(s.batches.size() == 3);
        // The ended batches have no projection; only the open one (2026-1) decides 预计逾期.
        CHECK(s.batches[0].state == ForecastState::ended);
        CHECK(s.batches[1].state == ForecastState::ended);
        CHECK(s.batches[0].projected_unpassed == -1);
        const BatchForecast& open = s.batches[2];
        CHECK(open.batch == "2026-1");
        CHECK(s.late == (open.state == ForecastState::late));
        if (open.state == ForecastState::done) {
            ++done;
            CHECK(open.passed == open.teachers);
            CHECK(s.finish.empty());
        }
        if (open.state == ForecastState::on_track) {
            ++on_track;
            CHECK(!s.finish.empty());
            CHECK(s.finish <= open.end);
        }
        if (open.state == ForecastState::late) ++late;
    }
    // A mix a trainer can read: some finished, some on pace, most far behind.
    CHECK(done >= 2);
    CHECK(on_track >= 2);
    CHECK(late >= 8);
    CHECK(f.late_schools == late);
    // The furthest behind have a slow pace: a late school with no pass in the window exists, and
    // every late school's pace is below every on-pace school's.
    double slowest_on_track = 1e9, fastest_late = 0;
    bool some_zero_pace = false;
    for (const SchoolForecast& s : f.schools) {
        const BatchForecast& open = s.batches[2];
        if (open.state == ForecastState::on_track) slowest_on_track = std::min(slowest_on_track, open.pace_per_week);
        if (open.state == ForecastState::late) {
            fastest_late = std::max(fastest_late, open.pace_per_week);
            some_zero_pace = some_zero_pace || open.window_passed == 0;
        }
    }
    CHECK(some_zero_pace);
    CHECK(fastest_late <= slowest_on_track);
}

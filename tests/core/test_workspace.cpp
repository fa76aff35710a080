// Merging several files (format.md §3): replaced copies, one winning record per teacher id,
// and rejected files that change nothing.
#include <doctest/doctest.h>

#include <cerrno>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "workspace.h"

using namespace it2;

namespace {

// A batch file; each teacher on its own line (the first teacher on line 4).
std::string batch_file(const std::string& school, const std::string& batch, const std::string& start,
                       const std::vector<std::pair<std::string, std::string>>& teachers) {
    std::string text = "{\"format\": \"it2-batch\", \"version\": 1, \"school\": {\"id\": \"" + school +
                       "\", \"name\": \"学校" + school + "\"},\n \"batch\": {\"id\": \"" + batch + "\"" +
                       (start.empty() ? std::string() : ", \"start\": \"" + start + "\"") + "},\n \"teachers\": [";
    for (size_t i = 0; i < teachers.size(); ++i)
        text += std::string(i ? "," : "") + "\n  {\"id\": \"" + teachers[i].first + "\", \"name\": \"" +
                teachers[i].second + "\"}";
    return text + "\n]}\n";
}

// The winning record of a teacher id, as (file name, teacher name); empty when absent.
std::pair<std::string, std::string> winner(const Workspace& ws, const Merged& merged, const std::string& id) {
    for (const TeacherRef& ref : merged.teachers) {
        const FileEntry& f = ws.files[size_t(ref.file)];
        const Teacher& t = f.data->teachers[size_t(ref.teacher)];
        if (t.id == id) return {f.name, t.name.str()};
    }
    return {};
}

std::vector<std::string> teacher_ids(const Workspace& ws, const Merged& merged) {
    std::vector<std::string> ids;
    for (const TeacherRef& ref : merged.teachers)
        ids.push_back(ws.files[size_t(ref.file)].data->teachers[size_t(ref.teacher)].id.str());
    return ids;
}

}  // namespace

TEST_CASE("add lists every file — a rejected one has problems and no data") {
    Workspace ws;
    const FileEntry& good = ws.add("a.json", batch_file("S1", "B1", "", {{"T1", "甲"}}));
    CHECK(good.status == FileStatus::loaded);
    CHECK(good.name == "a.json");
    REQUIRE(bool(good.data));
    const FileEntry& bad = ws.add("bad.json", "{\"format\": \"it2-batch\"");
    CHECK(bad.status == FileStatus::rejected);
    CHECK_FALSE(bool(bad.data));
    REQUIRE(bad.problems.size() == 1);
    CHECK(bad.problems[0].file == "bad.json");
    CHECK(ws.files.size() == 2);

    Merged merged = merge(ws);
    REQUIRE(merged.file_status.size() == 2);
    CHECK(merged.file_status[0] == FileStatus::loaded);
    CHECK(merged.file_status[1] == FileStatus::rejected);
    CHECK(merged.problems.empty());
}

TEST_CASE("the same school and batch loaded again replaces the earlier copy") {
    Workspace ws;
    ws.add("old.json", batch_file("S1", "B1", "2022-03-01", {{"T1", "旧"}, {"T2", "乙"}}));
    ws.add("other.json", batch_file("S1", "B2", "2022-03-01", {{"T3", "丙"}}));
    ws.add("new.json", batch_file("S1", "B1", "2022-03-01", {{"T1", "新"}}));
    Merged merged = merge(ws);
    CHECK(merged.file_status[0] == FileStatus::replaced);
    CHECK(merged.file_status[1] == FileStatus::loaded);
    CHECK(merged.file_status[2] == FileStatus::loaded);
    CHECK(ws.files[0].status == FileStatus::loaded);  // the entry keeps how it loaded

    // The replaced file's teachers no longer count: T2 is gone, T1 comes from new.json.
    CHECK(teacher_ids(ws, merged) == std::vector<std::string>{"T3", "T1"});
    CHECK(winner(ws, merged, "T1") == std::make_pair(std::string("new.json"), std::string("新")));

    REQUIRE(merged.problems.size() == 1);  // no superseded-teacher warning against a replaced copy
    const Problem& p = merged.problems[0];
    CHECK(p.file == "old.json");
    CHECK(p.severity == Severity::warning);
    CHECK(p.message_en.find("new.json") != std::string::npos);
    CHECK(p.message_en.find("replaced") != std::string::npos);
    CHECK(p.message_zh.find("new.json") != std::string::npos);
}

TEST_CASE("a teacher in two batches counts once: the batch with the latest start wins, in any load order") {
    for (bool newer_first : {false, true}) {
        CAPTURE(newer_first);
        Workspace ws;
        std::string older = batch_file("S1", "2021-1", "2021-03-01", {{"T0", "零"}, {"T1", "旧记录"}});
        std::string newer = batch_file("S2", "2022-1", "2022-03-01", {{"T1", "新记录"}});
        if (newer_first) {
            ws.add("newer.json", newer);
            ws.add("older.json", older);
        } else {
            ws.add("older.json", older);
            ws.add("newer.json", newer);
        }
        Merged merged = merge(ws);
        CHECK(winner(ws, merged, "T1") == std::make_pair(std::string("newer.json"), std::string("新记录")));
        CHECK(merged.teachers.size() == 2);
        REQUIRE(merged.problems.size() == 1);
        const Problem& p = merged.problems[0];
        CHECK(p.file == "older.json");
        CHECK(p.severity == Severity::warning);
        CHECK(p.pointer == "/teachers/1");
        CHECK(p.line == 5);  // the superseded record's own line and column
        CHECK(p.column == 3);
        CHECK(p.teacher_id == "T1");
        CHECK(p.message_en.find("newer.json") != std::string::npos);
    }
}

TEST_CASE("equal starts: the file loaded last wins — a missing start is the earliest") {
    Workspace tie;
    tie.add("first.json", batch_file("S1", "B1", "2022-03-01", {{"T1", "一"}}));
    tie.add("second.json", batch_file("S2", "B1", "2022-03-01", {{"T1", "二"}}));
    Merged merged = merge(tie);
    CHECK(winner(tie, merged, "T1").first == "second.json");
    REQUIRE(merged.problems.size() == 1);
    CHECK(merged.problems[0].file == "first.json");
    CHECK(merged.problems[0].pointer == "/teachers/0");
    CHECK(merged.problems[0].line == 4);

    Workspace undated;
    undated.add("dated.json", batch_file("S1", "B1", "2019-09-01", {{"T1", "有日期"}}));
    undated.add("undated.json", batch_file("S2", "B2", "", {{"T1", "无日期"}}));  // loaded last, still loses
    merged = merge(undated);
    CHECK(winner(undated, merged, "T1").first == "dated.json");
    REQUIRE(merged.problems.size() == 1);
    CHECK(merged.problems[0].file == "undated.json");

    Workspace both_undated;
    both_undated.add("a.json", batch_file("S1", "B1", "", {{"T1", "甲"}}));
    both_undated.add("b.json", batch_file("S1", "B2", "", {{"T1", "乙"}}));
    merged = merge(both_undated);
    CHECK(winner(both_undated, merged, "T1").first == "b.json");
}

TEST_CASE("each superseded record is reported once, naming the final winner") {
    Workspace ws;
    ws.add("b2022.json", batch_file("S1", "2022", "2022-03-01", {{"T1", "a"}}));
    ws.add("b2021.json", batch_file("S1", "2021", "2021-03-01", {{"T1", "b"}}));
    ws.add("b2023.json", batch_file("S2", "2023", "2023-03-01", {{"T1", "c"}}));
    Merged merged = merge(ws);
    CHECK(winner(ws, merged, "T1").first == "b2023.json");
    REQUIRE(merged.problems.size() == 2);
    for (const Problem& p : merged.problems) {
        CHECK(p.file != "b2023.json");
        CHECK(p.message_en.find("b2023.json") != std::string::npos);
    }
}

TEST_CASE("teachers are listed in load order of first appearance") {
    Workspace ws;
    ws.add("a.json", batch_file("S1", "B1", "2021-01-01", {{"T1", "a"}, {"T2", "b"}}));
    ws.add("b.json", batch_file("S2", "B1", "2022-01-01", {{"T3", "c"}, {"T1", "d"}}));
    Merged merged = merge(ws);
    CHECK(teacher_ids(ws, merged) == std::vector<std::string>{"T1", "T2", "T3"});
    CHECK(winner(ws, merged, "T1").second == "d");
}

TEST_CASE("a rejected file between two good ones leaves the data exactly as without it") {
    std::string first = batch_file("S1", "B1", "2022-03-01", {{"T1", "甲"}, {"T2", "乙"}});
    std::string second = batch_file("S2", "B1", "2022-03-01", {{"T2", "乙二"}, {"T3", "丙"}});
    // Same school and batch as the first file, and T1 again: it would replace and supersede if loaded.
    std::string rejected = batch_file("S1", "B1", "2030-01-01", {{"T1", "X"}});
    rejected.replace(rejected.find("\"version\": 1"), 12, "\"version\": 9");

    Workspace clean;
    clean.add("1.json", first);
    clean.add("3.json", second);
    Workspace with_rejected;
    with_rejected.add("1.json", first);
    with_rejected.add("2.json", rejected);
    with_rejected.add("3.json", second);

    Merged a = merge(clean), b = merge(with_rejected);
    CHECK(with_rejected.files[1].status == FileStatus::rejected);
    CHECK_FALSE(bool(with_rejected.files[1].data));
    CHECK(with_rejected.files[1].problems.size() == 1);
    CHECK(b.file_status == std::vector<FileStatus>{FileStatus::loaded, FileStatus::rejected, FileStatus::loaded});
    REQUIRE(a.teachers.size() == b.teachers.size());
    for (size_t i = 0; i < a.teachers.size(); ++i) {
        const FileEntry& fa = clean.files[size_t(a.teachers[i].file)];
        const FileEntry& fb = with_rejected.files[size_t(b.teachers[i].file)];
        CHECK(fa.name == fb.name);
        CHECK(fa.data->teachers[size_t(a.teachers[i].teacher)].name ==
              fb.data->teachers[size_t(b.teachers[i].teacher)].name);
    }
    REQUIRE(a.problems.size() == b.problems.size());
    for (size_t i = 0; i < a.problems.size(); ++i) CHECK(a.problems[i].message_en == b.problems[i].message_en);
}

TEST_CASE("remove takes a file out — clear empties the workspace") {
    Workspace ws;
    ws.add("a.json", batch_file("S1", "B1", "", {{"T1", "甲"}}));
    ws.add("b.json", batch_file("S1", "B1", "", {{"T2", "乙"}}));
    CHECK(merge(ws).file_status[0] == FileStatus::replaced);
    ws.remove(1);
    REQUIRE(ws.files.size() == 1);
    Merged merged = merge(ws);
    CHECK(merged.file_status[0] == FileStatus::loaded);
    CHECK(teacher_ids(ws, merged) == std::vector<std::string>{"T1"});
    ws.remove(5);  // out of range: nothing happens
    CHECK(ws.files.size() == 1);
    ws.clear();
    CHECK(merge(ws).teachers.empty());
}

TEST_CASE("replacement is keyed by the (school, batch) pair: no separator can make two pairs collide") {
    // Issue 10, reproduction 6: joined with a newline, "A\nB" + "C" and "A" + "B\nC" were one key.
    Workspace ws;
    ws.add("first.json", batch_file("A\\nB", "C", "", {{"T1", "甲"}}));
    ws.add("second.json", batch_file("A", "B\\nC", "", {{"T2", "乙"}}));
    REQUIRE(ws.files[0].data->school_id == "A\nB");
    REQUIRE(ws.files[1].data->batch_id == "B\nC");
    const Merged merged = merge(ws);
    CHECK(merged.file_status[0] == FileStatus::loaded);
    CHECK(merged.file_status[1] == FileStatus::loaded);
    CHECK(merged.problems.empty());
    CHECK(teacher_ids(ws, merged) == std::vector<std::string>{"T1", "T2"});
    // The same pair still replaces.
    ws.add("third.json", batch_file("A", "B\\nC", "", {{"T3", "丙"}}));
    const Merged again = merge(ws);
    CHECK(again.file_status[1] == FileStatus::replaced);
    CHECK(again.file_status[0] == FileStatus::loaded);
}

TEST_CASE("a file that cannot be read is a rejected entry with a file error in both languages") {
    const FileEntry folder = unreadable_entry("locked", EACCES, true);
    CHECK(folder.status == FileStatus::rejected);
    CHECK_FALSE(bool(folder.data));
    REQUIRE(folder.problems.size() == 1);
    CHECK(folder.problems[0].severity == Severity::error);
    CHECK(folder.problems[0].file == "locked");
    CHECK(folder.problems[0].message_zh == "无法读取文件夹：没有读取权限；其中的文件未载入，其余文件照常载入");
    CHECK(folder.problems[0].message_en ==
          "cannot read the folder: permission denied; the files in it were not loaded, the other files load as usual");
    const FileEntry pipe = unreadable_entry("fifo.json", kNotRegularFile, false);
    CHECK(pipe.problems.at(0).message_en.find("not a regular file") != std::string::npos);
    CHECK(unreadable_entry("x.json", EIO, false).problems.at(0).message_zh.find("输入/输出错误") != std::string::npos);
    // In a workspace it is listed and changes no data.
    Workspace ws;
    ws.add("a.json", batch_file("S1", "B1", "", {{"T1", "甲"}}));
    ws.files.push_back(unreadable_entry("b.json", ENOENT, false));
    const Merged merged = merge(ws);
    CHECK(merged.file_status[1] == FileStatus::rejected);
    CHECK(merged.teachers.size() == 1);
}

TEST_CASE("merge equals a plain reference merge on random workspaces (hashing ahead, ties, replaced copies)") {
    // merge() hashes ids in blocks and prefetches its table; this reference walks the records
    // with a std::map. Ids come from a small pool (many repeats, some long enough to be on the
    // heap), files hold up to 40 teachers (several blocks), starts repeat or are missing (ties),
    // some files repeat a (school, batch) (replaced) and some are rejected.
    uint64_t state = 99;
    auto next = [&](uint64_t n) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return (state >> 33) % n;
    };
    const char* starts[] = {"", "2021-03-01", "2022-03-01", "2022-09-01"};
    size_t losers_seen = 0, replaced_seen = 0;
    for (int round = 0; round < 200; ++round) {
        Workspace ws;
        const size_t files = 1 + next(12), pool = 5 + next(80);
        for (size_t f = 0; f < files; ++f) {
            FileEntry entry;
            entry.name = "f" + std::to_string(f) + ".json";
            if (next(10) == 0) {  // rejected: listed, no data
                ws.files.push_back(std::move(entry));
                continue;
            }
            auto data = std::make_shared<BatchFile>();
            data->school_id = "S" + std::to_string(next(3));
            data->batch_id = "B" + std::to_string(next(3));
            data->batch_start = starts[next(4)];
            const size_t teachers = next(41);
            for (size_t t = 0; t < teachers; ++t) {
                Teacher teacher;
                const uint64_t id = next(pool);
                teacher.id = data->text.keep((id % 3 == 0 ? "a-long-teacher-id-on-the-heap-" : "T") + std::to_string(id));
                teacher.name = data->text.keep("教师" + std::to_string(t));
                teacher.index = int(t);
                data->teachers.push_back(std::move(teacher));
            }
            entry.status = next(5) == 0 ? FileStatus::partial : FileStatus::loaded;
            entry.data = std::move(data);
            ws.files.push_back(std::move(entry));
        }

        // The reference.
        std::vector<FileStatus> status;
        for (const FileEntry& f : ws.files) status.push_back(f.data ? f.status : FileStatus::rejected);
        std::map<std::pair<std::string, std::string>, size_t> latest;
        size_t replaced = 0;
        for (size_t f = 0; f < ws.files.size(); ++f) {
            if (!ws.files[f].data) continue;
            auto [it, inserted] = latest.emplace(std::make_pair(ws.files[f].data->school_id, ws.files[f].data->batch_id), f);
            if (!inserted) {
                status[it->second] = FileStatus::replaced;
                it->second = f;
                ++replaced;
            }
        }
        std::vector<TeacherRef> winners;
        std::map<std::string, size_t> slot;
        std::vector<std::pair<size_t, size_t>> visited;  // (file, teacher) in order
        for (size_t f = 0; f < ws.files.size(); ++f) {
            if (status[f] == FileStatus::replaced || !ws.files[f].data) continue;
            const BatchFile& data = *ws.files[f].data;
            for (size_t t = 0; t < data.teachers.size(); ++t) {
                visited.emplace_back(f, t);
                auto [it, inserted] = slot.emplace(data.teachers[t].id, winners.size());
                if (inserted) {
                    winners.push_back({int(f), int(t)});
                } else if (data.batch_start >= ws.files[size_t(winners[it->second].file)].data->batch_start) {
                    winners[it->second] = {int(f), int(t)};
                }
            }
        }

        const Merged merged = merge(ws);
        CAPTURE(round);
        CHECK(merged.file_status == status);
        REQUIRE(merged.teachers.size() == winners.size());
        for (size_t k = 0; k < winners.size(); ++k) {
            CHECK(merged.teachers[k].file == winners[k].file);
            CHECK(merged.teachers[k].teacher == winners[k].teacher);
        }
        // The replaced files' warnings, then one per losing record in visiting order, naming the winner.
        size_t p = replaced;
        REQUIRE(merged.problems.size() >= replaced);
        for (const auto& [f, t] : visited) {
            const Teacher& teacher = ws.files[f].data->teachers[t];
            const TeacherRef& win = winners[slot.at(teacher.id.str())];
            if (win.file == int(f) && win.teacher == int(t)) continue;
            REQUIRE(p < merged.problems.size());
            const Problem& problem = merged.problems[p++];
            CHECK(problem.file == ws.files[f].name);
            CHECK(problem.teacher_id == teacher.id);
            CHECK(problem.pointer == "/teachers/" + std::to_string(t));
            CHECK(problem.message_en.find(ws.files[size_t(win.file)].name) != std::string::npos);
            ++losers_seen;
        }
        CHECK(p == merged.problems.size());
        replaced_seen += replaced;
    }
    CHECK(losers_seen > 1000);
    CHECK(replaced_seen > 100);
}

// merge() on threads (issue 14: both cores): the ids hashed on the threads and split into groups
// that each visit their records in load order must give the same Merged, field for field, as the
// calling thread alone: the same file statuses, the same winners in the same order, the same
// problems. Seeded random workspaces with many repeated ids (ties, missing starts, replaced and
// rejected files), on the CLI's pool with 2, 3 and 7 threads and on ranges run backwards.
#include <doctest/doctest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "../../src/cli/parallel_load.h"
#include "workspace.h"

using namespace it2;

namespace {

// `files` files of up to `per_file` teachers whose ids come from `ids` distinct ones (so most
// repeat when ids is small), some rejected, some the same (school, batch) again.
Workspace random_workspace(unsigned seed, size_t files, size_t per_file, size_t ids) {
    std::mt19937 rng(seed);
    auto pick = [&](size_t n) { return size_t(rng() % n); };
    const char* starts[] = {"", "2022-03-01", "2022-09-01", "2023-03-01"};
    Workspace ws;
    for (size_t f = 0; f < files; ++f) {
        FileEntry entry;
        entry.name = "f" + std::to_string(f) + ".json";
        if (pick(23) == 0) {  // rejected: listed, no data
            ws.files.push_back(std::move(entry));
            continue;
        }
        auto data = std::make_shared<BatchFile>();
        data->school_id = "S" + std::to_string(pick(files / 2 + 1));
        data->batch_id = "B" + std::to_string(pick(3));
        data->batch_start = starts[pick(4)];
        const size_t n = pick(per_file + 1);  // some files without teachers
        for (size_t t = 0; t < n; ++t) {
            Teacher teacher;
            teacher.id = data->text.keep(pick(7) == 0 ? "长编号-" + std::to_string(pick(ids)) + "-一个超过十五字节的编号"
                                                      : "T" + std::to_string(pick(ids)));
            teacher.name = data->text.keep("name" + std::to_string(t));
            teacher.index = int(t);
            teacher.line = int(t) + 4;
            teacher.column = 3;
            data->teachers.push_back(std::move(teacher));
        }
        entry.status = FileStatus::loaded;
        entry.data = std::move(data);
        ws.files.push_back(std::move(entry));
    }
    return ws;
}

void check_same(const Merged& a, const Merged& b) {
    REQUIRE(a.file_status.size() == b.file_status.size());
    for (size_t i = 0; i < a.file_status.size(); ++i) CHECK(a.file_status[i] == b.file_status[i]);
    REQUIRE(a.teachers.size() == b.teachers.size());
    size_t differ = 0;
    for (size_t i = 0; i < a.teachers.size(); ++i)
        differ += a.teachers[i].file != b.teachers[i].file || a.teachers[i].teacher != b.teachers[i].teacher;
    CHECK(differ == 0);
    REQUIRE(a.problems.size() == b.problems.size());
    differ = 0;
    for (size_t i = 0; i < a.problems.size(); ++i) {
        const Problem& p = a.problems[i];
        const Problem& q = b.problems[i];
        differ += p.file != q.file || p.severity != q.severity || p.pointer != q.pointer || p.line != q.line ||
                  p.column != q.column || p.message_zh != q.message_zh || p.message_en != q.message_en ||
                  p.teacher_id != q.teacher_id;
    }
    CHECK(differ == 0);
}

}  // namespace

TEST_CASE("merge on threads gives the calling thread's result, field for field") {
    // Ranges handed out last first: a group's order of work must not matter.
    const ParallelFor backwards = [](size_t n, const RangeBody& body) {
        for (size_t k = n; k-- > 0;) body(k, k + 1);
    };
    std::vector<ParallelFor> pools = {backwards, cli::parallel_for(2), cli::parallel_for(3), cli::parallel_for(7)};
    struct Shape {
        size_t files, per_file, ids;
    };
    // Few ids (every id many times), about as many ids as records, ids all distinct; sizes
    // below and above where merge() starts using the threads.
    const Shape shapes[] = {{40, 30, 50}, {300, 40, 3000}, {400, 40, 100000000}, {200, 60, 8000}, {30, 200, 5}};
    size_t with_losers = 0;
    for (unsigned seed = 1; seed <= 12; ++seed) {
        for (const Shape& shape : shapes) {
            CAPTURE(seed);
            CAPTURE(shape.files);
            CAPTURE(shape.ids);
            const Workspace ws = random_workspace(seed, shape.files, shape.per_file, shape.ids);
            const Merged alone = merge(ws);
            with_losers += alone.problems.size() > 0;
            // The ids' hashes noted at load (load_data_entries), and noted hashes that are
            // stale (for another file's data, or too few): the same result.
            Workspace noted = ws;
            Workspace stale = ws;
            for (size_t f = 0; f < ws.files.size(); ++f) {
                note_id_hashes(noted.files[f]);
                FileEntry& entry = stale.files[f];
                if (f % 2) {  // another file's hashes, noted for that file's data
                    FileEntry other = ws.files[(f + 1) % ws.files.size()];
                    note_id_hashes(other);
                    entry.id_hashes = other.id_hashes;
                    entry.hashed = other.hashed;
                } else {  // its own, one short
                    note_id_hashes(entry);
                    if (!entry.id_hashes.empty()) entry.id_hashes.pop_back();
                }
            }
            for (size_t k = 0; k < pools.size(); ++k) {
                CAPTURE(k);
                check_same(alone, merge(ws, pools[k]));
                check_same(alone, merge(noted, pools[k]));
                check_same(alone, merge(stale, pools[k]));
            }
            check_same(alone, merge(noted));
            check_same(alone, merge(stale));
        }
    }
    CHECK(with_losers > 12);  // the data did exercise replaced files and losing records
}

TEST_CASE("merge on threads: the winner rules still hold") {
    // 5,000 files of one teacher each, all the same id: the latest start wins, the last loaded
    // file on a tie; every other record is reported once.
    Workspace ws;
    const char* starts[] = {"2022-09-01", "", "2023-03-01", "2021-01-01"};
    for (size_t f = 0; f < 5000; ++f) {
        auto data = std::make_shared<BatchFile>();
        data->school_id = "S" + std::to_string(f);
        data->batch_id = "B";
        data->batch_start = starts[f % 4];
        Teacher teacher;
        teacher.id = "same";
        data->teachers.push_back(teacher);
        FileEntry entry;
        entry.name = "f" + std::to_string(f);
        entry.status = FileStatus::loaded;
        entry.data = std::move(data);
        ws.files.push_back(std::move(entry));
    }
    const Merged merged = merge(ws, cli::parallel_for(2));
    REQUIRE(merged.teachers.size() == 1);
    CHECK(merged.teachers[0].file == 4998);  // the last file with the latest start (f % 4 == 2)
    CHECK(merged.problems.size() == 4999);
}

TEST_CASE("merge: hashes noted for data that was then replaced in place are not used") {
    // Two batches of one school with other ids; the second's data is then replaced in
    // place by the first's ids, allocated right after the old data is freed (so the allocator
    // may hand back the same address). Taking the hashes noted for the old data would look the
    // ids up under the wrong hashes: no record superseded, each id kept twice.
    auto batch_of = [](std::vector<std::string> ids, const char* batch, const char* start) {
        auto data = std::make_shared<BatchFile>();
        data->school_id = "S1";
        data->batch_id = batch;
        data->batch_start = start;
        for (std::string& id : ids) {
            Teacher teacher;
            teacher.id = data->text.keep(id);
            teacher.name = "T";
            data->teachers.push_back(std::move(teacher));
        }
        return data;
    };
    Workspace ws;
    for (int f = 0; f < 2; ++f) {
        FileEntry entry;
        entry.name = "f" + std::to_string(f) + ".json";
        entry.status = FileStatus::loaded;
        entry.data = f == 0 ? batch_of({"A", "B"}, "B1", "2022-03-01") : batch_of({"X", "Y"}, "B2", "2022-09-01");
        note_id_hashes(entry);
        ws.files.push_back(std::move(entry));
    }
    FileEntry& second = ws.files[1];
    second.data.reset();
    second.data = batch_of({"A", "B"}, "B2", "2022-09-01");  // same count, the first file's ids
    Workspace fresh = ws;
    for (FileEntry& entry : fresh.files) note_id_hashes(entry);
    const Merged expected = merge(fresh);
    CHECK(expected.problems.size() == 2);  // A and B of the first file superseded
    check_same(expected, merge(ws));
    for (unsigned threads : {2u, 3u}) check_same(expected, merge(ws, cli::parallel_for(threads)));
}

// Hand-built workspaces for the metrics and summary tests: files, teachers and points made in
// code, with a merge where every teacher of a counted file wins.
#pragma once

#include <doctest/doctest.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "metrics.h"

namespace it2_test {

using namespace it2;

inline PointRecord point(const char* code, PointStatus status, Grade grade = Grade::none) {
    PointRecord p;
    p.point = uint8_t(point_index(code));
    p.status = status;
    p.grade = grade;
    return p;
}
inline PointRecord pass(const char* code) { return point(code, PointStatus::graded, Grade::pass); }
inline PointRecord excellent(const char* code) { return point(code, PointStatus::graded, Grade::excellent); }
inline PointRecord fail(const char* code) { return point(code, PointStatus::graded, Grade::fail); }
inline PointRecord submitted(const char* code) { return point(code, PointStatus::submitted); }
inline PointRecord selected(const char* code) { return point(code, PointStatus::selected); }

// Where hand-built records keep their texts: they are built before the file that will hold them
// (or with none), so one store lives as long as the tests.
inline TextStore& test_text() {
    static TextStore store;
    return store;
}

// A teacher made by hand, with its points: a loaded record's points are its file's
// (BatchFile::points_of), so batch() moves them there. Not a Teacher, so that it cannot be
// sliced into one that has lost its points.
struct HandTeacher {
    Teacher record;
    std::vector<PointRecord> points;
    PointRange point_range() const { return {points.data(), points.data() + points.size()}; }
};

inline HandTeacher teacher(const std::string& id, double online, double practice,
                           std::initializer_list<PointRecord> points = {}) {
    HandTeacher t;
    t.record.id = test_text().keep(id);
    t.record.name = test_text().keep("教师" + id);
    t.record.online = online;
    t.record.practice = practice;
    t.points = points;
    return t;
}

// Adds `t` to `f`: its record, and its points after the file's.
inline void add_teacher(BatchFile& f, const HandTeacher& t) {
    Teacher& added = f.teachers.emplace_back(t.record);
    added.first_point = uint32_t(f.points.size());
    added.point_count = uint32_t(t.points.size());
    f.points.insert(f.points.end(), t.points.begin(), t.points.end());
}

inline BatchFile batch(const std::string& school, const std::string& batch_id, const std::string& end,
                std::initializer_list<HandTeacher> teachers = {}) {
    BatchFile f;
    f.school_id = school;
    f.school_name = "学校" + school;
    f.batch_id = batch_id;
    f.batch_start = "2022-03-01";
    f.batch_end = end;
    for (const HandTeacher& t : teachers) add_teacher(f, t);
    return f;
}

// A workspace and its merge, built by hand: every teacher of a counted file wins (ids are unique).
struct Fixture {
    Workspace ws;
    Merged merged;

    void add(BatchFile f, FileStatus status = FileStatus::loaded) {
        FileEntry entry;
        entry.name = f.school_id + "-" + f.batch_id + ".json";
        f.file = entry.name;
        entry.status = status == FileStatus::replaced ? FileStatus::loaded : status;
        const int file_index = int(ws.files.size());
        if (status != FileStatus::rejected) {
            if (status != FileStatus::replaced)
                for (size_t t = 0; t < f.teachers.size(); ++t) merged.teachers.push_back({file_index, int(t)});
            entry.data = std::make_shared<const BatchFile>(std::move(f));
        }
        ws.files.push_back(std::move(entry));
        merged.file_status.push_back(status);
    }
    Summary run(const Policy& policy = Policy{}, const std::string& as_of = "2022-11-01") const {
        return compute(ws, merged, policy, as_of);
    }
};

inline const TeacherResult& find_teacher(const Summary& s, const std::string& id) {
    for (const TeacherResult& t : s.teachers)
        if (t.id == id) return t;
    FAIL("no teacher " << id);
    return s.teachers.front();
}

inline const SchoolResult& find_school(const Summary& s, const std::string& id) {
    for (const SchoolResult& school : s.schools)
        if (school.id == id) return school;
    FAIL("no school " << id);
    return s.schools.front();
}

inline TeacherResult one_teacher(const HandTeacher& t, const Policy& policy = Policy{}, const std::string& end = "2022-12-31",
                          const std::string& as_of = "2022-11-01") {
    Fixture fx;
    fx.add(batch("S1", "2022-1", end, {t}));
    Summary s = fx.run(policy, as_of);
    REQUIRE(s.teachers.size() == 1);
    // The result outlives its Summary, and its id, name, subject and batch are views of records
    // the Summary held (metrics.h): they are left empty here rather than pointing at freed memory.
    TeacherResult r = s.teachers.front();
    r.id = r.name = r.subject = r.batch = {};
    return r;
}

inline std::vector<std::string> missing_zh(const TeacherResult& t) {
    std::vector<std::string> out;
    for (const Missing& m : t.missing) out.push_back(describe(m, Lang::zh));
    return out;
}
inline std::vector<std::string> missing_en(const TeacherResult& t) {
    std::vector<std::string> out;
    for (const Missing& m : t.missing) out.push_back(describe(m, Lang::en));
    return out;
}

inline Policy policy_with_envs(bool a, bool b, bool c) {
    Policy p;
    p.environments[0] = a;
    p.environments[1] = b;
    p.environments[2] = c;
    return p;
}

}  // namespace it2_test

// The forecast (forecast.h, docs/format.md §8): pass days, the pace window, the projection to a
// batch's end, and the worked example of format.md with the numbers worked out there by hand.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "forecast.h"
#include "generate.h"
#include "metrics_fixture.h"
#include "tracker.h"

using namespace it2;
using namespace it2_test;

namespace {

PointRecord on(PointRecord p, const char* reviewed) {
    p.reviewed = day_from_iso(reviewed);
    return p;
}

long day(const char* iso) { return days_from_iso(iso); }

std::string read_file(const std::string& relative) {
    std::ifstream in(std::string(IT2_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("pass day: the first review date on which the points rules are met") {
    const Policy policy;  // 3 points in 3 dimensions
    // A1 学情分析, A2 教学设计, A5 学法指导: met on the third review; a fourth point later changes nothing.
    HandTeacher t = teacher("1", 30, 25,
                        {on(pass("A1"), "2022-09-10"), on(pass("A2"), "2022-09-12"), on(excellent("A5"), "2022-09-14"),
                         on(pass("A11"), "2022-10-30")});
    CHECK(pass_day(t.point_range(), policy) == day("2022-09-14"));

    // Listed out of order: sorted by date first.
    t = teacher("2", 30, 25, {on(pass("A5"), "2022-10-02"), on(pass("A1"), "2022-09-01"), on(pass("A2"), "2022-09-20")});
    CHECK(pass_day(t.point_range(), policy) == day("2022-10-02"));

    // Three points in two dimensions: the rules wait for a point in a third dimension.
    t = teacher("3", 30, 25,
                {on(pass("A2"), "2022-09-01"), on(pass("A3"), "2022-09-02"), on(pass("A1"), "2022-09-03"),
                 on(pass("A5"), "2022-09-20")});
    CHECK(pass_day(t.point_range(), policy) == day("2022-09-20"));

    // A failed point and a submitted one do not count.
    t = teacher("4", 30, 25, {on(pass("A1"), "2022-09-01"), on(fail("A2"), "2022-09-02"), on(pass("A5"), "2022-09-03"),
                              on(pass("A3"), "2022-09-09")});
    CHECK(pass_day(t.point_range(), policy) == day("2022-09-09"));

    // Several points reviewed on one day.
    t = teacher("5", 30, 25, {on(pass("A1"), "2022-10-15"), on(pass("A2"), "2022-10-15"), on(pass("A5"), "2022-10-15")});
    CHECK(pass_day(t.point_range(), policy) == day("2022-10-15"));

    // Undated points are not guessed: without them the rules are never met, so no pass day.
    t = teacher("6", 30, 25, {on(pass("A1"), "2022-09-01"), pass("A2"), on(pass("A5"), "2022-09-03")});
    CHECK(pass_day(t.point_range(), policy) == kNoDate);
    t.points.push_back(on(pass("A11"), "2022-09-30"));
    CHECK(pass_day(t.point_range(), policy) == day("2022-09-30"));

    // A required point waits for its review; a point outside the policy's environments never counts.
    Policy strict;
    strict.required = {point_index("A6")};
    t = teacher("7", 30, 25, {on(pass("A1"), "2022-09-01"), on(pass("A2"), "2022-09-02"), on(pass("A5"), "2022-09-03"),
                              on(pass("A6"), "2022-10-01")});
    CHECK(pass_day(t.point_range(), strict) == day("2022-10-01"));
    Policy only_a;
    only_a.environments[1] = only_a.environments[2] = false;
    t = teacher("8", 30, 25, {on(pass("A1"), "2022-09-01"), on(pass("B2"), "2022-09-02"), on(pass("A5"), "2022-09-03"),
                              on(pass("A3"), "2022-09-25")});
    CHECK(pass_day(t.point_range(), only_a) == day("2022-09-25"));
    CHECK(pass_day(t.point_range(), policy) == day("2022-09-03"));

    // More points than pass_day keeps on the stack (64): the same rule, listed late to early.
    t = teacher("9", 30, 25, {});
    for (int k = 0; k < 100; ++k) t.points.push_back(on(pass("A1"), iso_date(Day(day("2022-12-31") - k)).c_str()));
    t.points.push_back(on(pass("A2"), "2022-09-05"));
    t.points.push_back(on(pass("A5"), "2022-09-07"));
    REQUIRE(t.points.size() > 64);
    CHECK(pass_day(t.point_range(), policy) == day("2022-09-23"));  // the earliest A1 (2022-12-31 − 99 days)
}

TEST_CASE("project_batch: the pace over the window and the projection to the end, by hand") {
    const long as_of = day("2022-11-01"), start = day("2022-09-01"), end = day("2022-12-31");  // 60 days left

    // 8 teachers, 5 passed, 2 in the window: 2 × 60 / 28 = 4.28 → 4 more by the end ≥ 3 left.
    BatchForecast b = project_batch(8, 5, 2, as_of, start, end);
    CHECK(b.state == ForecastState::on_track);
    CHECK(b.remaining == 3);
    CHECK(b.window_days == 28);
    CHECK(b.pace_per_week == doctest::Approx(0.5));
    CHECK(b.projected_unpassed == 0);
    CHECK(b.finish == "2022-12-13");  // 3 × 28 / 2 = 42 days

    // 6 teachers, 1 passed, 1 in the window: ⌊60 / 28⌋ = 2 more, 3 left at the end.
    b = project_batch(6, 1, 1, as_of, start, end);
    CHECK(b.state == ForecastState::late);
    CHECK(b.projected_unpassed == 3);
    CHECK(b.finish == "2023-03-21");  // 5 × 28 = 140 days, after the end

    // No pass in the window: nobody more by the end, and no finish day.
    b = project_batch(6, 1, 0, as_of, start, end);
    CHECK(b.state == ForecastState::late);
    CHECK(b.projected_unpassed == 5);
    CHECK(b.finish.empty());
    CHECK(b.pace_per_week == 0);

    // Everyone passed: done, whatever the pace.
    b = project_batch(4, 4, 0, as_of, start, end);
    CHECK(b.state == ForecastState::done);
    CHECK(b.projected_unpassed == 0);
    CHECK(b.finish.empty());

    // Near the boundary: 7 left; 3 passes in 28 days give ⌊3 × 60 / 28⌋ = 6 more by the end, one
    // short; the pace needs ⌈7 × 28 / 3⌉ = 66 days, six after the end.
    b = project_batch(13, 6, 3, as_of, start, end);
    CHECK(b.projected_unpassed == 1);
    CHECK(b.finish == iso_from_days(as_of + 66));

    // On the end date itself no day is left: everyone not passed yet is projected unpassed.
    b = project_batch(5, 3, 4, end, start, end);
    CHECK(b.state == ForecastState::late);
    CHECK(b.projected_unpassed == 2);

    // The window is cut at the batch's start: ten days into the batch, a 10-day window.
    b = project_batch(10, 2, 2, day("2022-09-10"), start, end);
    CHECK(b.window_days == 10);
    CHECK(b.pace_per_week == doctest::Approx(1.4));
    CHECK(b.projected_unpassed == 0);  // 2 × 112 / 10 = 22 ≥ 8

    // Not open: no projection.
    b = project_batch(5, 1, 0, day("2023-01-01"), start, end);
    CHECK(b.state == ForecastState::ended);
    CHECK(b.projected_unpassed == -1);
    b = project_batch(5, 0, 0, day("2022-08-01"), start, end);
    CHECK(b.state == ForecastState::upcoming);
    CHECK(b.window_days == 0);
    CHECK(b.projected_unpassed == -1);
    b = project_batch(5, 0, 0, as_of, start, kNoDate);
    CHECK(b.state == ForecastState::no_end);
    b = project_batch(5, 0, 0, kNoDate, start, end);
    CHECK(b.state == ForecastState::no_end);
    // No start: a full window.
    b = project_batch(5, 0, 0, as_of, kNoDate, end);
    CHECK(b.window_days == 28);
}

TEST_CASE("forecast of a workspace: counts per school and batch, window and 7 days, flags") {
    Fixture fx;
    // School 1, one open batch: two passed in the window (one of them within 7 days), one long ago.
    BatchFile a = batch("S1", "2022-2", "2022-12-31",
                        {teacher("a1", 30, 25, {on(pass("A1"), "2022-10-26"), on(pass("A2"), "2022-10-27"), on(pass("A5"), "2022-10-28")}),
                         teacher("a2", 30, 25, {on(pass("A1"), "2022-10-05"), on(pass("A2"), "2022-10-05"), on(pass("A5"), "2022-10-05")}),
                         teacher("a3", 30, 25, {on(pass("A1"), "2022-10-04"), on(pass("A2"), "2022-10-04"), on(pass("A5"), "2022-10-04")}),
                         teacher("a4", 30, 25, {on(pass("A1"), "2022-10-30")}), teacher("a5", 0, 0)});
    a.batch_start = "2022-09-01";
    fx.add(std::move(a));
    // School 1 also has an ended batch with an overdue teacher: not projected, not late.
    fx.add(batch("S1", "2022-1", "2022-06-30", {teacher("b1", 10, 0)}));
    // School 2: points met but hours not: not passed, so not in the pace.
    fx.add(batch("S2", "2022-2", "2022-12-31",
                 {teacher("c1", 10, 25, {on(pass("A1"), "2022-10-26"), on(pass("A2"), "2022-10-27"), on(pass("A5"), "2022-10-28")})}));
    const Summary s = fx.run(Policy{}, "2022-11-01");
    REQUIRE(s.forecast.schools.size() == 2);

    const SchoolForecast& one = s.forecast.schools[0];
    REQUIRE(one.batches.size() == 2);
    const BatchForecast& ended = one.batches[0];  // "2022-1" sorts first
    CHECK(ended.batch == "2022-1");
    CHECK(ended.state == ForecastState::ended);
    const BatchForecast& open = one.batches[1];
    CHECK(open.batch == "2022-2");
    CHECK(open.teachers == 5);
    CHECK(open.passed == 3);
    CHECK(open.window_passed == 2);  // 10-28 and 10-05; 10-04 is one day before the window
    CHECK(open.projected_unpassed == 0);  // ⌊2 × 60 / 28⌋ = 4 ≥ 2 left
    CHECK(open.finish == iso_from_days(day("2022-11-01") + 28));
    CHECK(one.new_passed_7d == 1);
    CHECK_FALSE(one.late);
    CHECK(one.open);
    CHECK(one.finish == open.finish);

    const SchoolForecast& two = s.forecast.schools[1];
    CHECK(two.batches[0].passed == 0);
    CHECK(two.batches[0].window_passed == 0);
    CHECK(two.projected_unpassed == 1);
    CHECK(two.late);
    CHECK(two.finish.empty());
    CHECK(s.forecast.late_schools == 1);
    CHECK(s.forecast.projected_unpassed == 1);
    CHECK(s.forecast.new_passed_7d == 1);

    // The 7 days end on the as-of date: the 10-28 pass counts up to 11-03 (10-28 … 11-03), not on 11-04.
    CHECK(fx.run(Policy{}, "2022-11-03").forecast.new_passed_7d == 1);
    CHECK(fx.run(Policy{}, "2022-11-04").forecast.new_passed_7d == 0);
    // A pass day after the as-of date is not counted yet: as of 10-20, 10-04 and 10-05 are.
    const Summary early = fx.run(Policy{}, "2022-10-20");
    CHECK(early.forecast.schools[0].batches[1].window_passed == 2);
    CHECK(early.forecast.schools[0].new_passed_7d == 0);
}

TEST_CASE("the worked example of docs/format.md §8, loaded from its files") {
    Tracker tracker;
    tracker.set_as_of("2022-11-01");
    for (const char* name : {"shihao-2022-2.json", "zhuantang-2022-2.json"})
        tracker.load(name, read_file(std::string("tests/compare/example-forecast/") + name));
    tracker.refresh();
    const Summary& s = tracker.summary();
    REQUIRE(s.schools.size() == 2);
    CHECK(s.problems.empty());
    const SchoolForecast& shihao = s.forecast.schools[0];
    CHECK(s.schools[0].id == "500110-0014");
    REQUIRE(shihao.batches.size() == 1);
    CHECK(shihao.batches[0].teachers == 8);
    CHECK(shihao.batches[0].passed == 5);
    CHECK(shihao.batches[0].window_passed == 2);
    CHECK(shihao.batches[0].state == ForecastState::on_track);
    CHECK(shihao.finish == "2022-12-13");
    CHECK(shihao.new_passed_7d == 1);
    const SchoolForecast& zhuantang = s.forecast.schools[1];
    CHECK(zhuantang.batches[0].state == ForecastState::late);
    CHECK(zhuantang.projected_unpassed == 3);
    CHECK(zhuantang.batches[0].finish == "2023-03-21");
    CHECK(zhuantang.late);
    CHECK(s.forecast.late_schools == 1);
}

namespace {

void check_same_forecast(const Forecast& fast, const Forecast& slow) {
    CHECK(fast.new_passed_7d == slow.new_passed_7d);
    CHECK(fast.projected_unpassed == slow.projected_unpassed);
    CHECK(fast.late_schools == slow.late_schools);
    REQUIRE(fast.schools.size() == slow.schools.size());
    for (size_t i = 0; i < fast.schools.size(); ++i) {
        const SchoolForecast &a = fast.schools[i], &b = slow.schools[i];
        CHECK(a.new_passed_7d == b.new_passed_7d);
        CHECK(a.projected_unpassed == b.projected_unpassed);
        CHECK(a.late == b.late);
        CHECK(a.open == b.open);
        CHECK(a.finish == b.finish);
        REQUIRE(a.batches.size() == b.batches.size());
        for (size_t k = 0; k < a.batches.size(); ++k) {
            const BatchForecast &x = a.batches[k], &y = b.batches[k];
            CHECK(x.batch == y.batch);
            CHECK(x.state == y.state);
            CHECK(x.teachers == y.teachers);
            CHECK(x.passed == y.passed);
            CHECK(x.window_days == y.window_days);
            CHECK(x.window_passed == y.window_passed);
            CHECK(x.pace_per_week == y.pace_per_week);
            CHECK(x.projected_unpassed == y.projected_unpassed);
            CHECK(x.finish == y.finish);
        }
    }
}

}  // namespace

TEST_CASE("compute()'s forecast, with pass days from its own loop, equals forecast() reading each record again") {
    // compute() gathers each passed teacher's dated points while it evaluates the teacher and
    // hands the pass days to the forecast; forecast() without them calls pass_day() per record.
    // Generated files (with record errors), four policies, the as-of date stepped through the
    // batch every 5 days so that every pass day falls in some 28-day window and some 7 days.
    std::vector<Policy> policies(4);
    policies[1].environments[2] = false;  // no C
    policies[1].required = {point_index("A1"), point_index("B3")};
    policies[2].min_passed = 5;
    policies[2].min_dimensions = 4;
    policies[2].total_min = 60;
    policies[3].environments[0] = policies[3].environments[1] = false;  // C only: no 学情分析
    policies[3].min_dimensions = 3;
    policies[3].required = {point_index("C2"), point_index("C2"), 99};  // repeated, and out of range
    int passed_seen = 0;
    for (uint64_t seed : {3u, 11u}) {
        GenerateOptions options;
        options.schools = 5;
        options.teachers_per_school = 40;
        options.seed = seed;
        options.with_errors = seed == 11;
        options.data_date = "2022-10-20";
        Workspace ws;
        for (const GeneratedFile& f : generate(options)) ws.add(f.name, f.bytes);
        const Merged merged = merge(ws);
        for (const Policy& policy : policies) {
            for (long as_of = day("2022-02-20"); as_of <= day("2023-01-10"); as_of += 5) {
                const Summary s = compute(ws, merged, policy, iso_from_days(as_of));
                CAPTURE(seed);
                CAPTURE(iso_from_days(as_of));
                check_same_forecast(s.forecast, forecast(ws, s, policy));
                for (const TeacherResult& t : s.teachers) passed_seen += t.status == TeacherStatus::passed;
            }
        }
    }
    CHECK(passed_seen > 1000);  // the data did pass teachers under these policies
}

TEST_CASE("pass_day_of: the dated points in any order give pass_day()") {
    // Random teachers (seeded): points of every status and grade, dated or not, some repeated.
    uint64_t state = 12345;
    auto next = [&](uint64_t n) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return (state >> 33) % n;
    };
    std::vector<Policy> policies(3);
    policies[1].required = {point_index("A2"), 40};
    policies[2].environments[1] = false;
    policies[2].min_passed = 2;
    for (int round = 0; round < 3000; ++round) {
        std::vector<PointRecord> t;
        const size_t points = next(round % 100 == 0 ? 90 : 12);  // now and then more than 64
        for (size_t i = 0; i < points; ++i) {
            PointRecord p;
            p.point = uint8_t(next(32));  // 30 and 31: not a point
            p.status = PointStatus(next(3));
            p.grade = Grade(next(4));
            if (next(5) != 0) p.reviewed = Day(day("2022-09-01") + long(next(20)));
            t.push_back(p);
        }
        for (const Policy& policy : policies) {
            std::vector<DatedPoint> dated;
            for (const PointRecord& p : t)
                if (p.point < kPointCount && p.status == PointStatus::graded &&
                    (p.grade == Grade::pass || p.grade == Grade::excellent) &&
                    policy.environments[int(catalog()[p.point].env)] && p.reviewed != kNoDay)
                    dated.emplace_back(long(p.reviewed), int(p.point));
            for (size_t i = dated.size(); i > 1; --i) std::swap(dated[i - 1], dated[next(i)]);
            CHECK(pass_day_of(dated.data(), dated.size(), policy) == pass_day({t.data(), t.data() + t.size()}, policy));
        }
    }
}

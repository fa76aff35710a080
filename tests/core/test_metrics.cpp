// format.md §4 rule by rule, on workspaces built in code, with expectations computed by hand.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "metrics_fixture.h"

using namespace it2;
using namespace it2_test;

TEST_CASE("dates: strict ISO parsing and day arithmetic") {
    CHECK(is_iso_date("2022-11-01"));
    CHECK(is_iso_date("2024-02-29"));
    CHECK_FALSE(is_iso_date("2022-02-29"));
    CHECK_FALSE(is_iso_date("1900-02-29"));
    CHECK(is_iso_date("2000-02-29"));
    CHECK_FALSE(is_iso_date("2022-13-01"));
    CHECK_FALSE(is_iso_date("2022-1-01"));
    CHECK_FALSE(is_iso_date("2022/11/01"));
    CHECK_FALSE(is_iso_date(""));
    CHECK_FALSE(is_iso_date("0000-01-01"));  // there is no year 0 in the Gregorian calendar
    CHECK(days_from_iso("0000-03-01") == kNoDate);
    CHECK(is_iso_date("0001-01-01"));
    CHECK(days_from_iso("1970-01-01") == 0);
    CHECK(days_from_iso("1970-01-02") == 1);
    CHECK(days_from_iso("1969-12-31") == -1);
    CHECK(days_from_iso("2022-12-01") - days_from_iso("2022-11-01") == 30);
    CHECK(days_from_iso("2023-01-01") - days_from_iso("2022-01-01") == 365);
    CHECK(days_from_iso("2025-01-01") - days_from_iso("2024-01-01") == 366);
    CHECK(days_from_iso("not a date") == kNoDate);
    CHECK(is_iso_date(today_iso()));
}

TEST_CASE("teacher passes: hours rules and three passed points over three dimensions") {
    // A1 学情分析, A2 教学设计, A5 学法指导.
    TeacherResult t = one_teacher(teacher("t", 25, 25, {pass("A1"), pass("A2"), pass("A5")}));
    CHECK(t.status == TeacherStatus::passed);
    CHECK(t.passed_points == 3);
    CHECK(t.excellent_points == 0);
    CHECK(t.dimensions == 3);
    CHECK(t.hours_met);
    CHECK(t.missing.empty());

    SUBCASE("one practice hour short") {
        TeacherResult short_hours = one_teacher(teacher("t", 26, 24, {pass("A1"), pass("A2"), pass("A5")}));
        CHECK(short_hours.status == TeacherStatus::in_progress);
        CHECK_FALSE(short_hours.hours_met);
        CHECK(missing_zh(short_hours) == std::vector<std::string>{"实践学时还差 1 学时"});
        CHECK(missing_en(short_hours) == std::vector<std::string>{"1 practice hour still missing"});
    }
    SUBCASE("the total rule on its own") {
        Policy p;
        p.online_min = 20;
        p.practice_min = 20;
        p.total_min = 50;
        TeacherResult total = one_teacher(teacher("t", 22, 23.5, {pass("A1"), pass("A2"), pass("A5")}), p);
        CHECK_FALSE(total.hours_met);
        CHECK(missing_zh(total) == std::vector<std::string>{"总学时还差 4.5 学时"});
        CHECK(missing_en(total) == std::vector<std::string>{"4.5 more hours needed to reach the total"});
        CHECK(one_teacher(teacher("t", 25, 25, {pass("A1"), pass("A2"), pass("A5")}), p).status ==
              TeacherStatus::passed);
    }
    SUBCASE("two dimensions only: A2 and A3 are both 教学设计") {
        TeacherResult two = one_teacher(teacher("t", 30, 30, {pass("A1"), pass("A2"), pass("A3")}));
        CHECK(two.passed_points == 3);
        CHECK(two.dimensions == 2);
        CHECK(two.status == TeacherStatus::in_progress);
        // 学法指导 and 学业评价 are both open: either one will do.
        REQUIRE(two.missing.size() == 1);
        CHECK(two.missing[0].kind == Missing::Kind::points);
        CHECK(describe(two.missing[0], Lang::zh) == "还需 1 个合格能力点，须属于新的维度（可选：学法指导、学业评价）");
        CHECK(describe(two.missing[0], Lang::en) ==
              "Needs 1 more passed point, in a dimension not covered yet (choose from: Learning guidance, Assessment)");
    }
    SUBCASE("a failed point does not count") {
        TeacherResult failed = one_teacher(teacher("t", 30, 30, {pass("A1"), pass("A2"), fail("A5")}));
        CHECK(failed.passed_points == 2);
        CHECK(failed.dimensions == 2);
        CHECK(failed.status == TeacherStatus::in_progress);
        // One point short and one dimension short: one more point, in a new dimension (not two).
        CHECK(missing_zh(failed) == std::vector<std::string>{"还需 1 个合格能力点，须属于新的维度（可选：学法指导、学业评价）"});
    }
}

TEST_CASE("excellent needs passing and min_excellent_points 优秀 points") {
    CHECK(one_teacher(teacher("t", 25, 25, {excellent("A1"), excellent("A2"), pass("A5")})).status ==
          TeacherStatus::excellent);
    CHECK(one_teacher(teacher("t", 25, 25, {excellent("A1"), pass("A2"), pass("A5")})).status == TeacherStatus::passed);
    // Two 优秀 points but the hours are short: not even passed.
    TeacherResult short_hours = one_teacher(teacher("t", 25, 10, {excellent("A1"), excellent("A2"), pass("A5")}));
    CHECK(short_hours.status == TeacherStatus::in_progress);
    CHECK(short_hours.excellent_points == 2);
    Policy three;
    three.min_excellent_points = 3;
    CHECK(one_teacher(teacher("t", 25, 25, {excellent("A1"), excellent("A2"), pass("A5")}), three).status ==
          TeacherStatus::passed);
    CHECK(one_teacher(teacher("t", 25, 25, {excellent("A1"), excellent("A2"), excellent("A5")}), three).status ==
          TeacherStatus::excellent);
}

TEST_CASE("not_met needs a batch end strictly before the as-of date") {
    const HandTeacher t = teacher("t", 10, 0, {pass("A1")});
    CHECK(one_teacher(t, Policy{}, "2022-10-31", "2022-11-01").status == TeacherStatus::not_met);
    CHECK(one_teacher(t, Policy{}, "2022-11-01", "2022-11-01").status == TeacherStatus::in_progress);
    CHECK(one_teacher(t, Policy{}, "", "2022-11-01").status == TeacherStatus::in_progress);  // no end: never
    // not_met comes before awaiting_review and not_started.
    CHECK(one_teacher(teacher("t", 0, 0, {submitted("A1")}), Policy{}, "2022-10-31").status == TeacherStatus::not_met);
    CHECK(one_teacher(teacher("t", 0, 0), Policy{}, "2022-10-31").status == TeacherStatus::not_met);
    // A teacher who passed stays passed after the end.
    CHECK(one_teacher(teacher("t", 25, 25, {pass("A1"), pass("A2"), pass("A5")}), Policy{}, "2022-10-31").status ==
          TeacherStatus::passed);
    TeacherResult overdue = one_teacher(t, Policy{}, "2022-10-31");
    CHECK(overdue.overdue);
    CHECK_FALSE(overdue.at_risk);
}

TEST_CASE("awaiting_review, not_started, in_progress") {
    CHECK(one_teacher(teacher("t", 0, 0, {submitted("A1")})).status == TeacherStatus::awaiting_review);
    CHECK(one_teacher(teacher("t", 30, 30, {pass("A1"), submitted("A2")})).status == TeacherStatus::awaiting_review);
    CHECK(one_teacher(teacher("t", 0, 0)).status == TeacherStatus::not_started);
    CHECK(one_teacher(teacher("t", 0, 0, {selected("A1"), selected("B2")})).status == TeacherStatus::not_started);
    CHECK(one_teacher(teacher("t", 0, 0, {fail("A1")})).status == TeacherStatus::in_progress);
    CHECK(one_teacher(teacher("t", 0.5, 0)).status == TeacherStatus::in_progress);
    // Status 4 and 5 look at every point, even outside the policy's environments.
    Policy only_a = policy_with_envs(true, false, false);
    CHECK(one_teacher(teacher("t", 0, 0, {submitted("C1")}), only_a).status == TeacherStatus::awaiting_review);
    CHECK(one_teacher(teacher("t", 0, 0, {fail("B1")}), only_a).status == TeacherStatus::in_progress);
}

TEST_CASE("C-only choices against min_dimensions: C has no 学情分析") {
    // C1 教学设计, C3 学法指导, C6 学业评价: three dimensions.
    CHECK(one_teacher(teacher("t", 25, 25, {pass("C1"), pass("C3"), pass("C6")})).status == TeacherStatus::passed);

    Policy only_c = policy_with_envs(false, false, true);
    TeacherResult two = one_teacher(teacher("t", 25, 25, {pass("C1"), pass("C2"), pass("C3")}), only_c);
    CHECK(two.dimensions == 2);
    CHECK(two.status == TeacherStatus::in_progress);
    // Inside C only 学业评价 is left, so the message names it.
    REQUIRE(two.missing.size() == 1);
    CHECK(two.missing[0].kind == Missing::Kind::points);
    CHECK(two.missing[0].dimension_options == 1u << int(Dimension::assessment));
    CHECK(describe(two.missing[0], Lang::zh) == "还需 1 个合格能力点，须属于新的维度（即：学业评价）");
    CHECK(describe(two.missing[0], Lang::en) == "Needs 1 more passed point, in a dimension not covered yet (namely: Assessment)");

    Policy four = only_c;
    four.min_dimensions = 4;
    TeacherResult never = one_teacher(teacher("t", 25, 25, {pass("C1"), pass("C3"), pass("C6"), pass("C7")}), four);
    CHECK(never.dimensions == 3);
    CHECK(never.status == TeacherStatus::in_progress);
    REQUIRE(never.missing.size() == 1);
    CHECK(never.missing[0].kind == Missing::Kind::dimensions);
    CHECK(describe(never.missing[0], Lang::zh) == "还需覆盖 1 个新维度，但允许的环境中已没有足够的维度可选");

    // With every environment allowed, the fourth dimension can come from A1 or B1.
    Policy four_all;
    four_all.min_dimensions = 4;
    TeacherResult possible =
        one_teacher(teacher("t", 25, 25, {pass("C1"), pass("C3"), pass("C6"), pass("C7")}), four_all);
    REQUIRE(possible.missing.size() == 1);
    CHECK(possible.missing[0].kind == Missing::Kind::points);
    CHECK(possible.missing[0].dimension_options == 1u << int(Dimension::analysis));
    CHECK(one_teacher(teacher("t", 25, 25, {pass("C1"), pass("C3"), pass("C6"), pass("B1")}), four_all).status ==
          TeacherStatus::passed);
}

TEST_CASE("required points must be among the passed points") {
    Policy p;
    p.required = {point_index("A1")};
    TeacherResult without = one_teacher(teacher("t", 25, 25, {pass("A2"), pass("A5"), pass("A11")}), p);
    CHECK(without.passed_points == 3);
    CHECK(without.dimensions == 3);
    CHECK(without.status == TeacherStatus::in_progress);
    CHECK(missing_zh(without) == std::vector<std::string>{"必修能力点 A1 尚未合格"});
    CHECK(missing_en(without) == std::vector<std::string>{"Required point A1 not yet passed"});
    // Selected or failed is not enough.
    CHECK(one_teacher(teacher("t", 25, 25, {pass("A2"), pass("A5"), pass("A11"), fail("A1")}), p).status ==
          TeacherStatus::in_progress);
    CHECK(one_teacher(teacher("t", 25, 25, {pass("A2"), pass("A5"), excellent("A1")}), p).status ==
          TeacherStatus::passed);
}

TEST_CASE("the policy's environments restrict which points count") {
    Policy only_a = policy_with_envs(true, false, false);
    const HandTeacher b_only = teacher("t", 25, 25, {excellent("B1"), excellent("B2"), pass("B4")});
    CHECK(one_teacher(b_only).status == TeacherStatus::excellent);
    TeacherResult restricted = one_teacher(b_only, only_a);
    CHECK(restricted.passed_points == 0);
    CHECK(restricted.excellent_points == 0);
    CHECK(restricted.dimensions == 0);
    CHECK(restricted.status == TeacherStatus::in_progress);
    // Three points, and they must cover three dimensions: three points in all, not six.
    CHECK(missing_zh(restricted) ==
          std::vector<std::string>{"还需 3 个合格能力点，分别属于 3 个不同的新维度（可选：学情分析、教学设计、学法指导、学业评价）"});
    // Mixed: two A points count, the B point does not.
    TeacherResult mixed = one_teacher(teacher("t", 25, 25, {excellent("A1"), excellent("A2"), excellent("B4")}), only_a);
    CHECK(mixed.passed_points == 2);
    CHECK(mixed.excellent_points == 2);
    CHECK(mixed.dimensions == 2);
}

TEST_CASE("missing lists hours without trailing zeros, never rounding a shortfall to 0") {
    TeacherResult t = one_teacher(teacher("t", 20.5, 0, {pass("A1")}));
    CHECK(missing_zh(t) == std::vector<std::string>{"在线学时还差 4.5 学时", "实践学时还差 25 学时",
                                                   "还需 2 个合格能力点，分别属于 2 个不同的新维度（可选：教学设计、学法指导、学业评价）"});
    CHECK(missing_en(t) == std::vector<std::string>{"4.5 online hours still missing", "25 practice hours still missing",
                                                   "Needs 2 more passed points, each in a different dimension not covered "
                                                   "yet (choose from: Instructional design, Learning guidance, Assessment)"});
    Missing m{};
    m.kind = Missing::Kind::practice_hours;
    m.amount = 25 - 24.7;  // 0.3000000000000007
    CHECK(describe(m, Lang::zh) == "实践学时还差 0.3 学时");
    m.amount = 0.001;
    CHECK(describe(m, Lang::zh) == "实践学时还差 0.01 学时");
    m.amount = 10;
    CHECK(describe(m, Lang::en) == "10 practice hours still missing");
    m.kind = Missing::Kind::points;
    m.amount = 1;
    CHECK(describe(m, Lang::en) == "Needs 1 more passed point");
    // A passed teacher misses nothing; a not_met one still gets the list.
    CHECK(one_teacher(teacher("t", 25, 10), Policy{}, "2022-10-01").missing.size() == 2);  // practice; points with their dimensions
}

TEST_CASE("school rates and score parts with the default policy") {
    Fixture fx;
    BatchFile f = batch("S1", "2022-1", "2022-12-31",
                        {teacher("excellent", 30, 30, {excellent("A1"), excellent("A2"), pass("A5")}),
                         teacher("passed", 25, 25, {pass("A1"), pass("A2"), pass("A5")}),
                         teacher("hours_only", 25, 25, {submitted("A1"), selected("A2")}),
                         teacher("started", 3, 0, {submitted("A1"), submitted("A2"), fail("A3")}),
                         teacher("idle", 0, 0, {selected("A1")})});
    f.management_team = {true, "2022-03-02"};
    f.development_plan = {true, ""};
    f.activities.resize(3);
    fx.add(std::move(f));
    Summary s = fx.run();
    const SchoolResult& school = find_school(s, "S1");
    CHECK(school.rates.teachers == 5);
    CHECK(*school.rates.participation == doctest::Approx(4.0 / 5));
    CHECK(*school.rates.hours == doctest::Approx(3.0 / 5));
    CHECK(*school.rates.submission == doctest::Approx(3.0 / 5));  // excellent, passed, started
    CHECK(*school.rates.pass == doctest::Approx(2.0 / 5));
    CHECK(*school.rates.excellence == doctest::Approx(1.0 / 5));
    CHECK(school.deliverables == 2);
    CHECK(school.score.organisation == doctest::Approx(20.0 * 2 / 3));
    CHECK(school.score.activities == doctest::Approx(20.0 * 3 / 4));
    CHECK(school.score.participation_hours == doctest::Approx(20.0 * 0.8 * 0.6));
    CHECK(school.score.pass == doctest::Approx(25.0 * 0.4));
    CHECK(school.score.excellence == doctest::Approx(15.0));  // 20% is above the 15% target
    CHECK(school.score.total() == doctest::Approx(20.0 * 2 / 3 + 15 + 9.6 + 10 + 15));
    CHECK(school.by_status[size_t(TeacherStatus::excellent)] == 1);
    CHECK(school.by_status[size_t(TeacherStatus::passed)] == 1);
    CHECK(school.by_status[size_t(TeacherStatus::awaiting_review)] == 2);
    CHECK(school.by_status[size_t(TeacherStatus::not_started)] == 1);
    CHECK(find_teacher(s, "hours_only").status == TeacherStatus::awaiting_review);
    CHECK(s.district_score == doctest::Approx(school.score.total()));
}

TEST_CASE("score parts with non-default weights and targets") {
    Policy p;
    p.weights = {10, 30, 20, 30, 10};  // organisation, activities, participation_hours, pass, excellence
    p.activities_per_batch = 2;
    p.excellence_target = 0.5;
    Fixture fx;
    BatchFile first = batch("S1", "2022-1", "2022-12-31",
                            {teacher("e", 25, 25, {excellent("A1"), excellent("A2"), pass("A5")}),
                             teacher("p", 25, 25, {pass("A1"), pass("A2"), pass("A5")})});
    first.training_plan = {true, ""};
    first.activities.resize(2);
    BatchFile second = batch("S1", "2023-1", "2023-12-31", {teacher("h", 10, 0), teacher("z", 0, 0)});
    second.activities.resize(1);
    fx.add(std::move(first));
    fx.add(std::move(second));
    Summary s = fx.run(p);
    const SchoolResult& school = find_school(s, "S1");
    CHECK(school.batches == std::vector<std::string>{"2022-1", "2023-1"});
    CHECK(school.activities == 3);
    // participation 3/4, hours 2/4, pass 2/4, excellence 1/4.
    CHECK(school.score.organisation == doctest::Approx(10.0 / 3));
    CHECK(school.score.activities == doctest::Approx(30.0 * 3 / (2 * 2)));
    CHECK(school.score.participation_hours == doctest::Approx(20.0 * 0.75 * 0.5));
    CHECK(school.score.pass == doctest::Approx(15.0));
    CHECK(school.score.excellence == doctest::Approx(10.0 * 0.25 / 0.5));
    CHECK(school.score.total() == doctest::Approx(10.0 / 3 + 22.5 + 7.5 + 15 + 5));
}

TEST_CASE("a school with no teachers: null rates, score from organisation and activities only") {
    Fixture fx;
    BatchFile f = batch("EMPTY", "2022-1", "2022-12-31");
    f.management_team = {true, ""};
    f.development_plan = {true, ""};
    f.training_plan = {true, ""};
    f.activities.resize(2);
    fx.add(std::move(f));
    Summary s = fx.run();
    REQUIRE(s.schools.size() == 1);
    const SchoolResult& school = s.schools[0];
    CHECK(school.rates.teachers == 0);
    CHECK_FALSE(school.rates.participation.has_value());
    CHECK_FALSE(school.rates.hours.has_value());
    CHECK_FALSE(school.rates.submission.has_value());
    CHECK_FALSE(school.rates.pass.has_value());
    CHECK_FALSE(school.rates.excellence.has_value());
    CHECK(school.score.organisation == doctest::Approx(20));
    CHECK(school.score.activities == doctest::Approx(10));
    CHECK(school.score.participation_hours == 0);
    CHECK(school.score.pass == 0);
    CHECK(school.score.excellence == 0);
    CHECK(school.score.total() == doctest::Approx(30));
    CHECK(s.district.teachers == 0);
    CHECK_FALSE(s.district.pass.has_value());
    CHECK(s.district_score == doctest::Approx(30));
}

TEST_CASE("district: rates over all teachers, score = unweighted mean of school scores") {
    Fixture fx;
    fx.add(batch("S1", "2022-1", "2022-12-31", {teacher("a", 25, 25, {pass("A1"), pass("A2"), pass("A5")})}));
    fx.add(batch("S2", "2022-1", "2022-12-31", {teacher("b", 0, 0), teacher("c", 0, 0), teacher("d", 1, 0)}));
    Summary s = fx.run();
    CHECK(s.district.teachers == 4);
    CHECK(*s.district.pass == doctest::Approx(0.25));  // not the mean of 1.0 and 0.0
    CHECK(*s.district.participation == doctest::Approx(0.5));
    const double s1 = find_school(s, "S1").score.total();
    const double s2 = find_school(s, "S2").score.total();
    // S1: participation 1 × hours 1 → 20, pass 25, excellence 0; S2: participation 1/3 × hours 0 → 0.
    CHECK(s1 == doctest::Approx(45));
    CHECK(s2 == doctest::Approx(0));
    CHECK(s.district_score == doctest::Approx((s1 + s2) / 2));
    Fixture none;
    CHECK(none.run().district_score == 0);
}

TEST_CASE("school identity: last file's name, distinct batches, replaced and rejected files") {
    Fixture fx;
    BatchFile old_copy = batch("S1", "2022-1", "2022-12-31", {teacher("gone", 1, 1)});
    old_copy.school_name = "旧名";
    old_copy.activities.resize(5);
    old_copy.management_team = {true, ""};
    fx.add(std::move(old_copy), FileStatus::replaced);
    BatchFile new_copy = batch("S1", "2022-1", "2022-12-31", {teacher("kept", 2, 2)});
    new_copy.school_name = "新名";
    new_copy.activities.resize(1);
    fx.add(std::move(new_copy));
    fx.add(batch("REJ", "2022-1", "2022-12-31"), FileStatus::rejected);
    Summary s = fx.run();
    REQUIRE(s.schools.size() == 1);  // the rejected file's school does not exist
    const SchoolResult& school = s.schools[0];
    CHECK(school.name == "新名");
    CHECK(school.batches == std::vector<std::string>{"2022-1"});
    CHECK(school.activities == 1);
    CHECK_FALSE(school.management_team);
    CHECK(school.rates.teachers == 1);
    CHECK(s.teachers.size() == 1);
    CHECK(s.teachers[0].id == "kept");
    REQUIRE(s.files.size() == 3);
    CHECK(s.files[0].status == FileStatus::replaced);
    CHECK(s.files[1].status == FileStatus::loaded);
    CHECK(s.files[2].status == FileStatus::rejected);
}

TEST_CASE("a teacher counts in the school and batch of the winning record") {
    Fixture fx;
    fx.add(batch("S1", "2021-1", "2021-12-31", {teacher("moved", 5, 5)}));
    fx.add(batch("S2", "2022-1", "2022-12-31", {teacher("moved", 25, 25, {pass("A1"), pass("A2"), pass("A5")})}));
    fx.merged.teachers = {{1, 0}};  // the later batch wins
    Summary s = fx.run();
    REQUIRE(s.teachers.size() == 1);
    CHECK(s.schools[size_t(s.teachers[0].school)].id == "S2");
    CHECK(s.teachers[0].batch == "2022-1");
    CHECK(find_school(s, "S1").rates.teachers == 0);
    CHECK_FALSE(find_school(s, "S1").rates.pass.has_value());
    CHECK(find_school(s, "S2").rates.teachers == 1);
}

TEST_CASE("at risk: as_of <= end <= as_of + at_risk_days and not passed") {
    const HandTeacher behind = teacher("t", 5, 5);
    CHECK(one_teacher(behind, Policy{}, "2022-11-01", "2022-11-01").at_risk);
    CHECK(one_teacher(behind, Policy{}, "2022-12-01", "2022-11-01").at_risk);  // exactly 30 days
    CHECK_FALSE(one_teacher(behind, Policy{}, "2022-12-02", "2022-11-01").at_risk);
    CHECK_FALSE(one_teacher(behind, Policy{}, "2022-10-31", "2022-11-01").at_risk);  // overdue instead
    CHECK_FALSE(one_teacher(teacher("t", 25, 25, {pass("A1"), pass("A2"), pass("A5")}), Policy{}, "2022-11-15").at_risk);
    Policy week;
    week.at_risk_days = 7;
    CHECK_FALSE(one_teacher(behind, week, "2022-11-15", "2022-11-01").at_risk);
    CHECK(one_teacher(behind, week, "2022-11-08", "2022-11-01").at_risk);

    Fixture fx;
    fx.add(batch("S1", "2022-1", "2022-11-20", {teacher("a", 1, 1), teacher("b", 1, 1)}));
    fx.add(batch("S1", "2021-1", "2021-12-31", {teacher("c", 1, 1)}));
    Summary s = fx.run();
    CHECK(find_school(s, "S1").at_risk == 2);
    CHECK(find_school(s, "S1").overdue == 1);
    CHECK(find_school(s, "S1").by_status[size_t(TeacherStatus::not_met)] == 1);
    fx.add(batch("S2", "2022-1", "2022-11-20", {teacher("d", 1, 1)}));
    Summary two = fx.run();
    CHECK(two.at_risk == 3);
    CHECK(two.overdue == 1);
    CHECK(two.by_status[size_t(TeacherStatus::in_progress)] == 3);
    CHECK(two.by_status[size_t(TeacherStatus::not_met)] == 1);
}

TEST_CASE("capability levels per point and env × dimension, by scope") {
    Fixture fx;
    fx.add(batch("S1", "2022-1", "2022-12-31",
                 {teacher("a", 1, 1, {selected("A1"), submitted("A2"), pass("A5"), excellent("B1")}),
                  teacher("b", 1, 1, {pass("A1"), fail("A2"), excellent("A5")})}));
    fx.add(batch("S2", "2023-1", "2023-12-31", {teacher("c", 1, 1, {excellent("A1"), pass("C6")})}));
    Summary s = fx.run();
    const int a1 = point_index("A1"), a2 = point_index("A2"), a5 = point_index("A5"), b1 = point_index("B1"),
              c6 = point_index("C6");
    using PS = PointState;
    CapabilityLevels all = capability_levels(fx.ws, s, Scope{});
    CHECK(all.teachers == 3);
    CHECK(all.points[a1][size_t(PS::selected)] == 1);
    CHECK(all.points[a1][size_t(PS::pass)] == 1);
    CHECK(all.points[a1][size_t(PS::excellent)] == 1);
    CHECK(all.points[a2][size_t(PS::submitted)] == 1);
    CHECK(all.points[a2][size_t(PS::fail)] == 1);
    CHECK(all.points[a5][size_t(PS::pass)] == 1);
    CHECK(all.points[a5][size_t(PS::excellent)] == 1);
    CHECK(all.points[b1][size_t(PS::excellent)] == 1);
    CHECK(all.points[c6][size_t(PS::pass)] == 1);
    CHECK(all.points[point_index("A3")][size_t(PS::selected)] == 0);
    CHECK(all.passed_by_env_dim[size_t(Env::A)][size_t(Dimension::analysis)] == 2);   // A1 b, c
    CHECK(all.passed_by_env_dim[size_t(Env::A)][size_t(Dimension::guidance)] == 2);   // A5 a, b
    CHECK(all.passed_by_env_dim[size_t(Env::A)][size_t(Dimension::design)] == 0);     // A2 failed
    CHECK(all.passed_by_env_dim[size_t(Env::B)][size_t(Dimension::analysis)] == 1);   // B1 a
    CHECK(all.passed_by_env_dim[size_t(Env::C)][size_t(Dimension::assessment)] == 1); // C6 c

    CapabilityLevels s2 = capability_levels(fx.ws, s, Scope{Scope::Kind::school, "S2"});
    CHECK(s2.teachers == 1);
    CHECK(s2.points[a1][size_t(PS::excellent)] == 1);
    CHECK(s2.points[a1][size_t(PS::pass)] == 0);
    CHECK(s2.passed_by_env_dim[size_t(Env::A)][size_t(Dimension::guidance)] == 0);

    CapabilityLevels b2022 = capability_levels(fx.ws, s, Scope{Scope::Kind::batch, "2022-1"});
    CHECK(b2022.teachers == 2);
    CHECK(b2022.points[c6][size_t(PS::pass)] == 0);
    CHECK(b2022.points[a5][size_t(PS::excellent)] == 1);

    CHECK(capability_levels(fx.ws, s, Scope{Scope::Kind::batch, "none"}).teachers == 0);
}

TEST_CASE("status keys and names") {
    CHECK(std::string(teacher_status_key(TeacherStatus::excellent)) == "excellent");
    CHECK(std::string(teacher_status_key(TeacherStatus::passed)) == "passed");
    CHECK(std::string(teacher_status_key(TeacherStatus::not_met)) == "not_met");
    CHECK(std::string(teacher_status_key(TeacherStatus::awaiting_review)) == "awaiting_review");
    CHECK(std::string(teacher_status_key(TeacherStatus::not_started)) == "not_started");
    CHECK(std::string(teacher_status_key(TeacherStatus::in_progress)) == "in_progress");
    CHECK(std::string(teacher_status_name(TeacherStatus::not_met, Lang::zh)) == "未达标");
    CHECK(std::string(teacher_status_name(TeacherStatus::in_progress, Lang::en)) == "In progress");
}

TEST_CASE("the still-missing points say the total once and which of them must add a dimension") {
    Policy two_dims;
    two_dims.min_dimensions = 2;  // 3 points, 2 dimensions
    // One point passed (学情分析): two more points, one of which must add a dimension.
    TeacherResult one = one_teacher(teacher("t", 25, 25, {pass("A1")}), two_dims);
    REQUIRE(one.missing.size() == 1);
    CHECK(one.missing[0].amount == 2);
    CHECK(one.missing[0].new_dimensions == 1);
    CHECK(describe(one.missing[0], Lang::zh) == "还需 2 个合格能力点，其中至少 1 个属于新的维度（可选：教学设计、学法指导、学业评价）");
    CHECK(describe(one.missing[0], Lang::en) ==
          "Needs 2 more passed points, at least 1 of them in a dimension not covered yet (choose from: Instructional "
          "design, Learning guidance, Assessment)");
    // Three points in one dimension: the points are enough, two more dimensions are not.
    Policy four_dims;
    four_dims.min_dimensions = 4;
    four_dims.min_passed = 5;
    TeacherResult narrow = one_teacher(teacher("t", 25, 25, {pass("A2"), pass("A3"), pass("A4")}), four_dims);
    REQUIRE(narrow.missing.size() == 1);
    CHECK(describe(narrow.missing[0], Lang::zh) ==
          "还需 3 个合格能力点，分别属于 3 个不同的新维度（即：学情分析、学法指导、学业评价）");
    Missing m{};
    m.kind = Missing::Kind::points;
    m.amount = 4;
    m.new_dimensions = 2;
    m.dimension_options = 0b1110;
    CHECK(describe(m, Lang::zh) == "还需 4 个合格能力点，其中至少 2 个分别属于不同的新维度（可选：教学设计、学法指导、学业评价）");
}

TEST_CASE("compute: a summary stands alone: its teachers' ids, names, subjects and batches outlive the workspace") {
    // Views of the records (metrics.h): the Summary holds the files they point into. Long texts,
    // so each is on the heap; the second workspace's texts of the same sizes then take the memory
    // of the first one's, had the Summary not kept it.
    auto make = [](const std::string& word, Fixture& fx) {
        for (int k = 0; k < 40; ++k) {
            // The texts in the file's own store, as the loader keeps them (not the tests' store).
            BatchFile f = batch("S" + std::to_string(k), word + "-batch-id-" + std::to_string(1000 + k), "2022-12-31");
            HandTeacher t = teacher("", 25, 25, {pass("A1")});
            t.record.id = f.text.keep(word + "-teacher-id-" + std::to_string(1000 + k));
            t.record.name = f.text.keep("教师" + word + "-teacher-id-" + std::to_string(1000 + k));
            t.record.subject = f.text.keep(word + "-subject-name-" + std::to_string(1000 + k));
            add_teacher(f, t);
            fx.add(std::move(f));
        }
    };
    Summary kept;
    {
        Fixture fx;
        make("first", fx);
        kept = fx.run();
    }  // the workspace, its files and their records are gone
    Fixture other;
    make("other", other);
    const Summary newer = other.run();
    REQUIRE(kept.teachers.size() == 40);
    REQUIRE(newer.teachers.size() == 40);
    for (int k = 0; k < 40; ++k) {
        const TeacherResult& t = kept.teachers[size_t(k)];
        const std::string n = std::to_string(1000 + k);
        CHECK(t.id == "first-teacher-id-" + n);
        CHECK(t.name == "教师first-teacher-id-" + n);
        CHECK(t.subject == "first-subject-name-" + n);
        CHECK(t.batch == "first-batch-id-" + n);
        CHECK(newer.teachers[size_t(k)].id == "other-teacher-id-" + n);
    }
}

// Per-point pass and fail rates, the capability table's order and the weakest points
// (capability_rates.h), from hand-made levels.
#include <doctest/doctest.h>

#include "capability_rates.h"
#include "catalog.h"

using namespace it2;

namespace {

// Levels with `row` = {selected, submitted (awaiting), pass, excellent, fail} for the point `code`.
void set_point(CapabilityLevels& lv, const char* code, std::array<int, kPointStateCount> row) {
    const int p = point_index(code);
    REQUIRE(p >= 0);
    lv.points[size_t(p)] = row;
}

int at(const char* code) { return point_index(code); }

}  // namespace

TEST_CASE("pass rate is 合格+优秀 of those who submitted, fail rate 不合格 of the same") {
    CapabilityLevels lv;
    set_point(lv, "A1", {50, 2, 5, 1, 2});  // chosen by 60, 10 submitted: 6 passed, 2 failed, 2 waiting
    set_point(lv, "B3", {4, 0, 0, 0, 0});   // chosen, nobody submitted
    const PointRates r = point_rates(lv);
    const PointRate& a1 = r[size_t(at("A1"))];
    CHECK(a1.point == at("A1"));
    CHECK(a1.chosen == 60);
    CHECK(a1.submitted == 10);
    CHECK(a1.passed == 6);
    CHECK(a1.failed == 2);
    REQUIRE(a1.pass_rate);
    REQUIRE(a1.fail_rate);
    CHECK(*a1.pass_rate == doctest::Approx(0.6));
    CHECK(*a1.fail_rate == doctest::Approx(0.2));
    const PointRate& b3 = r[size_t(at("B3"))];
    CHECK(b3.chosen == 4);
    CHECK(b3.submitted == 0);
    CHECK_FALSE(b3.pass_rate);
    CHECK_FALSE(b3.fail_rate);
    CHECK_FALSE(r[size_t(at("C7"))].pass_rate);  // not chosen at all
}

TEST_CASE("most chosen is not weakest: a rarely chosen point with a low pass rate ranks first") {
    CapabilityLevels lv;
    set_point(lv, "A1", {0, 0, 60, 10, 30});  // the most failures (30) but 70% pass
    set_point(lv, "B2", {0, 0, 4, 0, 8});     // 12 submitted, 33% pass
    set_point(lv, "C5", {0, 0, 0, 0, 3});     // 0% pass but only 3 submitted: too few to judge
    set_point(lv, "A3", {0, 5, 10, 0, 0});    // 15 submitted, 67% pass, nobody failed
    const PointRates r = point_rates(lv);
    const std::vector<int> weakest = weakest_points(r, 10, 5);
    REQUIRE(weakest.size() == 3);
    CHECK(weakest[0] == at("B2"));
    CHECK(weakest[1] == at("A3"));
    CHECK(weakest[2] == at("A1"));
    // With a smaller minimum sample the 3-submission point counts, and the limit cuts the list.
    const std::vector<int> small = weakest_points(r, 3, 2);
    REQUIRE(small.size() == 2);
    CHECK(small[0] == at("C5"));
    CHECK(small[1] == at("B2"));
    CHECK(weakest_points(r, 0, 30).size() == 4);  // a minimum below 1 still needs a submission
}

TEST_CASE("equal pass rates: the higher fail rate, then the larger sample first") {
    CapabilityLevels lv;
    set_point(lv, "A2", {0, 5, 5, 0, 0});    // 50% pass, 0% fail, 10 submitted
    set_point(lv, "A4", {0, 0, 5, 0, 5});    // 50% pass, 50% fail, 10 submitted
    set_point(lv, "A6", {0, 0, 10, 0, 10});  // 50% pass, 50% fail, 20 submitted
    const std::vector<int> weakest = weakest_points(point_rates(lv), 1, 30);
    REQUIRE(weakest.size() == 3);
    CHECK(weakest[0] == at("A6"));
    CHECK(weakest[1] == at("A4"));
    CHECK(weakest[2] == at("A2"));
}

TEST_CASE("the table sorts by pass rate either way, points without a rate last") {
    CapabilityLevels lv;
    set_point(lv, "A1", {0, 0, 9, 0, 1});  // 90%
    set_point(lv, "B1", {0, 0, 1, 0, 1});  // 50%
    set_point(lv, "C1", {0, 0, 0, 1, 3});  // 25%
    const PointRates r = point_rates(lv);
    const auto up = points_in_order(lv, r, PointColumn::pass_rate, true);
    CHECK(up[0] == at("C1"));
    CHECK(up[1] == at("B1"));
    CHECK(up[2] == at("A1"));
    const auto down = points_in_order(lv, r, PointColumn::pass_rate, false);
    CHECK(down[0] == at("A1"));
    CHECK(down[1] == at("B1"));
    CHECK(down[2] == at("C1"));
    // The 27 points without submissions follow in catalogue order, in both directions.
    CHECK(up[3] == at("A2"));
    CHECK(down[3] == at("A2"));
    CHECK(down[29] == at("C7"));
    // Fail rate: C1 (75%) first when descending.
    CHECK(points_in_order(lv, r, PointColumn::fail_rate, false)[0] == at("C1"));
}

TEST_CASE("the table sorts by counts and by catalogue columns, ties keep catalogue order") {
    CapabilityLevels lv;
    set_point(lv, "B10", {7, 0, 0, 0, 0});
    set_point(lv, "A13", {2, 1, 0, 0, 0});
    const PointRates r = point_rates(lv);
    const auto chosen = points_in_order(lv, r, PointColumn::chosen, false);
    CHECK(chosen[0] == at("B10"));
    CHECK(chosen[1] == at("A13"));
    CHECK(chosen[2] == at("A1"));  // 0 chosen: catalogue order
    const auto awaiting = points_in_order(lv, r, PointColumn::submitted_awaiting, false);
    CHECK(awaiting[0] == at("A13"));
    const auto by_point = points_in_order(lv, r, PointColumn::point, false);
    CHECK(by_point[0] == at("C7"));
    CHECK(by_point[29] == at("A1"));
    // Dimension ascending: the two 学情分析 points (A1, B1) first.
    const auto by_dimension = points_in_order(lv, r, PointColumn::dimension, true);
    CHECK(by_dimension[0] == at("A1"));
    CHECK(by_dimension[1] == at("B1"));
    CHECK(points_in_order(lv, r, PointColumn::environment, false)[0] == at("C1"));
}

TEST_CASE("the minimum sample is smaller inside one school") {
    CHECK(weakest_min_submitted(Scope::Kind::school) < weakest_min_submitted(Scope::Kind::district));
    CHECK(weakest_min_submitted(Scope::Kind::batch) == weakest_min_submitted(Scope::Kind::district));
}

// Per-point rates for the capability view (能力点分析): of the teachers who submitted a point,
// how many passed it (合格 or 优秀) and how many failed it; the table's order by any column; and
// the weakest points, ranked by pass rate among points with enough submissions to judge.
// Pure: computed from CapabilityLevels (metrics.h), drawn by src/ui/capability_view.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "metrics.h"

namespace it2 {

struct PointRate {
    int point = 0;       // catalogue index
    int chosen = 0;      // every state: how many teachers chose the point
    int submitted = 0;   // 待评审 + 合格 + 优秀 + 不合格 (everyone who handed it in)
    int passed = 0;      // 合格 + 优秀
    int failed = 0;      // 不合格
    // passed / submitted and failed / submitted; empty when nobody submitted. The two need not
    // add up to 1: submissions waiting for review count in neither.
    std::optional<double> pass_rate, fail_rate;
};

using PointRates = std::array<PointRate, kPointCount>;
PointRates point_rates(const CapabilityLevels& levels);

// The capability table's columns, in the order of the wide table. The five states follow
// PointState's order (selected … fail).
enum class PointColumn : uint8_t {
    point, environment, dimension, chosen, selected, submitted_awaiting, pass, excellent, fail, pass_rate, fail_rate
};
constexpr int kPointColumnCount = 11;

// The 30 catalogue indices sorted by `column` (ties: catalogue order). Points nobody submitted
// have no rate: they come last in either direction, so "lowest pass rate first" starts with a
// real rate.
std::array<int, kPointCount> points_in_order(const CapabilityLevels& levels, const PointRates& rates, PointColumn column,
                                             bool ascending);

// 最薄弱的能力点: the points with at least `min_submitted` submissions, lowest pass rate first
// (ties: higher fail rate, then more submissions, then catalogue order), at most `limit`.
std::vector<int> weakest_points(const PointRates& rates, int min_submitted, size_t limit);

// The sample size the capability view asks of a point before ranking it: 10 submissions for a
// district or a batch, 5 inside one school (a school of 40 teachers spreads them over 30 points).
int weakest_min_submitted(Scope::Kind scope);

}  // namespace it2

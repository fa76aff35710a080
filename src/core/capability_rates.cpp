#include "capability_rates.h"

#include <algorithm>
#include <tuple>

#include "catalog.h"

namespace it2 {

PointRates point_rates(const CapabilityLevels& levels) {
    PointRates out{};
    for (int p = 0; p < kPointCount; ++p) {
        const auto& row = levels.points[size_t(p)];
        PointRate& r = out[size_t(p)];
        r.point = p;
        for (int n : row) r.chosen += n;
        r.passed = row[size_t(PointState::pass)] + row[size_t(PointState::excellent)];
        r.failed = row[size_t(PointState::fail)];
        r.submitted = r.passed + r.failed + row[size_t(PointState::submitted)];
        if (r.submitted > 0) {
            r.pass_rate = double(r.passed) / double(r.submitted);
            r.fail_rate = double(r.failed) / double(r.submitted);
        }
    }
    return out;
}

namespace {

// The value a column sorts by; empty for a rate nobody's submission gives.
std::optional<double> column_value(const CapabilityLevels& levels, const PointRate& r, PointColumn column) {
    const PointInfo& info = catalog()[size_t(r.point)];
    const auto& row = levels.points[size_t(r.point)];
    switch (column) {
        case PointColumn::point: return double(r.point);
        case PointColumn::environment: return double(info.env);
        case PointColumn::dimension: return double(info.dimension);
        case PointColumn::chosen: return double(r.chosen);
        case PointColumn::selected: return double(row[size_t(PointState::selected)]);
        case PointColumn::submitted_awaiting: return double(row[size_t(PointState::submitted)]);
        case PointColumn::pass: return double(row[size_t(PointState::pass)]);
        case PointColumn::excellent: return double(row[size_t(PointState::excellent)]);
        case PointColumn::fail: return double(row[size_t(PointState::fail)]);
        case PointColumn::pass_rate: return r.pass_rate;
        case PointColumn::fail_rate: return r.fail_rate;
    }
    return std::nullopt;
}

}  // namespace

std::array<int, kPointCount> points_in_order(const CapabilityLevels& levels, const PointRates& rates, PointColumn column,
                                             bool ascending) {
    std::array<std::optional<double>, kPointCount> key;
    std::array<int, kPointCount> order{};
    for (int p = 0; p < kPointCount; ++p) {
        key[size_t(p)] = column_value(levels, rates[size_t(p)], column);
        order[size_t(p)] = p;
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const auto& ka = key[size_t(a)];
        const auto& kb = key[size_t(b)];
        if (ka.has_value() != kb.has_value()) return ka.has_value();  // no rate: last either way
        if (!ka) return false;
        return ascending ? *ka < *kb : *kb < *ka;
    });
    return order;
}

std::vector<int> weakest_points(const PointRates& rates, int min_submitted, size_t limit) {
    std::vector<int> out;
    for (const PointRate& r : rates) {
        if (r.submitted >= std::max(1, min_submitted)) out.push_back(r.point);
    }
    std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
        const PointRate& ra = rates[size_t(a)];
        const PointRate& rb = rates[size_t(b)];
        // Lower pass rate first, then higher fail rate, then the larger sample.
        return std::make_tuple(*ra.pass_rate, -*ra.fail_rate, -ra.submitted) <
               std::make_tuple(*rb.pass_rate, -*rb.fail_rate, -rb.submitted);
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

int weakest_min_submitted(Scope::Kind scope) { return scope == Scope::Kind::school ? 5 : 10; }

}  // namespace it2

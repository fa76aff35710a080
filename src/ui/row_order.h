// Filtering and ordering the dashboard's row lists (indices into the summary's tables).
#pragma once

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace it2::ui {

// Case-insensitive (ASCII) substring test; Chinese bytes compare exactly.
inline bool contains_folded(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    auto fold = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                          [&](char a, char b) { return fold(a) == fold(b); });
    return it != hay.end();
}

template <typename Key>
void sort_rows(std::vector<int>& rows, bool ascending, Key key) {
    // Keys are computed once per row, not per comparison: at 100k rows, a key that copies a
    // string or follows a record per comparison cost more than the whole recompute. (Pinyin keys
    // cost 1.5x the old byte order's sort this way, 10x per comparison: the pinyin benchmark in
    // tests/core/test_pinyin_order.cpp. Names sort once per merge, see places_in_order.)
    using K = decltype(key(0));
    std::vector<std::pair<K, int>> keyed;
    keyed.reserve(rows.size());
    for (int row : rows) keyed.emplace_back(key(row), row);
    std::stable_sort(keyed.begin(), keyed.end(), [ascending](const auto& a, const auto& b) {
        return ascending ? a.first < b.first : b.first < a.first;
    });
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = keyed[i].second;
}

// Each index's place when 0..n-1 are sorted by `key`: sorting by it later sorts integers.
template <typename Key>
std::vector<int> places_in_order(size_t n, Key key) {
    std::vector<int> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = int(i);
    sort_rows(order, true, key);
    std::vector<int> place(n);
    for (size_t p = 0; p < n; ++p) place[size_t(order[p])] = int(p);
    return place;
}

}  // namespace it2::ui

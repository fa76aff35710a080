// The rules in force (the defaults of docs/format.md §2; an it2-policy file overrides any field).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "problems.h"

namespace it2 {

struct ScoreWeights {
    double organisation = 20, activities = 20, participation_hours = 20, pass = 25, excellence = 15;
};

struct Policy {
    double online_min = 25, practice_min = 25, total_min = 50;
    int min_passed = 3, min_dimensions = 3;
    bool environments[kEnvCount] = {true, true, true};  // which environments count
    std::vector<int> required;                          // point indices that must be passed
    int min_excellent_points = 2;
    ScoreWeights weights;
    double activities_per_batch = 4;
    double excellence_target = 0.15;
    int at_risk_days = 30;
};

struct PolicyLoad {
    bool ok = false;  // false: file rejected, policy left at the caller's value
    Policy policy;
    Problems problems;
};

// Starts from `base` and overrides the fields the file gives.
PolicyLoad load_policy(std::string_view file_name, std::string_view bytes, const Policy& base = Policy{});

// The policy as an it2-policy JSON document (data/policy.json is policy_json(Policy{})).
std::string policy_json(const Policy& policy);

}  // namespace it2

// The policy file (format.md §2): any field left out keeps its default, a bad value is a
// problem and keeps the default, an unknown format or version rejects the file.
#include <doctest/doctest.h>

#include <string>

#include "policy.h"

using namespace it2;

namespace {

bool same(const Policy& a, const Policy& b) {
    bool envs = true;
    for (int i = 0; i < kEnvCount; ++i) envs = envs && a.environments[i] == b.environments[i];
    return envs && a.online_min == b.online_min && a.practice_min == b.practice_min && a.total_min == b.total_min &&
           a.min_passed == b.min_passed && a.min_dimensions == b.min_dimensions && a.required == b.required &&
           a.min_excellent_points == b.min_excellent_points && a.weights.organisation == b.weights.organisation &&
           a.weights.activities == b.weights.activities &&
           a.weights.participation_hours == b.weights.participation_hours && a.weights.pass == b.weights.pass &&
           a.weights.excellence == b.weights.excellence && a.activities_per_batch == b.activities_per_batch &&
           a.excellence_target == b.excellence_target && a.at_risk_days == b.at_risk_days;
}

const Problem* problem_at(const Problems& problems, const std::string& pointer) {
    for (const Problem& p : problems)
        if (p.pointer == pointer) return &p;
    return nullptr;
}

}  // namespace

TEST_CASE("the built-in policy is docs/format.md's default, and a file with only a header keeps it") {
    Policy p;
    CHECK(p.online_min == 25);
    CHECK(p.practice_min == 25);
    CHECK(p.total_min == 50);
    CHECK(p.min_passed == 3);
    CHECK(p.min_dimensions == 3);
    CHECK(p.min_excellent_points == 2);
    CHECK(p.weights.organisation + p.weights.activities + p.weights.participation_hours + p.weights.pass +
              p.weights.excellence ==
          100);
    CHECK(p.excellence_target == 0.15);

    PolicyLoad load = load_policy("p.json", "{\"format\": \"it2-policy\", \"version\": 1}");
    CHECK(load.ok);
    CHECK(load.problems.empty());
    CHECK(same(load.policy, Policy{}));
}

TEST_CASE("fields given override the base — fields left out keep the base's value") {
    Policy base;
    base.at_risk_days = 45;  // not the default: shows that the base, not the default, is kept
    const char* text = R"J({
  "format": "it2-policy", "version": 1,
  "hours": { "online_min": 20, "practice_min": 30 },
  "points": { "environments": ["a", "B"], "required": ["a1", "B10"] },
  "school_score": { "weights": { "pass": 30 }, "excellence_target": 0.2 },
  "unknown": { "anything": [1, 2] }
})J";
    PolicyLoad load = load_policy("sichuan.json", text, base);
    CHECK(load.ok);
    CHECK(load.problems.empty());
    const Policy& p = load.policy;
    CHECK(p.online_min == 20);
    CHECK(p.practice_min == 30);
    CHECK(p.total_min == 50);
    CHECK(p.environments[0]);
    CHECK(p.environments[1]);
    CHECK_FALSE(p.environments[2]);
    CHECK(p.required == std::vector<int>{point_index("A1"), point_index("B10")});
    CHECK(p.weights.pass == 30);
    CHECK(p.weights.excellence == 15);
    CHECK(p.excellence_target == 0.2);
    CHECK(p.activities_per_batch == 4);
    CHECK(p.at_risk_days == 45);
}

TEST_CASE("a bad value is a warning with its pointer and position, and the field keeps its value") {
    const char* text = R"J({"format": "it2-policy", "version": 1,
 "hours": {"online_min": "20", "practice_min": -1, "total_min": 40},
 "points": {"min_passed": 2.5, "min_dimensions": 5, "environments": ["D"], "required": ["Z1"]},
 "excellent": {"min_excellent_points": 1},
 "school_score": {"weights": [], "activities_per_batch": 0, "excellence_target": 1e400},
 "at_risk_days": true})J";
    PolicyLoad load = load_policy("p.json", text);
    CHECK(load.ok);
    const Policy& p = load.policy;
    CHECK(p.online_min == 25);
    CHECK(p.practice_min == 25);
    CHECK(p.total_min == 40);  // good values beside bad ones still count
    CHECK(p.min_passed == 3);
    CHECK(p.min_dimensions == 3);
    CHECK(p.environments[2]);
    CHECK(p.required.empty());
    CHECK(p.min_excellent_points == 1);
    CHECK(p.activities_per_batch == 4);
    CHECK(p.excellence_target == 0.15);
    CHECK(p.at_risk_days == 30);
    CHECK(load.problems.size() == 10);
    for (const Problem& problem : load.problems) {
        CAPTURE(problem.pointer);
        CHECK(problem.severity == Severity::warning);
        CHECK(problem.file == "p.json");
        CHECK_FALSE(problem.message_zh.empty());
        CHECK(problem.line > 0);
    }
    const Problem* online = problem_at(load.problems, "/hours/online_min");
    REQUIRE(online);
    CHECK(online->line == 2);
    CHECK(online->column == 26);
    CHECK(online->message_en == "hours.online_min is \"20\" but should be a number from 0 to 100000; keeping 25");
    const Problem* dims = problem_at(load.problems, "/points/min_dimensions");
    REQUIRE(dims);
    CHECK(dims->line == 3);
    CHECK(dims->column == 50);
    CHECK(problem_at(load.problems, "/school_score/weights"));
    CHECK(problem_at(load.problems, "/school_score/activities_per_batch"));
    const Problem* target = problem_at(load.problems, "/school_score/excellence_target");
    REQUIRE(target);
    CHECK(target->message_en.find("1e400") != std::string::npos);
    CHECK(problem_at(load.problems, "/at_risk_days"));
}

TEST_CASE("an unknown format or version, or text that is not JSON, rejects the policy file") {
    Policy base;
    base.min_passed = 4;
    for (const char* text : {"{\"format\": \"it2-batch\", \"version\": 1}", "{\"format\": \"it2-policy\", \"version\": 2}",
                             "{\"version\": 1}", "[]", "{\"format\": \"it2-policy\",", "\xFF"}) {
        CAPTURE(text);
        PolicyLoad load = load_policy("p.json", text, base);
        CHECK_FALSE(load.ok);
        CHECK(same(load.policy, base));
        REQUIRE(load.problems.size() == 1);
        CHECK(load.problems[0].severity == Severity::error);
        CHECK(load.problems[0].message_en.find("policy file is not used") != std::string::npos);
    }
}

TEST_CASE("policy_json writes format.md §2 and reads back to the same policy") {
    std::string text = policy_json(Policy{});
    CHECK(text.find("\"format\": \"it2-policy\"") != std::string::npos);
    CHECK(text.find("\"online_min\": 25,") != std::string::npos);  // whole numbers without ".0"
    CHECK(text.find("\"excellence_target\": 0.15") != std::string::npos);
    CHECK(text.find("\"environments\": [\n      \"A\",") != std::string::npos);
    PolicyLoad back = load_policy("policy.json", text);
    CHECK(back.ok);
    CHECK(back.problems.empty());
    CHECK(same(back.policy, Policy{}));

    Policy changed;
    changed.online_min = 20.5;
    changed.environments[2] = false;
    changed.required = {point_index("C7"), point_index("A1")};
    changed.weights.excellence = 0;
    changed.at_risk_days = 7;
    PolicyLoad again = load_policy("policy.json", policy_json(changed), Policy{});
    CHECK(again.ok);
    CHECK(again.problems.empty());
    CHECK(same(again.policy, changed));
}

// The rules and numbers of format.md §4: teacher status and what is still missing, school
// rates and score parts, the district rollup, capability levels, at-risk and overdue.
// compute() is a pure function of (workspace, merge, policy, as-of date).
//
// Where format.md is silent, this is what we do:
// - submission_rate counts all of a teacher's valid points, like statuses 4 and 5 (the
//   environments restriction applies to passing only);
// - a target of 0 or less (activities_per_batch, excellence_target) is always full marks;
// - an as-of date that is not YYYY-MM-DD makes no teacher not_met or at risk;
// - schools are listed by id, teachers in the merge's order (first appearance);
// - a required point outside the policy's environments never counts, so no one passes.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dates.h"
#include "forecast.h"
#include "parallel_for.h"
#include "policy.h"
#include "workspace.h"

namespace it2 {

enum class TeacherStatus : uint8_t { excellent, passed, not_met, awaiting_review, not_started, in_progress };
constexpr int kTeacherStatusCount = 6;
const char* teacher_status_key(TeacherStatus s);  // "excellent", "passed", …
const char* teacher_status_name(TeacherStatus s, Lang lang);  // the vocabulary's term (vocabulary.h)

// One thing a teacher still needs in order to pass, rendered by describe().
struct Missing {
    enum class Kind : uint8_t {
        online_hours,    // amount = hours still missing
        practice_hours,  // amount = hours still missing
        total_hours,     // amount = hours still missing (beyond the two above)
        points,          // amount = passed points still missing in all; new_dimensions of them must
                         // each add a dimension not covered yet (one item, so the total reads once)
        dimensions,      // amount = dimensions still missing when the allowed environments lack them
        required_point,  // point = a required point not yet passed
    };
    // (Largest first: 24 bytes instead of 32, one list per teacher who does not pass.)
    double amount = 0;
    int point = -1;
    int new_dimensions = 0;         // `points`: how many of them must be in distinct new dimensions
    Kind kind;
    uint8_t dimension_options = 0;  // bit d set = dimension d can still be added
};

// 实践学时还差 4.5 学时 / 4.5 practice hours still missing; 还需 2 个合格能力点，其中至少 1 个属于新的维度.
std::string describe(const Missing& m, Lang lang);
// An amount of hours as describe() prints it: rounded up to 0.01, no trailing zeros ("4.5").
std::string missing_amount(double hours);
// Fills {0} and {1} in a whole-sentence template, so each language orders its own words (the
// still-missing texts here and the reminder lists, remind.cpp).
std::string fill_template(const char* tmpl, const std::string& arg0, const std::string& arg1 = std::string());

struct TeacherResult {
    TeacherRef ref;
    // The winning record's id, name and subject, and its file's batch id: views of the loaded
    // records, which the Summary holds (Summary::sources), not copies (a malloc per teacher in
    // WebAssembly, whose strings keep 10 bytes inline). Valid while the Summary they came from is.
    std::string_view id, name, subject;
    int school = 0;  // index into Summary::schools
    std::string_view batch;
    TeacherStatus status = TeacherStatus::in_progress;
    double online = 0, practice = 0;
    int passed_points = 0, excellent_points = 0, dimensions = 0;
    bool hours_met = false, participated = false, submitted_enough = false;
    bool at_risk = false;  // batch ends within at_risk_days of as-of and not passed
    bool overdue = false;  // not_met
    std::vector<Missing> missing;  // empty when the teacher passes
};

struct Rates {
    int teachers = 0;
    std::optional<double> participation, hours, submission, pass, excellence;  // null: no teachers
};

struct ScoreParts {
    double organisation = 0, activities = 0, participation_hours = 0, pass = 0, excellence = 0;
    double total() const { return organisation + activities + participation_hours + pass + excellence; }
};

struct SchoolResult {
    std::string id, name, stage;
    std::vector<std::string> batches;  // distinct batch ids of its loaded files, sorted
    std::vector<int> teachers;         // indices into Summary::teachers
    Rates rates;
    ScoreParts score;
    int activities = 0, deliverables = 0;  // deliverables present, of 3
    bool management_team = false, development_plan = false, training_plan = false;
    int at_risk = 0, overdue = 0;
    std::array<int, kTeacherStatusCount> by_status{};
};

struct FileResult {
    std::string name;
    FileStatus status = FileStatus::loaded;
};

struct Summary {
    std::string as_of;
    Rates district;
    double district_score = 0;  // mean of the schools' scores (0 with no school)
    std::array<int, kTeacherStatusCount> by_status{};  // district-wide
    int at_risk = 0, overdue = 0;                      // district-wide
    std::vector<SchoolResult> schools;
    std::vector<TeacherResult> teachers;
    std::vector<FileResult> files;
    Problems problems;  // the files' problems, then the merge's
    Forecast forecast;  // forecast.h, of the above
    // The loaded files the teachers' views point into, held so a Summary stands alone: the page
    // keeps one while files are removed or replaced.
    std::vector<std::shared_ptr<const BatchFile>> sources;
};

// `parallel` (parallel_for.h) may evaluate the teachers on several threads; the result is the same.
Summary compute(const Workspace& ws, const Merged& merged, const Policy& policy, const std::string& as_of,
                const ParallelFor& parallel = {});

// The five rates over some teachers (a school's, or one batch of a school's: the school view).
Rates rates_of(const std::vector<const TeacherResult*>& teachers);

// Counts of teachers per state for each of the 30 points, in a scope.
enum class PointState : uint8_t { selected, submitted, pass, excellent, fail };
constexpr int kPointStateCount = 5;

struct CapabilityLevels {
    std::array<std::array<int, kPointStateCount>, kPointCount> points{};
    // Environment × dimension: passed (合格 or 优秀) points in that cell.
    std::array<std::array<int, kDimensionCount>, kEnvCount> passed_by_env_dim{};
    int teachers = 0;
};

struct Scope {
    enum class Kind : uint8_t { district, school, batch } kind = Kind::district;
    std::string id;  // school id or batch id
};

CapabilityLevels capability_levels(const Workspace& ws, const Summary& summary, const Scope& scope);


}  // namespace it2
